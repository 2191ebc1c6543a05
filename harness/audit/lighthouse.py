"""Lighthouse on the pages people use most: accessibility 100, performance at
least 95, no request outside the site and under 100 KB on a first load.

    python -m harness.audit.lighthouse

Lighthouse's default mobile profile (simulated slow 4G and a 4× slower CPU), in
Debian's headless Chromium, against the demo site served by gunicorn on
127.0.0.1. Logged-in pages are loaded with the session cookie of a demo account,
logged in through the login form; their addresses are found by following links."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.audit.pages import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    LIGHTHOUSE_CLI,
    HttpSession,
    link,
    missing_tools,
)
from harness.server import demo_server

MIN_ACCESSIBILITY = 100
MIN_PERFORMANCE = 95
MAX_BYTES = 100_000  # transferred on a first load, cold cache
SECONDS_PER_PAGE = 120
# Performance varies from run to run with the load of the machine (Lighthouse's
# documentation advises the median of several runs): a page whose first run
# misses the target is run again, and its median run counts.
RUNS_ON_MISS = 3


@dataclass(frozen=True)
class Target:
    name: str
    url: str
    cookie: str | None  # the session of the demo account that sees the page


@dataclass(frozen=True)
class Result:
    name: str
    path: str  # where the page landed: the audited address unless redirected (to log in)
    expected_path: str
    accessibility: int
    performance: int  # of the median run
    performance_runs: list[int]  # every run, in order
    bytes: int
    requests: int
    external: list[str]
    failed_audits: list[str]

    @property
    def ok(self) -> bool:
        return (
            self.path == self.expected_path
            and self.accessibility >= MIN_ACCESSIBILITY
            and self.performance >= MIN_PERFORMANCE
            and self.bytes < MAX_BYTES
            and not self.external
        )


# The browser Lighthouse's mobile run says it is; the demo accounts log in with
# it, since a login holds only for the kind of browser that made it.
AGENT = (
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"
)


def find_targets(base_url: str) -> list[Target]:
    """The audited pages, reached the way a person reaches them."""
    student = HttpSession(base_url, user_agent=AGENT)
    student.login("student")
    _, dashboard = student.get("/dashboard")
    lesson_url, lesson = student.get(link(dashboard, "/lessons/"))
    # the assigned lesson's quiz: starting it lands on its first question
    question_url, _ = student.submit(lesson, "/assignments/", {})
    teacher = HttpSession(base_url, user_agent=AGENT)
    teacher.login("teacher")
    _, teach = teacher.get("/teach/")
    gradebook_url, _ = teacher.get(link(teach, "/teach/classes/"))
    return [
        Target("home", f"{base_url}/", None),
        Target("quiz question", question_url, student.cookie_header()),
        Target("flashcard", student.url("/cards/study?deck=all:"), student.cookie_header()),
        Target("lesson (student)", lesson_url, student.cookie_header()),
        Target("gradebook (teacher)", gradebook_url, teacher.cookie_header()),
    ]


def lighthouse(target: Target, workdir: Path) -> dict[str, Any]:
    """Run the Lighthouse CLI on one page; its JSON report."""
    report = workdir / "report.json"
    command = [
        str(shutil.which("node")),
        str(LIGHTHOUSE_CLI),
        target.url,
        "--only-categories=accessibility,performance",
        f"--emulated-user-agent={AGENT}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--no-enable-error-reporting",
        "--disable-full-page-screenshot",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
    ]
    if target.cookie:
        headers = workdir / "headers.json"
        headers.write_text(json.dumps({"Cookie": target.cookie}))
        command.append(f"--extra-headers={headers}")
    subprocess.run(  # noqa: S603
        command,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        capture_output=True,
        timeout=SECONDS_PER_PAGE,
    )
    data: dict[str, Any] = json.loads(report.read_text())
    return data


def local_path(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def performance(data: dict[str, Any]) -> int:
    return round(float(data["categories"]["performance"]["score"]) * 100)


def audit_page(target: Target, workdir: Path, site: str) -> Result:
    runs = [lighthouse(target, workdir)]
    if performance(runs[0]) < MIN_PERFORMANCE:
        runs += [lighthouse(target, workdir) for _ in range(RUNS_ON_MISS - 1)]
    median = sorted(runs, key=performance)[len(runs) // 2]
    return summarize(target, median, site, [performance(run) for run in runs])


def summarize(target: Target, data: dict[str, Any], site: str, runs: list[int]) -> Result:
    categories, audits = data["categories"], data["audits"]
    requests = [
        item
        for item in audits["network-requests"]["details"]["items"]
        if item["url"].startswith(("http:", "https:"))
    ]
    external = [r["url"] for r in requests if urllib.parse.urlsplit(r["url"]).netloc != site]
    failed = [
        f"{category}: {audit['title']} {audit.get('displayValue', '')}".rstrip()
        for category in ("accessibility", "performance")
        for ref in categories[category]["auditRefs"]
        if ref["weight"] > 0
        for audit in [audits[ref["id"]]]
        if audit["score"] is not None and audit["score"] < 1
    ]
    return Result(
        name=target.name,
        path=local_path(data["finalDisplayedUrl"]),
        expected_path=local_path(target.url),
        accessibility=round(categories["accessibility"]["score"] * 100),
        performance=performance(data),
        performance_runs=runs,
        bytes=int(audits["total-byte-weight"]["numericValue"]),
        requests=len(requests),
        external=external,
        failed_audits=failed,
    )


def report(results: list[Result]) -> None:
    width = max(len(r.name) for r in results)
    path_width = max(len(r.path) for r in results)
    print(
        f"{'page':<{width}} {'address':<{path_width}} {'a11y':>4} {'perf':>4} "
        f"{'KB':>6} {'requests':>8} {'external':>8}"
    )
    for r in results:
        reruns = "" if len(r.performance_runs) == 1 else f"  (perf runs: {r.performance_runs})"
        print(
            f"{r.name:<{width}} {r.path:<{path_width}} {r.accessibility:>4} "
            f"{r.performance:>4} {r.bytes / 1000:>6.1f} {r.requests:>8} {len(r.external):>8}"
            + ("" if r.ok else "  ✗")
            + reruns
        )
    for r in results:
        if r.path != r.expected_path:
            print(f"  {r.name}: {r.expected_path} redirected to {r.path}")
        for url in r.external:
            print(f"  {r.name}: request outside the site: {url}")
        if not r.ok:
            for audit in r.failed_audits:
                print(f"  {r.name}: not passed: {audit}")


def run() -> bool:
    """Lighthouse on the five pages; True when every one meets every target."""
    print(
        f"== front-end weight: Lighthouse (mobile), targets a11y {MIN_ACCESSIBILITY}, "
        f"perf ≥ {MIN_PERFORMANCE}, < {MAX_BYTES // 1000} KB, nothing outside the site =="
    )
    missing = missing_tools()
    if missing:
        print("not run; missing: " + "; ".join(missing))
        return False
    started = time.monotonic()
    results: list[Result] = []
    with demo_server() as base_url, tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = urllib.parse.urlsplit(base_url).netloc
        targets = find_targets(base_url)
        for target in targets:
            try:
                results.append(audit_page(target, Path(tmp), site))
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
                output = exc.stderr.decode(errors="replace") if exc.stderr else ""
                print(f"Lighthouse failed on {target.name}: {exc}\n{output[-2000:]}")
    if results:
        report(results)
    passed = len(results) == len(targets) and all(r.ok for r in results)
    print(
        f"\n{len(results)} pages in {time.monotonic() - started:.0f} s: "
        + ("every target met." if passed else "some targets missed (✗).")
    )
    return passed


if __name__ == "__main__":
    sys.exit(0 if run() else 1)
