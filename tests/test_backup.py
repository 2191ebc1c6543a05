"""Backup and restore (`flask backup create|restore`, app/backup.py): a backup
taken while the app is in use restores into a fresh database with the same
contents, and the app works on it. On SQLite by default; on PostgreSQL (pg_dump
and pg_restore) when TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade

from app import clock, create_app
from app.backup import (
    BackupError,
    compare_fingerprints,
    create_backup,
    existing_tables,
    find_pg_tool,
    restore_backup,
    table_fingerprint,
)
from app.extensions import db
from app.models import AttemptAnswer, Role, User, utcnow
from app.services import accounts, cards
from tests.conftest import PASSWORD, base_config, csrf_token, login

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
on_postgres_only = pytest.mark.skipif(
    not POSTGRES_URL, reason="PostgreSQL only: set TEST_DATABASE_URL to run it"
)
MCQ = "nwe-second-trial-dates:mcq"
SHORT = "nwe-second-trial-dates:short"


@pytest.fixture()
def new_database(tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Factory: new_database() -> the URL of an empty database of the suite's kind
    (a SQLite file, or a new PostgreSQL database), each dropped afterwards."""
    created: list[str] = []

    def new() -> str:
        name = f"sourcebook_restore_{uuid.uuid4().hex[:10]}"
        if not POSTGRES_URL:
            return f"sqlite:///{tmp_path / (name + '.db')}"
        _admin(f'CREATE DATABASE "{name}"')
        created.append(name)
        url = sa.make_url(POSTGRES_URL).set(database=name)
        return url.render_as_string(hide_password=False)

    yield new
    for name in created:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin(statement: str) -> None:
    assert POSTGRES_URL
    engine = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(statement))
    finally:
        engine.dispose()


def _app_on(url: str) -> Flask:
    return create_app(base_config(url))


def _dispose(app: Flask) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _rows(output: str) -> dict[str, int]:
    """The 'table  N rows' lines that create and restore print."""
    return {m[1]: int(m[2]) for m in re.finditer(r"^\s+(\w+)\s+(\d+) rows$", output, re.M)}


def _study_something(app: Flask, client, user: User, start_quiz) -> int:
    """A finished quiz (one answer right, one unanswered) and one flashcard review."""
    attempt = start_quiz(user, [MCQ, SHORT])
    with app.app_context():
        slot = db.session.scalars(
            sa.select(AttemptAnswer).where(
                AttemptAnswer.attempt_id == attempt.id, AttemptAnswer.position == 1
            )
        ).one()
        question_id, options = slot.question_id, slot.display["options"]
    answer = str(options.index("January 23-30, 1937"))
    token = csrf_token(client)
    data = {"csrf_token": token, "question_id": question_id, "answer": answer}
    assert client.post(f"/quiz/{attempt.id}/q/1", data=data).status_code == 302
    finish = client.post(f"/quiz/{attempt.id}/finish", data={"csrf_token": token})
    assert finish.status_code == 302
    with app.app_context():
        student = db.session.get(User, user.id)
        item, _ = cards.next_card(
            db.session, student, cards.parse_deck(db.session, "all:"), clock.now()
        )
        assert item is not None
        assert cards.grade(
            db.session, student, item.fact_id, 3, item.version, None, 900, clock.now()
        )
        db.session.commit()
    return attempt.id


def test_a_backup_restores_into_a_fresh_database_where_the_student_finds_their_work(
    app, runner, login_as, start_quiz, new_database, tmp_path
):
    client, student = login_as(Role.STUDENT)
    _study_something(app, client, student, start_quiz)
    with app.app_context():
        original = table_fingerprint(db.engine)
    path = tmp_path / "sourcebook.backup"

    created = runner.invoke(args=["backup", "create", str(path)])
    assert created.exit_code == 0, created.output
    assert f"Wrote {path}" in created.output
    assert path.stat().st_size > 0 and Path(f"{path}.manifest.json").exists()
    counts = _rows(created.output)
    assert counts["user"] == 1 and counts["quiz_attempt"] == 1
    assert counts["attempt_answer"] == 2 and counts["review_log"] == 1

    restored = _app_on(new_database())
    try:
        result = restored.test_cli_runner().invoke(args=["backup", "restore", str(path)])
        assert result.exit_code == 0, result.output
        assert "every table matches the backup's manifest" in result.output
        assert _rows(result.output) == counts
        with restored.app_context():
            assert compare_fingerprints(original, table_fingerprint(db.engine)) == []

        # The student logs in to the restored copy with their password and finds their work.
        browser = restored.test_client()
        assert login(browser, student.username).status_code == 302
        history = browser.get("/quiz/history")
        assert history.status_code == 200
        assert "1/2 (50%)" in history.get_data(as_text=True)
        dashboard = browser.get("/cards/")
        assert dashboard.status_code == 200
        assert "1 reviews in all" in dashboard.get_data(as_text=True)
    finally:
        _dispose(restored)


