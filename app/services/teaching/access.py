"""Who may open a lesson or an assignment. Anything a user may not see is
'not found'; work that was given to a student and has since closed says why."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
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
from app.services.teaching.rules import answers_released


def lesson_for_editing(db: Session, user: User, lesson_id: int) -> Lesson:
    lesson = db.get(Lesson, lesson_id)
    if lesson is None or not may_edit_lesson(user, lesson):
        raise NotFound("There is no such lesson among yours.")
    return lesson


def lesson_for_reading(db: Session, user: User, lesson_id: int) -> Lesson:
    """Owner and admins always; other teachers if shared; students if it is
    work they may open (`assigned_to`). A student whose work was closed (the
    lesson went back to draft, the class was archived) is told why."""
    lesson = db.get(Lesson, lesson_id)
    if lesson is None:
        raise NotFound("There is no such lesson.")
    if user.is_admin or lesson.teacher_id == user.id:
        return lesson
    if user.is_teacher and lesson.shared:
        return lesson
    if assignment_for_student(db, user, lesson.id) is not None:
        return lesson
    reason = closed_reason(db, user, lesson_id=lesson.id)
    if reason is not None:
        raise WorkClosed(reason)
    raise NotFound("There is no such lesson.")


def may_edit_lesson(user: User, lesson: Lesson) -> bool:
    return bool(user.is_admin or lesson.teacher_id == user.id)


def may_see_answer_key(
    user: User,
    lesson: Lesson,
    db: Session | None = None,
    now: datetime | None = None,
    attempt: QuizAttempt | None = None,
) -> bool:
    """Whether anything (the quiz's feedback and results, the worksheet, exports)
    may show this lesson's answers, accepted variants and quotes: always to
    people who may edit the lesson; to a student, once the rules of the work
    they were given release them (given `db` and `now`): for `attempt`, or for
    any assignment of the lesson to them."""
    if may_edit_lesson(user, lesson):
        return True
    if db is None or now is None:
        return False
    if attempt is not None and attempt.assignment_id is not None:
        if attempt.user_id != user.id:
            return False
        given = db.get(Assignment, attempt.assignment_id)
        return given is not None and answers_released(db, user.id, given, now, attempt)
    assignments = db.scalars(assigned_to(user, Assignment).where(Assignment.lesson_id == lesson.id))
    return any(answers_released(db, user.id, a, now) for a in assignments)


class WorkClosed(NotFound):
    """Work the student was given but may no longer open; the message says why."""


def assignment_for_student(db: Session, student: User, lesson_id: int) -> Assignment | None:
    """The student's open assignment of this lesson (the one due first)."""
    return db.scalars(
        assigned_to(student, Assignment)
        .where(Assignment.lesson_id == lesson_id)
        .order_by(Assignment.due_at)
        .limit(1)
    ).first()


def assignment_of_student(db: Session, student: User, assignment_id: int) -> Assignment:
    assignment: Assignment | None = db.scalars(
        assigned_to(student, Assignment).where(Assignment.id == assignment_id)
    ).one_or_none()
    if assignment is not None:
        return assignment
    reason = closed_reason(db, student, assignment_id=assignment_id)
    if reason is not None:
        raise WorkClosed(reason)
    raise NotFound("There is no such assignment.")


def closed_reason(
    db: Session, student: User, assignment_id: int | None = None, lesson_id: int | None = None
) -> str | None:
    """Why work given to this student's classes is not open (any more), or None
    when it was never theirs: what they read instead of a bare 'not found'."""
    query = (
        select(Lesson.status, Classroom.archived)
        .select_from(Assignment)
        .join(Lesson, Lesson.id == Assignment.lesson_id)
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .join(Enrollment, Enrollment.classroom_id == Classroom.id)
        .where(Enrollment.student_id == student.id)
    )
    if assignment_id is not None:
        query = query.where(Assignment.id == assignment_id)
    if lesson_id is not None:
        query = query.where(Assignment.lesson_id == lesson_id)
    rows = db.execute(query).all()
    if not rows:
        return None
    if all(archived for _, archived in rows):
        return "This class has been archived by your teacher: its work is closed."
    return (
        "Your teacher has taken this lesson back to draft: it cannot be opened "
        "until it is published again."
    )


def assigned_to(student: User, *columns: Any) -> Select[Any]:
    """`columns` of what is assigned to the student: published lessons, in the
    classes they are enrolled in that are not archived."""
    return (
        select(*columns)
        .select_from(Assignment)
        .join(Lesson, Lesson.id == Assignment.lesson_id)
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .join(Enrollment, Enrollment.classroom_id == Classroom.id)
        .where(
            Enrollment.student_id == student.id, ~Classroom.archived, Lesson.status == "published"
        )
    )
