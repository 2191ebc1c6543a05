"""Browser tests: a live server on 127.0.0.1 (harness.server) and Debian's Chromium, driven by
Playwright. Never `playwright install`: it downloads a browser and fails here."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from harness.audit.pages import CHROMIUM, CHROMIUM_FLAGS  # one list of flags for tests and audits
from harness.server import InProcessServer


def ensure_chromium() -> None:
    """Install Debian's Chromium when missing (as root); in CI a missing browser
    is a failure, elsewhere a clearly reported skip."""
    if os.path.exists(CHROMIUM):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        install = ["apt-get", "install", "-y", "-q", "chromium"]
        done = subprocess.run(install, capture_output=True, check=False)  # noqa: S603
        if done.returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], capture_output=True, check=False)  # noqa: S603
            subprocess.run(install, capture_output=True, check=False)  # noqa: S603
    if os.path.exists(CHROMIUM):
        return
    message = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture()
def live_server(app: Any) -> Iterator[InProcessServer]:
    with InProcessServer(app) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    # keep a screenshot of every browser test, to look at
    os.makedirs("test-artifacts", exist_ok=True)
    page.screenshot(path=f"test-artifacts/{request.node.name}.png", full_page=True)
    context.close()


def keyboard_login(page: Any, base_url: str, username: str, password: str) -> None:
    """Log in as a keyboard user: the username field has focus when the page opens."""
    import re

    page.goto(base_url + "/login")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'username'")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard$"))
