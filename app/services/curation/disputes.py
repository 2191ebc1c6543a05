"""Disputes a teacher marks on their sources: two passages that cannot both be
right (in one source, or in two sources the teacher may read), with a note and
the readings of the dispute item, as the bank's disputes.yaml has them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Dispute, Fact, Source, User
from app.parsing import invisible_character_problem, slugify
from app.services import NotFound, ServiceError
from app.services.curation.facts import regenerate, teacher_disputes
from app.services.visibility import CURATED_SECTION, fact_clause, source_clause

WRONG_READINGS = 3


@dataclass(frozen=True)
class ReadingText:
    text: str
    why: str


@dataclass
class DisputeChoices:
    """The passages a dispute may compare: this source's facts first, then those
    of every other source the teacher may read, by source."""

    own: list[Fact]
    others: list[tuple[Source, list[Fact]]]


def dispute_choices(db: Session, user: User, source: Source) -> DisputeChoices:
    facts = db.scalars(
        select(Fact)
        .join(Source, Source.id == Fact.source_id)
        .where(
            ~Fact.retired,
            ~Source.retired,
            source_clause(user),
            fact_clause(user),
            (Fact.owner_id.is_(None)) | (Fact.section == CURATED_SECTION),
        )
        .order_by(Source.builtin, Source.title, Fact.start_offset)
    )
    own: list[Fact] = []
    others: dict[str, tuple[Source, list[Fact]]] = {}
    for fact in facts:
        if fact.source_id == source.id:
            own.append(fact)
        else:
            others.setdefault(fact.source_id, (fact.source, []))[1].append(fact)
    return DisputeChoices(own, list(others.values()))


def source_disputes(db: Session, source: Source) -> list[Dispute]:
    """The disputes marked on this source's facts."""
    ids = set(db.scalars(select(Fact.id).where(Fact.source_id == source.id, ~Fact.retired)))
    return teacher_disputes(db, source.owner_id, ids)


def dispute_of(db: Session, source: Source, dispute_id: str) -> Dispute:
    found = next((d for d in source_disputes(db, source) if d.id == dispute_id), None)
    if found is None:
        raise NotFound("There is no such disagreement on this source.")
    return found


def _clean(text: str, what: str, longest: int) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ServiceError(f"Write {what}.")
    if len(text) > longest:
        raise ServiceError(f"{what[0].upper()}{what[1:]} is longer than {longest} characters.")
    if invisible_character_problem(text) is not None:
        raise ServiceError(f"{what[0].upper()}{what[1:]} holds an invisible control character.")
    return text


def save_dispute(
    db: Session,
    user: User,
    source: Source,
    first_id: str,
    second_id: str,
    title: str,
    question: str,
    note: str,
    right: ReadingText,
    wrong: list[ReadingText],
    editing: str | None = None,
) -> Dispute:
    """Mark (or, with `editing`, correct) a dispute between a fact of `source`
    and another fact the user may read; the sources' items are generated again.
    The caller has checked that the user may curate the source."""
    choices = dispute_choices(db, user, source)
    own = {f.id: f for f in choices.own}
    readable = {**own, **{f.id: f for _, fs in choices.others for f in fs}}
    first, second = own.get(first_id), readable.get(second_id)
    if first is None:
        raise ServiceError("Choose a passage of this source.")
    if second is None:
        raise ServiceError("Choose the passage it disagrees with.")
    if first.id == second.id:
        raise ServiceError("Choose two different passages.")
    title = _clean(title, "a title", 300)
    question = _clean(question, "the question", 1000)
    if not question.endswith("?"):
        raise ServiceError("The question ends with a question mark.")
    note = _clean(note, "what each passage says", 2000)
    readings = [
        {
            "text": _clean(right.text, "the right reading", 500),
            "correct": True,
            "why": _clean(right.why, "why the right reading is right", 500),
        }
    ]
    if len(wrong) != WRONG_READINGS:
        raise ServiceError(f"Write {WRONG_READINGS} wrong readings.")
    for n, reading in enumerate(wrong, start=1):
        readings.append(
            {
                "text": _clean(reading.text, f"wrong reading {n}", 500),
                "correct": False,
                "why": _clean(reading.why, f"why wrong reading {n} is wrong", 500),
            }
        )
    if len({str(r["text"]).casefold() for r in readings}) < len(readings):
        raise ServiceError("Two readings are the same: each says something different.")
    kind = "within-source" if first.source_id == second.source_id else "between-sources"
    fact_ids = [first.id, second.id]
    if editing is not None:
        row = dispute_of(db, source, editing)
    else:
        digest = hashlib.sha256(f"{first.id}|{second.id}".encode()).hexdigest()[:6]
        dispute_id = f"{source.id}-{slugify(title, 40, 'dispute')}-{digest}"
        found = db.get(Dispute, dispute_id)
        if found is not None and not found.retired:
            raise ServiceError("These passages already have this disagreement.")
        row = found or Dispute(id=dispute_id, owner_id=source.owner_id)
        db.add(row)
    touched = set(row.fact_ids or []) | set(fact_ids)
    row.title, row.kind, row.note, row.question = title, kind, note, question
    row.fact_ids, row.readings, row.retired = fact_ids, readings, False
    db.flush()
    _regenerate_sources(db, source, touched)
    return row


def remove_dispute(db: Session, source: Source, dispute_id: str) -> None:
    """Take a dispute back: its item is retired (students' history on it stays)."""
    row = dispute_of(db, source, dispute_id)
    touched = set(row.fact_ids)
    row.retired = True
    db.flush()
    _regenerate_sources(db, source, touched)


def _regenerate_sources(db: Session, source: Source, fact_ids: set[str]) -> None:
    """Generate again the sources of the teacher's that these facts are on."""
    _regenerate_owned(db, source.owner_id, fact_ids, frozenset({source.id}))


def _regenerate_owned(
    db: Session, owner_id: int | None, fact_ids: set[str], also: frozenset[str] = frozenset()
) -> None:
    ids = set(db.scalars(select(Fact.source_id).where(Fact.id.in_(fact_ids)))) | set(also)
    for other in db.scalars(select(Source).where(Source.id.in_(ids)).order_by(Source.id)):
        if not other.builtin and owner_id is not None and other.owner_id == owner_id:
            regenerate(db, other)


def regenerate_compared(db: Session, source: Source) -> None:
    """After the source is published, unpublished or retired: every teacher's
    sources whose disputes quote it are generated again (a dispute's item waits
    while a reader of its source may not read this one)."""
    ids = set(db.scalars(select(Fact.id).where(Fact.source_id == source.id)))
    rows = db.scalars(select(Dispute).where(Dispute.owner_id.is_not(None), ~Dispute.retired))
    for row in rows:
        if ids & set(row.fact_ids):
            _regenerate_owned(db, row.owner_id, set(row.fact_ids))


__all__ = [
    "WRONG_READINGS",
    "DisputeChoices",
    "ReadingText",
    "dispute_choices",
    "dispute_of",
    "regenerate_compared",
    "remove_dispute",
    "save_dispute",
    "source_disputes",
]
