"""Command-line interface: thin wrappers over the services."""

from __future__ import annotations

import os

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from app.extensions import db
from app.models import Role
from app.services import ServiceError, accounts, demo

users_cli = AppGroup("users", help="Manage user accounts.")


@users_cli.command("create")
@click.argument("username")
@click.option("--name", "display_name", help="Display name (default: the username).")
@click.option(
    "--role", type=click.Choice([role.value for role in Role]), default=Role.STUDENT.value
)
@click.password_option(help="Asked for when not given.")
def create_user(username: str, display_name: str | None, role: str, password: str) -> None:
    """Create an account, for example a teacher: flask users create ana --role teacher"""
    try:
        user = accounts.create_user(
            db.session, username, display_name or username, password, Role(role)
        )
    except ServiceError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.username} ({user.role}).")


@users_cli.command("set-password")
@click.argument("username")
@click.password_option()
def set_password(username: str, password: str) -> None:
    """Set a user's password and log them out everywhere."""
    user = accounts.get_by_username(db.session, username)
    if user is None:
        raise click.ClickException(f"No user called {username!r}.")
    try:
        accounts.set_password(db.session, user, password)
    except ServiceError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Password changed for {user.username}.")


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Create the demo accounts (idempotent) and print how to log in."""
    created = demo.create_demo_data(db.session)
    db.session.commit()
    port = os.environ.get("PORT", "5000")
    click.echo(f"Demo accounts (log in at http://127.0.0.1:{port}/login):")
    for account in demo.DEMO_ACCOUNTS:
        state = "created" if account.username in created else "exists"
        click.echo(
            f"  {account.role.value:<8} username: {account.username:<8} "
            f"password: {account.password}  ({state})"
        )


def register(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)
    from app.backup import backup_cli
    from app.cli.bank import bank_cli

    app.cli.add_command(bank_cli)
    app.cli.add_command(quiz_cli)
    app.cli.add_command(backup_cli)


quiz_cli = AppGroup("quiz", help="Quizzes.")


@quiz_cli.command("expire")
def expire_quizzes() -> None:
    """Finish every timed quiz whose time ran out (safe to run from cron)."""
    from app import clock
    from app.services import quiz

    count = quiz.expire_overdue(db.session, clock.now())
    db.session.commit()
    click.echo(f"{count} quiz attempt(s) finished because their time was up.")