def test_restore_refuses_a_database_that_has_tables(app, runner, make_user, tmp_path):
    make_user()
    path = tmp_path / "backup"
    assert runner.invoke(args=["backup", "create", str(path)]).exit_code == 0
    with app.app_context():
        before = table_fingerprint(db.engine)

    result = runner.invoke(args=["backup", "restore", str(path)])

    assert result.exit_code != 0
    assert "is not empty" in result.output
    assert "fresh database" in result.output and "DATABASE_URL" in result.output
    with app.app_context():
        assert table_fingerprint(db.engine) == before


def test_a_backup_taken_while_another_connection_writes_is_one_consistent_moment(
    app, tmp_path, new_database
):
    """A writer commits users in batches of five while backups are taken: every
    backup holds whole batches only, its manifest describes exactly the copy,
    and it restores to the same contents."""
    batch = 5
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    writer = sa.create_engine(url, connect_args={"timeout": 30} if url.startswith("sqlite") else {})
    commits, stop, failures = [0], threading.Event(), []

    def write() -> None:
        try:
            while not stop.is_set():
                n = commits[0]
                with writer.begin() as conn:
                    for i in range(batch):
                        conn.execute(
                            sa.insert(User.__table__).values(
                                username=f"load-{n}-{i}",
                                display_name="Load",
                                password_hash="x",
                                role="student",
                                created_at=utcnow(),
                            )
                        )
                commits[0] = n + 1
                stop.wait(0.002)  # steady load, not a busy loop that starves the backup
        except Exception as exc:  # reported by the test, not lost in the thread
            failures.append(exc)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    backups = []
    try:
        while commits[0] < 3 and thread.is_alive():
            time.sleep(0.01)
        with app.app_context():
            for i in range(3):
                before = commits[0]
                result = create_backup(db.engine, tmp_path / f"during-load-{i}.backup")
                backups.append((result, commits[0] - before))
    finally:
        stop.set()
        thread.join(timeout=30)
        writer.dispose()
    assert not failures, failures
    written = commits[0] * batch
    assert any(during > 0 for _, during in backups), "no write happened during any backup"

    for result, _ in backups:
        users = result.row_counts["user"]
        assert users % batch == 0, f"a backup holds a half-committed batch: {users} users"
        assert 0 < users < written
        if not POSTGRES_URL:
            copy = sqlite3.connect(f"{result.path.as_uri()}?mode=ro", uri=True)
            try:
                assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
                assert copy.execute("PRAGMA foreign_key_check").fetchall() == []
            finally:
                copy.close()
            # the manifest was read in the same snapshot as the copy
            as_file = sa.create_engine(f"sqlite:///file:{result.path}?mode=ro&uri=true")
            try:
                assert table_fingerprint(as_file) == result.fingerprint
            finally:
                as_file.dispose()

    result, _ = max(backups, key=lambda b: b[1])  # the one most written over
    target = new_database()
    restored = restore_backup(target, result.path)
    assert restored.verified and restored.fingerprint == result.fingerprint
    engine = sa.create_engine(target)
    try:
        assert table_fingerprint(engine) == result.fingerprint
    finally:
        engine.dispose()


