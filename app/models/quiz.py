"""Quiz attempts, one row per question slot, and students' reports on questions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow


class QuizAttempt(Base):
    __tablename__ = "quiz_attempt"
    __table_args__ = (
        CheckConstraint("feedback_mode IN ('each', 'end')", name="feedback_mode_known"),
        CheckConstraint("total > 0", name="has_questions"),
        Index("ix_quiz_attempt_user_started", "user_id", "started_at"),
        Index("ix_quiz_attempt_open_deadline", "finished_at", "deadline_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # what was practised: {"kind": "topic", "value": "trial-1937", "label": "..."}
    scope: Mapped[dict[str, Any]] = mapped_column(JSON)
    question_types: Mapped[list[str]] = mapped_column(JSON)
    feedback_mode: Mapped[str] = mapped_column(String(8), default="each")
    total: Mapped[int] = mapped_column(Integer)
    time_limit_seconds: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_reason: Mapped[str | None] = mapped_column(String(20))  # submitted | time-up
    correct_count: Mapped[int] = mapped_column(Integer, default=0)
    score: Mapped[float | None] = mapped_column(Float)  # 0..1, set when finished
    lesson_id: Mapped[int | None] = mapped_column(
        ForeignKey("lesson.id", ondelete="SET NULL"), index=True
    )
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignment.id", ondelete="SET NULL"), index=True
    )

    answers: Mapped[list[AttemptAnswer]] = relationship(
        back_populates="attempt",
        order_by="AttemptAnswer.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class AttemptAnswer(Base):
    """One question of an attempt and the student's answer to it. The question is
    copied (`question_data`) when the attempt starts, and the grade is stored with
    the answer, so later edits to the bank never change a score."""

    __tablename__ = "attempt_answer"
    __table_args__ = (
        UniqueConstraint("attempt_id", "position"),
        UniqueConstraint("attempt_id", "question_id"),
        CheckConstraint("position >= 1", name="position_positive"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 1)", name="score_range"),
        Index("ix_attempt_answer_question_answered", "question_id", "answered_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_attempt.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[str] = mapped_column(ForeignKey("question.id"))
    fact_id: Mapped[str] = mapped_column(String(120), index=True)
    question_data: Mapped[dict[str, Any]] = mapped_column(JSON)
    # the version of the question `question_data` is (see QuestionVersion)
    question_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # how this student sees it: options / right-hand sides / items in display order
    display: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    response: Mapped[Any | None] = mapped_column(JSON)
    correct: Mapped[bool | None] = mapped_column(Boolean)
    score: Mapped[float | None] = mapped_column(Float)
    message: Mapped[str | None] = mapped_column(Text)
    shown_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    time_taken_ms: Mapped[int | None] = mapped_column(Integer)
    # a teacher's mark by hand (in `correct` and `score`), with the note the
    # student reads; it wins over regrading
    override_note: Mapped[str | None] = mapped_column(Text)
    overridden_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    overridden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    attempt: Mapped[QuizAttempt] = relationship(back_populates="answers")

    @property
    def is_overridden(self) -> bool:
        return self.overridden_at is not None

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class QuestionReport(Base):
    """A student's report that a question is wrong, ambiguous or has a typo."""

    __tablename__ = "question_report"
    __table_args__ = (
        CheckConstraint(
            "reason IN ('unsupported', 'ambiguous', 'typo', 'other')", name="reason_known"
        ),
        CheckConstraint("status IN ('open', 'resolved', 'dismissed')", name="status_known"),
        Index("ix_question_report_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("question.id"), index=True)
    attempt_id: Mapped[int | None] = mapped_column(
        ForeignKey("quiz_attempt.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
