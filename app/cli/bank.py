"""flask bank ...: load the generated question bank into the database."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup

import question_bank as qb
from app.extensions import db
from app.services.bank import load_bank

bank_cli = AppGroup("bank", help="The question bank.")


@bank_cli.command("load")
def load() -> None:
    """Upsert sources, facts and questions (idempotent; vanished ones are retired)."""
    started = time.perf_counter()
    bank = qb.build_bank()
    problems = qb.check(bank)
    if problems:
        for problem in problems[:50]:
            click.echo(f"  - {problem}", err=True)
        raise click.ClickException(
            f"{len(problems)} problem(s) in the fact base; run python -m question_bank check"
        )
    report = load_bank(db.session, bank)
    db.session.commit()
    click.echo(f"Bank loaded in {time.perf_counter() - started:.1f} s: {report.summary()}")


@bank_cli.command("export-facts")
@click.argument("directory", type=click.Path(file_okay=False))
def export_facts(directory: str) -> None:
    """Write teacher-added sources and their curated facts in the fact-file format."""
    from pathlib import Path

    from app.services.curation import export_facts as export

    written = export(db.session, Path(directory))
    click.echo(
        f"Wrote {len(written)} fact file(s) under {directory}; check them with "
        f"python -m question_bank check after moving them into question_bank/."
    )
