"""What an answer stands for, when it is a number, a date or a range, and when two
such answers say the same thing."""

from __future__ import annotations

from dataclasses import dataclass

from question_bank.grading.dates import DateRange, PartialDate, parse_date, parse_range
from question_bank.grading.numbers import Number, parse_number
from question_bank.grading.text import fold, normalise

Value = Number | PartialDate | DateRange


def parse_value(answer: str) -> Value | None:
    """The number, date or range a whole answer gives; None for any other answer."""
    folded = fold(answer)
    return parse_range(folded) or parse_date(folded) or parse_number(normalise(answer))


@dataclass(frozen=True)
class Years:
    """What grading knows of the year: `given`, named by the question, may be left out
    of an answer; neither it nor `known`, named by the accepted answers, may be
    contradicted by an answer to a key without a year."""

    given: frozenset[int] = frozenset()
    known: frozenset[int] = frozenset()


def _same_date(key: PartialDate, answer: PartialDate, years: Years) -> bool:
    """A key of "29 January 1937" accepts "29 January" (the key gives the year); one
    of "January 1937" accepts neither "1937" nor "January" (unless the question says
    1937), nor a more precise "29 January 1937", which it cannot confirm."""
    if (key.month, key.day) != (answer.month, answer.day):
        return False
    if key.year == answer.year:
        return True
    if answer.year is None:
        return key.month is not None and (key.day is not None or key.year in years.given)
    if key.year is None:
        named = years.known | years.given
        return not named or answer.year in named
    return False


def equivalent(key: Value, answer: Value, years: Years | None = None) -> bool:
    """Do `key` and `answer` say the same: 21 and twenty-one, 11th and eleventh,
    1937-01-29 and 29th January, 1936-38 and "between 1936 and 1938"?"""
    if isinstance(key, PartialDate) and key.month is None and isinstance(answer, Number):
        return not answer.ordinal and key.year == answer.value
    if isinstance(key, Number) and isinstance(answer, PartialDate) and answer.month is None:
        return not key.ordinal and answer.year == key.value
    if isinstance(key, Number) and isinstance(answer, Number):
        return key.value == answer.value
    if isinstance(key, PartialDate) and isinstance(answer, PartialDate):
        return _same_date(key, answer, years or Years())
    if isinstance(key, DateRange) and isinstance(answer, DateRange):
        years = years or Years()
        return _same_date(key.start, answer.start, years) and _same_date(key.end, answer.end, years)
    return False


__all__ = ["Value", "Years", "equivalent", "parse_value"]
