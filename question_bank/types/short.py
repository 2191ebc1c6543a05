"""Short answer: the fact's question, typed; every recorded form is accepted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from question_bank.gate import GateContext, rule
from question_bank.gate.rules import disputed_names_source
from question_bank.generator import contains_key, is_same_answer
from question_bank.kinds import open_phrase
from question_bank.question import Question
from question_bank.types.base import QuestionType, register

if TYPE_CHECKING:
    from question_bank.generator import Generator


@rule("rejects-are-wrong")
def rejects_are_wrong(q: Question, ctx: GateContext) -> str | None:
    """No rejected answer is an accepted one or a variant of the answer's person."""
    fact = ctx.fact(q.fact_id)
    right = ctx.right_answers(fact) if fact else set()
    for rejected in q.reject:
        if is_same_answer(rejected, q.accepted, right, ctx):
            return f"the rejected answer {rejected!r} is a right answer"
    return None


@rule("rejects-do-not-contain-key")
def rejects_do_not_contain_key(q: Question, ctx: GateContext) -> str | None:
    """No rejected answer contains the key whole ("Comrade Stalin", "by torture"):
    it says the right answer and more."""
    for rejected in q.reject:
        form = contains_key(rejected, q.accepted)
        if form:
            return f"the rejected answer {rejected!r} contains the right answer {form!r}"
    return None


@rule("accepts-person-variants")
def accepts_person_variants(q: Question, ctx: GateContext) -> str | None:
    """A typed answer naming a person accepts each recorded spelling of the name."""
    from question_bank.grading import grade_text

    for answer in q.accepted:
        for variant in sorted(ctx.same_person(answer)):
            if not grade_text(variant, q.accepted, q.reject).correct:
                return f"the recorded variant {variant!r} of {answer!r} is not accepted"
    return None


@rule("typed-answer-is-fixed")
def typed_answer_is_fixed(q: Question, ctx: GateContext) -> str | None:
    """A typed item asks for a name, a date, a number or a fixed term a student
    types in one accepted form ("Vyshinsky", "August 1936", "show trials"), never
    an open phrase ("to ascertain the truth", "withdrew his confession"), whose
    right paraphrases no accepted list can foresee."""
    fact = ctx.fact(q.fact_id)
    return open_phrase(q.answer, fact.answer_type, q.accepted) if fact else None


TEXT_RULES = (
    typed_answer_is_fixed,
    rejects_are_wrong,
    rejects_do_not_contain_key,
    accepts_person_variants,
    disputed_names_source,
)


@register
class ShortAnswer(QuestionType):
    name = "short"
    label = "Short answer"
    position = 4
    response = "text"
    rules = TEXT_RULES

    def generate(self, gen: Generator) -> list[Question]:
        questions = []
        for fact in gen.answerable:
            if fact.answer_mode == "choice":
                continue  # many typed answers would be right
            if not gen.wanted(fact, self.name):
                gen.skip(self.name, fact.id, "a detail fact is asked once, as multiple choice")
                continue
            refusal = gen.typed_refusal(fact)
            if refusal:
                gen.skip(self.name, fact.id, refusal)
                continue
            questions.append(
                Question(
                    id=f"{fact.id}:short",
                    type=self.name,
                    prompt=fact.question,
                    answer=fact.answer,
                    accepted=gen.accepted(fact),
                    reject=gen.reject_list(fact),
                    explanation=f"{fact.statement} {gen.proof(fact)}",
                    **gen.common(fact),
                )
            )
        return questions
