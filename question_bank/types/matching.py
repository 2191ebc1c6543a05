"""Matching: three or four questions of one topic with answers of one fine kind,
none of which gives away another's answer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from question_bank.fact import Fact
from question_bank.gate import GateContext, rule
from question_bank.gate.rules import LOW_VALUE
from question_bank.generator import link, short_hash
from question_bank.kinds import fine_kind
from question_bank.norm import contains as _contains
from question_bank.norm import normalise
from question_bank.question import Question
from question_bank.types.base import QuestionType, register

if TYPE_CHECKING:
    from question_bank.generator import Generator

_RANK = {"core": 0, "supporting": 1, "detail": 2}
# Answers of these fine kinds are alike in form (all people, all years, all
# countries...), so no stem's wording picks its answer; a set of terms ("freedom",
# "Kremlin doctor", "espionage") is solved by each stem's grammar.
MATCHABLE = frozenset({
    "person:person", "person:surname", "person:woman", "date:year", "date:month-year",
    "date:full-date", "place:country", "place:named",
})  # fmt: skip
_NOUN = {"person": "the person", "date": "the date", "place": "the place"}
_SMALL = {"the", "a", "an", "of", "and", "in", "on", "to", "for", "de", "von", "la"}


def gives_away(stem: str, answer: str) -> str | None:
    """Why `stem` gives `answer` away: a word of it, or its initials, are in the stem."""
    for word in normalise(answer).split():
        if len(word) > 2 and word not in _SMALL and _contains(stem, word):
            return f"the stem {stem[:50]!r} contains {word!r} of its answer"
    initials = "".join(w[0] for w in answer.split() if w[:1].isupper())
    for match in re.finditer(r"\b(?:[A-Z]\.\s*){1,3}", stem):
        letters = re.sub(r"[^A-Z]", "", match.group(0))
        if letters and initials.startswith(letters):
            return f"the stem {stem[:50]!r} gives the initials of its answer"
    return None


@rule("matching-stems-independent")
def matching_stems_independent(q: Question, ctx: GateContext) -> str | None:
    """No stem contains another pair's answer, or its own answer's words or initials."""
    for i, (stem, answer) in enumerate(q.pairs):
        own = gives_away(stem, answer)
        if own:
            return own
        for j, (_, other) in enumerate(q.pairs):
            if i != j and _contains(stem, other):
                return f"the stem {stem[:50]!r} contains another pair's answer {other!r}"
    return None


@rule("matching-answers-of-one-kind")
def matching_answers_of_one_kind(q: Question, ctx: GateContext) -> str | None:
    """Every answer of a matching set is of one fine kind, and one whose answers
    are alike in form (people, dates, places), not terms each stem's grammar picks."""
    kinds = set()
    for fact_id, (_, answer) in zip(q.fact_ids, q.pairs, strict=False):
        fact = ctx.fact(fact_id)
        kinds.add(fine_kind(answer, fact.answer_type if fact else ""))
    if len(kinds) > 1:
        return f"the answers are of several kinds: {sorted(kinds)}"
    if kinds and not kinds <= MATCHABLE:
        return f"the answers are {kinds.pop()}s, which differ in form from stem to stem"
    return None


@rule("matching-not-trivia")
def matching_not_trivia(q: Question, ctx: GateContext) -> str | None:
    """A matching set asks for nothing a teacher rates as trivia (`detail`)."""
    for fact_id in q.fact_ids:
        fact = ctx.fact(fact_id)
        if fact and fact.importance == "detail":
            return f"{fact_id} is detail, trivia in a matching set"
    return None


def fits(gen: Generator, fact: Fact, group: list[Fact]) -> bool:
    """Can `fact` join `group` without any stem giving another pair away?"""
    if gives_away(fact.question, fact.answer) or LOW_VALUE.search(fact.question):
        return False
    if fact.importance == "detail":
        return False
    right = gen.gate.right_answers(fact)
    for other in group:
        if fact.group and other.group == fact.group:
            return False  # two members of one list: either answer fits either stem
        if _contains(fact.question, other.answer) or _contains(other.question, fact.answer):
            return False
        if right & gen.gate.right_answers(other):
            return False
    return True


def groups(gen: Generator, pool: list[Fact]) -> list[list[Fact]]:
    done: list[list[Fact]] = []
    group: list[Fact] = []
    for fact in pool:
        if fits(gen, fact, group):
            group.append(fact)
        if len(group) == 4:
            done.append(group)
            group = []
    if len(group) >= 3:
        done.append(group)
    return done


@register
class Matching(QuestionType):
    name = "matching"
    label = "Matching"
    position = 5
    response = "pairs"
    rules = (matching_stems_independent, matching_answers_of_one_kind, matching_not_trivia)

    def generate(self, gen: Generator) -> list[Question]:
        questions = []
        for topic_id in sorted(gen.base.topics):
            topic = gen.base.topics[topic_id]
            kinds = sorted({k for (k, t) in gen.by_kind_topic if t == topic_id} & MATCHABLE)
            for kind in kinds:
                for group in groups(gen, gen.by_kind_topic[(kind, topic_id)]):
                    questions.append(self.question(gen, topic_id, topic.title, group))
        return questions

    def question(self, gen: Generator, topic_id: str, title: str, group: list[Fact]) -> Question:
        ids = [f.id for f in group]
        ranks = sorted(_RANK[f.importance] for f in group)
        importance = next(k for k, v in _RANK.items() if v == ranks[len(ranks) // 2])
        return Question(
            id=f"match:{topic_id}:{group[0].answer_type}:{short_hash(ids)}",
            type=self.name,
            fact_id=group[0].id,
            # "—", not a colon: titles have colons of their own ("First trial: the Sixteen")
            prompt=f"{title} — match each question to {_NOUN[group[0].answer_type]} it asks for.",
            answer="; ".join(f"{f.question} → {f.answer}" for f in group),
            pairs=tuple((f.question, f.answer) for f in group),
            source=link(group[0]),
            links=tuple(link(f) for f in group[1:]),
            explanation=" ".join(f.statement for f in group),
            topics=(topic_id,),
            people=tuple(dict.fromkeys(p for f in group for p in f.people)),
            fact_ids=tuple(ids),
            importance=importance,
        )
