"""The classes a word can belong to, and a verb's forms, from LemmInflect's
tables: read by every rule of the proposals that must tell a verb from a noun."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    # imported here: its tables (and numpy) load when a teacher first curates, not
    # when a worker starts
    from lemminflect import getAllLemmas

    found: dict[str, tuple[str, ...]] = getAllLemmas(word)
    return found


def word_classes(word: str) -> set[str]:
    """The classes ("NOUN", "VERB", "ADJ" ...) a word can belong to; none for a
    word the tables do not hold (a preposition, an article, a name)."""
    return set(_lemmas(word)) if word.isalpha() else set()


def _past_verb(word: str) -> str | None:
    """The base form of a verb in the simple past ("stood" -> "stand"), or None
    for a word that is not one, or could as well be a noun or adjective."""
    if not word.isalpha() or not word.islower():
        return None
    lemmas = _lemmas(word)
    verb = lemmas.get("VERB")
    if not verb or "NOUN" in lemmas and word not in ("found", "led", "left"):
        return None
    base = verb[0]
    if base == word or word.endswith(("s", "ing")):
        return None  # "set", "put", "cut" read the same in the present: not sure
    return base


def _base_verb(word: str) -> bool:
    """ "come", "run": a verb's base form that is also its participle, never a noun."""
    classes = word_classes(word) if word.islower() else set()
    return classes == {"VERB"} and _lemmas(word)["VERB"][0] == word


def _participle(word: str) -> bool:
    lemmas = _lemmas(word) if word.isalpha() else {}
    verb = lemmas.get("VERB")
    return verb is not None and verb[0] != word and not word.endswith(("s", "ing"))


__all__ = ["word_classes"]
