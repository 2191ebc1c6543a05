"""Validators shared by every feature's forms."""

from __future__ import annotations

import unicodedata

from flask_wtf import FlaskForm
from wtforms import Field, Form
from wtforms.validators import ValidationError

# Invisible characters no text may hold: controls (NUL and the rest of C0 and
# C1), format characters (among them the bidi embeddings, overrides and
# isolates that make a text read in another order than it is stored),
# surrogates, private-use and unassigned code points.
_INVISIBLE = ("Cc", "Cf", "Cs", "Co", "Cn")


def invisible_character(value: str, *, multiline: bool = False) -> int | None:
    """Index of the first invisible character of `value`, or None if it has none.

    Tab, newline and carriage return are allowed in multi-line text only."""
    allowed = "\n\r\t" if multiline else ""
    for index, ch in enumerate(value):
        if ch not in allowed and unicodedata.category(ch) in _INVISIBLE:
            return index
    return None


def invisible_character_problem(value: str, *, multiline: bool = False) -> str | None:
    """What to remove from `value`, for a message ("U+202E RIGHT-TO-LEFT OVERRIDE
    on line 3"), or None if it is clean. Used by every form field, every imported
    row and every source text, so they all follow the same rules."""
    index = invisible_character(value, multiline=multiline)
    if index is None:
        return None
    ch = value[index]
    name = unicodedata.name(ch, "")
    where = f" on line {value.count(chr(10), 0, index) + 1}" if "\n" in value else ""
    return f"U+{ord(ch):04X}{' ' + name if name else ''}{where}"


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


# The largest value of an INTEGER column on PostgreSQL (SQLite's is larger).
LARGEST_ID = 2**31 - 1


def whole_number(text: str | None) -> int | None:
    """`text` as a whole number of ASCII digits that fits an INTEGER column, else None.

    str.isdigit() alone lets through '²' (which int() refuses), more digits than
    int() converts, and numbers the database cannot store."""
    if not text or not text.isascii() or not text.isdecimal() or len(text) > 10:
        return None
    number = int(text)
    return number if number <= LARGEST_ID else None


class ButtonForm(FlaskForm):
    """Only the CSRF token: the form of a button that posts. What the button
    means travels in its own name and value, or in hidden fields the view reads."""
