"""One module per question type, each defining the type once: its label, the
shape of a response, how it is generated from the fact base and which quality
rules its items must pass. The generator, the gate and grading look types up
here, the way a query runner class is registered once per data source."""

from __future__ import annotations

# Importing a type's module registers it (its `position` orders the registry).
from question_bank.types import (  # noqa: F401
    attribution,
    cloze,
    dispute,
    matching,
    mcq,
    ordering,
    short,
    true_false,
)
from question_bank.types.base import REGISTRY, QuestionType, register

__all__ = ["REGISTRY", "QuestionType", "register"]
