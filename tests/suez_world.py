"""The Suez Canal sources of the browser test, built through the services: the
history of the canal (Markdown) with the curated facts of
fixtures/suez_canal_facts.yaml, and the later account it is compared with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).parent / "fixtures"
SUEZ = (FIXTURES / "suez_canal.md").read_text(encoding="utf-8")
FACTS: dict[str, Any] = yaml.safe_load(
    (FIXTURES / "suez_canal_facts.yaml").read_text(encoding="utf-8")
)


def add_suez_facts(db: Any, user: Any, source: Any) -> list[str]:
    """The fixture's facts on the history (not those the browser test curates)."""
    from app.services import curation

    ids = []
    for fact in FACTS["facts"]:
        added = curation.add_fact(
            db,
            user,
            source,
            fact["quote"],
            fact["statement"],
            fact["question"],
            fact["answer"],
            fact["answer_type"],
            list(fact.get("accepted", [])),
            [],
        )
        ids.append(added.id)
    return ids
