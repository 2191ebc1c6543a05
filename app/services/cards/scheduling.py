"""The fsrs scheduler as the app uses it: its settings, a card to and from a
stored state, and the replay of a review log."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from fsrs import Card, Rating, Scheduler, State
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    MemoryState,
    ReviewLog,
)

LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
RELEARNING_STEPS = (timedelta(minutes=10),)
MAXIMUM_INTERVAL_DAYS = 3650
RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def scheduler(desired_retention: float) -> Scheduler:
    # No fuzzing: the same grades on the same dates always give the same
    # intervals, which keeps replay exact and the schedule explainable.
    return Scheduler(
        desired_retention=desired_retention,
        learning_steps=LEARNING_STEPS,
        relearning_steps=RELEARNING_STEPS,
        maximum_interval=MAXIMUM_INTERVAL_DAYS,
        enable_fuzzing=False,
    )


def new_card(now: datetime) -> Card:
    return Card(card_id=1, state=State.Learning, step=0, due=now)


def card_of(state: MemoryState) -> Card:
    return Card(
        card_id=1,
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


def card_values(card: Card) -> dict[str, Any]:
    return {
        "state": int(card.state),
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": card.due,
        "last_review": card.last_review,
    }


def card_json(card: Card) -> dict[str, Any]:
    values = card_values(card)
    values["due"] = card.due.isoformat()
    values["last_review"] = card.last_review.isoformat() if card.last_review else None
    return values


def card_from_json(data: dict[str, Any]) -> Card:
    return Card(
        card_id=1,
        state=State(data["state"]),
        step=data["step"],
        stability=data["stability"],
        difficulty=data["difficulty"],
        due=datetime.fromisoformat(data["due"]),
        last_review=datetime.fromisoformat(data["last_review"]) if data["last_review"] else None,
    )


def interval_label(delta: timedelta) -> str:
    seconds = max(0, delta.total_seconds())
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))} min"
    if seconds < 86400:
        return f"{round(seconds / 3600)} h"
    days = seconds / 86400
    if days < 31:
        return f"{round(days)} d"
    if days < 365:
        return f"{days / 30.4:.1f} mo".replace(".0 ", " ")
    return f"{days / 365:.1f} y".replace(".0 ", " ")


def apply_cap(card: Card, cap: datetime | None) -> Card:
    if cap is not None and card.due > cap:
        card.due = cap
    return card


def replay(logs: list[ReviewLog]) -> dict[str, Any] | None:
    """The state the log leads to, from a new card."""
    card: Card | None = None
    for log in logs:
        current = card or new_card(log.reviewed_at)
        card, _ = scheduler(log.desired_retention).review_card(
            current, Rating(log.rating), log.reviewed_at, log.duration_ms
        )
        card = apply_cap(card, log.due_cap)
    return card_values(card) if card else None


def replay_mismatches(db: Session, user_id: int | None = None) -> list[str]:
    """Fact ids (user:fact) whose stored state differs from its replayed log."""
    query = select(ReviewLog).order_by(ReviewLog.id)
    states = select(MemoryState).where(MemoryState.reps > 0)
    if user_id is not None:
        query = query.where(ReviewLog.user_id == user_id)
        states = states.where(MemoryState.user_id == user_id)
    logs: dict[tuple[int, str], list[ReviewLog]] = defaultdict(list)
    for log in db.scalars(query):
        logs[(log.user_id, log.fact_id)].append(log)
    bad = []
    for state in db.scalars(states):
        key = (state.user_id, state.fact_id)
        expected = replay(logs.get(key, []))
        stored = {
            "state": state.state,
            "step": state.step,
            "stability": state.stability,
            "difficulty": state.difficulty,
            "due": state.due,
            "last_review": state.last_review,
        }
        if expected is None or not _same(expected, stored) or state.reps != len(logs.get(key, [])):
            bad.append(f"{state.user_id}:{state.fact_id}")
    orphans = set(logs) - {(s.user_id, s.fact_id) for s in db.scalars(states)}
    bad.extend(f"{u}:{f}" for u, f in orphans)
    return bad


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    for key in a:
        x, y = a[key], b[key]
        if isinstance(x, float) and isinstance(y, float):
            if abs(x - y) > 1e-9:
                return False
        elif isinstance(x, datetime) and isinstance(y, datetime):
            if abs((x - y).total_seconds()) > 1e-3:
                return False
        elif x != y:
            return False
    return True
