"""Source documents: the verbatim texts and what each one is."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

Perspective = Literal["reference", "partisan", "primary", "other"]


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    short_title: str
    author: str | None
    publisher: str | None
    date: str | None
    date_note: str | None
    url: str | None
    perspective: str
    perspective_note: str
    licence: str
    licence_url: str | None
    attribution: str
    sha256: str
    text: str
    body_end: int
    builtin: bool = True

    @property
    def label(self) -> str:
        """How a sentence names the source: its short name ("the encyclopedia"), or
        for a source without one (a teacher's, whose short name is its title) the
        title in quotation marks, as a title: 'the source “The Suez Canal”'."""
        if self.short_title == self.title:
            return f"the source “{self.title}”"
        return self.short_title

    @property
    def body(self) -> str:
        """The part of the text that facts may quote (not notes or credits)."""
        return self.text[: self.body_end]

    def metadata(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "short_title": self.short_title,
            "author": self.author,
            "publisher": self.publisher,
            "date": self.date,
            "date_note": self.date_note,
            "url": self.url,
            "perspective": self.perspective,
            "perspective_note": self.perspective_note,
            "licence": self.licence,
            "licence_url": self.licence_url,
            "attribution": self.attribution,
            "sha256": self.sha256,
        }


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_source(meta_path: Path) -> Source:
    """Read a source's metadata file and its text; the text's hash must match."""
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    raw = (meta_path.parent / meta["file"]).read_bytes()
    text = raw.decode("utf-8")
    digest = hashlib.sha256(raw).hexdigest()
    if digest != meta["sha256"]:
        raise ValueError(
            f"{meta_path.name}: the text's SHA-256 is {digest}, the metadata says "
            f"{meta['sha256']}: the source was edited (a new version must be a new source)"
        )
    end_marker = meta.get("body_ends_before")
    body_end = text.index(end_marker) if end_marker else len(text)
    return Source(
        id=meta["id"],
        title=meta["title"],
        short_title=meta.get("short_title") or meta["title"],
        author=meta.get("author"),
        publisher=meta.get("publisher"),
        date=meta.get("date"),
        date_note=meta.get("date_note"),
        url=meta.get("url"),
        perspective=meta["perspective"],
        perspective_note=meta.get("perspective_note", ""),
        licence=meta["licence"],
        licence_url=meta.get("licence_url"),
        attribution=meta["attribution"],
        sha256=digest,
        text=text,
        body_end=body_end,
    )


__all__ = ["Perspective", "Source", "load_source", "sha256_text"]
