"""New sources added by teachers, and facts curated from them in the app."""

from app.services.curation.export import export_facts
from app.services.curation.facts import (
    MAX_PROPOSALS,
    CurationPage,
    add_fact,
    candidates,
    curated_facts,
    curation_page,
    regenerate,
    source_bank,
    source_for_curation,
    text_answers,
)
from app.services.curation.texts import (
    MAX_CHARS,
    MAX_UPLOAD_BYTES,
    PERSPECTIVES,
    add_source,
    rename_source,
    set_source_published,
    to_text,
)
from app.services.curation.topics import (
    add_topics,
    fact_topics,
    sections,
    source_topics,
    topic_at,
    topic_id,
)

__all__ = [
    "MAX_CHARS",
    "MAX_UPLOAD_BYTES",
    "MAX_PROPOSALS",
    "PERSPECTIVES",
    "CurationPage",
    "add_fact",
    "add_source",
    "add_topics",
    "candidates",
    "text_answers",
    "curated_facts",
    "curation_page",
    "export_facts",
    "fact_topics",
    "regenerate",
    "rename_source",
    "sections",
    "set_source_published",
    "source_bank",
    "source_for_curation",
    "source_topics",
    "to_text",
    "topic_at",
    "topic_id",
]
