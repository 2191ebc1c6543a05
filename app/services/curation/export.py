"""Teachers' sources and their curated facts written in the fact-file format,
for review and merging into question_bank/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Source, Topic
from app.services.curation.facts import curated_facts
from question_bank.loader import FACTS_DIR


def export_facts(db: Session, directory: Path) -> list[Path]:
    """Write every teacher-added source and its curated facts in the fact-file
    format, for review and merging into question_bank/."""
    written = []
    sources_dir, facts_dir = directory / "sources", directory / "facts"
    sources_dir.mkdir(parents=True, exist_ok=True)
    facts_dir.mkdir(parents=True, exist_ok=True)
    topics_file = FACTS_DIR / "topics.yaml"
    bank_topics = yaml.safe_load(topics_file.read_text(encoding="utf-8")) or {}
    bank_topics.setdefault("topics", [])
    for topic in db.scalars(
        select(Topic).where(Topic.source_id.is_not(None)).order_by(Topic.position)
    ):
        bank_topics["topics"].append({"id": topic.id, "kind": topic.kind, "title": topic.title})
    (facts_dir / "topics.yaml").write_text(
        yaml.safe_dump(bank_topics, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for source in db.scalars(select(Source).where(Source.builtin.is_(False)).order_by(Source.id)):
        (sources_dir / f"{source.id}.txt").write_bytes(source.text.encode("utf-8"))
        (sources_dir / f"{source.id}.yaml").write_text(
            yaml.safe_dump(_source_meta(source), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        facts = []
        for fact in curated_facts(db, source):
            entry: dict[str, Any] = {
                "id": fact.id,
                "quote": fact.quote,
                "question": fact.question,
                "statement": fact.statement,
                "answer": fact.answer,
                "answer_type": fact.answer_type,
                "accepted": list(fact.accepted),
                "topics": list(fact.topics),
            }
            if fact.date:
                entry["date"] = fact.date
            if fact.false_statements:  # contradicted by the fact's own passage
                entry["false_statements"] = [
                    {"text": f.text, "why": "The passage says otherwise."}
                    for f in fact.false_statements
                ]
            facts.append(entry)
        (facts_dir / source.id).mkdir(exist_ok=True)
        out = facts_dir / source.id / "01-curated.yaml"
        out.write_text(
            yaml.safe_dump(
                {"source": source.id, "section": "Curated in the app", "facts": facts},
                allow_unicode=True,
                sort_keys=False,
                width=100,
            ),
            encoding="utf-8",
        )
        written.append(out)
    return written


def _source_meta(source: Source) -> dict[str, Any]:
    """A source's metadata file, as question_bank/sources/*.yaml has it."""
    return {
        "id": source.id,
        "file": f"{source.id}.txt",
        "title": source.title,
        "short_title": source.short_title,
        "author": source.author,
        "publisher": source.publisher,
        "date": source.date,
        "date_note": source.date_note,
        "url": source.url,
        "perspective": source.perspective,
        "perspective_note": source.perspective_note,
        "licence": source.licence,
        "licence_url": source.licence_url,
        "attribution": source.attribution,
        "body_ends_before": None,
        "sha256": source.sha256,
    }
