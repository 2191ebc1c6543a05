"""Loading the generated bank into the database, and reading it back."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

import question_bank as qb
from app.models import Dispute, Fact, Person, Question, QuestionTag, Source, Topic


def _hash(payload: Any) -> str:
    return hashlib.sha256(
        json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


@dataclass
class LoadReport:
    sources: int = 0
    facts_added: int = 0
    facts_updated: int = 0
    facts_retired: int = 0
    questions_added: int = 0
    questions_updated: int = 0
    questions_retired: int = 0
    unchanged: int = 0
    details: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.sources} sources; facts +{self.facts_added} ~{self.facts_updated} "
            f"retired {self.facts_retired}; questions +{self.questions_added} "
            f"~{self.questions_updated} retired {self.questions_retired}; "
            f"{self.unchanged} unchanged"
        )


def _paragraph_finder(text: str) -> Callable[[int], int | None]:
    """Offset -> index of the reader's block (paragraph, heading or list item)."""
    import bisect

    from app.services.reading import split_blocks

    blocks = split_blocks(text)
    starts = [b.start for b in blocks]

    def find(offset: int) -> int | None:
        i = bisect.bisect_right(starts, offset) - 1
        return blocks[i].index if i >= 0 else None

    return find


def _assign(row: object, values: dict[str, Any]) -> None:
    """Set only what changed, so an unchanged row is not written."""
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)


def question_tags(question: qb.Question, base: qb.FactBase) -> set[tuple[str, str]]:
    tags = {("topic", t) for t in question.topics}
    tags |= {("person", p) for p in question.people}
    tags |= {("source", s) for s in question.source_ids}
    if question.type == "dispute" or any(base.disputes_of(f) for f in question.fact_ids):
        tags.add(("flag", "disputed"))
    return tags


def load_bank(db: Session, bank: qb.Bank, owner_id: int | None = None) -> LoadReport:
    """Upsert the bank. Idempotent: a second load of the same bank writes nothing.
    Facts and questions that are gone from the bank are retired, never deleted.

    With `owner_id`, the bank is a teacher's own source curated in the app: its
    source is not built in, and its facts and questions belong to the teacher."""
    report = LoadReport()
    _load_catalogue(db, bank.base, owner_id, report)
    _load_facts(db, bank.base, owner_id, report)
    _load_disputes(db, bank.base, owner_id)
    _load_questions(db, bank, owner_id, report)
    return report


def _load_catalogue(
    db: Session, base: qb.FactBase, owner_id: int | None, report: LoadReport
) -> None:
    """Sources, topics and people."""
    for src in base.sources.values():
        source_row = db.get(Source, src.id)
        values = {
            **src.metadata(),
            "text": src.text,
            "body_end": src.body_end,
            "builtin": owner_id is None,
        }
        if source_row is None:
            db.add(Source(**values))
        else:
            _assign(source_row, values)
        report.sources += 1

    for position, topic in enumerate(base.topics.values()):
        topic_row = db.get(Topic, topic.id)
        topic_values = {"kind": topic.kind, "title": topic.title, "position": position}
        if topic_row is None:
            db.add(Topic(id=topic.id, **topic_values))
        else:
            _assign(topic_row, topic_values)

    for person in base.people.values():
        person_row = db.get(Person, person.id)
        values = {"name": person.name, "variants": list(person.variants), "role": person.role}
        if person_row is None:
            db.add(Person(id=person.id, **values))
        else:
            _assign(person_row, values)
    db.flush()


