"""Proposals that stand on their own: a question says what "the canal" is.

A proposal is written from one sentence, which often says "the canal" or "the
company" because the text has named it before; a student meets the question
alone. The subject is taken from the text's heading ("The building of the Suez
Canal": "the canal" is the Suez Canal) or from the one name in the text that ends
in that word and shares a word with the heading ("the company": the Suez Canal
Company), never guessed when several would do ("the street" in a text of many
streets stays as it is).

A person the sentence calls by surname ("Snow") is named in full ("John Snow")
when the text gives one full name for that surname: in the question, in the
statement and as the answer, with the surname kept as an accepted form (it is
what the quoted sentence says)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.services.proposals import Proposal

_TITLES = {"Khedive", "Emperor", "Empress", "King", "Queen", "Prince", "President", "Pope"}
# words that open a question or clause before a name: "When Snow ..."
_OPENERS = {
    "When", "Where", "Why", "How", "Who", "Which", "What", "Whom", "Whose", "In", "On", "At",
    "By", "After", "Before", "During", "Did", "Was", "Were", "Had", "Has", "Is", "And", "But",
    "As", "Since", "Until", "While", "From", "To", "For", "With", "Although", "Though", "If",
}  # fmt: skip
_SMALL = {"the", "a", "an", "of", "in", "on", "at", "by", "for", "from", "to", "and", "or"}
_THE = re.compile(r"\b[Tt]he ([a-z]+)\b")
_BARE = {"Street", "Road", "Square", "Lane", "Avenue"}
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")


def full_names(people: set[str]) -> dict[str, str]:
    """Surname (or the first of two names: "Ismail" of "Ismail Pasha") -> the
    one full name the text gives for it; none where two would do ("Pasha")."""
    found: dict[str, set[str]] = {}
    for name in people:
        words = name.split()
        if len(words) < 2:
            continue
        if words[-2] not in ("of", "the"):  # "Franz Joseph of Austria": no surname
            found.setdefault(words[-1], set()).add(name)
        if len(words) == 2:
            found.setdefault(words[0], set()).add(name)
    return {short: names.pop() for short, names in found.items() if len(names) == 1}


def _named_in_full(text: str, short: str, full: str) -> str:
    """`text` with the first bare `short` (not already part of a longer name:
    "Said Pasha" for "Said") written as `full`."""
    if full in text:
        return text
    for m in re.finditer(rf"(?<![\w'’-]){re.escape(short)}(?![\w-])", text):
        before, after = text[: m.start()], text[m.end() :]
        prev = re.search(r"([A-Z][\w'’-]*)\s+$", before)
        nxt = re.match(r"\s+([A-Z][\w'’-]*)", after)
        if prev and (prev.group(1) in full.split() or prev.group(1) not in _OPENERS):
            continue  # part of another name: "Port Said", "Said Pasha" for "Said"
        if nxt and nxt.group(1) not in full.split():
            continue  # "Snow Hill"
        if prev and f"{prev.group(1)} {short}" not in full and prev.group(1) in _TITLES:
            continue  # "Khedive Ismail": the text's own way of naming him
        return before + full + after
    return text


class Namer:
    """Built once per text; called on each proposal."""

    def __init__(self, text: str, people: set[str] | None = None) -> None:
        self.full = full_names(people or set())
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
        return self._in_full(self._the(proposal))

    def _in_full(self, proposal: Proposal) -> Proposal:
        """Surnames written as the full names the text gives."""
        question, statement = proposal.question, proposal.statement
        answer, accepted = proposal.answer, proposal.accepted
        if proposal.answer_type == "person" and answer in self.full:
            answer, accepted = self.full[answer], (answer, *accepted)
            statement = _named_in_full(statement, proposal.answer, answer)
            if answer not in statement:
                return proposal
        for short, full in self.full.items():
            if short == proposal.answer:
                continue
            question = _named_in_full(question, short, full)
            statement = _named_in_full(statement, short, full)
        if (question, statement, answer) == (
            proposal.question,
            proposal.statement,
            proposal.answer,
        ):
            return proposal
        return replace(
            proposal, question=question, statement=statement, answer=answer, accepted=accepted
        )

    def _the(self, proposal: Proposal) -> Proposal:
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
