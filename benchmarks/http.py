"""Requests per second and latency under concurrent load, served by gunicorn
(2 workers) exactly as in production, next to a bare Flask endpoint served the
same way in the same run. Only 127.0.0.1; bounded in time."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from harness.server import free_port

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
CLIENTS = 16
SECONDS = float(os.environ.get("BENCH_SECONDS", "6"))
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PASSWORD = "benchmark passphrase"


@contextmanager
def gunicorn(target: str, env: dict[str, str]) -> Iterator[int]:
    port = free_port()
    proc = subprocess.Popen(  # noqa: S603
        [
            GUNICORN,
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            target,
        ],
        cwd=ROOT,
        # the figures, not a log line per request, on the terminal
        env={**os.environ, "REQUEST_LOG": "0", **env},
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)


class Client:
    """A keep-alive HTTP client with a cookie jar."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None, accept: str = "text/html"
    ) -> tuple[int, str]:
        headers = {"Accept": accept}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text


@dataclass
class Timings:
    samples: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.samples.setdefault(name, []).append(seconds)
            if not ok:
                self.errors += 1


def run_clients(work: Callable[[int, Timings, float], None], seconds: float) -> Timings:
    timings = Timings()
    deadline = time.perf_counter() + seconds
    threads = [threading.Thread(target=work, args=(i, timings, deadline)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings


def summary(name: str, values: list[float], seconds: float) -> dict[str, float]:
    values = sorted(values)
    return {
        "rps": len(values) / seconds,
        "p50": statistics.median(values) * 1000,
        "p99": values[min(len(values) - 1, int(len(values) * 0.99))] * 1000,
    }


def hello_figures() -> dict[str, float]:
    with gunicorn("benchmarks.hello:app", {}) as port:

        def work(i: int, t: Timings, deadline: float) -> None:
            client = Client(port)
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                status, _ = client.request("GET", "/hello")
                t.add("hello", time.perf_counter() - started, status == 200)

        timings = run_clients(work, SECONDS)
    return summary("hello", timings.samples["hello"], SECONDS)


def prepare_database(
    url: str, users: int, prepare: Callable[[object, list[object]], dict[int, object]]
) -> dict[int, object]:
    """Migrate, load the bank, create users and let `prepare` make their data."""
    sys.path.insert(0, str(ROOT))
    from flask_migrate import upgrade

    import question_bank as qb
    from app import create_app
    from app.extensions import db
    from app.models import Role
    from app.services import accounts
    from app.services.bank import load_bank

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        load_bank(db.session, qb.default_bank())
        created = []
        for i in range(users):
            name = f"bench{i}"
            user = accounts.get_by_username(db.session, name) or accounts.create_user(
                db.session, name, f"Bench {i}", PASSWORD, Role.STUDENT
            )
            created.append(user)
        db.session.commit()
        result = prepare(db, created)
        db.session.commit()
        db.engine.dispose()
    return result


@contextmanager
def bench_database(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="sourcebook-bench-") as tmp:
            yield f"sqlite:///{tmp}/bench.db"
        return
    import sqlalchemy as sa

    schema = f"bench_{secrets.token_hex(4)}"
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def login(client: Client, username: str) -> str:
    _, page = client.request("GET", "/login")
    token = CSRF.search(page).group(1)  # type: ignore[union-attr]
    status, _ = client.request(
        "POST", "/login", {"username": username, "password": PASSWORD, "csrf_token": token}
    )
    assert status == 302, status
    _, page = client.request("GET", "/dashboard")
    return CSRF.search(page).group(1)  # type: ignore[union-attr]


def print_row(label: str, figures: dict[str, float], hello: dict[str, float]) -> None:
    print(
        f"  {label:<28} {figures['rps']:7.0f} req/s  p50 {figures['p50']:6.1f} ms  "
        f"p99 {figures['p99']:6.1f} ms  ratio to bare {figures['rps'] / hello['rps']:.2f}"
    )


def quiz_figures(kind: str) -> dict[str, dict[str, float]]:
    def prepare(db: object, users: list[object]) -> dict[int, object]:
        import random

        from app import clock
        from app.services import quiz

        attempts = {}
        for i, user in enumerate(users):
            attempt = quiz.start_attempt(
                db.session,
                user,
                quiz.Scope("all", "", "Bench"),
                50,
                ["mcq", "true_false"],  # type: ignore[attr-defined]
                "end",
                None,
                random.Random(i),
                clock.now(),
            )
            attempts[i] = (
                attempt.id,
                [(a.question_id, len(a.display["options"])) for a in attempt.answers],
            )
        return attempts

    with bench_database(kind) as url:
        attempts = prepare_database(url, CLIENTS, prepare)
        env = {"DATABASE_URL": url, "SECRET_KEY": "bench", "RATELIMIT_STORAGE_URI": "memory://"}
        with gunicorn("app:create_app()", env) as port:

            def work(i: int, t: Timings, deadline: float) -> None:
                client = Client(port)
                token = login(client, f"bench{i}")
                attempt_id, slots = attempts[i]  # type: ignore[misc]
                n = 0
                while time.perf_counter() < deadline:
                    position = n % len(slots) + 1
                    qid, options = slots[position - 1]
                    started = time.perf_counter()
                    status, _ = client.request("GET", f"/quiz/{attempt_id}/q/{position}")
                    t.add("show question", time.perf_counter() - started, status == 200)
                    started = time.perf_counter()
                    status, _ = client.request(
                        "POST",
                        f"/quiz/{attempt_id}/q/{position}",
                        {"csrf_token": token, "question_id": qid, "answer": str(n % options)},
                        accept="application/json",
                    )
                    t.add("save answer", time.perf_counter() - started, status == 200)
                    n += 1

            timings = run_clients(work, SECONDS)
    result = {name: summary(name, values, SECONDS) for name, values in timings.samples.items()}
    result["errors"] = {"rps": timings.errors, "p50": 0, "p99": 0}
    return result


FORM_VALUE = re.compile(r'name="(fact_id|version)" value="([^"]*)"')


def cards_figures(kind: str) -> dict[str, dict[str, float]]:
    with bench_database(kind) as url:
        prepare_database(url, CLIENTS, lambda db, users: {})
        env = {"DATABASE_URL": url, "SECRET_KEY": "bench", "RATELIMIT_STORAGE_URI": "memory://"}
        with gunicorn("app:create_app()", env) as port:

            def work(i: int, t: Timings, deadline: float) -> None:
                client = Client(port)
                token = login(client, f"bench{i}")
                while time.perf_counter() < deadline:
                    started = time.perf_counter()
                    status, page = client.request("GET", "/cards/study?deck=all:")
                    t.add("show card", time.perf_counter() - started, status == 200)
                    values = dict(FORM_VALUE.findall(page))
                    if "fact_id" not in values:
                        break  # nothing left to study today
                    started = time.perf_counter()
                    status, _ = client.request(
                        "POST",
                        "/cards/review",
                        {
                            "csrf_token": token,
                            "fact_id": values["fact_id"],
                            "version": values["version"],
                            "rating": "4",
                            "shown_at": "0",
                            "deck": "all:",
                        },
                    )
                    t.add("grade card", time.perf_counter() - started, status == 302)

            timings = run_clients(work, SECONDS)
    result = {name: summary(name, values, SECONDS) for name, values in timings.samples.items()}
    result["errors"] = {"rps": timings.errors, "p50": 0, "p99": 0}
    return result


def run() -> None:
    print(
        f"== HTTP under load: gunicorn 2 workers, {CLIENTS} concurrent clients, {SECONDS:.0f} s each =="
    )
    hello = hello_figures()
    print(
        f"  {'bare Flask /hello':<28} {hello['rps']:7.0f} req/s  p50 {hello['p50']:6.1f} ms  p99 {hello['p99']:6.1f} ms"
    )
    for kind in ("sqlite", "postgresql"):
        try:
            figures = quiz_figures(kind)
        except Exception as exc:  # noqa: BLE001  (a missing server is reported, not fatal)
            print(f"  {kind}: skipped ({exc.__class__.__name__}: {exc})")
            continue
        print(f" {kind}:")
        for name in ("show question", "save answer"):
            print_row(name, figures[name], hello)
        print(f"  errors: {int(figures['errors']['rps'])}")
        card_figures = cards_figures(kind)
        for name in ("show card", "grade card"):
            if name in card_figures:
                print_row(name, card_figures[name], hello)
        print(f"  errors: {int(card_figures['errors']['rps'])}")
