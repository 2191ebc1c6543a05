"""What a student who knows would also type for a proposal's answer, beyond what
the grader accepts by itself: the count with what it counts, a company's short name."""

from __future__ import annotations

import re

from app.services.answer_spans import Span
from app.services.word_classes import word_classes

# nouns after a count that are no unit of it: "146 workers" answers "how many workers"
_COUNTED = re.compile(r"\s+([a-z][a-z-]+)\b(?!\s+(?:of|per)\b)")
_UNITS = re.compile(
    r"(?:years?|months?|days?|hours?|minutes?|seconds?|weeks?|miles?|feet|foot|inches?|yards?|"
    r"metres?|meters?|kilometres?|km|tons?|tonnes?|pounds?|dollars?|francs?|per|cent|percent|"
    r"times|more|less|fewer|and|or|to|of|in|on|at|by|a|an|the)$"
)


def other_forms(span: Span, sentence: str, text: str) -> tuple[str, ...]:
    """What a student who knows would also type, beyond what the grader accepts by
    itself (a number in digits or words, a date in any form, a surname): the count
    with what it counts ("146 workers"), a company's name without "Company" when the
    text names nothing else so ("Lambeth" for the Lambeth Company, not "Suez Canal")."""
    if span.kind == "number":
        counted = _COUNTED.match(sentence[span.end :])
        if (
            counted
            and " " not in span.text  # "436 acres" says what it counts already
            and not _UNITS.match(counted.group(1))
            and not _UNITS.match(span.text.split()[-1])
            and "NOUN" in word_classes(counted.group(1))  # "37 for every ...": no noun
        ):
            return (f"{span.text} {counted.group(1)}",)
    if span.kind == "organisation" and span.text.endswith(" Company"):
        short = span.text[: -len(" Company")]
        if short and not re.search(rf"{re.escape(short)}(?!\s+Company)", text):
            return (short,)
    return ()


__all__ = ["other_forms"]
