"""Chronological order: four events, each a complete clause with its date taken
out (never cut with "…"), none whose date the bank records as disputed."""

from __future__ import annotations

import calendar
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

YEAR = re.compile(r"\b(?:1\d|20)\d\d(?:s\b|\b)")  # 1000-2099: a source of any age
_PREPOSITION = r"(?:in|on|from|at|during|by|between|since|until|of|to|after|before)"
_DANGLING_END = re.compile(
    rf"\b(?:{_PREPOSITION[3:-1]}|the|a|an|and|or|was|were|is|which|that|dates|least|only)\s*[.?!]?$",
    re.I,
)


_MONTHS = list(calendar.month_name)[1:]  # January … December


def human_date(date: str | None) -> str:
    """'1937-06-11' -> '11 June 1937', '1934-12' -> 'December 1934'."""
    parts = (date or "").split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


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
    rf"(?:1\d|20)\d\d"
)
# "... was born in 1894." / "... was shot on 28 November 1937, ..." / "In 1945 ..."
_TRAILING_DATE = re.compile(rf"\s+(?:in|on|during)\s+{_WHEN}(?=$|,)")
_LEADING_DATE = re.compile(rf"^(?:In|On|During)\s+{_WHEN},?\s+")
_INSET_DATE = re.compile(rf",\s+(?:in|on|during)\s+{_WHEN},")


# Themes whose dated facts are not events of the trials' story (a film, a minor
# figure's later life, an argument about Stalinism).
OFF_STORY_TOPICS = frozenset({"culture", "foreign-victims", "stalinism", "general"})
# "The essay says ..." reports a source, not an event; the event is what follows.
_REPORTED = re.compile(
    r"^(?:According to (?:the )?(?:essay|encyclopedia|[A-Z][\w’']+(?:'s)? (?:essay|speech))"
    r",\s*|The (?:essay|encyclopedia) (?:says|states|reports|notes) (?:that )?)"
)
# a clause about what someone said, wrote or judged is not an event to put in order
_SAYING = re.compile(
    r"\b(?:said|says|stated|states|wrote|writes|noted|notes|called|calls|argued|claimed|"
    r"described|told|believed|considered|viewed|saw|declared|statement|praised|"
    r"according|evidence|alleged(?:ly)?|accused of|asked|words)\b",
    re.I,
)
_NOT_AN_EVENT_START = re.compile(r"^(?:Whether|If|Although|Though|While|As)\b")
# "the next day", "that month": placed only by an event the set does not show
_RELATIVE_TIME = re.compile(
    r"\b(?:the (?:next|same|following|previous) (?:day|week|month|year)|that (?:day|month|year)"
    r"|the day before|shortly (?:after|before)wards?|later that)\b",
    re.I,
)


def is_story_event(fact: Fact) -> bool:
    """Is the fact an event of the trials' story worth placing on a timeline (not
    trivia, not a statement, not a minor figure's life)?"""
    return fact.importance != "detail" and not set(fact.topics) <= OFF_STORY_TOPICS


def event_flaw(clause: str) -> str | None:
    """Why a clause is not an event: it reports what was said, or is a condition."""
    if _SAYING.search(clause):
        return f"{clause!r} reports what was said, not an event"
    if _NOT_AN_EVENT_START.match(clause):
        return f"{clause!r} is not an event"
    if _RELATIVE_TIME.search(clause):
        return f"{clause!r} is dated only relative to an event not shown"
    return None


def event_clause(fact: Fact) -> str | None:
    """The statement as a complete clause without its date, or None."""
    label = _REPORTED.sub("", fact.statement.strip()).rstrip(".")
    if fact.answer_type == "date":
        # only "... in 1936" or "... on 29 January, ..." comes out whole
        pattern = rf"\s+(?:in|on|during)\s+(?:the\s+)?{re.escape(fact.answer)}(?=$|,)"
        label = re.sub(pattern, "", label, count=1)
    label = _INSET_DATE.sub("", label, count=1)
    label = _TRAILING_DATE.sub("", label, count=1)
    label = _LEADING_DATE.sub("", label, count=1)
    label = re.sub(r"\s+", " ", label).strip(" ,;:")
    stop = "" if re.search(r"[.?!][”’\"')]*$", label) else "."
    label = label[:1].upper() + label[1:] + stop
    return None if clause_flaw(label) or event_flaw(label) else label


