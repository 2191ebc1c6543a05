"""PostgreSQL: `pg_dump --format=custom` of the snapshot the fingerprint is read
in, restored with `pg_restore`; finding the client tools and passing them the URL."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine

from app.backup.common import BackupError
from app.backup.fingerprints import Fingerprint, _fingerprint, _revision, _snapshot

# libpq settings that may ride along in the URL's query string, as environment variables
_LIBPQ_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
}


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