def _load_facts(db: Session, base: qb.FactBase, owner_id: int | None, report: LoadReport) -> None:
    builtin_sources = set(base.sources)
    paragraph_of = {sid: _paragraph_finder(src.text) for sid, src in base.sources.items()}
    owned = Fact.owner_id.is_(None) if owner_id is None else Fact.owner_id == owner_id
    existing_facts = {
        f.id: f for f in db.scalars(select(Fact).where(Fact.source_id.in_(builtin_sources), owned))
    }
    for fact in base.facts.values():
        values = {
            "source_id": fact.source_id,
            "section": fact.section,
            "kind": fact.kind,
            "quote": fact.quote,
            "start_offset": fact.start,
            "end_offset": fact.end,
            "statement": fact.statement,
            "question": fact.question,
            "answer": fact.answer,
            "answer_type": fact.answer_type,
            "accepted": list(fact.accepted),
            "topics": list(fact.topics),
            "people": list(fact.people),
            "corroborated_by": list(fact.corroborated_by),
            "event_date": fact.date,
            "paragraph": paragraph_of[fact.source_id](fact.start),
            "importance": fact.importance,
        }
        if owner_id is not None and fact.false_statements:  # a teacher's own
            values["false_statements"] = [f.text for f in fact.false_statements]
        digest = _hash(values)
        fact_row = existing_facts.get(fact.id)
        if fact_row is None:
            db.add(
                Fact(id=fact.id, content_hash=digest, retired=False, owner_id=owner_id, **values)
            )
            report.facts_added += 1
        elif fact_row.content_hash != digest or fact_row.retired:
            _assign(fact_row, {**values, "content_hash": digest, "retired": False})
            report.facts_updated += 1
    gone = [fid for fid, f in existing_facts.items() if fid not in base.facts and not f.retired]
    if gone:
        db.execute(update(Fact).where(Fact.id.in_(gone)).values(retired=True))
        report.facts_retired = len(gone)
    db.flush()


def _load_disputes(db: Session, base: qb.FactBase, owner_id: int | None) -> None:
    existing_disputes = {d.id: d for d in db.scalars(select(Dispute))}
    for dispute in base.disputes.values():
        values = {
            "title": dispute.title,
            "kind": dispute.kind,
            "note": dispute.note,
            "question": dispute.question,
            "fact_ids": list(dispute.fact_ids),
            "retired": False,
        }
        dispute_row = existing_disputes.get(dispute.id)
        if dispute_row is None:
            db.add(Dispute(id=dispute.id, **values))
        else:
            _assign(dispute_row, values)
    if owner_id is None:  # the bank's disputes are curated in the files only
        for dispute_id, dispute_row in existing_disputes.items():
            if dispute_id not in base.disputes and dispute_row.owner_id is None:
                dispute_row.retired = True


def _load_questions(db: Session, bank: qb.Bank, owner_id: int | None, report: LoadReport) -> None:
    base = bank.base
    builtin_sources = set(base.sources)
    owned_q = Question.owner_id.is_(None) if owner_id is None else Question.owner_id == owner_id
    existing = {
        q.id: q
        for q in db.scalars(
            select(Question).where(Question.source_id.in_(builtin_sources), owned_q)
        )
    }
    seen: set[str] = set()
    for question in bank.questions:
        seen.add(question.id)
        data = question.to_dict()
        digest = _hash(data)
        tags = question_tags(question, base)
        question_row = existing.get(question.id)
        if question_row is None:
            question_row = Question(
                id=question.id,
                type=question.type,
                fact_id=question.fact_id,
                source_id=question.source.source_id,
                prompt=question.prompt,
                data=data,
                content_hash=digest,
                retired=False,
                owner_id=owner_id,
                importance=question.importance,
            )
            question_row.tags = [QuestionTag(kind=k, value=v) for k, v in sorted(tags)]
            db.add(question_row)
            report.questions_added += 1
        elif question_row.content_hash != digest or question_row.retired:
            _assign(
                question_row,
                {
                    "type": question.type,
                    "fact_id": question.fact_id,
                    "source_id": question.source.source_id,
                    "prompt": question.prompt,
                    "data": data,
                    "content_hash": digest,
                    "retired": False,
                    "importance": question.importance,
                },
            )
            if {(t.kind, t.value) for t in question_row.tags} != tags:
                question_row.tags = [QuestionTag(kind=k, value=v) for k, v in sorted(tags)]
            report.questions_updated += 1
        elif question_row.importance != question.importance:
            # a row from before importance was stored: its data already said it
            question_row.importance = question.importance
            report.questions_updated += 1
        else:
            report.unchanged += 1
    gone = [qid for qid, q_row in existing.items() if qid not in seen and not q_row.retired]
    if gone:
        db.execute(update(Question).where(Question.id.in_(gone)).values(retired=True))
        report.questions_retired = len(gone)
    db.flush()
