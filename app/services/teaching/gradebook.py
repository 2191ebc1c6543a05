"""The gradebook of a class: students by assignments, its CSV, and the
attempts behind each cell."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    Assignment,
    Classroom,
    Enrollment,
    Lesson,
    LessonProgress,
    QuizAttempt,
    User,
)
from app.services import NotFound
from app.services.quiz.attempts import GRACE, expire_if_due
from app.services.spreadsheet import csv_text
from app.services.teaching.classes import roster
from app.services.teaching.lessons import lesson_question_ids
from app.services.teaching.rules import (
    COUNTS,
    FEEDBACK,
    RELEASE,
    attempt_rows,
    standing,
    terms_for_class,
)


@dataclass
class Cell:
    status: str
    score: float | None
    attempt_id: int | None
    # what the average counts: missing work 0, reading only nothing
    grade: float | None = None
    attempts: int = 0
    accommodated: bool = False


@dataclass
class Gradebook:
    classroom: Classroom
    students: list[User]
    assignments: list[tuple[Assignment, Lesson]]
    cells: dict[tuple[int, int], Cell]

    def average(self, student_id: int) -> float | None:
        grades = [
            c.grade for (s, _), c in self.cells.items() if s == student_id and c.grade is not None
        ]
        return sum(grades) / len(grades) if grades else None

    def rule(self, assignment: Assignment, lesson: Lesson) -> str:
        """The rules of one assignment, as the gradebook's column heading says them."""
        return describe_rules(assignment, bool(lesson_question_ids(lesson)))


def describe_rules(assignment: Assignment, has_quiz: bool) -> str:
    if not has_quiz:
        return "reading only"
    attempts = assignment.attempts_allowed
    parts = [f"{attempts} attempt{'s' if attempts != 1 else ''}"]
    if attempts > 1:
        parts.append(COUNTS[assignment.counts])
    if assignment.time_limit_minutes:
        parts.append(f"{assignment.time_limit_minutes} min each")
    parts.append(FEEDBACK[assignment.feedback])
    parts.append(RELEASE[assignment.answers_released])
    if not assignment.accept_late:
        parts.append("late work not accepted")
    return "; ".join(parts)


def close_overdue(db: Session, assignment_ids: list[int], now: datetime) -> int:
    """Finish the class's attempts whose time ran out, so that nothing reads as
    'in progress' when it is over (no scheduled job needed)."""
    if not assignment_ids:
        return 0
    overdue = db.scalars(
        select(QuizAttempt).where(
            QuizAttempt.assignment_id.in_(assignment_ids),
            QuizAttempt.finished_at.is_(None),
            QuizAttempt.deadline_at.is_not(None),
            QuizAttempt.deadline_at < now - GRACE,
        )
    )
    return sum(expire_if_due(db, attempt, now) for attempt in overdue)


def _read_at(
    db: Session, lesson_ids: list[int], student_ids: list[int]
) -> dict[tuple[int, int], datetime | None]:
    if not lesson_ids or not student_ids:
        return {}
    rows = db.execute(
        select(
            LessonProgress.student_id, LessonProgress.lesson_id, LessonProgress.completed_at
        ).where(
            LessonProgress.lesson_id.in_(lesson_ids), LessonProgress.student_id.in_(student_ids)
        )
    )
    return {(sid, lid): done for sid, lid, done in rows}


