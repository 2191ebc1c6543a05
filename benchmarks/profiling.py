"""Where the time of one hot request goes: the question page, the answer save or
the start of an assigned quiz, run in this process through Flask's test client
on a throwaway SQLite database (or BENCH_PROFILE_URL: a PostgreSQL database
that this tool wipes, its public schema dropped first), then again under
cProfile.

    python -m benchmarks.profiling page            # or: save, start
    BENCH_PROFILE_SORT=tottime BENCH_PROFILE_TOP=40 python -m benchmarks.profiling save

Prints the CPU milliseconds per request without the profiler (the test client's
own work included: compare figures of this tool with each other, not with
`python -m benchmarks hot`), the SQL statements one request sends, and the
profile, measured in CPU time."""

from __future__ import annotations

import cProfile
import os
import pstats
import re
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

REQUESTS = int(os.environ.get("BENCH_PROFILE_REQUESTS", "1000"))
SORT = os.environ.get("BENCH_PROFILE_SORT", "cumulative")
TOP = int(os.environ.get("BENCH_PROFILE_TOP", "60"))
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) profile"
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _empty_postgres(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def _client(app: Any, username: str, password: str) -> tuple[FlaskClient, str]:
    """A client logged in as `username`, and its CSRF token."""
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = USER_AGENT
    token = CSRF_FIELD.search(client.get("/login").get_data(as_text=True))
    assert token, "no CSRF token on the login page"
    response = client.post(
        "/login", data={"csrf_token": token.group(1), "username": username, "password": password}
    )
    assert response.status_code == 302, f"login answered {response.status_code}"
    page = CSRF_META.search(client.get("/sources/people").get_data(as_text=True))
    assert page, "no CSRF token on the page"
    return client, page.group(1)


def _app(url: str) -> Any:
    from app import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "profile",
            "REQUEST_LOG": False,
            "RATELIMIT_STORAGE_URI": "memory://",
        }
    )


def question_requests(url: str, kind: str) -> tuple[Any, Callable[[int], None]]:
    """A student's quiz of 10 questions; request i shows or saves question i % 10 + 1."""
    from benchmarks.http import PASSWORD, prepare_database, quiz_attempts

    attempts = prepare_database(url, 1, quiz_attempts(10))
    app = _app(url)
    client, token = _client(app, "bench0", PASSWORD)
    attempt_id, slots = attempts[0]  # type: ignore[misc]

    def page(i: int) -> None:
        path = f"/quiz/{attempt_id}/q/{i % 10 + 1}"
        assert client.get(path, headers={"Accept": "text/html"}).status_code == 200

    def save(i: int) -> None:
        position = i % 10 + 1
        question_id, options = slots[position - 1]
        response = client.post(
            f"/quiz/{attempt_id}/q/{position}",
            data={"csrf_token": token, "question_id": question_id, "answer": position % options},
            headers={"Accept": "application/json"},
        )
        assert response.status_code == 200, response.status_code

    return app, page if kind == "page" else save


def start_requests(url: str, count: int) -> tuple[Any, Callable[[int], None]]:
    """Students of five classes; request i is student i starting their assigned quiz."""
    from harness.cluster import PASSWORD, seed_school

    school = seed_school(url, count, 5, 10)
    app = _app(url)
    clients = [(name, *_client(app, name, PASSWORD)) for name in school.students]

    def start(i: int) -> None:
        name, client, token = clients[i]
        response = client.post(
            f"/assignments/{school.student_assignment[name]}/start", data={"csrf_token": token}
        )
        assert response.status_code == 302 and "/quiz/" in response.headers["Location"]

    return app, start


def main(argv: list[str]) -> int:
    kind = argv[0] if argv else "page"
    if kind not in ("page", "save", "start"):
        print(__doc__)
        return 2
    url = os.environ.get("BENCH_PROFILE_URL")
    with tempfile.TemporaryDirectory(prefix="sourcebook-profile-") as tmp:
        if url:
            _empty_postgres(url)
        else:
            url = f"sqlite:///{tmp}/profile.db"
        # a quiz start is made once per student: warm-up, timing and profile each
        # need their own students
        starts = min(REQUESTS, 200)
        app, request = (
            start_requests(url, 1 + 2 * starts) if kind == "start" else question_requests(url, kind)
        )
        runs = starts if kind == "start" else REQUESTS
        # page and save: warm up on every question, then record one request
        offset = 1 if kind == "start" else 51
        if kind != "start":
            for i in range(50):
                request(i)
        from sqlalchemy import event

        from app.extensions import db

        statements: list[str] = []
        with app.app_context():
            engine = db.engine

        def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            statements.append(" ".join(statement.split()))

        event.listen(engine, "before_cursor_execute", record)
        request(offset - 1)
        event.remove(engine, "before_cursor_execute", record)
        started = time.process_time()
        for i in range(runs):
            request(offset + i)
        cpu_ms = (time.process_time() - started) * 1000 / runs
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for i in range(runs):
            request(offset + runs + i)
        profile.disable()
    print(f"== {kind}: {cpu_ms:.2f} ms CPU per request in process, {len(statements)} statements ==")
    for statement in statements:
        print(f"   {statement[:150]}")
    pstats.Stats(profile).sort_stats(SORT).print_stats(TOP)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
