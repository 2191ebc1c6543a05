"""People by any recorded variant: a surname alone, with first names, another
source's spelling (the accepted answers list them), or first names as initials."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from question_bank.grading.text import TYPO_THRESHOLD, surname


def _names(accepted: Sequence[str]) -> list[list[str]]:
    return [a.split() for a in accepted if a and not re.search(r"\d", a)]


def _same_first_names(given: list[str], key: list[str]) -> bool:
    """Grigori for Grigory, G for Grigory; never Nathan for Moissei."""
    return len(given) == len(key) and all(
        g == k or (len(g) == 1 and k.startswith(g)) or fuzz.ratio(g, k) >= TYPO_THRESHOLD
        for g, k in zip(given, key, strict=True)
    )


def same_person(given: str, accepted: Sequence[str]) -> bool:
    """Is the normalised full name `given` a person the accepted answers name? Its
    first names must be those of an accepted full name, and its surname that name's
    surname or, when both are accepted alone, another spelling of it: "isaac reingold"
    for ["rejngold", "reingold", "isaac rejngold"], never "bukharin trial" for
    ["bukharin rykov"]."""
    words = given.split()
    if len(words) < 2 or re.search(r"\d", given):
        return False
    names = _names(accepted)
    alone = {name[0] for name in names if len(name) == 1}
    return any(
        _same_first_names(words[:-1], name[:-1])
        and (words[-1] == name[-1] or {words[-1], name[-1]} <= alone)
        for name in names
        if len(name) > 1
    )


def ambiguous_surname(given: str, accepted: Sequence[str], rivals: Sequence[str]) -> bool | None:
    """None unless `given` is the surname alone of an accepted name; then whether a
    rival answer shares it, so that the first name is needed."""
    if not any(surname(a) and given == surname(a) for a in accepted):
        return None
    return any(given in (rival, surname(rival)) for rival in rivals)


__all__ = ["ambiguous_surname", "same_person"]
