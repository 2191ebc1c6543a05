"""Lenient grading of typed answers.

Forgiving of case, accents, quotes, hyphens, leading articles, first names, typos,
number words and the format of a date or range ("29th January", "1937-01-29"), of a
list of names in any order and form ("Vladimir Lenin and Joseph Stalin"), and of a
whole answer that goes on to place or date itself ("Hotel Bristol in Copenhagen");
never forgiving enough to accept a different fact's answer (the `reject` list holds
the competing answers of the same type), and never across numbers or months.

An answer equivalent to an accepted one is right whatever the `reject` list says:
the list only names wrong answers, so an entry that is one of the accepted answers
in another form is ignored."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from question_bank.grading.dates import DateRange, PartialDate, years_in
from question_bank.grading.names import ambiguous_surname, same_person
from question_bank.grading.text import TYPO_THRESHOLD, compact, normalise, similar, surname
from question_bank.grading.values import Value, Years, equivalent, parse_value


@dataclass(frozen=True)
class Verdict:
    correct: bool
    matched: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class _Answer:
    """An answer in each form grading compares: as written, normalised, and as a value."""

    original: str
    text: str
    value: Value | None


@lru_cache(maxsize=65536)
def _answer(original: str) -> _Answer:
    return _Answer(original, normalise(original), parse_value(original))


def _answers(texts: Sequence[str]) -> list[_Answer]:
    seen: dict[str, _Answer] = {}
    for text in texts:
        answer = _answer(text or "")
        if answer.text:
            seen.setdefault(answer.text, answer)
    return list(seen.values())


def _years(accepted: Sequence[_Answer], context: str) -> Years:
    """The years the question names, and those the accepted answers give."""
    known: set[int] = set()
    for answer in accepted:
        value = answer.value
        ends = (value.start, value.end) if isinstance(value, DateRange) else (value,)
        known.update(d.year for d in ends if isinstance(d, PartialDate) and d.year)
    return Years(given=years_in(context), known=frozenset(known))


def _same(answer: _Answer, keys: Sequence[_Answer], years: Years) -> _Answer | None:
    """The key that `answer` gives in another form (not merely a near spelling)."""
    packed = compact(answer.text)
    for key in keys:
        if answer.text == key.text or (packed and packed == compact(key.text)):
            return key
        if (
            answer.value is not None
            and key.value is not None
            and equivalent(key.value, answer.value, years)
        ):
            return key
    if answer.value is None and same_person(answer.text, [key.text for key in keys]):
        return next(key for key in keys if key.text.split()[-1] == answer.text.split()[-1])
    return None


# a preposition that only leads into the answer
_LEADING = re.compile(r"^\s*(?:in|on|at|during)\s+(?=\S)", re.I)
# "A and B", "A, B and C": the parts of a list of names
_LIST = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)")
# what may follow a whole answer without changing it: a place, a date, whose
_QUALIFIER = re.compile(r"^(?:,\s*)?(?:in|at|of|on|to|from|for|by|near|before|after)\b")
_NEGATION = re.compile(r"\b(?:not|no|never|nor|without|except|instead)\b")


def _same_list(given: _Answer, keys: Sequence[_Answer], years: Years) -> _Answer | None:
    """A list of names given in other forms, in any order: "Vladimir Lenin and
    Joseph Stalin" for "Lenin and Stalin" (a full name for a surname the key gives
    alone). Every part must be one part of the key, each part used once."""
    parts = [p for p in _LIST.split(given.original) if p.strip()]
    if len(parts) < 2:
        return None
    for key in keys:
        wanted = [_answer(p) for p in _LIST.split(key.original) if p.strip()]
        if len(wanted) != len(parts):
            continue
        left = list(wanted)
        for part in parts:
            given_part = _answer(part)
            match = _same(given_part, left, years) or next(
                (k for k in left if " " not in k.text and surname(given_part.text) == k.text),
                None,
            )
            if match is None:
                break
            left.remove(match)
        else:
            return key
    return None


def _qualified(
    given: _Answer, keys: Sequence[_Answer], rivals: Sequence[_Answer]
) -> _Answer | None:
    """A whole key followed by words that only place or date it: "Hotel Bristol in
    Copenhagen", "Khrushchev's Secret Speech to the Twentieth Congress". Never for a
    number or a date (1936 to 1938 is not 1936), nor with a negation or a rival."""
    if given.value is not None:
        return None
    for key in keys:
        if key.value is not None or not given.text.startswith(key.text + " "):
            continue
        rest = given.text[len(key.text) :].strip()
        if not _QUALIFIER.match(rest) or _NEGATION.search(rest):
            continue
        if any(rival.text and rival.text in rest for rival in rivals):
            continue
        return key
    return None


def _named(key: _Answer) -> bool:
    """Does the key read as a person's name ("Grigory Zinoviev", "Ter-Vaganyan"), whose
    surname alone may be given? Not "the East End of London", whose last word is a city."""
    words = key.original.split()
    return bool(words) and all(w[:1].isupper() for w in words) and not re.search(r"\d", key.text)


def _typo(given: str, keys: Sequence[_Answer], rivals: Sequence[_Answer]) -> Verdict:
    """Small typos, in the full answer or in the surname alone, when no rival is as
    close: a rejected near-miss is never taken for a misspelt key."""
    candidates = [(key.text, key) for key in keys] + [
        (surname(key.text), key) for key in keys if surname(key.text) and _named(key)
    ]
    best_score, best_key = max(
        ((similar(given, text), key) for text, key in candidates),
        key=lambda pair: pair[0],
        default=(0.0, None),
    )
    rival_texts = [r.text for r in rivals] + [surname(r.text) for r in rivals if surname(r.text)]
    best_rival = max((similar(given, text) for text in rival_texts), default=0.0)
    if best_key is not None and best_score >= TYPO_THRESHOLD and best_score > best_rival:
        return Verdict(True, best_key.original, reason="Accepted, check the spelling.")
    return Verdict(False)


def grade_text(
    response: str,
    accepted: Sequence[str],
    reject: Sequence[str] = (),
    context: str = "",
) -> Verdict:
    """Is `response` one of the `accepted` answers, leniently, and not one of `reject`?
    `context`, the question's prompt, names the year a date may leave out."""
    given = _answer(response or "")
    if not given.text:
        return Verdict(False, reason="No answer given.")
    keys = _answers(accepted)
    years = _years(keys, context)
    key = _same(given, keys, years)
    bare = _LEADING.sub("", response or "")
    if key is None and bare != (response or "") and bare.strip():
        given = _answer(bare)  # "in the summer of 1936", "in Berlin": the answer after it
        key = _same(given, keys, years)
    if key is not None:
        return Verdict(True, key.original)
    rivals = [r for r in _answers(reject) if _same(r, keys, years) is None]
    if any(given.text == rival.text for rival in rivals):
        return Verdict(False, reason="That is the answer to a different question.")
    whole = _same_list(given, keys, years) or _qualified(given, keys, rivals)
    if whole is not None:
        return Verdict(True, whole.original)
    if given.value is not None:
        return Verdict(False)  # a number or a date is right in any form, never misspelt
    names = [key for key in keys if _named(key)]
    clash = ambiguous_surname(given.text, [key.text for key in names], [r.text for r in rivals])
    if clash is not None:
        if clash:
            return Verdict(False, reason="Several people have that name: add the first name.")
        return Verdict(True, next(k.original for k in names if surname(k.text) == given.text))
    return _typo(given.text, keys, rivals)


def grade_choice(response: str, correct: str) -> Verdict:
    return Verdict(response == correct, correct if response == correct else None)


def grade_sequence(response: list[str], correct: list[str]) -> Verdict:
    return Verdict(list(response) == list(correct))


__all__ = ["TYPO_THRESHOLD", "Verdict", "grade_choice", "grade_sequence", "grade_text", "normalise"]
