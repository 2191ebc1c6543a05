"""Validators shared by every feature's forms."""

from __future__ import annotations

import unicodedata

from wtforms import Field, Form
from wtforms.validators import ValidationError


def no_control_characters(form: Form, field: Field) -> None:
    """Refuse invisible control and format characters (newlines allowed in text areas)."""
    value = field.data or ""
    allowed = "\n\r\t" if field.type == "TextAreaField" else ""
    for ch in value:
        if ch in allowed:
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            raise ValidationError("Remove the invisible control characters from this field.")


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
