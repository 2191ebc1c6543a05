"""Where the sources disagree: a teaching item per recorded dispute, whose
options are readings of the same passages (what each source says, what does not
fit, what a historian would check), curated in facts/disputes.yaml."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from question_bank.gate import GateContext, rule
from question_bank.gate.rules import ODD_LENGTH
from question_bank.generator import link
from question_bank.material import names_a_source
from question_bank.norm import normalise
from question_bank.question import Option, Question
from question_bank.types.base import QuestionType, register

if TYPE_CHECKING:
    from question_bank.generator import Generator

MIN_OPTIONS = 4


@rule("dispute-readings")
def dispute_readings(q: Question, ctx: GateContext) -> str | None:
    """At least four readings, exactly one right, none another dispute's note."""
    if len(q.options) < MIN_OPTIONS:
        return f"{len(q.options)} options; a dispute item needs at least {MIN_OPTIONS}"
    own = {normalise(d.note) for d in ctx.base.disputes.values() if q.fact_id in d.fact_ids}
    for option in q.options:
        if normalise(option.text) in ctx.dispute_notes - own:
            return f"the option {option.text[:50]!r} is another dispute"
    return None


# An option that only denies what the prompt sets out is ruled out by the prompt.
_DENIAL = re.compile(
    r"^(?:There is no (?:problem|conflict|difficulty|contradiction|disagreement)|Nothing is wrong"
    r"|Nothing follows|(?:They|The (?:two )?(?:passages|sections|figures|sources)) "
    r"(?:fit|agree) exactly)\b",
    re.I,
)


@rule("dispute-options-are-readings")
def dispute_options_are_readings(q: Question, ctx: GateContext) -> str | None:
    """Every option reads the passages; none merely denies the problem the prompt
    sets out ("There is no problem: ..."), which the prompt itself rules out."""
    for option in q.options:
        if _DENIAL.match(option.text):
            return f"the option {option.text[:50]!r} only denies what the prompt sets out"
    return None


KEY_MARGIN = 1.1  # the key this much longer than every wrong reading stands out


@rule("dispute-key-not-longest")
def dispute_key_not_longest(q: Question, ctx: GateContext) -> str | None:
    """The key is not clearly the longest, most careful-sounding reading."""
    key = [o for o in q.options if o.correct]
    wrong = [len(o.text) for o in q.options if not o.correct]
    if len(key) == 1 and wrong and len(key[0].text) > KEY_MARGIN * max(wrong):
        return f"the key is longer than every wrong reading ({len(key[0].text)} vs {max(wrong)})"
    return None


# the cautious reader's words: a key that alone says them is guessed by its tone
_HEDGE = re.compile(
    r"\b(?:needs? checking|to check|would check|would ask|historians? would|the records decide"
    r"|probably|perhaps|cannot be sure|remains? to be (?:seen|checked))\b",
    re.I,
)


@rule("dispute-key-not-hedged")
def dispute_key_not_hedged(q: Question, ctx: GateContext) -> str | None:
    """The key is not the only reading that hedges ("... so a historian would
    check", "... needs checking"): the careful tone alone would give it away."""
    hedged = [(o, m) for o in q.options if (m := _HEDGE.search(o.text))]
    if len(hedged) == 1 and hedged[0][0].correct:
        return f"the key alone hedges: {hedged[0][1].group(0)!r}"
    return None


@rule("dispute-not-solvable-by-form")
def dispute_not_solvable_by_form(q: Question, ctx: GateContext) -> str | None:
    """The key is not the only option that names a source (or the only one that
    does not), nor much longer or shorter than the rest."""
    key = [o for o in q.options if o.correct]
    wrong = [o for o in q.options if not o.correct]
    if len(key) != 1 or not wrong:
        return None
    naming = [bool(names_a_source(o.text, ctx.names)) for o in wrong]
    mine = bool(names_a_source(key[0].text, ctx.names))
    if len(set(naming)) == 1 and mine != naming[0]:
        return "the key alone " + ("names" if mine else "does not name") + " a source"
    longest = max(len(o.text) for o in wrong)
    shortest = min(len(o.text) for o in wrong)
    if len(key[0].text) > ODD_LENGTH * longest or ODD_LENGTH * len(key[0].text) < shortest:
        return "the key is much longer or shorter than every other option"
    return None


@register
class DisputeType(QuestionType):
    name = "dispute"
    label = "Where the sources disagree"
    position = 8
    response = "choice"
    rules = (
        dispute_readings,
        dispute_options_are_readings,
        dispute_key_not_longest,
        dispute_key_not_hedged,
        dispute_not_solvable_by_form,
    )

    def generate(self, gen: Generator) -> list[Question]:
        questions = []
        for dispute in sorted(gen.base.disputes.values(), key=lambda d: d.id):
            facts = [gen.base.facts[f] for f in dispute.fact_ids if f in gen.base.facts]
            if len(facts) < 2 or not dispute.readings or not dispute.question:
                gen.skip(self.name, dispute.id, "no curated readings for the dispute")
                continue
            suffix = (
                "problem" if dispute.kind == "within-source" else min(f.source_id for f in facts)
            )
            qid = gen.from_curated(f"dispute:{dispute.id}:{suffix}")
            options = [
                Option(r.text, r.correct, facts[0].id if r.correct else None, r.why)
                for r in dispute.readings
            ]
            gen.rng(qid).shuffle(options)
            answer = next(o.text for o in options if o.correct)
            ranks = {"core": 0, "supporting": 1, "detail": 2}
            importance = min((f.importance for f in facts), key=ranks.__getitem__)
            questions.append(
                Question(
                    id=qid,
                    type=self.name,
                    fact_id=facts[0].id,
                    prompt=dispute.question,
                    answer=answer,
                    options=tuple(options),
                    source=link(facts[0]),
                    links=tuple(link(f) for f in facts[1:]),
                    explanation=dispute.note,
                    topics=tuple(dict.fromkeys(t for f in facts for t in f.topics)),
                    people=tuple(dict.fromkeys(p for f in facts for p in f.people)),
                    fact_ids=tuple(f.id for f in facts),
                    importance=importance,
                )
            )
        return questions
