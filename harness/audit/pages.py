"""What the audits share: the browser, the demo accounts and a small HTTP client
that logs in and follows links the way a person would."""

from __future__ import annotations

import html
import http.cookiejar
import os
import re
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

from app.services.demo import DEMO_ACCOUNTS

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

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
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
    """A cookie-keeping HTTP client for one person on the site: logs in through
    the login form and reads pages to find the links to follow."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def url(self, path: str) -> str:
        url = urllib.parse.urljoin(self.base_url + "/", path)
        if not url.startswith(self.base_url + "/"):
            raise ValueError(f"{url} is not on the audited site")
        return url

    def get(self, path: str) -> tuple[str, str]:
        """GET a page of the site; the final URL (after redirects) and the HTML."""
        with self.opener.open(self.url(path), timeout=30) as response:
            return response.geturl(), response.read().decode()

    def post(self, path: str, form: dict[str, str]) -> tuple[str, str]:
        """Fill in the form of the page at `path` (one that posts to itself) and
        send it with the page's CSRF token; the final URL and the HTML."""
        _, page = self.get(path)
        return self._send(path, {**form, "csrf_token": csrf_token(page)})

    def submit(self, page: str, action_contains: str, form: dict[str, str]) -> tuple[str, str]:
        """Send the form of `page` whose action contains `action_contains`."""
        action = next(a for a in FORM_ACTION.findall(page) if action_contains in a)
        return self._send(html.unescape(action), {**form, "csrf_token": csrf_token(page)})

    def _send(self, path: str, fields: dict[str, str]) -> tuple[str, str]:
        body = urllib.parse.urlencode(fields).encode()
        with self.opener.open(self.url(path), data=body, timeout=30) as response:
            return response.geturl(), response.read().decode()

    def login(self, role: str) -> None:
        username, password = ACCOUNTS[role]
        final, _ = self.post("/login", {"username": username, "password": password})
        if final.rstrip("/").endswith("/login"):
            raise RuntimeError(f"could not log in as the demo {role}")

    def cookie_header(self) -> str:
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)


def csrf_token(page: str) -> str:
    found = CSRF_META.search(page)
    if found is None:
        raise RuntimeError("no CSRF token on the page")
    return html.unescape(found.group(1))


def link(page: str, contains: str) -> str:
    """The first link on `page` whose address contains `contains`."""
    for href in HREF.findall(page):
        if contains in href:
            return html.unescape(href)
    raise LookupError(f"no link containing {contains!r} on the page")
