"""A false statement for a proposal: its statement with the answer swapped for
another answer of the same kind and shape that the same text gives elsewhere
("The Lambeth Company took its water from the Thames at Battersea", where the
text says the Southwark and Vauxhall Company did). The passage that proves the
statement contradicts it, and the falsehood sits in the claim the question
asks about, not in an aside.

Only kinds where a swap is plainly false are swapped: dates of the same
precision, counts and sums with the same unit, people and organisations. A
place or a term is left to the teacher: "it appeared in London" may be as true
as "it appeared in Sunderland"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, TypeVar, cast

from dateutil import parser as date_parser

SWAPPED_KINDS = ("date", "number", "person", "organisation")

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_SHAPES = (
    ("day", re.compile(rf"\d{{1,2}} {_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}}, \d{{4}}")),
    ("month", re.compile(rf"{_MONTH} \d{{4}}")),
    ("year", re.compile(r"\d{4}")),
)
_COUNT = re.compile(r"(?:about |some |nearly |almost |over |more than )?([\d,]*\d)(?: (\w+))?")


_YEAR = re.compile(r"\d{4}")
# a swap further off than this is ruled out at sight: dates of the text further apart in
# years, counts further apart as a ratio, people further apart in time
_MAX_YEARS = 25
_MAX_RATIO = 3.0
_YEAR_WEIGHT = 100_000  # a year apart in time weighs more than any distance in the text
_SHIFT = 3  # years a date is moved when the text gives none near it
Answer = tuple[str, str, int]  # its words, its kind, the offset of its sentence
_TITLED = re.compile(
    r"\b(?:President|Prime Minister|Chancellor|King|Queen|Emperor|Empress|Pope|Tsar|Sultan|"
    r"General|Captain|Colonel|Major|Admiral|Lord|Lady|Sir|Dame|Reverend|Dr|Mr|Mrs|Miss)\.? $"
)
# "The engineer ", "the German doctor ", "The Reverend " just before a name
_DESCRIBED = re.compile(r"\b(?:[Tt]he|[Aa]n?) (?:[\w'’-]+ ){1,3}$")


def _less_precise(date: str) -> list[str]:
    """The month and the year of a full date, the year of a month: other dates a
    text gives that a false statement may use."""
    forms = []
    month = re.search(rf"{_MONTH}", date)
    year = _YEAR.search(date)
    if month and year and _SHAPES[0][1].fullmatch(date):
        forms.append(f"{month.group(0)} {year.group(0)}")
    if year and not re.fullmatch(r"\d{4}", date):
        forms.append(year.group(0))
    return forms


def _date_shape(answer: str) -> tuple[str, float] | None:
    """(precision, when as a number) of a date answer written in one of the
    usual shapes, else None ("from 1967 to 1975" is not swapped)."""
    for shape, pattern in _SHAPES:
        if pattern.fullmatch(answer):
            if shape == "year":
                return shape, float(answer)
            try:
                when = date_parser.parse(answer)
            except (ValueError, OverflowError):
                return None
            return shape, when.year + when.timetuple().tm_yday / 366
    return None


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
    return ("name", 0.0) if kind in ("person", "organisation") else None


def _surname(name: str) -> str:
    return name.split()[-1] if " " in name else ""


def false_statement(
    statement: str, answer: str, kind: str, pool: Iterable[Answer], at: int = 0
) -> str:
    """The statement (of the sentence at offset `at`) with its answer swapped for
    the nearest answer of the same kind and shape in `pool` (the answers of the
    whole text, with their offsets) that the statement does not name already;
    "" when there is none. A date is swapped for the nearest in time, a count for
    the nearest in size, a name for the one the text names nearest in time and
    then in the text: of the same world, so not ruled out at sight."""
    own = _shape(answer, kind)
    if own is None or statement.count(answer) != 1 or not _swappable(statement, answer, kind):
        return ""
    pool = list(pool)
    if kind == "date":
        pool += [
            (less, k, o) for other, k, o in pool if k == "date" for less in _less_precise(other)
        ]
    near = _nearness(pool, at)
    found = []
    for other, other_kind, _ in pool:
        if other_kind != kind or other not in near or not _fits(other, answer, kind, statement):
            continue
        shape = _shape(other, kind)
        if shape is None or shape[0] != own[0]:
            continue
        if kind in ("date", "number") and shape[1] == own[1]:
            continue  # "31 August" and "31 August 1854" are one date
        if kind == "number":
            distance = max(shape[1], own[1]) / max(min(shape[1], own[1]), 1.0)
            if distance > _MAX_RATIO:
                continue  # "10,000" for "616": ruled out at sight
        elif kind == "date":
            distance = abs(shape[1] - own[1])
            if distance > _MAX_YEARS:
                continue  # "In April 1961 the Swedish crown signed a contract" (of 1625)
        else:  # a company for a company, not for a brewery
            if near[other] > _MAX_YEARS * _YEAR_WEIGHT:
                continue  # a salvager of 1956 for a shipbuilder of 1626
            distance = near[other] + (0 if other.split()[-1] == answer.split()[-1] else 1 << 50)
        found.append((distance, other))
    if found:
        swapped = min(found)[1]
    elif kind == "date":
        swapped = _shifted(answer)  # no date of the text is near: the same, years off
    else:
        return ""
    where = statement.index(answer)
    return statement[:where] + swapped + statement[where + len(answer) :]


def _shifted(date: str) -> str:
    """The date with its year moved a few years back ("January 1622" for
    "January 1625"): never into the future, and the same on every run."""
    year = _YEAR.search(date)
    if year is None:
        return ""
    return date[: year.start()] + str(int(year.group(0)) - _SHIFT) + date[year.end() :]


def _swappable(statement: str, answer: str, kind: str) -> bool:
    if kind != "person":
        return True
    before = statement[: statement.index(answer)]
    if _DESCRIBED.search(before) or _TITLED.search(before):
        return False  # "the German doctor John Snow": the description gives a swap away
    surname = _surname(answer)
    # "John Snow ... Snow's map": the statement would be swapped by half
    return not (surname and statement.replace(answer, "").count(surname))


def _fits(other: str, answer: str, kind: str, statement: str) -> bool:
    """Whether `other` may stand for `answer` in the statement."""
    if other == answer or other.casefold() in statement.casefold():
        return False
    if kind != "person":
        return True
    if other in answer or answer in other:
        return False  # "Snow" for "John Snow"
    if _surname(other) and _surname(other) == _surname(answer):
        return False  # two of one family may both have done it
    # "The Reverend Victoria" for "The Reverend Henry Whitehead"
    return " " in other or " " not in answer


def _nearness(pool: list[Answer], at: int) -> dict[str, int]:
    """How near each answer of other sentences is to the sentence at `at`: in
    time (by the date the text gives nearest to each), then in the text."""
    years = [(o, int(y.group(0))) for a, k, o in pool if k == "date" and (y := _YEAR.search(a))]

    def era(offset: int) -> int:
        return min(years, key=lambda y: (abs(y[0] - offset), -y[0]))[1] if years else 0

    near: dict[str, int] = {}
    for other, _, offset in pool:
        if offset != at:
            distance = abs(era(offset) - era(at)) * _YEAR_WEIGHT + abs(offset - at)
            near[other] = min(near.get(other, 1 << 40), distance)
    return near


P = TypeVar("P")


def pool_of(proposals: Iterable[Any]) -> list[Answer]:
    """The answer, kind and offset of each proposal and its alternatives."""
    return [(q.answer, q.answer_type, q.start) for p in proposals for q in (p, *p.alternatives)]


def falsified(proposal: P, pool: Sequence[Answer]) -> P:
    """The proposal, and its alternatives, each with its false statement."""
    p: Any = proposal
    made = replace(
        p,
        false_statement=false_statement(p.statement, p.answer, p.answer_type, pool, p.start),
        alternatives=tuple(falsified(a, pool) for a in p.alternatives),
    )
    return cast(P, made)


__all__ = ["SWAPPED_KINDS", "Answer", "false_statement", "falsified", "pool_of"]
