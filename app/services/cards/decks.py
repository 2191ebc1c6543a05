"""Decks: which facts are cards, and the groups of them a student studies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import (
    Fact,
    MemoryState,
    Person,
    Source,
    Topic,
    User,
)
from app.parsing import whole_number
from app.services import NotFound
from app.services.catalogue import (
    Group,
    Kind,
    choice_groups,
    option_key,
    people_options,
    source_options,
)
from app.services.visibility import hidden_fact_ids, source_clause


@dataclass(frozen=True)
class Deck:
    kind: Kind  # all | topic | source | person | facts | lesson | mine
    value: str
    label: str
    members: frozenset[str] | None = None  # the facts of a 'facts', 'lesson' or 'mine' deck

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
    importance: str = "supporting"


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
        select(Fact.id, Fact.source_id, Fact.topics, Fact.people, Fact.paragraph, Fact.importance)
        .where(~Fact.retired, Fact.kind == "fact")
        .order_by(Fact.source_id.desc(), Fact.start_offset)
    )
    entries = [
        CatalogueEntry(fid, sid, tuple(topics or ()), tuple(people or ()), paragraph, importance)
        for fid, sid, topics, people, paragraph, importance in rows
    ]
    _catalogue_cache[cache_key] = (key, entries)
    return entries


ALL_CARDS = Deck(Kind.ALL, "", "All cards")
EVERYTHING: Group = ("Everything", [(option_key(Kind.ALL), "All cards")])


def deck_choices(db: Session, user: User | None = None) -> list[Group]:
    """The decks to choose from, grouped for an <optgroup> list: the sources this
    user may see, and the people named in some card."""
    sources = source_options(db, user)
    shown = {sid for sid, _ in sources}
    entries = [entry for entry in catalogue(db) if entry.source_id in shown]
    used_people = {p for entry in entries for p in entry.people}
    used_topics = {t for entry in entries for t in entry.topics}
    return choice_groups(db, EVERYTHING, sources, people_options(db, used_people), used_topics)


def lesson_decks(db: Session, user: User, now: datetime) -> list[tuple[str, str]]:
    """Decks of the lessons assigned to this student (open at `now`)."""
    from app.services import teaching

    return [
        (option_key(Kind.LESSON, str(work.lesson.id)), f"Lesson: {work.lesson.title}")
        for work in teaching.student_work(db, user, now)
    ]


def parse_deck(db: Session, raw: str | None, user: User | None = None) -> Deck:
    kind, _, value = (raw or "all:").partition(":")
    if kind == Kind.FACTS and value:
        ids = [v for v in value.split(",") if v][:100]
        # any id may be asked for: only the facts this user may see are cards
        hidden = hidden_fact_ids(db, user)
        ids = [i for i in ids if i not in hidden]
        return Deck(Kind.FACTS, ",".join(ids), f"{len(ids)} chosen cards", frozenset(ids))
    lesson_id = whole_number(value)
    if kind == Kind.LESSON and lesson_id is not None and user is not None:
        from app.services import teaching

        lesson = teaching.lesson_for_reading(db, user, lesson_id)
        members = frozenset(teaching.lesson_fact_ids(db, lesson))
        return Deck(Kind.LESSON, value, f"Lesson: {lesson.title}", members)
    if kind == Kind.MINE and not value and user is not None:
        return Deck(Kind.MINE, "", "My cards", frozenset(studied_fact_ids(db, user)))
    if kind == Kind.ALL and not value:
        return ALL_CARDS
    label = None
    if kind == Kind.TOPIC:
        topic = db.get(Topic, value)
        label = topic.title if topic else None
    elif kind == Kind.SOURCE:
        source_title = db.scalar(
            select(Source.title).where(Source.id == value, source_clause(user))
        )
        label = source_title
    elif kind == Kind.PERSON:
        person = db.get(Person, value)
        label = person.name if person else None
    if label is None:
        raise NotFound("There is no such deck.")
    return Deck(Kind(kind), value, label)


def in_deck(entry: CatalogueEntry, deck: Deck) -> bool:
    if deck.kind == Kind.ALL:
        return True
    if deck.kind == Kind.TOPIC:
        return deck.value in entry.topics
    if deck.kind == Kind.SOURCE:
        return entry.source_id == deck.value
    if deck.kind == Kind.PERSON:
        return deck.value in entry.people
    if deck.kind in (Kind.FACTS, Kind.LESSON, Kind.MINE):
        return deck.members is not None and entry.id in deck.members
    return False


def deck_facts(db: Session, deck: Deck, user: User | None = None) -> list[CatalogueEntry]:
    """The deck's cards. A lesson deck holds what its (readable) lesson holds, and
    'mine' the cards the user has studied; every other deck only the facts this
    user may see."""
    if deck.kind in (Kind.LESSON, Kind.MINE):
        return [e for e in catalogue(db) if in_deck(e, deck)]
    hidden = hidden_fact_ids(db, user)
    return [e for e in catalogue(db) if e.id not in hidden and in_deck(e, deck)]


# Decks of facts someone picked (a teacher's lesson, chosen cards, the student's
# own): every card in them is new in its turn, whatever its importance.
PICKED_DECKS = (Kind.FACTS, Kind.LESSON, Kind.MINE)


def new_card_order(
    deck: Deck, fresh: list[CatalogueEntry], include_details: bool, wanted: int
) -> list[CatalogueEntry]:
    """The order new cards come in: core and supporting facts in reading order,
    and details only once fewer than `wanted` others are left (a narrow deck),
    unless the student includes details or someone picked the deck's facts."""
    if include_details or deck.kind in PICKED_DECKS:
        return fresh
    main = [e for e in fresh if e.importance != "detail"]
    if len(main) >= wanted:
        return main
    return main + [e for e in fresh if e.importance == "detail"]


def deck_sizes(db: Session, deck: Deck, user: User | None = None) -> tuple[int, int]:
    """(cards on core and supporting facts, cards with details too) in the deck."""
    entries = deck_facts(db, deck, user)
    return sum(e.importance != "detail" for e in entries), len(entries)


def studied_fact_ids(db: Session, user: User) -> set[str]:
    """The facts this user has graded at least once (the 'mine' deck)."""
    query = select(MemoryState.fact_id).where(MemoryState.user_id == user.id, MemoryState.reps > 0)
    return set(db.scalars(query))
