"""A class whose students took a lesson with a question of the teacher's own
("How were the defendants executed?" answered "shot"), for the tests of
regrading, marks by hand, comments and announcements."""

from __future__ import annotations

import random
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask

from app import clock
from app.extensions import db
from app.models import Enrollment, QuestionReport, Role, User

SHOT_QUOTE = (
    "All of the defendants were sentenced to death and were subsequently shot in the "
    "cellars of Lubyanka Prison"
)
BANK_QUESTION = "nwe-second-trial-dates:mcq"


@pytest.fixture()
def marked_course(app: Flask, make_user: Callable[..., User]) -> Callable[..., Any]:
    """Factory: marked_course({"Anna": "murdered", ...}) -> ids of a class whose
    students (display names as given) each finished the lesson's quiz, answering
    the bank question right and the teacher's question as given; the first
    student reported the teacher's question."""
    from app.services import quiz as quizzes
    from app.services import teaching

    def make(answers: dict[str, str], teacher: User | None = None) -> Any:
        teacher = teacher or make_user(Role.TEACHER, display_name="Ms Ray")
        students = {name: make_user(Role.STUDENT, display_name=name) for name in answers}
        with app.app_context():
            acting = db.session.get(User, teacher.id)
            classroom = teaching.create_class(db.session, acting, "History 11C")
            lesson = teaching.create_lesson(db.session, acting, "The first trial", "")
            own = teaching.write_question(
                db.session,
                acting,
                lesson,
                "short",
                "How were the defendants of the first trial executed?",
                "shot",
                [],
                [],
                "nwe",
                SHOT_QUOTE,
                add_to_lesson=False,
            )
            question_ids = [BANK_QUESTION, own.id]
            teaching.add_questions(db.session, acting, lesson, question_ids)
            teaching.publish(lesson, True)
            assignment = teaching.assign(
                db.session, acting, lesson, classroom, None, None, clock.now()
            )
            attempts, report_id = {}, None
            for name, given in answers.items():
                student = db.session.get(User, students[name].id)
                db.session.add(Enrollment(classroom_id=classroom.id, student_id=student.id))
                attempt = quizzes.start_attempt(
                    db.session,
                    student,
                    quizzes.Scope("lesson", str(lesson.id), lesson.title),
                    2,
                    ["mcq", "short"],
                    "each",
                    None,
                    random.Random(1),
                    clock.now(),
                    question_ids=question_ids,
                    assignment_id=assignment.id,
                    lesson_id=lesson.id,
                )
                for slot, response in zip(
                    attempt.answers,
                    [attempt.answers[0].question_data["answer"], given],
                    strict=True,
                ):
                    quizzes.answer_question(
                        db.session, student, attempt, slot, slot.question_id, response, clock.now()
                    )
                quizzes.finish_attempt(db.session, attempt, clock.now())
                attempts[name] = attempt.id
                if report_id is None:
                    report = QuestionReport(
                        user_id=student.id,
                        question_id=own.id,
                        attempt_id=attempt.id,
                        reason="unsupported",
                        comment=f"“{given}” should count: the source says they were shot.",
                    )
                    db.session.add(report)
                    db.session.flush()
                    report_id = report.id
            db.session.commit()
            return SimpleNamespace(
                teacher=teacher,
                students=students,
                classroom=classroom.id,
                lesson=lesson.id,
                assignment=assignment.id,
                question=own.id,
                attempts=attempts,
                report=report_id,
            )

    return make
