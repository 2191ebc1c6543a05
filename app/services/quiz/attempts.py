"""Starting, finding, finishing and expiring attempts.

Every answer is saved the moment it is given and graded against the copy of
the question taken when the attempt started."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, func, insert, select, update
from sqlalchemy.orm import Session

from app.models import (
    AttemptAnswer,
    Question,
    QuizAttempt,
    User,
)
from app.services import NotFound, ServiceError
from app.services.quiz.choosing import _display, draw, fewer_options
from app.services.quiz.scopes import Scope
from question_bank.question import QUESTION_TYPES

MIN_QUESTIONS, MAX_QUESTIONS = 5, 50
MAX_TIME_LIMIT_MINUTES = 180
# An answer sent this long after the deadline still counts (the network is slow).
GRACE = timedelta(seconds=5)
FEEDBACK_MODES = {"each": "After each question", "end": "At the end (exam style)"}


def _checked_choice(
    count: int,
    types: list[str],
    feedback_mode: str,
    time_limit_minutes: int | None,
    question_ids: list[str] | None,
) -> list[str]:
    """Refuse a choice out of bounds; returns the known question types chosen."""
    if not MIN_QUESTIONS <= count <= MAX_QUESTIONS and question_ids is None:
        raise ServiceError(f"Choose between {MIN_QUESTIONS} and {MAX_QUESTIONS} questions.")
    types = [t for t in types if t in QUESTION_TYPES]
    if not types:
        raise ServiceError("Choose at least one type of question.")
    if feedback_mode not in FEEDBACK_MODES:
        raise ServiceError("Choose when to see the answers.")
    if time_limit_minutes is not None and not 1 <= time_limit_minutes <= MAX_TIME_LIMIT_MINUTES:
        raise ServiceError(f"A time limit is between 1 and {MAX_TIME_LIMIT_MINUTES} minutes.")
    return types


def _chosen(
    db: Session,
    user: User,
    scope: Scope,
    count: int,
    types: list[str],
    rng: random.Random,
    question_ids: list[str] | None,
    include_details: bool,
) -> tuple[list[str], dict[str, Question]]:
    """The attempt's question ids, drawn from the scope or the given ones still
    live, and their questions (read once: the given ones with their check)."""
    if question_ids is None:
        drawn = draw(db, user, scope, types, count, rng, include_details)
        chosen, rows = [q.id for q in drawn], {q.id: q for q in drawn}
    else:
        rows = {
            q.id: q
            for q in db.scalars(
                select(Question).where(Question.id.in_(question_ids), ~Question.retired)
            )
        }
        chosen = [qid for qid in question_ids if qid in rows]
    if not chosen:
        if scope.kind == "mistakes":
            raise ServiceError("You have no mistakes to practise yet. Well done!")
        raise ServiceError("No questions match that choice; try other types or another topic.")
    return chosen, rows


def start_attempt(
    db: Session,
    user: User,
    scope: Scope,
    count: int,
    types: list[str],
    feedback_mode: str,
    time_limit_minutes: int | None,
    rng: random.Random,
    now: datetime,
    question_ids: list[str] | None = None,
    assignment_id: int | None = None,
    lesson_id: int | None = None,
    include_details: bool = False,
    time_limit_seconds: int | None = None,
    max_options: int | None = None,
) -> QuizAttempt:
    """A new attempt. Drawn from the scope's core and supporting questions unless
    `include_details` (see `choosing.draw`), or made of `question_ids`.

    An assigned quiz gives the student's own terms instead of a chosen limit:
    `time_limit_seconds` (an accommodation may make it a part of a minute) and
    `max_options`, the most options a multiple-choice question shows."""
    types = _checked_choice(count, types, feedback_mode, time_limit_minutes, question_ids)
    chosen, rows = _chosen(db, user, scope, count, types, rng, question_ids, include_details)
    seconds = time_limit_minutes * 60 if time_limit_minutes else time_limit_seconds
    attempt = QuizAttempt(
        user_id=user.id,
        scope=scope.to_dict(),
        question_types=types,
        feedback_mode=feedback_mode,
        total=len(chosen),
        time_limit_seconds=seconds or None,
        started_at=now,
        deadline_at=now + timedelta(seconds=seconds) if seconds else None,
        assignment_id=assignment_id,
        lesson_id=lesson_id,
    )
    db.add(attempt)
    db.flush()
    answers = []
    for position, qid in enumerate(chosen, start=1):
        question = rows[qid]
        display = _display(question.data, rng)
        if max_options:
            display = fewer_options(question.data, display, max_options)
        answers.append(
            {
                "attempt_id": attempt.id,
                "position": position,
                "question_id": qid,
                "fact_id": question.fact_id,
                "question_data": question.data,
                "question_version": question.version,
                "display": display,
            }
        )
    # One statement sent for all the rows (a class starts at once): the ORM would
    # build an object for each and read their ids back, which nothing here needs.
    db.execute(insert(AttemptAnswer), answers)
    return attempt


def open_practice_attempts(db: Session, user: User, now: datetime) -> list[QuizAttempt]:
    """The user's unfinished quizzes that no teacher assigned, newest first (the
    ones the cap on open quizzes counts; assigned work is one per assignment)."""
    expire_overdue(db, now, user.id)
    return list(
        db.scalars(
            select(QuizAttempt)
            .where(
                QuizAttempt.user_id == user.id,
                QuizAttempt.finished_at.is_(None),
                QuizAttempt.assignment_id.is_(None),
            )
            .order_by(QuizAttempt.started_at.desc())
        )
    )


def check_open_attempts(db: Session, user: User, now: datetime, limit: int) -> None:
    """Refuse a new practice quiz while `limit` are unfinished."""
    if len(open_practice_attempts(db, user, now)) >= limit:
        raise ServiceError(
            f"You have {limit} unfinished quizzes. Resume one, or abandon one you do not "
            "need, before starting another."
        )


def abandon_attempt(db: Session, user: User, attempt: QuizAttempt) -> None:
    """Delete an unfinished practice quiz with its answers. A finished quiz stays
    in the history, and assigned work stays for the teacher."""
    if attempt.user_id != user.id:
        raise NotFound("There is no such quiz in your account.")
    if attempt.is_finished:
        raise ServiceError("This quiz is finished; it stays in your history.")
    if attempt.assignment_id is not None:
        raise ServiceError("Assigned work cannot be abandoned; finish it instead.")
    db.delete(attempt)
    db.flush()


def get_attempt(db: Session, user: User, attempt_id: int) -> QuizAttempt:
    """The user's own attempt; anybody else's is 'not found', never revealed."""
    attempt = db.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.user_id != user.id:
        raise NotFound("There is no such quiz in your account.")
    return attempt


def _score(db: Session, attempt_id: int) -> tuple[int, float]:
    correct, total_score = db.execute(
        select(
            func.count().filter(AttemptAnswer.correct.is_(True)),
            func.coalesce(func.sum(AttemptAnswer.score), 0.0),
        ).where(AttemptAnswer.attempt_id == attempt_id)
    ).one()
    return int(correct or 0), float(total_score or 0.0)


def finish_attempt(
    db: Session, attempt: QuizAttempt, now: datetime, reason: str = "submitted"
) -> bool:
    """Finish once. Returns False if it was already finished (a double submit)."""
    if attempt.deadline_at is not None and now > attempt.deadline_at:
        now, reason = attempt.deadline_at, "time-up"
    correct, total_score = _score(db, attempt.id)
    done = cast(
        CursorResult[Any],
        db.execute(
            update(QuizAttempt)
            .where(QuizAttempt.id == attempt.id, QuizAttempt.finished_at.is_(None))
            .values(
                finished_at=now,
                finished_reason=reason,
                correct_count=correct,
                score=total_score / attempt.total,
            )
            .execution_options(synchronize_session=False)
        ),
    ).rowcount
    db.refresh(attempt)
    return bool(done)


def rescore_attempt(db: Session, attempt: QuizAttempt) -> None:
    """Count a finished attempt's score again from its stored answers, after a
    mark was changed by hand or by regrading (an open one is scored when it ends)."""
    if attempt.finished_at is None:
        return
    correct, total_score = _score(db, attempt.id)
    attempt.correct_count, attempt.score = correct, total_score / attempt.total
    db.flush()


def expire_if_due(db: Session, attempt: QuizAttempt, now: datetime) -> bool:
    """Finish an attempt whose time ran out, with the answers already saved."""
    if attempt.finished_at is None and attempt.deadline_at and now > attempt.deadline_at + GRACE:
        return finish_attempt(db, attempt, attempt.deadline_at, "time-up")
    return False


def expire_overdue(db: Session, now: datetime, user_id: int | None = None) -> int:
    """Finish every attempt whose time ran out, also for students who never came
    back (run before listing attempts, and by `flask quiz expire`)."""
    query = select(QuizAttempt).where(
        QuizAttempt.finished_at.is_(None),
        QuizAttempt.deadline_at.is_not(None),
        QuizAttempt.deadline_at < now - GRACE,
    )
    if user_id is not None:
        query = query.where(QuizAttempt.user_id == user_id)
    count = 0
    for attempt in db.scalars(query):
        count += expire_if_due(db, attempt, now)
    return count
