"""Names whose kind the whole text, or the world, tells rather than the sentence:
countries (pycountry's copy of ISO 3166, with older names and without the
territories), and the ships of a text about ships ("the Mary Celeste")."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from app.services.name_words import (
    EVENT_WORDS,
    MODIFIERS,
    MONTHS,
    ORGANISATION_WORDS,
    PLACE_WORDS,
    TITLES,
    WORK_WORDS,
)

WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_CALENDAR = set(MONTHS.split("|")) | set(WEEKDAYS.split("|"))

# countries by older or shorter names than ISO 3166 gives them
_OTHER_COUNTRY_NAMES = {
    "Britain", "Great Britain", "England", "Scotland", "Wales", "Russia", "Prussia", "Holland",
    "Persia", "Siam", "Ceylon", "Bohemia", "Turkey", "America", "Korea", "Soviet Union",
}  # fmt: skip

# territories ISO 3166 lists beside the countries: "the Dei Gratia reached Gibraltar" is
# asked "where", not "which country"
_TERRITORIES = {
    "Gibraltar", "Bermuda", "Hong Kong", "Macao", "Puerto Rico", "Greenland", "Guam",
    "Martinique", "Guadeloupe", "Réunion", "French Guiana", "Aruba", "Faroe Islands",
    "Falkland Islands (Malvinas)", "Falkland Islands", "Cayman Islands", "Isle of Man", "Jersey",
    "Guernsey", "New Caledonia", "French Polynesia", "Montserrat", "Anguilla",
    "Western Sahara", "Saint Helena", "Svalbard and Jan Mayen", "American Samoa",
    "Northern Mariana Islands", "Virgin Islands", "Turks and Caicos Islands", "Curaçao",
}  # fmt: skip


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Country names, from pycountry's copy of ISO 3166 (today's countries and
    former ones), with the short form of "Korea, Republic of"."""
    import pycountry

    names: set[str] = set(_OTHER_COUNTRY_NAMES)
    for country in [*pycountry.countries, *pycountry.historic_countries]:
        for field in ("name", "common_name"):
            value = getattr(country, field, None)
            if value:
                names.update({value, value.split(",")[0]})
    return frozenset(names - _TERRITORIES)


def is_country(name: str) -> bool:
    return re.sub(r"^the\s+", "", name, flags=re.I) in _countries()


# a run of capitalised words after "the": "the Mary Celeste", not "the Mary Celeste's"
AFTER_THE = re.compile(r"\b[Tt]he\s+((?:[A-Z][\w'’-]+\s+)*[A-Z][\w'’-]+)\b(?!['’]s\b)")
_VESSEL_WORDS = re.compile(
    r"\b(?:ship|brig|brigantine|vessel|schooner|steamer|steamship|liner|barque|yacht|whaler|"
    r"frigate|clipper)s?\b"
)


def afloat(text: str) -> bool:
    """Whether the text is about ships: three words for one at least."""
    return len(_VESSEL_WORDS.findall(text)) >= 3


def ships(text: str) -> frozenset[str]:
    """The names of ships in a text about ships: a name the text writes after "the"
    ("the Mary Celeste", "the Dei Gratia") and, once at least, near a word for a
    ship ("the Dei Gratia, a Canadian brigantine"); never a person's, a place's or
    a firm's."""
    if not afloat(text):
        return frozenset()
    found: set[str] = set()
    times = Counter(AFTER_THE.findall(text))
    for m in AFTER_THE.finditer(text):
        name = m.group(1)
        words = name.split()
        if name in found or times[name] < 2:
            continue
        if (
            not 2 <= len(words) <= 3
            or words[0] in TITLES
            or any(w in ORGANISATION_WORDS or w in PLACE_WORDS or w in EVENT_WORDS for w in words)
            or any(w in WORK_WORDS or w in MODIFIERS or w in _CALENDAR for w in words)
            or is_country(name)
        ):
            continue
        near = text[max(0, m.start() - 80) : m.end() + 80]
        if times[name] >= 3 or _VESSEL_WORDS.search(near):
            found.add(name)
    return frozenset(found)


