"""Validators shared by every feature's forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Field, Form
from wtforms.validators import ValidationError

# Kept importable from here for the forms and views that read them from this module.
from app.parsing import (
    LARGEST_ID,
    invisible_character,
    invisible_character_problem,
    whole_number,
)

__all__ = [
    "LARGEST_ID",
    "invisible_character",
    "invisible_character_problem",
    "no_control_characters",
    "strip_filter",
    "whole_number",
]


def no_control_characters(form: Form, field: Field) -> None:
    """Refuse invisible control and format characters (newlines allowed in text areas)."""
    value = field.data
    if not isinstance(value, str):
        return
    problem = invisible_character_problem(value, multiline=field.type == "TextAreaField")
    if problem is not None:
        raise ValidationError(
            f"Remove the invisible control characters from this field ({problem})."
        )


def strip_filter(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class ButtonForm(FlaskForm):
    """Only the CSRF token: the form of a button that posts. What the button
    means travels in its own name and value, or in hidden fields the view reads."""
