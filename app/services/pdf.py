"""The text of a PDF source, page by page, read with pypdf: the offset where
each page starts is kept, so a citation can name the page of its passage."""

from __future__ import annotations

import bisect
import io
import logging
import re

from app.services import ServiceError

MAX_PAGES = 500


def pdf_text(data: bytes) -> tuple[str, list[int]]:
    """(the text as add_source stores it, the offset where each page starts).
    Pages are separated by a blank line; a page without text starts where the
    next one does."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    from app.services.curation import to_text

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files are reported below
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ServiceError("The PDF is protected by a password; save an unprotected copy.")
        if len(reader.pages) > MAX_PAGES:
            raise ServiceError(f"The PDF has more than {MAX_PAGES} pages; add it in parts.")
        pages = [_paragraphs(_page_text(page)) for page in reader.pages]
    except ServiceError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ServiceError("This file cannot be read as a PDF.") from exc
    text, starts = "", []
    for page in pages:
        starts.append(len(text))
        clean = to_text(page, "text") if page.strip() else ""
        text += clean + ("\n" if clean else "")  # and so a blank line before the next page
    if not text.strip():
        raise ServiceError(
            "The PDF has no text to quote (a scan?): add a PDF with a text layer, "
            "or paste the text."
        )
    text = text.rstrip("\n") + "\n"
    return text, starts


def _page_text(page: object) -> str:
    """A page's text with its layout: a blank line where a paragraph ends (the
    plain extraction runs every line into the next, paragraphs alike)."""
    try:
        return page.extract_text(extraction_mode="layout") or ""  # type: ignore[attr-defined]
    except (ValueError, KeyError, TypeError, ZeroDivisionError):  # an odd layout
        return page.extract_text() or ""  # type: ignore[attr-defined]


def _paragraphs(page: str) -> str:
    """The printed lines of each paragraph joined into one line, as a pasted text
    has them, paragraphs apart by a blank line: a sentence broken across lines is
    one sentence to quote, and no word is glued to the next ("died inLondon")."""
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", page):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        joined = ""
        for line in filter(None, lines):
            if not joined:
                joined = line
            elif re.search(r"\w-$", joined) and line[:1].islower():
                joined += line  # a word the line break split with a hyphen
            else:
                joined += " " + line
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


def page_of(page_starts: list[int], offset: int) -> int | None:
    """The page (from 1) holding `offset`, or None for a text without pages."""
    if not page_starts:
        return None
    return bisect.bisect_right(page_starts, offset)


__all__ = ["page_of", "pdf_text"]
