"""The bank as JSON (schema documented in question_bank/README.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from question_bank.generator import Bank

SCHEMA_VERSION = 1


def bank_to_dict(bank: Bank) -> dict[str, Any]:
    base = bank.base
    facts = []
    for fact in sorted(base.facts.values(), key=lambda f: f.id):
        item = asdict(fact)
        item["disputes"] = [d.id for d in base.disputes_of(fact.id)]
        facts.append(item)
    return {
        "schema_version": SCHEMA_VERSION,
        "seed": bank.seed,
        "sources": [s.metadata() for s in sorted(base.sources.values(), key=lambda s: s.id)],
        "topics": [asdict(t) for t in base.topics.values()],
        "people": [asdict(p) for p in sorted(base.people.values(), key=lambda p: p.id)],
        "facts": facts,
        "disputes": [asdict(d) for d in sorted(base.disputes.values(), key=lambda d: d.id)],
        "questions": [q.to_dict() for q in bank.questions],
    }


def bank_to_json(bank: Bank) -> str:
    return json.dumps(bank_to_dict(bank), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


__all__ = ["SCHEMA_VERSION", "bank_to_dict", "bank_to_json"]
