"""Fixtures: an app per test on a migrated database (SQLite by default,
PostgreSQL when TEST_DATABASE_URL is set), clients per role, factories."""

from __future__ import annotations

import os
import re
import secrets
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from app.models import Question, Role, User
from app.services import accounts

# Tables filled once per test session (by `flask bank load`) and kept.
BANK_TABLES = {"source", "topic", "person", "fact", "dispute", "question", "question_tag"}
PASSWORD = "correct horse battery"


def _database_url(tmp_root: Path) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_root / 'test.db'}"


def base_config(url: str, **extra: Any) -> dict[str, Any]:
    return {
        "TESTING": True,
        "SECRET_KEY": secrets.token_hex(16),
        "SQLALCHEMY_DATABASE_URI": url,
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": None,
        **extra,
    }


def reset_postgres(url: str, schema: str = "public") -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """A migrated database with the question bank loaded, shared by the session."""
    with tempfile.TemporaryDirectory(prefix="sourcebook-test-") as tmp:
        url = _database_url(Path(tmp))
        if url.startswith("postgresql"):
            reset_postgres(url)
        app = create_app(base_config(url))
        with app.app_context():
            upgrade()
            import question_bank as qb
            from app.services.bank import load_bank

            load_bank(db.session, qb.default_bank())
            db.session.commit()
            db.engine.dispose()
        yield url


def _clean_user_data() -> None:
    """Empty every table but the bank's, children first, and remove the facts and
    questions teachers wrote (they live in the bank tables but belong to users).
    Plain DELETEs: TRUNCATE ... CASCADE would follow owner_id into the bank."""
    from app.models import Dispute, Fact, Question, QuestionTag, QuestionVersion, Source, Topic

    # a bank question an admin edited goes back to its first version
    for first in db.session.scalars(
        sa.select(QuestionVersion).where(QuestionVersion.version == 1)
    ).all():
        question = db.session.get(Question, first.question_id)
        if question is not None and question.owner_id is None:
            question.data, question.prompt, question.version = (
                first.data,
                first.data["prompt"],
                1,
            )
    db.session.flush()
    tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in BANK_TABLES]
    for table in tables:
        if table.name != "user":
            db.session.execute(table.delete())
    owned = sa.select(Question.id).where(Question.owner_id.is_not(None))
    db.session.execute(sa.delete(QuestionTag).where(QuestionTag.question_id.in_(owned)))
    db.session.execute(sa.delete(Question).where(Question.id.in_(owned)))
    db.session.execute(sa.delete(Dispute).where(Dispute.owner_id.is_not(None)))
    db.session.execute(sa.delete(Fact).where(Fact.owner_id.is_not(None)))
    db.session.execute(sa.delete(Topic).where(Topic.source_id.is_not(None)))
    db.session.execute(sa.delete(Source).where(Source.builtin.is_(False)))
    db.session.execute(sa.text('DELETE FROM "user"'))
    db.session.commit()


@pytest.fixture()
def app(database_url: str) -> Iterator[Flask]:
    app = create_app(base_config(database_url))
    with app.app_context():
        _clean_user_data()
    yield app
    with app.app_context():
        db.session.remove()
        _clean_user_data()
        db.engine.dispose()


@pytest.fixture()
def fresh_database() -> Iterator[str]:
    """An empty database of the suite's kind (no tables), for migration and
    bank-loading tests that must start from nothing."""
    base = os.environ.get("TEST_DATABASE_URL")
    if base:
        schema = f"t_{uuid.uuid4().hex[:10]}"
        reset_postgres(base, schema)
        sep = "&" if "?" in base else "?"
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
        engine = sa.create_engine(base)
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()
    else:
        with tempfile.TemporaryDirectory(prefix="sourcebook-fresh-") as tmp:
            yield f"sqlite:///{Path(tmp) / 'fresh.db'}"


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


@pytest.fixture()
def make_user(app: Flask) -> Callable[..., User]:
    """Factory: make_user(role=Role.TEACHER, username=...) -> a committed user."""
    counter = {"n": 0}

    def make(role: Role | str = Role.STUDENT, username: str | None = None, **kw: Any) -> User:
        counter["n"] += 1
        name = username or f"{Role(role).value}{counter['n']}"
        with app.app_context():
            user = accounts.create_user(
                db.session,
                name,
                kw.get("display_name", name.title()),
                kw.get("password", PASSWORD),
                Role(role),
            )
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
        return user

    return make


@pytest.fixture()
def start_quiz(app: Flask) -> Callable[..., Any]:
    """Factory: start_quiz(user, question_ids=[...] or scope/count...) -> attempt info."""
    import random as _random
    from types import SimpleNamespace

    from app import clock
    from app.services import quiz as quizzes

    def start(
        user: User,
        question_ids: list[str] | None = None,
        count: int = 5,
        feedback_mode: str = "each",
        time_limit: int | None = None,
        scope: str = "all:",
        types: list[str] | None = None,
        seed: int = 1,
    ) -> Any:
        with app.app_context():
            if question_ids is not None:
                # a test that names a question the bank no longer publishes would
                # otherwise get a shorter quiz and test something else
                live = set(
                    db.session.scalars(
                        sa.select(Question.id).where(
                            Question.id.in_(question_ids), ~Question.retired
                        )
                    )
                )
                assert live == set(question_ids), f"not in the bank: {set(question_ids) - live}"
            acting = db.session.get(User, user.id)
            attempt = quizzes.start_attempt(
                db.session,
                acting,
                quizzes.parse_scope(db.session, scope)
                if question_ids is None
                else quizzes.Scope("questions", ",".join(question_ids), "Chosen questions"),
                count if question_ids is None else len(question_ids),
                types or list(quizzes.QUESTION_TYPES),
                feedback_mode,
                time_limit,
                _random.Random(seed),
                clock.now(),
                question_ids=question_ids,
            )
            db.session.commit()
            return SimpleNamespace(
                id=attempt.id,
                first_question=attempt.answers[0].question_id,
                question_ids=[a.question_id for a in attempt.answers],
                displays=[a.display for a in attempt.answers],
            )

    return start


