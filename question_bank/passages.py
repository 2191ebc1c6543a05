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
    if passage.endswith(";"):  # an item of a list the source runs on: it ends here
        passage = passage[:-1] + "."
    if re.search(r"[:;,]$", passage):  # it leads into words not shown: "… wrote:…"
        return f"{speaker} says: “{passage}…”"
    end = "" if re.search(r"[.?!…][”’\"')]*$", passage) else "."
    return f"{speaker} says: “{passage}{end}”"
