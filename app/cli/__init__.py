"""Command-line interface: thin wrappers over the services, one module per
command group (`flask users|demo|bank|quiz|backup ...`)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from app.cli.backup import backup_cli
    from app.cli.bank import bank_cli
    from app.cli.demo import demo_command
    from app.cli.quiz import quiz_cli
    from app.cli.users import users_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(bank_cli)
    app.cli.add_command(quiz_cli)
    app.cli.add_command(backup_cli)
