"""Malformed input a browser never sends still gets a clear 400 or a form error,
never a 500, and nothing is stored. Lengths are checked by the app, so these
fail the same way on SQLite as on PostgreSQL (which would refuse the value)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import Assignment, ExamDate, ReviewLog, Role, User
from app.services import cards
from tests.conftest import csrf_token, login, post


@pytest.fixture()
def lesson_page(app, make_user, make_course):
    """A teacher's client, a published lesson and a second class to assign it to."""
    from app.services import teaching

    teacher = make_user(Role.TEACHER)
    course = make_course(teacher, [])
    with app.app_context():
        other = teaching.create_class(db.session, db.session.get(User, teacher.id), "Other")
        db.session.commit()
        other_id = other.id
    client = app.test_client()
    login(client, teacher.username)
    return client, course.lesson, other_id


def _assignments(app, classroom_id):
    with app.app_context():
        return db.session.scalar(
            select(func.count())
            .select_from(Assignment)
            .where(Assignment.classroom_id == classroom_id)
        )


@pytest.mark.parametrize(
    ("due_at", "tz_offset"),
    [
        ("2099-05-01T10:00", "99999999999"),
        ("2099-05-01T10:00", "²"),
        ("2099-05-01T10:00", "-99999999999"),
        ("0001-01-01T00:00", "-60"),
        ("9999-12-31T23:59", "60"),
    ],
    ids=["huge-offset", "superscript-offset", "huge-negative-offset", "year-1", "year-9999"],
)
def test_an_unreadable_due_date_or_time_zone_is_a_form_error(app, lesson_page, due_at, tz_offset):
    client, lesson_id, classroom_id = lesson_page
    response = post(
        client,
        f"/teach/lessons/{lesson_id}/assign",
        {"classroom_id": str(classroom_id), "due_at": due_at, "tz_offset": tz_offset},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Choose a due date" in page or "The due date must be in the future." in page
    assert _assignments(app, classroom_id) == 0


def test_a_time_zone_offset_moves_the_due_date_to_utc(app, lesson_page):
    client, lesson_id, classroom_id = lesson_page
    response = post(
        client,
        f"/teach/lessons/{lesson_id}/assign",
        {"classroom_id": str(classroom_id), "due_at": "2099-05-01T10:00", "tz_offset": "-120"},
    )
    assert response.status_code == 302
    with app.app_context():
        due = db.session.scalars(
            select(Assignment.due_at).where(Assignment.classroom_id == classroom_id)
        ).one()
    assert (due.day, due.hour, due.minute) == (1, 8, 0)


@pytest.mark.parametrize(
    "body",
    ['{"title": 5, "introduction": ["x"]}', '["title"]', '"text"', "not json", "{}"],
    ids=["wrong-types", "a-list", "a-string", "unreadable", "empty"],
)
def test_a_json_body_sent_to_a_form_route_is_a_400(app, lesson_page, body):
    client, lesson_id, _ = lesson_page
    response = client.post(
        f"/teach/lessons/{lesson_id}",
        data=body,
        content_type="application/json",
        headers={"X-CSRFToken": csrf_token(client)},
    )
    assert response.status_code == 400
    with app.app_context():
        from app.models import Lesson

        assert db.session.get(Lesson, lesson_id).title.startswith("Lesson of")


def _card(app, user):
    with app.app_context():
        item, _ = cards.next_card(
            db.session,
            db.session.get(User, user.id),
            cards.parse_deck(db.session, "all:"),
            clock.now(),
        )
        return item


def test_an_overlong_question_id_with_a_review_is_a_400(app, login_as):
    client, user = login_as(Role.STUDENT)
    client.get("/cards/study")
    item = _card(app, user)
    response = client.post(
        "/cards/review",
        data={
            "csrf_token": csrf_token(client),
            "fact_id": item.fact_id,
            "version": str(item.version),
            "rating": "3",
            "shown_at": "0",
            "deck": "all:",
            "question_id": "q" * 5000,
        },
    )
    assert response.status_code == 400
    assert "no such question" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReviewLog)) == 0


def test_an_exam_date_for_an_overlong_deck_key_is_refused_with_a_message(app, login_as):
    client, user = login_as(Role.STUDENT)
    with app.app_context():
        from app.models import Fact

        ids = list(db.session.scalars(select(Fact.id).order_by(Fact.id).limit(100)))
    deck = "facts:" + ",".join(ids)
    assert len(deck) > 200
    response = post(
        client, "/cards/exam", {"deck": deck, "exam_on": "2099-01-01"}, follow_redirects=True
    )
    assert response.status_code == 200
    assert "too many chosen cards for an exam date" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ExamDate)) == 0
