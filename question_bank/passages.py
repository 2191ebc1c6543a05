"""How a source's passage is shown in an item: plain text without note markers,
a numbered list item as a sentence, one full stop where templates join
sentences, and a quotation with its speaker."""

from __future__ import annotations

import re


def _plain(text: str) -> str:
    """Source text without the encyclopedia's note markers ("[18]") and runs of spaces."""
    return re.sub(r"\s+", " ", re.sub(r"\[\d+\]", "", text)).strip()


def _list_item(sentence: str) -> str:
    """An item of a numbered list in the source ('2. the "Case of ..." ...; and.')
    as a sentence: without its number and the 'and' that joins it to the next."""
    item = re.sub(r"^\d+\.\s+", "", sentence)
    item = re.sub(r"[;,]\s*(?:and|or)\.?$", ".", item)
    return item[:1].upper() + item[1:] if item != sentence else sentence


def tidy(text: str) -> str:
    """One full stop where templates join sentences: no `.”.`, `..` or `?.`."""
    while True:
        tidier = re.sub(r"(?<!\.)([.?!])([”’\"')]*)\s*\.(?!\.)", r"\1\2", text)
        if tidier == text:
            break
        text = tidier
    return re.sub(r"\s+", " ", text).strip()


def quoted(speaker: str, passage: str) -> str:
    """'The essay says: “… shot.”' with the passage's own closing stop, or one added."""
    passage = passage.strip()
    if passage.count('"') % 2 and passage.endswith('"'):
        passage = passage[:-1]  # the close of a quotation opened before the passage
    # a quotation inside the quoted passage takes single marks: “… ‘a new triumph’ …”;
    # a straight mark after a word closes one (perhaps opened before the passage)
    passage = re.sub(r'(?<=\S)"(?=[\s,.;:!?)…]|$)', "’", passage).replace('"', "‘")
    passage = passage.replace("“", "‘").replace("”", "’")
    if passage.endswith(";"):  # an item of a list the source runs on: it ends here
        passage = passage[:-1] + "."
    if re.search(r"[:;,]$", passage):  # it leads into words not shown: "… wrote:…"
        return f"{speaker} says: “{passage}…”"
    end = "" if re.search(r"[.?!…][”’\"')]*$", passage) else "."
    return f"{speaker} says: “{passage}{end}”"


_ITEM = re.compile(r"\s*\d+\.\s")


def list_lead(text: str, at: int) -> str | None:
    """For a position inside an item of a numbered list ("  11. Eduard Holtzman"),
    the sentence that leads into the list ("The full list of defendants is:"), so
    that a bare name is shown with what the list is; None outside a list."""
    line_start = text.rfind("\n", 0, at) + 1
    if not _ITEM.match(text[line_start : text.find("\n", at) % (len(text) + 1)]):
        return None
    start = line_start
    while start > 0:  # back over the items before this one and the blank lines
        prev = text.rfind("\n", 0, start - 1) + 1
        line = text[prev : start - 1]
        if line.strip() and not _ITEM.match(line):
            sentences = re.split(r"(?<=[.!?])\s+", _plain(line))
            lead = sentences[-1] if sentences else ""
            return lead if lead.endswith(":") else None
        start = prev
    return None
