"""Changing marks after the fact: regrading past answers against a fixed
question, and a teacher's mark by hand on one answer.

Regrading grades each stored response again with the quiz's own grading, then
counts the attempt's score again; a mark given by hand wins and says so. A dry
run (`regrade_plan`) shows, per student, the old and the new mark and changes
nothing; `apply_regrade` does the same work and stores it, in the caller's
transaction (the view commits once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from app.models import AttemptAnswer, Classroom, Lesson, Question, QuizAttempt, User
from app.services import NotFound, ServiceError
from app.services import quiz as quizzes
from app.services.feedback import describe_response
from app.services.teaching.gradebook import attempt_in_class
from app.services.teaching.versions import MAX_VERSION_NOTE, may_edit_question

MAX_OVERRIDE_NOTE = MAX_VERSION_NOTE
MARKS = {"right": (True, 1.0), "wrong": (False, 0.0)}


@dataclass(frozen=True)
class RegradeRow:
    """One student's answer, and what regrading does to it."""

    answer_id: int
    attempt_id: int
    answered_at: datetime
    student: str
    lesson: str
    given: str
    old_version: int
    old_score: float
    new_score: float
    old_attempt_score: float | None
    new_attempt_score: float | None
    overridden: bool

    @property
    def changed(self) -> bool:
        return not self.overridden and self.new_score != self.old_score


@dataclass(frozen=True)
class RegradePlan:
    question: Question
    version: int
    rows: list[RegradeRow]

    @property
    def changed(self) -> int:
        return sum(1 for row in self.rows if row.changed)


def _affected(db: Session, user: User, question: Question) -> list[Any]:
    """Answered answers to older versions of the question, in attempts the user
    may regrade: those made in their lessons (an admin: all)."""
    query = (
        select(AttemptAnswer, QuizAttempt, User.display_name, Lesson.title)
        .join(QuizAttempt, QuizAttempt.id == AttemptAnswer.attempt_id)
        .join(User, User.id == QuizAttempt.user_id)
        .outerjoin(Lesson, Lesson.id == QuizAttempt.lesson_id)
        .where(
            AttemptAnswer.question_id == question.id,
            AttemptAnswer.question_version < question.version,
            AttemptAnswer.answered_at.is_not(None),
        )
        .order_by(User.display_name, QuizAttempt.started_at)
    )
    if not user.is_admin:
        query = query.where(Lesson.teacher_id == user.id)
    return list(db.execute(query).all())


def regrade_plan(db: Session, user: User, question: Question) -> RegradePlan:
    """What regrading against the current version would do; changes nothing."""
    if not may_edit_question(user, question):
        raise NotFound("There is no such question among yours.")
    found = _affected(db, user, question)
    attempt_ids = {attempt.id for _, attempt, _, _ in found}
    totals: dict[int, float] = {}
    if attempt_ids:
        totals = {
            aid: float(total or 0.0)
            for aid, total in db.execute(
                select(AttemptAnswer.attempt_id, func.coalesce(func.sum(AttemptAnswer.score), 0.0))
                .where(AttemptAnswer.attempt_id.in_(attempt_ids))
                .group_by(AttemptAnswer.attempt_id)
            )
        }
    rows = []
    for answer, attempt, student, lesson in found:
        old = answer.score or 0.0
        if answer.is_overridden:
            new = old
        else:
            _, new, _ = quizzes.grade_stored(question.data, answer.response)
        old_total = new_total = None
        if attempt.finished_at is not None:
            old_total = attempt.score
            new_total = (totals.get(attempt.id, 0.0) - old + new) / attempt.total
        rows.append(
            RegradeRow(
                answer.id,
                attempt.id,
                cast(datetime, answer.answered_at),
                student,
                lesson or attempt.scope.get("label", "Practice quiz"),
                describe_response(answer.question_data, answer.response),
                answer.question_version,
                old,
                new,
                old_total,
                new_total,
                answer.is_overridden,
            )
        )
    return RegradePlan(question, question.version, rows)


def apply_regrade(db: Session, user: User, question: Question, version: int) -> RegradePlan:
    """Regrade as the plan of `version` said (refused if the question moved on
    since), and count the attempts' scores again."""
    if version != question.version:
        raise ServiceError(
            "The question was edited again since this preview; look at the new preview "
            "before regrading."
        )
    plan = regrade_plan(db, user, question)
    data = question.data
    touched: set[int] = set()
    for row in plan.rows:
        values: dict[str, Any] = {"question_data": data, "question_version": question.version}
        if data["type"] not in ("matching", "ordering"):
            values["display"] = {"options": list(data.get("options", []))}
        if not row.overridden:
            answer = db.get(AttemptAnswer, row.answer_id)
            response = answer.response if answer is not None else None
            correct, score, message = quizzes.grade_stored(data, response)
            values.update(correct=correct, score=score, message=message)
        # only the answer as previewed: one the student changed meanwhile is left
        # for the next regrade, where it shows again
        done = cast(
            CursorResult[Any],
            db.execute(
                update(AttemptAnswer)
                .where(
                    AttemptAnswer.id == row.answer_id,
                    AttemptAnswer.question_version == row.old_version,
                    AttemptAnswer.answered_at == row.answered_at,
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            ),
        ).rowcount
        if done:
            touched.add(row.attempt_id)
    db.expire_all()
    for attempt_id in touched:
        attempt = db.get(QuizAttempt, attempt_id)
        if attempt is not None:
            quizzes.rescore_attempt(db, attempt)
    db.flush()
    return plan


def _answer_at(db: Session, attempt: QuizAttempt, position: int) -> AttemptAnswer:
    answer = db.scalars(
        select(AttemptAnswer).where(
            AttemptAnswer.attempt_id == attempt.id, AttemptAnswer.position == position
        )
    ).one_or_none()
    if answer is None:
        raise NotFound(f"This attempt has no question {position}.")
    return answer


def override_mark(
    db: Session,
    user: User,
    classroom: Classroom,
    attempt_id: int,
    position: int,
    mark: str,
    note: str,
    now: datetime,
) -> AttemptAnswer:
    """Mark one answer right or wrong by hand, with a note the student reads;
    `mark == "clear"` gives it back to grading (against its own version)."""
    attempt = attempt_in_class(db, classroom, attempt_id)
    answer = _answer_at(db, attempt, position)
    if attempt.finished_at is None:
        raise ServiceError("The student is still taking this quiz; mark it once it is finished.")
    if mark == "clear":
        if not answer.is_overridden:
            raise ServiceError("This answer has no mark given by hand.")
        if answer.is_answered:
            correct, score, message = quizzes.grade_stored(answer.question_data, answer.response)
            answer.correct, answer.score, answer.message = correct, score, message
        else:
            answer.correct = answer.score = answer.message = None
        answer.override_note = answer.overridden_by_id = answer.overridden_at = None
    elif mark in MARKS:
        note = note.strip()
        if not note:
            raise ServiceError("Write a note for the student: why the mark changed.")
        if len(note) > MAX_OVERRIDE_NOTE:
            raise ServiceError(
                f"A note can be at most {MAX_OVERRIDE_NOTE} characters; it has {len(note)}."
            )
        answer.correct, answer.score = MARKS[mark]
        answer.override_note, answer.overridden_by_id, answer.overridden_at = note, user.id, now
    else:
        raise ServiceError("Choose right or wrong.")
    db.flush()
    quizzes.rescore_attempt(db, attempt)
    return answer
