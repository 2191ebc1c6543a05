"""Curated facts, people, topics and disputes, as loaded from facts/."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ANSWER_TYPES = ("person", "date", "number", "place", "organisation", "work", "event", "term")
AnswerType = Literal["person", "date", "number", "place", "organisation", "work", "event", "term"]
FactKind = Literal["fact", "opinion"]


@dataclass(frozen=True)
class Fact:
    """One checkable claim of one source, pinned to the shortest passage proving it.

    `start`/`end` are character offsets into the decoded source text, computed by
    the loader: `source.text[start:end] == quote`."""

    id: str
    source_id: str
    section: str
    kind: FactKind
    quote: str
    start: int
    end: int
    statement: str
    topics: tuple[str, ...]
    question: str = ""
    answer: str = ""
    answer_type: str = ""
    accepted: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    date: str | None = None
    corroborated_by: tuple[str, ...] = ()
    file: str = ""

    @property
    def is_opinion(self) -> bool:
        return self.kind == "opinion"

    @property
    def answers(self) -> tuple[str, ...]:
        """The canonical answer first, then every accepted alternative."""
        return (self.answer, *(a for a in self.accepted if a != self.answer))


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    variants: tuple[str, ...]
    role: str


@dataclass(frozen=True)
class Topic:
    id: str
    kind: str
    title: str


@dataclass(frozen=True)
class Dispute:
    """Where two passages cannot both be right: between the sources, or within one."""

    id: str
    title: str
    kind: Literal["between-sources", "within-source"]
    fact_ids: tuple[str, ...]
    note: str
    question: str = ""


__all__ = ["ANSWER_TYPES", "AnswerType", "Dispute", "Fact", "FactKind", "Person", "Topic"]
