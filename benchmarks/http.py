"""Requests per second and latency under concurrent load, served by gunicorn
(2 workers) exactly as in production, next to a bare Flask endpoint served the
same way in the same run. Only 127.0.0.1; bounded in time."""

from __future__ import annotations

import os
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from harness.client import Client
from harness.server import Gunicorn

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 16
SECONDS = float(os.environ.get("BENCH_SECONDS", "6"))
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PASSWORD = "benchmark passphrase"


def gunicorn(target: str, env: dict[str, str]) -> Gunicorn:
    """gunicorn with 2 workers and its own defaults, serving `target`; its
    warnings, but not a log line per request, on the terminal."""
    return Gunicorn(
        {"REQUEST_LOG": "0", **env},
        app=target,
        config=None,
        args=("--log-level", "warning"),
        quiet=False,
    )


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
    with gunicorn("benchmarks.hello:app", {}) as server:

        def work(i: int, t: Timings, deadline: float) -> None:
            client = Client(server.url)
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                status = client.send("GET", "/hello").status
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


def print_row(label: str, figures: dict[str, float], hello: dict[str, float]) -> None:
    print(
        f"  {label:<28} {figures['rps']:7.0f} req/s  p50 {figures['p50']:6.1f} ms  "
        f"p99 {figures['p99']:6.1f} ms  ratio to bare {figures['rps'] / hello['rps']:.2f}"
    )


def quiz_attempts(count: int) -> Callable[[object, list[object]], dict[int, object]]:
    """What `prepare_database` runs to give each user a quiz of `count` multiple
    choice and true/false questions: user index -> (attempt id, [(question id,
    number of options)])."""

    def prepare(db: object, users: list[object]) -> dict[int, object]:
        import random

        from app import clock
        from app.services import quiz

        attempts = {}
        for i, user in enumerate(users):
            attempt = quiz.start_attempt(
                db.session,  # type: ignore[attr-defined]
                user,
                quiz.Scope("all", "", "Bench"),
                count,
                ["mcq", "true_false"],
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

    return prepare


def quiz_figures(kind: str) -> dict[str, dict[str, float]]:
    prepare = quiz_attempts(50)
    with bench_database(kind) as url:
        attempts = prepare_database(url, CLIENTS, prepare)
        env = {"DATABASE_URL": url, "SECRET_KEY": "bench", "RATELIMIT_STORAGE_URI": "memory://"}
        with gunicorn("app:create_app()", env) as server:

            def work(i: int, t: Timings, deadline: float) -> None:
                client = Client(server.url)
                client.login(f"bench{i}", PASSWORD)
                attempt_id, slots = attempts[i]  # type: ignore[misc]
                n = 0
                while time.perf_counter() < deadline:
                    position = n % len(slots) + 1
                    qid, options = slots[position - 1]
                    started = time.perf_counter()
                    status = client.send("GET", f"/quiz/{attempt_id}/q/{position}").status
                    t.add("show question", time.perf_counter() - started, status == 200)
                    started = time.perf_counter()
                    status = client.send(
                        "POST",
                        f"/quiz/{attempt_id}/q/{position}",
                        {"question_id": qid, "answer": str(n % options)},
                        want_json=True,
                    ).status
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
        with gunicorn("app:create_app()", env) as server:

            def work(i: int, t: Timings, deadline: float) -> None:
                client = Client(server.url)
                client.login(f"bench{i}", PASSWORD)
                while time.perf_counter() < deadline:
                    started = time.perf_counter()
                    shown = client.send("GET", "/cards/study?deck=all:")
                    t.add("show card", time.perf_counter() - started, shown.status == 200)
                    values = dict(FORM_VALUE.findall(shown.text))
                    if "fact_id" not in values:
                        break  # nothing left to study today
                    started = time.perf_counter()
                    status = client.send(
                        "POST",
                        "/cards/review",
                        {
                            "fact_id": values["fact_id"],
                            "version": values["version"],
                            "rating": "4",
                            "shown_at": "0",
                            "deck": "all:",
                        },
                    ).status
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
