"""In Chromium: ten flashcards graded by keyboard, an undo in the middle, and the
dashboard's numbers updated afterwards."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ReviewLog, Role
from tests.browser import keyboard_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_ten_cards_by_keyboard_with_an_undo(app, live_server, page, make_user):
    expect = pytest.importorskip("playwright.sync_api").expect
    user = make_user(Role.STUDENT)
    keyboard_login(page, live_server.url, user.username, PASSWORD)
    page.goto(live_server.url + "/cards/study?deck=topic:trial-1938")

    fronts = []
    for i in range(10):
        front = page.locator("#card-front")
        expect(front).to_be_visible()
        fronts.append(front.inner_text())
        expect(page.locator("#card-back")).to_be_hidden()
        page.keyboard.press("Space")  # show the answer
        expect(page.locator("#card-back")).to_be_visible()
        expect(page.get_by_role("button", name=re.compile("^Good"))).to_be_visible()
        with page.expect_navigation():  # the grade is saved before the next card shows
            page.keyboard.press("4" if i % 3 else "3")  # Easy, sometimes Good
        if i == 4:
            with page.expect_navigation():
                page.keyboard.press("u")  # undo the fifth grade
            expect(page.get_by_role("status")).to_contain_text("The last grade was undone")
            assert page.locator("#card-front").inner_text() == fronts[-1]  # the same card again
            page.keyboard.press("Enter")
            with page.expect_navigation():
                page.keyboard.press("3")
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count()).select_from(ReviewLog).where(ReviewLog.user_id == user.id)
            )
            == 10
        )
    page.goto(live_server.url + "/cards/")
    stats = page.locator(".stats")
    expect(stats).to_have_text(re.compile(r"1\s*day streak"))
    expect(stats).to_have_text(re.compile(r"10\s*new available"))  # 20 a day, 10 used
    expect(page.get_by_role("img", name=re.compile("10 reviews in all"))).to_be_visible()