# the name an office is given in an aside after it: ", Robert Borden,"
NAMED_AFTER = re.compile(r",\s+[A-Z][\w'’-]+(?:\s+[A-Z]\.)*\s+[A-Z][\w'’-]+\s*,")
# a body named by what it is on: "the Massachusetts Committee on Public Safety"
BODY_ON = re.compile(r"\s+on\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
BODIES_ON = {"Committee", "Commission", "Conference"}


def event_alone(name: str) -> str:
    """ "First World War" of the run "First World War Halifax" ("During the First
    World War Halifax was ..."): a name of an event ends at its event word, unless
    a firm or a place follows ("War Office", "Battle Creek")."""
    words = name.split()
    for i, word in enumerate(words[:-1]):
        following = words[i + 1]
        if (
            word in EVENT_WORDS
            and i > 0
            and following[:1].isupper()
            and following not in ORGANISATION_WORDS | PLACE_WORDS
        ):
            return " ".join(words[: i + 1])
    return name


# "after the Battle of Waterloo on 18 June 1815": the date of another event it names,
# which the sentence's claim is not about
EVENT_DATED = re.compile(
    r"\b(?:Battle|War|Treaty|Siege|Revolution|Congress|Act|Massacre|Rising)\s+"
    r"(?:of\s+)?(?:[A-Z][\w'’-]+\s+)*(?:in|on|of)\s+$"
)


_NAMES_OF_A_KIND = ORGANISATION_WORDS | WORK_WORDS | EVENT_WORDS | MODIFIERS


def told_in_lower_case(question: str, name: str) -> bool:
    """Whether the question says, in lower case, a word that makes the name what it
    is: "Which act of 1840 provided free vaccination?" of the Vaccination Act, "which
    prohibited nuclear tests" of the Partial Test Ban Treaty; not its kind ("act"),
    nor a place's name the question gives with its capital ("the New York legislature")."""
    said = {w.rstrip("s") for w in re.findall(r"\b[a-z]{4,}\b", question)}
    return any(
        w.lower().rstrip("s") in said
        for w in re.findall(r"[A-Z][a-z]{3,}", name)
        if w not in _NAMES_OF_A_KIND
    )


# "Halifax, Nova Scotia, in Canada": a place the text puts in its country
_LOCATED = re.compile(
    r"\b([A-Z][\w'’-]+),\s+(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*,\s+)?in\s+(?:the\s+)?"
)


def located(text: str) -> dict[str, str]:
    """Place -> the country the text says it is in ("Boston, in the United
    States"): a question naming the place that asks for its country is asked
    and answered at once."""
    found = {}
    for m in _LOCATED.finditer(text):
        rest = re.match(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*", text[m.end() :])
        if rest and is_country(rest.group(0)):
            found[m.group(1)] = rest.group(0)
    return found


# "The Vasa was a Swedish warship built in Stockholm": what a text says its subject is
_DEFINITION = re.compile(
    r"(?:^|[.!?]\s+)(?:The\s+)?((?:[A-Z][\w'’-]+\s+)*[A-Z][\w'’-]+)\s+(?:was|is)\s+"
    r"(?:an?|one of the)\s+(?:[a-z][\w'’-]*\s+|[A-Z][a-z]+\s+){0,3}?([a-z]+?)(?:s)?\b",
    re.M,
)
_VESSEL_NOUNS = ("ship", "vessel")


def defined(text: str, heading_words: set[str]) -> dict[str, str]:
    """What "the <noun>" stands for in a text that says what its subject is in its
    first paragraph ("The Vasa was a Swedish warship ...": "the warship", "the
    ship" and "the vessel" are the Vasa): a name of the heading only, and for the
    one noun the sentence gives it."""
    first = next((p for p in re.split(r"\n\s*\n", text) if p.strip() and p.lstrip()[:1] != "#"), "")
    found = _DEFINITION.search(first)
    if found is None or not set(found.group(1).split()) & heading_words:
        return {}
    name, noun = found.group(1), found.group(2)
    nouns = {noun}
    if _VESSEL_WORDS.fullmatch(noun) or noun.endswith("ship"):  # a warship is a ship
        nouns |= set(_VESSEL_NOUNS)
    return dict.fromkeys(nouns, name)


__all__ = [
    "AFTER_THE",
    "BODIES_ON",
    "BODY_ON",
    "EVENT_DATED",
    "NAMED_AFTER",
    "WEEKDAYS",
    "afloat",
    "defined",
    "event_alone",
    "is_country",
    "located",
    "told_in_lower_case",
    "ships",
]
