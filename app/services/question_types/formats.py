"""Escaping for the formats questions are exported in (Moodle XML, GIFT)."""

from __future__ import annotations

import html
import re
from xml.etree import ElementTree as ET


def xml_text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    """A Moodle XML element holding `<text>value</text>`."""
    element = ET.SubElement(parent, tag)
    if fmt:
        element.set("format", fmt)
    ET.SubElement(element, "text").text = value
    return element


def html_text(text: str) -> str:
    """Text as Moodle must receive everything it renders as HTML (question text,
    answers, feedback): markup in a teacher's text stays text. Quotes are left
    alone, so no entity brings a '#' into GIFT or cloze syntax."""
    return html.escape(text, quote=False)


def cloze_escape(text: str) -> str:
    """Moodle's embedded answers treat these characters as syntax."""
    return re.sub(r"([}#~/\"\\=])", r"\\\1", text)


def gift_escape(text: str) -> str:
    """GIFT's syntax characters escaped, after the HTML escape: Moodle renders
    GIFT text as HTML."""
    return re.sub(r"([~=#{}:\\])", r"\\\1", html_text(text.replace("\n", " ")))


__all__ = ["cloze_escape", "gift_escape", "html_text", "xml_text"]
