"""Quizzes: choosing questions, saving and grading answers, finishing attempts.

Every answer is saved the moment it is given and graded against the copy of
the question taken when the attempt started."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.models import (
    AttemptAnswer,
    Person,
    Question,
    QuestionReport,
    QuestionTag,
    QuizAttempt,
    Topic,
    User,
)
from app.services import NotFound, ServiceError
from app.services.visibility import question_clause, source_clause
from question_bank.question import QUESTION_TYPES, TYPE_LABELS, grade_response

MIN_QUESTIONS, MAX_QUESTIONS = 5, 50
MAX_TIME_LIMIT_MINUTES = 180
# An answer sent this long after the deadline still counts (the network is slow).
GRACE = timedelta(seconds=5)
FEEDBACK_MODES = {"each": "After each question", "end": "At the end (exam style)"}
REPORT_REASONS = {
    "unsupported": "The source does not support this answer",
    "ambiguous": "The question is ambiguous",
    "typo": "There is a typo",
    "other": "Something else",
}
MAX_ANSWER_LENGTH = 300


class QuizClosed(ServiceError):
    """The attempt is finished (submitted or out of time): no more answers."""


@dataclass(frozen=True)
class Scope:
    kind: str  # all | topic | source | person | disputed | mistakes | questions
    value: str
    label: str

    def key(self) -> str:
        return f"{self.kind}:{self.value}"

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "value": self.value, "label": self.label}


def scope_choices(db: Session, user: User | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """The choices for 'what to practise', grouped for an <optgroup> list: only
    sources this user may see (app.services.visibility)."""
    topics = list(db.scalars(select(Topic).order_by(Topic.position)))
    sources = db.execute(select(QuestionTag.value).where(QuestionTag.kind == "source").distinct())
    from app.models import Source

    titles = {
        sid: title if builtin else f"{title} (added by a teacher)"
        for sid, title, builtin in db.execute(
            select(Source.id, Source.title, Source.builtin).where(
                Source.id.in_([s for (s,) in sources]), source_clause(user)
            )
        )
    }
    source_ids = sorted(titles)
    people_with_questions = select(QuestionTag.value).where(QuestionTag.kind == "person").distinct()
    people = list(
        db.execute(select(Person.id, Person.name).where(Person.id.in_(people_with_questions)))
    )
    people.sort(key=lambda p: p[1].split()[-1].casefold())
    return [
        (
            "Mixed",
            [
                ("all:", "A mix of everything"),
                ("disputed:", "Where the sources disagree"),
                ("mistakes:", "My mistakes"),
            ],
        ),
        ("Trials", [(f"topic:{t.id}", t.title) for t in topics if t.kind == "trial"]),
        ("Themes", [(f"topic:{t.id}", t.title) for t in topics if t.kind != "trial"]),
        ("Sources", [(f"source:{s}", titles.get(s, s)) for s in source_ids]),
        ("People", [(f"person:{pid}", name) for pid, name in people]),
    ]


def parse_scope(db: Session, raw: str, user: User | None = None) -> Scope:
    kind, _, value = (raw or "all:").partition(":")
    for _group, options in scope_choices(db, user):
        for key, label in options:
            if key == f"{kind}:{value}":
                return Scope(kind, value, label)
    raise ServiceError("Choose what to practise from the list.")


def _pool(db: Session, user: User, scope: Scope, types: list[str]) -> list[tuple[str, str]]:
    """(question id, fact id) of every live question in the scope that the user
    may see: never a teacher's own question, nor one of an unpublished source."""
    query = select(Question.id, Question.fact_id).where(
        ~Question.retired, Question.type.in_(types), question_clause(user)
    )
    if scope.kind in ("topic", "source", "person"):
        query = query.join(QuestionTag).where(
            QuestionTag.kind == scope.kind, QuestionTag.value == scope.value
        )
    elif scope.kind == "disputed":
        query = query.join(QuestionTag).where(
            QuestionTag.kind == "flag", QuestionTag.value == "disputed"
        )
    elif scope.kind == "mistakes":
        wrong = _latest_wrong_question_ids(db, user)
        if not wrong:
            return []
        query = query.where(Question.id.in_(wrong))
    elif scope.kind == "questions":
        query = query.where(Question.id.in_(scope.value.split(",")))
    return [(qid, fid) for qid, fid in db.execute(query.order_by(Question.id))]


