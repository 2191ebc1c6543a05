"""What a fact will generate, shown before the teacher saves it: the bank's
generator and quality gate run on the source's facts with this one added, as
saving it would, and nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.models import Source
from app.services import ServiceError
from app.services.curation import source_bank
from app.services.curation.facts import candidate_fact
from question_bank.loader import fact_problems
from question_bank.question import TYPE_LABELS


@dataclass
class PreviewItem:
    type: str
    label: str
    prompt: str
    answer: str
    options: list[tuple[str, bool]] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass
class PreviewRefusal:
    label: str
    rule: str
    reason: str
    prompt: str


@dataclass
class Preview:
    # why the fact itself cannot be saved (nothing is generated then)
    problems: list[str] = field(default_factory=list)
    items: list[PreviewItem] = field(default_factory=list)
    refused: list[PreviewRefusal] = field(default_factory=list)
    # question types the generator could not write for this fact, and why
    unwritten: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": not self.problems,
            "problems": self.problems,
            "items": [
                {
                    "type": i.type,
                    "label": i.label,
                    "prompt": i.prompt,
                    "answer": i.answer,
                    "options": [{"text": t, "correct": c} for t, c in i.options],
                    "pairs": [list(p) for p in i.pairs],
                    "items": i.items,
                }
                for i in self.items
            ],
            "refused": [
                {"label": r.label, "rule": r.rule, "reason": r.reason, "prompt": r.prompt}
                for r in self.refused
            ],
            "unwritten": [{"label": t, "reason": r} for t, r in self.unwritten],
        }


def _label(kind: str) -> str:
    return str(TYPE_LABELS.get(kind, kind))


def preview_fact(
    db: Session,
    source: Source,
    quote: str,
    statement: str,
    question: str,
    answer: str,
    answer_type: str,
    accepted: list[str],
    topics: list[str],
    kind: str = "fact",
    false_statement: str = "",
) -> Preview:
    """Every item the fact would generate, what the gate would refuse and why,
    and what could not be written; or the problems that stop it being saved."""
    try:
        fact = candidate_fact(
            db,
            source,
            quote,
            statement,
            question,
            answer,
            answer_type,
            accepted,
            topics,
            kind=kind,
            false_statement=false_statement,
        )
    except ServiceError as exc:
        return Preview(problems=[str(exc)])
    problems = fact_problems(fact)
    if problems:
        return Preview(problems=[p[:1].upper() + p[1:] + "." for p in problems])
    bank = source_bank(db, source, extra=[fact])
    preview = Preview()

    def about(q: Any) -> bool:
        return bool(q.fact_id == fact.id or fact.id in (q.fact_ids or ()))

    for q in bank.questions:
        if about(q):
            preview.items.append(
                PreviewItem(
                    type=q.type,
                    label=_label(q.type),
                    prompt=q.prompt,
                    answer=q.answer,
                    options=[(o.text, o.correct) for o in q.options],
                    pairs=list(q.pairs),
                    items=list(q.items) if q.type == "ordering" else [],
                )
            )
    seen: set[tuple[str, str]] = set()
    for refusal in bank.rejected:
        if about(refusal.question) and (refusal.question.id, refusal.rule) not in seen:
            seen.add((refusal.question.id, refusal.rule))
            preview.refused.append(
                PreviewRefusal(
                    _label(refusal.question.type),
                    refusal.rule,
                    refusal.reason,
                    refusal.question.prompt,
                )
            )
    written = {i.type for i in preview.items} | {
        r.question.type for r in bank.rejected if about(r.question)
    }
    unwritten = {
        s.type: s.reason for s in bank.skipped if s.fact_id == fact.id and s.type not in written
    }
    preview.unwritten = [(_label(t), why) for t, why in unwritten.items()]
    return preview


__all__ = ["Preview", "PreviewItem", "PreviewRefusal", "candidate_fact", "preview_fact"]