@rule("ordering-items-complete")
def ordering_items_complete(q: Question, ctx: GateContext) -> str | None:
    """Each event is a complete clause: no "…", no cut-off date, no year given away."""
    for item in q.items:
        flaw = clause_flaw(item)
        if flaw:
            return f"an event is not a complete clause: {flaw}"
    return None


@rule("ordering-items-are-events")
def ordering_items_are_events(q: Question, ctx: GateContext) -> str | None:
    """Each item is an event of the trials' story: not a statement, not trivia."""
    for item in q.items:
        flaw = event_flaw(item)
        if flaw:
            return flaw
    for fact_id in q.fact_ids:
        fact = ctx.fact(fact_id)
        if fact and not is_story_event(fact):
            return f"{fact_id} is not an event of the trials' story (trivia or off the story)"
    return None


@rule("ordering-dates-undisputed")
def ordering_dates_undisputed(q: Question, ctx: GateContext) -> str | None:
    """No event's date is one the bank records as disputed."""
    disputed = [f for f in q.fact_ids if f in ctx.disputed]
    return f"the date of {disputed[0]} is disputed" if disputed else None


USES = 3  # how many sets one event may serve in


@register
class Ordering(QuestionType):
    name = "ordering"
    label = "Chronological order"
    position = 6
    response = "sequence"
    rules = (ordering_items_complete, ordering_items_are_events, ordering_dates_undisputed)

    def generate(self, gen: Generator) -> list[Question]:
        events: list[tuple[Fact, str]] = []
        clauses: set[str] = set()
        for fact in gen.answerable:
            if not fact.date or fact.id in gen.disputed or not is_story_event(fact):
                continue
            clause = event_clause(fact)
            if clause and clause not in clauses:
                clauses.add(clause)
                events.append((fact, clause))
        events.sort(key=lambda pair: (pair[0].date or "", pair[0].id))
        return self.sets(events)

    def groups(self, ordered: list[tuple[Fact, str]]) -> list[list[tuple[Fact, str]]]:
        """Sets of four events of four different years, a quarter of the timeline
        apart, so that each can be placed ("1937" and "1937-06" could not be); each
        event serves in at most USES sets."""
        by_year: dict[str, list[tuple[Fact, str]]] = {}
        for event in ordered:
            by_year.setdefault((event[0].date or "")[:4], []).append(event)
        uses: dict[str, int] = {}
        done: list[list[tuple[Fact, str]]] = []
        seen: set[tuple[str, ...]] = set()
        for turn in range(len(ordered) * USES):
            years = [
                y
                for y, evs in sorted(by_year.items())
                if any(uses.get(f.id, 0) < USES for f, _ in evs)
            ]
            if len(years) < 4:
                break
            step = len(years) // 4
            picked = [years[(turn % step) + k * step] for k in range(4)]
            group = [
                min(
                    (e for e in by_year[y] if uses.get(e[0].id, 0) < USES),
                    key=lambda e: (uses.get(e[0].id, 0), e[0].id),
                )
                for y in picked
            ]
            key = tuple(f.id for f, _ in group)
            for fact, _ in group:
                uses[fact.id] = uses.get(fact.id, 0) + 1
            if key not in seen:
                seen.add(key)
                done.append(group)
        return done

    def sets(self, ordered: list[tuple[Fact, str]]) -> list[Question]:
        """Ordering items of four events each (see `groups`)."""
        questions = []
        for group in self.groups(ordered):
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
                    explanation=" ".join(f"{human_date(f.date)}: {f.statement}" for f in facts),
                    topics=tuple(dict.fromkeys(t for f in facts for t in f.topics)),
                    people=tuple(dict.fromkeys(p for f in facts for p in f.people)),
                    fact_ids=tuple(ids),
                    importance="core" if core >= 2 else "supporting",
                )
            )
        return questions
