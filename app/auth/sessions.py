"""Server-side sessions in the web app: the policy read from the configuration,
the kind of browser a session is bound to, and writing its last use.

A session ends SESSION_IDLE_HOURS after it was last used, and SESSION_MAX_DAYS
after the login in any case (the remember-me cookie lasts no longer). It is bound
to the kind of browser that logged in (browser and operating system, not their
versions, so that an update does not log anyone out): the cookie copied into
another kind of browser is refused. Someone who copies the User-Agent header as
well gets through; the two time limits bound how long that works."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, current_app, request
from flask_login import current_user

from app import clock
from app.extensions import db
from app.models import User, UserSession
from app.services import accounts

# The first token found names the kind; the order matters (Edge and Opera also
# say "Chrome", Chrome also says "Safari", Android also says "Linux").
_BROWSERS = (
    ("Edg", "Edge"),
    ("OPR", "Opera"),
    ("Firefox", "Firefox"),
    ("Chrome", "Chrome"),
    ("Chromium", "Chrome"),
    ("CriOS", "Chrome"),
    ("FxiOS", "Firefox"),
    ("Safari", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iOS"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)


def agent_family(user_agent: str) -> str:
    """The kind of browser: "Firefox on Windows", "other on other"."""
    browser = next((name for token, name in _BROWSERS if token in user_agent), "other")
    system = next((name for token, name in _SYSTEMS if token in user_agent), "other")
    return f"{browser} on {system}"


def request_agent() -> str:
    return agent_family(request.headers.get("User-Agent", ""))


def policy() -> accounts.SessionPolicy:
    config = current_app.config
    return accounts.SessionPolicy(
        idle=timedelta(hours=float(config["SESSION_IDLE_HOURS"])),
        max_age=timedelta(days=float(config["SESSION_MAX_DAYS"])),
        agent=request_agent(),
    )


def load_user(token: str) -> User | None:
    return accounts.load_session(db.session, token, clock.now(), policy())


def _save_session_use() -> None:
    """Load the user first thing, so that an expired session is deleted and the
    last use written in a commit of their own, before the view does anything."""
    if request.endpoint == "static":
        return
    _ = current_user.is_authenticated
    if any(isinstance(obj, UserSession) for obj in (*db.session.dirty, *db.session.deleted)):
        db.session.commit()


def init_app(app: Flask) -> None:
    max_age = timedelta(days=float(app.config["SESSION_MAX_DAYS"]))
    app.config["PERMANENT_SESSION_LIFETIME"] = max_age
    app.config["REMEMBER_COOKIE_DURATION"] = max_age
    app.before_request(_save_session_use)
