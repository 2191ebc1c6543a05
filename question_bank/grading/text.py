"""Answers as comparable text: case, accents, quotes, dashes, articles and number
words folded away, and a typo measure that never bridges two numbers or months."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from question_bank.grading.numbers import words_to_digits

_ARTICLES = {"the", "a", "an"}
_PUNCTUATION = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "\u00a0": " ",
    }
)
# British and American spellings of one word: centre and center, labour and labor,
# nationalised and nationalized.
_SPELLINGS = (
    (re.compile(r"\b(cent|theat|met|lit|fib)re(s?)\b"), r"\1er\2"),
    (re.compile(r"\b(labo|hono|colo|favo|behavio|neighbo|harbo|rumo|vigo|armo)ur"), r"\1r"),
    (re.compile(r"\b(\w{3,})is(ed|ing|ation|ations)\b"), r"\1iz\2"),
)
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip


def fold(text: str) -> str:
    """Lowercase, without accents, with straight quotes, plain hyphens and single spaces;
    punctuation is kept, for dates such as 29/1/1937 and ranges such as 1936-38."""
    text = text.translate(_PUNCTUATION)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Compare answers in this form: lowercase ASCII words, digits for numbers,
    no leading article: "The Twenty-One" and "21" are both "21"."""
    text = fold(text)
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 1,108 -> 1108
    text = re.sub(r"(?<=\d)'s\b", "s", text)  # decades: 1930's -> 1930s
    text = re.sub(r"'s\b", "", text)  # possessives: Trotsky's -> trotsky
    text = re.sub(r"[^\w\s]|_", " ", text)
    for pattern, american in _SPELLINGS:
        text = pattern.sub(american, text)
    text = words_to_digits(" ".join(text.split()))
    words = text.split()
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def compact(normalised: str) -> str:
    """Without spaces, so "Ter Vaganyan", "Ter-Vaganyan" and "Tervaganyan" meet; only
    for answers without digits, where a space can join two numbers into one."""
    return "" if re.search(r"\d", normalised) else normalised.replace(" ", "")


def surname(normalised: str) -> str:
    """The last word of a name of several words; "" for a single word."""
    parts = normalised.split()
    return parts[-1] if len(parts) > 1 else ""


def _months(normalised: str) -> list[int]:
    return [MONTHS[word] for word in normalised.split() if word in MONTHS]


TYPO_THRESHOLD = 85.0
# one word of several misspelt ("Zinovev", 93) rather than another word ("Hungarian" for
# "Bavarian", 59)
WORD_TYPO_THRESHOLD = 75.0


def similar(a: str, b: str) -> float:
    """0-100 for two normalised answers; numbers and months must match exactly, so
    1936 is never "close to" 1938, nor thirteen to thirty, nor June to July (a month
    misspelt past recognition, "Janury", is only a word)."""
    if re.sub(r"\D", "", a) != re.sub(r"\D", "", b):
        return 0.0
    months_a, months_b = _months(a), _months(b)
    if months_a and months_b and months_a != months_b:
        return 0.0
    if min(len(a), len(b)) < 5:
        return 100.0 if a == b else 0.0
    words_a, words_b = a.split(), b.split()
    if len(words_a) == len(words_b) > 1 and any(
        x != y and (min(len(x), len(y)) <= 3 or fuzz.ratio(x, y) < WORD_TYPO_THRESHOLD)
        for x, y in zip(words_a, words_b, strict=True)
    ):
        return 0.0  # another word, not a misspelt one: "Model T", "Hungarian Soviet Republic"
    return float(fuzz.ratio(a, b))


__all__ = ["MONTHS", "TYPO_THRESHOLD", "compact", "fold", "normalise", "similar", "surname"]
