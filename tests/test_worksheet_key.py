"""The worksheet's answer key is for those who may edit the lesson (issue 12,
finding 1); students of the class print the questions only."""

from __future__ import annotations

from app.extensions import db
from app.models import Lesson, Role
from tests.conftest import login

# the answer of nwe-second-trial-dates:short as the key prints it, and its citation
# (the lesson also shows the passage itself: that is not part of the key)
ANSWER = "<strong>January 23-30, 1937</strong>"
QUOTE = "“The second trial occurred between January 23-30, 1937.” — <cite>"


def _worksheet(app, user, lesson_id):
    client = app.test_client()
    login(client, user.username)
    return client.get(f"/lessons/{lesson_id}/worksheet")


def test_a_student_of_the_class_gets_the_questions_without_the_answer_key(
    app, make_user, make_course
):
    teacher, student = make_user(Role.TEACHER), make_user(Role.STUDENT)
    course = make_course(teacher, [student])
    response = _worksheet(app, student, course.lesson)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "In which days of January 1937" in page or "second trial" in page
    assert "Answer key" not in page
    assert ANSWER not in page and QUOTE not in page and "?passage=" not in page


def test_the_owner_and_an_admin_get_the_answer_key(app, make_user, make_course):
    teacher = make_user(Role.TEACHER)
    course = make_course(teacher, [])
    for user in (teacher, make_user(Role.ADMIN)):
        page = _worksheet(app, user, course.lesson).get_data(as_text=True)
        key = page[page.index("Answer key") :]
        assert ANSWER in key and QUOTE in key, user.username


def test_a_teacher_reading_a_shared_lesson_gets_no_answer_key(app, make_user, make_course):
    owner, other = make_user(Role.TEACHER), make_user(Role.TEACHER)
    course = make_course(owner, [])
    assert _worksheet(app, other, course.lesson).status_code == 404
    with app.app_context():
        db.session.get(Lesson, course.lesson).shared = True
        db.session.commit()
    response = _worksheet(app, other, course.lesson)
    assert response.status_code == 200
    assert "Answer key" not in response.get_data(as_text=True)


def test_a_student_outside_the_class_gets_no_worksheet(app, make_user, make_course):
    course = make_course(make_user(Role.TEACHER), [make_user(Role.STUDENT)])
    assert _worksheet(app, make_user(Role.STUDENT), course.lesson).status_code == 404
