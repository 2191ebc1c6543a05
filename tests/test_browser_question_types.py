"""In Chromium: a student answers one question of each type, by the labels a
screen reader would read, right for some and wrong for others; each gets its
feedback and the results page counts them right."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Question, Role
from question_bank.question import QUESTION_TYPES
from tests.browser import keyboard_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

# answered right; the other types are answered wrong
RIGHT = {"mcq", "short", "matching", "ordering"}


def _one_of_each_type(app):
    with app.app_context():
        ids = []
        for kind in QUESTION_TYPES:
            qid = db.session.scalar(
                select(Question.id)
                .where(Question.type == kind, ~Question.retired, Question.owner_id.is_(None))
                .order_by(Question.id)
            )
            assert qid is not None, f"the bank has no {kind} question"
            ids.append(qid)
        return ids, {qid: db.session.get(Question, qid).data for qid in ids}


def _wrong_option(display, data):
    return next(o for o in display["options"] if o != data["answer"])


def _answer(page, data, display, right):
    kind = data["type"]
    if kind in ("mcq", "true_false", "attribution", "dispute"):
        option = data["answer"] if right else _wrong_option(display, data)
        page.get_by_role("radio", name=option, exact=True).check()
    elif kind in ("short", "cloze"):
        label = "The missing words" if kind == "cloze" else "Your answer"
        page.get_by_label(label).fill(data["answer"] if right else "certainly not this")
    elif kind == "matching":
        rights = [r for _, r in data["pairs"]]
        if not right:
            rights = rights[1:] + rights[:1]  # every row matched to the next one's answer
        for (left, _), answer in zip(data["pairs"], rights, strict=True):
            page.get_by_label(left, exact=True).select_option(label=answer)
    elif kind == "ordering":
        selects = page.locator("select[id^='order-']")
        items = list(data["items"]) if right else list(reversed(data["items"]))
        assert selects.count() == len(items)
        for i, item in enumerate(items):
            selects.nth(i).select_option(label=item)
    else:
        raise AssertionError(f"no way to answer a {kind} question in this test")


def test_one_question_of_each_type_right_and_wrong_with_feedback_and_results(
    app, live_server, page, make_user, start_quiz
):
    expect = pytest.importorskip("playwright.sync_api").expect
    user = make_user(Role.STUDENT)
    ids, data = _one_of_each_type(app)
    attempt = start_quiz(user, ids, feedback_mode="each")
    keyboard_login(page, live_server.url, user.username, PASSWORD)
    total = len(ids)

    for position, (qid, display) in enumerate(zip(ids, attempt.displays, strict=True), start=1):
        page.goto(f"{live_server.url}/quiz/{attempt.id}/q/{position}")
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Question {position} of {total}")
        right = data[qid]["type"] in RIGHT
        _answer(page, data[qid], display, right)
        page.get_by_role("button", name="Check answer").click()
        feedback = page.locator("#feedback")
        expect(feedback).to_be_visible()
        if right:
            expect(feedback.get_by_role("heading", level=2)).to_have_text("✓ Right")
        else:
            expect(feedback.get_by_role("heading", level=2)).not_to_have_text("✓ Right")
            expect(feedback).to_contain_text("The answer")
        expect(feedback).to_contain_text("Your answer")

    page.get_by_role("button", name="Finish the quiz").click()
    expect(page.get_by_text(f"{len(RIGHT)} of {total} right")).to_be_visible()
    results = page.locator("ol.results > li")
    expect(results).to_have_count(total)
    for i, qid in enumerate(ids):
        heading = results.nth(i).locator(".feedback h2")
        if data[qid]["type"] in RIGHT:
            expect(heading).to_have_text("✓ Right")
        else:
            expect(heading).not_to_have_text("✓ Right")
