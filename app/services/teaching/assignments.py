"""Assignments of lessons to classes, the work a student is given, their
attempts' status and their reading progress."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from app.models import (
    Assignment,
    Classroom,
    Enrollment,
    Lesson,
    LessonProgress,
    QuizAttempt,
    User,
)
from app.services import ServiceError
from app.services.quiz.attempts import expire_overdue, start_attempt
from app.services.quiz.scopes import Scope
from app.services.teaching.access import assigned_to
from app.services.teaching.accommodations import describe
from app.services.teaching.lessons import lesson_question_ids
from app.services.teaching.rules import (
    Terms,
    attempt_rows,
    attempts_so_far,
    attempts_used,
    check_may_start,
    check_rules,
    standing,
    terms_for,
)
from question_bank.question import QUESTION_TYPES


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


@dataclass(frozen=True)
class AssignmentRules:
    """What the teacher chose when assigning: see `rules` for what each means."""

    attempts_allowed: int = 1
    counts: str = "best"
    feedback: str = "end"
    answers_released: str = "due"
    accept_late: bool = True


def assign(
    db: Session,
    teacher: User,
    lesson: Lesson,
    classroom: Classroom,
    due_at: datetime | None,
    time_limit: int | None,
    now: datetime,
    rules: AssignmentRules | None = None,
) -> Assignment:
    """Assign the lesson (or change the assignment's due date and rules). A lesson
    with no questions is reading only: the student marks it as read."""
    rules = rules or AssignmentRules()
    if lesson.status != "published":
        raise ServiceError("Publish the lesson before assigning it.")
    if not lesson.items and not lesson_question_ids(lesson):
        raise ServiceError("Add something to read or questions before assigning the lesson.")
    if due_at is not None and due_at <= now:
        raise ServiceError("The due date must be in the future.")
    attempts = check_rules(
        rules.attempts_allowed, rules.counts, rules.feedback, rules.answers_released
    )
    existing = db.scalars(
        select(Assignment).where(
            Assignment.lesson_id == lesson.id, Assignment.classroom_id == classroom.id
        )
    ).one_or_none()
    assignment = existing or Assignment(lesson_id=lesson.id, classroom_id=classroom.id)
    assignment.due_at, assignment.time_limit_minutes = due_at, time_limit
    assignment.attempts_allowed = attempts
    assignment.counts, assignment.feedback = rules.counts, rules.feedback
    assignment.answers_released = rules.answers_released
    assignment.accept_late = rules.accept_late
    if existing is None:
        db.add(assignment)
    db.flush()
    return assignment


def start_assigned_quiz(
    db: Session,
    student: User,
    assignment: Assignment,
    rng: random.Random,
    now: datetime,
    used: int | None = None,
) -> QuizAttempt:
    """A new attempt at the assignment's quiz under the student's terms: refused
    when no attempt is left, or when late work is not accepted. `used`: the
    attempts made so far, when the caller has just read them (`attempts_so_far`)."""
    # the lesson with its items in one query: a whole class starts at once
    lesson = db.get_one(Lesson, assignment.lesson_id, options=[joinedload(Lesson.items)])
    ids = lesson_question_ids(lesson)
    if not ids:
        raise ServiceError("This lesson is for reading only: it has no quiz.")
    terms = terms_for(db, student.id, assignment)
    if used is None:
        used = attempts_used(db, student.id, assignment.id)
    check_may_start(terms, used, now)
    attempt = start_attempt(
        db,
        student,
        Scope("lesson", str(lesson.id), f"Lesson: {lesson.title}"),
        len(ids),
        list(QUESTION_TYPES),
        "each" if assignment.feedback == "each" else "end",
        None,
        rng,
        now,
        question_ids=ids,
        assignment_id=assignment.id,
        lesson_id=lesson.id,
        time_limit_seconds=terms.time_limit_seconds,
        max_options=terms.max_options,
    )
    return attempt


@dataclass(frozen=True)
class MyTerms:
    """What a student reads on a lesson they were given: the quiz's rules as
    they apply to them, how many attempts they used, and any accommodation."""

    terms: Terms
    used: int
    open_attempt_id: int | None
    has_quiz: bool
    accommodation: list[str]

    @property
    def attempts_left(self) -> int:
        return max(0, self.terms.attempts_allowed - self.used)


def my_terms(db: Session, student: User, assignment: Assignment, now: datetime) -> MyTerms:
    expire_overdue(db, now, student.id)
    lesson = db.get_one(Lesson, assignment.lesson_id)
    terms = terms_for(db, student.id, assignment)
    used, open_attempt = attempts_so_far(db, student.id, assignment.id)
    return MyTerms(
        terms,
        used,
        open_attempt,
        bool(lesson_question_ids(lesson)),
        describe(terms.accommodation) if terms.accommodation else [],
    )


@dataclass
class AssignedWork:
    assignment: Assignment
    lesson: Lesson
    classroom: Classroom
    status: str  # see rules.Standing
    score: float | None
    attempt_id: int | None
    terms: Terms | None = None
    attempts: int = 0

    @property
    def attempts_left(self) -> int:
        return max(0, self.terms.attempts_allowed - self.attempts) if self.terms else 0


def student_work(db: Session, student: User, now: datetime) -> list[AssignedWork]:
    """The student's assigned work with where they stand, under their own terms
    (attempts whose time ran out are closed first)."""
    expire_overdue(db, now, student.id)
    rows = db.execute(
        assigned_to(student, Assignment, Lesson, Classroom).order_by(
            Assignment.due_at.is_(None), Assignment.due_at
        )
    ).all()
    ids = [a.id for a, _, _ in rows]
    attempts = attempt_rows(db, ids, [student.id])
    read = {
        p.lesson_id: p.completed_at
        for p in db.scalars(
            select(LessonProgress).where(
                LessonProgress.student_id == student.id,
                LessonProgress.lesson_id.in_([lesson.id for _, lesson, _ in rows]),
            )
        )
    }
    work = []
    for assignment, lesson, classroom in rows:
        terms = terms_for(db, student.id, assignment)
        mine = attempts.get((student.id, assignment.id), [])
        place = standing(terms, mine, bool(lesson_question_ids(lesson)), read.get(lesson.id), now)
        work.append(
            AssignedWork(
                assignment,
                lesson,
                classroom,
                place.status,
                place.score,
                place.attempt_id,
                terms,
                len(mine),
            )
        )
    return work


@dataclass(frozen=True)
class DraftImpact:
    """What students lose while an assigned lesson is back in draft."""

    classes: list[str]
    students: int
    in_progress: int

    @property
    def matters(self) -> bool:
        return bool(self.classes)


def draft_impact(db: Session, lesson: Lesson) -> DraftImpact:
    """Who would lose the lesson if it went back to draft: the classes it is
    assigned to (not archived), their students, and their quizzes in progress."""
    classes = list(
        db.scalars(
            select(Classroom.name)
            .join(Assignment, Assignment.classroom_id == Classroom.id)
            .where(Assignment.lesson_id == lesson.id, ~Classroom.archived)
            .order_by(Classroom.name)
        )
    )
    students = db.scalar(
        select(func.count(func.distinct(Enrollment.student_id)))
        .join(Assignment, Assignment.classroom_id == Enrollment.classroom_id)
        .join(Classroom, Classroom.id == Enrollment.classroom_id)
        .where(Assignment.lesson_id == lesson.id, ~Classroom.archived)
    )
    in_progress = db.scalar(
        select(func.count())
        .select_from(QuizAttempt)
        .join(Assignment, Assignment.id == QuizAttempt.assignment_id)
        .where(Assignment.lesson_id == lesson.id, QuizAttempt.finished_at.is_(None))
    )
    return DraftImpact(classes, int(students or 0), int(in_progress or 0))


def lessons_due_after(
    db: Session, student: User, moment: datetime
) -> list[tuple[Lesson, datetime]]:
    """The student's assigned lessons that are due after `moment`, with their due
    dates: what a flashcard's interval must not overshoot."""
    rows = db.execute(
        assigned_to(student, Lesson, Assignment.due_at).where(Assignment.due_at > moment)
    )
    return [(lesson, due) for lesson, due in rows if due is not None]


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
