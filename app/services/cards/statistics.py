"""Browsing one's cards and the self-study dashboard's figures."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fsrs import State
from sqlalchemy import Date, func, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session

from app.models import (
    ExamDate,
    Fact,
    MemoryState,
    ReviewLog,
    Topic,
    User,
)
from app.services import NotFound
from app.services.cards.decks import CatalogueEntry, Deck, catalogue, deck_facts, parse_deck
from app.services.cards.queue import _new_available, day_start
from app.services.cards.scheduling import card_of, scheduler
from app.services.cards.settings import settings_for


@dataclass
class CardRow:
    fact: Fact
    state: MemoryState | None

    @property
    def status(self) -> str:
        if self.state is None or not self.state.reps:
            return "suspended" if self.state and self.state.suspended else "new"
        if self.state.suspended:
            return "suspended"
        return {1: "learning", 2: "review", 3: "relearning"}[self.state.state]


def browse(
    db: Session, user: User, deck: Deck, text: str | None, status: str | None
) -> list[CardRow]:
    ids = [e.id for e in deck_facts(db, deck, user)]
    facts = {f.id: f for f in db.scalars(select(Fact).where(Fact.id.in_(ids)))}
    states = {
        s.fact_id: s
        for s in db.scalars(
            select(MemoryState).where(MemoryState.user_id == user.id, MemoryState.fact_id.in_(ids))
        )
    }
    rows = [CardRow(facts[i], states.get(i)) for i in ids if i in facts]
    if text:
        needle = text.casefold()
        rows = [
            r
            for r in rows
            if needle in r.fact.statement.casefold() or needle in r.fact.answer.casefold()
        ]
    if status:
        rows = [r for r in rows if r.status == status]
    return rows


def _day(column: Any, dialect: str) -> Any:
    return func.date(column) if dialect == "sqlite" else sql_cast(column, Date)


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@dataclass
class Dashboard:
    due_today: int
    new_available: int
    streak: int
    reviews_by_day: dict[date, int]
    forecast: list[tuple[date, int]]
    retention_by_week: list[tuple[str, int, float]]
    true_retention: float | None
    total_reviews: int
    mastery: list[tuple[str, str, float, float | None, float | None]]
    exams: list[tuple[ExamDate, Deck, int, int, int, bool]]


def dashboard(db: Session, user: User, now: datetime, quiz_accuracy: dict[str, float]) -> Dashboard:
    dialect = db.get_bind().dialect.name
    today = now.astimezone(UTC).date()
    end_of_today = day_start(now) + timedelta(days=1)
    due_today = int(
        db.scalar(
            select(func.count())
            .select_from(MemoryState)
            .where(
                MemoryState.user_id == user.id,
                ~MemoryState.suspended,
                MemoryState.reps > 0,
                MemoryState.due < end_of_today,
            )
        )
        or 0
    )
    entries = {e.id: e for e in catalogue(db)}
    new_available = _new_available(db, user, entries, now)
    day = _day(ReviewLog.reviewed_at, dialect)
    since = day_start(now) - timedelta(days=365)
    per_day = {
        _as_date(d): int(n)
        for d, n in db.execute(
            select(day, func.count())
            .where(ReviewLog.user_id == user.id, ReviewLog.reviewed_at >= since)
            .group_by(day)
        )
    }
    streak = 0
    cursor = today if per_day.get(today) else today - timedelta(days=1)
    while per_day.get(cursor):
        streak += 1
        cursor -= timedelta(days=1)
    due_day = _day(MemoryState.due, dialect)
    upcoming = {
        _as_date(d): int(n)
        for d, n in db.execute(
            select(due_day, func.count())
            .where(
                MemoryState.user_id == user.id,
                ~MemoryState.suspended,
                MemoryState.reps > 0,
                MemoryState.due < end_of_today + timedelta(days=29),
            )
            .group_by(due_day)
        )
    }
    overdue = sum(n for d, n in upcoming.items() if d < today)
    forecast = [
        (
            today + timedelta(days=i),
            upcoming.get(today + timedelta(days=i), 0) + (overdue if i == 0 else 0),
        )
        for i in range(30)
    ]
    week_rows = db.execute(
        select(ReviewLog.reviewed_at, ReviewLog.rating).where(
            ReviewLog.user_id == user.id,
            ReviewLog.reviewed_at >= since,
            ReviewLog.state_before_code == int(State.Review),
        )
    )
    weeks: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for reviewed_at, rating in week_rows:
        y, w, _ = reviewed_at.isocalendar()
        cell = weeks[f"{y}-W{w:02d}"]
        cell[0] += 1
        cell[1] += int(rating > 1)
    retention_by_week = [(w, n, ok / n) for w, (n, ok) in sorted(weeks.items())]
    total_review_state = sum(n for _, (n, _) in weeks.items())
    passed = sum(ok for _, (_, ok) in weeks.items())
    true_retention = passed / total_review_state if total_review_state else None
    total_reviews = sum(per_day.values())
    mastery = _mastery(db, user, now, entries, quiz_accuracy)
    exams = exam_progress(db, user, now)
    return Dashboard(
        due_today,
        new_available,
        streak,
        per_day,
        forecast,
        retention_by_week,
        true_retention,
        total_reviews,
        mastery,
        exams,
    )


def _mastery(
    db: Session,
    user: User,
    now: datetime,
    entries: dict[str, CatalogueEntry],
    quiz_accuracy: dict[str, float],
) -> list[tuple[str, str, float, float | None, float | None]]:
    """(topic id, title, mastery, memory, quiz accuracy) per topic. Memory is the
    mean probability of recalling each of the topic's facts now (new cards
    count as 0); mastery averages memory and quiz accuracy where both exist."""
    sched = scheduler(settings_for(db, user).desired_retention)
    recall: dict[str, float] = {}
    for state in db.scalars(
        select(MemoryState).where(MemoryState.user_id == user.id, MemoryState.reps > 0)
    ):
        recall[state.fact_id] = sched.get_card_retrievability(card_of(state), now)
    per_topic: dict[str, list[float]] = defaultdict(list)
    for entry in entries.values():
        for topic_id in entry.topics:
            per_topic[topic_id].append(recall.get(entry.id, 0.0))
    result = []
    for topic in db.scalars(select(Topic).order_by(Topic.position)):
        values = per_topic.get(topic.id)
        memory = sum(values) / len(values) if values else None
        quiz = quiz_accuracy.get(topic.id)
        parts = [v for v in (memory, quiz) if v is not None]
        if not parts or (memory == 0 and quiz is None):
            continue
        result.append((topic.id, topic.title, sum(parts) / len(parts), memory, quiz))
    return result


def exam_progress(
    db: Session, user: User, now: datetime
) -> list[tuple[ExamDate, Deck, int, int, int, bool]]:
    """(exam, deck, days left, cards never reviewed, new cards per day needed, on track)."""
    result = []
    today = now.astimezone(UTC).date()
    studied = set(
        db.scalars(
            select(MemoryState.fact_id).where(MemoryState.user_id == user.id, MemoryState.reps > 0)
        )
    )
    limit = settings_for(db, user).daily_new_limit
    for exam in db.scalars(
        select(ExamDate).where(ExamDate.user_id == user.id).order_by(ExamDate.exam_on)
    ):
        try:
            deck = parse_deck(db, exam.deck, user)
        except NotFound:
            continue
        days_left = (exam.exam_on - today).days
        unseen = sum(1 for e in deck_facts(db, deck, user) if e.id not in studied)
        per_day = -(-unseen // max(1, days_left - 1)) if days_left > 1 else unseen
        result.append((exam, deck, days_left, unseen, per_day, per_day <= limit and days_left > 0))
    return result


def heatmap_cells(per_day: dict[date, int], today: date) -> list[tuple[int, int, date, int]]:
    """(week column, weekday row, day, reviews) for the last 53 weeks, Monday rows first."""
    start = today - timedelta(days=364 + today.weekday())
    cells = []
    day = start
    while day <= today:
        cells.append(((day - start).days // 7, day.weekday(), day, per_day.get(day, 0)))
        day += timedelta(days=1)
    return cells


def bisect_level(value: int, thresholds: list[int]) -> int:
    return bisect.bisect_left(thresholds, value) if value else 0
