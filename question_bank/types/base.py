"""The registry of question types and what every type has."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

from question_bank.grading import grade_choice, grade_text

if TYPE_CHECKING:
    from question_bank.gate import Rule
    from question_bank.generator import Generator, Slot

Response = Literal["choice", "text", "pairs", "sequence"]


class QuestionType:
    """A question type. Subclasses set `name`, `label`, `response` and `rules`,
    and implement `generate`."""

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""
    position: ClassVar[int] = 0  # where the type comes in lists of types
    response: ClassVar[Response] = "choice"
    # the gate's rules for this type, on top of the rules every item must pass
    rules: ClassVar[tuple[Rule, ...]] = ()

    def generate(self, gen: Generator) -> Sequence[Slot]:
        """The type's items: each a question, or drafts in order of preference."""
        raise NotImplementedError

    def grade(self, question: dict[str, Any], response: Any) -> tuple[bool, float, str]:
        """(correct, score 0-1, message) against the question's exported form."""
        if self.response == "choice":
            verdict = grade_choice(str(response or ""), question["answer"])
            return verdict.correct, float(verdict.correct), verdict.reason
        if self.response == "text":
            verdict = grade_text(
                str(response or ""),
                question["accepted"],
                question["reject"],
                context=question.get("prompt", ""),  # the year a date answer may leave out
            )
            return verdict.correct, float(verdict.correct), verdict.reason
        if self.response == "pairs":
            rights = [right for _, right in question["pairs"]]
            given = list(response or [])
            hits = sum(1 for a, b in zip(given, rights, strict=False) if a == b)
            score = hits / len(rights) if rights else 0.0
            return hits == len(rights), score, f"{hits} of {len(rights)} pairs right."
        correct_order = list(question["items"])
        given = list(response or [])
        hits = sum(1 for a, b in zip(given, correct_order, strict=False) if a == b)
        ok = given == correct_order
        return ok, 1.0 if ok else hits / len(correct_order), f"{hits} in the right place."


REGISTRY: dict[str, QuestionType] = {}

T = TypeVar("T", bound=type[QuestionType])


def register(cls: T) -> T:
    """Class decorator: make the type known to the generator, gate and grading."""
    if not cls.name or cls.name in REGISTRY:
        raise ValueError(f"question type {cls.name!r} is unnamed or registered twice")
    REGISTRY[cls.name] = cls()
    ordered = sorted(REGISTRY.values(), key=lambda t: t.position)
    REGISTRY.clear()
    REGISTRY.update((t.name, t) for t in ordered)
    return cls


__all__ = ["REGISTRY", "QuestionType", "Response", "register"]
