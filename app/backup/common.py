"""What backups of either database share: results, errors, the manifest and
the files written beside a backup."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from app.backup.fingerprints import Fingerprint, fingerprint_digest

Backend = Literal["sqlite", "postgresql"]


MANIFEST_SUFFIX = ".manifest.json"


MANIFEST_FORMAT = "sourcebook-backup"


MANIFEST_VERSION = 1


_MAGIC: dict[Backend, bytes] = {"sqlite": b"SQLite format 3\x00", "postgresql": b"PGDMP"}


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


def _backend(engine: Engine) -> Backend:
    name = engine.dialect.name
    if name == "sqlite":
        return "sqlite"
    if name == "postgresql":
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {name}.")


def _label(backend: Backend) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[backend]


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


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fsync(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())
