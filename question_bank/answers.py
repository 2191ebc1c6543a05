"""Comparing typed answers: whether a rejected answer is only another way of
writing a right one, or contains it whole; the keys that block similar answers."""

from __future__ import annotations

from collections.abc import Iterable

from question_bank.gate import GateContext
from question_bank.grading import grade_text
from question_bank.norm import normalise


def block_keys(normalised: str) -> set[str]:
    """Keys two similar answers almost surely share: each word's first and last
    three letters."""
    keys = set()
    for word in normalised.split():
        keys.add("^" + word[:3])
        keys.add(word[-3:] + "$")
    return keys


_FILLER = frozenset({"from", "between", "and", "to", "the", "in", "of", "on", "until", "till"})
# words that make a reject another way of saying the key ("by torture" for "torture")
_FRAMING = _FILLER | {"a", "an", "by", "under", "with", "comrade", "his", "her", "their"}


def contains_key(rejected: str, accepted: Iterable[str]) -> str | None:
    """The accepted form that a rejected answer contains whole ("Comrade Stalin"
    contains "Stalin", "by torture" contains "torture"): such an answer says the
    key and more, so it is not wrong. None when it contains none."""
    mine = set(normalise(rejected).split())
    for form in accepted:
        theirs = set(normalise(form).split()) - _FRAMING
        if theirs and theirs <= mine:
            return form
        # or says part of it in its words ("dismember the Soviet Union" for "the
        # overthrow and dismemberment of the Soviet Union"); one word alone
        # ("Stalin" for "Lenin and Stalin") is only part of the answer
        content = mine - _FRAMING
        if len(content) >= 2 and all(_stem_in(word, theirs) for word in content):
            return form
        # or is the key's head word in another form ("withdrawn" for "withdrew his
        # whole confession"; a first name alone is a variant, handled elsewhere)
        head = next((w for w in normalise(form).split() if w not in _FRAMING), "")
        whole = len(theirs) > 1 and " and " not in f" {normalise(form)} "  # not "Lenin and Stalin"
        if len(content) == 1 and whole and _stem_in(head, content):
            return form
    return None


def _stem_in(word: str, words: set[str]) -> bool:
    """`word` is one of `words`, or shares its first five letters with one."""
    return word in words or (len(word) >= 5 and any(w[:5] == word[:5] for w in words))


def is_same_answer(
    text: str, accepted: tuple[str, ...], right: set[str], gate: GateContext
) -> bool:
    """Is `text` only another way of writing a right answer?"""
    norm = normalise(text)
    if norm in right or gate.same_person(text) & right:
        return True
    if grade_text(text, accepted).correct:
        return True
    mine = set(norm.split()) - _FILLER
    return any(mine and mine == set(normalise(a).split()) - _FILLER for a in accepted)
