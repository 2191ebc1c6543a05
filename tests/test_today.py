"""The Today page, the signed-in home: what is due now (and what comes back later
today), unfinished quizzes, assigned work by due date, the streak and the week, and
one Start button that leads to the most pressing of them."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from app import clock
from app.extensions import db
from app.models import Enrollment, Role, User
from app.services import cards, teaching
from tests.conftest import login, post

T0 = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)  # a Wednesday
FACT = "nwe-second-trial-dates"


@pytest.fixture()
def frozen(monkeypatch):
    moments = {"now": T0}
    monkeypatch.setattr(clock, "now", lambda: moments["now"])
    return moments


def _start_link(page):
    match = re.search(r'<a class="button start" href="([^"]+)">([^<]+)</a>', page)
    assert match, "no Start button"
    return match.group(1), match.group(2)


def test_a_new_student_is_sent_to_new_cards(app, login_as, frozen):
    client, user = login_as(Role.STUDENT)
    page = client.get("/dashboard").get_data(as_text=True)
    assert f"Hello, {user.display_name}" in page
    assert "Next: learn 20 new cards" in page
    assert _start_link(page) == ("/cards/study?deck=all:", "Start")
    assert "Wednesday 4 March" in page


def test_an_unfinished_quiz_comes_first_and_shows_its_progress(app, login_as, start_quiz, frozen):
    client, user = login_as(Role.STUDENT)
    attempt = start_quiz(user, count=5, types=["mcq"])
    post(client, f"/quiz/{attempt.id}/q/1", {"question_id": attempt.first_question, "answer": "0"})
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Unfinished quizzes" in page
    assert "1 of 5 answered" in page
    assert _start_link(page)[0] == f"/quiz/{attempt.id}"
    assert re.search(r"<strong[^>]*>1</strong> answer this week", page)


def test_assigned_work_with_a_due_date_is_the_next_step(app, make_user, frozen):
    teacher, student = make_user(Role.TEACHER), make_user(Role.STUDENT)
    due = T0 + timedelta(days=2, hours=5)
    with app.app_context():
        acting = db.session.get(User, teacher.id)
        classroom = teaching.create_class(db.session, acting, "History 9B")
        lesson = teaching.create_lesson(db.session, acting, "The second trial", "Intro")
        teaching.add_passage(db.session, lesson, FACT)
        teaching.add_questions(db.session, acting, lesson, [f"{FACT}:mcq"])
        teaching.publish(lesson, True)
        teaching.assign(db.session, acting, lesson, classroom, due, None, T0)
        db.session.add(Enrollment(classroom_id=classroom.id, student_id=student.id))
        db.session.commit()
        lesson_id = lesson.id
    client = app.test_client()
    login(client, student.username)
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Next: The second trial" in page
    assert "Assigned in History 9B, due" in page and "14:00 UTC</time> on 6 March" in page
    assert _start_link(page)[0] == f"/lessons/{lesson_id}"
    assert "Assigned work" in page  # the table of all the work, by due date


def test_learning_cards_due_later_today_are_announced_with_their_time(app, login_as, frozen):
    client, user = login_as(Role.STUDENT)
    with app.app_context():
        cards.grade(db.session, db.session.get(User, user.id), FACT, 1, 0, None, 4000, T0)
        cards.grade(
            db.session,
            db.session.get(User, user.id),
            FACT,
            3,
            1,
            None,
            4000,
            T0 + timedelta(minutes=1),
        )
        db.session.commit()
    frozen["now"] = T0 + timedelta(minutes=2)  # the card is back at 09:11, after its 10-minute step
    page = client.get("/dashboard").get_data(as_text=True)
    assert "1 more later today, the next at" in page and "09:11 UTC" in page
    assert re.search(r"<strong>1</strong> day streak", page)

    done = client.get(f"/cards/study?deck=facts:{FACT}").get_data(as_text=True)
    assert "All done for now" in done
    assert "1 card of" in done and "comes back later today" in done and "09:11 UTC" in done

    dashboard = client.get("/cards/").get_data(as_text=True)
    assert "0 now, 1 later today from" in dashboard

    frozen["now"] = T0 + timedelta(minutes=12)  # and then it is due
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Next: 1 card to review" in page


def test_the_week_counts_each_days_reviews_and_says_so(app, login_as, frozen):
    client, user = login_as(Role.STUDENT)
    with app.app_context():
        student = db.session.get(User, user.id)
        cards.grade(db.session, student, FACT, 3, 0, None, 4000, T0 - timedelta(days=1))
        cards.grade(db.session, student, FACT, 3, 1, None, 4000, T0)
        db.session.commit()
    page = client.get("/dashboard").get_data(as_text=True)
    week = page[page.index('id="week-h"') : page.index("</ol>", page.index('id="week-h"'))]
    assert "Cards reviewed each day." in week
    days = re.findall(
        r'<span class="weekday">(\w+)</span>.*?<span class="count">(\d+)<', week, re.S
    )
    assert days == [("Mon", "0"), ("Tue", "1"), ("Wed", "1")] + [
        (d, "0") for d in ("Thu", "Fri", "Sat", "Sun")
    ]
