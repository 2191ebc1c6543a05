"""Facts curated from a teacher's source: proposals, the teacher's facts,
checked as `python -m question_bank check` checks them, and the source's
questions from the same generator as the built-in bank."""

from __future__ import annotations

import hashlib
import random
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import question_bank as qb
from app.models import Fact, Question, Source, Topic, User
from app.parsing import slugify
from app.services import ServiceError, teaching
from app.services.bank import load_bank
from app.services.curation.topics import fact_topics, source_topics, topic_at
from app.services.proposals import Proposal, propose
from question_bank.fact import ANSWER_TYPES
from question_bank.fact import Fact as BankFact
from question_bank.fact import Topic as BankTopic
from question_bank.loader import FactBase, fact_problems
from question_bank.source import Source as BankSource


def source_for_curation(db: Session, user: User, source_id: str) -> Source:
    source = db.get(Source, source_id)
    if source is None or source.builtin or not (user.is_admin or source.owner_id == user.id):
        from app.services import NotFound

        raise NotFound("There is no such source to curate.")
    return source


MAX_PROPOSALS = 60
_proposals: OrderedDict[str, tuple[Proposal, ...]] = OrderedDict()
_proposals_lock = threading.Lock()
_CACHED_TEXTS = 32
# proposals kept per text, before those already curated are left out
_KEPT = 300


def _propose(text: str) -> tuple[Proposal, ...]:
    return tuple(propose(text, _KEPT))


def candidates(text: str, taken: set[str]) -> list[Proposal]:
    """Facts proposed from the text (app.services.proposals), most central
    first; a person accepts, edits or skips each one. Computed once per text
    (the curation page is viewed again after every fact) and kept by its SHA-256."""
    key = hashlib.sha256(text.encode()).hexdigest()
    with _proposals_lock:
        found = _proposals.get(key)
        if found is not None:
            _proposals.move_to_end(key)
    if found is None:
        found = _propose(text)
        with _proposals_lock:
            _proposals[key] = found
            while len(_proposals) > _CACHED_TEXTS:
                _proposals.popitem(last=False)
    return [c for c in found if c.sentence not in taken][:MAX_PROPOSALS]


def add_fact(
    db: Session,
    user: User,
    source: Source,
    quote: str,
    statement: str,
    question: str,
    answer: str,
    answer_type: str,
    accepted: list[str],
    topics: list[str],
    editing: str | None = None,
) -> Fact:
    """One curated fact, checked like the fact files, then the source's questions
    regenerated with the bank's generator. With `editing`, the fact of that id
    is corrected in place (its questions keep their history where they can)."""
    quote = quote.strip()
    if editing is not None:
        old = db.get(Fact, editing)
        if old is None or old.source_id != source.id or old.retired:
            raise ServiceError("That fact is not on this source any more.")
    start, end = teaching.passage_offsets(source.text, quote)
    if answer_type not in ANSWER_TYPES:
        raise ServiceError("Choose the kind of answer.")
    own = {t.id for t in source_topics(db, source)}
    topics = [t for t in topics if t in own] or [topic_at(db, source, start)]
    slug = slugify(answer, 30, "fact")
    fact_id = editing or f"{source.id}-{slug}-{hashlib.sha256(quote.encode()).hexdigest()[:6]}"
    candidate = BankFact(
        id=fact_id,
        source_id=source.id,
        section="Curated in the app",
        kind="fact",
        quote=quote,
        start=start,
        end=end,
        statement=statement.strip(),
        topics=tuple(topics),
        question=question.strip(),
        answer=answer.strip(),
        answer_type=answer_type,
        accepted=tuple(a.strip() for a in accepted if a.strip()),
    )
    problems = fact_problems(candidate)
    if problems:
        raise ServiceError("; ".join(problems).capitalize() + ".")
    if editing is None and db.get(Fact, fact_id) is not None:
        raise ServiceError("That passage already has this fact.")
    regenerate(db, source, extra=[candidate])
    fact = db.get(Fact, fact_id)
    assert fact is not None
    return fact


@dataclass
class CurationPage:
    source: Source
    facts: list[BankFact]
    proposals: list[Proposal]
    question_count: int
    topics: list[Topic]


def curation_page(db: Session, user: User, source_id: str) -> CurationPage:
    """What the curation page of a source shows: its facts, sentences proposed
    as new ones, and how many questions it has."""
    source = source_for_curation(db, user, source_id)
    facts = curated_facts(db, source)
    count = db.scalar(
        select(func.count())
        .select_from(Question)
        .where(Question.source_id == source.id, ~Question.retired)
    )
    proposals = candidates(source.text, {f.quote for f in facts})
    return CurationPage(source, facts, proposals, count or 0, fact_topics(db, source))


def _bank_source(source: Source) -> BankSource:
    return BankSource(
        id=source.id,
        title=source.title,
        short_title=source.short_title,
        author=source.author,
        publisher=source.publisher,
        date=source.date,
        date_note=source.date_note,
        url=source.url,
        perspective=source.perspective,
        perspective_note=source.perspective_note,
        licence=source.licence,
        licence_url=source.licence_url,
        attribution=source.attribution,
        sha256=source.sha256,
        text=source.text,
        body_end=source.body_end,
        builtin=False,
    )


def curated_facts(db: Session, source: Source) -> list[BankFact]:
    return [
        BankFact(
            id=f.id,
            source_id=f.source_id,
            section=f.section,
            kind="fact",
            quote=f.quote,
            start=f.start_offset,
            end=f.end_offset,
            statement=f.statement,
            topics=tuple(f.topics),
            question=f.question,
            answer=f.answer,
            answer_type=f.answer_type,
            accepted=tuple(f.accepted),
            date=f.event_date,
        )
        for f in db.scalars(
            select(Fact)
            .where(Fact.source_id == source.id, ~Fact.retired)
            .order_by(Fact.start_offset)
        )
    ]


def source_bank(db: Session, source: Source, extra: list[BankFact] | None = None) -> qb.Bank:
    """This source's questions as the bank's generator writes them (every one
    has passed the quality gate; `rejected` holds what failed, and why)."""
    facts = {f.id: f for f in [*curated_facts(db, source), *(extra or [])]}
    topics = {t.id: BankTopic(t.id, t.kind, t.title) for t in db.scalars(select(Topic))}
    base = FactBase({source.id: _bank_source(source)}, topics, {}, facts, {}, [])
    return qb.generate(base, random.Random(qb.DEFAULT_SEED))


def regenerate(db: Session, source: Source, extra: list[BankFact] | None = None) -> int:
    """Generate this source's questions with the bank's generator and load them,
    less those the teacher rejected in review; they belong to the teacher who
    added the source."""
    bank = source_bank(db, source, extra)
    rejected = set(source.rejected_questions or [])
    if rejected:
        bank = replace(bank, questions=tuple(q for q in bank.questions if q.id not in rejected))
    load_bank(db, bank, owner_id=source.owner_id)
    return len(bank.questions)
