"""Chronological order: four events, each a complete clause with its date taken
out (never cut with "…"), none whose date the bank records as disputed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from question_bank.fact import Fact
from question_bank.gate import GateContext, rule
from question_bank.generator import link, short_hash
from question_bank.question import Question
from question_bank.text import sentence_flaw, words
from question_bank.types.base import QuestionType, register

if TYPE_CHECKING:
    from question_bank.generator import Generator

YEAR = re.compile(r"\b1[89]\d\d(?:s\b|\b)")
_PREPOSITION = r"(?:in|on|from|at|during|by|between|since|until|of|to|after|before)"
_DANGLING_END = re.compile(
    rf"\b(?:{_PREPOSITION[3:-1]}|the|a|an|and|or|was|were|is|which|that|dates|least|only)\s*[.?!]?$",
    re.I,
)


def clause_flaw(item: str) -> str | None:
    if "…" in item or "..." in item or ",," in item or " ," in item:
        return f"{item!r} has words cut out with '…'"
    flaw = sentence_flaw(item)
    if flaw:
        return flaw
    if len(words(item)) < 4:
        return f"{item!r} is too short to be an event"
    if _DANGLING_END.search(item):
        return f"{item!r} ends where words were cut"
    if YEAR.search(item):
        return f"{item!r} gives its year away"
    return None


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_WHEN = (
    rf"(?:the\s+)?(?:(?:early|late|mid|summer|spring|autumn|winter|beginning|end)\s+(?:of\s+)?)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTH}\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?"
    rf"1[89]\d\d"
)
# "... was born in 1894." / "... was shot on 28 November 1937, ..." / "In 1945 ..."
_TRAILING_DATE = re.compile(rf"\s+(?:in|on|during)\s+{_WHEN}(?=$|,)")
_LEADING_DATE = re.compile(rf"^(?:In|On|During)\s+{_WHEN},?\s+")
_INSET_DATE = re.compile(rf",\s+(?:in|on|during)\s+{_WHEN},")


def event_clause(fact: Fact) -> str | None:
    """The statement as a complete clause without its date, or None."""
    label = fact.statement.strip().rstrip(".")
    if fact.answer_type == "date":
        # only "... in 1936" or "... on 29 January, ..." comes out whole
        pattern = rf"\s+(?:in|on|during)\s+(?:the\s+)?{re.escape(fact.answer)}(?=$|,)"
        label = re.sub(pattern, "", label, count=1)
    label = _INSET_DATE.sub("", label, count=1)
    label = _TRAILING_DATE.sub("", label, count=1)
    label = _LEADING_DATE.sub("", label, count=1)
    label = re.sub(r"\s+", " ", label).strip(" ,;:")
    label = label[:1].upper() + label[1:] + "."
    return None if clause_flaw(label) else label


@rule("ordering-items-complete")
def ordering_items_complete(q: Question, ctx: GateContext) -> str | None:
    """Each event is a complete clause: no "…", no cut-off date, no year given away."""
    for item in q.items:
        flaw = clause_flaw(item)
        if flaw:
            return f"an event is not a complete clause: {flaw}"
    return None


@rule("ordering-dates-undisputed")
def ordering_dates_undisputed(q: Question, ctx: GateContext) -> str | None:
    """No event's date is one the bank records as disputed."""
    disputed = [f for f in q.fact_ids if f in ctx.disputed]
    return f"the date of {disputed[0]} is disputed" if disputed else None


@register
class Ordering(QuestionType):
    name = "ordering"
    label = "Chronological order"
    position = 6
    response = "sequence"
    rules = (ordering_items_complete, ordering_dates_undisputed)

    def generate(self, gen: Generator) -> list[Question]:
        by_date: dict[str, list[tuple[Fact, str]]] = {}
        clauses: set[str] = set()
        for fact in gen.answerable:
            if not fact.date or fact.id in gen.disputed:
                continue
            clause = event_clause(fact)
            if clause and clause not in clauses:
                clauses.add(clause)
                by_date.setdefault(fact.date, []).append((fact, clause))
        questions = []
        # round r takes the r-th event of each date, so no set has two of one date
        for r in range(max((len(v) for v in by_date.values()), default=0)):
            ordered = [by_date[d][r] for d in sorted(by_date) if len(by_date[d]) > r]
            questions.extend(self.sets(ordered))
        return questions

    def sets(self, ordered: list[tuple[Fact, str]]) -> list[Question]:
        """Four events a quarter of the timeline apart, so that each can be placed."""
        count = len(ordered) // 4
        questions = []
        for i in range(count):
            group = [ordered[i + k * count] for k in range(4)]
            dates = [f.date or "" for f, _ in group]
            if any(a != b and b.startswith(a) for a in dates for b in dates):
                continue  # "1937" and "1937-06" cannot be put in order
            facts = [f for f, _ in group]
            ids = [f.id for f in facts]
            labels = [c for _, c in group]
            core = sum(f.importance == "core" for f in facts)
            questions.append(
                Question(
                    id=f"order:{short_hash(ids)}",
                    type=self.name,
                    fact_id=facts[0].id,
                    prompt="Put these events in chronological order, earliest first.",
                    answer=" → ".join(labels),
                    items=tuple(labels),
                    source=link(facts[0]),
                    links=tuple(link(f) for f in facts[1:]),
                    explanation=" ".join(f"{f.date}: {f.statement}" for f in facts),
                    topics=tuple(dict.fromkeys(t for f in facts for t in f.topics)),
                    people=tuple(dict.fromkeys(p for f in facts for p in f.people)),
                    fact_ids=tuple(ids),
                    importance="core" if core >= 2 else "supporting",
                )
            )
        return questions