@pytest.fixture()
def make_course(app: Flask, start_quiz: Callable[..., Any]) -> Any:
    """Factory: make_course(teacher, students) -> ids of a class with the students,
    a published lesson (a passage, a text, two questions) assigned to it, one
    finished attempt per student and a report on the lesson's first question,
    an announcement to the class and a comment on the last student's attempt."""
    from types import SimpleNamespace

    from app import clock
    from app.models import Enrollment, QuestionReport, QuizAttempt
    from app.services import quiz as quizzes
    from app.services import teaching

    questions = ["nwe-second-trial-dates:mcq", "nwe-second-trial-dates:short"]

    def make(teacher: User, students: list[User]) -> Any:
        with app.app_context():
            acting = db.session.get(User, teacher.id)
            classroom = teaching.create_class(db.session, acting, f"Class of {acting.username}")
            lesson = teaching.create_lesson(
                db.session, acting, f"Lesson of {acting.username}", "Intro"
            )
            teaching.add_passage(db.session, lesson, "nwe-second-trial-dates")
            teaching.add_text(db.session, lesson, "Read **carefully**.")
            teaching.add_questions(db.session, acting, lesson, questions)
            teaching.publish(lesson, True)
            assignment = teaching.assign(
                db.session, acting, lesson, classroom, None, None, clock.now()
            )
            attempt_id = report_id = None
            for student in students:
                db.session.add(Enrollment(classroom_id=classroom.id, student_id=student.id))
                attempt = quizzes.start_attempt(
                    db.session,
                    db.session.get(User, student.id),
                    quizzes.Scope("lesson", str(lesson.id), lesson.title),
                    2,
                    ["mcq", "short"],
                    "each",
                    None,
                    __import__("random").Random(1),
                    clock.now(),
                    question_ids=questions,
                    assignment_id=assignment.id,
                    lesson_id=lesson.id,
                )
                quizzes.finish_attempt(db.session, attempt, clock.now())
                attempt_id = attempt.id
                report = QuestionReport(
                    user_id=student.id,
                    question_id=questions[0],
                    attempt_id=attempt.id,
                    reason="typo",
                    comment="",
                )
                db.session.add(report)
                db.session.flush()
                report_id = report.id
            announcement = teaching.announce(
                db.session, acting, classroom, f"Announced by {acting.username}", clock.now()
            )
            if attempt_id is not None:
                teaching.comment_on_attempt(
                    db.session,
                    acting,
                    classroom,
                    attempt_id,
                    f"Comment by {acting.username}",
                    clock.now(),
                )
            db.session.commit()
            item_id = lesson.items[0].id
            return SimpleNamespace(
                announcement=announcement.id,
                announcement_text=f"Announced by {acting.username}",
                comment_text=f"Comment by {acting.username}",
                classroom=classroom.id,
                code=classroom.join_code,
                lesson=lesson.id,
                item=item_id,
                assignment=assignment.id,
                attempt=attempt_id,
                report=report_id,
                student=students[0].id if students else None,
            )

    def enroll(classroom_id: int, student: User) -> None:
        with app.app_context():
            db.session.add(Enrollment(classroom_id=classroom_id, student_id=student.id))
            db.session.commit()

    make.enroll = enroll  # type: ignore[attr-defined]
    _ = QuizAttempt
    return make


CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def csrf_token(client: FlaskClient) -> str:
    """The CSRF token of the client's current session, as a page would carry it."""
    response = client.get("/sources/people")
    match = CSRF_META.search(response.get_data(as_text=True))
    assert match, "no CSRF token on the page"
    return match.group(1)


def login(client: FlaskClient, username: str, password: str = PASSWORD) -> Any:
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_token(client)},
    )


def post(client: FlaskClient, url: str, data: dict[str, Any] | None = None, **kw: Any) -> Any:
    """POST a form with the session's CSRF token, as the browser would."""
    return client.post(url, data={"csrf_token": csrf_token(client), **(data or {})}, **kw)


@pytest.fixture()
def login_as(app: Flask, make_user: Callable[..., User]) -> Callable[..., tuple[FlaskClient, User]]:
    """Factory: login_as(Role.TEACHER) -> (a logged-in client, the user)."""

    def make(role: Role | str = Role.STUDENT, **kw: Any) -> tuple[FlaskClient, User]:
        user = make_user(role, **kw)
        c = app.test_client()
        response = login(c, user.username)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return c, user

    return make


from tests.browser import browser, live_server, page  # noqa: E402,F401  (fixtures)
from tests.marks_world import marked_course  # noqa: E402,F401  (fixture)
