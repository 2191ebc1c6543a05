"""Generated questions; each answer carries the passage that proves it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from question_bank.grading import Verdict, grade_choice, grade_text

QuestionType = Literal[
    "mcq", "true_false", "cloze", "short", "matching", "ordering", "attribution", "dispute"
]
QUESTION_TYPES: tuple[str, ...] = (
    "mcq", "true_false", "cloze", "short", "matching", "ordering", "attribution", "dispute"
)  # fmt: skip
TYPE_LABELS = {
    "mcq": "Multiple choice",
    "true_false": "True or false",
    "cloze": "Fill the gap in the source",
    "short": "Short answer",
    "matching": "Matching",
    "ordering": "Chronological order",
    "attribution": "Which source says it?",
    "dispute": "Where the sources disagree",
}
CHOICE_TYPES = frozenset({"mcq", "true_false", "attribution", "dispute"})
TEXT_TYPES = frozenset({"short", "cloze"})


@dataclass(frozen=True)
class SourceLink:
    """A passage: `source_text[start:end] == quote`."""

    source_id: str
    start: int
    end: int
    quote: str
    fact_id: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "fact_id": self.fact_id,
        }


@dataclass(frozen=True)
class Option:
    """A choice. A wrong option says which fact it came from, so feedback can
    explain why it is wrong."""

    text: str
    correct: bool
    fact_id: str | None = None
    explanation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "correct": self.correct,
            "fact_id": self.fact_id,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    fact_id: str
    prompt: str
    answer: str
    source: SourceLink
    explanation: str
    accepted: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    # matching: (left, right) pairs in the right combination; ordering: items in order
    pairs: tuple[tuple[str, str], ...] = ()
    items: tuple[str, ...] = ()
    links: tuple[SourceLink, ...] = field(default=())
    topics: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    fact_ids: tuple[str, ...] = ()

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(sorted({link.source_id for link in (self.source, *self.links)}))

    def grade(self, response: Any) -> tuple[bool, float, str]:
        """(correct, score 0-1, message) for a response of the right shape:
        an option's text, typed text, a list of right-hand sides (matching, one
        per left-hand side in order), or the items in chosen order (ordering)."""
        return grade_response(self.to_dict(), response)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "fact_id": self.fact_id,
            "fact_ids": list(self.fact_ids),
            "prompt": self.prompt,
            "options": [o.text for o in self.options],
            "option_details": [o.to_dict() for o in self.options],
            "answer": self.answer,
            "accepted": list(self.accepted),
            "reject": list(self.reject),
            "pairs": [list(p) for p in self.pairs],
            "items": list(self.items),
            "explanation": self.explanation,
            "source": self.source.to_dict(),
            "links": [link.to_dict() for link in self.links],
            "topics": list(self.topics),
            "people": list(self.people),
        }


def grade_response(question: dict[str, Any], response: Any) -> tuple[bool, float, str]:
    """Grade against a question's exported form, so a stored snapshot grades the
    same way forever, whatever later happens to the bank."""
    kind = question["type"]
    if kind in CHOICE_TYPES:
        verdict: Verdict = grade_choice(str(response or ""), question["answer"])
        return verdict.correct, float(verdict.correct), verdict.reason
    if kind in TEXT_TYPES:
        verdict = grade_text(str(response or ""), question["accepted"], question["reject"])
        return verdict.correct, float(verdict.correct), verdict.reason
    if kind == "matching":
        rights = [right for _, right in question["pairs"]]
        given = list(response or [])
        hits = sum(1 for a, b in zip(given, rights, strict=False) if a == b)
        score = hits / len(rights) if rights else 0.0
        return hits == len(rights), score, f"{hits} of {len(rights)} pairs right."
    if kind == "ordering":
        correct_order = list(question["items"])
        given = list(response or [])
        hits = sum(1 for a, b in zip(given, correct_order, strict=False) if a == b)
        ok = given == correct_order
        return ok, 1.0 if ok else hits / len(correct_order), f"{hits} in the right place."
    raise ValueError(f"unknown question type {kind!r}")


__all__ = [
    "CHOICE_TYPES",
    "QUESTION_TYPES",
    "TEXT_TYPES",
    "TYPE_LABELS",
    "Option",
    "Question",
    "QuestionType",
    "SourceLink",
    "grade_response",
]
