"""What the teaching views share: the acting teacher's class or lesson, the
form of a one-button POST, the sources a teacher may quote."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.models import Source
from app.services import teaching, visibility
from app.teach.forms import ButtonForm


def as_me(fn: Any, *args: Any) -> Any:
    """Call a service as the current user (its NotFound becomes a 404 page)."""
    return fn(db.session, current_user, *args)


def own_class(class_id: int) -> Any:
    return as_me(teaching.class_for_teacher, class_id)


def own_lesson(lesson_id: int) -> Any:
    return as_me(teaching.lesson_for_editing, lesson_id)


def check_button() -> None:
    if not ButtonForm().validate_on_submit():
        abort(400)


def source_choices() -> list[tuple[str, str]]:
    return [
        (sid, title)
        for sid, title in db.session.execute(
            select(Source.id, Source.title)
            .where(visibility.source_clause(current_user))
            .order_by(Source.title)
        )
    ]
