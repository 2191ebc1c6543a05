"""The rules an assignment's quiz is taken under, and what one student is
allowed beyond them (accommodations): how many attempts, which one counts,
what the student sees during the quiz, when the answers are released, the
time limit and the due date that apply to them."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.models import Accommodation, Assignment, QuizAttempt
from app.services import ServiceError
from app.services.quiz.choosing import fewer_options

MAX_ATTEMPTS = 20
COUNTS = {
    "first": "the first attempt counts",
    "last": "the last attempt counts",
    "best": "the best attempt counts",
    "mean": "the mean of the attempts counts",
}
FEEDBACK = {
    "none": "no marks until the answers are released",
    "each": "marks after each question",
    "end": "marks at the end",
}
RELEASE = {
    "attempt": "answers after each attempt",
    "due": "answers after the due date",
    "never": "answers never shown",
}


@dataclass(frozen=True)
class Terms:
    """What applies to one student for one assignment, accommodations included."""

    assignment: Assignment
    attempts_allowed: int
    due_at: datetime | None
    time_limit_seconds: int | None
    max_options: int | None
    accommodation: Accommodation | None

    @property
    def accommodated(self) -> bool:
        return self.accommodation is not None

    @property
    def counts(self) -> str:
        return self.assignment.counts

    @property
    def feedback(self) -> str:
        return self.assignment.feedback

    @property
    def release(self) -> str:
        return self.assignment.answers_released

    @property
    def time_limit_minutes(self) -> int | None:
        return math.ceil(self.time_limit_seconds / 60) if self.time_limit_seconds else None

    def is_late(self, moment: datetime) -> bool:
        return self.due_at is not None and moment > self.due_at


def check_rules(attempts_allowed: int | None, counts: str, feedback: str, release: str) -> int:
    """Refuse rules out of bounds; returns the number of attempts."""
    attempts = attempts_allowed or 1
    if not 1 <= attempts <= MAX_ATTEMPTS:
        raise ServiceError(f"Allow between 1 and {MAX_ATTEMPTS} attempts.")
    if counts not in COUNTS:
        raise ServiceError("Choose which attempt counts.")
    if feedback not in FEEDBACK:
        raise ServiceError("Choose what students see during the quiz.")
    if release not in RELEASE:
        raise ServiceError("Choose when the answers are released.")
    return attempts


def _merged(rows: Sequence[Accommodation], assignment_id: int) -> Accommodation | None:
    """The accommodation for this assignment if there is one, else the class-wide one."""
    specific = [r for r in rows if r.assignment_id == assignment_id]
    general = [r for r in rows if r.assignment_id is None]
    found = specific or general
    return found[0] if found else None


def time_limit_seconds(minutes: int | None, accommodation: Accommodation | None) -> int | None:
    """The assignment's time limit stretched by an accommodation (None: untimed)."""
    if minutes is None:
        return None
    if accommodation is None:
        return minutes * 60
    if accommodation.untimed:
        return None
    seconds = minutes * 60 * (accommodation.time_multiplier or 1.0)
    return int(round(seconds)) + (accommodation.extra_minutes or 0) * 60


def terms_of(assignment: Assignment, accommodation: Accommodation | None) -> Terms:
    extra = accommodation.extra_attempts if accommodation else 0
    due = assignment.due_at
    if accommodation is not None and accommodation.due_at is not None:
        due = accommodation.due_at if due is None else max(due, accommodation.due_at)
    return Terms(
        assignment,
        assignment.attempts_allowed + (extra or 0),
        due,
        time_limit_seconds(assignment.time_limit_minutes, accommodation),
        accommodation.max_options if accommodation else None,
        accommodation,
    )


def terms_for(db: Session, student_id: int, assignment: Assignment) -> Terms:
    rows = db.scalars(
        select(Accommodation).where(
            Accommodation.classroom_id == assignment.classroom_id,
            Accommodation.student_id == student_id,
        )
    ).all()
    return terms_of(assignment, _merged(rows, assignment.id))


def terms_for_class(
    db: Session, classroom_id: int, assignments: Iterable[Assignment], student_ids: list[int]
) -> dict[tuple[int, int], Terms]:
    """(student, assignment) -> terms, with one query for the class's accommodations."""
    rows = db.scalars(
        select(Accommodation).where(
            Accommodation.classroom_id == classroom_id,
            Accommodation.student_id.in_(student_ids),
        )
    ).all()
    by_student: dict[int, list[Accommodation]] = {}
    for row in rows:
        by_student.setdefault(row.student_id, []).append(row)
    return {
        (sid, a.id): terms_of(a, _merged(by_student.get(sid, []), a.id))
        for a in assignments
        for sid in student_ids
    }


def attempts_used(db: Session, student_id: int, assignment_id: int) -> int:
    return int(
        db.scalar(
            select(func.count()).where(
                QuizAttempt.user_id == student_id, QuizAttempt.assignment_id == assignment_id
            )
        )
        or 0
    )


def attempts_so_far(db: Session, student_id: int, assignment_id: int) -> tuple[int, int | None]:
    """How many attempts the student made at the assignment, and the id of the
    one still open (None when all are finished), in one query."""
    used, open_id = db.execute(
        select(
            func.count(),
            func.max(case((QuizAttempt.finished_at.is_(None), QuizAttempt.id))),
        ).where(QuizAttempt.user_id == student_id, QuizAttempt.assignment_id == assignment_id)
    ).one()
    return int(used or 0), open_id


def check_may_start(terms: Terms, used: int, now: datetime) -> None:
    """Refuse another attempt when none is left, or when late work is not accepted."""
    if used >= terms.attempts_allowed:
        allowed = terms.attempts_allowed
        raise ServiceError(
            f"You have used your {allowed} attempt{'s' if allowed != 1 else ''} at this quiz."
        )
    if terms.is_late(now) and not terms.assignment.accept_late:
        raise ServiceError(
            "This work is past its due date, and your teacher does not accept late work."
        )


