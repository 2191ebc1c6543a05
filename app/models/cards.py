"""Flashcards: one memory state per user and fact, and a review log kept forever."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class MemoryState(Base):
    """What the scheduler knows about one user's memory of one fact. Every
    question made from the fact trains this same memory."""

    __tablename__ = "memory_state"
    __table_args__ = (
        UniqueConstraint("user_id", "fact_id"),
        Index("ix_memory_state_user_due", "user_id", "suspended", "due"),
        CheckConstraint("state IN (1, 2, 3)", name="state_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    fact_id: Mapped[str] = mapped_column(ForeignKey("fact.id"), index=True)
    state: Mapped[int] = mapped_column(Integer)  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(UTCDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    # bumped by every change: a grade from a stale tab is recognised and ignored
    version: Mapped[int] = mapped_column(Integer, default=0)


class ReviewLog(Base):
    """One grade, with the memory state before and after: the student's data and
    enough to replay every state from the start."""

    __tablename__ = "review_log"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1 AND 4", name="rating_range"),
        Index("ix_review_log_user_reviewed", "user_id", "reviewed_at"),
        Index("ix_review_log_user_fact", "user_id", "fact_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    fact_id: Mapped[str] = mapped_column(ForeignKey("fact.id"), index=True)
    question_id: Mapped[str | None] = mapped_column(String(200))
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    desired_retention: Mapped[float] = mapped_column(Float)
    # the exam date that capped this interval, if any
    due_cap: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the fsrs state before the grade (NULL: the card was new), for statistics
    state_before_code: Mapped[int | None] = mapped_column(Integer)
    state_before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    state_after: Mapped[dict[str, Any]] = mapped_column(JSON)


class StudySettings(Base):
    __tablename__ = "study_settings"
    __table_args__ = (
        CheckConstraint(
            "desired_retention >= 0.7 AND desired_retention <= 0.97", name="retention_range"
        ),
        CheckConstraint("daily_new_limit >= 0 AND daily_new_limit <= 500", name="new_limit_range"),
    )

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    desired_retention: Mapped[float] = mapped_column(Float, default=0.9)
    daily_new_limit: Mapped[int] = mapped_column(Integer, default=20)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # quizzes and new cards draw on details too (else core and supporting facts)
    include_details: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ExamDate(Base):
    """A date by which every card of a deck must have been reviewed at least once."""

    __tablename__ = "exam_date"
    __table_args__ = (UniqueConstraint("user_id", "deck"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    deck: Mapped[str] = mapped_column(String(200))
    exam_on: Mapped[date] = mapped_column(Date)
