"""Validate the fact base and the generated bank; every problem, readably."""

from __future__ import annotations

from collections import Counter

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


def check(bank: Bank) -> list[Problem]:
    return [*bank.base.problems, *bank_problems(bank)]


__all__ = ["bank_problems", "check"]