def released(terms: Terms, now: datetime, attempt_finished: bool) -> bool:
    """Whether the student may see the answers: after an attempt they finished,
    after the due date (their own, extended or not; with no due date, not yet:
    otherwise the first to finish could pass the answers on), or never."""
    if terms.release == "attempt":
        return attempt_finished
    if terms.release == "due":
        return terms.due_at is not None and now > terms.due_at
    return False


def answers_released(
    db: Session,
    student_id: int,
    assignment: Assignment,
    now: datetime,
    attempt: QuizAttempt | None = None,
) -> bool:
    """`released` for one student: for one attempt of theirs, or for any of them."""
    terms = terms_for(db, student_id, assignment)
    finished = int(
        db.scalar(
            select(func.count()).where(
                QuizAttempt.user_id == student_id,
                QuizAttempt.assignment_id == assignment.id,
                QuizAttempt.finished_at.is_not(None),
            )
        )
        or 0
    )
    done = attempt.is_finished if attempt is not None else finished > 0
    return released(terms, now, done)


def counted_score(rule: str, scores: list[float]) -> float | None:
    """The score the gradebook keeps from finished attempts' scores, in the order taken."""
    if not scores:
        return None
    if rule == "first":
        return scores[0]
    if rule == "last":
        return scores[-1]
    if rule == "mean":
        return sum(scores) / len(scores)
    return max(scores)


@dataclass(frozen=True)
class AttemptRow:
    """The columns of an attempt the gradebook needs (a class has thousands)."""

    id: int
    user_id: int
    assignment_id: int
    score: float | None
    finished_at: datetime | None
    finished_reason: str | None


def attempt_rows(
    db: Session, assignment_ids: list[int], student_ids: list[int]
) -> dict[tuple[int, int], list[AttemptRow]]:
    """(student, assignment) -> their attempts in the order taken, in one query."""
    found: dict[tuple[int, int], list[AttemptRow]] = {}
    if not assignment_ids or not student_ids:
        return found
    rows = db.execute(
        select(
            QuizAttempt.id,
            QuizAttempt.user_id,
            QuizAttempt.assignment_id,
            QuizAttempt.score,
            QuizAttempt.finished_at,
            QuizAttempt.finished_reason,
        )
        .where(QuizAttempt.assignment_id.in_(assignment_ids), QuizAttempt.user_id.in_(student_ids))
        .order_by(QuizAttempt.started_at, QuizAttempt.id)
    )
    for row in rows:
        attempt = AttemptRow(row[0], row[1], row[2] or 0, row[3], row[4], row[5])
        found.setdefault((attempt.user_id, attempt.assignment_id), []).append(attempt)
    return found


@dataclass(frozen=True)
class Standing:
    """Where one student stands on one assignment.

    status: not started | in progress | done | late | timed out | missing |
    late, not accepted | read | not read. `grade` is what the average counts
    (missing work counts 0; reading counts nothing)."""

    status: str
    score: float | None
    grade: float | None
    attempt_id: int | None
    attempts: int
    rule: str


def standing(
    terms: Terms,
    attempts: list[AttemptRow],
    has_quiz: bool,
    read_at: datetime | None,
    now: datetime,
) -> Standing:
    assignment = terms.assignment
    if not has_quiz:
        status = "read" if read_at is not None else "not read"
        return Standing(status, None, None, None, 0, "reading only")
    rule = COUNTS[assignment.counts]
    finished = [a for a in attempts if a.finished_at is not None]
    if not assignment.accept_late and terms.due_at is not None:
        in_time = [a for a in finished if a.finished_at and a.finished_at <= terms.due_at]
        if finished and not in_time:
            return Standing("late, not accepted", None, 0.0, finished[-1].id, len(attempts), rule)
        finished = in_time
    open_attempt = next((a for a in attempts if a.finished_at is None), None)
    if not finished:
        if open_attempt is not None:
            return Standing("in progress", None, None, open_attempt.id, len(attempts), rule)
        if terms.is_late(now):
            return Standing("missing", None, 0.0, None, 0, rule)
        return Standing("not started", None, None, None, 0, rule)
    score = counted_score(assignment.counts, [a.score or 0.0 for a in finished])
    chosen = _chosen(assignment.counts, finished)
    if chosen.finished_reason == "time-up":
        status = "timed out"
    elif chosen.finished_at is not None and terms.is_late(chosen.finished_at):
        status = "late"
    else:
        status = "done"
    return Standing(status, score, score, chosen.id, len(attempts), rule)


def _chosen(rule: str, finished: list[AttemptRow]) -> AttemptRow:
    """The attempt a cell links to: the one that counts (the last one for a mean)."""
    if rule == "first":
        return finished[0]
    if rule == "best":
        return max(finished, key=lambda a: a.score or 0.0)
    return finished[-1]


def apply_terms(db: Session, attempt: QuizAttempt, terms: Terms) -> None:
    """Give an attempt, new or in progress, the student's time limit (counted from
    when it started) and number of options on the questions not yet answered."""
    if attempt.finished_at is not None:
        return
    seconds = terms.time_limit_seconds
    attempt.time_limit_seconds = seconds
    attempt.deadline_at = attempt.started_at + timedelta(seconds=seconds) if seconds else None
    if terms.max_options:
        for answer in attempt.answers:
            if not answer.is_answered:
                trimmed = fewer_options(answer.question_data, answer.display, terms.max_options)
                if trimmed is not answer.display:
                    answer.display = trimmed
    db.flush()
