"""Command-line interface and configuration."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.config import _database_url, _secret_key
from app.extensions import db
from app.models import User
from app.services.demo import DEMO_ACCOUNTS
from tests.conftest import login


def test_users_create_makes_a_teacher(app, runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "ms-ray",
            "--name",
            "Ms Ray",
            "--role",
            "teacher",
            "--password",
            "teach the sources",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Created ms-ray (teacher)" in result.output
    assert login(app.test_client(), "ms-ray", "teach the sources").status_code == 302


def test_users_create_refuses_a_common_password(app, runner):
    result = runner.invoke(args=["users", "create", "weak", "--password", "password123"])
    assert result.exit_code != 0
    assert "most common" in result.output
    with app.app_context():
        assert db.session.scalar(select(User).where(User.username == "weak")) is None


def test_users_set_password(app, runner, make_user):
    user = make_user()
    result = runner.invoke(
        args=["users", "set-password", user.username, "--password", "a fresh phrase here"]
    )
    assert result.exit_code == 0, result.output
    assert login(app.test_client(), user.username, "a fresh phrase here").status_code == 302


def test_demo_is_idempotent_and_prints_the_logins(app, runner):
    first = runner.invoke(args=["demo"])
    second = runner.invoke(args=["demo"])
    assert first.exit_code == 0 and second.exit_code == 0
    for account in DEMO_ACCOUNTS:
        assert f"password: {account.password}" in first.output
        assert login(app.test_client(), account.username, account.password).status_code == 302
    assert "(created)" in first.output and "(created)" not in second.output
    with app.app_context():
        assert len(db.session.scalars(select(User)).all()) == len(DEMO_ACCOUNTS)


def test_secret_key_is_generated_once_and_kept(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = _secret_key(tmp_path)
    assert len(first) >= 32
    assert _secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert _secret_key(tmp_path) == "from-the-environment"


def test_database_url_defaults_to_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert _database_url(tmp_path) == f"sqlite:///{tmp_path / 'sourcebook.db'}"
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    assert _database_url(tmp_path) == "postgresql+psycopg://u@h/db"
