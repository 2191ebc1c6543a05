"""Curated facts, people, topics and disputes, as loaded from facts/."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

ANSWER_TYPES = ("person", "date", "number", "place", "organisation", "work", "event", "term")
AnswerType = Literal["person", "date", "number", "place", "organisation", "work", "event", "term"]
FactKind = Literal["fact", "opinion"]
IMPORTANCE = ("core", "supporting", "detail")
DEFAULT_IMPORTANCE = "supporting"
ANSWER_MODES = ("", "choice")
CLOZE_MARK = re.compile(r"\[\[(.+?)\]\]")


def cloze_parts(text: str) -> tuple[str, str, str] | None:
    """'Thirteen were [[shot]].' -> ('Thirteen were ', 'shot', '.'); None unless
    exactly one gap is marked."""
    marks = CLOZE_MARK.findall(text)
    if len(marks) != 1 or "[[" in CLOZE_MARK.sub("", text) or "]]" in CLOZE_MARK.sub("", text):
        return None
    match = CLOZE_MARK.search(text)
    assert match is not None
    return text[: match.start()], match.group(1), text[match.end() :]


@dataclass(frozen=True)
class Distractor:
    """A hand-written wrong answer of the same fine kind as the fact's answer;
    `why` is shown to a student who chose it."""

    text: str
    why: str


@dataclass(frozen=True)
class FalseStatement:
    """A false version of the fact for true/false, contradicted by a passage:
    `source_text[start:end] == quote` in the source `source_id`."""

    text: str
    why: str
    quote: str
    source_id: str
    start: int
    end: int


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
    importance: str = DEFAULT_IMPORTANCE
    distractors: tuple[Distractor, ...] = ()
    false_statements: tuple[FalseStatement, ...] = ()
    # a self-contained sentence with the gap marked [[like this]]
    cloze: str = ""
    # opinions: the judgement in neutral words, naming no source
    claim: str = ""
    # "choice": asked only as multiple choice or matching, never typed
    answer_mode: str = ""
    # facts whose answers are interchangeable members of one list
    group: str = ""
    # a stronger fact of the same source stating the same thing: no questions
    duplicate_of: str = ""

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
class Reading:
    """One option of a dispute item: a reading of the passages, and why it is
    right or wrong."""

    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class Dispute:
    """Where two passages cannot both be right: between the sources, or within one."""

    id: str
    title: str
    kind: Literal["between-sources", "within-source"]
    fact_ids: tuple[str, ...]
    note: str
    question: str = ""
    # the teaching item: readings of the same passages, exactly one right
    readings: tuple[Reading, ...] = ()


__all__ = [
    "ANSWER_MODES",
    "ANSWER_TYPES",
    "DEFAULT_IMPORTANCE",
    "IMPORTANCE",
    "AnswerType",
    "Dispute",
    "Distractor",
    "Fact",
    "FactKind",
    "FalseStatement",
    "Person",
    "Reading",
    "Topic",
    "cloze_parts",
]
