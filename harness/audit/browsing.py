"""One role's browser tab in the accessibility audit: it visits pages, crawls
one page of each kind, sends forms and runs axe-core on what shows."""

from __future__ import annotations

import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

from playwright.sync_api import Page, Response
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map

from harness.audit.pages import ACCOUNTS, AXE_SCRIPT

SEVERE = ("critical", "serious")
# A bound on the crawl: one page per kind, and never more than this per role.
MAX_PAGES_PER_ROLE = 80
OPEN_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
ERROR_MESSAGES = ".error-summary, .error, .flash-error"
RUN_AXE = "() => axe.run(document, { resultTypes: ['violations'] })"


@dataclass
class Finding:
    """What axe found on one page, in one state, for one role."""

    role: str
    page: str
    path: str
    status: int | None
    violations: list[dict[str, Any]]

    def count(self, impact: str) -> int:
        return sum(1 for v in self.violations if v["impact"] == impact)

    @property
    def severe(self) -> list[dict[str, Any]]:
        return [v for v in self.violations if v["impact"] in SEVERE]


@dataclass
class PageKinds:
    """Names the kind of page behind a URL: the Flask endpoint that serves it,
    marked `?…` when the address carries a query (a filtered or chosen view)."""

    url_map: Map

    @classmethod
    def of_app(cls) -> PageKinds:
        from app import create_app

        # Only the URL map is used: no database is opened and no key is kept.
        throwaway = {"SECRET_KEY": "url-map-only", "DATABASE_URL": "sqlite://"}
        with mock.patch.dict("os.environ", throwaway):
            app = create_app()
        return cls(app.url_map)

    def __call__(self, url: str) -> str | None:
        parts = urllib.parse.urlsplit(url)
        try:
            endpoint, _ = self.url_map.bind("127.0.0.1").match(parts.path, method="GET")
        except HTTPException:
            return None
        if endpoint == "static":
            return None
        return f"{endpoint}?…" if parts.query else str(endpoint)


