"""What several parts of teaching need: who may teach, where a quoted passage
stands, which sources a teacher may quote."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Source, User
from app.services import PermissionDenied, ServiceError, visibility
from question_bank.loader import locate


def passage_offsets(text: str, quote: str) -> tuple[int, int]:
    """Where a quote stands in a source; it must be there verbatim, exactly once."""
    located = locate(text, quote.strip())
    if isinstance(located, str):
        raise ServiceError("The passage must be copied exactly from the source: " + located + ".")
    return located


def require_teacher(user: User) -> None:
    if not user.is_teacher:
        raise PermissionDenied("Only teachers can do this.")


def source_choices(db: Session, user: User) -> list[tuple[str, str]]:
    """(id, title) of the sources the user may see, by title: what a passage or
    a question may quote."""
    rows = db.execute(
        select(Source.id, Source.title)
        .where(visibility.source_clause(user), Source.retired.is_(False))
        .order_by(Source.title)
    )
    return [(sid, title) for sid, title in rows]


def own_sources(db: Session, user: User) -> list[Source]:
    """The sources teachers added that this one may curate: their own, or all for an admin."""
    query = select(Source).where(Source.builtin.is_(False)).order_by(Source.title)
    if not user.is_admin:
        query = query.where(Source.owner_id == user.id)
    return list(db.scalars(query))
