"""The hot requests measured against the stack floor, by a load tool that does
not share the server's core.

Each server is one sync gunicorn worker pinned to core 0; wrk (Debian's `wrk`,
one thread, 16 connections) runs pinned to core 1. Three servers run side by
side on one SQLite database: a bare hello, the stack floor (`benchmarks/floor.py`:
the same stack and database work with nothing else) and Sourcebook. Rounds
interleave them, so every ratio compares figures of the same run. The figure
that matters is the server's CPU time per request (read from the kernel's
per-process accounting), because it does not depend on how busy the client is;
req/s and latency are printed beside it. Only 127.0.0.1; bounded in time."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks import floor
from benchmarks.http import PASSWORD, prepare_database, quiz_attempts
from harness.client import Client
from harness.server import Gunicorn

SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = 16
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) wrk-benchmark"
POSITIONS = 10


@dataclass
class Figures:
    requests: int
    rps: float
    p50: float
    p99: float
    cpu_ms: float
    errors: int


def cores() -> tuple[str, str]:
    """The server's core and the client's: different ones where there are two."""
    if (os.cpu_count() or 1) >= 2 and shutil.which("taskset"):
        return "0", "1"
    return "", ""


def pinned(command: list[str], core: str) -> list[str]:
    return ["taskset", "-c", core, *command] if core else command


def cpu_seconds(pids: list[int]) -> float:
    """Time the processes have spent on a CPU (the first field of schedstat is
    nanoseconds; /proc/PID/stat's ticks are only 10 ms apart)."""
    total = 0
    for pid in pids:
        total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
    return total / 1e9


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def parse_wrk(out: str) -> tuple[int, float, float, float, int]:
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def percentile(p: str) -> float:
        found = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        return float(found.group(1)) * UNITS[found.group(2)] if found else float("nan")

    errors = 0
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: .*?(\d+) timeout"):
        found = re.search(pattern, out)
        if found:
            errors += int(found.group(1))
    return requests, rps, percentile("50"), percentile("99"), errors


def lua_script(requests: list[tuple[str, str, dict[str, str], str]]) -> str:
    """A wrk script that sends `requests` (method, path, headers, body) in turn."""

    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["local list = {}"]
    for method, path, headers, body in requests:
        table = "{" + ", ".join(f"[{quote(k)}] = {quote(v)}" for k, v in headers.items()) + "}"
        lines.append(
            f"table.insert(list, wrk.format({quote(method)}, {quote(path)}, {table}, "
            f"{quote(body) if body else 'nil'}))"
        )
    lines += [
        "local n = 0",
        "request = function()",
        "  n = n % #list + 1",
        "  return list[n]",
        "end",
    ]
    return "\n".join(lines) + "\n"


def probe(url: str, requests: list[tuple[str, str, dict[str, str], str]]) -> None:
    """Send the first request of a script once: a redirect to the login page or
    a refused CSRF token would otherwise be measured as a fast success."""
    method, path, headers, body = requests[0]
    connection = http.client.HTTPConnection(url.removeprefix("http://"), timeout=30)
    try:
        connection.request(method, path, body or None, headers)
        status = connection.getresponse().status
    finally:
        connection.close()
    if status != 200:
        raise RuntimeError(f"{method} {path} answered {status}, not 200: the figures would lie")


def drive(server: Gunicorn, script: str, client_core: str, seconds: float) -> Figures:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        pids = server.worker_pids()
        before = cpu_seconds(pids)
        out = subprocess.run(  # noqa: S603
            pinned(
                [
                    "wrk",
                    "-t1",
                    f"-c{CONNECTIONS}",
                    f"-d{max(1, round(seconds))}s",
                    "--latency",
                    "-s",
                    handle.name,
                    server.url,
                ],
                client_core,
            ),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        spent = cpu_seconds(pids) - before
    finally:
        os.unlink(handle.name)
    requests, rps, p50, p99, errors = parse_wrk(out)
    return Figures(requests, rps, p50, p99, spent * 1000 / max(requests, 1), errors)


def app_requests(url: str, attempts: dict[int, object]) -> dict[str, list]:
    """Log each benchmark student in (as the User-Agent wrk sends) and list
    their question pages and answer saves."""
    pages, saves = [], []
    for i, (attempt_id, slots) in attempts.items():  # type: ignore[misc]
        client = Client(url, user_agent=USER_AGENT)
        client.login(f"bench{i}", PASSWORD)
        client.send("GET", f"/quiz/{attempt_id}/q/1")
        headers = {"Cookie": client.cookie_header(), "User-Agent": USER_AGENT}
        for position, (qid, options) in enumerate(slots, start=1):
            path = f"/quiz/{attempt_id}/q/{position}"
            pages.append(("GET", path, {**headers, "Accept": "text/html"}, ""))
            body = f"csrf_token={client.csrf}&question_id={qid}&answer={position % options}"
            saves.append(
                (
                    "POST",
                    path,
                    {
                        **headers,
                        "Accept": "application/json",
                        "Content-Type": "application/x-www-form-urlencoded",
                    },
                    body,
                )
            )
        client.close()
    return {"question page": pages, "answer save": saves}


def floor_requests(ids: list[str]) -> dict[str, list]:
    pages, saves = [], []
    for sid in ids:
        headers = {"Cookie": f"sid={sid}", "User-Agent": USER_AGENT}
        for position in range(1, floor.POSITIONS + 1):
            path = f"/floor/q/{position}"
            pages.append(("GET", path, headers, ""))
            saves.append(
                (
                    "POST",
                    path,
                    {**headers, "Content-Type": "application/x-www-form-urlencoded"},
                    f"answer={position % 4}",
                )
            )
    return {"question page": pages, "answer save": saves}


def run() -> None:
    if not shutil.which("wrk"):
        print("== Hot requests against the stack floor: skipped (wrk is not installed:")
        print("   apt-get install -y wrk) ==")
        return
    server_core, client_core = cores()
    where = (
        f"server on core {server_core}, wrk on core {client_core}"
        if server_core
        else "server and wrk share the cores (one core, or no taskset)"
    )
    print(
        f"== Hot requests against the stack floor: one sync gunicorn worker each, "
        f"wrk 1 thread {CONNECTIONS} connections {SECONDS:.0f} s, {where}, SQLite, "
        f"median of {ROUNDS} rounds =="
    )
    with tempfile.TemporaryDirectory(prefix="sourcebook-hot-") as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        attempts = prepare_database(url, CONNECTIONS, quiz_attempts(POSITIONS))
        ids = floor.prepare(url)
        env = {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "RATELIMIT_STORAGE_URI": "memory://",
            "REQUEST_LOG": "0",
        }

        def server(target: str) -> Gunicorn:
            return Gunicorn(
                env,
                workers=1,
                app=target,
                config=None,
                args=("--log-level", "warning", "--worker-class", "sync"),
                prefix=pinned([], server_core),
            )

        hello = server("benchmarks.hello:app").start()
        floor_server = server("benchmarks.floor:create_app()").start()
        app = server("app:create_app()").start()
        try:
            lists = {("hello", "hello"): (hello, [("GET", "/hello", {}, "")])}
            for name, reqs in floor_requests(ids).items():
                lists[("floor", name)] = (floor_server, reqs)
            for name, reqs in app_requests(app.url, attempts).items():
                lists[("sourcebook", name)] = (app, reqs)
            scripts = {}
            for key, (target, reqs) in lists.items():
                probe(target.url, reqs)
                scripts[key] = (target, lua_script(reqs))
            results: dict[tuple[str, str], list[Figures]] = {key: [] for key in scripts}
            for target, script in scripts.values():
                drive(target, script, client_core, 1)  # warm up: caches, compiled templates
            for _ in range(ROUNDS):
                for key, (target, script) in scripts.items():
                    results[key].append(drive(target, script, client_core, SECONDS))
        finally:
            for s in (hello, floor_server, app):
                s.stop()
    report(results)


def median(figures: list[Figures], field: str) -> float:
    return statistics.median(getattr(f, field) for f in figures)


def report(results: dict[tuple[str, str], list[Figures]]) -> None:
    print(
        f"  {'':<28} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'CPU ms/req':>10} "
        f"{'x floor':>8} {'x hello':>8} {'errors':>6}"
    )
    hello_cpu = median(results[("hello", "hello")], "cpu_ms")
    for (target, name), figures in results.items():
        cpu = median(figures, "cpu_ms")
        floor_cpu = median(results[("floor", name)], "cpu_ms") if name != "hello" else cpu
        label = "bare hello" if target == "hello" else f"{target} {name}"
        print(
            f"  {label:<28} {median(figures, 'rps'):7.0f} {median(figures, 'p50'):7.2f} "
            f"{median(figures, 'p99'):7.2f} {cpu:10.2f} {cpu / floor_cpu:8.2f} "
            f"{cpu / hello_cpu:8.2f} {sum(f.errors for f in figures):6d}"
        )
    print(
        "  x floor: the server's CPU per request over the stack floor's for the same "
        "request; x hello: over a bare hello's."
    )
