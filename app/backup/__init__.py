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

import base64
import contextlib
import dataclasses
import datetime as dt
import decimal
import enum
import hashlib
import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import click
import sqlalchemy as sa
from flask.cli import AppGroup
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, scoped_session

Backend = Literal["sqlite", "postgresql"]
# table name -> (row count, SHA-256 of the rows in primary-key order)
Fingerprint = dict[str, tuple[int, str]]

MANIFEST_SUFFIX = ".manifest.json"
MANIFEST_FORMAT = "sourcebook-backup"
MANIFEST_VERSION = 1
_MAGIC: dict[Backend, bytes] = {"sqlite": b"SQLite format 3\x00", "postgresql": b"PGDMP"}
# libpq settings that may ride along in the URL's query string, as environment variables
_LIBPQ_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
}


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why."""


class _Fingerprinted:
    fingerprint: Fingerprint

    @property
    def row_counts(self) -> dict[str, int]:
        return {name: count for name, (count, _) in self.fingerprint.items()}

    @property
    def digest(self) -> str:
        return fingerprint_digest(self.fingerprint)


@dataclasses.dataclass(frozen=True)
class BackupResult(_Fingerprinted):
    path: Path
    manifest_path: Path
    backend: Backend
    size: int
    sha256: str
    revision: str | None
    fingerprint: Fingerprint


@dataclasses.dataclass(frozen=True)
class RestoreResult(_Fingerprinted):
    path: Path
    backend: Backend
    revision: str | None
    fingerprint: Fingerprint
    # True when a manifest was found and the restored database matched it
    verified: bool


# --------------------------------------------------------------------------- fingerprints


def table_fingerprint(
    source: Engine | Connection | Session | scoped_session[Session],
) -> Fingerprint:
    """Row count and SHA-256 of every table in the database's default schema
    (including alembic_version), as {table: (rows, sha256)}.

    Rows are read with the models' column types where a table is known to the app
    (so JSON, timestamps and booleans come back as Python values), normalised
    (JSON with sorted keys, timestamps in UTC ISO format, bytes as base64),
    ordered by primary key and hashed with the sorted column names; equal
    contents give equal fingerprints on SQLite and on PostgreSQL.

    An Engine is read in one snapshot (a read transaction on SQLite, REPEATABLE
    READ on PostgreSQL), so the result is consistent while others write. A
    Connection or Session is read in its current transaction."""
    if isinstance(source, scoped_session):
        source = source()
    if isinstance(source, Session):
        return _fingerprint(source.connection())
    if isinstance(source, Engine):
        with source.connect() as conn, _snapshot(conn):
            return _fingerprint(conn)
    return _fingerprint(source)


def fingerprint_digest(fingerprint: Mapping[str, tuple[int, str]]) -> str:
    """One SHA-256 over a whole fingerprint: equal digests, equal databases."""
    h = hashlib.sha256()
    for name in sorted(fingerprint):
        count, digest = fingerprint[name]
        h.update(f"{name}\t{count}\t{digest}\n".encode())
    return h.hexdigest()


def compare_fingerprints(
    expected: Mapping[str, tuple[int, str]], actual: Mapping[str, tuple[int, str]]
) -> list[str]:
    """The differences between two fingerprints, one readable line each ([] if equal)."""
    problems = []
    for name in sorted(set(expected) | set(actual)):
        if name not in actual:
            problems.append(f"table {name} is missing")
        elif name not in expected:
            problems.append(f"table {name} was not in the backup")
        elif expected[name][0] != actual[name][0]:
            problems.append(f"table {name}: {actual[name][0]} rows, expected {expected[name][0]}")
        elif expected[name][1] != actual[name][1]:
            problems.append(f"table {name}: same row count, different contents")
    return problems


def _fingerprint(conn: Connection) -> Fingerprint:
    from app.models import Base  # registers every model's table on the metadata

    known = Base.metadata.tables
    inspector = sa.inspect(conn)
    result: Fingerprint = {}
    for name in sorted(inspector.get_table_names()):
        model = known.get(name)
        columns = []
        for column in sorted(inspector.get_columns(name), key=lambda c: c["name"]):
            column_type = column["type"]
            if model is not None and column["name"] in model.c:
                column_type = model.c[column["name"]].type
            columns.append(sa.column(column["name"], column_type))
        table = sa.table(name, *columns)
        key = inspector.get_pk_constraint(name).get("constrained_columns") or []
        result[name] = _hash_rows(conn, table, key)
    return result


def _hash_rows(conn: Connection, table: sa.TableClause, key: list[str]) -> tuple[int, str]:
    h = hashlib.sha256()
    h.update((json.dumps([c.name for c in table.c]) + "\n").encode())
    statement = sa.select(*table.c)
    if not key:
        # No primary key: sort the normalised rows in Python.
        lines = sorted(_row_line(row) for row in conn.execute(statement))
        for line in lines:
            h.update(line)
        return len(lines), h.hexdigest()
    # Byte order for text on both databases (SQLite's BINARY, PostgreSQL's "C"),
    # whatever the server's locale.
    order = [
        table.c[name].collate("C")
        if conn.dialect.name == "postgresql" and _is_text(table.c[name].type)
        else table.c[name]
        for name in key
    ]
    count = 0
    rows = conn.execution_options(stream_results=True, yield_per=2000).execute(
        statement.order_by(*order)
    )
    for row in rows:
        h.update(_row_line(row))
        count += 1
    return count, h.hexdigest()


def _is_text(column_type: sa.types.TypeEngine[Any]) -> bool:
    try:
        return column_type.python_type is str
    except NotImplementedError:
        return False


def _row_line(row: Iterable[Any]) -> bytes:
    text = json.dumps(
        list(row),
        default=_json_default,
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return (text + "\n").encode()


def _json_default(value: Any) -> Any:
    """A JSON form, independent of the database, for what json cannot write itself
    (strings, numbers, booleans, lists and dicts from JSON columns it writes as is)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return str(value.normalize())
    if isinstance(value, bytes | bytearray | memoryview):
        return "base64:" + base64.b64encode(bytes(value)).decode()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    return str(value)  # UUID, and anything else with a faithful str()


