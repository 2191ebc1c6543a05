"""Searching the bank for a lesson's questions: every filter at once, a page at
a time, with the true count."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.models import Question, QuestionTag, User

LESSON_QUESTION_TYPES = ("mcq", "true_false", "cloze", "short", "attribution", "dispute")
# What a question tests, as the bank rates it (`Question.importance`).
IMPORTANCE_LABELS = {
    "core": "Core",
    "supporting": "Supporting",
    "detail": "Detail",
}


@dataclass(frozen=True)
class QuestionFilter:
    """What the bank's search is narrowed to; every filter set applies at once."""

    source: str | None = None
    topic: str | None = None
    person: str | None = None
    type: str | None = None
    text: str | None = None
    importance: str | None = None  # core, supporting or detail

    def any(self) -> bool:
        return any(vars(self).values())


PAGE_SIZE = 50


@dataclass
class QuestionPage:
    """One page of what a search found, and how much it found in all."""

    questions: list[Question]
    total: int
    page: int
    per_page: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def search_questions(
    db: Session, teacher: User, flt: QuestionFilter, page: int = 1, per_page: int = PAGE_SIZE
) -> QuestionPage:
    """The bank's questions (and the teacher's own) that match every filter set,
    by source then passage, one page of them, with the true count."""
    where = [
        ~Question.retired,
        Question.type.in_(LESSON_QUESTION_TYPES),
        or_(Question.owner_id.is_(None), Question.owner_id == teacher.id),
    ]
    for kind, value in (("source", flt.source), ("topic", flt.topic), ("person", flt.person)):
        if value:
            tagged = select(QuestionTag.question_id).where(
                QuestionTag.kind == kind, QuestionTag.value == value
            )
            where.append(Question.id.in_(tagged))
    if flt.type:
        where.append(Question.type == flt.type)
    if flt.importance:
        where.append(Question.importance == flt.importance)
    if flt.text:
        where.append(Question.prompt.ilike(f"%{flt.text[:100]}%"))
    total = db.scalar(select(func.count()).select_from(Question).where(*where)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    found = db.scalars(
        select(Question)
        .where(*where)
        .order_by(Question.source_id, Question.fact_id, Question.type)
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    return QuestionPage(list(found), total, page, per_page)
