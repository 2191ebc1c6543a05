"""In the browser: a source link lands on the highlighted passage, in view."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_following_a_source_link_shows_the_highlighted_passage(live_server, page):
    expect = pytest.importorskip("playwright.sync_api").expect
    page.goto(live_server.url + "/sources/facts?source=brookshaw&q=24+hours")
    page.get_by_role("link", name="Read the passage").first.click()
    passage = page.locator("mark#passage")
    expect(passage).to_contain_text("Within 24 hours")
    expect(passage).to_be_in_viewport()
    assert page.url.endswith("#passage")
