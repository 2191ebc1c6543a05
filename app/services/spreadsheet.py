"""CSV for spreadsheets. Spreadsheets run a cell that starts with = + - @ (or a
tab or carriage return before one) as a formula, so every cell of every CSV
export is defused the same way, headers included."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """`value` as text a spreadsheet shows as typed: a leading apostrophe before
    anything that would start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """Rows as CSV, every cell defused."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


__all__ = ["FORMULA_STARTS", "csv_text", "safe_cell"]
