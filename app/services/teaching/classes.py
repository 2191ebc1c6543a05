"""Classes: created by a teacher, joined by students with a code, archived."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    Classroom,
    Enrollment,
    User,
)
from app.services import NotFound, ServiceError
from app.services.teaching.common import require_teacher

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def create_class(db: Session, teacher: User, name: str) -> Classroom:
    require_teacher(teacher)
    classroom = Classroom(teacher_id=teacher.id, name=name.strip(), join_code=new_join_code())
    db.add(classroom)
    db.flush()
    return classroom


def classes_of_teacher(db: Session, teacher: User, archived: bool = False) -> list[Classroom]:
    query = select(Classroom).where(Classroom.archived.is_(archived)).order_by(Classroom.name)
    if not teacher.is_admin:
        query = query.where(Classroom.teacher_id == teacher.id)
    return list(db.scalars(query))


def class_for_teacher(db: Session, user: User, class_id: int) -> Classroom:
    classroom = db.get(Classroom, class_id)
    if classroom is None or not (user.is_admin or classroom.teacher_id == user.id):
        raise NotFound("There is no such class among yours.")
    return classroom


def regenerate_code(classroom: Classroom) -> None:
    classroom.join_code = new_join_code()


def change_joining(db: Session, classroom: Classroom, action: str) -> str:
    """A new join code (which also opens joining), or joining closed or opened;
    says what changed, or "" for an action it does not know."""
    if action == "regenerate":
        regenerate_code(classroom)
        classroom.join_enabled = True
        message = "A new join code was made; the old one no longer works."
    elif action in ("disable", "enable"):
        classroom.join_enabled = action == "enable"
        message = "Joining is open." if classroom.join_enabled else "Joining is closed."
    else:
        return ""
    db.flush()
    return message


def archive_class(db: Session, classroom: Classroom, archived: bool) -> None:
    classroom.archived = archived
    db.flush()


def join_class(db: Session, student: User, code: str) -> Classroom:
    code = "".join(code.split()).upper()
    classroom = db.scalars(select(Classroom).where(Classroom.join_code == code)).one_or_none()
    if classroom is None or classroom.archived:
        raise ServiceError("No class has that code. Check it with your teacher.")
    if not classroom.join_enabled:
        raise ServiceError("This class is not taking new students; ask your teacher.")
    if classroom.teacher_id == student.id:
        raise ServiceError("You teach this class.")
    existing = db.scalars(
        select(Enrollment).where(
            Enrollment.classroom_id == classroom.id, Enrollment.student_id == student.id
        )
    ).one_or_none()
    if existing is None:
        db.add(Enrollment(classroom_id=classroom.id, student_id=student.id))
        db.flush()
    return classroom


def roster(db: Session, classroom: Classroom) -> list[User]:
    return list(
        db.scalars(
            select(User)
            .join(Enrollment, Enrollment.student_id == User.id)
            .where(Enrollment.classroom_id == classroom.id)
            .order_by(User.display_name)
        )
    )


def remove_student(db: Session, classroom: Classroom, student_id: int) -> None:
    enrollment = db.scalars(
        select(Enrollment).where(
            Enrollment.classroom_id == classroom.id, Enrollment.student_id == student_id
        )
    ).one_or_none()
    if enrollment is None:
        raise NotFound("That student is not in this class.")
    db.delete(enrollment)
    db.flush()


def classes_of_student(db: Session, student: User) -> list[Classroom]:
    return list(
        db.scalars(
            select(Classroom)
            .join(Enrollment, Enrollment.classroom_id == Classroom.id)
            .where(Enrollment.student_id == student.id, ~Classroom.archived)
            .order_by(Classroom.name)
        )
    )


def classes_named(
    db: Session, teacher: User, name: str, other_than: int | None = None
) -> list[Classroom]:
    """The teacher's classes (archived too) with this name, whatever its case or
    spacing: two 'History 11C' would be told apart by nobody."""
    wanted = " ".join(name.split()).casefold()
    query = select(Classroom).where(Classroom.teacher_id == teacher.id)
    return [
        c
        for c in db.scalars(query)
        if c.id != other_than and " ".join(c.name.split()).casefold() == wanted
    ]


def rename_class(db: Session, classroom: Classroom, name: str) -> None:
    name = name.strip()
    if not name or len(name) > 120:
        raise ServiceError("Give the class a name (up to 120 characters).")
    classroom.name = name
    db.flush()


def delete_class(db: Session, classroom: Classroom) -> bool:
    """Delete a class, or archive it when its students have attempts on its
    assignments (their results stay readable): True when it was deleted."""
    from app.models import Assignment, QuizAttempt

    worked = db.scalar(
        select(QuizAttempt.id)
        .join(Assignment, Assignment.id == QuizAttempt.assignment_id)
        .where(Assignment.classroom_id == classroom.id)
        .limit(1)
    )
    if worked is not None:
        classroom.archived = True
        db.flush()
        return False
    db.delete(classroom)
    db.flush()
    return True
