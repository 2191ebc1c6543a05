"""The question bank in the database: sources, facts, questions and their tags.

Rows are upserted by `flask bank load` from the pure `question_bank` package.
Nothing here is ever deleted: a fact or question that disappears from the
curated files is *retired*, so students' history stays attached."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow

IMPORTANCE = ("core", "supporting", "detail")
IMPORTANCE_KNOWN = "importance IN ('core', 'supporting', 'detail')"


class Source(Base):
    __tablename__ = "source"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    short_title: Mapped[str] = mapped_column(String(120))
    author: Mapped[str | None] = mapped_column(String(300))
    publisher: Mapped[str | None] = mapped_column(String(300))
    date: Mapped[str | None] = mapped_column(String(40))
    date_note: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(500))
    perspective: Mapped[str] = mapped_column(String(20))
    perspective_note: Mapped[str] = mapped_column(Text, default="")
    licence: Mapped[str] = mapped_column(String(120))
    licence_url: Mapped[str | None] = mapped_column(String(500))
    attribution: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    body_end: Mapped[int] = mapped_column(Integer)
    builtin: Mapped[bool] = mapped_column(Boolean, default=True)
    # a teacher's source reaches students once its owner publishes it; the
    # built-in sources are always published (app.services.visibility)
    published: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # the teacher who added it (NULL for the built-in sources)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # how a teacher's text is shown: "text" or "markdown" (a PDF's text is "text")
    format: Mapped[str] = mapped_column(String(10), default="text", server_default="text")
    # a PDF's text: the offset where each page starts, so citations name the page
    page_starts: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")
    # generated items the teacher rejected in review: never published again
    rejected_questions: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    # a teacher's source taken out of use: it leaves quizzes, menus and new
    # cards, while students' history, results and cards on it stay readable
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ProposalSkip(Base):
    """A proposed fact the owner of a teacher's source skipped on its curation
    screen: it stays out of the proposals (on every device) until brought back.
    `key` names the proposal by its sentence and answer, which are the same on
    every visit (app.services.curation.skips)."""

    __tablename__ = "proposal_skip"
    __table_args__ = (UniqueConstraint("source_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    # where the sentence starts and what it asked about, to list what was skipped
    sentence_start: Mapped[int] = mapped_column(Integer)
    answer: Mapped[str] = mapped_column(String(300))
    skipped_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Topic(Base):
    __tablename__ = "topic"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # a section of a teacher's source (NULL for the bank's trials and themes):
    # shown in menus to those who may see the source
    source_id: Mapped[str | None] = mapped_column(ForeignKey("source.id"), index=True)


class Person(Base):
    __tablename__ = "person"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    variants: Mapped[list[str]] = mapped_column(JSON, default=list)
    role: Mapped[str] = mapped_column(Text, default="")


class Fact(Base):
    __tablename__ = "fact"
    __table_args__ = (
        CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="offsets"),
        CheckConstraint("kind IN ('fact', 'opinion')", name="kind_known"),
        CheckConstraint(IMPORTANCE_KNOWN, name="importance_known"),
    )

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"), index=True)
    section: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(10), default="fact")
    quote: Mapped[str] = mapped_column(Text)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)
    statement: Mapped[str] = mapped_column(Text)
    question: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(String(300), default="")
    answer_type: Mapped[str] = mapped_column(String(20), default="")
    accepted: Mapped[list[str]] = mapped_column(JSON, default=list)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    people: Mapped[list[str]] = mapped_column(JSON, default=list)
    corroborated_by: Mapped[list[str]] = mapped_column(JSON, default=list)
    # a teacher's false versions of the statement, which the passage contradicts (the
    # curated bank's are in its fact files)
    false_statements: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    event_date: Mapped[str | None] = mapped_column(String(10), index=True)
    # which paragraph of the source the quote starts in (block index of the reader)
    paragraph: Mapped[int | None] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    # core, supporting or detail: how much the fact matters to the topic
    importance: Mapped[str] = mapped_column(
        String(10), default="supporting", server_default="supporting"
    )
    # a teacher's own fact (from a question they wrote); NULL for the curated bank
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    source: Mapped[Source] = relationship()


class Dispute(Base):
    __tablename__ = "dispute"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text)
    question: Mapped[str] = mapped_column(Text, default="")
    fact_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    # a dispute a teacher marked on their source (NULL for the curated files):
    # its first fact is on that source, and its item belongs to it
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    # the options of its item: [{"text", "correct", "why"}] (the files keep
    # the built-in disputes' readings)
    readings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, server_default="[]")


class Question(Base):
    """A generated question. `data` is its whole exported form (options, accepted
    answers, source links): what a quiz stores as a snapshot with each answer."""

    __tablename__ = "question"
    __table_args__ = (
        Index("ix_question_type_retired", "type", "retired"),
        # the default draw: live questions that are not details
        Index("ix_question_importance_retired", "importance", "retired"),
        CheckConstraint(IMPORTANCE_KNOWN, name="importance_known"),
    )

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    type: Mapped[str] = mapped_column(String(20))
    fact_id: Mapped[str] = mapped_column(ForeignKey("fact.id"), index=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"), index=True)
    prompt: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    # the item's own importance: its fact's, or lower for an item that tests a
    # detail of it (quizzes draw on it without a join)
    importance: Mapped[str] = mapped_column(
        String(10), default="supporting", server_default="supporting"
    )
    # the number of the version `data` holds; earlier ones are in question_version
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # a question a teacher wrote for their lessons; NULL for the generated bank
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    fact: Mapped[Fact] = relationship()
    tags: Mapped[list[QuestionTag]] = relationship(
        back_populates="question", cascade="all, delete-orphan"
    )


class QuestionVersion(Base):
    """One version of a question, kept when it is edited: the same JSON as
    `Question.data`. The id of the question never changes, so history, cards and
    exports stay attached; an answer records the version it was graded against.
    A question never edited has no rows here: its version 1 is `Question.data`."""

    __tablename__ = "question_version"
    __table_args__ = (
        UniqueConstraint("question_id", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[str] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    # what the editor said was wrong with the version before
    note: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class QuestionTag(Base):
    """What a question is about, for choosing a quiz: a topic, a person, a source,
    or the flag `disputed`."""

    __tablename__ = "question_tag"
    __table_args__ = (Index("ix_question_tag_kind_value", "kind", "value"),)

    question_id: Mapped[str] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    value: Mapped[str] = mapped_column(String(120), primary_key=True)

    question: Mapped[Question] = relationship(back_populates="tags")
