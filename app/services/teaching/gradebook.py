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
    QuizAttempt,
    User,
)
from app.services import NotFound
from app.services.spreadsheet import csv_text
from app.services.teaching.assignments import best_attempts, work_status
from app.services.teaching.classes import roster


@dataclass
class Cell:
    status: str
    score: float | None
    attempt_id: int | None


@dataclass
class Gradebook:
    classroom: Classroom
    students: list[User]
    assignments: list[tuple[Assignment, Lesson]]
    cells: dict[tuple[int, int], Cell]

    def average(self, student_id: int) -> float | None:
        scores = [
            c.score for (s, _), c in self.cells.items() if s == student_id and c.score is not None
        ]
        return sum(scores) / len(scores) if scores else None


def gradebook(db: Session, classroom: Classroom, now: datetime) -> Gradebook:
    """Students × assignments in a constant number of queries."""
    students = roster(db, classroom)
    assignments = db.execute(
        select(Assignment, Lesson)
        .join(Lesson, Lesson.id == Assignment.lesson_id)
        .where(Assignment.classroom_id == classroom.id)
        .order_by(Assignment.created_at)
    ).all()
    best = best_attempts(db, [a.id for a, _ in assignments], [s.id for s in students])
    cells = {}
    for student in students:
        for assignment, _lesson in assignments:
            attempt = best.get((student.id, assignment.id))
            cells[(student.id, assignment.id)] = Cell(
                work_status(attempt, assignment.due_at, now),
                attempt.score if attempt and attempt.finished_at else None,
                attempt.id if attempt else None,
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
            row.append(
                f"{cell.score * 100:.0f}%" + (" (late)" if cell.status == "late" else "")
                if cell.score is not None
                else cell.status
            )
        average = book.average(student.id)
        row.append(f"{average * 100:.0f}%" if average is not None else "")
        rows.append(row)
    return csv_text(rows)


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
    db: Session, classroom: Classroom, student: User
) -> list[tuple[QuizAttempt, Lesson]]:
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


def attempt_in_class(db: Session, classroom: Classroom, attempt_id: int) -> QuizAttempt:
    attempt = db.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.assignment_id is None:
        raise NotFound("There is no such attempt in this class.")
    assignment = db.get(Assignment, attempt.assignment_id)
    if assignment is None or assignment.classroom_id != classroom.id:
        raise NotFound("There is no such attempt in this class.")
    return attempt


def assignment_in_class(db: Session, classroom: Classroom, assignment_id: int) -> Assignment:
    assignment = db.get(Assignment, assignment_id)
    if assignment is None or assignment.classroom_id != classroom.id:
        raise NotFound("There is no such assignment in this class.")
    return assignment
