"""What a teacher should check in a proposal before accepting it: a day without
its year, a name the text also uses in a longer one ("the Bank"), an opening that
leans on the text before ("In gratitude,"), a question word inside an aside.
Each returns what it found, for the "Check:" line under the proposal."""

from __future__ import annotations

import re

from app.services.answer_spans import MONTHS
from app.services.proposal_questions import _ANY_VERB
from app.services.word_classes import word_classes

_YEARLESS = re.compile(
    rf"\b(?:\d{{1,2}}\s+(?:{MONTHS})|(?:{MONTHS})\s+\d{{1,2}}|(?:that|in|by|last|next)\s+(?:{MONTHS}))\b"
    r"(?!,?\s+\d{4})"
)
# a day that comes back every year: "Memorial services are held each year on 6 December"
EVERY_YEAR = re.compile(r"\b(?:(?:each|every)\s+year|annually|yearly)\s+(?:on\s+)?$")


def yearless_date(question: str) -> str:
    """A day or month the question gives without its year ("On 31 July", "that
    August"), or ""."""
    found = _YEARLESS.search(question)
    if not found or EVERY_YEAR.search(question[: found.start()]):
        return ""  # "held each year on 6 December": no one year's day
    return found.group(0)


def bare_name(question: str, text: str) -> str:
    """ "the Union", "the Bank": a capitalised word the text also uses in a longer
    name ("the National Union", "the Bank of England"), so that a student meeting the
    question alone cannot tell which; "" when there is none."""
    for found in re.finditer(
        r"\b[Tt]he ([A-Z][a-z]+)\b(?![’'-])(?!\s+(?:of\s+(?:the\s+)?)?[A-Z])", question
    ):
        word = found.group(1)
        following = re.match(r"\s+([a-z]+)\b", question[found.end() :])
        if following and _modified(following.group(1)):
            continue  # "the Jupiter missiles", "the Brooklyn tower": a name as a modifier
        if re.search(rf"(?:^|[.!?]\s+)The {word} (?:was|is) an?\b", text, re.M):
            continue  # "The Vasa was a Swedish warship": a name of its own, the "Vasa Museum" aside
        if re.search(rf"\b{word}\s+of\s+(?:the\s+)?[A-Z]|\b[A-Z][\w'’-]*\s+{word}\b", text):
            return found.group(0)
    return ""


def _modified(word: str) -> bool:
    """Whether a word after a name is a noun the name modifies, not a verb."""
    return "NOUN" in word_classes(word) and not _ANY_VERB.fullmatch(word)


# "Under the Project, begun in what year and often called ..., workers planted ...": the
# question word sits in an aside and the sentence goes on without it
_ASKED_IN_ASIDE = re.compile(
    r",\s[^,?]*\b(?:what|which|how many|how much|who|whom)\b[^,?]*,\s+(?!and\b|or\b)[a-z]"
)


# "In gratitude, ...", "Heading the other way, ...": an opening that leans on the text
# before it (no name, no number, no date to say what it means)
_LEANING_OPENER = re.compile(r"^((?:[A-Z][a-z]+)(?:\s+[a-z]+){0,4}),\s+(?=[a-z]|[A-Z])")
# a question word, or a word of time, that opens the question itself: "Who sent his first
# mate, Oliver Deveau, ...?" leans on nothing
_ASKING = {
    "When",
    "While",
    "After",
    "Before",
    "Which",
    "Who",
    "Whom",
    "Whose",
    "What",
    "Where",
    "How",
}
_OPENING_WORDS = {"Elsewhere", "Meanwhile", "Afterwards", "Nevertheless", "Later", "Then", "There"}


def leaning_opener(question: str) -> str:
    """The opening phrase a question leans on, or ""."""
    found = _LEANING_OPENER.match(question)
    if not found or found.group(1).split()[0] in _ASKING:
        return ""  # "Which embankment, opened in July 1870, ...": the question word itself
    if re.fullmatch(r"At (?:its|their) (?:height|peak)", found.group(1)):
        return ""  # of the subject the question names after it
    if " " not in found.group(1) and found.group(1) not in _OPENING_WORDS:
        return ""  # "Krakatoa, known in Indonesian as Krakatau, ...": a name
    return found.group(1)


def asked_in_aside(question: str) -> bool:
    """Whether the question word stands in an aside of a sentence that goes on, not
    after a lead of time ("In 1887, which former sailor, who worked ..., founded")."""
    led = re.match(
        r"(?:In|On|By|During|After|Before)\s+[^,?]{2,40},\s+(?=(?:which|who|what|how)\b(?!,))",
        question,
    )
    return not led and bool(_ASKED_IN_ASIDE.search(question))


_POSSESSIVE = re.compile(r"\b(his|her|their|him|them|its)\b")


def whose(question: str, kind: str) -> str:
    """ "his" in a question that names no person ("Which magazine published his
    story ...?"): a student meeting it alone cannot tell whose; "" when it names one
    or asks for one ("Who dug a pit in his garden?")."""
    found = _POSSESSIVE.search(question)
    if found and found.group(1) in ("their", "them"):
        return found.group(1)  # "collected their recollections": a person asked is one
    if found and found.group(1) == "its":
        # "interrupt its business": of the company the sentence before named; not
        # "Which ship had loaded its cargo", the thing asked, nor "At its height, ..."
        asked = re.match(r"(?:Which|What)\b|At\s+its\s+(?:height|peak)\b", question)
        return "" if asked else "its"
    if not found or kind == "person" or re.match(r"(?:Who|Whom|Whose)\b", question):
        return ""
    names = re.findall(r"(?<!^)(?<![.?!] )\b[A-Z][a-z]+\s+[A-Z][a-z]+", question)
    return "" if names else found.group(1)


def what_to_check(asked: str, kind: str, unpinned: list[str], text: str = "") -> str:
    """What a teacher should check in the question as asked, or "": a thing named
    only by "the", a "his" of nobody, a bare name the text uses in a longer one (when
    `text` is given), a day without its year, an opening that leans on the text."""
    if unpinned:
        return f"It says only “{unpinned[0]}”: which one? Name it."
    if owner := whose(asked, kind):
        if owner == "its":
            return "It says “its”: of what? Name it."
        return f"It says “{owner}”: whose? Name them."
    if text and (bare := bare_name(asked, text)):
        return f"It says only “{bare}”: name it in full."
    if day := yearless_date(asked):
        return f"It says “{day}” without the year: add it."
    if opener := leaning_opener(asked):
        return f"It opens with “{opener}”: of what? Say it."
    return ""
