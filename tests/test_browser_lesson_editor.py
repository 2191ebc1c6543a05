"""In Chromium: a realistic lesson (three passages, a note, bank questions, one
own question) is built, published and assigned by keyboard and mouse, and the
passages go in without a page load."""

from __future__ import annotations

import re

import pytest

from app.models import Role
from tests.browser import keyboard_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_a_lesson_is_built_and_assigned_without_reloading_per_passage(
    app, live_server, browser, make_user
):
    expect = pytest.importorskip("playwright.sync_api").expect
    teacher = make_user(Role.TEACHER, display_name="Ms Ray")
    base = live_server.url
    t = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    t.set_default_timeout(10_000)
    keyboard_login(t, base, teacher.username, PASSWORD)
    t.goto(base + "/teach/")
    t.get_by_label("New class name").fill("History 11C")
    t.get_by_role("button", name="Create class").click()
    t.goto(base + "/teach/lessons/new")
    t.get_by_label("Title").fill("Three trials")
    t.get_by_role("button", name="Create the lesson").click()
    expect(t.get_by_role("heading", level=1)).to_have_text("Three trials")

    t.evaluate("window.__noReload = 'still here'")
    t.get_by_text("A passage from a source").click()
    items = t.locator("#items-list li.editor-item")
    for n, words in enumerate(("January 23-30", "Vyshinsky", "Dewey"), start=1):
        t.get_by_label("Find in the passages").fill(words)
        t.get_by_label("Find in the passages").press("Enter")  # by keyboard
        found = t.locator("#passage-results")
        expect(found.locator("blockquote").first).to_contain_text(words)
        found.get_by_role("button", name=re.compile("Add this passage")).first.click()
        expect(items).to_have_count(n)
        expect(t.locator("#editor-status")).to_contain_text("Passage added")
    assert t.evaluate("window.__noReload") == "still here"

    # a note, and the last passage moved up by keyboard; focus stays on it
    t.get_by_text("Your own text").click()
    t.get_by_label("Your text (Markdown)").fill("Compare **both** sources.")
    t.get_by_role("button", name="Add text").click()
    expect(items).to_have_count(4)
    up = t.get_by_role("button", name="Move up item 3")
    up.focus()
    t.keyboard.press("Enter")
    expect(t.locator("#editor-status")).to_contain_text("Item moved up")
    expect(items.nth(1)).to_contain_text("Dewey")
    assert t.evaluate("document.activeElement.textContent").startswith("Move up")
    # drag the note above the passage before it
    items.nth(3).drag_to(items.nth(2))
    expect(t.locator("#editor-status")).to_contain_text("Items reordered")
    expect(items.nth(2)).to_contain_text("Compare both sources.")
    # the bank's questions on these passages, one per fact
    t.get_by_text("Questions from the bank").click()
    t.get_by_role("button", name="Add all questions on this lesson's passages").click()
    expect(items).to_have_count(5)
    expect(items.nth(4)).to_contain_text("right answer")
    assert t.evaluate("window.__noReload") == "still here"

    # one own question, pinned to the first passage of the lesson
    t.get_by_text("Write your own question").click()
    t.get_by_role("radio", name="Short answer").check()
    t.get_by_label("Question, statement or sentence").fill("When was the second Moscow trial held?")
    t.get_by_label("Answer (multiple choice, short answer, fill the gap)").fill("January 1937")
    t.get_by_label("One of the lesson's passages proves the answer").select_option(index=1)
    t.get_by_role("button", name="Add my question").click()
    expect(t.get_by_role("status").first).to_contain_text("Your question was added")
    expect(items).to_have_count(6)
    t.get_by_role("button", name="Publish").click()
    t.get_by_label("Class").select_option(label="History 11C")
    t.get_by_role("button", name="Assign").click()
    expect(t.get_by_role("status").first).to_contain_text("Assigned to History 11C")
    t.screenshot(path="test-artifacts/lesson-editor-built.png", full_page=True)


def test_use_this_passage_shows_only_with_a_selection(app, live_server, browser, make_user):
    expect = pytest.importorskip("playwright.sync_api").expect
    teacher = make_user(Role.TEACHER)
    base = live_server.url
    t = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    keyboard_login(t, base, teacher.username, PASSWORD)
    t.goto(base + "/sources/nwe")
    button = t.get_by_role("link", name="Use this passage")
    expect(button).to_be_hidden()
    t.evaluate(
        """() => {
        const p = document.querySelector('.source-text p[data-start]');
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let text = walker.nextNode();
        while (text && text.nodeValue.trim().length < 20) text = walker.nextNode();
        const range = document.createRange();
        range.setStart(text, 0); range.setEnd(text, 15);
        getSelection().removeAllRanges(); getSelection().addRange(range);
    }"""
    )
    expect(button).to_be_visible()
    assert re.search(r"start=\d+&end=\d+", button.get_attribute("href"))