@contextlib.contextmanager
def _snapshot(conn: Connection) -> Iterator[Connection]:
    """A read transaction in which every query sees the same committed state."""
    if conn.dialect.name == "postgresql":
        conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with conn.begin():
            yield conn
        return
    with conn.begin():
        if conn.dialect.name == "sqlite":
            # pysqlite only begins a transaction before a write: begin one here
            # and read once, so that the snapshot starts now (WAL: writers go on).
            conn.exec_driver_sql("BEGIN")
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").all()
        yield conn


def _revision(fingerprint: Fingerprint, conn: Connection) -> str | None:
    if "alembic_version" not in fingerprint:
        return None
    versions = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
    return ",".join(sorted(versions)) or None


# --------------------------------------------------------------------------- create


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


def _create_postgresql(engine: Engine, partial: Path) -> tuple[Fingerprint, str | None]:
    schema = search_path_schema(engine.url)
    with engine.connect() as conn, _snapshot(conn):
        # pg_dump reads the very snapshot this transaction reads.
        snapshot = conn.execute(sa.text("SELECT pg_export_snapshot()")).scalar_one()
        args = ["--format=custom", f"--file={partial}", f"--snapshot={snapshot}"]
        if schema:
            args.append(f"--schema={_pattern_literal(schema)}")
        _run_pg_tool("pg_dump", engine.url, args)
        fingerprint = _fingerprint(conn)
        revision = _revision(fingerprint, conn)
    return fingerprint, revision


# --------------------------------------------------------------------------- restore


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


def _restore_postgresql(engine: Engine, path: Path) -> None:
    listing = _run_pg_tool("pg_restore", None, ["--list", str(path)])
    dumped = {m.group(1) for m in re.finditer(r"^\d+; \d+ \d+ TABLE (\S+) \S+ \S+$", listing, re.M)}
    schema = search_path_schema(engine.url)
    wanted = schema or "public"
    if dumped and wanted not in dumped:
        raise BackupError(
            f"The backup holds the tables of schema {', '.join(sorted(dumped))} but the target "
            f"uses schema {wanted}: set ?options=-csearch_path%3D<schema> in DATABASE_URL to "
            "the backup's schema."
        )
    with engine.connect() as conn:
        present = set(conn.execute(sa.text("SELECT nspname FROM pg_namespace")).scalars())
    # A schema that already exists (empty: checked before) is not created again.
    kept = [
        line
        for line in listing.splitlines()
        if not (m := re.match(r"^\d+; \d+ \d+ SCHEMA - (\S+) ", line)) or m.group(1) not in present
    ]
    with tempfile.TemporaryDirectory(prefix="sourcebook-restore-") as tmp:
        use_list = Path(tmp) / "restore.list"
        use_list.write_text("\n".join(kept) + "\n")
        _run_pg_tool(
            "pg_restore",
            engine.url,
            [
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                "--single-transaction",
                f"--use-list={use_list}",
                str(path),
            ],
        )


# --------------------------------------------------------------------------- helpers


def manifest_path_for(path: Path) -> Path:
    return path.with_name(path.name + MANIFEST_SUFFIX)


