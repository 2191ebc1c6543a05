"""Question types in the app: how each type is laid out, answered, described in
feedback and exported. The question bank's registry (`question_bank.types`)
defines a type's shape, label and grading; this registry adds, per type, what
only the web app needs, so adding or fixing a type touches one place here (and
its partials in templates/questions/<type>/).

Every type the bank registers must be here: importing this module fails
otherwise, rather than a page failing later."""

from __future__ import annotations

from app.services.question_types.base import (
    AppType,
    ChoiceType,
    ClozeType,
    MatchingType,
    OrderingType,
    ResponseError,
    TextType,
    TrueFalseType,
)
from question_bank.types import REGISTRY as BANK_TYPES

_APP_TYPES: dict[str, type[AppType]] = {
    "mcq": ChoiceType,
    "true_false": TrueFalseType,
    "attribution": ChoiceType,
    "dispute": ChoiceType,
    "short": TextType,
    "cloze": ClozeType,
    "matching": MatchingType,
    "ordering": OrderingType,
}

_missing = set(BANK_TYPES) - set(_APP_TYPES)
if _missing:
    raise RuntimeError(f"question types without a place in the app: {sorted(_missing)}")

# In the bank's order (a type's `position`), as lists of types show them.
REGISTRY: dict[str, AppType] = {
    name: _APP_TYPES[name](name, bank_type.label) for name, bank_type in BANK_TYPES.items()
}


def app_type(kind: str) -> AppType:
    """The type of a question's stored data (a KeyError for a type nobody knows)."""
    return REGISTRY[kind]


__all__ = ["REGISTRY", "AppType", "ResponseError", "app_type"]