def test_the_fingerprint_notices_one_changed_answer(app, make_user, start_quiz):
    attempt = start_quiz(make_user(), [MCQ, SHORT])
    with app.app_context():
        before = table_fingerprint(db.engine)
        answer = db.session.scalars(
            sa.select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt.id)
        ).first()
        answer.response = "a different answer"
        answer_id = answer.id
        db.session.commit()
        after = table_fingerprint(db.session)
    assert compare_fingerprints(before, after) == [
        "table attempt_answer: same row count, different contents"
    ]
    assert after["quiz_attempt"] == before["quiz_attempt"]
    with app.app_context():
        db.session.execute(sa.delete(AttemptAnswer).where(AttemptAnswer.id == answer_id))
        db.session.commit()
        fewer = table_fingerprint(db.engine)
    assert compare_fingerprints(before, fewer) == ["table attempt_answer: 1 rows, expected 2"]


def test_a_damaged_or_foreign_file_is_refused_and_the_target_stays_empty(
    app, runner, make_user, tmp_path, new_database
):
    make_user()
    path = tmp_path / "backup"
    assert runner.invoke(args=["backup", "create", str(path)]).exit_code == 0
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    target = new_database()

    with pytest.raises(BackupError, match="damaged"):
        restore_backup(target, path)
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("shopping list")
    with pytest.raises(BackupError, match="neither a SQLite backup nor a pg_dump"):
        restore_backup(target, not_a_backup)

    engine = sa.create_engine(target)
    try:
        assert existing_tables(engine) == []
    finally:
        engine.dispose()


def test_create_never_overwrites_a_backup_unless_asked(app, runner, tmp_path):
    path = tmp_path / "nightly.backup"
    assert runner.invoke(args=["backup", "create", str(path)]).exit_code == 0
    again = runner.invoke(args=["backup", "create", str(path)])
    assert again.exit_code != 0 and "already exists" in again.output
    assert runner.invoke(args=["backup", "create", str(path), "--overwrite"]).exit_code == 0
    missing_dir = runner.invoke(args=["backup", "create", str(tmp_path / "nope" / "b")])
    assert missing_dir.exit_code != 0 and "does not exist" in missing_dir.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "nightly.backup",
        "nightly.backup.manifest.json",
    ]


@on_postgres_only
def test_postgres_search_path_schema_is_dumped_alone_and_restored_into_it(
    fresh_database, new_database, tmp_path
):
    """A URL with ?options=-csearch_path=<schema> backs up that schema only; it
    restores into a database with that search_path, whether the schema exists
    there yet or not, and never into another schema."""
    schema = sa.make_url(fresh_database).query["options"].split("=", 1)[1]
    original = _app_on(fresh_database)
    try:
        with original.app_context():
            upgrade()
            accounts.create_user(db.session, "ana", "Ana", PASSWORD, Role.TEACHER)
            db.session.commit()
            result = create_backup(db.engine, tmp_path / "schema.dump")
    finally:
        _dispose(original)
    assert result.row_counts["user"] == 1 and result.revision
    listing = subprocess.run(
        [find_pg_tool("pg_restore"), "--list", str(result.path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    table_schemas = set(re.findall(r"^\d+; \d+ \d+ TABLE (\S+) \S+ \S+$", listing, re.M))
    assert table_schemas == {schema}

    options = f"?options=-csearch_path%3D{schema}"
    absent = new_database() + options
    precreated = new_database()
    _run(precreated, f'CREATE SCHEMA "{schema}"')
    for target in (absent, precreated + options):
        restored = restore_backup(target, result.path)
        assert restored.verified and restored.fingerprint == result.fingerprint
        app = _app_on(target)
        try:
            browser = app.test_client()
            assert login(browser, "ana").status_code == 302
            assert browser.get("/teach/").status_code == 200
        finally:
            _dispose(app)

    elsewhere = new_database() + "?options=-csearch_path%3Dsomewhere_else"
    with pytest.raises(BackupError, match=f"schema {schema} but the target uses schema"):
        restore_backup(elsewhere, result.path)


def _run(url: str, statement: str) -> None:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(statement))
    finally:
        engine.dispose()


@on_postgres_only
def test_postgres_restore_refuses_a_sqlite_backup(new_database, tmp_path):
    sqlite_file = tmp_path / "other.db"
    sqlite3.connect(sqlite_file).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(BackupError, match="is a SQLite backup but the target database is"):
        restore_backup(new_database(), sqlite_file)
