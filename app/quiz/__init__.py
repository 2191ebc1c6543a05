"""Taking quizzes: one blueprint; its views live in a module per concept
(taking a quiz, and what comes after it), imported below so that their routes
are registered on it."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("quiz", __name__, url_prefix="/quiz")

from app.quiz import results, routes  # noqa: E402  (the modules register their views on bp)

__all__ = ["bp", "results", "routes"]
