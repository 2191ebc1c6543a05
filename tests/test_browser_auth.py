"""A person registers, logs out, logs in and sees their name, in Chromium."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_register_logout_login_in_a_real_browser(live_server, page):
    expect = pytest.importorskip("playwright.sync_api").expect
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Create a student account").click()
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Your name").fill("Olga Browser")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Repeat the password").fill("short")
    page.get_by_role("button", name="Create account").click()
    # a clear message, and nothing typed is lost
    expect(page.get_by_role("alert")).to_contain_text("at least 8 characters")
    expect(page.get_by_label("Your name")).to_have_value("Olga Browser")
    page.get_by_label("Password", exact=True).fill("a sensible passphrase")
    page.get_by_label("Repeat the password").fill("a sensible passphrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Olga Browser")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("status")).to_contain_text("You are logged out")
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill("a sensible passphrase")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Olga Browser")
