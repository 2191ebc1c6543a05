"""A proposal's statement as a true/false item and a card show it, alone: without
the words that tie it to the sentence before, and without a clause that leans on
words outside it."""

from __future__ import annotations

import re

from app.services.proposal_questions import _CONNECTIVE, _EMPHATIC


def without_connective(sentence: str) -> str:
    """The sentence without its opening "Yet" or "However,", capitalised again."""
    rest = _CONNECTIVE.sub("", sentence)
    return rest[:1].upper() + rest[1:] if rest != sentence else sentence


_CLAUSE_BREAK = re.compile(r",\s+(?:but|and|while|yet|so)\s+|;\s+")
_LEANING_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|it|its|they|their|them)\b", re.I)


def own_clause(statement: str, answer: str) -> str:
    """The clause of the statement that holds the answer, when the clauses after it
    lean on words outside it ("The Importation Act passed in June 1846, but it split
    his party, and within days he was out of office"): a true/false item and a card
    show the statement alone."""
    breaks = list(_CLAUSE_BREAK.finditer(statement))
    if not breaks or answer not in statement[: breaks[0].start()]:
        return statement
    first, rest = statement[: breaks[0].start()], statement[breaks[0].end() :]
    if not _LEANING_PRONOUN.search(rest) or _LEANING_PRONOUN.search(first):
        return statement
    if len(first.split()) < 4 or first.count("(") != first.count(")"):
        return statement
    return first.rstrip(" ,") + "."


def without_emphasis(sentence: str) -> str:
    """The sentence without a "himself" or a ", however," that leans on the sentence
    before ("In 1887, however, Ben Tillett ...")."""
    return _LEANING_ASIDE.sub(r"\1 ", _EMPHATIC.sub(r"\1", sentence))


_LEANING_ASIDE = re.compile(r"^([^,]{2,40}),\s+(?:however|though|moreover|nevertheless),\s+")


__all__ = ["own_clause", "without_connective", "without_emphasis"]
