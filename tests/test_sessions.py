"""Sessions end when idle and at a maximum age, and a copied cookie is refused in
another kind of browser."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from sqlalchemy import func, select

from app import clock
from app.auth.sessions import agent_family
from app.extensions import db
from app.models import UserSession
from tests.conftest import PASSWORD, csrf_token

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"
FIREFOX_NEWER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:141.0) Gecko/20100101 Firefox/141.0"
CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0.0.0 Safari/537.36"
)


def browser(app, agent=FIREFOX):
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = agent
    return client


def log_in(client, username, remember=False):
    data = {"username": username, "password": PASSWORD, "csrf_token": csrf_token(client)}
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data)
    assert response.status_code == 302
    return response


def at(monkeypatch, moment):
    monkeypatch.setattr(clock, "now", lambda: moment)


def sessions_in_database(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(UserSession))


def test_a_session_unused_for_the_idle_time_is_ended(app, make_user, monkeypatch):
    user = make_user()
    start = datetime.now(UTC)
    client = browser(app)
    at(monkeypatch, start)
    log_in(client, user.username)
    at(monkeypatch, start + timedelta(hours=71))
    assert client.get("/dashboard").status_code == 200
    # used at 71 h: alive until 71 + 72 h
    at(monkeypatch, start + timedelta(hours=142))
    assert client.get("/dashboard").status_code == 200
    at(monkeypatch, start + timedelta(hours=142 + 73))
    assert client.get("/dashboard").status_code == 302
    assert sessions_in_database(app) == 0


def test_a_session_in_use_still_ends_at_its_maximum_age(app, make_user, monkeypatch):
    user = make_user()
    start = datetime.now(UTC)
    client = browser(app)
    at(monkeypatch, start)
    log_in(client, user.username, remember=True)
    remember = client.get_cookie("remember_token").value
    for day in range(1, 30):
        at(monkeypatch, start + timedelta(days=day))
        assert client.get("/dashboard").status_code == 200
    at(monkeypatch, start + timedelta(days=30, minutes=1))
    assert client.get("/dashboard").status_code == 302
    # the remember-me cookie names the same ended session
    reopened = browser(app)
    reopened.set_cookie("remember_token", remember)
    assert reopened.get("/dashboard").status_code == 302


def test_the_idle_time_and_maximum_age_are_configurable(app, make_user, monkeypatch):
    app.config.update(SESSION_IDLE_HOURS=0.5, SESSION_MAX_DAYS=1)
    user = make_user()
    start = datetime.now(UTC)
    client = browser(app)
    at(monkeypatch, start)
    log_in(client, user.username)
    at(monkeypatch, start + timedelta(minutes=31))
    assert client.get("/dashboard").status_code == 302


def test_remember_me_lasts_no_longer_than_the_maximum_age(app, make_user):
    user = make_user()
    response = log_in(browser(app), user.username, remember=True)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if "remember_token=" in c)
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    assert expires <= datetime.now(UTC) + timedelta(days=30, minutes=1)


def test_a_copied_session_cookie_is_refused_in_another_kind_of_browser(app, make_user):
    user = make_user()
    owner = browser(app, FIREFOX)
    log_in(owner, user.username, remember=True)
    stolen = owner.get_cookie("session").value
    remember = owner.get_cookie("remember_token").value
    elsewhere = browser(app, CHROME)
    elsewhere.set_cookie("session", stolen)
    assert elsewhere.get("/dashboard").status_code == 302
    elsewhere = browser(app, CHROME)
    elsewhere.set_cookie("remember_token", remember)
    assert elsewhere.get("/dashboard").status_code == 302
    # the owner is not logged out by the attempt, and a browser update is no change
    assert owner.get("/dashboard").status_code == 200
    owner.environ_base["HTTP_USER_AGENT"] = FIREFOX_NEWER
    assert owner.get("/dashboard").status_code == 200


def test_the_kind_of_browser_ignores_versions():
    assert agent_family(FIREFOX) == agent_family(FIREFOX_NEWER) == "Firefox on Windows"
    assert agent_family(CHROME) == "Chrome on Linux"
    assert agent_family("") == "other on other"


def test_a_page_that_changes_nothing_does_not_rewrite_the_session_cookie(app, make_user):
    user = make_user()
    client = browser(app)
    login = log_in(client, user.username)
    assert any(h.startswith("session=") for h in login.headers.getlist("Set-Cookie"))
    assert client.get("/dashboard").status_code == 200  # shows, and so removes, the login message
    page = client.get("/dashboard")
    assert page.status_code == 200
    assert not [h for h in page.headers.getlist("Set-Cookie") if h.startswith("session=")]
    # and the unrefreshed cookie still logs the student in on the next page
    assert client.get("/dashboard").status_code == 200


def test_a_session_keeps_its_csrf_token_which_no_other_session_can_use(app, make_user, monkeypatch):
    make_user(username="kim")
    make_user(username="lee")
    kim, lee = browser(app), browser(app)
    before = csrf_token(kim)
    log_in(kim, "kim")
    log_in(lee, "lee")
    first = csrf_token(kim)
    assert first != before  # a login starts a new token
    # signed once, the same on every page after, though a signature made now would
    # carry another time
    later = time.time() + 120
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: later)
    assert csrf_token(kim) == first
    assert csrf_token(lee) != first
    # Lee's browser posting Kim's token is refused; Kim's own works
    refused = lee.post("/cards/settings", data={"csrf_token": first, "desired_retention": "0.9"})
    assert refused.status_code == 400
    accepted = kim.post("/logout", data={"csrf_token": first})
    assert accepted.status_code == 302
    assert kim.get("/cards/").status_code == 302  # logged out: back to the login page


def test_a_session_cookie_read_before_still_ends_at_its_age_and_a_forged_one_is_refused(
    app, make_user, monkeypatch
):
    make_user(username="kim")
    kim = browser(app)
    log_in(kim, "kim")
    assert kim.get("/cards/").status_code == 200  # the page's CSRF token: a new cookie
    assert kim.get("/cards/").status_code == 200  # that cookie, checked and known now
    cookie = kim.get_cookie("session")
    assert cookie is not None
    # the same cookie with its signature changed: refused, though its data was read
    forged = browser(app)
    forged.set_cookie("session", cookie.value[:-2] + ("AA" if cookie.value[-2:] != "AA" else "BB"))
    assert forged.get("/cards/").status_code == 302
    # the real one, past the session's whole life: refused too
    later = time.time() + app.permanent_session_lifetime.total_seconds() + 60
    monkeypatch.setattr("app.security.time.time", lambda: later)
    assert kim.get("/cards/").status_code == 302
