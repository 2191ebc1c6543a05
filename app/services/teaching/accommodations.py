"""Accommodations: what one student is allowed beyond the class's rules (more
time, a later due date, more attempts, fewer options on multiple choice), for
every assignment of a class or for one. They apply at once, also to an
attempt in progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Accommodation, Assignment, Classroom, QuizAttempt, User
from app.services import NotFound, ServiceError
from app.services.teaching.rules import apply_terms, terms_for

MAX_MULTIPLIER = 5.0
MAX_EXTRA_MINUTES = 600
MAX_EXTRA_ATTEMPTS = 10


@dataclass(frozen=True)
class AccommodationChoice:
    """What the teacher typed; `assignment_id` None means every assignment."""

    assignment_id: int | None = None
    time_multiplier: float | None = None
    extra_minutes: int = 0
    untimed: bool = False
    due_at: datetime | None = None
    extra_attempts: int = 0
    max_options: int | None = None


def _check(choice: AccommodationChoice, now: datetime) -> None:
    if choice.time_multiplier is not None and not 1 <= choice.time_multiplier <= MAX_MULTIPLIER:
        raise ServiceError(
            f"Extra time is a multiplier between 1 and {MAX_MULTIPLIER:g}.", "time_multiplier"
        )
    if not 0 <= choice.extra_minutes <= MAX_EXTRA_MINUTES:
        raise ServiceError(f"Extra minutes are between 0 and {MAX_EXTRA_MINUTES}.", "extra_minutes")
    if not 0 <= choice.extra_attempts <= MAX_EXTRA_ATTEMPTS:
        raise ServiceError(
            f"Extra attempts are between 0 and {MAX_EXTRA_ATTEMPTS}.", "extra_attempts"
        )
    if choice.max_options is not None and not 2 <= choice.max_options <= 10:
        raise ServiceError("Show at least 2 options on multiple choice.", "max_options")
    if choice.untimed and (choice.time_multiplier not in (None, 1) or choice.extra_minutes):
        raise ServiceError(
            "No time limit and extra time cannot go together: choose one of them.", "untimed"
        )
    if choice.due_at is not None and choice.due_at <= now:
        raise ServiceError("The extended due date must be in the future.", "due_at")
    if (
        choice.time_multiplier in (None, 1)
        and not choice.extra_minutes
        and not choice.untimed
        and choice.due_at is None
        and not choice.extra_attempts
        and choice.max_options is None
    ):
        raise ServiceError("Choose at least one thing to allow this student.")


def accommodations_of(db: Session, classroom: Classroom, student: User) -> list[Accommodation]:
    return list(
        db.scalars(
            select(Accommodation)
            .where(
                Accommodation.classroom_id == classroom.id, Accommodation.student_id == student.id
            )
            .order_by(Accommodation.assignment_id.is_not(None), Accommodation.id)
        )
    )


def accommodated_students(db: Session, classroom: Classroom) -> set[tuple[int, int | None]]:
    """(student, assignment or None) pairs that have an accommodation."""
    return {
        (sid, aid)
        for sid, aid in db.execute(
            select(Accommodation.student_id, Accommodation.assignment_id).where(
                Accommodation.classroom_id == classroom.id
            )
        )
    }


def _assignments(db: Session, classroom: Classroom, assignment_id: int | None) -> list[Assignment]:
    query = select(Assignment).where(Assignment.classroom_id == classroom.id)
    if assignment_id is not None:
        query = query.where(Assignment.id == assignment_id)
    found = list(db.scalars(query))
    if assignment_id is not None and not found:
        raise NotFound("There is no such assignment in this class.")
    return found


def _apply_to_open_attempts(
    db: Session, classroom: Classroom, student: User, assignment_id: int | None
) -> int:
    """Give the student's attempts in progress their new terms; how many changed."""
    changed = 0
    for assignment in _assignments(db, classroom, assignment_id):
        terms = terms_for(db, student.id, assignment)
        for attempt in db.scalars(
            select(QuizAttempt).where(
                QuizAttempt.user_id == student.id,
                QuizAttempt.assignment_id == assignment.id,
                QuizAttempt.finished_at.is_(None),
            )
        ):
            apply_terms(db, attempt, terms)
            changed += 1
    return changed


def save_accommodation(
    db: Session,
    classroom: Classroom,
    student: User,
    choice: AccommodationChoice,
    now: datetime,
) -> tuple[Accommodation, int]:
    """Create or replace the student's accommodation (for one assignment or all);
    returns it and the number of attempts in progress it changed."""
    _check(choice, now)
    _assignments(db, classroom, choice.assignment_id)
    row = db.scalars(
        select(Accommodation).where(
            Accommodation.classroom_id == classroom.id,
            Accommodation.student_id == student.id,
            Accommodation.assignment_id.is_(None)
            if choice.assignment_id is None
            else Accommodation.assignment_id == choice.assignment_id,
        )
    ).one_or_none()
    if row is None:
        row = Accommodation(
            classroom_id=classroom.id, student_id=student.id, assignment_id=choice.assignment_id
        )
        db.add(row)
    row.time_multiplier = choice.time_multiplier if choice.time_multiplier != 1 else None
    row.extra_minutes = choice.extra_minutes
    row.untimed = choice.untimed
    row.due_at = choice.due_at
    row.extra_attempts = choice.extra_attempts
    row.max_options = choice.max_options
    row.updated_at = now
    db.flush()
    return row, _apply_to_open_attempts(db, classroom, student, choice.assignment_id)


def remove_accommodation(
    db: Session, classroom: Classroom, student: User, accommodation_id: int
) -> None:
    row = db.get(Accommodation, accommodation_id)
    if row is None or row.classroom_id != classroom.id or row.student_id != student.id:
        raise NotFound("There is no such accommodation for this student.")
    assignment_id = row.assignment_id
    db.delete(row)
    db.flush()
    _apply_to_open_attempts(db, classroom, student, assignment_id)


def describe(row: Accommodation) -> list[str]:
    """The accommodation in words, as the teacher and the student read it."""
    parts = []
    if row.untimed:
        parts.append("no time limit")
    else:
        if row.time_multiplier:
            parts.append(f"time × {row.time_multiplier:g}")
        if row.extra_minutes:
            parts.append(f"{row.extra_minutes} extra minutes")
    if row.extra_attempts:
        parts.append(f"{row.extra_attempts} extra attempt{'s' if row.extra_attempts != 1 else ''}")
    if row.max_options:
        parts.append(f"at most {row.max_options} options on multiple choice")
    if row.due_at is not None:
        parts.append("a later due date")
    return parts
