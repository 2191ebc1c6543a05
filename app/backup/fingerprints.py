"""Fingerprints of a database: every table's row count and a SHA-256 of its rows,
read in one snapshot, equal for equal contents on SQLite and on PostgreSQL."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import decimal
import enum
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, scoped_session

# table name -> (row count, SHA-256 of the rows in primary-key order)
Fingerprint = dict[str, tuple[int, str]]


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
