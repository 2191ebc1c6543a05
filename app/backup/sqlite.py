"""SQLite: an online copy with SQLite's backup API (`sqlite3.Connection.backup`),
safe while the app serves and writes (WAL mode), and its restore."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import URL, Engine

from app.backup.common import BackupError
from app.backup.fingerprints import Fingerprint, _fingerprint, _revision, _snapshot


def _create_sqlite(engine: Engine, partial: Path) -> tuple[Fingerprint, str | None]:
    with engine.connect() as conn, _snapshot(conn):
        fingerprint = _fingerprint(conn)
        revision = _revision(fingerprint, conn)
        source = conn.connection.dbapi_connection
        if not isinstance(source, sqlite3.Connection):
            raise BackupError("SQLite backups need the standard sqlite3 driver.")
        # Copies the snapshot this transaction reads: later commits are not in it.
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            # One self-contained file, no -wal beside it.
            target.execute("PRAGMA journal_mode=DELETE").fetchall()
            _integrity_check(target, f"the copy {partial.name}")
        finally:
            target.close()
    return fingerprint, revision


def _restore_sqlite(engine: Engine, path: Path) -> None:
    target_path = _sqlite_file(engine.url)
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"Cannot open {path}: {exc}") from exc
    try:
        _integrity_check(source, str(path))
        target = sqlite3.connect(target_path, timeout=30)
        try:
            source.backup(target)
            _integrity_check(target, "the restored database")
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise BackupError(f"Restoring {path} failed: {exc}") from exc
    finally:
        source.close()


def _sqlite_file(url: URL) -> str:
    database = url.database
    if not database or database == ":memory:" or url.query.get("uri"):
        raise BackupError("Restore needs a SQLite file database: a sqlite:///path URL.")
    return database


def _integrity_check(conn: sqlite3.Connection, what: str) -> None:
    result = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        raise BackupError(f"SQLite integrity check of {what} failed: {'; '.join(result[:5])}")
