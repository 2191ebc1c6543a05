"""The security half of `make audit`; prints its figures and fails on anything
left unexplained:

1. bandit over app/ and question_bank/: no medium or high finding, unless its
   line says why it is safe (`# nosec BXXX  # why`);
2. the fuzz test (tests/test_fuzz.py), every route as every role that reaches
   it, with FUZZ_EXAMPLES examples each (default 25): no 500, no traceback;
3. Debian's wapiti against a local gunicorn on a throwaway database, anonymous,
   as the demo student and as the demo teacher, bounded in time: every finding
   is either explained in EXPLAINED below or fails the run.

    .venv/bin/python -m harness.audit.security
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET  # noqa: S405  (our own pytest's JUnit report)
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.services.demo import DEMO_ACCOUNTS
from harness.client import Client, LoginFailed
from harness.server import demo_server

ROOT = Path(__file__).resolve().parents[2]

# -- bandit -----------------------------------------------------------------------------
BANDIT_TARGETS = ("app", "question_bank")


def bandit() -> bool:
    """Medium and high findings fail the run; lines marked `# nosec BXXX` are counted."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bandit", "--version"], capture_output=True, text=True
    )
    if result.returncode != 0:
        print("bandit: not installed (.venv/bin/pip install bandit)")
        return False
    version = result.stdout.split()[1]
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "bandit",
            "--recursive",
            *BANDIT_TARGETS,
            "--severity-level",
            "medium",
            "--format",
            "json",
            "--quiet",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode not in (0, 1):  # 1: issues found
        print(f"bandit: failed (exit {result.returncode})\n{indent(result.stderr[-3000:])}")
        return False
    report = json.loads(result.stdout)
    totals = report["metrics"]["_totals"]
    gated = [r for r in report["results"] if r["issue_severity"] in ("MEDIUM", "HIGH")]
    high = sum(r["issue_severity"] == "HIGH" for r in gated)
    print(
        f"bandit {version} over {', '.join(t + '/' for t in BANDIT_TARGETS)} "
        f"({totals['loc']:,} lines): {high} high, {len(gated) - high} medium unexplained; "
        f"{totals['skipped_tests']} explained inline (# nosec), "
        f"{totals['SEVERITY.LOW']} low (not gated)"
    )
    for issue in gated:
        print(
            f"  {issue['issue_severity'].lower()} {issue['test_id']} "
            f"{issue['filename']}:{issue['line_number']}: {issue['issue_text']}"
        )
    return not gated


# -- the fuzz test with more examples ---------------------------------------------------------
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))


def fuzz() -> bool:
    database = "PostgreSQL" if os.environ.get("TEST_DATABASE_URL") else "SQLite"
    with tempfile.TemporaryDirectory(prefix="sourcebook-fuzz-") as tmp:
        junit = Path(tmp) / "fuzz.xml"
        started = time.monotonic()
        result = subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                f"--junitxml={junit}",
                "--override-ini=junit_family=legacy",  # keeps the recorded properties
                "tests/test_fuzz.py",
            ],
            cwd=ROOT,
            env={**os.environ, "FUZZ_EXAMPLES": str(FUZZ_EXAMPLES)},
            capture_output=True,
            text=True,
        )
        elapsed = time.monotonic() - started
        cases = ET.parse(junit).getroot().iter("testcase") if junit.exists() else iter(())  # noqa: S314
        figures: dict[str, int] = {}
        for case in cases:
            for prop in case.iter("property"):
                figures[prop.get("name", "")] = figures.get(prop.get("name", ""), 0) + int(
                    prop.get("value", "0")
                )
    print(
        f"fuzz: {figures.get('rules', 0)} rules × methods, {figures.get('routes', 0)} "
        f"route × role pairs, {figures.get('requests', 0):,} requests "
        f"({FUZZ_EXAMPLES} examples each) on {database} in {elapsed:.0f} s: "
        + ("no 500, no traceback" if result.returncode == 0 else "FAILED")
    )
    if result.returncode != 0:
        print(indent(result.stdout[-6000:] + result.stderr[-2000:]))
    return result.returncode == 0


