"""Running as a school would: several app servers on one database, health
checks for the load balancer, and request logs that keep secrets out."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import secrets
import shlex
import subprocess
import urllib.request

import pytest
from flask import Flask

from app import __version__, create_app
from app.logs import JsonFormatter
from app.models import Role
from tests.conftest import PASSWORD, base_config, csrf_token, login, post

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture()
def request_log():
    """The JSON request lines the app writes while the test runs."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("sourcebook.request")
    logger.addHandler(handler)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    logger.removeHandler(handler)


def second_server(app: Flask, **extra) -> Flask:
    """Another app server on the same database with the same secret, as a
    second host behind the load balancer would be."""
    return create_app(
        base_config(
            app.config["SQLALCHEMY_DATABASE_URI"], SECRET_KEY=app.config["SECRET_KEY"], **extra
        )
    )


def test_healthz_reports_the_schema_and_no_version_to_anonymous_callers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert "version" not in body and __version__ not in response.get_data(as_text=True)
    newest = sorted((app_root() / "migrations/versions").glob("0*.py"))[-1].read_text()
    assert body["schema"] == re.search(r"^revision = [\"']([^\"']+)[\"']", newest, re.M).group(1)
    assert "Set-Cookie" not in response.headers


def test_healthz_tells_an_administrator_the_version(login_as):
    admin, _ = login_as(Role.ADMIN)
    assert admin.get("/healthz").get_json()["version"] == __version__


def app_root():
    from app import ROOT

    return ROOT


def unreachable_database_app() -> Flask:
    # Nothing listens on port 1: every connection is refused at once.
    return create_app(base_config("postgresql+psycopg://nobody@127.0.0.1:1/sourcebook"))


def test_healthz_says_when_the_database_does_not_answer():
    response = unreachable_database_app().test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "unavailable" and body["database"].startswith("unavailable")
    assert "version" not in body


def test_a_database_outage_is_a_clear_retry_page_not_a_500():
    client = unreachable_database_app().test_client()
    response = client.get("/sources/people")
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    page = response.get_data(as_text=True)
    assert "Try again in a moment" in page and "may not have been" in page
    assert "Traceback" not in page
    answer = client.get("/sources/people", headers={"Accept": "application/json"})
    assert answer.status_code == 503 and answer.get_json()["error"] == "Try again in a moment"


def test_logged_in_on_one_server_is_logged_in_on_the_other(app, make_user):
    user = make_user(display_name="Ada on two hosts")
    first = app.test_client()
    assert login(first, user.username).status_code == 302
    cookie = first.get_cookie("session")
    assert cookie is not None

    other = second_server(app).test_client()
    other.set_cookie("session", cookie.value)
    page = other.get("/dashboard")
    assert page.status_code == 200
    assert "Ada on two hosts" in page.get_data(as_text=True)
    # logging out on the second server ends the session on the first as well
    assert post(other, "/logout").status_code == 302
    assert first.get("/dashboard").status_code == 302


