"""The topics of a teacher's source: one per section (its Markdown headings, or
the whole text under its title), used by its facts and in the menus."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Source, Topic
from app.services.browse import topics

_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*#*$", re.MULTILINE)


def sections(source: Source) -> list[tuple[int, str]]:
    """(offset, title) of each section of a teacher's source: its Markdown
    headings, or the whole text under the source's title."""
    found: list[tuple[int, str]] = []
    if source.format == "markdown":
        found = [(m.start(), m.group(2).strip("*_ ")) for m in _HEADING.finditer(source.text)]
        found = [(o, t) for o, t in found if t][:30]
    if not found or source.text[: found[0][0]].strip():
        found = [(0, source.short_title), *found]
    return found


def topic_id(source: Source, index: int) -> str:
    return f"{source.id}:{index}"


def add_topics(db: Session, source: Source) -> list[Topic]:
    """The source's own topics, one per section, for its facts and the menus."""
    last = db.scalar(select(func.max(Topic.position))) or 0
    rows = []
    for i, (_, title) in enumerate(sections(source)):
        topic = Topic(
            id=topic_id(source, i),
            kind="section",
            title=title[:200],
            position=last + 1 + i,
            source_id=source.id,
        )
        db.add(topic)
        rows.append(topic)
    db.flush()
    return rows


def source_topics(db: Session, source: Source) -> list[Topic]:
    return list(
        db.scalars(select(Topic).where(Topic.source_id == source.id).order_by(Topic.position))
    )


def topic_at(db: Session, source: Source, offset: int) -> str:
    """The id of the section holding `offset`."""
    starts = sections(source)
    index = max((i for i, (o, _) in enumerate(starts) if o <= offset), default=0)
    ids = [t.id for t in source_topics(db, source)]
    return ids[index] if index < len(ids) else (ids[0] if ids else "general")


def fact_topics(db: Session, source: Source) -> list[Topic]:
    """The topics a curated fact may have: the sections of its source (older
    sources, added before they had sections, keep the neutral topic)."""
    return source_topics(db, source) or [t for t in topics(db) if t.id == "general"]
