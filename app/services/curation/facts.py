"""Facts curated from a teacher's source: proposals, the teacher's facts,
checked as `python -m question_bank check` checks them, and the source's
questions from the same generator as the built-in bank."""

from __future__ import annotations

import calendar
import hashlib
import random
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import question_bank as qb
from app.models import Dispute, Fact, Question, Source, Topic, User
from app.parsing import slugify
from app.services import ServiceError, teaching
from app.services.bank import load_bank
from app.services.curation.skips import skipped_keys, split_skipped
from app.services.curation.topics import fact_topics, source_topics, topic_at
from app.services.proposal_falsehoods import Answer, pool_of
from app.services.proposals import Proposal, propose
from question_bank.fact import ANSWER_TYPES, FalseStatement, Reading
from question_bank.fact import Dispute as BankDispute
from question_bank.fact import Fact as BankFact
from question_bank.fact import Topic as BankTopic
from question_bank.loader import FactBase, fact_problems
from question_bank.norm import normalise
from question_bank.source import Source as BankSource

_MONTHS = list(calendar.month_name)[1:]  # January … December
_MONTH = "|".join(_MONTHS)
_DATES = (
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>\d{{4}})\b"),
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b"),
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>\d{{4}})\b"),
    re.compile(r"\b(?:in|on|from|by|of|since|until)\s+(?P<y>1\d{3}|20\d{2})\b", re.I),
    re.compile(r"^(?P<y>1\d{3}|20\d{2})$"),
)


def event_date(answer: str, answer_type: str, statement: str) -> str | None:
    """The ISO date (1869-11-17, 1869-11 or 1869) of what a fact states: its
    answer when that is a date, else the first date in its statement; the
    timeline and "put in order" items place the fact by it."""
    for text in ([answer] if answer_type == "date" else []) + [statement]:
        for pattern in _DATES:
            found = pattern.search(text.strip())
            if found is None:
                continue
            parts = found.groupdict()
            iso = parts["y"]
            if parts.get("m"):
                iso += f"-{_MONTHS.index(parts['m']) + 1:02d}"
                if parts.get("d") and 1 <= int(parts["d"]) <= 31:
                    iso += f"-{int(parts['d']):02d}"
            return iso
    return None


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


def _propose(text: str, title: str) -> tuple[Proposal, ...]:
    return tuple(propose(text, _KEPT, title))


def offered(text: str, taken: set[str], title: str = "") -> list[Proposal]:
    """Facts proposed from the text (app.services.proposals), most central
    first; a person accepts, edits or skips each one. Computed once per text
    (the curation page is viewed again after every fact) and kept by its SHA-256.
    The title frames a question that names nothing when the text has no heading."""
    key = hashlib.sha256(f"{title}\0{text}".encode()).hexdigest()
    with _proposals_lock:
        found = _proposals.get(key)
        if found is not None:
            _proposals.move_to_end(key)
    if found is None:
        found = _propose(text, title)
        with _proposals_lock:
            _proposals[key] = found
            while len(_proposals) > _CACHED_TEXTS:
                _proposals.popitem(last=False)
    return [c for c in found if c.sentence not in taken]


def text_answers(source: Source) -> list[Answer]:
    """The answers the proposals of the source's text give, with their offsets: a
    fact started from selected words swaps its answer for one of them to make its
    false statement."""
    return pool_of(offered(source.text, set(), source.title))


def candidates(text: str, taken: set[str], title: str = "") -> list[Proposal]:
    """The first of the proposals `offered`, as many as a screen shows."""
    return offered(text, taken, title)[:MAX_PROPOSALS]


