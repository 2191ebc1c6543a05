"""The item-quality gate: named rules that find the flaws a textbook's reviewer
would reject (see ../shared/QUESTION_QUALITY.md). An item that fails any rule is
not published; `python -m question_bank check` lists it with the rule and why.

Every item passes the rules in `COMMON_RULES`; each question type adds its own
(`question_bank/types/<type>.py`, `rules`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from question_bank.fact import Fact
from question_bank.loader import FactBase
from question_bank.material import source_names
from question_bank.norm import normalise
from question_bank.question import Question

Check = Callable[[Question, "GateContext"], "str | None"]


@dataclass(frozen=True)
class Rule:
    """A named check: returns why an item fails, or None when it passes."""

    name: str
    check: Check
    doc: str = ""

    def __call__(self, question: Question, ctx: GateContext) -> str | None:
        return self.check(question, ctx)


def rule(name: str) -> Callable[[Check], Rule]:
    """Decorator: `@rule("complete-sentence")` over `def f(q, ctx) -> str | None`."""

    def wrap(check: Check) -> Rule:
        return Rule(name, check, (check.__doc__ or "").strip().split("\n")[0])

    return wrap


@dataclass(frozen=True)
class Rejection:
    question: Question
    rule: str
    reason: str
    # built from hand-written item material (distractors, false statements, a
    # cloze, a claim, dispute readings): a curator must fix it
    curated: bool = False

    def __str__(self) -> str:
        mark = " (curated material)" if self.curated else ""
        return f"{self.question.id}: [{self.rule}] {self.reason}{mark}"


@dataclass
class GateContext:
    """What the rules need to know about the fact base, indexed once."""

    base: FactBase
    names: list[str] = field(default_factory=list)
    people_by_variant: dict[str, set[str]] = field(default_factory=dict)
    corroborating: dict[str, set[str]] = field(default_factory=dict)
    disputed: set[str] = field(default_factory=set)
    dispute_notes: set[str] = field(default_factory=set)
    # a normalised answer -> every form a fact accepts beside it: "Left Opposition"
    # is accepted for the Bolshevik-Leninists, so neither is wrong where the other is right
    synonyms: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, base: FactBase) -> GateContext:
        ctx = cls(base, source_names(base))
        by_variant: dict[str, set[str]] = defaultdict(set)
        owners: dict[str, set[str]] = defaultdict(set)
        for person in base.people.values():
            forms = {normalise(v) for v in (person.name, *person.variants) if v}
            for norm in forms:
                by_variant[norm] |= forms
                owners[norm].add(person.id)
        # a surname two people share ("Lurye") names neither of them for sure
        ctx.people_by_variant = {v: f for v, f in by_variant.items() if len(owners[v]) == 1}
        links: dict[str, set[str]] = defaultdict(set)
        for fact in base.facts.values():
            for other in fact.corroborated_by:
                links[fact.id].add(other)
                links[other].add(fact.id)
        ctx.corroborating = dict(links)
        synonyms: dict[str, set[str]] = defaultdict(set)
        for fact in base.facts.values():
            if fact.answer_type in ("date", "number"):
                continue  # "1936" accepted beside "summer of 1936" is no synonym of it
            forms = {normalise(a) for a in fact.answers if a}
            for norm in forms:
                synonyms[norm] |= forms
        ctx.synonyms = dict(synonyms)
        ctx.disputed = {fid for d in base.disputes.values() for fid in d.fact_ids}
        ctx.dispute_notes = {normalise(d.note) for d in base.disputes.values()}
        return ctx

    def fact(self, fact_id: str | None) -> Fact | None:
        return self.base.facts.get(fact_id or "")

    def same_person(self, text: str) -> set[str]:
        """The normalised recorded names of the person `text` names (empty if none)."""
        return self.people_by_variant.get(normalise(text), set())

    def right_answers(self, fact: Fact) -> set[str]:
        """Everything that is a right answer to the fact's question: its accepted
        forms, the recorded variants of its person, the same fact's answer in the
        other source."""
        right = {normalise(a) for a in fact.answers if a}
        for answer in list(right):
            right |= self.people_by_variant.get(answer, set())
            if fact.answer_type not in ("date", "number", "person"):
                right |= self.synonyms.get(answer, set())
        for other_id in self.corroborating.get(fact.id, ()):
            other = self.base.facts.get(other_id)
            if other is not None:
                right |= {normalise(a) for a in other.answers if a}
        return right


def rules_for(kind: str) -> tuple[Rule, ...]:
    from question_bank.gate.rules import COMMON_RULES
    from question_bank.types import REGISTRY

    own = REGISTRY[kind].rules if kind in REGISTRY else ()
    return (*COMMON_RULES, *own)


def failures(question: Question, ctx: GateContext) -> list[tuple[str, str]]:
    """Every (rule, reason) the item fails."""
    found = []
    for check in rules_for(question.type):
        reason = check(question, ctx)
        if reason:
            found.append((check.name, reason))
    return found


def run_gate(
    questions: Iterable[Question], base: FactBase, curated: Iterable[str] = ()
) -> tuple[tuple[Question, ...], tuple[Rejection, ...]]:
    """(the items that pass every rule, one rejection per failing rule of the rest)."""
    ctx = GateContext.of(base)
    hand_written = set(curated)
    passed: list[Question] = []
    rejected: list[Rejection] = []
    for question in questions:
        found = failures(question, ctx)
        if found:
            rejected.extend(
                Rejection(question, name, reason, question.id in hand_written)
                for name, reason in found
            )
        else:
            passed.append(question)
    return tuple(passed), tuple(rejected)


__all__ = ["GateContext", "Rejection", "Rule", "failures", "rule", "rules_for", "run_gate"]
