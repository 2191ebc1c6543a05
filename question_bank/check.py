"""Validate the fact base and the generated bank; every problem, readably."""

from __future__ import annotations

from collections import Counter

from question_bank.gate import GateContext, failures
from question_bank.generator import Bank
from question_bank.grading import grade_text, normalise
from question_bank.loader import FactBase, Problem


def bank_problems(bank: Bank) -> list[Problem]:
    """Problems of the generated questions (the fact base's own are in base.problems)."""
    found: list[Problem] = []
    base: FactBase = bank.base
    ids = Counter(q.id for q in bank.questions)
    for qid, n in ids.items():
        if n > 1:
            found.append(Problem(qid, f"question id used {n} times"))
    signatures = Counter((q.type, q.prompt, q.answer) for q in bank.questions)
    for (kind, prompt, _), n in signatures.items():
        if n > 1:
            found.append(Problem(kind, f"duplicate question ({n} times): {prompt[:80]}"))
    for q in bank.questions:
        where = q.id
        for link in (q.source, *q.links):
            source = base.sources.get(link.source_id)
            if source is None:
                found.append(Problem(where, f"unknown source {link.source_id!r}"))
            elif source.text[link.start : link.end] != link.quote:
                found.append(Problem(where, "the quote is not the source's text at its offsets"))
        for fid in q.fact_ids:
            if fid not in base.facts:
                found.append(Problem(where, f"dangling fact {fid!r}"))
        if q.options:
            correct = [o for o in q.options if o.correct]
            if len(correct) != 1:
                found.append(Problem(where, f"{len(correct)} correct options (must be exactly 1)"))
            elif correct[0].text != q.answer:
                found.append(Problem(where, "the correct option is not the answer"))
            texts = [normalise(o.text) for o in q.options]
            if len(set(texts)) != len(texts):
                found.append(Problem(where, "two options are the same"))
        if q.type == "mcq":
            fact = base.facts[q.fact_id]
            for option in q.options:
                if option.correct:
                    continue
                if normalise(option.text) in {normalise(a) for a in fact.answers}:
                    found.append(
                        Problem(where, f"distractor {option.text!r} is an accepted answer")
                    )
                elif grade_text(option.text, fact.answers).correct:
                    found.append(Problem(where, f"distractor {option.text!r} grades as correct"))
        if q.type in ("short", "cloze") and not grade_text(q.answer, q.accepted, q.reject).correct:
            found.append(Problem(where, "its own answer does not grade as correct"))
    return found


def gate_problems(bank: Bank) -> list[Problem]:
    """A published item that fails the gate (none can, unless the generator is wrong)."""
    ctx = GateContext.of(bank.base)
    return [
        Problem(q.id, f"published but fails [{rule}]: {why}")
        for q in bank.questions
        for rule, why in failures(q, ctx)
    ]


def coverage_problems(bank: Bank) -> list[Problem]:
    """Every checkable fact stays reachable by a published question, every
    opinion by an attribution item, and no question type disappears."""
    from question_bank.types import REGISTRY

    found = []
    reached: dict[str, set[str]] = {}
    for q in bank.questions:
        for fid in q.fact_ids or (q.fact_id,):
            reached.setdefault(fid, set()).add(q.type)
    for fact in bank.base.facts.values():
        types = reached.get(fact.id, set())
        if fact.duplicate_of:
            continue  # reached through the stronger fact it duplicates
        if fact.is_opinion and "attribution" not in types:
            found.append(Problem(fact.id, "the opinion has no published attribution item"))
        elif not fact.is_opinion and not types:
            found.append(Problem(fact.id, "the fact has no published question"))
    published = {q.type for q in bank.questions}
    for kind in REGISTRY:
        if kind not in published:
            found.append(Problem(kind, "no published item of this type"))
    return found


def refusal_problems(bank: Bank) -> list[Problem]:
    """Every item of the bank that the gate refused: in a curated fact base each
    is a flaw of the generator or of the material, to be fixed, not hidden."""
    seen: set[tuple[str, str]] = set()
    found = []
    for rejection in bank.rejected:
        key = (rejection.question.id, rejection.rule)
        if key in seen:
            continue
        seen.add(key)
        mark = " (curated material)" if rejection.curated else ""
        found.append(
            Problem(
                rejection.question.id,
                f"refused by the gate [{rejection.rule}]: {rejection.reason}{mark}",
            )
        )
    return found


def check(bank: Bank, strict: bool = False) -> list[Problem]:
    """The fact base's problems and the generated bank's; with `strict`, also
    every item the gate refused and every fact or type the published bank no
    longer reaches."""
    found = [*bank.base.problems, *bank_problems(bank), *gate_problems(bank)]
    if not strict:
        return found
    return [*found, *refusal_problems(bank), *coverage_problems(bank)]


__all__ = ["bank_problems", "check", "coverage_problems", "gate_problems", "refusal_problems"]
