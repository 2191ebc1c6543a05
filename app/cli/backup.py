"""flask backup ...: back up the database and restore a backup (app.backup does the work)."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from app.backup import BackupError, Fingerprint, create_backup, restore_backup
from app.backup.common import _label


def _size(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{n} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"


def _echo_tables(fingerprint: Fingerprint) -> None:
    width = max((len(name) for name in fingerprint), default=0)
    for name, (count, _) in fingerprint.items():
        click.echo(f"  {name:<{width}}  {count:>8} rows")


backup_cli = AppGroup("backup", help="Back up the database; restore a backup into a fresh one.")


@backup_cli.command("create")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--overwrite", is_flag=True, help="Replace an existing backup at PATH.")
def create_command(path: Path, overwrite: bool) -> None:
    """Back up the configured database to PATH (and PATH.manifest.json) while the
    app keeps running: SQLite's online backup, or pg_dump --format=custom."""
    from app.extensions import db

    try:
        result = create_backup(db.engine, path, overwrite=overwrite)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Wrote {result.path} ({_size(result.size)}, {_label(result.backend)} backup)")
    click.echo(f"Manifest {result.manifest_path}")
    click.echo(f"Schema revision {result.revision or 'none'}; rows per table:")
    _echo_tables(result.fingerprint)
    click.echo(f"Content digest {result.digest}")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_command(path: Path) -> None:
    """Restore the backup at PATH into the configured database, which must be a
    fresh, empty one; then compare it with the backup's manifest."""
    from app.extensions import db

    try:
        result = restore_backup(db.engine, path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    target = db.engine.url.render_as_string(hide_password=True)
    click.echo(f"Restored {result.path} into {target}")
    click.echo(f"Schema revision {result.revision or 'none'}; rows per table:")
    _echo_tables(result.fingerprint)
    click.echo(f"Content digest {result.digest}")
    if result.verified:
        click.echo("Checked: every table matches the backup's manifest.")
    else:
        click.echo(
            "No manifest beside the backup: compare the digest above with the one "
            "`flask backup create` printed."
        )
