"""Who may see which part of the bank: the one rule every page, deck, quiz
scope and export applies.

- The built-in sources and their curated facts are public.
- A teacher's own source, its facts and its questions are seen by the teacher
  (and admins) only, until the teacher publishes the source.
- A question a teacher wrote or imported for a lesson (and the fact made for
  it) is never part of the public bank: the teacher and admins see it, and
  others reach it only through a lesson they may read (that path checks the
  lesson, not this rule).

`user` may be None or an anonymous user: they see what is public."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, true
from sqlalchemy.orm import Session

from app.models import Fact, Question, Source

# The section add_fact (app.services.curation) gives a fact curated from a
# teacher's source: those facts are published with their source. Any other
# fact a teacher owns (their own questions) stays theirs.
CURATED_SECTION = "Curated in the app"


def _viewer(user: Any) -> tuple[int | None, bool]:
    """(user id, is admin) of whoever is looking; (None, False) when nobody is."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None, False
    return user.id, bool(user.is_admin)


def source_clause(user: Any) -> ColumnElement[bool]:
    """A retired source is its owner's (and admins') only, but for the passages
    a student's own history links to (may_read_retired)."""
    uid, admin = _viewer(user)
    if admin:
        return true()
    return or_(
        Source.builtin.is_(True),
        and_(Source.published.is_(True), Source.retired.is_(False)),
        Source.owner_id == uid if uid is not None else false(),
    )


def may_read_retired(db: Session, user: Any, source: Source) -> bool:
    """A published source since retired stays readable to a student who answered
    its questions or studied its cards: their results and cards link to it."""
    from app.models import AttemptAnswer, MemoryState, QuizAttempt

    uid, _ = _viewer(user)
    if uid is None or not (source.retired and source.published):
        return False
    answered = db.scalar(
        select(AttemptAnswer.id)
        .join(QuizAttempt, QuizAttempt.id == AttemptAnswer.attempt_id)
        .join(Question, Question.id == AttemptAnswer.question_id)
        .where(QuizAttempt.user_id == uid, Question.source_id == source.id)
        .limit(1)
    )
    if answered is not None:
        return True
    studied = db.scalar(
        select(MemoryState.id)
        .join(Fact, Fact.id == MemoryState.fact_id)
        .where(MemoryState.user_id == uid, Fact.source_id == source.id)
        .limit(1)
    )
    return studied is not None


def fact_clause(user: Any) -> ColumnElement[bool]:
    uid, admin = _viewer(user)
    if admin:
        return true()
    published_sources = select(Source.id).where(
        or_(Source.builtin.is_(True), Source.published.is_(True))
    )
    public = or_(
        Fact.owner_id.is_(None),
        Fact.section == CURATED_SECTION,
    )
    visible = and_(public, Fact.source_id.in_(published_sources))
    if uid is None:
        return visible
    return or_(visible, Fact.owner_id == uid)


def question_clause(user: Any) -> ColumnElement[bool]:
    """A question is visible when the fact it is about is."""
    uid, admin = _viewer(user)
    if admin:
        return true()
    visible_fact_ids = select(Fact.id).where(fact_clause(user))
    return Question.fact_id.in_(visible_fact_ids)


def visible_sources(user: Any) -> Select[Source]:
    return select(Source).where(source_clause(user))


def visible_facts(user: Any) -> Select[Fact]:
    return select(Fact).where(fact_clause(user))


def visible_questions(user: Any) -> Select[Question]:
    return select(Question).where(question_clause(user))


def may_see_source(db: Session, user: Any, source: Source) -> bool:
    return (
        db.scalar(select(Source.id).where(Source.id == source.id, source_clause(user))) is not None
    )


def may_see_fact(db: Session, user: Any, fact_id: str) -> bool:
    return db.scalar(select(Fact.id).where(Fact.id == fact_id, fact_clause(user))) is not None


def hidden_fact_ids(db: Session, user: Any) -> set[str]:
    """The facts this user may not see. Only teachers' facts can be hidden, so
    the set is small whatever the size of the bank: lists filter by it."""
    if _viewer(user)[1]:
        return set()
    return set(db.scalars(select(Fact.id).where(Fact.owner_id.is_not(None), ~fact_clause(user))))


def hidden_source_ids(db: Session, user: Any) -> set[str]:
    if _viewer(user)[1]:
        return set()
    return set(db.scalars(select(Source.id).where(Source.builtin.is_(False), ~source_clause(user))))


def set_published(source: Source, published: bool) -> None:
    """Publish a teacher's source (its facts and questions) to everyone, or take
    it back. The caller has checked that the user owns it (or is an admin)."""
    if source.builtin:
        from app.services import ServiceError

        raise ServiceError("The built-in sources are always published.")
    source.published = published


__all__ = [
    "CURATED_SECTION",
    "fact_clause",
    "hidden_fact_ids",
    "hidden_source_ids",
    "may_see_fact",
    "may_read_retired",
    "may_see_source",
    "question_clause",
    "set_published",
    "source_clause",
    "visible_facts",
    "visible_questions",
    "visible_sources",
]
