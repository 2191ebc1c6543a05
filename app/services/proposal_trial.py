"""How good the proposals of a text are: each proposal taken as it is, checked
as a curated fact is, and the questions its facts generate counted by type.
Pure: no database, so a script or a test can run it on any text."""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from dataclasses import dataclass, field

import question_bank as qb
from app.services.proposals import Proposal, propose
from question_bank.fact import Fact as BankFact
from question_bank.fact import FalseStatement
from question_bank.fact import Topic as BankTopic
from question_bank.loader import FactBase, fact_problems
from question_bank.source import Source as BankSource

TOPIC = "trial-topic"


@dataclass
class Trial:
    proposals: list[Proposal]
    # proposals whose fact is valid and gives at least one question that passes the gate
    passed: list[Proposal] = field(default_factory=list)
    invalid: list[tuple[Proposal, str]] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    questions_by_type: Counter[str] = field(default_factory=Counter)
    rejected_by_rule: Counter[str] = field(default_factory=Counter)

    @property
    def share_passed(self) -> float:
        return len(self.passed) / len(self.proposals) if self.proposals else 0.0


def fact_of(source_id: str, proposal: Proposal, text: str, topic: str = TOPIC) -> BankFact:
    start = text.index(proposal.sentence)
    digest = hashlib.sha256(proposal.sentence.encode()).hexdigest()[:6]
    return BankFact(
        id=f"{source_id}-{digest}-{hashlib.sha256(proposal.answer.encode()).hexdigest()[:4]}",
        source_id=source_id,
        section="Curated in the app",
        kind="fact",
        quote=proposal.sentence,
        start=start,
        end=start + len(proposal.sentence),
        statement=proposal.statement,
        topics=(topic,),
        question=proposal.question,
        answer=proposal.answer,
        answer_type=proposal.answer_type,
        accepted=proposal.accepted,
        false_statements=(
            (
                FalseStatement(
                    proposal.false_statement,
                    "",
                    proposal.sentence,
                    source_id,
                    start,
                    start + len(proposal.sentence),
                ),
            )
            if proposal.false_statement
            else ()
        ),  # fmt: skip
    )


def run_trial(text: str, title: str, limit: int = 40) -> Trial:
    """Take the first `limit` proposals unchanged, as a teacher pressing Accept would."""
    source = BankSource(
        id="trial",
        title=title,
        short_title=title,
        author=None,
        publisher=None,
        date=None,
        date_note=None,
        url=None,
        perspective="other",
        perspective_note="",
        licence="CC0",
        licence_url=None,
        attribution=title,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        body_end=len(text),
        builtin=False,
    )
    trial = Trial(propose(text, title=title)[:limit])
    facts: dict[str, BankFact] = {}
    for proposal in trial.proposals:
        trial.kinds[proposal.answer_type] += 1
        fact = fact_of(source.id, proposal, text)
        problems = fact_problems(fact)
        if problems:
            trial.invalid.append((proposal, "; ".join(problems)))
        else:
            facts[fact.id] = fact
    base = FactBase(
        {source.id: source}, {TOPIC: BankTopic(TOPIC, "section", title)}, {}, facts, {}, []
    )
    bank = qb.generate(base, random.Random(qb.DEFAULT_SEED))
    with_questions: Counter[str] = Counter()
    for question in bank.questions:
        trial.questions_by_type[question.type] += 1
        for fid in question.fact_ids or (question.fact_id,):
            with_questions[fid] += 1
    for rejection in bank.rejected:
        trial.rejected_by_rule[rejection.rule] += 1
    for proposal in trial.proposals:
        fact_id = fact_of(source.id, proposal, text).id
        if fact_id in facts and with_questions[fact_id]:
            trial.passed.append(proposal)
    return trial


__all__ = ["Trial", "fact_of", "run_trial"]
