"""How long loading, generating and checking the bank takes, at 1x and 10x size."""

from __future__ import annotations

import dataclasses
import random
import statistics
import time
from collections.abc import Callable

import question_bank as qb
from question_bank.check import check
from question_bank.generator import generate
from question_bank.loader import FactBase


def scaled(base: FactBase, factor: int) -> FactBase:
    """`factor` copies of every source and fact; each copy's answers are made
    distinct so that distractor pools and reject lists grow as a bigger bank's would."""
    sources, facts = {}, {}
    for k in range(factor):
        for source in base.sources.values():
            sid = f"{source.id}{k}"
            sources[sid] = dataclasses.replace(source, id=sid)
        for fact in base.facts.values():
            suffix = f"{k}" if k else ""  # glued on: "Radek3" is a new name
            facts[f"{fact.id}-{k}"] = dataclasses.replace(
                fact,
                id=f"{fact.id}-{k}",
                source_id=f"{fact.source_id}{k}",
                answer=fact.answer + suffix if fact.answer else "",
                statement=fact.statement.replace(fact.answer, fact.answer + suffix, 1)
                if fact.answer
                else fact.statement,
                accepted=tuple(a + suffix for a in fact.accepted),
                corroborated_by=tuple(f"{c}-{k}" for c in fact.corroborated_by),
            )
    disputes = {
        f"{d.id}-{k}": dataclasses.replace(
            d, id=f"{d.id}-{k}", fact_ids=tuple(f"{f}-{k}" for f in d.fact_ids)
        )
        for k in range(factor)
        for d in base.disputes.values()
    }
    return FactBase(sources, base.topics, base.people, facts, disputes, [])


def timed(fn: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def run() -> None:
    print("== question bank ==")
    load_s, base = timed(qb.load_fact_base)
    assert isinstance(base, FactBase)
    gen_s, bank = timed(lambda: generate(base, random.Random(qb.DEFAULT_SEED)))
    check_s, _ = timed(lambda: check(bank))  # type: ignore[arg-type]
    n_q = len(bank.questions)  # type: ignore[attr-defined]
    total_1 = load_s + gen_s + check_s
    print(f"real bank: {len(base.facts)} facts -> {n_q} questions")
    print(
        f"  load {load_s * 1000:.0f} ms, generate {gen_s * 1000:.0f} ms, "
        f"check {check_s * 1000:.0f} ms, total {total_1:.2f} s"
    )
    big = scaled(base, 10)
    gen10, bank10 = timed(lambda: generate(big, random.Random(qb.DEFAULT_SEED)), repeat=1)
    check10, _ = timed(lambda: check(bank10), repeat=1)  # type: ignore[arg-type]
    n10 = len(bank10.questions)  # type: ignore[attr-defined]
    print(f"10x bank: {len(big.facts)} facts -> {n10} questions")
    print(f"  generate {gen10:.2f} s, check {check10:.2f} s")
    ratio = (gen10 + check10) / (gen_s + check_s)
    print(f"  growth: 10x the facts took {ratio:.1f}x the time (10.0 would be linear)")
