"""What several parts of teaching need: who may teach, where a quoted passage stands."""

from __future__ import annotations

from app.models import User
from app.services import PermissionDenied, ServiceError
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
