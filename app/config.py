"""Configuration read from the environment, with safe defaults for a laptop."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any


def _secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the
    instance folder so that sessions survive a restart. Never a constant."""
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = instance_path / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        pass
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # O_EXCL: two workers starting at once must agree on one key.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants the driver named.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url
    instance_path.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{instance_path / 'sourcebook.db'}"


def load_config(instance_path: Path) -> dict[str, Any]:
    """Every setting the app reads, resolved once when the app is created."""
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        # Several deployments (or a test run) can share one Redis under their own prefix.
        "RATELIMIT_KEY_PREFIX": os.environ.get("RATELIMIT_KEY_PREFIX", "sourcebook"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_STRATEGY": "moving-window",
        # Wrong passwords allowed before the form asks the person to wait (counted
        # before the check, see app/auth/limits.py): per account and address, per
        # account from every address together, and per address for every account.
        "LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS": os.environ.get(
            "LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS", "5 per 5 minutes"
        ),
        "LOGIN_LIMIT_PER_ACCOUNT": os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "50 per 15 minutes"),
        # Quizzes a user may start per minute (each stores its questions), and
        # unfinished practice quizzes a user may have at once.
        "QUIZ_START_LIMIT": os.environ.get("QUIZ_START_LIMIT", "6 per minute"),
        "QUIZ_MAX_OPEN": int(os.environ.get("QUIZ_MAX_OPEN", "5")),
        # Wrong class join codes allowed per student and per address.
        "JOIN_LIMIT_PER_USER": os.environ.get("JOIN_LIMIT_PER_USER", "10 per 10 minutes"),
        "JOIN_LIMIT_PER_ADDRESS": os.environ.get("JOIN_LIMIT_PER_ADDRESS", "50 per 10 minutes"),
        "LOGIN_LIMIT_PER_ADDRESS": os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "20 per 5 minutes"),
        # The CSRF token lives as long as the session, not one hour: a form left
        # open over lunch still submits.
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        # A session ends after this long unused, and this long after the login
        # whatever happens; the session and remember-me cookies last no longer.
        "SESSION_IDLE_HOURS": float(os.environ.get("SESSION_IDLE_HOURS", "72")),
        "SESSION_MAX_DAYS": float(os.environ.get("SESSION_MAX_DAYS", "30")),
        # Both limits are kept on the server (app/auth/sessions.py), so the cookie
        # is written when its contents change, not re-signed on every response.
        "SESSION_REFRESH_EACH_REQUEST": False,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        # The site's own address (https://sourcebook.example): links in exported
        # files are built from it, never from the Host header a client sent.
        "BASE_URL": os.environ.get("BASE_URL", "").strip(),
        "TRUST_PROXY": os.environ.get("TRUST_PROXY", "") == "1",
        # One JSON line per request on standard error (app/logs.py); 0 turns it off.
        "REQUEST_LOG": os.environ.get("REQUEST_LOG", "1") != "0",
    }
