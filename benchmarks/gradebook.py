"""Gradebook page time for a class of 200 students with 20 assignments, next to
a class of 10, in the same run (SQLite, in-process test client)."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENTS = 20
PASSWORD = "benchmark passphrase"
QUESTIONS = [
    "nwe-second-trial-dates:mcq",
    "nwe-second-trial-dates:short",
    "nwe-third-trial-march-1938:mcq",
]


def run() -> None:
    sys.path.insert(0, str(ROOT))
    from flask_migrate import upgrade

    import question_bank as qb
    from app import create_app
    from app.extensions import db
    from app.models import Question
    from app.services.bank import load_bank

    print(f"== gradebook page: {ASSIGNMENTS} assignments, 10 vs 200 students ==")
    with tempfile.TemporaryDirectory(prefix="sourcebook-gradebook-") as tmp:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/g.db",
                "SECRET_KEY": "bench",
                "RATELIMIT_ENABLED": False,
            }
        )
        results = {}
        with app.app_context():
            upgrade()
            load_bank(db.session, qb.default_bank())
            data = {
                q.id: q.data for q in db.session.query(Question).filter(Question.id.in_(QUESTIONS))
            }
            now = datetime.now(UTC)
            rng = random.Random(1)
            for size in (10, 200):
                results[size] = seed_class(db.session, size, data, now, rng)
                db.session.commit()
        for size, (username, class_id, assignment_id) in results.items():
            time_pages(app, size, username, class_id, assignment_id)
        with app.app_context():
            db.engine.dispose()


def seed_class(
    session: Any, size: int, data: dict[str, Any], now: datetime, rng: random.Random
) -> tuple[str, int, int]:
    """A teacher, a class of `size` students and ASSIGNMENTS lessons assigned to
    it, each taken once by every student; (teacher, class id, last assignment id)."""
    from sqlalchemy import insert

    from app.models import Enrollment, Role, User
    from app.services import accounts, teaching

    teacher = accounts.create_user(session, f"t{size}", "T", PASSWORD, Role.TEACHER)
    classroom = teaching.create_class(session, teacher, f"Class {size}")
    session.execute(
        insert(User),
        [
            {
                "username": f"s{size}-{i}",
                "display_name": f"Student {i}",
                "password_hash": "x",
                "role": "student",
                "created_at": now,
            }
            for i in range(size)
        ],
    )
    students = session.query(User).filter(User.username.like(f"s{size}-%")).all()
    session.execute(
        insert(Enrollment),
        [{"classroom_id": classroom.id, "student_id": s.id, "joined_at": now} for s in students],
    )
    for a in range(ASSIGNMENTS):
        lesson = teaching.create_lesson(session, teacher, f"Lesson {a}", "")
        teaching.add_questions(session, teacher, lesson, QUESTIONS)
        teaching.publish(lesson, True)
        assignment = teaching.assign(session, teacher, lesson, classroom, None, None, now)
        for student in students:
            add_attempt(session, student.id, assignment.id, lesson.id, data, now, rng)
    return teacher.username, classroom.id, assignment.id


def add_attempt(
    session: Any,
    student_id: int,
    assignment_id: int,
    lesson_id: int,
    data: dict[str, Any],
    now: datetime,
    rng: random.Random,
) -> None:
    """A finished attempt at the assignment with about 70% of its answers right."""
    from sqlalchemy import insert

    from app.models import AttemptAnswer, QuizAttempt

    right = [rng.random() < 0.7 for _ in QUESTIONS]
    attempt = QuizAttempt(
        user_id=student_id,
        scope={"kind": "lesson", "value": "", "label": ""},
        question_types=["mcq"],
        feedback_mode="each",
        total=3,
        started_at=now,
        finished_at=now,
        finished_reason="submitted",
        correct_count=sum(right),
        score=sum(right) / 3,
        assignment_id=assignment_id,
        lesson_id=lesson_id,
    )
    session.add(attempt)
    session.flush()
    session.execute(
        insert(AttemptAnswer),
        [
            {
                "attempt_id": attempt.id,
                "position": i + 1,
                "question_id": q,
                "fact_id": data[q]["fact_id"],
                "question_data": data[q],
                "display": {},
                "response": data[q]["answer"] if ok else "x",
                "correct": ok,
                "score": float(ok),
                "answered_at": now,
                "time_taken_ms": 9000,
            }
            for i, (q, ok) in enumerate(zip(QUESTIONS, right, strict=True))
        ],
    )


def time_pages(app: Any, size: int, username: str, class_id: int, assignment_id: int) -> None:
    """Log in as the class's teacher (in-process test client) and print the
    median time of the gradebook and the item analysis."""
    from harness.client import csrf_token

    client = app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})
    for label, url in (
        ("gradebook", f"/teach/classes/{class_id}"),
        ("item analysis", f"/teach/classes/{class_id}/assignments/{assignment_id}/analysis"),
    ):
        client.get(url)
        times = []
        for _ in range(7):
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200
        print(
            f"  {size:>3} students: {label:<13} {statistics.median(times) * 1000:7.1f} ms (median of 7)"
        )
