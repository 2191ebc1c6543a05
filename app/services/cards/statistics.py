"""Browsing one's cards and the self-study dashboard's figures."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, fields
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


@dataclass(frozen=True)
class ForecastDay:
    day: date
    due: int


@dataclass(frozen=True)
class WeekRetention:
    week: str  # ISO week, 2026-W03
    reviews: int  # reviews of cards in the Review state
    passed: int  # of them graded Hard, Good or Easy

    @property
    def share(self) -> float:
        return self.passed / self.reviews


@dataclass(frozen=True)
class TopicMastery:
    """Memory is the mean probability of recalling each of the topic's facts now
    (new cards count as 0); mastery averages memory and quiz accuracy where both
    exist."""

    topic_id: str
    title: str
    mastery: float
    memory: float | None
    quiz: float | None


@dataclass(frozen=True)
class ExamProgress:
    exam: ExamDate
    deck: Deck
    days_left: int
    unseen: int  # cards never reviewed
    per_day: int  # new cards a day needed to see them all before the exam
    on_track: bool

    def __iter__(self) -> Iterator[Any]:
        # Unpacks like the tuple it replaced: (exam, deck, days left, ...).
        return iter(tuple(getattr(self, f.name) for f in fields(self)))


@dataclass(frozen=True)
class HeatmapCell:
    week: int  # column, 0 for the oldest week
    weekday: int  # row, 0 for Monday
    day: date
    reviews: int
    level: int = 0  # 0 (none) to 3 (the busiest days)


@dataclass
class Dashboard:
    due_today: int
    new_available: int
    streak: int
    reviews_by_day: dict[date, int]
    forecast: list[ForecastDay]
    retention_by_week: list[WeekRetention]
    true_retention: float | None
    total_reviews: int
    mastery: list[TopicMastery]
    exams: list[ExamProgress]


def dashboard(db: Session, user: User, now: datetime, quiz_accuracy: dict[str, float]) -> Dashboard:
    entries = {e.id: e for e in catalogue(db)}
    per_day = _reviews_per_day(db, user, now)
    weeks = _retention_by_week(db, user, now)
    reviewed = sum(w.reviews for w in weeks)
    passed = sum(w.passed for w in weeks)
    return Dashboard(
        due_today=_due_today(db, user, now),
        new_available=_new_available(db, user, entries, now),
        streak=_streak(per_day, now.astimezone(UTC).date()),
        reviews_by_day=per_day,
        forecast=_forecast(db, user, now),
        retention_by_week=weeks,
        true_retention=passed / reviewed if reviewed else None,
        total_reviews=sum(per_day.values()),
        mastery=_mastery(db, user, now, entries, quiz_accuracy),
        exams=exam_progress(db, user, now),
    )


def _due_today(db: Session, user: User, now: datetime) -> int:
    end_of_today = day_start(now) + timedelta(days=1)
    query = select(func.count(MemoryState.id)).where(
        MemoryState.user_id == user.id,
        ~MemoryState.suspended,
        MemoryState.reps > 0,
        MemoryState.due < end_of_today,
    )
    return int(db.scalar(query) or 0)


@dataclass(frozen=True)
class LaterToday:
    """Cards not due yet that come back before the day ends (learning steps,
    mostly), and when the next of all the user's cards comes back."""

    count: int
    next_at: datetime | None


def later_today(
    db: Session, user: User, now: datetime, fact_ids: list[str] | None = None
) -> LaterToday:
    """`fact_ids`: only these cards (a deck's), when given."""
    query = select(MemoryState.due).where(
        MemoryState.user_id == user.id,
        ~MemoryState.suspended,
        MemoryState.reps > 0,
        MemoryState.due > now,
    )
    if fact_ids is not None:
        query = query.where(MemoryState.fact_id.in_(fact_ids))
    end_of_today = day_start(now) + timedelta(days=1)
    dues = [d if d.tzinfo else d.replace(tzinfo=UTC) for d in db.scalars(query)]
    return LaterToday(sum(1 for d in dues if d < end_of_today), min(dues, default=None))


def reviews_per_day(db: Session, user: User, now: datetime) -> dict[date, int]:
    """Reviews on each day of the last year (UTC days)."""
    return _reviews_per_day(db, user, now)


def streak(per_day: dict[date, int], today: date) -> int:
    return _streak(per_day, today)


