"""Teachers: classes, lessons, assignments, gradebook, item analysis, reports,
fixing questions and marks.

One blueprint; its views live in a module per concept, imported below so that
their routes are registered on it."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("teach", __name__, url_prefix="/teach")

from app.teach import (  # noqa: E402  (the modules register their views on bp)
    accommodations,
    assignments,
    classes,
    curating,
    disputes,
    gradebook,
    imports,
    lesson_items,
    lessons,
    marks,
    reports,
    sources,
)

__all__ = [
    "accommodations",
    "assignments",
    "bp",
    "classes",
    "curating",
    "disputes",
    "gradebook",
    "imports",
    "lesson_items",
    "lessons",
    "marks",
    "reports",
    "sources",
]
