"""Create a backup of a database in use, and restore one into a fresh database."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.backup.common import (
    MANIFEST_FORMAT,
    MANIFEST_VERSION,
    BackupError,
    BackupResult,
    RestoreResult,
    _backend,
    _engine,
    _file_sha256,
    _fsync,
    _label,
    _partial_file,
    backup_kind,
    manifest_path_for,
    read_manifest,
)
from app.backup.fingerprints import (
    _fingerprint,
    _revision,
    _snapshot,
    compare_fingerprints,
    fingerprint_digest,
)
from app.backup.postgresql import _create_postgresql, _restore_postgresql, search_path_schema
from app.backup.sqlite import _create_sqlite, _restore_sqlite


def create_backup(
    database: Engine | str, path: Path | str, *, overwrite: bool = False
) -> BackupResult:
    """Copy the database to `path` (and write `path`.manifest.json) while it stays in use.

    `database` is the app's Engine (`db.engine`) or an SQLAlchemy URL. The copy
    and the fingerprint in the result are taken from one snapshot. Raises
    BackupError; a failed backup leaves no file behind."""
    path = Path(path)
    manifest_path = manifest_path_for(path)
    if not path.parent.is_dir():
        raise BackupError(f"Directory {path.parent} does not exist.")
    if not overwrite:
        for existing in (path, manifest_path):
            if existing.exists():
                raise BackupError(f"{existing} already exists; choose a new name or --overwrite.")
    with _engine(database) as engine:
        backend = _backend(engine)
        with _partial_file(path) as partial:
            try:
                if backend == "sqlite":
                    fingerprint, revision = _create_sqlite(engine, partial)
                else:
                    fingerprint, revision = _create_postgresql(engine, partial)
            except SQLAlchemyError as exc:
                raise BackupError(f"Could not read the database: {exc}") from exc
            _fsync(partial)
            size, sha256 = partial.stat().st_size, _file_sha256(partial)
            manifest = {
                "format": MANIFEST_FORMAT,
                "version": MANIFEST_VERSION,
                "backend": backend,
                "file": path.name,
                "size": size,
                "sha256": sha256,
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "revision": revision,
                "digest": fingerprint_digest(fingerprint),
                "tables": {name: {"rows": c, "sha256": d} for name, (c, d) in fingerprint.items()},
            }
            with _partial_file(manifest_path) as manifest_partial:
                manifest_partial.write_text(json.dumps(manifest, indent=2) + "\n")
                _fsync(manifest_partial)
                os.replace(partial, path)
                os.replace(manifest_partial, manifest_path)
    return BackupResult(path, manifest_path, backend, size, sha256, revision, fingerprint)


def restore_backup(
    database: Engine | str, path: Path | str, *, verify: bool = True
) -> RestoreResult:
    """Restore the backup at `path` into `database`, which must have no tables.

    When `path`.manifest.json exists, the file's checksum is checked first and
    (with `verify`) the restored database is compared with the manifest's
    fingerprint afterwards; a difference raises BackupError."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    manifest = read_manifest(path)
    with _engine(database) as engine:
        backend = _backend(engine)
        kind = backup_kind(path)
        if kind is None:
            raise BackupError(
                f"{path} is neither a SQLite backup nor a pg_dump custom-format file."
            )
        if kind != backend:
            raise BackupError(
                f"{path} is a {_label(kind)} backup but the target database is {_label(backend)}."
            )
        if manifest is not None and manifest.get("sha256") != _file_sha256(path):
            raise BackupError(f"{path} does not match the checksum in its manifest: it is damaged.")
        target = engine.url.render_as_string(hide_password=True)
        try:
            tables = existing_tables(engine)
            if tables:
                shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
                raise BackupError(
                    f"The target database {target} is not empty ({len(tables)} tables: {shown}). "
                    "Restore only into a fresh database: create one and point DATABASE_URL at it."
                )
            if backend == "sqlite":
                _restore_sqlite(engine, path)
            else:
                _restore_postgresql(engine, path)
            engine.dispose()  # no pooled connection remembers the empty database
            with engine.connect() as conn, _snapshot(conn):
                fingerprint = _fingerprint(conn)
                revision = _revision(fingerprint, conn)
        except SQLAlchemyError as exc:
            raise BackupError(f"Could not use the target database {target}: {exc}") from exc
    verified = False
    if manifest is not None and verify:
        expected = {
            name: (int(t["rows"]), str(t["sha256"])) for name, t in manifest["tables"].items()
        }
        problems = compare_fingerprints(expected, fingerprint)
        if problems:
            raise BackupError(
                f"The restored database {target} differs from the backup; do not use it:\n  "
                + "\n  ".join(problems)
            )
        verified = True
    return RestoreResult(path, backend, revision, fingerprint, verified)


def existing_tables(database: Engine) -> list[str]:
    """The tables a restore would collide with: any table in a SQLite file; on
    PostgreSQL, those in the URL's search_path schema, or in any schema if none is set."""
    with database.connect() as conn:
        if database.dialect.name != "postgresql":
            return sorted(sa.inspect(conn).get_table_names())
        query = (
            "SELECT n.nspname || '.' || c.relname FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')"
            " AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'"
        )
        schema = search_path_schema(database.url)
        if schema:
            query += " AND n.nspname = :schema"
        rows = conn.execute(sa.text(query + " ORDER BY 1"), {"schema": schema} if schema else {})
        return list(rows.scalars())
