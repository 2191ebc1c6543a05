"""Which source says it? A claim in neutral words (the curated `claim`, or the
statement with its source's name taken out), answered by the encyclopedia, the
essay, both sources or neither."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from question_bank.fact import Fact
from question_bank.gate import GateContext, rule
from question_bank.gate.rules import no_source_named
from question_bank.generator import link
from question_bank.material import names_a_source
from question_bank.question import Option, Question
from question_bank.types.base import QuestionType, register

if TYPE_CHECKING:
    from question_bank.generator import Generator

BOTH_SOURCES = "Both sources"
NEITHER_SOURCE = "Neither source"
_VERBS = r"(?:says|states|reports|writes|claims|notes|records|adds|argues|explains|insists)"


def neutral(statement: str, names: list[str]) -> str | None:
    """The statement without "According to the essay," or "The encyclopedia says
    that"; None when a source is still named."""
    text = statement.strip()
    for name in names:
        n = re.escape(name)
        text = re.sub(rf"^According to (?:the )?{n}(?: article)?,\s*", "", text, flags=re.I)
        text = re.sub(rf"^(?:The )?{n} {_VERBS} (?:that )?", "", text, flags=re.I)
    if not text or names_a_source(text, names):
        return None
    return text[0].upper() + text[1:]


def source_option(gen: Generator, source_id: str) -> str:
    """'The encyclopedia, “Moscow trials”': the source, with its title as a title."""
    source = gen.base.sources[source_id]
    return f"{source.short_title.capitalize()}, “{source.title}”"


@rule("both-only-when-corroborated")
def both_only_when_corroborated(q: Question, ctx: GateContext) -> str | None:
    """ "Both sources" is the key only for a fact the other source states too."""
    fact = ctx.fact(q.fact_id)
    if q.answer == BOTH_SOURCES and not (fact and ctx.corroborating.get(fact.id)):
        return "keyed 'Both sources' but no fact of the other source says the same"
    return None


@rule("both-quotes-both")
def both_quotes_both(q: Question, ctx: GateContext) -> str | None:
    """A "Both sources" item's explanation quotes a passage of each source."""
    if q.answer != BOTH_SOURCES:
        return None
    for source in ctx.base.sources.values():
        if f"{source.short_title.capitalize()} says: “" not in q.explanation:
            return f"keyed 'Both sources' but the explanation quotes nothing of {source.id}"
    return None


@rule("four-source-options")
def four_source_options(q: Question, ctx: GateContext) -> str | None:
    """The options are each source, both and neither."""
    texts = [o.text for o in q.options]
    if len(texts) != 4 or BOTH_SOURCES not in texts or NEITHER_SOURCE not in texts:
        return f"the options are not each source, both and neither: {texts}"
    return None


@register
class Attribution(QuestionType):
    name = "attribution"
    label = "Which source says it?"
    position = 7
    response = "choice"
    rules = (no_source_named, both_only_when_corroborated, both_quotes_both, four_source_options)

    def claim_and_key(self, gen: Generator, fact: Fact) -> tuple[str | None, str | None]:
        own = source_option(gen, fact.source_id)
        # what the other source says too is "Both sources", even an opinion or a
        # fact of a dispute ("Pyatakov was shot": the essay has them all shot);
        # asked once, from the fact that comes first
        if fact.corroborated_by:
            if fact.id > min(fact.corroborated_by):
                return None, None
            claim = fact.claim if fact.is_opinion else neutral(fact.statement, gen.gate.names)
            return claim or None, BOTH_SOURCES
        if fact.is_opinion:
            return fact.claim or neutral(fact.statement, gen.gate.names), own
        between = any(d.kind == "between-sources" for d in gen.base.disputes_of(fact.id))
        if fact.id in gen.disputed and between:
            return neutral(fact.statement, gen.gate.names), own
        return None, None

    def generate(self, gen: Generator) -> list[Question]:
        if len(gen.base.sources) != 2:
            return []
        options = [source_option(gen, s) for s in sorted(gen.base.sources)]
        options += [BOTH_SOURCES, NEITHER_SOURCE]
        questions = []
        for fact in gen.facts:
            claim, answer = self.claim_and_key(gen, fact)
            if answer is None:
                continue
            if claim is None:
                gen.skip(self.name, fact.id, "no neutral claim (the statement names a source)")
                continue
            if fact.claim:
                gen.from_curated(f"{fact.id}:attribution")
            others = [gen.base.facts[o] for o in fact.corroborated_by if o in gen.base.facts]
            said = "Both sources say so." if answer == BOTH_SOURCES else f"{answer} says so."
            proofs = [gen.proof(fact)]
            if answer == BOTH_SOURCES:  # the other source's passage, that says the same
                proofs += [gen.proof(o) for o in others if o.source_id != fact.source_id][:1]
            common = gen.common(fact)
            common["fact_ids"] = (fact.id, *(o.id for o in others))
            questions.append(
                Question(
                    id=f"{fact.id}:attribution",
                    type=self.name,
                    prompt=f"Which source makes this claim? {claim}",
                    answer=answer,
                    options=tuple(
                        Option(text, text == answer, fact.id if text == answer else None)
                        for text in options
                    ),
                    links=tuple(link(o) for o in others),
                    explanation=" ".join([said, fact.statement, *proofs]),
                    **common,
                )
            )
        return questions