def gradebook(db: Session, classroom: Classroom, now: datetime) -> Gradebook:
    """Students × assignments in a constant number of queries, each cell under
    the student's own terms, after closing attempts whose time ran out."""
    students = roster(db, classroom)
    assignments = db.execute(
        select(Assignment, Lesson)
        .join(Lesson, Lesson.id == Assignment.lesson_id)
        .where(Assignment.classroom_id == classroom.id)
        .order_by(Assignment.created_at)
    ).all()
    assignment_ids = [a.id for a, _ in assignments]
    student_ids = [s.id for s in students]
    close_overdue(db, assignment_ids, now)
    attempts = attempt_rows(db, assignment_ids, student_ids)
    terms = terms_for_class(db, classroom.id, [a for a, _ in assignments], student_ids)
    read = _read_at(db, [lesson.id for _, lesson in assignments], student_ids)
    cells = {}
    for assignment, lesson in assignments:
        has_quiz = bool(lesson_question_ids(lesson))
        for student in students:
            key = (student.id, assignment.id)
            place = standing(
                terms[key], attempts.get(key, []), has_quiz, read.get((student.id, lesson.id)), now
            )
            cells[key] = Cell(
                place.status,
                place.score,
                place.attempt_id,
                place.grade,
                place.attempts,
                terms[key].accommodated,
            )
    return Gradebook(classroom, students, [(a, lesson) for a, lesson in assignments], cells)


def gradebook_csv(book: Gradebook) -> str:
    rows: list[list[Any]] = [
        ["student", "username", *[lesson.title for _, lesson in book.assignments], "average"]
    ]
    for student in book.students:
        row: list[Any] = [student.display_name, student.username]
        for assignment, _ in book.assignments:
            cell = book.cells[(student.id, assignment.id)]
            row.append(cell_text(cell))
        average = book.average(student.id)
        row.append(f"{average * 100:.0f}%" if average is not None else "")
        rows.append(row)
    # the last row says which rule gave each column's marks
    rows.append(["(rules)", "", *[book.rule(a, lesson) for a, lesson in book.assignments], ""])
    return csv_text(rows)


def cell_text(cell: Cell) -> str:
    """A cell in words: '80%', '40% (timed out)', 'missing (0%)', 'in progress'."""
    if cell.score is not None:
        text = f"{cell.score * 100:.0f}%"
        if cell.status != "done":
            text += f" ({cell.status})"
    elif cell.grade is not None:
        text = f"{cell.status} ({cell.grade * 100:.0f}%)"
    else:
        text = cell.status
    return text + (" [accommodation]" if cell.accommodated else "")


def student_in_class(db: Session, classroom: Classroom, student_id: int) -> User:
    student = db.scalars(
        select(User)
        .join(Enrollment, Enrollment.student_id == User.id)
        .where(Enrollment.classroom_id == classroom.id, User.id == student_id)
    ).one_or_none()
    if student is None:
        raise NotFound("That student is not in this class.")
    return student


def student_attempts(
    db: Session, classroom: Classroom, student: User, now: datetime | None = None
) -> list[tuple[QuizAttempt, Lesson]]:
    """The student's attempts in this class, newest first; with `now`, those whose
    time ran out are closed first."""
    if now is not None:
        close_overdue(
            db,
            list(db.scalars(select(Assignment.id).where(Assignment.classroom_id == classroom.id))),
            now,
        )
    return [
        (row[0], row[1])
        for row in db.execute(
            select(QuizAttempt, Lesson)
            .join(Assignment, Assignment.id == QuizAttempt.assignment_id)
            .join(Lesson, Lesson.id == Assignment.lesson_id)
            .where(Assignment.classroom_id == classroom.id, QuizAttempt.user_id == student.id)
            .order_by(QuizAttempt.started_at.desc())
        )
    ]


def attempt_in_class(
    db: Session, classroom: Classroom, attempt_id: int, now: datetime | None = None
) -> QuizAttempt:
    attempt = db.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.assignment_id is None:
        raise NotFound("There is no such attempt in this class.")
    assignment = db.get(Assignment, attempt.assignment_id)
    if assignment is None or assignment.classroom_id != classroom.id:
        raise NotFound("There is no such attempt in this class.")
    if now is not None:
        expire_if_due(db, attempt, now)
    return attempt


def assignment_in_class(db: Session, classroom: Classroom, assignment_id: int) -> Assignment:
    assignment = db.get(Assignment, assignment_id)
    if assignment is None or assignment.classroom_id != classroom.id:
        raise NotFound("There is no such assignment in this class.")
    return assignment
