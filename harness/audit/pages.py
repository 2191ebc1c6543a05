"""What the audits share: the browser, the demo accounts and a person on the
site (harness.client) who logs in and follows links the way a person would."""

from __future__ import annotations

import html
import os
import re
import shutil
import urllib.parse
from pathlib import Path

from app.services.demo import DEMO_ACCOUNTS
from harness.client import Client, LoginFailed, csrf_token

AUDIT_DIR = Path(__file__).resolve().parent
NODE_MODULES = AUDIT_DIR / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE_CLI = NODE_MODULES / "lighthouse" / "cli" / "index.js"

# Debian's Chromium; never a browser downloaded by Playwright or Puppeteer.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

ANONYMOUS = "anonymous"
# role -> (username, password) of the demo accounts that `flask demo` creates
ACCOUNTS = {account.role.value: (account.username, account.password) for account in DEMO_ACCOUNTS}
ROLES = (ANONYMOUS, *ACCOUNTS)

FORM_ACTION = re.compile(r'<form[^>]*\baction="([^"]+)"')
HREF = re.compile(r'<a[^>]*\bhref="([^"#]+)"')


def missing_tools() -> list[str]:
    """What must be installed before an audit can run, with the command for each."""
    missing = []
    if not os.path.exists(CHROMIUM):
        missing.append(f"Chromium at {CHROMIUM} (apt-get install -y chromium)")
    if not AXE_SCRIPT.exists() or not LIGHTHOUSE_CLI.exists():
        missing.append("axe-core and lighthouse (npm ci --prefix harness/audit)")
    if shutil.which("node") is None:
        missing.append("Node.js (apt-get install -y nodejs npm)")
    return missing


class HttpSession:
    """One person on the audited site, through harness.client: logs in through
    the login form, follows redirects and reads pages to find the links to follow."""

    def __init__(self, base_url: str, user_agent: str = "") -> None:
        self.base_url = base_url
        self.client = Client(base_url, user_agent=user_agent)

    def url(self, path: str) -> str:
        url = urllib.parse.urljoin(self.base_url + "/", path)
        if not url.startswith(self.base_url + "/"):
            raise ValueError(f"{url} is not on the audited site")
        return url

    def get(self, path: str) -> tuple[str, str]:
        """GET a page of the site; the final URL (after redirects) and the HTML."""
        return self._open("GET", path)

    def post(self, path: str, form: dict[str, str]) -> tuple[str, str]:
        """Fill in the form of the page at `path` (one that posts to itself) and
        send it with the page's CSRF token; the final URL and the HTML."""
        _, page = self.get(path)
        return self._open("POST", path, {**form, "csrf_token": csrf_token(page)})

    def submit(self, page: str, action_contains: str, form: dict[str, str]) -> tuple[str, str]:
        """Send the form of `page` whose action contains `action_contains`."""
        action = next(a for a in FORM_ACTION.findall(page) if action_contains in a)
        return self._open("POST", html.unescape(action), {**form, "csrf_token": csrf_token(page)})

    def _open(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[str, str]:
        parts = urllib.parse.urlsplit(self.url(path))
        local = urllib.parse.urlunsplit(("", "", parts.path, parts.query, ""))
        final, response = self.client.follow(method, local, form)
        if response.status >= 400:
            raise RuntimeError(f"{method} {self.url(path)}: HTTP {response.status}")
        return self.base_url + final, response.text

    def login(self, role: str) -> None:
        username, password = ACCOUNTS[role]
        try:
            self.client.login(username, password)
        except LoginFailed as error:
            raise RuntimeError(f"could not log in as the demo {role}") from error

    def cookie_header(self) -> str:
        return self.client.cookie_header()


def link(page: str, contains: str) -> str:
    """The first link on `page` whose address contains `contains`."""
    for href in HREF.findall(page):
        if contains in href:
            return html.unescape(href)
    raise LookupError(f"no link containing {contains!r} on the page")