def _history(db: Session, user: User) -> dict[str, bool]:
    """Each question this user answered -> whether their latest answer was right."""
    rows = db.execute(
        select(AttemptAnswer.question_id, AttemptAnswer.correct)
        .join(QuizAttempt)
        .where(QuizAttempt.user_id == user.id, AttemptAnswer.answered_at.is_not(None))
        .order_by(AttemptAnswer.answered_at)
    )
    return {qid: bool(correct) for qid, correct in rows}


def _latest_wrong_question_ids(db: Session, user: User) -> list[str]:
    return sorted(qid for qid, correct in _history(db, user).items() if not correct)


def choose_questions(
    pool: list[tuple[str, str]], history: dict[str, bool], count: int, rng: random.Random
) -> list[str]:
    """Draw without repeats, preferring unseen questions, then ones got wrong, then
    the rest; no two questions on one fact unless the pool is too small."""
    buckets: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for qid, fid in pool:
        rank = 0 if qid not in history else (1 if not history[qid] else 2)
        buckets[rank].append((qid, fid))
    ordered: list[tuple[str, str]] = []
    for rank in sorted(buckets):
        items = buckets[rank]
        rng.shuffle(items)
        ordered.extend(items)
    chosen: list[str] = []
    used_facts: set[str] = set()
    for qid, fid in ordered:
        if len(chosen) == count:
            break
        if fid not in used_facts:
            chosen.append(qid)
            used_facts.add(fid)
    if len(chosen) < count:  # the pool is too small to keep facts apart
        taken = set(chosen)
        for qid, _fid in ordered:
            if len(chosen) == count:
                break
            if qid not in taken:
                chosen.append(qid)
                taken.add(qid)
    return chosen


def _display(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """How the question is laid out for this student, fixed for the attempt."""
    if data["type"] == "matching":
        rights = [right for _, right in data["pairs"]]
        rng.shuffle(rights)
        return {"lefts": [left for left, _ in data["pairs"]], "rights": rights}
    if data["type"] == "ordering":
        items = list(data["items"])
        while len(items) > 1 and items == data["items"]:
            rng.shuffle(items)
        return {"items": items}
    return {"options": list(data.get("options", []))}


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
) -> QuizAttempt:
    if not MIN_QUESTIONS <= count <= MAX_QUESTIONS and question_ids is None:
        raise ServiceError(f"Choose between {MIN_QUESTIONS} and {MAX_QUESTIONS} questions.")
    types = [t for t in types if t in QUESTION_TYPES]
    if not types:
        raise ServiceError("Choose at least one type of question.")
    if feedback_mode not in FEEDBACK_MODES:
        raise ServiceError("Choose when to see the answers.")
    if time_limit_minutes is not None and not 1 <= time_limit_minutes <= MAX_TIME_LIMIT_MINUTES:
        raise ServiceError(f"A time limit is between 1 and {MAX_TIME_LIMIT_MINUTES} minutes.")
    if question_ids is None:
        pool = _pool(db, user, scope, types)
        chosen = choose_questions(pool, _history(db, user), count, rng)
    else:
        live = {
            qid
            for (qid,) in db.execute(
                select(Question.id).where(Question.id.in_(question_ids), ~Question.retired)
            )
        }
        chosen = [qid for qid in question_ids if qid in live]
    if not chosen:
        if scope.kind == "mistakes":
            raise ServiceError("You have no mistakes to practise yet. Well done!")
        raise ServiceError("No questions match that choice; try other types or another topic.")
    rows = {q.id: q for q in db.scalars(select(Question).where(Question.id.in_(chosen)))}
    attempt = QuizAttempt(
        user_id=user.id,
        scope=scope.to_dict(),
        question_types=types,
        feedback_mode=feedback_mode,
        total=len(chosen),
        time_limit_seconds=time_limit_minutes * 60 if time_limit_minutes else None,
        started_at=now,
        deadline_at=now + timedelta(minutes=time_limit_minutes) if time_limit_minutes else None,
        assignment_id=assignment_id,
        lesson_id=lesson_id,
    )
    attempt.answers = [
        AttemptAnswer(
            position=i,
            question_id=qid,
            fact_id=rows[qid].fact_id,
            question_data=rows[qid].data,
            display=_display(rows[qid].data, rng),
        )
        for i, qid in enumerate(chosen, start=1)
    ]
    db.add(attempt)
    db.flush()
    return attempt