# -- wapiti --------------------------------------------------------------------------------------
ANONYMOUS = "anonymous"
ACCOUNTS = {a.role.value: (a.username, a.password) for a in DEMO_ACCOUNTS}
SCANNED = (ANONYMOUS, "student", "teacher")
# The attack modules that need nothing beyond the site. Left out: ssrf and xxe
# (they need wapiti's endpoint on the internet), nikto, buster, backup and wapp
# (dictionaries of other products' files), htaccess, methods and shellshock
# (Apache and CGI checks), brute_login_form (guesses passwords; the demo ones
# are published).
MODULES = (
    "sql",
    "blindsql",
    "xss",
    "permanentxss",
    "exec",
    "file",
    "redirect",
    "crlf",
    "csrf",
    "csp",
    "http_headers",
    "cookieflags",
)
CRAWL_SECONDS = 40  # per role; the roles are scanned at the same time
ATTACK_SECONDS = 10  # per role and module; a page being attacked is finished first
# Per role, whatever happens. A quiet 2-core machine needs 60-260 s; one busy
# with other work (a test suite alongside) can need twice that.
DEADLINE_SECONDS = 900
# The login limits would answer most of the scanner's attempts with a 429.
UNLIMITED = {
    "LOGIN_LIMIT_PER_ADDRESS": "10000/minute",
    "LOGIN_LIMIT_PER_ACCOUNT": "10000/minute",
    "LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS": "10000/minute",
}

# Debian's wapiti 3.0.4 runs with two of its functions corrected:
# - it compiles its --exclude patterns with the global flags at the end
#   (`...\Z(?ms)`), which Python 3.11 refuses; without --exclude the crawler
#   would submit the log-out form and scan the rest of the site logged out;
# - it sniffs a page's encoding again (chardet, pure Python) for every form on
#   it: the flashcard list, with a form per card, took minutes. Every page of the
#   site declares its charset in Content-Type; that one is used when present.
LAUNCHER = """
import re, sys
from wapitiCore.net import crawler, page

def wildcard_translate(pattern):
    body = "".join(".*" if char == "*" else re.escape(char) for char in pattern)
    return re.compile("(?ms)" + body + r"\\Z")

def apparent_encoding(self):
    encoding = self._response.encoding or self._response.apparent_encoding
    return encoding.upper() if encoding else None

crawler.wildcard_translate = wildcard_translate
page.Page.apparent_encoding = property(apparent_encoding)
from wapitiCore.main.wapiti import wapiti_main
sys.argv[0] = "wapiti"
wapiti_main()
"""


@dataclass(frozen=True)
class Explained:
    """A kind of finding at some paths that is not a vulnerability, and why."""

    kind: str  # wapiti's category
    info: str  # regex searched in wapiti's description of the finding
    path: str  # regex the whole path must match
    why: str

    def covers(self, finding: Finding) -> bool:
        return (
            finding.kind == self.kind
            and re.search(self.info, finding.info) is not None
            and re.fullmatch(self.path, finding.path) is not None
        )


EXPLAINED = (
    Explained(
        "HTTP Secure Headers",
        "X-XSS-Protection",
        r"/.*",
        "The header only steers the XSS auditor that browsers have removed, and "
        "OWASP advises against setting it. Scripts are restricted by the "
        "Content-Security-Policy (script-src 'self', no unsafe-inline) on every "
        "response, which tests/test_routes.py checks for every route.",
    ),
    Explained(
        "HTTP Secure Headers",
        "Strict-Transport-Security",
        r"/.*",
        "HSTS means nothing over plain HTTP (browsers ignore it there, RFC 6797 "
        "§8.1), which is how the scan reaches 127.0.0.1. The app sends it on every "
        "HTTPS request (app/security.py; tests/test_auth.py checks it).",
    ),
    Explained(
        "Secure Flag cookie",
        r"cookie : (session|remember_token)$",
        r"/.*",
        "The cookies are marked Secure whenever the request came over HTTPS "
        "(app/security.py); a Secure cookie would never come back over the scan's "
        "plain HTTP. tests/test_auth.py checks both cases.",
    ),
    Explained(
        "Cross Site Request Forgery",
        r"^Lack of anti CSRF token$",
        r"/teach/(lessons/\d+/items/(passage|own-question)|classes/\d+/announcements)",
        "These forms share their page (the lesson editor, the class page) with others, "
        "so their fields carry a prefix and the token is sent as passage-csrf_token, "
        "own-csrf_token or announce-csrf_token, names "
        "wapiti does not know. Flask-WTF's CSRFProtect takes any field ending in "
        "csrf_token and refuses the POST without a valid one: tests/test_routes.py "
        "(test_every_post_route_refuses_a_missing_or_forged_csrf_token) checks it.",
    ),
    Explained(
        "Cross Site Request Forgery",
        r"is not properly checked in backend",
        r"/teach/lessons/\d+/import|/teach/sources/new",
        "Both forms take a file (multipart), and wapiti 3.0.4 sends every field of a "
        "multipart form as a file part, the token included: the app finds no token "
        "at all, so wapiti's own request and its forged one get the same 400 'send "
        "this again' page, which wapiti reads as 'not checked'. Both routes refuse a "
        "missing or forged token (tests/test_routes.py, the same test), and "
        "tests/test_fuzz.py sends them fuzzed fields and files with a valid token.",
    ),
)


