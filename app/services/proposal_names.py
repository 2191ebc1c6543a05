"""Proposals that stand on their own: a question says what "the canal" is.

A proposal is written from one sentence, which often says "the canal" or "the
company" because the text has named it before; a student meets the question
alone. The subject is taken from the text's heading ("The building of the Suez
Canal": "the canal" is the Suez Canal) or from the one name in the text that ends
in that word and shares a word with the heading ("the company": the Suez Canal
Company), never guessed when several would do ("the street" in a text of many
streets stays as it is)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.services.proposals import Proposal

_SMALL = {"the", "a", "an", "of", "in", "on", "at", "by", "for", "from", "to", "and", "or"}
_THE = re.compile(r"\b[Tt]he ([a-z]+)\b")
_BARE = {"Street", "Road", "Square", "Lane", "Avenue"}
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")


class Namer:
    """Built once per text; called on each proposal."""

    def __init__(self, text: str) -> None:
        first = text.lstrip().splitlines()[0] if text.strip() else ""
        self.heading = first.lstrip("#").strip().split() if first.startswith("#") else []
        self.heading_words = {
            w.strip(".,:;") for w in self.heading if w[:1].isupper() and w.casefold() not in _SMALL
        }
        # capitalised runs, without a sentence's opening "The" ("The Suez Canal Company")
        self.names = {
            re.sub(r"^(?:The|A|An|In|On|At|By)\s+", "", m.group(0))
            for m in _CAPITALISED.finditer(text)
        }
        self._subjects: dict[str, str | None] = {}

    def subject(self, noun: str) -> str | None:
        """What "the <noun>" stands for in this text, when one thing only."""
        if noun not in self._subjects:
            self._subjects[noun] = self._from_heading(noun) or self._from_names(noun)
        return self._subjects[noun]

    def _from_heading(self, noun: str) -> str | None:
        words = [w.strip(".,:;") for w in self.heading]
        for i, word in enumerate(words):
            # the heading's head noun only: "outbreak", not "cholera", in "The Broad
            # Street cholera outbreak of 1854"
            last = i + 1 == len(words) or words[i + 1].casefold() in _SMALL
            if word.casefold() == noun and last:
                j = i
                while (
                    j > 0 and words[j - 1].casefold() not in _SMALL and not words[j - 1].isdigit()
                ):
                    j -= 1
                return " ".join(words[j : i + 1]) if j < i else None
        return None

    def _from_names(self, noun: str) -> str | None:
        head = noun.capitalize()
        found = {
            name
            for name in self.names
            if name.split()[-1] == head and set(name.split()[:-1]) & (self.heading_words - {head})
        }
        return found.pop() if len(found) == 1 else None

    def __call__(self, proposal: Proposal) -> Proposal:
        question = proposal.question
        for match in list(_THE.finditer(question))[::-1]:  # from the end: offsets stay right
            noun = match.group(1)
            named = self.subject(noun)
            if not named or named in question or noun in proposal.answer.casefold():
                continue
            the = match.group(0)[:3]  # "The" or "the"
            # a street is named without its article ("near Broad Street")
            phrase = named if named.split()[-1] in _BARE else f"{the} {named}"
            if the == "The" and named.split()[-1] in _BARE:
                phrase = named
            question = question[: match.start()] + phrase + question[match.end() :]
        if question == proposal.question:
            return proposal
        return replace(proposal, question=question)


__all__ = ["Namer"]
