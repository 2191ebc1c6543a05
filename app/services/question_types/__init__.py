"""Question types in the app: how each type is answered, shown in feedback and
exported. The question bank's registry (`question_bank.types`) defines a type's
shape, label and grading; this registry adds, per type, what only the web app
needs, so adding or fixing a type touches one place here."""

from __future__ import annotations

from dataclasses import dataclass

from question_bank.types import REGISTRY as BANK_TYPES


@dataclass(frozen=True)
class AppType:
    name: str
    label: str

    @property
    def answer_template(self) -> str:
        """The partial that renders the type's inputs on the question page."""
        return f"questions/{self.name}/answer.html"

    @property
    def feedback_template(self) -> str:
        """The partial that shows what was given and what is right."""
        return f"questions/{self.name}/feedback.html"


REGISTRY: dict[str, AppType] = {
    name: AppType(name, bank_type.label) for name, bank_type in BANK_TYPES.items()
}

__all__ = ["REGISTRY", "AppType"]
