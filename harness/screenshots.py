"""The README's screenshots, taken anew from the demo site:

    python -m harness.screenshots [folder]      (default docs/screenshots)

Today, a question with its feedback (a wrong answer, so that the right one and
the passage show), a flashcard and the flashcard dashboard, each on a phone
(360×740) and a desktop (1280×800), in the light and the dark theme: 16 PNGs.
The demo student answers one short multiple-choice quiz to have a wrong answer
to show and reviews 15 cards to have a day of study to show; everything runs on a throwaway database served on 127.0.0.1."""

from __future__ import annotations

import sys
import urllib.parse
from pathlib import Path

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from harness.audit.pages import ACCOUNTS, CHROMIUM, CHROMIUM_FLAGS
from harness.server import ROOT, demo_server

SCREENS = {
    "phone": ViewportSize(width=360, height=740),
    "desktop": ViewportSize(width=1280, height=800),
}
THEMES = ("light", "dark")
FOLDER = ROOT / "docs" / "screenshots"


def log_in(page: Page, base_url: str) -> None:
    username, password = ACCOUNTS["student"]
    page.goto(f"{base_url}/login")
    page.fill("#username", username)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("form:has(#password) button[type=submit]")


def wrong_answer(page: Page, base_url: str) -> str:
    """Start a quiz of multiple-choice questions with feedback after each, and
    answer until one is wrong; the path of that question's page."""
    page.goto(f"{base_url}/quiz/")
    for box in page.locator("input[name=types]").all():
        box.set_checked(box.get_attribute("value") == "mcq")
    page.fill("#count", "5")
    page.locator("#feedback_mode-0").check()
    with page.expect_navigation():
        page.click("main form.narrow button[type=submit]")
    first = page.url
    for position in range(1, 6):
        page.goto(first.rsplit("/", 1)[0] + f"/{position}")
        # the last option: as likely wrong as any other, and a different one each time
        page.locator("form.quiz-form input[type=radio]").last.check()
        page.locator("form.quiz-form button[type=submit]").click()
        page.locator("#feedback").wait_for()
        if page.locator("#feedback .wrong, #feedback.wrong").count() or "Not quite" in (
            page.locator("#feedback").inner_text()
        ):
            return urllib.parse.urlsplit(page.url).path
    raise RuntimeError("every answer was right; run again for another quiz")


def review_cards(page: Page, base_url: str, count: int = 15) -> None:
    """Some of today's new cards, graded Good, so that the dashboard has a day
    of reviews to show."""
    page.goto(f"{base_url}/cards/study?deck=all:")
    for _ in range(count):
        if not page.locator("#show-answer").count():
            return
        page.click("#show-answer")
        with page.expect_navigation():
            page.click("#card-back button.grade-3")


def shoot(browser: Browser, base_url: str, state: dict, question: str, folder: Path) -> list[Path]:
    taken = []
    for screen, viewport in SCREENS.items():
        for theme in THEMES:
            context = browser.new_context(
                viewport=viewport, color_scheme=theme, storage_state=state
            )
            page = context.new_page()
            for name, path in (
                ("today", "/dashboard"),
                ("quiz", question),
                ("card", "/cards/study?deck=all:"),
                ("dashboard", "/cards/"),
            ):
                page.goto(base_url + path)
                target = folder / f"{name}-{screen}-{theme}.png"
                page.screenshot(path=str(target))
                taken.append(target)
            context.close()
    return taken


def main(folder: Path = FOLDER) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with demo_server(workers=1) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            log_in(page, base_url)
            question = wrong_answer(page, base_url)
            review_cards(page, base_url)
            state = page.context.storage_state()
            taken = shoot(browser, base_url, state, question, folder)
        finally:
            browser.close()
    for path in taken:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else FOLDER)
