"""Backups of the database, and their restore into a fresh one.

SQLite: an online copy with SQLite's backup API (`sqlite3.Connection.backup`),
safe while the app serves and writes (WAL mode). PostgreSQL: `pg_dump
--format=custom`, restored with `pg_restore`.

Each backup `PATH` is written with `PATH.manifest.json`: the file's SHA-256 and a
fingerprint of every table (row count and a hash of the rows), read in the same
snapshot as the copy itself. `restore` refuses a database that already has
tables, restores, and compares the restored database with the manifest.

From Python (for example a fault-injection script)::

    result = create_backup(engine_or_url, Path("b.db"))   # BackupResult
    restore_backup(fresh_engine_or_url, Path("b.db"))      # checks the manifest
    assert table_fingerprint(fresh_engine) == result.fingerprint
"""

from __future__ import annotations

from app.backup.common import (
    MANIFEST_FORMAT,
    MANIFEST_SUFFIX,
    MANIFEST_VERSION,
    Backend,
    BackupError,
    BackupResult,
    RestoreResult,
    backup_kind,
    manifest_path_for,
    read_manifest,
)
from app.backup.fingerprints import (
    Fingerprint,
    compare_fingerprints,
    fingerprint_digest,
    table_fingerprint,
)
from app.backup.operations import create_backup, existing_tables, restore_backup
from app.backup.postgresql import find_pg_tool, search_path_schema

__all__ = [
    "MANIFEST_FORMAT",
    "MANIFEST_SUFFIX",
    "MANIFEST_VERSION",
    "Backend",
    "BackupError",
    "BackupResult",
    "Fingerprint",
    "RestoreResult",
    "backup_kind",
    "compare_fingerprints",
    "create_backup",
    "existing_tables",
    "fingerprint_digest",
    "find_pg_tool",
    "manifest_path_for",
    "read_manifest",
    "restore_backup",
    "search_path_schema",
    "table_fingerprint",
]
