"""In Chromium: the own-question form shows the chosen type's fields only, and a
matching set written in it joins the lesson."""

from __future__ import annotations

import os

import pytest

from app.extensions import db
from app.models import Role, User
from app.services import teaching
from tests.browser import keyboard_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_the_form_follows_the_chosen_type_and_writes_a_matching_set(
    app, live_server, browser, make_user
):
    expect = pytest.importorskip("playwright.sync_api").expect
    teacher = make_user(Role.TEACHER)
    with app.app_context():
        lesson = teaching.create_lesson(db.session, db.session.get(User, teacher.id), "L", "")
        teaching.add_passage(db.session, lesson, "nwe-second-trial-dates")
        db.session.commit()
        lesson_id = lesson.id
    base = live_server.url
    t = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    t.set_default_timeout(10_000)
    keyboard_login(t, base, teacher.username, PASSWORD)
    t.goto(f"{base}/teach/lessons/{lesson_id}")
    t.get_by_text("Write your own question").click()
    pairs = t.get_by_label("Pairs (matching)")
    wrong = t.get_by_label("Wrong options (multiple choice)")
    t.get_by_role("radio", name="Multiple choice").check()
    expect(wrong).to_be_visible()
    expect(pairs).to_be_hidden()
    t.get_by_role("radio", name="Matching").check()
    expect(pairs).to_be_visible()
    expect(wrong).to_be_hidden()
    expect(t.get_by_label("Answer (multiple choice, short answer, fill the gap)")).to_be_hidden()
    pairs.fill(
        "Who was the chief prosecutor of the Moscow trials? → Vyshinsky\n"
        "Who was the main defendant of the third trial? → Bukharin\n"
        "Who was tried with Kamenev in the first trial? → Zinoviev"
    )
    t.get_by_label("One of the lesson's passages proves the answer").select_option(index=1)
    t.get_by_role("button", name="Add my question").click()
    # without the kind of answers, the page says so at that field and keeps the pairs
    expect(t.locator("#own-pair_kind-error")).to_contain_text("people, dates or places")
    expect(t.get_by_label("Pairs (matching)")).to_have_value(
        "Who was the chief prosecutor of the Moscow trials? → Vyshinsky\n"
        "Who was the main defendant of the third trial? → Bukharin\n"
        "Who was tried with Kamenev in the first trial? → Zinoviev"
    )
    os.makedirs("test-artifacts", exist_ok=True)
    t.screenshot(path="test-artifacts/own-matching-refused.png", full_page=True)
    t.get_by_label("The answers are (matching)").select_option("person")
    t.get_by_role("button", name="Add my question").click()
    expect(t.locator("#items-list li.editor-item")).to_have_count(2)
    expect(t.locator("#items-list")).to_contain_text("Vyshinsky")
