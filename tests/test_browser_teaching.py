"""In Chromium: a teacher builds and assigns a lesson; a student joins, reads it
and takes its quiz; the teacher sees the score and the shaded passage."""

from __future__ import annotations

import re

import pytest

from app.models import Role
from tests.browser import keyboard_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_teacher_builds_assigns_and_reads_the_results(app, live_server, browser, make_user):
    expect = pytest.importorskip("playwright.sync_api").expect
    teacher = make_user(Role.TEACHER, display_name="Ms Ray")
    student = make_user(Role.STUDENT, display_name="Olga")
    base = live_server.url

    t = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    keyboard_login(t, base, teacher.username, PASSWORD)
    t.get_by_role("link", name="Teach").first.click()
    t.get_by_label("New class name").fill("History 11C")
    t.get_by_role("button", name="Create class").click()
    code = t.locator(".join-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{8}", code)

    t.goto(base + "/teach/lessons/new")
    t.get_by_label("Title").fill("The second trial")
    t.get_by_label("Introduction").fill("Two sources, *one* trial.")
    t.get_by_role("button", name="Create the lesson").click()
    # a passage, by pasting it
    t.get_by_text("A passage from a source").click()
    t.get_by_label("Source of this passage").select_option("nwe")
    t.get_by_label("Passage", exact=True).fill(
        "The second trial occurred between January 23-30, 1937."
    )
    t.get_by_role("button", name="Add passage").click()
    expect(t.get_by_role("status")).to_contain_text("Passage added")
    # a Markdown note
    t.get_by_text("Your own text").click()
    t.get_by_label("Your text (Markdown)").fill(
        "Compare with **the essay**. <script>alert(1)</script>"
    )
    t.get_by_role("button", name="Add text").click()
    expect(t.locator(".teacher-text strong").first).to_have_text("the essay")
    # three questions from the bank
    t.get_by_text("Questions from the bank").click()
    t.get_by_label("Words").fill("second Moscow trial")
    t.get_by_role("button", name="Find").click()
    boxes = t.get_by_role("checkbox")
    for i in range(3):
        boxes.nth(i).check()
    t.get_by_role("button", name="Add the ticked questions").click()
    expect(t.get_by_role("status")).to_contain_text("3 questions added")
    t.get_by_role("button", name="Publish").click()
    t.get_by_label("Class").select_option(label="History 11C")
    t.get_by_label("During the quiz").select_option("each")
    t.get_by_label("The answers and the answer key are shown").select_option("attempt")
    t.get_by_role("button", name="Assign").click()
    expect(t.get_by_role("status")).to_contain_text("Assigned to History 11C")

    s = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    keyboard_login(s, base, student.username, PASSWORD)
    s.goto(base + "/classes/")
    s.get_by_label("Join code").fill(code.lower())
    s.get_by_role("button", name="Join").click()
    expect(s.get_by_role("status")).to_contain_text("You joined History 11C")
    s.get_by_role("link", name="The second trial").click()
    expect(s.locator("blockquote")).to_contain_text("January 23-30, 1937")
    assert s.locator("script:has-text('alert(1)')").count() == 0
    s.get_by_role("button", name="Mark as read").click()
    s.get_by_role("button", name="Take the lesson's quiz").click()
    for position in range(1, 4):
        expect(s.get_by_role("heading", level=1)).to_have_text(f"Question {position} of 3")
        radios = s.get_by_role("radio")
        if radios.count():
            radios.first.check()
        else:
            s.get_by_label(re.compile("Your answer|The missing words")).fill("1936")
        s.get_by_role("button", name="Check answer").click()
        expect(s.locator("#feedback")).to_be_visible()
        if position < 3:
            s.get_by_role("link", name="Next question →").click()
    s.get_by_role("button", name=re.compile("Finish the quiz")).click()
    score = s.locator(".score").inner_text()
    right = int(re.search(r"(\d) of 3 right", score).group(1))
    s.screenshot(path="test-artifacts/teaching-student-results.png")

    t.goto(base + "/teach/")
    t.get_by_role("link", name="History 11C").click()
    cell = t.get_by_role("row", name=re.compile("Olga")).get_by_role(
        "link", name=re.compile(r"\d+%")
    )
    expect(cell).to_have_text(f"{round(right / 3 * 100)}%")
    t.get_by_role("link", name="Moscow trials", exact=True).click()
    if right < 3:
        expect(t.locator("p.shade-1, p.shade-2, p.shade-3, p.shade-4").first).to_be_visible()
        expect(t.get_by_text(re.compile(r"\d of \d answers wrong")).first).to_be_attached()
    t.screenshot(path="test-artifacts/teaching-passages.png", full_page=False)