def due_now(db: Session, user: User, now: datetime) -> int:
    """Cards whose time has come, in every deck."""
    query = select(func.count(MemoryState.id)).where(
        MemoryState.user_id == user.id,
        ~MemoryState.suspended,
        MemoryState.reps > 0,
        MemoryState.due <= now,
    )
    return int(db.scalar(query) or 0)


def reviews_today(db: Session, user: User, now: datetime) -> int:
    """Grades given since the day began (UTC): the part of today's work done."""
    query = select(func.count(ReviewLog.id)).where(
        ReviewLog.user_id == user.id, ReviewLog.reviewed_at >= day_start(now)
    )
    return int(db.scalar(query) or 0)


def new_available(db: Session, user: User, now: datetime) -> int:
    return _new_available(db, user, {e.id: e for e in catalogue(db)}, now)


def _since(now: datetime) -> datetime:
    """The start of the dashboard's year."""
    return day_start(now) - timedelta(days=365)


def _reviews_per_day(db: Session, user: User, now: datetime) -> dict[date, int]:
    day = _day(ReviewLog.reviewed_at, db.get_bind().dialect.name)
    return {
        _as_date(d): int(n)
        for d, n in db.execute(
            select(day, func.count())
            .where(ReviewLog.user_id == user.id, ReviewLog.reviewed_at >= _since(now))
            .group_by(day)
        )
    }


def _streak(per_day: dict[date, int], today: date) -> int:
    """Days in a row with reviews, up to today (or yesterday, before today's)."""
    streak = 0
    cursor = today if per_day.get(today) else today - timedelta(days=1)
    while per_day.get(cursor):
        streak += 1
        cursor -= timedelta(days=1)
    return streak


def _forecast(db: Session, user: User, now: datetime) -> list[ForecastDay]:
    """Cards due on each of the next 30 days; today's also holds the overdue ones."""
    today = now.astimezone(UTC).date()
    end_of_today = day_start(now) + timedelta(days=1)
    due_day = _day(MemoryState.due, db.get_bind().dialect.name)
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
    return [
        ForecastDay(
            today + timedelta(days=i),
            upcoming.get(today + timedelta(days=i), 0) + (overdue if i == 0 else 0),
        )
        for i in range(30)
    ]


def _retention_by_week(db: Session, user: User, now: datetime) -> list[WeekRetention]:
    rows = db.execute(
        select(ReviewLog.reviewed_at, ReviewLog.rating).where(
            ReviewLog.user_id == user.id,
            ReviewLog.reviewed_at >= _since(now),
            ReviewLog.state_before_code == int(State.Review),
        )
    )
    weeks: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for reviewed_at, rating in rows:
        y, w, _ = reviewed_at.isocalendar()
        cell = weeks[f"{y}-W{w:02d}"]
        cell[0] += 1
        cell[1] += int(rating > 1)
    return [WeekRetention(w, n, ok) for w, (n, ok) in sorted(weeks.items())]


def _mastery(
    db: Session,
    user: User,
    now: datetime,
    entries: dict[str, CatalogueEntry],
    quiz_accuracy: dict[str, float],
) -> list[TopicMastery]:
    """Each topic studied or quizzed, in the topics' order."""
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
        result.append(TopicMastery(topic.id, topic.title, sum(parts) / len(parts), memory, quiz))
    return result


def exam_progress(db: Session, user: User, now: datetime) -> list[ExamProgress]:
    """Each of the user's exams, soonest first, with what is left to learn."""
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
        on_track = per_day <= limit and days_left > 0
        result.append(ExamProgress(exam, deck, days_left, unseen, per_day, on_track))
    return result


def heatmap(per_day: dict[date, int], today: date) -> list[HeatmapCell]:
    """A cell for each of the last 53 weeks' days, Monday rows first, each with
    its level of activity relative to the busiest day."""
    busiest = max(per_day.values(), default=0)
    thresholds = [max(1, busiest * k // 4) for k in (1, 2, 3)]
    start = today - timedelta(days=364 + today.weekday())
    cells = []
    day = start
    while day <= today:
        count = per_day.get(day, 0)
        level = bisect.bisect_left(thresholds, count) if count else 0
        cells.append(HeatmapCell((day - start).days // 7, day.weekday(), day, count, level))
        day += timedelta(days=1)
    return cells