@dataclass
class Finding:
    kind: str
    method: str
    path: str
    parameter: str
    info: str
    roles: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.kind, self.method, self.path, self.parameter, self.info)

    def __str__(self) -> str:
        where = f"{self.method} {self.path}" + (f" [{self.parameter}]" if self.parameter else "")
        return f"{self.kind}: {where}: {self.info} (as {', '.join(self.roles)})"


# What wapiti says it is; the demo accounts log in with it, since a login holds
# only for the kind of browser that made it.
WAPITI_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def session_cookies(base_url: str, role: str) -> dict[str, Any]:
    """The cookies of a browser logged in as `role`, in wapiti's JSON cookie
    format (session cookies: wapiti's scan ends long before they would expire)."""
    client = Client(base_url, user_agent=WAPITI_AGENT)
    if role != ANONYMOUS:
        username, password = ACCOUNTS[role]
        try:
            client.login(username, password)
        except LoginFailed as error:
            raise RuntimeError(f"could not log in as the demo {role}") from error
        finally:
            client.close()
    host = urllib.parse.urlsplit(base_url).hostname or ""
    cookies: dict[str, Any] = {}
    for name, value in client.cookies.items():
        cookies.setdefault(host, {}).setdefault("/", {})[name] = {
            "value": value,
            "expires": None,
            "secure": False,
            "port": None,
            "version": 0,
        }
    return cookies


def wapiti_python(wapiti: str) -> str:
    """The interpreter wapiti's own script runs with (Debian's python3)."""
    first = Path(wapiti).read_text().splitlines()[0]
    return first[2:].strip() if first.startswith("#!") else "python3"


