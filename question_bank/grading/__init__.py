"""Lenient grading of typed answers.

Forgiving of case, accents, punctuation, leading articles, first names, number
words and small typos; never forgiving enough to accept a different fact's
answer (the `reject` list holds the competing answers of the same type)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_ARTICLES = {"the", "a", "an"}
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _numbers_to_digits(words: list[str]) -> list[str]:
    """['twenty', 'one', 'defendants'] -> ['21', 'defendants']."""
    out: list[str] = []
    total = current = 0
    in_number = False

    def flush() -> None:
        nonlocal total, current, in_number
        if in_number:
            out.append(str(total + current))
        total = current = 0
        in_number = False

    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
            in_number = True
        elif word in _TENS:
            current += _TENS[word]
            in_number = True
        elif word in _SCALES and in_number:
            scale = _SCALES[word]
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0
        elif word == "and" and in_number:
            continue
        else:
            flush()
            out.append(word)
    flush()
    return out


def normalise(text: str) -> str:
    """Compare answers in this form: lowercase ASCII words, digits for numbers."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 1,108 -> 1108
    text = re.sub(r"'s\b", "", text)  # possessives: Trotsky's -> trotsky
    text = re.sub(r"[^\w\s]", " ", text)
    words = text.split()
    words = _numbers_to_digits(words)
    while words and words[0] in _ARTICLES and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def _surname(normalised: str) -> str:
    parts = normalised.split()
    return parts[-1] if len(parts) > 1 else ""


def _similar(a: str, b: str) -> float:
    """0-100; digits must match exactly, so 1936 is never 'close to' 1937."""
    if re.sub(r"\D", "", a) != re.sub(r"\D", "", b):
        return 0.0
    if min(len(a), len(b)) < 5:
        return 100.0 if a == b else 0.0
    return float(fuzz.ratio(a, b))


TYPO_THRESHOLD = 85.0


@dataclass(frozen=True)
class Verdict:
    correct: bool
    matched: str | None = None
    reason: str = ""


def grade_text(
    response: str, accepted: tuple[str, ...] | list[str], reject: tuple[str, ...] | list[str] = ()
) -> Verdict:
    """Is `response` one of the `accepted` answers, leniently, and not one of `reject`?"""
    given = normalise(response or "")
    if not given:
        return Verdict(False, reason="No answer given.")
    accepted_n = [(a, normalise(a)) for a in accepted if a and normalise(a)]
    reject_n = [normalise(r) for r in reject if r and normalise(r)]
    accepted_set = {n for _, n in accepted_n}
    reject_n = [r for r in reject_n if r not in accepted_set]

    for original, norm in accepted_n:
        if given == norm:
            return Verdict(True, original)
    if given in reject_n:
        return Verdict(False, reason="That is the answer to a different question.")
    # A surname alone is enough, unless another candidate shares it.
    reject_surnames = {_surname(r) for r in reject_n} | set(reject_n)
    for original, norm in accepted_n:
        surname = _surname(norm)
        if surname and given == surname:
            if given in reject_surnames:
                return Verdict(False, reason="Several people have that name: add the first name.")
            return Verdict(True, original)
    # Small typos, in the full answer or in the surname alone.
    candidates = [(n, o) for o, n in accepted_n] + [
        (_surname(n), o) for o, n in accepted_n if _surname(n)
    ]
    best_accept = max(((_similar(given, n), o) for n, o in candidates), default=(0.0, None))
    rivals = reject_n + [_surname(r) for r in reject_n if _surname(r)]
    best_reject = max((_similar(given, r) for r in rivals), default=0.0)
    if best_accept[0] >= TYPO_THRESHOLD and best_accept[0] > best_reject:
        return Verdict(True, best_accept[1], reason="Accepted, check the spelling.")
    return Verdict(False)


def grade_choice(response: str, correct: str) -> Verdict:
    return Verdict(response == correct, correct if response == correct else None)


def grade_sequence(response: list[str], correct: list[str]) -> Verdict:
    return Verdict(list(response) == list(correct))


__all__ = ["TYPO_THRESHOLD", "Verdict", "grade_choice", "grade_sequence", "grade_text", "normalise"]
