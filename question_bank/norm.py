"""`normalise` with a cache: the generator and the gate compare the same few
thousand answers again and again."""

from __future__ import annotations

from functools import lru_cache

from question_bank import grading

normalise = lru_cache(maxsize=1 << 16)(grading.normalise)


def contains(haystack: str, needle: str) -> bool:
    """Does `haystack` hold `needle` as whole words, compared as answers are?"""
    norm = normalise(needle)
    return bool(norm) and f" {norm} " in f" {normalise(haystack)} "


__all__ = ["contains", "normalise"]
