"""Render a source text readably: paragraphs, headings and lists, each block
addressable by an anchor, with passages highlighted by character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from question_bank.folding import find_folded

_OL = re.compile(r"^\s+(\d+)\.\s+")
_UL = re.compile(r"^\s+•\s+")
_NOT_HEADING_END = tuple('.:;,)]"”’!?')


@dataclass(frozen=True)
class Block:
    kind: str  # heading | para | ol | ul
    start: int  # offsets of the displayed text in the source
    end: int
    number: int | None
    index: int

    @property
    def anchor(self) -> str:
        return f"p{self.index}"


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    css: str
    element_id: str | None = None
    title: str | None = None


@lru_cache(maxsize=32)
def split_blocks(text: str) -> tuple[Block, ...]:
    """Cut the text into blocks at line breaks (each line of these sources is a
    paragraph, a heading or a list item)."""
    blocks: list[Block] = []
    offset = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        kind, number = "para", None
        if m := _OL.match(line):
            kind, number, start = "ol", int(m.group(1)), start + m.end()
        elif m := _UL.match(line):
            kind, start = "ul", start + m.end()
        else:
            stripped = line.strip()
            start += len(line) - len(line.lstrip())
            prev_blank = i == 0 or not lines[i - 1].strip()
            next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
            if (
                prev_blank
                and next_blank
                and len(stripped) < 70
                and "," not in stripped
                and not stripped.endswith(_NOT_HEADING_END)
            ):
                kind = "heading"
        end = start + len(line.strip()) if kind == "para" else end
        blocks.append(Block(kind, start, end, number, len(blocks) + 1))
    return tuple(blocks)


_MD_HEADING = re.compile(r"#{1,6}[ \t]+")
_MD_LIST = re.compile(r"(?:[-*+]|\d+[.)])[ \t]+")
_MD_STRONG = re.compile(r"(?<![\w*])\*\*([^*<>\n]+?)\*\*(?![\w*])")
_MD_EMPHASIS = re.compile(r"(?<![\w*])[*_]([^*_<>\n]+?)[*_](?![\w*])")


def markdown_blocks(text: str) -> tuple[Block, ...]:
    """Blocks of a Markdown text: "# ..." lines are headings and "- ..." lines
    list items, their markers left out of what is shown (offsets still index
    the stored text, so highlights and citations stay exact)."""
    blocks = []
    for block in split_blocks(text):
        line = text[block.start : block.end]
        if m := _MD_HEADING.match(line):
            block = Block("heading", block.start + m.end(), block.end, None, block.index)
        elif m := _MD_LIST.match(line):
            kind = "ol" if line[0].isdigit() else "ul"
            number = int(line.split(line[m.end() - 2], 1)[0]) if kind == "ol" else None
            block = Block(kind, block.start + m.end(), block.end, number, block.index)
        elif block.kind == "heading":
            block = Block("para", block.start, block.end, None, block.index)
        blocks.append(block)
    return tuple(blocks)


def shown_blocks(
    text: str, text_format: str, highlights: list[Highlight]
) -> list[tuple[Block, Markup]]:
    """Each block of a source as a reader sees it, with its highlights: a
    Markdown source's headings, lists and emphasis rendered, any other as lines."""
    if text_format == "markdown":
        return [
            (block, inline_markdown(render_text(text, block.start, block.end, highlights)))
            for block in markdown_blocks(text)
        ]
    return [
        (block, render_text(text, block.start, block.end, highlights))
        for block in split_blocks(text)
    ]


def inline_markdown(html: Markup) -> Markup:
    """**strong** and *emphasis* of already escaped text (never across a tag)."""
    out = _MD_STRONG.sub(r"<strong>\1</strong>", str(html))
    out = _MD_EMPHASIS.sub(r"<em>\1</em>", out)
    return Markup(out)  # noqa: S704  # nosec B704  # the text was escaped; only tags are added


def render_text(text: str, start: int, end: int, highlights: list[Highlight]) -> Markup:
    """The slice text[start:end], escaped, with highlights wrapped in <mark>."""
    cuts = sorted(
        (max(h.start, start), min(h.end, end), h)
        for h in highlights
        if h.start < end and h.end > start
    )
    out: list[str] = []
    position = start
    for cut_start, cut_end, h in cuts:
        if cut_start < position:
            continue  # overlapping highlights: the first one wins
        out.append(str(escape(text[position:cut_start])))
        attrs = f' class="{h.css}"'
        if h.element_id and cut_start == max(h.start, start):
            attrs += f' id="{h.element_id}" tabindex="-1"'
        if h.title:
            attrs += f' title="{escape(h.title)}"'
        out.append(f"<mark{attrs}>{escape(text[cut_start:cut_end])}</mark>")
        position = cut_end
    out.append(str(escape(text[position:end])))
    return Markup("".join(out))  # noqa: S704  # nosec B704  # every piece above is escaped


def highlight_answer(quote: str, answer_forms: list[str]) -> Markup:
    """The quote with the first answer form found in it marked."""
    for form in sorted((f for f in answer_forms if f), key=len, reverse=True):
        found = find_folded(quote, form)
        if found is not None:
            return render_text(quote, 0, len(quote), [Highlight(*found, "answer")])
    return escape(quote)


__all__ = ["Block", "Highlight", "highlight_answer", "render_text", "split_blocks"]
