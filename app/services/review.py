"""Reviewing a teacher's source before students see it: every item its facts
generate (with its options and answer), what the quality gate refused and
why, and the teacher's own rejections, which are never published."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Dispute, Fact, Source, User
from app.services import NotFound, ServiceError
from app.services.curation import curated_facts, regenerate, source_bank, source_for_curation
from app.services.curation.lifecycle import History, history
from question_bank.fact import Fact as BankFact


@dataclass
class ReviewItem:
    id: str
    type: str
    prompt: str
    answer: str
    options: list[tuple[str, bool]]
    pairs: list[tuple[str, str]]
    rejected: bool  # by the teacher


@dataclass
class Refusal:
    type: str
    rule: str
    reason: str
    prompt: str
    question_id: str = ""


@dataclass
class FactReview:
    fact: BankFact
    items: list[ReviewItem] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


@dataclass
class DisputeReview:
    """A disagreement marked on the source, and what became of its item:
    `items` and `refused` as for a fact; `elsewhere` names the source its item
    is on; with none of them, it waits until every reader of this source may
    read the other passage."""

    dispute: Dispute
    facts: list[Fact]
    items: list[ReviewItem] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    elsewhere: str | None = None


@dataclass
class ReviewPage:
    source: Source
    facts: list[FactReview]
    disputes: list[DisputeReview] = field(default_factory=list)
    history: History = field(default_factory=lambda: History(0, 0, 0))

    @property
    def published_items(self) -> int:
        return sum(1 for f in self.facts for i in f.items if not i.rejected)

    @property
    def refused_items(self) -> int:
        return sum(len(f.refused) for f in self.facts)


def review_page(db: Session, user: User, source_id: str) -> ReviewPage:
    source = source_for_curation(db, user, source_id)
    bank = source_bank(db, source)
    rejected = set(source.rejected_questions or [])
    reviews = {f.id: FactReview(f) for f in curated_facts(db, source)}
    for question in bank.questions:
        review = reviews.get(question.fact_id)
        if review is None:
            continue
        review.items.append(
            ReviewItem(
                id=question.id,
                type=question.type,
                prompt=question.prompt,
                answer=question.answer,
                options=[(o.text, o.correct) for o in question.options],
                pairs=list(question.pairs),
                rejected=question.id in rejected,
            )
        )
    seen: set[tuple[str, str]] = set()
    for refusal in bank.rejected:
        review = reviews.get(refusal.question.fact_id)
        key = (refusal.question.id, refusal.rule)
        if review is None or key in seen:
            continue
        seen.add(key)
        review.refused.append(
            Refusal(
                refusal.question.type,
                refusal.rule,
                refusal.reason,
                refusal.question.prompt,
                refusal.question.id,
            )
        )
    return ReviewPage(
        source,
        list(reviews.values()),
        _dispute_reviews(db, source, reviews),
        history(db, source),
    )


def _dispute_reviews(
    db: Session, source: Source, reviews: dict[str, FactReview]
) -> list[DisputeReview]:
    from app.services.curation.disputes import source_disputes

    found = []
    for dispute in source_disputes(db, source):
        facts = [f for f in (db.get(Fact, fid) for fid in dispute.fact_ids) if f is not None]
        review = DisputeReview(dispute, facts)
        prefix = f"dispute:{dispute.id}:"
        for fact_review in reviews.values():
            review.items += [i for i in fact_review.items if i.id.startswith(prefix)]
        review.refused = [
            r for f in reviews.values() for r in f.refused if r.question_id.startswith(prefix)
        ]
        if facts and facts[0].source_id != source.id:
            review.elsewhere = facts[0].source.title
        found.append(review)
    return found


def set_rejected(
    db: Session, user: User, source_id: str, question_id: str, rejected: bool
) -> Source:
    """Reject a generated item (it is taken from students at once and never
    published again) or take the rejection back."""
    source = source_for_curation(db, user, source_id)
    known = {q.id for q in source_bank(db, source).questions}
    if question_id not in known:
        raise NotFound("There is no such item on this source.")
    ids = [q for q in source.rejected_questions or [] if q != question_id]
    if rejected:
        ids.append(question_id)
    source.rejected_questions = ids
    regenerate(db, source)
    return source


def remove_fact(db: Session, user: User, source_id: str, fact_id: str) -> Source:
    """Take a fact back: it and its questions are retired (students' history on
    them stays)."""
    source = source_for_curation(db, user, source_id)
    fact = db.scalars(
        select(Fact).where(Fact.id == fact_id, Fact.source_id == source.id, ~Fact.retired)
    ).one_or_none()
    if fact is None:
        raise ServiceError("That fact is not on this source any more.")
    fact.retired = True
    db.flush()
    regenerate(db, source)
    return source


__all__ = [
    "DisputeReview",
    "FactReview",
    "Refusal",
    "ReviewItem",
    "ReviewPage",
    "remove_fact",
    "review_page",
    "set_rejected",
]
