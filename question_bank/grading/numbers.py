"""Numbers in words or digits: "twenty-one" is 21, "3,000" is 3000, "eleventh" is 11th."""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import alpha2digit

_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Words that hedge a figure without changing it: "some 1,500", "about forty".
_ORDINAL_MARK = "ordinalsuffixmark"
HEDGES = frozenset({"some", "about", "around", "approximately", "roughly", "circa", "c"})


def words_to_digits(text: str) -> str:
    """Number words in lowercase `text` as digits: "twenty one defendants" ->
    "21 defendants", "forty million" and "40 million" -> "40000000"."""
    text = re.sub(
        r"\b(\d+) (thousand|million|billion)\b",
        lambda m: str(int(m[1]) * _SCALES[m[2]]),
        text,
    )
    # text2num reads every ordinal word but "sixtieth": read it as "sixty", then "th"
    text = re.sub(r"\bsixtieth\b", f"sixty {_ORDINAL_MARK}", text)
    text = str(alpha2digit(text, "en", threshold=0))
    return re.sub(rf"\b(\d+) {_ORDINAL_MARK}\b", r"\1th", text)


@dataclass(frozen=True)
class Number:
    """A whole number; `ordinal` for "11th" and "eleventh"."""

    value: int
    ordinal: bool = False


def parse_number(normalised: str) -> Number | None:
    """The number a whole normalised answer stands for, or None if it is not one:
    "some 1500" -> 1500, "11th" -> 11th, "16 defendants" -> None."""
    words = normalised.split()
    while len(words) > 1 and words[0] in HEDGES:
        words = words[1:]
    match = re.fullmatch(r"(\d+)(st|nd|rd|th)?", " ".join(words))
    if not match:
        return None
    return Number(int(match[1]), ordinal=bool(match[2]))


__all__ = ["HEDGES", "Number", "parse_number", "words_to_digits"]
