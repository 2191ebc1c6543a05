"""Finding an answer in a quote whatever its case, with offsets in the quote.

str.casefold() can change a text's length ("Straße" folds to "strasse"), so an
offset found in the folded text is not an offset in the text the page shows:
the mark would cover one character too many. find_folded maps it back."""

from __future__ import annotations


def find_folded(text: str, needle: str) -> tuple[int, int] | None:
    """(start, end) of the first case-insensitive occurrence of `needle` in
    `text`, as offsets of `text`, on whole characters; None if there is none."""
    folded_needle = needle.casefold()
    if not folded_needle:
        return None
    folded: list[str] = []
    owner: list[int] = []  # for each folded character, the index of its character in text
    for index, ch in enumerate(text):
        part = ch.casefold()
        folded.append(part)
        owner.extend([index] * len(part))
    haystack = "".join(folded)
    at = haystack.find(folded_needle)
    while at >= 0:
        last = at + len(folded_needle) - 1
        starts_whole = at == 0 or owner[at - 1] != owner[at]
        ends_whole = last + 1 == len(owner) or owner[last + 1] != owner[last]
        if starts_whole and ends_whole:
            return owner[at], owner[last] + 1
        at = haystack.find(folded_needle, at + 1)
    return None


__all__ = ["find_folded"]
