"""flask quiz ...: quiz maintenance, for cron."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.extensions import db

quiz_cli = AppGroup("quiz", help="Quizzes.")


@quiz_cli.command("expire")
def expire_quizzes() -> None:
    """Finish every timed quiz whose time ran out (safe to run from cron)."""
    from app import clock
    from app.services import quiz

    count = quiz.expire_overdue(db.session, clock.now())
    db.session.commit()
    click.echo(f"{count} quiz attempt(s) finished because their time was up.")
