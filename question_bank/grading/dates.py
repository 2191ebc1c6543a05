"""Dates and ranges in any common format, read into the parts they give.

"29 January 1937", "January 29th, 1937", "29/1/1937" and "1937-01-29" are one date;
"29th January" is the same day without its year; "August 1936", "Aug 1936" and
"08/1936" are a month; "1936-38", "from 1936 to 1938" and "between 1936 and 1938"
one range. Numeric dates put the day first unless it cannot be (1/29/1937)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from dateutil import parser as date_parser

from question_bank.grading.text import MONTHS

_FILLERS = frozenset({"the", "of", "on", "in"})
_NUMERIC_DATE = re.compile(r"\d{1,4}(?:[/.-]\d{1,4}){1,2}")
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_WORD = re.compile(r"[a-z]+|\d{1,4}(?:st|nd|rd|th)?|" + _NUMERIC_DATE.pattern)
# Two defaults that differ in every field show which fields the text itself gave;
# both are leap years, so that "29 February" reads.
_DEFAULTS = (datetime(4, 1, 1), datetime(8, 2, 2))
_YEARS = range(100, 3000)


@dataclass(frozen=True)
class PartialDate:
    """A year, a month of a year, or a day; `year` is None for "29 January"."""

    year: int | None
    month: int | None = None
    day: int | None = None

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class DateRange:
    start: PartialDate
    end: PartialDate


def _words(folded: str) -> list[str] | None:
    text = re.sub(r"[,.](?=\s|$)", " ", folded.strip(" .,;"))  # "jan. 29, 1937"
    words = [word for word in text.split() if word not in _FILLERS]
    if not words or not all(_WORD.fullmatch(word) for word in words):
        return None
    if any(word.isalpha() and word not in MONTHS for word in words):
        return None
    return words


_YEAR_FIRST = re.compile(r"(\d{4})[/.-](\d{1,2})(?:[/.-](\d{1,2}))?")


def _checked(year: int | None, month: int | None, day: int | None) -> PartialDate | None:
    """1937-01-29 as the year, month and day it gives; None for 1937-02-30."""
    try:
        datetime(year or 4, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def parse_date(folded: str) -> PartialDate | None:
    """The date a whole folded answer gives, or None if it is not a date."""
    words = _words(folded)
    if words is None:
        return None
    if len(words) == 1 and words[0].isdigit() and len(words[0]) >= 3:
        only_year = int(words[0])
        return PartialDate(only_year) if only_year in _YEARS else None
    months = [word for word in words if word in MONTHS]
    numeric = [word for word in words if _NUMERIC_DATE.fullmatch(word)]
    if len(months) + len(numeric) != 1 or len(words) > 3:
        return None
    text = " ".join(words)
    year_first = _YEAR_FIRST.fullmatch(text)
    if year_first:
        return _checked(*(int(part) if part else None for part in year_first.groups()))
    try:
        first, second = (
            date_parser.parse(text, dayfirst=True, default=default) for default in _DEFAULTS
        )
    except (ValueError, OverflowError):
        return None
    year = first.year if first.year == second.year else None
    month = first.month if first.month == second.month else None
    day = first.day if first.day == second.day else None
    if month is None or (year is not None and year not in _YEARS):
        return None
    return PartialDate(year, month, day)


def _inherit(start: str, end: PartialDate) -> PartialDate | None:
    """The start of a range, which may leave out what the end gives: the month and
    year of "19-24 August 1936", the year of "19 September to 1 May 1936"."""
    words = [word for word in start.split() if word not in _FILLERS]
    day = _DAY.fullmatch(" ".join(words))
    if day and end.day is not None:
        return PartialDate(end.year, end.month, int(day[1]))
    start_date = parse_date(start)
    if start_date is None or start_date.year is not None or end.year is None:
        return start_date
    year = end.year if start_date.sort_key() <= end.sort_key() else end.year - 1
    return PartialDate(year, start_date.month, start_date.day)


def _years(first: str, second: str) -> DateRange | None:
    """ "1936-38" and "1936-1938"; None for "1936-08", which is August 1936."""
    start = int(first)
    end = int(second) if len(second) == 4 else start // 100 * 100 + int(second)
    if end <= start or (len(second) == 2 and second.startswith("0")):
        return None
    return DateRange(PartialDate(start), PartialDate(end))


def _in_order(start: PartialDate, end: PartialDate) -> bool:
    both_dated = (start.year is None) == (end.year is None)
    return both_dated and start.sort_key() < end.sort_key()


_RANGES = (
    re.compile(r"between (?P<start>.+?) and (?P<end>.+)"),
    re.compile(r"(?:from )?(?P<start>.+?) (?:to|until|till|through) (?P<end>.+)"),
    re.compile(r"(?P<start>.+?) ?- ?(?P<end>.+)"),
)


_MONTH_FIRST = re.compile(
    r"(?P<month>[a-z]+)\.? (?P<start>\d{1,2}(?:st|nd|rd|th)?) ?(?P<to>-|to|until|till|through) ?"
    r"(?P<end>\d{1,2}(?:st|nd|rd|th)?),? (?P<year>\d{3,4})"
)


def _day_first(text: str) -> str:
    """ "august 19-24, 1936" as "19 - 24 august 1936"."""
    match = _MONTH_FIRST.fullmatch(text)
    if not match or match["month"] not in MONTHS:
        return text
    return f"{match['start']} {match['to']} {match['end']} {match['month']} {match['year']}"


def parse_range(folded: str) -> DateRange | None:
    """The range a whole folded answer gives, or None if it is not a range."""
    text = " ".join(word for word in folded.strip(" .,;").split() if word not in {"the", "in"})
    text = _day_first(text)
    years = re.fullmatch(r"(?:from )?(\d{4}) ?(?:-|to|until) ?(\d{4}|\d{2})", text)
    if years:
        return _years(years[1], years[2])
    if _NUMERIC_DATE.fullmatch(text):
        return None
    for pattern in _RANGES:
        match = pattern.fullmatch(text)
        if not match:
            continue
        end = parse_date(match["end"])
        start = _inherit(match["start"], end) if end else None
        if start and end and _in_order(start, end):
            return DateRange(start, end)
    return None


def years_in(text: str) -> frozenset[int]:
    """The years a text names, as in a question's "during the January 1937 trial"."""
    return frozenset(int(year) for year in re.findall(r"(?<![\d/.-])(1\d{3}|20\d{2})\b", text))


__all__ = ["DateRange", "PartialDate", "parse_date", "parse_range", "years_in"]
