"""Time to build one user's due queue as the review log grows to 10k, 100k and
1M rows (many users' reviews in one database): it must stay nearly flat."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 100_000, 1_000_000)
USERS = 1000


def run() -> None:
    sys.path.insert(0, str(ROOT))
    from flask_migrate import upgrade

    import question_bank as qb
    from app import create_app
    from app.extensions import db
    from app.services.bank import load_bank

    print(f"== flashcard due queue as the review log grows (SQLite, {USERS} users) ==")
    with tempfile.TemporaryDirectory(prefix="sourcebook-queue-") as tmp:
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/q.db", "SECRET_KEY": "bench"}
        )
        with app.app_context():
            upgrade()
            load_bank(db.session, qb.default_bank())
            now = datetime.now(UTC)
            rng = random.Random(1)
            me_id, user_ids, facts = seed_memory(db.session, now, rng)
            inserted = 0
            for size in SIZES:
                inserted += grow_review_log(db.session, size - inserted, user_ids, facts, now, rng)
                db.session.commit()
                time_queue(db.session, me_id, size, now)
            db.engine.dispose()


def seed_memory(
    session: Any, now: datetime, rng: random.Random
) -> tuple[int, list[int], list[str]]:
    """USERS students besides "me", each knowing a random third of the facts;
    (my id, every user id, every fact id)."""
    from sqlalchemy import insert, select

    from app.models import Fact, MemoryState, Role, User
    from app.services import accounts

    me = accounts.create_user(session, "me", "Me", "benchmark passphrase", Role.STUDENT)
    fillers = [
        {
            "username": f"u{i}",
            "display_name": f"U{i}",
            "password_hash": "x",
            "role": "student",
            "created_at": datetime.now(UTC),
        }
        for i in range(USERS)
    ]
    session.execute(insert(User), fillers)
    session.commit()
    user_ids = list(session.scalars(select(User.id)))
    facts = list(session.scalars(select(Fact.id).where(Fact.kind == "fact")))
    # memory states: every user knows a random third of the facts
    states = []
    for uid in user_ids:
        for fid in rng.sample(facts, len(facts) // 3):
            states.append(
                {
                    "user_id": uid,
                    "fact_id": fid,
                    "state": 2,
                    "step": None,
                    "stability": 5.0,
                    "difficulty": 5.0,
                    "due": now + timedelta(days=rng.uniform(-10, 30)),
                    "last_review": now - timedelta(days=3),
                    "reps": 3,
                    "lapses": 0,
                    "suspended": False,
                    "version": 3,
                }
            )
    session.execute(insert(MemoryState), states)
    session.commit()
    return me.id, user_ids, facts


def grow_review_log(
    session: Any,
    rows: int,
    user_ids: list[int],
    facts: list[str],
    now: datetime,
    rng: random.Random,
) -> int:
    """Add `rows` reviews by random users of random facts, in batches; returns `rows`."""
    from sqlalchemy import insert

    from app.models import ReviewLog

    batch = []
    for _ in range(rows):
        batch.append(
            {
                "user_id": rng.choice(user_ids),
                "fact_id": rng.choice(facts),
                "rating": rng.randint(1, 4),
                "reviewed_at": now - timedelta(minutes=rng.randint(1, 500_000)),
                "duration_ms": 3000,
                "desired_retention": 0.9,
                "due_cap": None,
                "state_before_code": 2,
                "state_before": None,
                "state_after": {},
            }
        )
        if len(batch) == 20_000:
            session.execute(insert(ReviewLog), batch)
            batch = []
    if batch:
        session.execute(insert(ReviewLog), batch)
    return rows


def time_queue(session: Any, me_id: int, size: int, now: datetime) -> None:
    """Print the median time to find my next card."""
    from app.models import User
    from app.services import cards

    deck = cards.parse_deck(session, "all:")
    user = session.get(User, me_id)
    times = []
    for _ in range(15):
        started = time.perf_counter()
        cards.next_card(session, user, deck, now)
        times.append(time.perf_counter() - started)
        session.rollback()
    print(
        f"  {size:>9,} review-log rows: due queue built in {statistics.median(times) * 1000:6.1f} ms (median of 15)"
    )