def empty_test_redis() -> None:
    """Skip (fail in CI) without Redis; else empty the database the suite uses
    (db 15 by default), so that counters from an earlier run within the limit's
    window cannot leak into this one."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).flushdb()
    except redis.RedisError as error:
        message = f"Redis is not reachable at {REDIS_URL}: {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def test_login_limits_are_shared_between_servers_through_redis(app, make_user):
    empty_test_redis()
    user = make_user(username=f"shared{secrets.token_hex(4)}")
    servers = [
        second_server(app, RATELIMIT_STORAGE_URI=REDIS_URL),
        second_server(app, RATELIMIT_STORAGE_URI=REDIS_URL),
    ]
    statuses = []
    for attempt in range(6):
        client = servers[attempt % 2].test_client()
        statuses.append(login(client, user.username, f"guess {attempt}").status_code)
    # five failures spread over two servers, then the limit holds on both
    assert statuses == [200] * 5 + [429]
    assert login(servers[0].test_client(), user.username).status_code == 429


def test_each_request_is_one_json_line_without_secrets(app, make_user, request_log, start_quiz):
    user = make_user()
    client = app.test_client()
    client.post(
        "/login",
        data={"username": user.username, "password": PASSWORD, "csrf_token": csrf_token(client)},
    )
    attempt = start_quiz(user, count=5, types=["short"])
    answer = "my-very-own-answer-" + secrets.token_hex(4)
    saved = post(
        client, f"/quiz/{attempt.id}/q/1", {"question_id": attempt.first_question, "answer": answer}
    )
    assert saved.status_code in (200, 302)
    client.get("/join/SECRETCODE1")

    lines = request_log()
    raw = json.dumps(lines)
    assert PASSWORD not in raw
    assert answer not in raw
    assert "SECRETCODE1" not in raw
    login_line = next(
        line for line in lines if line["path"] == "/login" and line["method"] == "POST"
    )
    assert login_line["status"] == 302 and isinstance(login_line["duration_ms"], float)
    answer_line = next(
        line
        for line in lines
        if line["path"] == f"/quiz/{attempt.id}/q/1" and line["method"] == "POST"
    )
    assert answer_line["user_id"] == user.id
    assert {"method", "path", "status", "duration_ms", "user_id", "time"} <= answer_line.keys()
    assert any(line["path"] == "/join/***" for line in lines)


def test_the_request_log_can_be_turned_off(app, request_log, monkeypatch):
    """REQUEST_LOG=0 (the benchmarks use it, so that they print only their figures)."""
    app.test_client().get("/login")
    assert [line["path"] for line in request_log()] == ["/login"]
    monkeypatch.setenv("REQUEST_LOG", "0")
    quiet = create_app(base_config(app.config["SQLALCHEMY_DATABASE_URI"]))
    assert quiet.test_client().get("/login").status_code == 200
    assert len(request_log()) == 1


def test_a_database_lost_once_the_page_is_ready_does_not_lose_the_page(app, make_user):
    """PostgreSQL restarting between the view's commit and the end of the
    request: closing the session fails, and the page must still be sent."""
    from sqlalchemy.exc import OperationalError

    from app.extensions import db

    closes = {"failed": 0}

    @app.get("/test-restart-after-commit")
    def restart_after_commit():
        session = db.session()
        real_close = session.close

        def close_on_a_dead_connection():
            if not closes["failed"]:
                closes["failed"] += 1
                raise OperationalError("ROLLBACK", {}, Exception("terminating connection"))
            real_close()

        session.close = close_on_a_dead_connection
        return "saved"

    response = app.test_client().get("/test-restart-after-commit")
    assert response.status_code == 200 and response.get_data(as_text=True) == "saved"
    assert closes["failed"] == 1


def make_run_server_command(port: int) -> list[str]:
    """The command `make run` serves the app with, from the Makefile itself."""
    makefile = (app_root() / "Makefile").read_text()
    recipe = makefile.split("\nrun:")[1].split("\n\n")[0].strip().splitlines()[-1].strip()
    recipe = recipe.replace("$(BIN)", str(app_root() / ".venv/bin")).replace("$(PORT)", str(port))
    return shlex.split(recipe)


def test_make_run_serves_without_versions_or_join_codes_in_headers_and_logs(
    app, make_user, database_url
):
    from harness.server import free_port, wait_healthy

    teacher = make_user(Role.TEACHER)
    with app.app_context():
        from app.extensions import db
        from app.models import User
        from app.services import teaching

        code = teaching.create_class(db.session, db.session.get(User, teacher.id), "7C").join_code
        db.session.commit()
    port = free_port()
    command = make_run_server_command(port)
    env_words = [word for word in command if re.fullmatch(r"[A-Z_]+=.*", word)]
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "x" * 32,
        "RATELIMIT_STORAGE_URI": "memory://",
        **dict(word.split("=", 1) for word in env_words),
    }
    command = [word for word in command if word not in env_words]
    server = subprocess.Popen(  # noqa: S603
        command, cwd=app_root(), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}", 60.0)
        for path in ("/", f"/join/{code}", "/healthz"):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as response:  # noqa: S310
                server_header = response.headers.get("Server", "")
                assert not re.search(r"\d", server_header), server_header
                assert "Python" not in server_header
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert "/join/***" in output
    assert code not in output


def test_the_development_server_log_masks_join_codes(caplog):
    from werkzeug.serving import WSGIRequestHandler

    create_app(base_config("sqlite://"))
    caplog.set_level(logging.INFO, logger="werkzeug")
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
    handler.requestline = "GET /join/K7Q2XW9P HTTP/1.1"
    handler.path = "/join/K7Q2XW9P"
    handler.client_address = ("127.0.0.1", 5555)
    handler.log_request(200)
    assert "K7Q2XW9P" not in caplog.text and "/join/***" in caplog.text
