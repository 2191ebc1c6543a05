"""Assignments of lessons to classes, the work a student is given, their
attempts' status and their reading progress."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    Assignment,
    Classroom,
    Lesson,
    LessonProgress,
    QuizAttempt,
    User,
)
from app.services import ServiceError
from app.services.teaching.access import assigned_to
from app.services.teaching.lessons import lesson_question_ids


def due_in_utc(due: datetime | None, tz_offset: str | None) -> datetime | None:
    """The due date typed in the teacher's local time, in UTC. `tz_offset` is
    what the browser's getTimezoneOffset() gives: minutes from local time to UTC."""
    if due is None:
        return None
    text = (tz_offset or "0").strip()
    if not re.fullmatch(r"-?[0-9]{1,10}", text) or int(text.removeprefix("-")) > 24 * 60:
        raise ServiceError("Choose a due date again: your time zone could not be read.")
    try:
        return (due + timedelta(minutes=int(text))).replace(tzinfo=UTC)
    except OverflowError:
        raise ServiceError("Choose a due date between now and the year 9999.") from None


def assignments_of_lesson(db: Session, lesson: Lesson) -> list[Assignment]:
    return list(db.scalars(select(Assignment).where(Assignment.lesson_id == lesson.id)))


def assign(
    db: Session,
    teacher: User,
    lesson: Lesson,
    classroom: Classroom,
    due_at: datetime | None,
    time_limit: int | None,
    now: datetime,
) -> Assignment:
    if lesson.status != "published":
        raise ServiceError("Publish the lesson before assigning it.")
    if not lesson_question_ids(lesson):
        raise ServiceError(
            "Add questions to the lesson before assigning it: its quiz would be empty."
        )
    if due_at is not None and due_at <= now:
        raise ServiceError("The due date must be in the future.")
    existing = db.scalars(
        select(Assignment).where(
            Assignment.lesson_id == lesson.id, Assignment.classroom_id == classroom.id
        )
    ).one_or_none()
    if existing is not None:
        existing.due_at, existing.time_limit_minutes = due_at, time_limit
        return existing
    assignment = Assignment(
        lesson_id=lesson.id, classroom_id=classroom.id, due_at=due_at, time_limit_minutes=time_limit
    )
    db.add(assignment)
    db.flush()
    return assignment


@dataclass
class AssignedWork:
    assignment: Assignment
    lesson: Lesson
    classroom: Classroom
    status: str  # not started | in progress | done | late
    score: float | None
    attempt_id: int | None


def work_status(attempt: AttemptSummary | None, due_at: datetime | None, now: datetime) -> str:
    if attempt is None:
        return "missing" if due_at and now > due_at else "not started"
    if attempt.finished_at is None:
        return "in progress"
    if due_at and attempt.finished_at > due_at:
        return "late"
    return "done"


def student_work(db: Session, student: User, now: datetime) -> list[AssignedWork]:
    rows = db.execute(
        assigned_to(student, Assignment, Lesson, Classroom).order_by(
            Assignment.due_at.is_(None), Assignment.due_at
        )
    ).all()
    ids = [a.id for a, _, _ in rows]
    best = best_attempts(db, ids, [student.id])
    work = []
    for assignment, lesson, classroom in rows:
        attempt = best.get((student.id, assignment.id))
        work.append(
            AssignedWork(
                assignment,
                lesson,
                classroom,
                work_status(attempt, assignment.due_at, now),
                attempt.score if attempt and attempt.finished_at else None,
                attempt.id if attempt else None,
            )
        )
    return work


def lessons_due_after(
    db: Session, student: User, moment: datetime
) -> list[tuple[Lesson, datetime]]:
    """The student's assigned lessons that are due after `moment`, with their due
    dates: what a flashcard's interval must not overshoot."""
    rows = db.execute(
        assigned_to(student, Lesson, Assignment.due_at).where(Assignment.due_at > moment)
    )
    return [(lesson, due) for lesson, due in rows if due is not None]


@dataclass(frozen=True)
class AttemptSummary:
    id: int
    user_id: int
    assignment_id: int
    score: float | None
    finished_at: datetime | None


def best_attempts(
    db: Session, assignment_ids: list[int], student_ids: list[int]
) -> dict[tuple[int, int], AttemptSummary]:
    """Per (student, assignment): the best finished attempt, else the open one.
    Loads five columns, not whole attempts: a class of 200 has thousands."""
    if not assignment_ids or not student_ids:
        return {}
    best: dict[tuple[int, int], AttemptSummary] = {}
    rows = db.execute(
        select(
            QuizAttempt.id,
            QuizAttempt.user_id,
            QuizAttempt.assignment_id,
            QuizAttempt.score,
            QuizAttempt.finished_at,
        )
        .where(QuizAttempt.assignment_id.in_(assignment_ids), QuizAttempt.user_id.in_(student_ids))
        .order_by(QuizAttempt.started_at)
    )
    for row in rows:
        attempt = AttemptSummary(row[0], row[1], row[2] or 0, row[3], row[4])
        key = (attempt.user_id, attempt.assignment_id)
        current = best.get(key)
        if current is None or _better(attempt, current):
            best[key] = attempt
    return best


def _better(a: AttemptSummary, b: AttemptSummary) -> bool:
    if a.finished_at and not b.finished_at:
        return True
    if a.finished_at and b.finished_at:
        return (a.score or 0) > (b.score or 0)
    return False


def record_progress(
    db: Session, student: User, lesson: Lesson, position: int, complete: bool, now: datetime
) -> None:
    progress = db.scalars(
        select(LessonProgress).where(
            LessonProgress.lesson_id == lesson.id, LessonProgress.student_id == student.id
        )
    ).one_or_none()
    if progress is None:
        progress = LessonProgress(lesson_id=lesson.id, student_id=student.id, read_position=0)
        db.add(progress)
    progress.read_position = max(progress.read_position or 0, position)
    if complete and progress.completed_at is None:
        progress.completed_at = now
    db.flush()


def progress_of(db: Session, student: User, lesson: Lesson) -> LessonProgress | None:
    return db.scalars(
        select(LessonProgress).where(
            LessonProgress.lesson_id == lesson.id, LessonProgress.student_id == student.id
        )
    ).one_or_none()