@dataclass
class Audit:
    """One role's browser tab: visits pages, sends forms and runs axe on what shows."""

    page: Page
    role: str
    base_url: str
    kinds: PageKinds
    findings: list[Finding] = field(default_factory=list)
    crawled: set[str] = field(default_factory=set)
    status: int | None = None
    broken: str | None = None  # why the flow stopped, when it did
    theme: str = "light"  # the colour scheme the browser asks for

    @property
    def label(self) -> str:
        """The role, and the theme when it is not the light one: how findings are named."""
        return self.role if self.theme == "light" else f"{self.role} ({self.theme})"

    # -- checking ---------------------------------------------------------------

    def check(self, label: str) -> Finding:
        """Run axe on the page as it is now, every <details> opened."""
        self.page.evaluate(OPEN_DETAILS)
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(path=str(AXE_SCRIPT))
        result = self.page.evaluate(RUN_AXE)
        finding = Finding(self.label, label, self.path, self.status, result["violations"])
        self.findings.append(finding)
        return finding

    @property
    def path(self) -> str:
        parts = urllib.parse.urlsplit(self.page.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def _navigated(self, response: Response | None) -> None:
        self.status = response.status if response is not None else None

    # -- moving around ------------------------------------------------------------

    def goto(self, path: str) -> None:
        self._navigated(self.page.goto(urllib.parse.urljoin(self.base_url, path)))

    def visit(self, path: str, label: str | None = None) -> Finding:
        self.goto(path)
        return self.check(label or self.kinds(self.page.url) or path)

    def click(self, selector: str) -> None:
        """Click what navigates to another page (a link or a form's button)."""
        with self.page.expect_navigation() as navigation:
            self.page.locator(selector).first.click()
        self._navigated(navigation.value)

    def send(self, form: str, values: dict[str, str | bool], label: str) -> Finding:
        """Fill the form matched by `form` (CSS), send it, check what comes back.
        Keys of `values` are CSS selectors inside the form: a string is typed or
        chosen, a boolean ticks or unticks."""
        self.page.evaluate(OPEN_DETAILS)
        target = self.page.locator(form).first
        for selector, value in values.items():
            element = target.locator(selector).first
            if isinstance(value, bool):
                element.set_checked(value)
            elif element.evaluate("e => e.tagName") == "SELECT":
                element.select_option(value)
            else:
                element.fill(value)
        with self.page.expect_navigation() as navigation:
            target.locator("button[type=submit], input[type=submit]").first.click()
        self._navigated(navigation.value)
        return self.check(label)

    def send_in_place(self, form: str, values: dict[str, str], shown: str, label: str) -> Finding:
        """Fill and send a form whose script shows the answer in the page (no page
        load), wait until `shown` (CSS) appears, then check the page."""
        target = self.page.locator(form).first
        for selector, value in values.items():
            target.locator(selector).first.fill(value)
        target.locator("button[type=submit]").first.click()
        self.page.locator(shown).first.wait_for()
        return self.check(label)

    def send_bad(
        self, form: str, values: dict[str, str | bool], label: str, in_place: bool | str = False
    ) -> Finding:
        """`send` with bad input: the page that comes back must say what is wrong.
        `in_place`: the page's script sends the form and shows the error itself (in
        the page's status region, or in what the selector given names)."""
        if in_place:
            self.page.evaluate(OPEN_DETAILS)
            target = self.page.locator(form).first
            for selector, value in values.items():
                target.locator(selector).first.fill(str(value))
            target.locator("button[type=submit], input[type=submit]").first.click()
            shown = in_place if isinstance(in_place, str) else ".flash-error"
            self.page.locator(shown).first.wait_for()
            return self.check(f"{label}, errors shown")
        finding = self.send(form, values, f"{label}, errors shown")
        if self.page.locator(ERROR_MESSAGES).count() == 0:
            raise RuntimeError(f"{label}: the bad input was accepted, no error message shown")
        return finding

    def links(self) -> list[str]:
        hrefs: list[str] = self.page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        return [h.split("#")[0] for h in hrefs if h.startswith(self.base_url + "/")]

    def crawl(self, *start: str) -> None:
        """Follow the links from `start`, checking one page of each kind."""
        queue = deque(urllib.parse.urljoin(self.base_url, s) for s in start)
        visited = 0
        while queue and visited < MAX_PAGES_PER_ROLE:
            url = queue.popleft()
            kind = self.kinds(url)
            if kind is None or kind in self.crawled:
                continue
            self.crawled.add(kind)
            if not self._is_html_page(url):
                continue  # a download (CSV, JSON, Anki, Moodle, GIFT)
            self.goto(url)
            visited += 1
            landed = self.kinds(self.page.url)
            if landed != kind and landed in self.crawled:
                continue  # redirected to a page already checked (the login page)
            if landed is not None:
                self.crawled.add(landed)
            self.check(landed or kind)
            queue.extend(self.links())
        unvisited = {k for k in map(self.kinds, queue) if k is not None} - self.crawled
        if unvisited:
            raise RuntimeError(
                f"the crawl stopped at {MAX_PAGES_PER_ROLE} pages with kinds left unchecked "
                f"({', '.join(sorted(unvisited))}): raise MAX_PAGES_PER_ROLE"
            )

    def _is_html_page(self, url: str) -> bool:
        headers = self.page.request.head(url).headers
        return "text/html" in headers.get("content-type", "") and "attachment" not in headers.get(
            "content-disposition", ""
        )

    # -- logging in ---------------------------------------------------------------

    def log_in(self) -> None:
        username, password = ACCOUNTS[self.role]
        self.goto("/login")
        self.page.fill("#username", username)
        self.page.fill("#password", password)
        self.click("form:has(#password) button[type=submit]")
        if self.page.url.rstrip("/").endswith("/login"):
            raise RuntimeError(f"could not log in as the demo {self.role}")
