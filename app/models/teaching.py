"""Teaching: classes and their students, lessons, assignments, reading progress."""

from __future__ import annotations

from datetime import datetime

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


class Classroom(Base):
    __tablename__ = "classroom"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    join_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Enrollment(Base):
    __tablename__ = "enrollment"
    __table_args__ = (UniqueConstraint("classroom_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(
        ForeignKey("classroom.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Lesson(Base):
    __tablename__ = "lesson"
    __table_args__ = (CheckConstraint("status IN ('draft', 'published')", name="status_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    introduction: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="draft")
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    items: Mapped[list[LessonItem]] = relationship(
        back_populates="lesson",
        order_by="LessonItem.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class LessonItem(Base):
    """One block of a lesson: a passage, the teacher's Markdown, or questions."""

    __tablename__ = "lesson_item"
    __table_args__ = (
        CheckConstraint("kind IN ('passage', 'text', 'questions')", name="kind_known"),
        Index("ix_lesson_item_lesson_position", "lesson_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    # passage: the fact whose quote is shown, or a character range of a source
    fact_id: Mapped[str | None] = mapped_column(ForeignKey("fact.id"), index=True)
    source_id: Mapped[str | None] = mapped_column(ForeignKey("source.id"))
    start_offset: Mapped[int | None] = mapped_column(Integer)
    end_offset: Mapped[int | None] = mapped_column(Integer)
    # text: Markdown as the teacher typed it (sanitised when shown)
    body: Mapped[str] = mapped_column(Text, default="")
    # questions: question ids in order
    question_ids: Mapped[list[str]] = mapped_column(JSON, default=list)

    lesson: Mapped[Lesson] = relationship(back_populates="items")


class Assignment(Base):
    """A lesson given to a class, with the rules its quiz is taken under."""

    __tablename__ = "assignment"
    __table_args__ = (
        UniqueConstraint("lesson_id", "classroom_id"),
        CheckConstraint("attempts_allowed >= 1", name="attempts_positive"),
        CheckConstraint("counts IN ('first', 'last', 'best', 'mean')", name="counts_known"),
        CheckConstraint("feedback IN ('none', 'each', 'end')", name="feedback_known"),
        CheckConstraint("answers_released IN ('attempt', 'due', 'never')", name="release_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id", ondelete="CASCADE"), index=True)
    classroom_id: Mapped[int] = mapped_column(
        ForeignKey("classroom.id", ondelete="CASCADE"), index=True
    )
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    time_limit_minutes: Mapped[int | None] = mapped_column(Integer)
    attempts_allowed: Mapped[int] = mapped_column(Integer, default=1)
    # which attempt the gradebook keeps: first | last | best | mean
    counts: Mapped[str] = mapped_column(String(8), default="best")
    # during the quiz: none | each (after each question) | end
    feedback: Mapped[str] = mapped_column(String(8), default="end")
    # when the answers and the answer key are shown: attempt | due | never
    answers_released: Mapped[str] = mapped_column(String(8), default="due")
    accept_late: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Accommodation(Base):
    """What one student is allowed beyond the class's rules, in one class: for
    every assignment (`assignment_id` null) or for one."""

    __tablename__ = "accommodation"
    __table_args__ = (
        UniqueConstraint("classroom_id", "student_id", "assignment_id"),
        CheckConstraint(
            "time_multiplier IS NULL OR (time_multiplier >= 1 AND time_multiplier <= 5)",
            name="multiplier_range",
        ),
        CheckConstraint("extra_minutes >= 0", name="extra_minutes_positive"),
        CheckConstraint("extra_attempts >= 0", name="extra_attempts_positive"),
        CheckConstraint("max_options IS NULL OR max_options >= 2", name="max_options_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(
        ForeignKey("classroom.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignment.id", ondelete="CASCADE"), index=True
    )
    time_multiplier: Mapped[float | None] = mapped_column(Float)
    extra_minutes: Mapped[int] = mapped_column(Integer, default=0)
    untimed: Mapped[bool] = mapped_column(Boolean, default=False)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # an extended due date
    extra_attempts: Mapped[int] = mapped_column(Integer, default=0)
    # multiple choice shows at most this many options (the right one always among them)
    max_options: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class LessonProgress(Base):
    __tablename__ = "lesson_progress"
    __table_args__ = (UniqueConstraint("lesson_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    read_position: Mapped[int] = mapped_column(Integer, default=0)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