def wapiti_command(wapiti: str, base_url: str, workdir: Path) -> list[str]:
    cookies = workdir / "cookies.json"
    return [
        wapiti_python(wapiti),
        "-c",
        LAUNCHER,
        "--url",
        f"{base_url}/",
        "--user-agent",
        WAPITI_AGENT,
        "--scope",
        "folder",  # the whole site at base_url, nothing else
        "--exclude",
        f"{base_url}/logout",
        # one form per card on the flashcard list, hundreds of them, all the same
        # code: they would use up the attack time (tests/test_fuzz.py covers them)
        "--exclude",
        f"{base_url}/cards/*/suspend",
        *(["--cookie", str(cookies)] if cookies.exists() else []),
        # an attack on the token only ever meets the CSRF refusal
        "--skip",
        "csrf_token",
        # the flashcard list answers a status it does not know with every card,
        # 300 KB that wapiti parses once per payload: minutes on one parameter.
        # The views only compare it with fixed words; tests/test_fuzz.py fuzzes it.
        "--skip",
        "status",
        "--module",
        ",".join(MODULES),
        "--max-scan-time",
        str(CRAWL_SECONDS),
        "--max-attack-time",
        str(ATTACK_SECONDS),
        # a source page links to each of its hundreds of passages: a few will do
        "--max-files-per-dir",
        "15",
        "--timeout",
        "10",
        "--flush-session",
        "--store-session",
        str(workdir / "session"),
        "--store-config",
        str(workdir / "config"),
        "--no-bugreport",
        "--verbose",
        "1",
        "--format",
        "json",
        "--output",
        str(workdir / "report.json"),
    ]


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """os.environ with `values` set (the demo server's gunicorn inherits them)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def scan(wapiti: str, tmp: Path) -> tuple[dict[str, dict[str, Any]], dict[str, float]]:
    """Each role's wapiti report, all roles scanned at once, and each one's seconds."""
    reports: dict[str, dict[str, Any]] = {}
    seconds: dict[str, float] = {}
    running: dict[str, subprocess.Popen[bytes]] = {}
    with environment(UNLIMITED), demo_server(workers=4) as base_url, stopping(running):
        started = time.monotonic()
        for role in SCANNED:
            workdir = tmp / role
            workdir.mkdir()
            cookies = session_cookies(base_url, role)
            if cookies:
                (workdir / "cookies.json").write_text(json.dumps(cookies))
            with (workdir / "wapiti.log").open("w") as log:
                running[role] = subprocess.Popen(  # noqa: S603
                    wapiti_command(wapiti, base_url, workdir),
                    cwd=workdir,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
        for role, proc in running.items():
            left = max(1.0, DEADLINE_SECONDS - (time.monotonic() - started))
            try:
                proc.wait(timeout=left)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                print(f"wapiti as {role}: stopped after {DEADLINE_SECONDS} s")
            seconds[role] = time.monotonic() - started
            report = tmp / role / "report.json"
            if report.exists():
                reports[role] = json.loads(report.read_text())
            else:
                log_tail = (tmp / role / "wapiti.log").read_text()[-3000:]
                print(f"wapiti as {role}: no report (exit {proc.returncode})\n{indent(log_tail)}")
    return reports, seconds


@contextmanager
def stopping(running: dict[str, subprocess.Popen[bytes]]) -> Iterator[None]:
    """Whatever happens, no scanner outlives the audit."""
    try:
        yield
    finally:
        for proc in running.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def crawled(log: Path) -> int:
    """How many URLs and forms wapiti found, from its log."""
    found = re.search(r"Wapiti found (\d+) URLs and forms", log.read_text())
    return int(found[1]) if found else 0


def findings(reports: dict[str, dict[str, Any]]) -> list[Finding]:
    """Vulnerabilities and anomalies (errors, timeouts) of every role, merged."""
    merged: dict[tuple[str, ...], Finding] = {}
    for role, report in reports.items():
        for section in ("vulnerabilities", "anomalies"):
            for kind, items in report.get(section, {}).items():
                for item in items:
                    finding = Finding(
                        kind, item["method"], item["path"], item["parameter"], item["info"]
                    )
                    merged.setdefault(finding.key, finding).roles.append(role)
    return list(merged.values())


def wapiti() -> bool:
    found = shutil.which("wapiti")
    if found is None:
        print("wapiti: not installed (apt-get install -y wapiti)")
        return False
    with tempfile.TemporaryDirectory(prefix="sourcebook-wapiti-") as tmp_name:
        tmp = Path(tmp_name)
        reports, seconds = scan(found, tmp)
        for role in SCANNED:
            if role in reports:
                print(
                    f"wapiti as {role}: {crawled(tmp / role / 'wapiti.log')} URLs and forms "
                    f"found in {CRAWL_SECONDS} s, attacked for {ATTACK_SECONDS} s per module; "
                    f"done after {seconds[role]:.0f} s"
                )
    results = findings(reports)
    version = next((r["infos"]["version"] for r in reports.values()), "wapiti")
    unexplained = 0
    for finding in sorted(results, key=lambda f: f.key):
        reason = next((e.why for e in EXPLAINED if e.covers(finding)), None)
        if reason is None:
            unexplained += 1
            print(f"  UNEXPLAINED {finding}")
        else:
            print(f"  explained   {finding}\n{indent(reason, 16)}")
    print(
        f"{version}, modules {', '.join(MODULES)}: {len(results)} findings, "
        f"{len(results) - unexplained} explained, {unexplained} unexplained"
    )
    return unexplained == 0 and set(reports) == set(SCANNED)


def indent(text: str, spaces: int = 4) -> str:
    return "\n".join(" " * spaces + line for line in text.strip().splitlines())


def run() -> bool:
    results = []
    for section in (bandit, fuzz, wapiti):
        started = time.monotonic()
        results.append(section())
        print(f"  ({section.__name__}: {time.monotonic() - started:.0f} s)")
    return all(results)


if __name__ == "__main__":
    sys.exit(0 if run() else 1)