def candidate_fact(
    db: Session,
    source: Source,
    quote: str,
    statement: str,
    question: str,
    answer: str,
    answer_type: str,
    accepted: list[str],
    topics: list[str],
    editing: str | None = None,
    kind: str = "fact",
    false_statement: str = "",
) -> BankFact:
    """The fact a teacher's form describes, as it will be stored (its id, offsets,
    topics and date): what saving checks and what the preview generates from."""
    quote = quote.strip()
    start, end = teaching.passage_offsets(source.text, quote)
    opinion = kind == "opinion"
    if opinion:  # asked as "which source says it?": no typed answer
        question, answer, answer_type, accepted = "", "", "", []
    elif answer_type not in ANSWER_TYPES:
        raise ServiceError("Choose the kind of answer.")
    own = {t.id for t in source_topics(db, source)}
    topics = [t for t in topics if t in own] or [topic_at(db, source, start)]
    answer, statement = answer.strip(), statement.strip()
    if answer and answer not in statement:
        # "more than two thousand" typed for "More than two thousand petitions...":
        # the statement's own writing of it
        at = statement.casefold().find(answer.casefold())
        if at >= 0 and len(statement.casefold()) == len(statement):
            answer = statement[at : at + len(answer)]
    slug = slugify(answer or statement, 30, "fact")
    false = " ".join(false_statement.split())
    if false and normalise(false) == normalise(statement):
        raise ServiceError(
            "The false statement says what the statement says: change the answer in it."
        )
    return BankFact(
        id=editing or f"{source.id}-{slug}-{hashlib.sha256(quote.encode()).hexdigest()[:6]}",
        source_id=source.id,
        section="Curated in the app",
        kind="opinion" if opinion else "fact",
        quote=quote,
        start=start,
        end=end,
        statement=statement.strip(),
        topics=tuple(topics),
        question=question.strip(),
        answer=answer.strip(),
        answer_type=answer_type,
        accepted=tuple(a.strip() for a in accepted if a.strip()),
        date=None if opinion else event_date(answer.strip(), answer_type, statement.strip()),
        false_statements=_false_statements(
            [false] if false and not opinion else [], quote, source.id, start, end
        ),
    )


def _false_statements(
    texts: list[str], quote: str, source_id: str, start: int, end: int
) -> tuple[FalseStatement, ...]:
    """A teacher's false statements, each contradicted by the fact's own passage."""
    return tuple(FalseStatement(t, "", quote, source_id, start, end) for t in texts)


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
    kind: str = "fact",
    false_statement: str = "",
) -> Fact:
    """One curated fact, checked like the fact files, then the source's questions
    regenerated with the bank's generator. With `editing`, the fact of that id
    is corrected in place (its questions keep their history where they can)."""
    if source.retired:
        raise ServiceError("This source is retired: its facts can no longer change.")
    if editing is not None:
        old = db.get(Fact, editing)
        if old is None or old.source_id != source.id or old.retired:
            raise ServiceError("That fact is not on this source any more.")
    candidate = candidate_fact(
        db,
        source,
        quote,
        statement,
        question,
        answer,
        answer_type,
        accepted,
        topics,
        editing,
        kind,
        false_statement,
    )
    problems = fact_problems(candidate)
    if problems:
        # said beside the statement when it is all about the statement
        about = "statement" if all("statement" in p for p in problems) else None
        raise ServiceError("; ".join(problems).capitalize() + ".", about)
    if editing is None and db.get(Fact, candidate.id) is not None:
        raise ServiceError("That passage already has this fact.")
    regenerate(db, source, extra=[candidate])
    fact = db.get(Fact, candidate.id)
    assert fact is not None
    return fact


@dataclass
class CurationPage:
    source: Source
    facts: list[BankFact]
    proposals: list[Proposal]
    question_count: int
    topics: list[Topic]
    # proposals its owner skipped, to be brought back
    skipped: list[Proposal]


def curation_page(db: Session, user: User, source_id: str) -> CurationPage:
    """What the curation page of a source shows: its facts, sentences proposed
    as new ones (less those its owner skipped, listed apart), and how many
    questions it has."""
    source = source_for_curation(db, user, source_id)
    facts = curated_facts(db, source)
    count = db.scalar(
        select(func.count())
        .select_from(Question)
        .where(Question.source_id == source.id, ~Question.retired)
    )
    found = offered(source.text, {f.quote for f in facts}, source.title)
    proposals, skipped = split_skipped(found, skipped_keys(db, source), MAX_PROPOSALS)
    return CurationPage(source, facts, proposals, count or 0, fact_topics(db, source), skipped)


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
        builtin=source.builtin,
    )