def open_attempt_for_assignment(db: Session, user: User, assignment_id: int) -> QuizAttempt | None:
    return db.scalars(
        select(QuizAttempt).where(
            QuizAttempt.user_id == user.id,
            QuizAttempt.assignment_id == assignment_id,
            QuizAttempt.finished_at.is_(None),
        )
    ).first()


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


def slot(db: Session, attempt: QuizAttempt, position: int) -> AttemptAnswer:
    """One question of the attempt (loads that row only, not the whole quiz)."""
    answer = None
    if 1 <= position <= attempt.total:
        answer = db.scalars(
            select(AttemptAnswer).where(
                AttemptAnswer.attempt_id == attempt.id, AttemptAnswer.position == position
            )
        ).one_or_none()
    if answer is None:
        raise NotFound(f"This quiz has no question {position}.")
    return answer


def progress(db: Session, attempt: QuizAttempt) -> list[bool]:
    """Whether each question is answered, in order (one light query)."""
    rows = db.execute(
        select(AttemptAnswer.answered_at.is_not(None))
        .where(AttemptAnswer.attempt_id == attempt.id)
        .order_by(AttemptAnswer.position)
    )
    return [bool(answered) for (answered,) in rows]


def check_question(answer: AttemptAnswer, question_id: str) -> None:
    """A stale tab may post an answer meant for another question: refuse it."""
    if answer.question_id != question_id:
        raise ServiceError("That answer was for a different question; nothing was saved.")


def mark_shown(answer: AttemptAnswer, now: datetime) -> None:
    if answer.shown_at is None:
        answer.shown_at = now


def answer_question(
    db: Session,
    user: User,
    attempt: QuizAttempt,
    position: int,
    question_id: str,
    response: Any,
    now: datetime,
) -> AttemptAnswer:
    """Save and grade one answer. Saying the same thing twice is harmless; in
    'after each question' mode the first answer stands."""
    if attempt.user_id != user.id:
        raise NotFound("There is no such quiz in your account.")
    expire_if_due(db, attempt, now)
    if attempt.finished_at is not None:
        if attempt.finished_reason == "time-up":
            raise QuizClosed("Time is up: this quiz was finished with the answers saved before.")
        raise QuizClosed("This quiz is finished; its answers can no longer change.")
    answer = slot(db, attempt, position)
    check_question(answer, question_id)
    if answer.is_answered and attempt.feedback_mode == "each":
        return answer  # a double submit, or a retry after a timeout
    correct, score, message = grade_response(answer.question_data, response)
    taken = None
    if answer.shown_at is not None:
        taken = max(0, int((now - answer.shown_at).total_seconds() * 1000))
    values = {
        "response": response,
        "correct": correct,
        "score": score,
        "message": message,
        "answered_at": now,
        "time_taken_ms": taken,
    }
    statement = update(AttemptAnswer).where(AttemptAnswer.id == answer.id)
    if attempt.feedback_mode == "each":
        statement = statement.where(AttemptAnswer.answered_at.is_(None))
    result = cast(
        CursorResult[Any],
        db.execute(statement.values(**values).execution_options(synchronize_session=False)),
    )
    if result.rowcount:
        for key, value in values.items():
            set_committed_value(answer, key, value)
    else:
        db.refresh(answer)  # another request answered first: show what it stored
    return answer


