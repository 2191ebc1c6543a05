"""The text of a PDF source, page by page, read with pypdf: the offset where
each page starts is kept, so a citation can name the page of its passage."""

from __future__ import annotations

import bisect
import io
import logging

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
        pages = [page.extract_text() or "" for page in reader.pages]
    except ServiceError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ServiceError("This file cannot be read as a PDF.") from exc
    text, starts = "", []
    for page in pages:
        starts.append(len(text))
        clean = to_text(page, "text") if page.strip() else ""
        text += clean + ("\n" if clean else "")
    if not text.strip():
        raise ServiceError(
            "The PDF has no text to quote (a scan?): add a PDF with a text layer, "
            "or paste the text."
        )
    text = text.rstrip("\n") + "\n"
    return text, starts


def page_of(page_starts: list[int], offset: int) -> int | None:
    """The page (from 1) holding `offset`, or None for a text without pages."""
    if not page_starts:
        return None
    return bisect.bisect_right(page_starts, offset)


__all__ = ["page_of", "pdf_text"]