def read_manifest(path: Path) -> dict[str, Any] | None:
    """The manifest written beside a backup, or None when there is none."""
    manifest_path = manifest_path_for(path)
    if not manifest_path.exists():
        return None
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"Cannot read {manifest_path}: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise BackupError(f"{manifest_path} is not a Sourcebook backup manifest.")
    return manifest


def backup_kind(path: Path) -> Backend | None:
    """Which database a backup file is for, from its first bytes."""
    with path.open("rb") as fh:
        head = fh.read(16)
    for backend, magic in _MAGIC.items():
        if head.startswith(magic):
            return backend
    return None


def search_path_schema(url: URL) -> str | None:
    """The first schema of a search_path set in the URL's `options`
    (`?options=-csearch_path%3Dmy_schema`), or None."""
    raw = url.query.get("options")
    options = " ".join(raw) if isinstance(raw, tuple) else (raw or "")
    tokens = shlex.split(options)
    settings = []
    for i, word in enumerate(tokens):
        if word == "-c" and i + 1 < len(tokens):
            settings.append(tokens[i + 1])
        elif word.startswith(("-c", "--")):
            settings.append(word[2:])
    schema = None
    for setting in settings:
        name, _, value = setting.partition("=")
        if name.strip().replace("-", "_").lower() == "search_path":
            schemas = [s.strip().strip('"') for s in value.split(",")]
            schema = next((s for s in schemas if s and s != "$user"), None)
    return schema


def find_pg_tool(name: str) -> str:
    """The path of a PostgreSQL client program: on PATH, else the newest
    /usr/lib/postgresql/<version>/bin (Debian and Ubuntu keep them there)."""
    found = shutil.which(name)
    if found:
        return found

    def version(p: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", p.parent.parent.name))

    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=version)
    if candidates:
        return str(candidates[-1])
    raise BackupError(
        f"{name} was not found: install the PostgreSQL client tools "
        "(apt-get install postgresql-client) or put them on PATH."
    )


def _run_pg_tool(name: str, url: URL | None, args: list[str]) -> str:
    """Run pg_dump or pg_restore against `url` (host, port, user and database as
    arguments, the password in PGPASSWORD); its output, or BackupError."""
    command = [find_pg_tool(name), *args]
    env = dict(os.environ)
    if url is not None:
        host = url.host or _query_value(url, "host")
        port = url.port or _query_value(url, "port")
        command += ["--no-password"]
        if host:
            command.append(f"--host={host}")
        if port:
            command.append(f"--port={port}")
        if url.username:
            command.append(f"--username={url.username}")
        if url.database:
            command.append(f"--dbname={url.database}")
        if url.password:
            env["PGPASSWORD"] = url.password
        for key, variable in _LIBPQ_ENV.items():
            value = _query_value(url, key)
            if value:
                env[variable] = value
    try:
        done = subprocess.run(  # noqa: S603  (a fixed program, arguments from our own config)
            command, env=env, capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise BackupError(f"Could not run {name}: {exc}") from exc
    if done.returncode != 0:
        raise BackupError(f"{name} failed (exit {done.returncode}): {done.stderr.strip()}")
    return done.stdout


def _query_value(url: URL, key: str) -> str | None:
    value = url.query.get(key)
    if isinstance(value, tuple):
        return value[0] if value else None
    return value


def _pattern_literal(name: str) -> str:
    """A pg_dump name pattern that matches exactly `name` (quoted: no wildcards)."""
    return '"' + name.replace('"', '""') + '"'


def _backend(engine: Engine) -> Backend:
    name = engine.dialect.name
    if name == "sqlite":
        return "sqlite"
    if name == "postgresql":
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {name}.")


def _label(backend: Backend) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[backend]


def _sqlite_file(url: URL) -> str:
    database = url.database
    if not database or database == ":memory:" or url.query.get("uri"):
        raise BackupError("Restore needs a SQLite file database: a sqlite:///path URL.")
    return database


@contextlib.contextmanager
def _engine(database: Engine | str) -> Iterator[Engine]:
    if isinstance(database, Engine):
        yield database
        return
    url = sa.make_url(database)
    options: dict[str, Any] = {}
    if url.get_backend_name() == "sqlite":
        options["connect_args"] = {"timeout": 30}
    engine = sa.create_engine(url, **options)
    try:
        yield engine
    finally:
        engine.dispose()


@contextlib.contextmanager
def _partial_file(path: Path) -> Iterator[Path]:
    """A temporary name beside `path`, removed unless it was renamed into place."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(fd)
    partial = Path(name)
    try:
        yield partial
    finally:
        partial.unlink(missing_ok=True)


def _integrity_check(conn: sqlite3.Connection, what: str) -> None:
    result = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        raise BackupError(f"SQLite integrity check of {what} failed: {'; '.join(result[:5])}")


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fsync(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())


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


# --------------------------------------------------------------------------- CLI

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