def bank_fact(f: Fact) -> BankFact:
    """A fact row as the generator reads it."""
    return BankFact(
        id=f.id,
        source_id=f.source_id,
        section=f.section,
        kind="opinion" if f.kind == "opinion" else "fact",
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
        importance=f.importance,
        false_statements=_false_statements(
            list(f.false_statements or []), f.quote, f.source_id, f.start_offset, f.end_offset
        ),
    )


def curated_facts(db: Session, source: Source) -> list[BankFact]:
    return [
        bank_fact(f)
        for f in db.scalars(
            select(Fact)
            .where(Fact.source_id == source.id, ~Fact.retired)
            .order_by(Fact.start_offset)
        )
    ]


def shares_readers(source: Source, other: Source) -> bool:
    """Whoever may read `source` may read `other` too, so an item on `source`
    may quote a passage of `other`."""
    if other.id == source.id:
        return True
    if other.retired:
        return False
    if other.builtin or other.published:
        return True
    return not source.published and other.owner_id == source.owner_id


def teacher_disputes(db: Session, owner_id: int | None, fact_ids: set[str]) -> list[Dispute]:
    """The disputes a teacher marked that name one of these facts."""
    if owner_id is None:
        return []
    rows = db.scalars(
        select(Dispute)
        .where(Dispute.owner_id == owner_id, ~Dispute.retired)
        .order_by(Dispute.title, Dispute.id)
    )
    return [d for d in rows if fact_ids & set(d.fact_ids)]


def _bank_dispute(row: Dispute) -> BankDispute:
    return BankDispute(
        id=row.id,
        title=row.title,
        kind="within-source" if row.kind == "within-source" else "between-sources",
        fact_ids=tuple(row.fact_ids),
        note=row.note,
        question=row.question,
        readings=tuple(
            Reading(str(r.get("text", "")), bool(r.get("correct")), str(r.get("why", "")))
            for r in row.readings or []
        ),
    )


def source_base(db: Session, source: Source, extra: list[BankFact] | None = None) -> FactBase:
    """The source's facts, with the teacher's disputes on them and the passages
    of other sources they compare (a dispute whose other source not every
    reader of this one may read waits until they may)."""
    facts = {f.id: f for f in [*curated_facts(db, source), *(extra or [])]}
    sources = {source.id: _bank_source(source)}
    disputes = {}
    for row in teacher_disputes(db, source.owner_id, set(facts)):
        rows = [db.get(Fact, fid) for fid in row.fact_ids]
        named = [f for f in rows if f is not None and not f.retired]
        if len(named) < len(rows) or not all(shares_readers(source, f.source) for f in named):
            continue
        for fact in named:
            if fact.id not in facts:
                facts[fact.id] = bank_fact(fact)
                sources.setdefault(fact.source_id, _bank_source(fact.source))
        disputes[row.id] = _bank_dispute(row)
    topics = {t.id: BankTopic(t.id, t.kind, t.title) for t in db.scalars(select(Topic))}
    return FactBase(sources, topics, {}, facts, disputes, [])


def source_bank(db: Session, source: Source, extra: list[BankFact] | None = None) -> qb.Bank:
    """This source's questions as the bank's generator writes them (every one
    has passed the quality gate; `rejected` holds what failed, and why). With
    passages of another source (a dispute), items on that source are left out:
    they belong to it."""
    bank = qb.generate(source_base(db, source, extra), random.Random(qb.DEFAULT_SEED))
    if len(bank.base.sources) == 1:
        return bank
    return replace(
        bank,
        questions=tuple(q for q in bank.questions if q.source.source_id == source.id),
        rejected=tuple(r for r in bank.rejected if r.question.source.source_id == source.id),
    )


def regenerate(db: Session, source: Source, extra: list[BankFact] | None = None) -> int:
    """Generate this source's questions with the bank's generator and load them,
    less those the teacher rejected in review; they belong to the teacher who
    added the source. A retired source keeps none."""
    bank = source_bank(db, source, extra)
    rejected = set(source.rejected_questions or [])
    kept = tuple(q for q in bank.questions if q.id not in rejected and not source.retired)
    own = {fid: f for fid, f in bank.base.facts.items() if f.source_id == source.id}
    base = replace(bank.base, sources={source.id: bank.base.sources[source.id]}, facts=own)
    load_bank(db, replace(bank, base=base, questions=kept), owner_id=source.owner_id)
    return len(kept)
