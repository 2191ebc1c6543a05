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

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 100_000, 1_000_000)
USERS = 1000


def run() -> None:
    sys.path.insert(0, str(ROOT))
    from flask_migrate import upgrade
    from sqlalchemy import insert, select

    import question_bank as qb
    from app import create_app
    from app.extensions import db
    from app.models import Fact, MemoryState, ReviewLog, Role, User
    from app.services import accounts, cards
    from app.services.bank import load_bank

    print(f"== flashcard due queue as the review log grows (SQLite, {USERS} users) ==")
    with tempfile.TemporaryDirectory(prefix="sourcebook-queue-") as tmp:
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/q.db", "SECRET_KEY": "bench"}
        )
        with app.app_context():
            upgrade()
            load_bank(db.session, qb.default_bank())
            me = accounts.create_user(db.session, "me", "Me", "benchmark passphrase", Role.STUDENT)
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
            db.session.execute(insert(User), fillers)
            db.session.commit()
            user_ids = list(db.session.scalars(select(User.id)))
            facts = list(db.session.scalars(select(Fact.id).where(Fact.kind == "fact")))
            now = datetime.now(UTC)
            rng = random.Random(1)
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
            db.session.execute(insert(MemoryState), states)
            db.session.commit()
            inserted = 0
            for size in SIZES:
                batch = []
                while inserted < size:
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
                    inserted += 1
                    if len(batch) == 20_000:
                        db.session.execute(insert(ReviewLog), batch)
                        batch = []
                if batch:
                    db.session.execute(insert(ReviewLog), batch)
                db.session.commit()
                deck = cards.parse_deck(db.session, "all:")
                user = db.session.get(User, me.id)
                times = []
                for _ in range(15):
                    started = time.perf_counter()
                    cards.next_card(db.session, user, deck, now)
                    times.append(time.perf_counter() - started)
                    db.session.rollback()
                print(
                    f"  {size:>9,} review-log rows: due queue built in {statistics.median(times) * 1000:6.1f} ms (median of 15)"
                )
            db.engine.dispose()
