"""flask demo: the demo accounts for trying the app."""

from __future__ import annotations

import os

import click
from flask.cli import with_appcontext

from app.extensions import db
from app.services import demo


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
