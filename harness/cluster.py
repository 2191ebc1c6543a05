"""A school's deployment on one machine: two app servers (gunicorn, 2 workers
each) on one PostgreSQL database and one Redis, as they would run on two hosts
behind a load balancer. The database is created fresh and dropped afterwards."""

from __future__ import annotations

import os
import secrets
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from harness.server import REDIS_URL, Gunicorn

PG_SERVER = os.environ.get("OPS_PG_SERVER", "postgresql+psycopg://postgres@127.0.0.1:5432")
PASSWORD = "class period passphrase"
LESSON_TYPES = ("mcq", "true_false", "short")


@dataclass
class School:
    """What the seed created: who logs in, and what they were assigned."""

    students: list[str]
    teachers: list[str]
    # class id of each teacher, and the class each student is in
    teacher_class: dict[str, int]
    student_assignment: dict[str, int]
    questions_per_quiz: int
    user_ids: dict[str, int] = field(default_factory=dict)


@dataclass
class Cluster:
    database_url: str
    servers: list[Gunicorn]
    school: School

    @property
    def urls(self) -> list[str]:
        return [server.url for server in self.servers]


@contextmanager
def fresh_postgres_database(prefix: str = "sourcebook_harness") -> Iterator[str]:
    name = f"{prefix}_{secrets.token_hex(4)}"
    # No pool: the server may have restarted (make faults) between create and drop.
    admin = sa.create_engine(
        f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool
    )
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def seed_school(database_url: str, students: int, teachers: int, questions: int) -> School:
    """Migrate, load the bank, then one class per teacher with its share of the
    students, and the same published lesson assigned to every class."""
    from flask_migrate import upgrade
    from sqlalchemy import select

    import question_bank as qb
    from app import create_app
    from app.extensions import db
    from app.models import Question
    from app.services import accounts
    from app.services.bank import load_bank

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "seed"})
    with app.app_context():
        upgrade()
        load_bank(db.session, qb.default_bank())
        db.session.commit()
        question_ids = list(
            db.session.scalars(
                select(Question.id)
                .where(Question.type.in_(LESSON_TYPES), ~Question.retired)
                .where(Question.owner_id.is_(None), Question.id.like("nwe-first-trial%"))
                .order_by(Question.id)
                .limit(questions)
            )
        )
        now = datetime.now(UTC)
        school = School([], [], {}, {}, len(question_ids))
        # One password hash for everyone: hashing 250 times would only slow the seed.
        hashed = accounts.hash_password(PASSWORD)
        for t in range(teachers):
            students_of_t = range(t, students, teachers)
            seed_class(db.session, school, t, students_of_t, question_ids, hashed, now)
        db.session.commit()
        db.engine.dispose()
    school.students.sort()
    return school


def seed_class(
    session: Session,
    school: School,
    number: int,
    students: range,
    question_ids: list[str],
    hashed: str,
    now: datetime,
) -> None:
    """Teacher `number`, their class of the students numbered `students`, and
    the lesson of `question_ids` assigned to it, recorded in `school`."""
    from app.models import Enrollment, Role, User
    from app.services import accounts, teaching

    teacher = accounts.create_user(
        session, f"teacher{number}", f"Teacher {number}", PASSWORD, Role.TEACHER
    )
    classroom = teaching.create_class(session, teacher, f"Period {number + 1}")
    lesson = teaching.create_lesson(session, teacher, "The first trial", "Read, then answer.")
    teaching.add_questions(session, teacher, lesson, question_ids)
    teaching.publish(lesson, True)
    assignment = teaching.assign(
        session, teacher, lesson, classroom, now + timedelta(days=7), None, now
    )
    session.flush()
    school.teachers.append(teacher.username)
    school.teacher_class[teacher.username] = classroom.id
    school.user_ids[teacher.username] = teacher.id
    for s in students:
        student = User(
            username=f"student{s:03d}",
            display_name=f"Student {s:03d}",
            password_hash=hashed,
            role=Role.STUDENT.value,
        )
        session.add(student)
        session.flush()
        session.add(Enrollment(classroom_id=classroom.id, student_id=student.id))
        school.students.append(student.username)
        school.student_assignment[student.username] = assignment.id
        school.user_ids[student.username] = student.id


@contextmanager
def fresh_sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="sourcebook-harness-") as tmp:
        yield f"sqlite:///{tmp}/sourcebook.db"


@contextmanager
def school_cluster(
    students: int = 250,
    teachers: int = 5,
    questions: int = 10,
    instances: int = 2,
    workers: int = 2,
    database: str = "postgresql",
    prefix: list[str] | None = None,
) -> Iterator[Cluster]:
    """App servers on a fresh database (PostgreSQL, or SQLite for one machine),
    sharing sessions (the database) and rate limits (Redis); `prefix` execs
    each server (`taskset -c 0` pins it to core 0)."""
    fresh = fresh_postgres_database if database == "postgresql" else fresh_sqlite_database
    with fresh() as url:
        school = seed_school(url, students, teachers, questions)
        env = {
            "DATABASE_URL": url,
            "SECRET_KEY": secrets.token_hex(32),
            "RATELIMIT_STORAGE_URI": REDIS_URL,
            "RATELIMIT_KEY_PREFIX": "harness-" + secrets.token_hex(4),
            # A whole class logs in from one address here; a school's proxy
            # would pass each student's own address instead.
            "LOGIN_LIMIT_PER_ADDRESS": "10000 per 5 minutes",
            "WEB_CONCURRENCY": str(workers),
        }
        servers = [Gunicorn(env, workers=workers, prefix=prefix) for _ in range(instances)]
        try:
            for server in servers:
                server.start()
            yield Cluster(url, servers, school)
        finally:
            for server in servers:
                server.stop()


def pg_restart() -> None:
    """Restart the local PostgreSQL cluster (as a failover or an upgrade would)."""
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(  # noqa: S603
        ["/usr/bin/pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
    )
