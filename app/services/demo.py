"""Demo data for a newcomer's first `make run`."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Classroom, Enrollment, Lesson, Role
from app.services import ServiceError, accounts, teaching


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    password: str
    role: Role


# Published in the README: these accounts are for trying the app, never for real use.
DEMO_ACCOUNTS = (
    DemoAccount("student", "Demo Student", "demo-student-pass", Role.STUDENT),
    DemoAccount("teacher", "Demo Teacher", "demo-teacher-pass", Role.TEACHER),
    DemoAccount("admin", "Demo Admin", "demo-admin-pass", Role.ADMIN),
)


DEMO_CLASS = "History 11B (demo)"
DEMO_LESSON = "The second trial: two accounts"
DEMO_NOTE = """The two sources disagree about what happened to the defendants of the
January 1937 trial. Read both passages, then ask yourself:

- Which source is a **reference work**, and which is a **partisan essay**?
- Which details could you check elsewhere?
"""
DEMO_PASSAGES = (
    "nwe-second-trial-dates",
    "nwe-second-trial-thirteen-shot",
    "brookshaw-second-trial-all-shot",
)
DEMO_QUESTIONS = (
    "nwe-second-trial-dates:mcq",
    "nwe-second-trial-dates:short",
    "dispute:second-trial-outcome:nwe",
    "dispute:second-trial-outcome:brookshaw",
    "brookshaw-second-trial-all-shot:attribution",
)


def create_demo_data(db: Session, now: datetime | None = None) -> list[str]:
    """Create the demo accounts that are missing, and a demo class with the demo
    student in it and one published, assigned lesson. Returns the usernames
    created. Existing accounts are left as they are (passwords may have changed)."""
    created = []
    for account in DEMO_ACCOUNTS:
        if accounts.get_by_username(db, account.username) is None:
            accounts.create_user(
                db, account.username, account.display_name, account.password, account.role
            )
            created.append(account.username)
    teacher = accounts.get_by_username(db, "teacher")
    student = accounts.get_by_username(db, "student")
    if teacher is None or student is None or not teacher.is_teacher:
        return created
    classroom = db.scalars(
        select(Classroom).where(Classroom.teacher_id == teacher.id, Classroom.name == DEMO_CLASS)
    ).first()
    if classroom is None:
        classroom = teaching.create_class(db, teacher, DEMO_CLASS)
    if (
        db.scalar(
            select(Enrollment.id).where(
                Enrollment.classroom_id == classroom.id, Enrollment.student_id == student.id
            )
        )
        is None
    ):
        db.add(Enrollment(classroom_id=classroom.id, student_id=student.id))
    lesson = db.scalars(
        select(Lesson).where(Lesson.teacher_id == teacher.id, Lesson.title == DEMO_LESSON)
    ).first()
    if lesson is None:
        lesson = teaching.create_lesson(
            db, teacher, DEMO_LESSON, "Two sources, one trial, two different endings."
        )
        for fact_id in DEMO_PASSAGES:
            # skipped when the bank is not loaded or the fact was renamed
            with contextlib.suppress(ServiceError):
                teaching.add_passage(db, lesson, fact_id)
        teaching.add_text(db, lesson, DEMO_NOTE)
        with contextlib.suppress(ServiceError):
            teaching.add_questions(db, teacher, lesson, list(DEMO_QUESTIONS))
        if teaching.lesson_question_ids(lesson):
            teaching.publish(lesson, True)
            now = now or datetime.now(UTC)
            teaching.assign(db, teacher, lesson, classroom, now + timedelta(days=7), None, now)
    db.flush()
    return created
