"""In Chromium: a teacher fixes a question from a student's report, looks at the
dry run of regrading two past attempts, applies it, and the gradebook changes."""

from __future__ import annotations

import os
import re

import pytest

from tests.browser import keyboard_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SHOTS_DIR", "test-artifacts")


def _gradebook_cell(page, name):
    return page.get_by_role("row", name=re.compile(name)).get_by_role(
        "link", name=re.compile(r"\d+%")
    )


def test_a_question_fixed_from_a_report_regrades_two_attempts_after_a_dry_run(
    app, live_server, browser, marked_course
):
    expect = pytest.importorskip("playwright.sync_api").expect
    course = marked_course({"Anna": "murdered", "Boris": "murdered"})
    base = live_server.url
    t = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    t.set_default_timeout(10_000)
    keyboard_login(t, base, course.teacher.username, PASSWORD)

    t.goto(base + f"/teach/classes/{course.classroom}")
    expect(_gradebook_cell(t, "Anna")).to_have_text("50%")
    expect(_gradebook_cell(t, "Boris")).to_have_text("50%")

    # from the student's report to the edit page
    t.goto(base + "/teach/reports")
    expect(t.get_by_text("“murdered” should count")).to_be_visible()
    t.get_by_role("link", name=re.compile("Fix the question and regrade")).click()
    expect(t.get_by_role("heading", level=1)).to_have_text("Edit the question")
    t.get_by_label("Other accepted answers").fill("murdered")
    t.get_by_label("What was wrong").fill("“Murdered” says the same as the source.")
    t.get_by_role("button", name="Save as a new version").click()

    # the dry run: per student, the mark now and after; nothing changed yet
    expect(t.get_by_role("status")).to_contain_text("Saved as version 2")
    table = t.get_by_role("table", name="What regrading does, per student")
    for name in ("Anna", "Boris"):
        row = table.get_by_role("row", name=re.compile(name))
        cells = row.get_by_role("cell")
        expect(cells.nth(2)).to_have_text("0%")
        expect(cells.nth(3)).to_contain_text("100%")
        expect(cells.nth(4)).to_have_text("50% → 100%")
    t.screenshot(path=f"{SHOTS}/regrade-dry-run.png", full_page=True)
    regrade_url = t.url
    t.goto(base + f"/teach/classes/{course.classroom}")
    expect(_gradebook_cell(t, "Anna")).to_have_text("50%")
    expect(_gradebook_cell(t, "Boris")).to_have_text("50%")

    # applying it changes the gradebook
    t.goto(regrade_url)
    t.get_by_role("button", name="Regrade 2 answers").click()
    expect(t.get_by_role("status")).to_contain_text("Regraded 2 answers against version 2")
    expect(t.get_by_role("status")).to_contain_text("2 marks changed")
    t.goto(base + f"/teach/classes/{course.classroom}")
    expect(_gradebook_cell(t, "Anna")).to_have_text("100%")
    expect(_gradebook_cell(t, "Boris")).to_have_text("100%")
    t.screenshot(path=f"{SHOTS}/regrade-gradebook.png", full_page=True)
    t.goto(base + "/teach/reports")
    expect(t.get_by_text("No open reports")).to_be_visible()

    # the student reads the new mark
    s = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    keyboard_login(s, base, course.students["Anna"].username, PASSWORD)
    s.goto(base + f"/quiz/{course.attempts['Anna']}/results")
    expect(s.locator(".score")).to_contain_text("2 of 2 right")
