"""Generated questions; each answer carries the passage that proves it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

QuestionType = Literal[
    "mcq", "true_false", "cloze", "short", "matching", "ordering", "attribution", "dispute"
]


def __getattr__(name: str) -> Any:
    """QUESTION_TYPES, TYPE_LABELS, CHOICE_TYPES and TEXT_TYPES, read from the
    registry of question types (question_bank/types/), where each is defined once."""
    if name not in ("QUESTION_TYPES", "TYPE_LABELS", "CHOICE_TYPES", "TEXT_TYPES"):
        raise AttributeError(name)
    from question_bank import types

    if name == "QUESTION_TYPES":
        return tuple(types.REGISTRY)
    if name == "TYPE_LABELS":
        return {t.name: t.label for t in types.REGISTRY.values()}
    if name == "CHOICE_TYPES":
        return frozenset(t.name for t in types.REGISTRY.values() if t.response == "choice")
    if name == "TEXT_TYPES":
        return frozenset(t.name for t in types.REGISTRY.values() if t.response == "text")
    raise AttributeError(name)


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
    # the value of the fact it tests: core, supporting or detail
    importance: str = "supporting"

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
            "importance": self.importance,
        }


def grade_response(question: dict[str, Any], response: Any) -> tuple[bool, float, str]:
    """Grade against a question's exported form, so a stored snapshot grades the
    same way forever, whatever later happens to the bank."""
    from question_bank import types

    kind = question["type"]
    if kind not in types.REGISTRY:
        raise ValueError(f"unknown question type {kind!r}")
    return types.REGISTRY[kind].grade(question, response)


__all__ = [  # noqa: F822 (the type tables come from the registry, see __getattr__)
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
