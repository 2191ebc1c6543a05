"""What the teaching views share: the acting teacher's class or lesson, the
check of a one-button POST form, the sources a teacher may quote."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_login import current_user

from app.extensions import db
from app.forms import ButtonForm
from app.models import Classroom, Lesson
from app.services import teaching


def as_me(fn: Any, *args: Any) -> Any:
    """Call a service as the current user (its NotFound becomes a 404 page)."""
    return fn(db.session, current_user, *args)


def own_class(class_id: int) -> Classroom:
    return teaching.class_for_teacher(db.session, current_user, class_id)


def own_lesson(lesson_id: int) -> Lesson:
    return teaching.lesson_for_editing(db.session, current_user, lesson_id)


def check_button() -> None:
    if not ButtonForm().validate_on_submit():
        abort(400)


def source_choices() -> list[tuple[str, str]]:
    return teaching.source_choices(db.session, current_user)
