"""A false statement for a proposal: its statement with the answer swapped for
another of the same kind and shape that the same text gives elsewhere ("The
Suez Canal was opened on 15 December 1858", where the text says 17 November
1869). The passage that proves the statement contradicts it, and the falsehood
sits in the claim the question asks about, not in an aside.

Only dates and counts are swapped: an event has one date and a count one size,
so the passage contradicts any other. A person or a company swapped is merely
unmentioned ("Francis Mackey was killed in the explosion", of an explosion
that killed two thousand), and another place may be as true: those false
statements are the teacher's to write."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, TypeVar, cast

from app.services.text_names import EVENT_DATED, WEEKDAYS
from app.services.word_classes import _participle
from question_bank.dates import YEAR as _YEAR
from question_bank.dates import date_shape as _date_shape
from question_bank.dates import less_precise as _less_precise

_COUNT = re.compile(r"(?:about |some |nearly |almost |over |more than )?([\d,]*\d)(?: (\w+))?")
# "the first atomic bombs of 1945": a date inside a noun phrase, not the claim's
# (not "the morning of 6 December 1917", which says when the claim happened)
_OF_PHRASE = re.compile(
    r"\b(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?!(?:morning|afternoon|evening|night|day|week|"
    r"spring|summer|autumn|winter|beginning|start|middle|end|first|last)\s)[\w'’-]+\s+of\s+$"
)
# "only 10 months after the disaster": another date would not fit the rest
_RELATIVE_TIME = re.compile(
    r"\b(?:\d+|[a-z]+)\s+(?:days?|weeks?|months?|years?)\s+(?:after|before|later|earlier)\b"
)
_RANGE_BEFORE = re.compile(r"\d\s*(?:or|to|and|-|–|—)\s*$")
_RANGE_AFTER = re.compile(r"\s*(?:or|to|and|-|–|—)\s*\d")
# a swap further off than this is ruled out at sight: dates of the text further apart in
# years, counts further apart as a ratio
_MAX_YEARS = 25
_MAX_RATIO = 3.0
_SHIFT = 3  # years a date is moved when the text gives none near it
Answer = tuple[str, str]  # its words, its kind


def _count_shape(answer: str) -> tuple[str, float] | None:
    """(unit, value) of a count written in digits: "164 kilometres", "616";
    a year-like bare number is left out."""
    found = _COUNT.fullmatch(answer)
    if found is None:
        return None
    value = float(found.group(1).replace(",", ""))
    unit = found.group(2) or ""
    if not unit and 1000 <= value <= 2100 and "," not in found.group(1):
        return None  # "1854" typed as a number: more likely a year
    return unit, value


def _shape(answer: str, kind: str) -> tuple[str, float] | None:
    if kind == "date":
        return _date_shape(answer)
    if kind == "number":
        return _count_shape(answer)
    return None


def false_statement(statement: str, answer: str, kind: str, pool: Iterable[Answer]) -> str:
    """The statement with its answer swapped for the nearest answer of the same
    kind and shape in `pool` (the answers of the whole text) that the statement
    does not give already: a date of the same precision, the nearest in time
    (the same date a few years back when none is near); a count of the same unit,
    the nearest in size. "" for other kinds, or when there is none."""
    own = _shape(answer, kind)
    if own is None or statement.count(answer) != 1:
        return ""
    where = statement.index(answer)
    before, after = statement[:where], statement[where + len(answer) :]
    if _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
        return ""  # "force 10 or 11": one end of a range swapped reads "force 13 or 11"
    if _in_aside(before) or kind == "date" and _RELATIVE_TIME.search(statement):
        return ""
    aside = re.search(r",\s+([a-z]+)\s+[^,]*$", before)
    if aside and _participle(aside.group(1)) and re.match(r"[^,]*,\s+(?!and\b)[a-z]", after):
        return ""  # "The caisson, launched on 19 March 1870, measured ...": the date of an aside
    others = [a for a, k in pool if k == kind]
    if kind == "date":
        others += [less for a in others for less in _less_precise(a)]
    found: list[tuple[float, str]] = []
    for other in others:
        shape = _shape(other, kind)
        if shape is None or shape[0] != own[0] or shape[1] == own[1]:
            continue  # "31 August" and "31 August 1854" are one date
        if other.casefold() in statement.casefold():
            continue  # "from 1895 to 1899" would become "from 1899 to 1899"
        if kind == "number":
            distance = max(shape[1], own[1]) / max(min(shape[1], own[1]), 1.0)
            if distance > _MAX_RATIO:
                continue  # "10,000" for "616": ruled out at sight
        else:
            distance = abs(shape[1] - own[1])
            if distance > _MAX_YEARS:
                continue  # "In April 1961 the Swedish crown signed a contract" (of 1625)
        found.append((distance, other))
    if found:
        swapped = min(found)[1]
    elif kind == "date":
        swapped = _shifted(answer)
    else:
        return ""
    # "Saturday 7 October 1871": the day of the week goes, it was the old date's
    before = re.sub(rf"\b(?:{WEEKDAYS}),?\s+$", "", before) if kind == "date" else before
    return before + swapped + after


def _in_aside(before: str) -> bool:
    """Whether an answer after `before` stands outside the statement's main claim:
    in a noun phrase ("the failure of 1628"), a relative clause ("an inquiry that
    opened on ..."), a participle ("..., opening on ...") or a second clause
    ("..., and work began ... in 1626")."""
    clause = re.split(r"[,;:]\s+", before)[-1]
    return bool(
        _OF_PHRASE.search(before)
        or re.search(r"\b(?:that|which|who|whom|whose|where)\b", clause)
        or re.match(r"(?:[a-z]+ing|having|and|but|while|whereas)\b", clause)
        or EVENT_DATED.search(before)
    )


def _shifted(date: str) -> str:
    """The date with its year moved a few years back ("January 1622" for
    "January 1625"): never into the future, and the same on every run."""
    year = _YEAR.search(date)
    if year is None:
        return ""
    return date[: year.start()] + str(int(year.group(0)) - _SHIFT) + date[year.end() :]


P = TypeVar("P")


def pool_of(proposals: Iterable[Any]) -> list[Answer]:
    """The answer and kind of each proposal and its alternatives."""
    return [(q.answer, q.answer_type) for p in proposals for q in (p, *p.alternatives)]


def falsified(proposal: P, pool: Sequence[Answer]) -> P:
    """The proposal, and its alternatives, each with its false statement."""
    p: Any = proposal
    made = replace(
        p,
        false_statement=false_statement(p.statement, p.answer, p.answer_type, pool),
        alternatives=tuple(falsified(a, pool) for a in p.alternatives),
    )
    return cast(P, made)


__all__ = ["Answer", "false_statement", "falsified", "pool_of"]
