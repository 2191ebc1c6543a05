"""One definition of the work a student may open (issue 12, finding 15): a
lesson taken back to draft or a class archived closes its work everywhere, and
the student is told why instead of meeting a bare 'not found'."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import Classroom, Lesson, QuizAttempt, Role
from tests.conftest import login, post

DRAFT = "taken this lesson back to draft"
ARCHIVED = "This class has been archived"


def _student_client(app, student):
    client = app.test_client()
    login(client, student.username)
    return client


def _attempts(app, student_id):
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(QuizAttempt).where(QuizAttempt.user_id == student_id)
        )


def _back_to_draft(app, lesson_id):
    with app.app_context():
        db.session.get(Lesson, lesson_id).status = "draft"
        db.session.commit()


def _archive(app, classroom_id):
    with app.app_context():
        db.session.get(Classroom, classroom_id).archived = True
        db.session.commit()


def _told(client, response, reason):
    """The answer is a redirect to the student's classes page, which says why."""
    assert response.status_code == 302, response.status_code
    assert response.headers["Location"].endswith("/classes/")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert reason in page
    return page


def test_an_assignment_whose_lesson_went_back_to_draft_cannot_be_started(
    app, make_user, make_course
):
    student = make_user(Role.STUDENT)
    course = make_course(make_user(Role.TEACHER), [student])
    client = _student_client(app, student)
    before = _attempts(app, student.id)
    _back_to_draft(app, course.lesson)
    page = _told(client, post(client, f"/assignments/{course.assignment}/start"), DRAFT)
    assert _attempts(app, student.id) == before
    assert "Lesson of " not in page.split("Join a class")[0]  # no longer listed as work


def test_the_lessons_of_an_archived_class_and_their_worksheets_are_closed(
    app, make_user, make_course
):
    student = make_user(Role.STUDENT)
    course = make_course(make_user(Role.TEACHER), [student])
    client = _student_client(app, student)
    assert client.get(f"/lessons/{course.lesson}").status_code == 200
    _archive(app, course.classroom)
    _told(client, client.get(f"/lessons/{course.lesson}"), ARCHIVED)
    worksheet = client.get(f"/lessons/{course.lesson}/worksheet")
    _told(client, worksheet, ARCHIVED)
    _told(client, post(client, f"/assignments/{course.assignment}/start"), ARCHIVED)
    anki = client.get(f"/export/anki?deck=lesson:{course.lesson}")
    _told(client, anki, ARCHIVED)
    cards = client.get(f"/cards/study?deck=lesson:{course.lesson}")
    assert cards.status_code == 404 and ARCHIVED in cards.get_data(as_text=True)


def test_a_draft_lesson_says_why_it_cannot_be_read(app, make_user, make_course):
    student = make_user(Role.STUDENT)
    course = make_course(make_user(Role.TEACHER), [student])
    client = _student_client(app, student)
    _back_to_draft(app, course.lesson)
    _told(client, client.get(f"/lessons/{course.lesson}"), DRAFT)
    _told(client, client.get(f"/lessons/{course.lesson}/worksheet"), DRAFT)


def test_work_of_other_classes_stays_not_found(app, make_user, make_course):
    course = make_course(make_user(Role.TEACHER), [make_user(Role.STUDENT)])
    outsider = _student_client(app, make_user(Role.STUDENT))
    assert outsider.get(f"/lessons/{course.lesson}").status_code == 404
    assert post(outsider, f"/assignments/{course.assignment}/start").status_code == 404
    _archive(app, course.classroom)
    assert outsider.get(f"/lessons/{course.lesson}").status_code == 404
