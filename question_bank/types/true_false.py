"""True or false: the fact's statement (true), and the curated false statements,
each contradicted by a passage of a source. A false statement is never made by
swapping another answer in: the result is often not false, or not English."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from question_bank.gate import GateContext, rule
from question_bank.gate.rules import disputed_names_source
from question_bank.norm import normalise
from question_bank.question import Option, Question, SourceLink
from question_bank.types.base import QuestionType, register

if TYPE_CHECKING:
    from question_bank.generator import Generator


@rule("false-statement-is-curated")
def false_statement_is_curated(q: Question, ctx: GateContext) -> str | None:
    """A false statement is one a curator wrote with the passage contradicting it."""
    if q.answer != "False":
        return None
    fact = ctx.fact(q.fact_id)
    curated = {normalise(f.text) for f in fact.false_statements} if fact else set()
    # a disputed fact's statement is asked with its source named in front
    bare = re.sub(r"^According to (?:the )?\w+, ", "", q.prompt)
    if normalise(q.prompt) not in curated and normalise(bare[:1].upper() + bare[1:]) not in curated:
        return "the false statement is not one of the fact's curated false statements"
    return None


@rule("explanation-says-why")
def explanation_says_why(q: Question, ctx: GateContext) -> str | None:
    """The explanation says why, rather than repeating the statement."""
    if "“" in q.explanation and "”" in q.explanation:
        return None  # it quotes the passage that proves or contradicts the statement
    new = set(normalise(q.explanation).split()) - set(normalise(q.prompt).split())
    if len(new - {"true", "false"}) < 3:
        return "the explanation only repeats the statement"
    return None


@register
class TrueFalse(QuestionType):
    name = "true_false"
    label = "True or false"
    position = 2
    response = "choice"
    rules = (false_statement_is_curated, explanation_says_why, disputed_names_source)

    def generate(self, gen: Generator) -> list[Question]:
        questions = []
        for fact in gen.answerable:
            if not gen.wanted(fact, self.name):
                gen.skip(self.name, fact.id, "a detail fact is asked once, as multiple choice")
                continue
            source = gen.base.sources.get(fact.source_id)
            if not fact.false_statements and source is not None and not source.builtin:
                # a teacher's source whose facts have no false statement would
                # give true/false items that are all true: none is asked
                gen.skip(self.name, fact.id, "no false statement: every item would be true")
                continue
            questions.append(
                Question(
                    id=f"{fact.id}:tf-true",
                    type=self.name,
                    prompt=fact.statement,
                    answer="True",
                    options=(
                        Option("True", True, fact.id),
                        Option("False", False, fact.id, f"It is true. {gen.proof(fact)}"),
                    ),
                    explanation=f"True. {gen.proof(fact)}",
                    **gen.common(fact),
                )
            )
            for n, false in enumerate(fact.false_statements, start=1):
                # the whole sentence around the contradicting quote, never a bare
                # fragment ("took place in the summer of 1936.")
                where = replace(
                    fact, source_id=false.source_id, start=false.start, end=false.end,
                    quote=false.quote,
                )  # fmt: skip
                why = " ".join(filter(None, (false.why, gen.proof(where))))
                common = gen.common(fact)
                proof = SourceLink(false.source_id, false.start, false.end, false.quote, fact.id)
                common["source"] = proof
                questions.append(
                    Question(
                        id=gen.from_curated(f"{fact.id}:tf-false" + (f"-{n}" if n > 1 else "")),
                        type=self.name,
                        prompt=false.text,
                        answer="False",
                        options=(
                            Option("True", False, fact.id, why),
                            Option("False", True, fact.id),
                        ),
                        explanation=f"False. {why}",
                        **common,
                    )
                )
            if not fact.false_statements:
                gen.skip(self.name, fact.id, "no curated false statement")
        return questions
