"""The study queue: which card comes next, and the card as it is shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from fsrs import Rating
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import (
    Fact,
    MemoryState,
    Question,
    ReviewLog,
    User,
)
from app.services import NotFound
from app.services.cards.decks import ALL_CARDS, CatalogueEntry, Deck, deck_facts, new_card_order
from app.services.cards.scheduling import RATINGS, card_of, interval_label, new_card, scheduler
from app.services.cards.settings import settings_for

# Cards from one paragraph are kept this many reviews apart within a session.
SIBLING_GAP = 4
FRONT_TYPES = ("short", "cloze")


def day_start(now: datetime) -> datetime:
    return datetime.combine(now.astimezone(UTC).date(), time(), tzinfo=UTC)


def new_cards_today(db: Session, user: User, now: datetime) -> int:
    return int(
        db.scalar(
            select(func.count())
            .select_from(ReviewLog)
            .where(
                ReviewLog.user_id == user.id,
                ReviewLog.reviewed_at >= day_start(now),
                ReviewLog.state_before_code.is_(None),
            )
        )
        or 0
    )


@dataclass(frozen=True)
class QueueItem:
    fact_id: str
    is_new: bool
    version: int
    reps: int


@dataclass(frozen=True)
class QueueCounts:
    due: int
    new: int
    # The user graded a card in the last hours (so there is a grade to undo).
    reviewed_recently: bool = False


def _recent_paragraphs(
    db: Session, user: User, entries: dict[str, CatalogueEntry], now: datetime
) -> list[tuple[str, int | None]]:
    recent = db.scalars(
        select(ReviewLog.fact_id)
        .where(ReviewLog.user_id == user.id, ReviewLog.reviewed_at >= now - timedelta(hours=6))
        .order_by(ReviewLog.id.desc())
        .limit(SIBLING_GAP)
    ).all()
    return [(entries[f].source_id, entries[f].paragraph) for f in recent if f in entries]


def next_card(
    db: Session, user: User, deck: Deck, now: datetime
) -> tuple[QueueItem | None, QueueCounts]:
    """Due cards first (oldest due first), then new cards up to the daily limit;
    a card from a paragraph just reviewed waits while others are available."""
    entries = {e.id: e for e in deck_facts(db, deck, user)}
    # One query for the user's cards: the due ones, and which are no longer new.
    states = db.execute(
        select(
            MemoryState.fact_id,
            MemoryState.version,
            MemoryState.reps,
            MemoryState.due,
            MemoryState.suspended,
        ).where(MemoryState.user_id == user.id)
    ).all()
    due = sorted(
        (row for row in states if row.due <= now and not row.suspended and row.fact_id in entries),
        key=lambda row: row.due,
    )
    recent = _recent_paragraphs(db, user, entries, now)

    def spaced(fact_id: str) -> bool:
        entry = entries[fact_id]
        return (entry.source_id, entry.paragraph) not in recent

    studied = {row.fact_id for row in states}
    fresh, new_available = _new_cards(db, user, deck, entries, now, studied)
    reviewed = bool(recent)
    if due:
        pick = next((row for row in due if spaced(row.fact_id)), due[0])
        item = QueueItem(pick.fact_id, False, pick.version, pick.reps)
        return item, QueueCounts(len(due), new_available, reviewed)
    if new_available <= 0:
        return None, QueueCounts(0, 0, reviewed)
    pick_id = next((fid for fid in fresh if spaced(fid)), fresh[0])
    return QueueItem(pick_id, True, 0, 0), QueueCounts(0, new_available, reviewed)


def _new_cards(
    db: Session,
    user: User,
    deck: Deck,
    entries: dict[str, CatalogueEntry],
    now: datetime,
    studied: set[str] | None = None,
) -> tuple[list[str], int]:
    """The deck's never-studied cards in the order they come (`new_card_order`),
    and how many of them may still be introduced today. `studied`: the user's
    cards, when already read."""
    settings = settings_for(db, user)
    left_today = max(0, settings.daily_new_limit - new_cards_today(db, user, now))
    if not left_today:
        return [], 0
    if studied is None:
        query = select(MemoryState.fact_id).where(MemoryState.user_id == user.id)
        studied = set(db.scalars(query))
    unseen = [entry for fid, entry in entries.items() if fid not in studied]
    fresh = [e.id for e in new_card_order(deck, unseen, settings.include_details, left_today)]
    return fresh, min(left_today, len(fresh))


def _new_available(
    db: Session, user: User, entries: dict[str, CatalogueEntry], now: datetime
) -> int:
    """New cards available today across all cards."""
    return _new_cards(db, user, ALL_CARDS, entries, now)[1]


@dataclass
class CardView:
    fact: Fact
    question: Question | None
    front: str
    front_kind: str
    intervals: dict[int, str]


def card_view(db: Session, user: User, item: QueueItem, now: datetime) -> CardView:
    fact = db.get(Fact, item.fact_id)
    if fact is None:
        raise NotFound("There is no such card.")
    variants = list(
        db.scalars(
            select(Question)
            .where(Question.fact_id == fact.id, Question.type.in_(FRONT_TYPES), ~Question.retired)
            .order_by(Question.id)
        )
    )
    # The front varies from review to review: each question on the fact trains it.
    question = variants[item.reps % len(variants)] if variants else None
    front = question.prompt if question else fact.question
    kind = question.type if question else "short"
    # A new card has no stored state yet (the queue was read in this transaction).
    state = None if item.is_new else _state_of(db, user, fact.id)
    card = card_of(state) if state and state.reps else new_card(now)
    sched = scheduler(settings_for(db, user).desired_retention)
    intervals = {}
    for value in RATINGS:
        after, _ = sched.review_card(card, Rating(value), now)
        intervals[value] = interval_label(after.due - now)
    return CardView(fact, question, front, kind, intervals)


def _state_of(db: Session, user: User, fact_id: str) -> MemoryState | None:
    return db.scalars(
        select(MemoryState).where(MemoryState.user_id == user.id, MemoryState.fact_id == fact_id)
    ).one_or_none()
