"""flask users ...: create accounts and set passwords."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.extensions import db
from app.models import Role
from app.services import ServiceError, accounts

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
