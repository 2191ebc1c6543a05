"""Multiple choice: the fact's question, its answer and three wrong options of
the same fine kind (curated first), each with why it is wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING

from question_bank.gate.rules import OPTION_RULES, disputed_names_source
from question_bank.question import Option, Question
from question_bank.types.base import QuestionType, register

if TYPE_CHECKING:
    from question_bank.generator import Generator, Slot


@register
class MultipleChoice(QuestionType):
    name = "mcq"
    label = "Multiple choice"
    position = 1
    response = "choice"
    rules = (*OPTION_RULES, disputed_names_source)

    def generate(self, gen: Generator) -> list[Slot]:
        slots: list[Slot] = []
        for fact in gen.answerable:
            qid = f"{fact.id}:mcq"
            rng = gen.rng(qid)
            sets = gen.distractor_sets(fact, rng)
            if not sets:
                gen.skip(self.name, fact.id, "no three fair distractors of the key's kind")
                continue
            if fact.distractors:
                gen.from_curated(qid)
            drafts = []
            for wrong in sets:
                options = [Option(fact.answer, True, fact.id, gen.proof(fact)), *wrong]
                rng.shuffle(options)
                drafts.append(
                    Question(
                        id=qid,
                        type=self.name,
                        prompt=fact.question,
                        answer=fact.answer,
                        options=tuple(options),
                        explanation=f"{fact.statement} {gen.proof(fact)}",
                        **gen.common(fact),
                    )
                )
            slots.append(tuple(drafts))
        return slots
