"""Dates as a text writes them ("22 December 1894", "June 1720", "1711"): the
precision of each and when it falls, so that one date can stand for another of
the same shape, as a false statement's or a wrong option's."""

from __future__ import annotations

import re
from collections.abc import Callable

from dateutil import parser as date_parser

from question_bank.fact import Fact
from question_bank.kinds import fine_kind
from question_bank.norm import normalise
from question_bank.question import Option
from question_bank.source import Source

MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
SHAPES = (
    ("day", re.compile(rf"\d{{1,2}} {MONTH},? \d{{4}}|{MONTH} \d{{1,2}}, \d{{4}}")),
    ("month", re.compile(rf"{MONTH} \d{{4}}")),
    ("year", re.compile(r"\d{4}")),
)
YEAR = re.compile(r"\d{4}")
# the longest form at each place of a text: "4 June 1783" before "June 1783" and "1783"
_IN_TEXT = re.compile(
    rf"\b(?:\d{{1,2}} {MONTH},? \d{{4}}|{MONTH} \d{{1,2}}, \d{{4}}|{MONTH} \d{{4}}"
    r"|(?:1[5-9]|20)\d\d)\b"
)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def date_shape(date: str) -> tuple[str, float] | None:
    """(precision, when as a number of years) of a date in one of the usual
    shapes, else None ("from 1967 to 1975" has no one date)."""
    for shape, pattern in SHAPES:
        if pattern.fullmatch(date):
            if shape == "year":
                return shape, float(date)
            try:
                when = date_parser.parse(date)
            except (ValueError, OverflowError):
                return None
            return shape, when.year + when.timetuple().tm_yday / 366
    return None


def less_precise(date: str) -> list[str]:
    """The month and the year of a full date, the year of a month."""
    forms = []
    month = re.search(MONTH, date)
    year = YEAR.search(date)
    if month and year and SHAPES[0][1].fullmatch(date):
        forms.append(f"{month.group(0)} {year.group(0)}")
    if year and not YEAR.fullmatch(date):
        forms.append(year.group(0))
    return forms


def sentence_at(text: str, offset: int) -> str:
    """The sentence of `text` around `offset`, within its paragraph."""
    start = max(text.rfind("\n", 0, offset), 0)
    for before in _SENTENCE_END.finditer(text, start, offset):
        start = before.end()
    after = _SENTENCE_END.search(text, offset)
    end = after.end() if after else len(text)
    end = min(end, text.find("\n", offset) if "\n" in text[offset:] else len(text))
    return " ".join(text[start:end].split())


def nearest_in_text(
    date: str, text: str, count: int, usable: Callable[[str], bool]
) -> list[tuple[str, str]]:
    """Up to `count` other dates of the same shape that `text` gives, the nearest
    in time first, each with the sentence it comes from; `usable` says which may
    be offered (not a right answer, not one the question's own passage gives)."""
    own = date_shape(date)
    if own is None:
        return []
    found: dict[str, tuple[float, str]] = {}
    for m in _IN_TEXT.finditer(text):
        line = text.rfind("\n", 0, m.start()) + 1
        if text.startswith("#", line):
            continue  # a heading's date ("The Bubble of 1720") is no event's
        for form in (m.group(0), *less_precise(m.group(0))):
            shape = date_shape(form)
            if shape is None or shape[0] != own[0] or shape[1] == own[1] or form in found:
                continue
            if usable(form):
                found[form] = (abs(shape[1] - own[1]), sentence_at(text, m.start()))
    ranked = sorted(found.items(), key=lambda item: (item[1][0], item[0]))
    return [(form, sentence) for form, (_, sentence) in ranked[:count]]


def dates_of_text(fact: Fact, source: Source | None, seen: set[str], count: int) -> list[Option]:
    """Wrong dates for a fact of a teacher's source that has too few dated facts
    to draw from: other dates of the key's shape that the source gives, the
    nearest in time, each with the sentence it dates as why it is wrong. None for
    the built-in sources, whose wrong options are curated."""
    if count <= 0 or source is None or source.builtin:
        return []
    kind, passage = fine_kind(fact.answer, "date"), normalise(f"{fact.quote} {fact.statement}")

    def usable(date: str) -> bool:
        norm = normalise(date)
        return fine_kind(date, "date") == kind and norm not in seen and norm not in passage

    found = nearest_in_text(fact.answer, source.text, count, usable)
    return [
        Option(d, False, None, f"The source gives it for another event: “{s}”") for d, s in found
    ]


__all__ = [
    "dates_of_text",
    "MONTH",
    "SHAPES",
    "YEAR",
    "date_shape",
    "less_precise",
    "nearest_in_text",
    "sentence_at",
]
