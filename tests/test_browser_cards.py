"""In Chromium: ten flashcards graded by keyboard, an undo in the middle, and the
dashboard's numbers updated afterwards."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ReviewLog, Role
from tests.browser import keyboard_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def midday(monkeypatch):
    """The app's clock runs from noon UTC, so a run that starts just before midnight
    does not see its learning cards come back "tomorrow" or its streak split in two."""
    from app import clock

    start = datetime.now(UTC)
    noon = start.replace(hour=12, minute=0, second=0, microsecond=0)
    monkeypatch.setattr(clock, "now", lambda: noon + (datetime.now(UTC) - start))


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


def test_twenty_cards_with_one_key_and_the_keys_listed_by_question_mark(
    app, live_server, page, make_user
):
    """Space shows the answer, Space again grades it Good: twenty cards without the
    mouse, a progress bar that moves, and "?" lists the keys."""
    expect = pytest.importorskip("playwright.sync_api").expect
    user = make_user(Role.STUDENT)
    keyboard_login(page, live_server.url, user.username, PASSWORD)
    page.goto(live_server.url + "/cards/study?deck=all:")

    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard keys")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Show the answer; once shown, grade it Good")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    progress = page.get_by_role("progressbar", name="Cards done today")
    for i in range(20):
        expect(progress).to_have_attribute("value", str(i))
        page.keyboard.press("Space")
        expect(page.locator("#card-back")).to_be_visible()
        if i == 0:
            page.keyboard.press("p")  # the passage on demand
            expect(page.locator("#card-passage blockquote")).to_be_visible()
        with page.expect_navigation():
            page.keyboard.press("Space")
    expect(page.get_by_role("heading", level=1)).to_have_text("All done for now")
    expect(page.get_by_role("status")).to_contain_text("come back later today")
    with app.app_context():
        ratings = db.session.scalars(
            select(ReviewLog.rating).where(ReviewLog.user_id == user.id)
        ).all()
    assert ratings == [3] * 20
