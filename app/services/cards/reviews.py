"""Grading a card, undoing a grade, suspending cards and exam dates.

One memory state per user and fact. Every grade is logged with the state before
and after; a grade from a stale tab or a double click is recognised by the
state's version and ignored, so the stored state always equals the state
replayed from the log."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from fsrs import Rating, State
from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from app.models import (
    ExamDate,
    Fact,
    MemoryState,
    ReviewLog,
    User,
)
from app.services import NotFound, ServiceError
from app.services.cards.decks import Deck, catalogue, in_deck, parse_deck
from app.services.cards.queue import _state_of
from app.services.cards.scheduling import (
    RATINGS,
    apply_cap,
    card_from_json,
    card_json,
    card_of,
    card_values,
    new_card,
    scheduler,
)
from app.services.cards.settings import settings_for


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
    if not _store_state(db, user, fact_id, state, expected_version, values):
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


def _store_state(
    db: Session,
    user: User,
    fact_id: str,
    state: MemoryState | None,
    expected_version: int,
    values: dict[str, Any],
) -> bool:
    """Write the new state in one statement, unless another request changed (or
    created) it since `expected_version` was read. Returns whether it was written."""
    if state is None:
        # RETURNING, not rowcount: an ORM-enabled INSERT through psycopg reports no
        # row count (-1), which read as "written" when the other tab had inserted first.
        insert = _insert_unless_present(db, MemoryState, ("user_id", "fact_id")).values(
            user_id=user.id, fact_id=fact_id, version=1, **values
        )
        return db.execute(insert.returning(MemoryState.id)).first() is not None
    statement = (
        update(MemoryState)
        .where(MemoryState.id == state.id, MemoryState.version == expected_version)
        .values(version=expected_version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    return bool(cast(CursorResult[Any], db.execute(statement)).rowcount)


def _insert_unless_present(db: Session, model: type[Any], unique: tuple[str, ...]) -> Any:
    """An INSERT that does nothing when a row with the same `unique`
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