def next_unanswered(done: list[bool]) -> int | None:
    """The first unanswered position, given `progress()`."""
    return next((i for i, answered in enumerate(done, start=1) if not answered), None)


def list_attempts(db: Session, user: User, now: datetime) -> list[QuizAttempt]:
    expire_overdue(db, now, user.id)
    return list(
        db.scalars(
            select(QuizAttempt)
            .where(QuizAttempt.user_id == user.id)
            .order_by(QuizAttempt.started_at.desc())
        )
    )


@dataclass
class TopicAccuracy:
    topic_id: str
    title: str
    answered: int
    correct: int
    by_week: list[tuple[str, int, int]]  # (ISO week, answered, correct)

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


def topic_accuracy(db: Session, user: User) -> list[TopicAccuracy]:
    """Accuracy per topic over time, from every answered question."""
    titles = dict(db.execute(select(Topic.id, Topic.title)).all())
    rows = db.execute(
        select(AttemptAnswer.question_data, AttemptAnswer.correct, AttemptAnswer.answered_at)
        .join(QuizAttempt)
        .where(QuizAttempt.user_id == user.id, AttemptAnswer.answered_at.is_not(None))
    )
    per_topic: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for data, correct, answered_at in rows:
        year, week, _ = answered_at.isocalendar()
        for topic in data.get("topics", []):
            cell = per_topic[topic][f"{year}-W{week:02d}"]
            cell[0] += 1
            cell[1] += int(bool(correct))
    result = []
    for topic, weeks in per_topic.items():
        series = [(w, a, c) for w, (a, c) in sorted(weeks.items())]
        result.append(
            TopicAccuracy(
                topic,
                titles.get(topic, topic),
                sum(a for _, a, _ in series),
                sum(c for _, _, c in series),
                series,
            )
        )
    result.sort(key=lambda t: (t.accuracy, -t.answered))
    return result


def report_question(
    db: Session,
    user: User,
    attempt: QuizAttempt,
    position: int,
    reason: str,
    comment: str,
) -> tuple[QuestionReport, bool]:
    if attempt.user_id != user.id:
        raise NotFound("There is no such quiz in your account.")
    if reason not in REPORT_REASONS:
        raise ServiceError("Choose what is wrong with the question.")
    answer = slot(db, attempt, position)
    # One open report per student and question: reporting again updates it.
    report = db.scalars(
        select(QuestionReport).where(
            QuestionReport.user_id == user.id,
            QuestionReport.question_id == answer.question_id,
            QuestionReport.status == "open",
        )
    ).first()
    updated = report is not None
    if report is None:
        report = QuestionReport(user_id=user.id, question_id=answer.question_id)
        db.add(report)
    report.attempt_id = attempt.id
    report.reason = reason
    report.comment = comment.strip()
    db.flush()
    return report, updated


def answered_counts(db: Session, attempt_ids: list[int]) -> dict[int, int]:
    """How many questions of each attempt are answered (one query)."""
    if not attempt_ids:
        return {}
    rows = db.execute(
        select(AttemptAnswer.attempt_id, func.count())
        .where(AttemptAnswer.attempt_id.in_(attempt_ids), AttemptAnswer.answered_at.is_not(None))
        .group_by(AttemptAnswer.attempt_id)
    )
    return {attempt_id: count for attempt_id, count in rows}


__all__ = [
    "FEEDBACK_MODES",
    "MAX_QUESTIONS",
    "MIN_QUESTIONS",
    "QUESTION_TYPES",
    "REPORT_REASONS",
    "TYPE_LABELS",
    "QuizClosed",
    "Scope",
    "answer_question",
    "choose_questions",
    "expire_if_due",
    "expire_overdue",
    "finish_attempt",
    "get_attempt",
    "list_attempts",
    "parse_scope",
    "report_question",
    "open_practice_attempts",
    "check_open_attempts",
    "abandon_attempt",
    "scope_choices",
    "start_attempt",
    "topic_accuracy",
]
