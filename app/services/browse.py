"""Reading the curated material: sources, facts, people, timeline, disputes.

Each function takes the viewer (None when nobody is logged in) and shows what
app.services.visibility lets them see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.models import Dispute, Fact, Person, Source, Topic
from app.services import NotFound
from app.services.catalogue import surname_key
from app.services.visibility import fact_clause, source_clause

PAGE_SIZE = 50


def get_source(db: Session, source_id: str, user: Any = None) -> Source:
    source = db.scalars(
        select(Source).where(Source.id == source_id, source_clause(user))
    ).one_or_none()
    if source is None:
        from app.services.visibility import may_read_retired

        source = db.get(Source, source_id)
        if source is None or not may_read_retired(db, user, source):
            raise NotFound("There is no such source.")
    return source


def list_sources(db: Session, user: Any = None) -> list[tuple[Source, int]]:
    counts = dict(
        db.execute(
            select(Fact.source_id, func.count())
            .where(~Fact.retired, fact_clause(user))
            .group_by(Fact.source_id)
        ).all()
    )
    sources = db.scalars(
        select(Source).where(source_clause(user)).order_by(Source.builtin.desc(), Source.title)
    )
    return [(s, counts.get(s.id, 0)) for s in sources]


def get_fact(db: Session, fact_id: str, user: Any = None) -> Fact | None:
    return db.scalars(select(Fact).where(Fact.id == fact_id, fact_clause(user))).one_or_none()


def topics(db: Session, user: Any = None) -> list[Topic]:
    """The bank's trials and themes, and the sections of the teachers' sources
    this user may see."""
    visible = select(Source.id).where(source_clause(user))
    return list(
        db.scalars(
            select(Topic)
            .where(or_(Topic.source_id.is_(None), Topic.source_id.in_(visible)))
            .order_by(Topic.position)
        )
    )


@dataclass
class FactPage:
    facts: list[Fact]
    total: int
    page: int
    pages: int


def search_facts(
    db: Session,
    user: Any = None,
    source_id: str | None = None,
    topic: str | None = None,
    text: str | None = None,
    page: int = 1,
) -> FactPage:
    query = select(Fact).where(~Fact.retired, fact_clause(user))
    if source_id:
        query = query.where(Fact.source_id == source_id)
    if text:
        pattern = f"%{text.strip()[:100]}%"
        query = query.where(
            or_(
                Fact.statement.ilike(pattern),
                Fact.quote.ilike(pattern),
                Fact.answer.ilike(pattern),
            )
        )
    facts = list(db.scalars(query.order_by(Fact.source_id, Fact.start_offset)))
    if topic:
        # topics are a short JSON list per fact: filtering here stays portable
        facts = [f for f in facts if topic in f.topics]
    total = len(facts)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    return FactPage(facts[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], total, page, pages)


def people_index(db: Session, user: Any = None) -> list[tuple[Person, int]]:
    counts: dict[str, int] = defaultdict(int)
    for people in db.scalars(select(Fact.people).where(~Fact.retired, fact_clause(user))):
        for person_id in people or []:
            counts[person_id] += 1
    people_rows = db.scalars(select(Person))
    ordered = sorted(people_rows, key=lambda p: surname_key(p.name))
    return [(p, counts.get(p.id, 0)) for p in ordered if counts.get(p.id)]


def person_facts(db: Session, person_id: str, user: Any = None) -> tuple[Person, list[Fact]]:
    person = db.get(Person, person_id)
    if person is None:
        raise NotFound("There is no such person in the index.")
    facts = [
        f
        for f in db.scalars(
            select(Fact)
            .where(~Fact.retired, fact_clause(user))
            .order_by(Fact.source_id, Fact.start_offset)
        )
        if person_id in (f.people or [])
    ]
    return person, facts


def timeline(db: Session, user: Any = None) -> list[Fact]:
    return list(
        db.scalars(
            select(Fact)
            .where(
                ~Fact.retired,
                Fact.event_date.is_not(None),
                Fact.kind == "fact",
                fact_clause(user),
            )
            .order_by(Fact.event_date, Fact.source_id, Fact.start_offset)
        )
    )


def disputes(db: Session, user: Any = None) -> list[tuple[Dispute, list[Fact]]]:
    rows = list(
        db.scalars(select(Dispute).where(~Dispute.retired).order_by(Dispute.kind, Dispute.title))
    )
    wanted = {fid for d in rows for fid in d.fact_ids}
    facts = {
        f.id: f
        for f in db.scalars(
            select(Fact).where(Fact.id.in_(wanted), ~Fact.retired, fact_clause(user))
        )
    }
    shown = [(d, [facts[f] for f in d.fact_ids if f in facts]) for d in rows]
    # a teacher's dispute is shown only to those who may read both passages
    return [(d, fs) for d, fs in shown if fs and (d.owner_id is None or len(fs) == len(d.fact_ids))]


def sources_by_id(db: Session, user: Any = None) -> dict[str, Source]:
    return {s.id: s for s in db.scalars(select(Source).where(source_clause(user)))}
