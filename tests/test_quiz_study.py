"""What a student is told while studying with quizzes: an answer from another tab
is named as such and shown, a quiz shorter than asked says why, partial credit is
explained, right and wrong are marked on the options, and the question map tells
answered from right once the quiz is over."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Question, QuizAttempt, Role
from tests.conftest import csrf_token
from tests.test_quiz import MCQ, answer_form, choose, post_answer, question


def _other_mcq(app):
    with app.app_context():
        return db.session.scalars(
            select(Question.id)
            .where(Question.type == "mcq", Question.id != MCQ)
            .order_by(Question.id)
        ).first()


def _wrong_and_right(app, attempt_id):
    data = question(app, MCQ)
    fields, display = answer_form(app, attempt_id, 1, {})
    wrong = next(o for o in display["options"] if o != data["answer"])
    return fields, display, wrong, data["answer"]


def test_a_second_tab_is_told_the_question_was_answered_and_sees_the_stored_answer(
    app, login_as, start_quiz
):
    client, user = login_as(Role.STUDENT)
    attempt = start_quiz(user, [MCQ, _other_mcq(app)], feedback_mode="each")
    fields, display, wrong, right = _wrong_and_right(app, attempt.id)
    first = post_answer(client, attempt.id, 1, {**fields, "answer": choose(display, right)})
    assert "already" not in first.headers["Location"]

    # the other tab, still showing the question, sends a wrong answer
    late = post_answer(client, attempt.id, 1, {**fields, "answer": choose(display, wrong)})
    assert late.status_code == 302 and "?already=1" in late.headers["Location"]
    page = client.get(late.headers["Location"]).get_data(as_text=True)
    assert "already answered in another tab" in page
    checked = re.search(r'value="(\d)" checked', page)
    assert checked and display["options"][int(checked.group(1))] == right
    assert "✓ Right" in page

    # the same in the background (the page's script)
    late = post_answer(
        client,
        attempt.id,
        1,
        {**fields, "answer": choose(display, wrong)},
        headers={"Accept": "application/json"},
    )
    payload = late.get_json()
    assert payload["already_answered"] is True
    assert payload["response"] == {"answer": choose(display, right)}
    assert payload["given_option"] == right == payload["right_option"]


def test_options_show_right_and_wrong_in_place_with_words(app, login_as, start_quiz):
    client, user = login_as(Role.STUDENT)
    attempt = start_quiz(user, [MCQ], feedback_mode="each")
    fields, display, wrong, right = _wrong_and_right(app, attempt.id)
    post_answer(client, attempt.id, 1, {**fields, "answer": choose(display, wrong)})
    page = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    assert "already answered" not in page
    marked = dict(re.findall(r'<label class="choice is-(right|wrong)" data-option="([^"]+)"', page))
    assert marked == {"right": right, "wrong": wrong}
    assert "✗ Your answer" in page and "✓ The right answer" in page


def test_a_quiz_shorter_than_asked_says_why(app, login_as):
    client, user = login_as(Role.STUDENT)
    response = client.post(
        "/quiz/",
        data={
            "csrf_token": csrf_token(client),
            "scope": "person:radek",
            "count": "50",
            "types": ["true_false"],
            "feedback_mode": "each",
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    with app.app_context():
        total = db.session.scalars(select(QuizAttempt.total)).one()
    assert total < 50
    assert "You asked for 50 questions, but" in page
    assert f"has only {total} of the types you chose, so this quiz has {total}." in page


def test_partial_credit_is_explained_and_the_map_shows_right_from_wrong(app, login_as, start_quiz):
    client, user = login_as(Role.STUDENT)
    with app.app_context():
        ordering = db.session.scalars(
            select(Question.id).where(Question.type == "ordering").order_by(Question.id)
        ).first()
    attempt = start_quiz(user, [MCQ, ordering, _other_mcq(app)], feedback_mode="end")
    fields, display, wrong, right = _wrong_and_right(app, attempt.id)
    post_answer(client, attempt.id, 1, {**fields, "answer": choose(display, right)})
    data = question(app, ordering)
    fields, display = answer_form(app, attempt.id, 2, {})
    swapped = [data["items"][1], data["items"][0], *data["items"][2:]]
    post_answer(
        client,
        attempt.id,
        2,
        {**fields, **{f"order-{i}": str(display["items"].index(x)) for i, x in enumerate(swapped)}},
    )
    during = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    assert 'class="done answered"' in during and "is-right" not in during  # no verdict yet
    client.post(f"/quiz/{attempt.id}/finish", data={"csrf_token": csrf_token(client)})

    results = client.get(f"/quiz/{attempt.id}/results").get_data(as_text=True)
    share = round(100 * (len(swapped) - 2) / len(swapped))
    assert "the percentage counts partial credit" in results
    assert f"question 2: {share}%" in results

    after = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    marks = re.findall(
        r'class="(right|wrong|partly|)">(\d)<span class="visually-hidden"> \(([^)]+)\)', after
    )
    assert marks == [
        ("right", "1", "right"),
        ("partly", "2", "partly right"),
        ("", "3", "not answered"),
    ]
    # each number links to its question; the one on screen is marked as current
    assert f'<a href="/quiz/{attempt.id}/q/1" aria-current="page"' in after
    assert f'<a href="/quiz/{attempt.id}/q/3" class="">3<' in after
