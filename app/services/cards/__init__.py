"""Spaced-repetition flashcards, scheduled by the fsrs package.

One memory state per user and fact. Every grade is logged with the state before
and after; a grade from a stale tab or a double click is recognised by the
state's version and ignored, so the stored state always equals the state
replayed from the log."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from fsrs import Card, Rating, Scheduler, State
from sqlalchemy import CursorResult, Date, func, select, update
from sqlalchemy import cast as sql_cast
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.forms import whole_number
from app.models import (
    ExamDate,
    Fact,
    MemoryState,
    Person,
    Question,
    ReviewLog,
    Source,
    StudySettings,
    Topic,
    User,
)
from app.services import NotFound, ServiceError
from app.services.visibility import hidden_fact_ids, source_clause

LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
RELEARNING_STEPS = (timedelta(minutes=10),)
MAXIMUM_INTERVAL_DAYS = 3650
RETENTION_MIN, RETENTION_MAX = 0.70, 0.97
NEW_LIMIT_MAX = 500
# Cards from one paragraph are kept this many reviews apart within a session.
SIBLING_GAP = 4
RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
FRONT_TYPES = ("short", "cloze")


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


# -- settings ----------------------------------------------------------------------------
def settings_for(db: Session, user: User) -> StudySettings:
    settings = db.get(StudySettings, user.id)
    if settings is None:
        try:
            with db.begin_nested():  # two first requests at once: one insert wins
                settings = StudySettings(user_id=user.id, desired_retention=0.9, daily_new_limit=20)
                db.add(settings)
        except IntegrityError:
            settings = db.get(StudySettings, user.id, populate_existing=True)
            assert settings is not None
    # The session's identity map holds objects weakly: keep this one for the
    # session's life, so the next call in the same request needs no query.
    db.info.setdefault("study_settings", {})[user.id] = settings
    return settings


def update_settings(
    db: Session, user: User, desired_retention: float, daily_new_limit: int
) -> None:
    if not RETENTION_MIN <= desired_retention <= RETENTION_MAX:
        raise ServiceError(f"Desired retention is between {RETENTION_MIN} and {RETENTION_MAX}.")
    if not 0 <= daily_new_limit <= NEW_LIMIT_MAX:
        raise ServiceError(f"New cards per day are between 0 and {NEW_LIMIT_MAX}.")
    settings = settings_for(db, user)
    settings.desired_retention = round(desired_retention, 2)
    settings.daily_new_limit = daily_new_limit


# -- decks ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Deck:
    kind: str  # all | topic | source | person | facts | lesson
    value: str
    label: str
    members: frozenset[str] | None = None  # the facts of a 'facts' or 'lesson' deck

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.value}"


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    source_id: str
    topics: tuple[str, ...]
    people: tuple[str, ...]
    paragraph: int | None


_catalogue_cache: dict[str, tuple[tuple[Any, ...], list[CatalogueEntry]]] = {}


def catalogue(db: Session) -> list[CatalogueEntry]:
    """Every fact that can be a card (live, not an opinion), in reading order.

    Kept per process and database, and rebuilt only when the facts change (a
    bank load or a teacher's new question): reading 700 facts with their JSON
    columns on every card shown would cost more than the rest of the request."""
    key = tuple(
        db.execute(
            select(
                func.count(Fact.id),
                func.max(Fact.updated_at),
                func.count(Fact.id).filter(Fact.retired.is_(True)),
            )
        ).one()
    )
    cache_key = str(db.get_bind().engine.url)
    cached = _catalogue_cache.get(cache_key)
    if cached is not None and cached[0] == key:
        return cached[1]
    rows = db.execute(
        select(Fact.id, Fact.source_id, Fact.topics, Fact.people, Fact.paragraph)
        .where(~Fact.retired, Fact.kind == "fact")
        .order_by(Fact.source_id.desc(), Fact.start_offset)
    )
    entries = [
        CatalogueEntry(fid, sid, tuple(topics or ()), tuple(people or ()), paragraph)
        for fid, sid, topics, people, paragraph in rows
    ]
    _catalogue_cache[cache_key] = (key, entries)
    return entries


def deck_choices(db: Session, user: User | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    topics = list(db.scalars(select(Topic).order_by(Topic.position)))
    sources = [
        (sid, title if builtin else f"{title} (added by a teacher)")
        for sid, title, builtin in db.execute(
            select(Source.id, Source.title, Source.builtin)
            .where(source_clause(user))
            .order_by(Source.builtin.desc(), Source.title)
        )
    ]
    used_people = {p for entry in catalogue(db) for p in entry.people}
    people = [
        (pid, name)
        for pid, name in db.execute(select(Person.id, Person.name))
        if pid in used_people
    ]
    people.sort(key=lambda p: p[1].split()[-1].casefold())
    return [
        ("Everything", [("all:", "All cards")]),
        ("Trials", [(f"topic:{t.id}", t.title) for t in topics if t.kind == "trial"]),
        ("Themes", [(f"topic:{t.id}", t.title) for t in topics if t.kind != "trial"]),
        ("Sources", [(f"source:{sid}", title) for sid, title in sources]),
        ("People", [(f"person:{pid}", name) for pid, name in people]),
    ]


def lesson_decks(db: Session, user: User) -> list[tuple[str, str]]:
    """Decks of the lessons assigned to this student."""
    from app.services import teaching

    return [
        (f"lesson:{work.lesson.id}", f"Lesson: {work.lesson.title}")
        for work in teaching.student_work(db, user, datetime.now(UTC))
    ]


def parse_deck(db: Session, raw: str | None, user: User | None = None) -> Deck:
    kind, _, value = (raw or "all:").partition(":")
    if kind == "facts" and value:
        ids = [v for v in value.split(",") if v][:100]
        # any id may be asked for: only the facts this user may see are cards
        hidden = hidden_fact_ids(db, user)
        ids = [i for i in ids if i not in hidden]
        return Deck("facts", ",".join(ids), f"{len(ids)} chosen cards", frozenset(ids))
    lesson_id = whole_number(value)
    if kind == "lesson" and lesson_id is not None and user is not None:
        from app.services import teaching

        lesson = teaching.lesson_for_reading(db, user, lesson_id)
        members = frozenset(teaching.lesson_fact_ids(db, lesson))
        return Deck("lesson", value, f"Lesson: {lesson.title}", members)
    if kind == "all" and not value:
        return Deck("all", "", "All cards")
    label = None
    if kind == "topic":
        topic = db.get(Topic, value)
        label = topic.title if topic else None
    elif kind == "source":
        source_title = db.scalar(
            select(Source.title).where(Source.id == value, source_clause(user))
        )
        label = source_title
    elif kind == "person":
        person = db.get(Person, value)
        label = person.name if person else None
    if label is None:
        raise NotFound("There is no such deck.")
    return Deck(kind, value, label)


def in_deck(entry: CatalogueEntry, deck: Deck) -> bool:
    if deck.kind == "all":
        return True
    if deck.kind == "topic":
        return deck.value in entry.topics
    if deck.kind == "source":
        return entry.source_id == deck.value
    if deck.kind == "person":
        return deck.value in entry.people
    if deck.kind in ("facts", "lesson"):
        return deck.members is not None and entry.id in deck.members
    return False


def deck_facts(db: Session, deck: Deck, user: User | None = None) -> list[CatalogueEntry]:
    """The deck's cards. A lesson deck holds what its (readable) lesson holds;
    every other deck only the facts this user may see."""
    if deck.kind == "lesson":
        return [e for e in catalogue(db) if in_deck(e, deck)]
    hidden = hidden_fact_ids(db, user)
    return [e for e in catalogue(db) if e.id not in hidden and in_deck(e, deck)]


# -- the study queue ------------------------------------------------------------------
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

    fresh, new_available = _new_cards(db, user, entries, now, {row.fact_id for row in states})
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
    entries: dict[str, CatalogueEntry],
    now: datetime,
    studied: set[str] | None = None,
) -> tuple[list[str], int]:
    """The deck's never-studied cards in reading order, and how many of them may
    still be introduced today. `studied`: the user's cards, when already read."""
    settings = settings_for(db, user)
    left_today = max(0, settings.daily_new_limit - new_cards_today(db, user, now))
    if not left_today:
        return [], 0
    if studied is None:
        query = select(MemoryState.fact_id).where(MemoryState.user_id == user.id)
        studied = set(db.scalars(query))
    fresh = [fid for fid in entries if fid not in studied]
    return fresh, min(left_today, len(fresh))


def _new_available(
    db: Session, user: User, entries: dict[str, CatalogueEntry], now: datetime
) -> int:
    return _new_cards(db, user, entries, now)[1]


# -- one card --------------------------------------------------------------------------
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


def _check_card(db: Session, fact_id: str) -> None:
    """Only facts are cards: opinions and unknown ids are not."""
    if db.scalar(select(Fact.kind).where(Fact.id == fact_id)) != "fact":
        raise NotFound("There is no such card.")


def exam_cap(db: Session, user: User, fact_id: str, now: datetime) -> datetime | None:
    """The day before the nearest upcoming exam whose deck holds this fact. An
    assignment's due date is the exam date of its lesson's facts."""
    from app.services import teaching

    caps = [
        due - timedelta(days=1)
        for lesson, due in teaching.lessons_due_after(db, user, now + timedelta(days=1))
        if fact_id in teaching.lesson_fact_ids(db, lesson)
    ]
    exams = db.scalars(select(ExamDate).where(ExamDate.user_id == user.id)).all()
    if not exams:
        return min(caps) if caps else None
    entries = {e.id: e for e in catalogue(db)}
    entry = entries.get(fact_id)
    for exam in exams:
        try:
            deck = parse_deck(db, exam.deck, user)
        except NotFound:
            continue
        if entry is not None and in_deck(entry, deck):
            cap = datetime.combine(exam.exam_on - timedelta(days=1), time(), tzinfo=UTC)
            if cap > now:
                caps.append(cap)
    return min(caps) if caps else None


def apply_cap(card: Card, cap: datetime | None) -> Card:
    if cap is not None and card.due > cap:
        card.due = cap
    return card


def grade(
    db: Session,
    user: User,
    fact_id: str,
    rating: int,
    expected_version: int,
    question_id: str | None,
    duration_ms: int | None,
    now: datetime,
) -> ReviewLog | None:
    """Record one grade. Returns None when the card changed since it was shown
    (a double submit or another tab): nothing is recorded twice."""
    if rating not in RATINGS:
        raise ServiceError("Grade with Again, Hard, Good or Easy.")
    _check_card(db, fact_id)
    state = _state_of(db, user, fact_id)
    if (state.version if state else 0) != expected_version:
        return None
    settings = settings_for(db, user)
    before = card_of(state) if state and state.reps else None
    card = before or new_card(now)
    after, _ = scheduler(settings.desired_retention).review_card(
        card, Rating(rating), now, duration_ms
    )
    cap = exam_cap(db, user, fact_id, now)
    after = apply_cap(after, cap)
    values = {
        **card_values(after),
        "reps": (state.reps if state else 0) + 1,
        "lapses": (state.lapses if state else 0)
        + int(rating == 1 and before is not None and before.state == State.Review),
    }
    if state is None:
        created = cast(
            CursorResult[Any],
            db.execute(
                _insert_unless_present(db, MemoryState, ("user_id", "fact_id")).values(
                    user_id=user.id, fact_id=fact_id, version=1, **values
                )
            ),
        )
        if not created.rowcount:
            return None  # another tab created it first
    else:
        result = cast(
            CursorResult[Any],
            db.execute(
                update(MemoryState)
                .where(MemoryState.id == state.id, MemoryState.version == expected_version)
                .values(version=expected_version + 1, **values)
                .execution_options(synchronize_session=False)
            ),
        )
        if not result.rowcount:
            return None
    log = ReviewLog(
        user_id=user.id,
        fact_id=fact_id,
        question_id=question_id,
        rating=rating,
        reviewed_at=now,
        duration_ms=duration_ms,
        desired_retention=settings.desired_retention,
        due_cap=cap,
        state_before_code=int(before.state) if before else None,
        state_before=card_json(before) if before else None,
        state_after=card_json(after),
    )
    db.add(log)
    db.flush()
    db.expire_all()
    return log


def _insert_unless_present(db: Session, model: type[Any], unique: tuple[str, ...]) -> Any:
    """An INSERT that does nothing (rowcount 0) when a row with the same `unique`
    columns exists: one statement instead of a savepoint, an insert and a release."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model).on_conflict_do_nothing(index_elements=list(unique))


def undo_last(db: Session, user: User) -> str | None:
    """Take back the user's last grade: the previous state exactly, and the log
    entry removed. Returns the fact id, or None if there is nothing to undo."""
    log = db.scalars(
        select(ReviewLog).where(ReviewLog.user_id == user.id).order_by(ReviewLog.id.desc()).limit(1)
    ).one_or_none()
    if log is None:
        return None
    state = db.scalars(
        select(MemoryState).where(
            MemoryState.user_id == user.id, MemoryState.fact_id == log.fact_id
        )
    ).one()
    if log.state_before is None:
        if state.suspended:
            state.state, state.step, state.stability, state.difficulty = 1, 0, None, None
            state.last_review, state.reps, state.lapses = None, 0, 0
            state.version += 1
        else:
            db.delete(state)
    else:
        previous = card_from_json(log.state_before)
        for key, value in card_values(previous).items():
            setattr(state, key, value)
        state.reps -= 1
        if log.rating == 1 and previous.state == State.Review:
            state.lapses -= 1
        state.version += 1
    db.delete(log)
    db.flush()
    return log.fact_id


def set_suspended(db: Session, user: User, fact_id: str, suspended: bool, now: datetime) -> None:
    _check_card(db, fact_id)
    state = _state_of(db, user, fact_id)
    if state is None:
        state = MemoryState(
            user_id=user.id, fact_id=fact_id, state=1, step=0, due=now, reps=0, lapses=0, version=0
        )
        db.add(state)
    state.suspended = suspended
    state.version = (state.version or 0) + 1
    db.flush()


# The longest deck key and question id a review log or an exam date stores
# (their columns' length: PostgreSQL refuses longer values, SQLite keeps them).
MAX_KEY = 200


def set_exam_date(db: Session, user: User, deck: Deck, exam_on: date | None, today: date) -> None:
    if len(deck.key) > MAX_KEY:
        raise ServiceError(
            "That is too many chosen cards for an exam date; set it on a trial, theme, "
            "source, person or lesson deck."
        )
    existing = db.scalars(
        select(ExamDate).where(ExamDate.user_id == user.id, ExamDate.deck == deck.key)
    ).one_or_none()
    if exam_on is None:
        if existing is not None:
            db.delete(existing)
        return
    if exam_on <= today:
        raise ServiceError("Choose an exam date after today.")
    if existing is None:
        db.add(ExamDate(user_id=user.id, deck=deck.key, exam_on=exam_on))
    else:
        existing.exam_on = exam_on
    db.flush()


# -- replay ---------------------------------------------------------------------------
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


# -- browsing and statistics ---------------------------------------------------------------
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
