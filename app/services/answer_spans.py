"""Answer spans in a sentence: dates, money, counts (in digits or words), names
of people, places, organisations, events and works, each of the right extent and
kind, found by their shapes and the words around them; `dateutil` checks that a
date is a real one. Plain rules over the text, no model."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateutil import parser as date_parser

from app.services.name_words import (
    EVENT_WORDS,
    MODIFIERS,
    MONTHS,
    OFFICES,
    ORGANISATION_WORDS,
    PERSON_ROLES,
    PLACE_WORDS,
    TITLES,
    WORK_WORDS,
)
from app.services.text_names import (
    AFTER_THE,
    BODIES_ON,
    BODY_ON,
    NAMED_AFTER,
    WEEKDAYS,
    event_alone,
    is_country,
)
from app.services.word_classes import word_classes

_CALENDAR = set(MONTHS.split("|")) | set(WEEKDAYS.split("|"))
_DAY_MONTH_YEAR = rf"\b(?:\d{{1,2}}\s+(?:{MONTHS})|(?:{MONTHS})\s+\d{{1,2}},?)\s+\d{{4}}\b"
_MONTH_YEAR = rf"\b(?:{MONTHS})\s+\d{{4}}\b"
_YEARS = r"\bfrom\s+\d{4}\s+to\s+\d{4}\b|\bbetween\s+\d{4}\s+and\s+\d{4}\b"
_YEAR = (
    r"\b(?:1[0-9]{3}|20[0-9]{2})\b(?![-–]\d)"  # not "1948" of "1948-49"
    r"(?!\s*(?:per cent|%|kilometres|metres|miles|men|ships))"
)
_WORD_NUMBERS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundred|a hundred|a thousand|thousand|a million|million|a half|a quarter"
)
# "14" of "Apollo 14, the next": a comma inside a number, never at its end; "61 and a half"
_NUM = (
    rf"(?:\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s+and\s+a\s+(?:half|quarter))?|"
    rf"(?:{_WORD_NUMBERS})(?:[\s-](?:{_WORD_NUMBERS}|and))*)"
)
_SCALE = r"(?:\s+(?:million|billion|thousand))?"
_CURRENCY = r"francs|pounds|dollars|marks|roubles|lire|guineas|shillings|crowns|pesos|euros"
_MONEY = rf"(?:[£$€]\s?\d(?:[\d,]*\d)?(?:\.\d+)?{_SCALE}|\b{_NUM}{_SCALE}\s+(?:{_CURRENCY})\b)"
_VOTES = rf"\b{_NUM}\s+votes?\s+to\s+{_NUM}\b"
_PERCENT = rf"\b{_NUM}\s+(?:per cent|percent)\b|\b\d+(?:\.\d+)?%"
_MEASURE = (
    rf"\b{_NUM}{_SCALE}\s+(?:kilometres|kilometers|km|metres|meters|miles|feet|tons|tonnes|"
    r"hectares|acres|years|months|days|hours|minutes|gallons|litres|liters|inches|yards|"
    r"barrels|bushels)\b"
)
_COUNT = (
    rf"(?<!\b[Tt]he )(?<!other )(?<!first )(?<!last )(?<!next )(?<!several )(?<!many )(?<!No\. )"
    rf"(?<![\d,.:\-–—])(?<!Pier )(?<!Platform )(?<!Room )(?<!Gate )(?<!Route )(?<!Highway )"
    # not "fourteen" of "fourteen thousand"
    rf"\b{_NUM}{_SCALE}(?![\d:])(?!\s+(?:{_WORD_NUMBERS}|and)\b)"
    r"(?=\s+(?:[a-z]|[A-Z][a-z]+s\b))"  # "146 workers", "fourteen thousand Londoners"
    r"(?!\s+(?:pm|am|p\.m\.|a\.m\.|o'clock|o’clock)(?!\w))"  # a time of day is no count
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("date", re.compile(_YEARS)),
    ("date", re.compile(_DAY_MONTH_YEAR)),
    ("date", re.compile(_MONTH_YEAR)),
    ("number", re.compile(_MONEY, re.IGNORECASE)),
    ("number", re.compile(_VOTES, re.IGNORECASE)),
    ("number", re.compile(_PERCENT, re.IGNORECASE)),
    ("number", re.compile(_MEASURE, re.IGNORECASE)),
    ("date", re.compile(_YEAR)),
    ("number", re.compile(_COUNT)),
]

# a capitalised word, with hyphens and apostrophes ("Hubert-Joseph", "L'Aurore")
_CAP = r"(?:[A-Z][\w'’]*(?:-[A-Z]?[\w'’]+)*)"
_LINK = r"(?:de|du|des|de la|von|van|der|da|di|le|la|of|of the|al|el|ibn|bin)"
# a name's words are at most a few spaces apart: a run of spaces is read once
_NAME = re.compile(
    rf"\b{_CAP}(?:[ \t]{{1,3}}(?:[A-Z]\.[ \t]{{1,3}})*(?:{_LINK}[ \t]{{1,3}})*{_CAP})*"
    r"(?:,?[ \t](?:Jr|Sr)\.?)?"  # "George Pollard Jr."
)

# words that begin a sentence with a capital without naming anything
_FUNCTION = {
    "The", "A", "An", "In", "On", "At", "By", "For", "From", "To", "As", "After", "Before",
    "When", "While", "Since", "During", "Its", "His", "Her", "Their", "It", "He", "She",
    "They", "This", "That", "These", "Those", "There", "Then", "But", "And", "Or", "Yet",
    "Although", "Because", "If", "Under", "With", "Without", "Over", "Many", "Most",
    "Some", "Until", "Each", "Every", "Both", "All", "No", "Not", "Only", "Later", "Soon",
    "Around", "Across", "Along", "Through", "Beyond", "Near", "Inside", "Outside", "Towards",
    "Meanwhile", "Afterwards", "Instead", "Finally", "Eventually", "Nevertheless", "However",
    "Still", "Thus", "Indeed",
}  # fmt: skip
_PLACE_PREPOSITIONS = {"in", "at", "to", "from", "near", "off", "across", "via", "through"}
_PLACE_OF = re.compile(
    r"\b(?:parish|district|town|city|village|county|port|province)\s+of\s+$|"
    r"\b(?:settlement|village|town|hamlet|camp|colony|mission|station|port|harbour|fort)"
    r"\s+(?:at|of|in|on)\s+$"  # "the small Mi'kmaq settlement at Turtle Grove"
)
_ROMAN = re.compile(r"\b[IVX]{1,4}$")


@dataclass(frozen=True)
class Span:
    start: int  # offsets into the sentence
    end: int
    text: str
    kind: str  # one of question_bank.fact.ANSWER_TYPES
    # where the words the question replaces begin ("The Austrian engineer Alois
    # Negrelli": the answer is the name, the question replaces the whole phrase)
    phrase_start: int = -1
    # what the question asks it as, where its kind does not say: "ship" for the Dei Gratia
    noun: str = ""

    @property
    def lead(self) -> int:
        return self.start if self.phrase_start < 0 else self.phrase_start


def _real_date(text: str) -> bool:
    if re.fullmatch(r"\d{4}", text) or text.startswith(("from", "between")):
        return True
    try:
        date_parser.parse(text)
    except (ValueError, OverflowError, TypeError):
        return False
    return True


def _value_spans(sentence: str) -> list[Span]:
    spans: list[Span] = []
    # "Five hundred and eighty-three people died": a number word opening the sentence is
    # read as it would be inside one; the span keeps the sentence's own letters
    first = re.match(rf"(?:{_WORD_NUMBERS})\b", sentence[:1].lower() + sentence[1:])
    read = sentence[:1].lower() + sentence[1:] if first else sentence
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(read):
            start, end = m.start(), m.end()
            if any(s.start < end and start < s.end for s in spans):
                continue  # a longer span of an earlier pattern holds it
            value = sentence[start:end].strip()
            if kind == "date" and not _real_date(value):
                continue
            if kind == "number" and re.fullmatch(r"(?:a |an )?(?:one|a)", value, re.I):
                continue
            spans.append(Span(start, end, value, kind))
    return spans


# what stands before a ship's name
# "the pleasure steamer *Princess Alice*": the name after it is a ship's
VESSEL = re.compile(
    r"\b(?:[Tt]he\s+(?:[a-z]+\s+)?)?(steamer|steamship|ship|liner|vessel|yacht|frigate|schooner|"
    r"brig|ferry|tug|whaler|clipper|submarine|battleship|cruiser|destroyer|gunboat|barque)"
    r"\s+[*_\"“]?$"
)
SHIP_PREFIXES = {"SS", "RMS", "HMS", "USS", "HMCS", "HMAS", "MV", "SMS", "MS", "HMT", "SY"}
# a person's calling, in an aside after the name: "John Reilly, a former congressman"
_ROLE_AFTER = re.compile(
    r"\s*,\s+(?:a|an)\s+(?:former\s+|retired\s+|young\s+|wealthy\s+|local\s+|"
    r"[A-Z][a-z]+\s+)?(?:" + "|".join(sorted(PERSON_ROLES)) + r")\b"
)


def _name_kind(
    name: str, before: str, after: str, people: set[str], places: set[str]
) -> str | None:
    words = name.split()
    last = words[-1].strip("'’")
    if before.count('"') % 2 or before.count("“") > before.count("”"):
        return None  # inside quotation marks: a title ("Jephson's Statement") or words said
    if is_country(name):
        return "place"  # "Japan was governed ...": a country, though it acts
    if words[0] in ("St", "St.") and re.search(r"\b(?:in|at|to|from|near)\s+$", before):
        return "place"  # "Ministers in St Petersburg"
    if words[0] in SHIP_PREFIXES and len(words) > 1:
        return "term"  # "SS Mont-Blanc", "HMS Highflyer": a ship, asked "which ship"
    if all(w in MODIFIERS for w in words) and name not in people:
        return None  # "Greek", "Ancient Greek": a language or a people, of no kind we ask
    if _PLACE_OF.search(before):
        return "place"  # "the parish of St James"
    if len(words) == 1 and re.search(r"\b[Tt]he\s+$", before) and name not in people:
        if re.search(r"(?:ives|als|ists|ites|ans|ats|igs|ories|iks)$", name):
            return None  # "the Conservatives", "the Whigs": a party or a people, no place
        return "place" if last not in ORGANISATION_WORDS else "organisation"  # "the Forth"
    if len(words) == 1 and re.search(r"\b[Tt]he\s+[a-z]+\s+$", before) and name not in people:
        return None  # "the old Reichsmark": a thing the text names, of no kind we can tell
    if (
        any(w in ORGANISATION_WORDS for w in words)
        and (words[0] not in TITLES or last in ORGANISATION_WORDS or "of" in words)
        and last not in PLACE_WORDS  # "the Halifax Explosion Memorial Bell Tower": a place
    ):
        return "organisation"
    if words[0] in OFFICES and words[1:2] == ["of"]:
        return None  # "the Minister of Ways of Communication": an office, held by a person
    if last in ("Member", "Members", "MP", "MPs"):
        return None  # "the Conservative Member for Guildford": a seat, held by a person
    if name in people or words[0] in TITLES:
        return "person"
    if any(w in EVENT_WORDS for w in words):
        return "event"
    if any(w in WORK_WORDS for w in words):
        return "work"
    if any(w in ORGANISATION_WORDS for w in words) and last not in PLACE_WORDS:
        return "organisation"
    if (
        last in PLACE_WORDS
        or words[0] in PLACE_WORDS
        or name in places
        or words[0] in _PLACE_OPENERS
    ):
        return "place"
    if _ROMAN.search(name) or re.match(r"\s*,\s*who\b", after) or _ROLE_AFTER.match(after):
        return "person"  # "John Reilly, a former congressman"
    preposition = before.rstrip().rsplit(" ", 1)[-1].lower() if before.strip() else ""
    if preposition in _PLACE_PREPOSITIONS and len(words) <= 2:
        return "place"
    if re.search(r"\b[Tt]he\s+$", before) and name not in people:
        return "place"  # "the valley of the Little Conemaugh": not a person
    named = [w for w in words if not re.fullmatch(_LINK, w)]
    if (
        len(named) >= 2
        and all(w[0].isupper() for w in named)
        and words[0] not in MODIFIERS
        and not any(w in _CALENDAR or re.search(r"\d", w) for w in words)
    ):
        return "person"  # two capitalised words, not "Deutsche Mark" or "C-54 Skymaster"
    if re.search(r"\d", name):
        return None  # "R100 had flown to Montreal": an airship, a model, not a person
    if re.match(r"\s*(?:had|was|wrote|said|bought|became|granted|gave|took|"
                r"announced|wanted|brought|hurried|struck|died|fled|objected|could)\b",
                after):  # fmt: skip
        return "person"
    return None


def _trim_name(name: str) -> str:
    """ "Major Hubert-Joseph Henry" -> "Hubert-Joseph Henry", "British Prime
    Minister Benjamin Disraeli" -> "Benjamin Disraeli"; a leading "The" or a
    trailing possessive goes too."""
    words = name.split()
    while len(words) > 1 and words[0] in _FUNCTION:
        words = words[1:]
    titled = [i for i, w in enumerate(words[:-1]) if w in TITLES and w != "Pasha"]
    if len(words) == 2 and words[0] in ("Lord", "Lady"):
        titled = []  # "Lord North" is how a peer is named: "North" alone is no answer
    if any(w in ORGANISATION_WORDS or w in PLACE_WORDS for w in words):
        titled = []  # "General Board of Health" is no general
    if titled and titled[-1] + 1 < len(words) and words[titled[-1] + 1] not in ("of",):
        words = words[titled[-1] + 1 :]
    text = " ".join(words)
    return re.sub(r"['’]s$", "", text)


def _places(text: str) -> set[str]:
    """Single capitalised words the text puts after "in", "at", "to" or "from"
    somewhere and never gives a title: "in Egypt" makes Egypt a place."""
    found = set(re.findall(r"\b(?:in|at|from|near|across|to)\s+([A-Z][a-z]+)\b(?!\s+[A-Z])", text))
    return found - set(MONTHS.split("|")) - set(WEEKDAYS.split("|"))


def _without_calendar(name: str) -> str:
    """ "July Benjamin Disraeli" of "On 15 July Benjamin Disraeli": the month is no name."""
    words = name.split()
    while words and words[0] in _CALENDAR:
        words = words[1:]
    return name[name.index(words[0]) :] if words else ""


def _name_spans(
    sentence: str,
    taken: list[Span],
    people: set[str],
    places: set[str],
    ships: frozenset[str] = frozenset(),
) -> list[Span]:
    spans: list[Span] = []
    for m in _NAME.finditer(sentence):
        raw = m.group(0)
        # links at the end belong to the next words ("Lesseps and")
        raw = re.sub(rf"(?:\s+{_LINK})+$", "", raw)
        words = raw.split()
        if not words or words[0] in _FUNCTION and len(words) == 1:
            continue
        vessel = VESSEL.search(sentence[: m.start()])
        # a ship keeps its title: "Princess Alice" is no princess
        name = raw if vessel else _without_calendar(_trim_name(raw))
        if not name:
            continue
        person, of, rest = name.partition(" of the ")
        if (
            of
            and len(person.split()) >= 2
            and not any(w in ORGANISATION_WORDS or w in PLACE_WORDS for w in person.split())
            and len([w for w in person.split() if w not in TITLES]) >= 2
            and any(w in ORGANISATION_WORDS for w in rest.split())
        ):
            # "Daniel Johnson Morrell of the Cambria Iron Company": a man of a firm; "Mayor
            # Eugene Schmitz of the Union Labor Party": a mayor of his party
            name = _trim_name(person)
        if name.endswith(" No") and re.match(
            r"\.\s*\d", sentence[sentence.find(name) + len(name) :]
        ):
            name = name[:-3]  # "Union Pacific No. 119": the number's abbreviation
        name = event_alone(name)
        if name in _FUNCTION or len(name) < 3 or name.upper() == name and len(name) < 4:
            continue
        if all(w in TITLES for w in name.split()):
            continue  # "Minister" of "The Conservative Prime Minister, Sir Robert Peel,"
        offset = sentence.find(name, m.start())
        end = offset + len(name)
        if any(s.start < end and offset < s.end for s in taken):
            continue
        before, after = sentence[:offset], sentence[end:]
        if any(s.start < end and offset < s.end for s in spans):
            continue  # inside a longer name found before: "Public Safety" of its committee
        if m.start() == 0 and len(words) == 1 and name not in people:
            continue  # a capital only because it begins the sentence
        if name in ships and not vessel:
            spans.append(Span(offset, end, name, "term", noun="ship"))
            continue
        if name.split()[-1] in _AWARDS:  # "the British Empire Medal": asked "which medal"
            spans.append(Span(offset, end, name, "term", noun=name.split()[-1].lower()))
            continue
        kind = "term" if vessel else _name_kind(name, before, after, people - places, places)
        if kind is None:
            continue
        if (
            kind == "person"
            and name.split()[0] in TITLES
            and " of " in name
            and NAMED_AFTER.match(after)
        ):
            continue  # "The Prime Minister of Canada, Robert Borden,": the office, not the man
        if (
            kind == "organisation"
            and name.split()[-1] in BODIES_ON
            and (more := BODY_ON.match(after))
        ):
            name, end = (
                name + more.group(0),
                end + len(more.group(0)),
            )  # "Committee on Public Safety"
        lead = vessel.start() if vessel else offset
        if kind == "person":
            # "the Austrian engineer Alois Negrelli", "Emperor Franz Joseph"
            described = re.search(
                r"\b[Tt]he\s+(?:(?!(?:of|from|to|in|on|at|by|with|for|and|under|over|near|aboard|"
                r"behind|after|before|the|a|an)\s)[A-Za-z]+\s+){1,3}$",
                before,
            )
            if (
                described
                and not re.search(
                    r"\b(?:at|in|on|of|from|for|with|to|during)\s+$",
                    before[: described.start()],
                    re.IGNORECASE,
                )
                and len(before) - described.start() < 40
                # "the government named General Thomas Gage": a verb is no description
                and not any(
                    "VERB" in (classes := word_classes(w)) and "NOUN" not in classes
                    for w in before[described.start() :].split()[1:]
                    if w.islower()
                )
                and (
                    any(w.islower() for w in before[described.start() :].split()[1:])
                    or any(w in TITLES for w in before[described.start() :].split()[1:])
                    and not all(w in TITLES for w in before[described.start() :].split()[1:])
                )
            ):
                lead = described.start()
        elif (
            kind == "organisation"
            and (joined := re.search(rf"\b{_CAP}(?:[ \t]{_CAP})*,? and $", before))
            and any(w in ORGANISATION_WORDS and w != "Union" for w in name.split())
        ):
            # "the Southwark and Vauxhall Company", "Hopkins Gilkes and Company" are one company
            offset = lead = joined.start()
            while (opener := re.match(r"(\w+)\s+", sentence[offset:])) and opener.group(
                1
            ) in _FUNCTION:
                offset = lead = offset + opener.end()
            name = sentence[offset:end]
            spans = [s for s in spans if not (offset <= s.start and s.end <= end)]
            if sentence[max(0, offset - 4) : offset] in ("The ", "the "):
                lead = offset - 4
        elif sentence[max(0, offset - 4) : offset] in ("The ", "the "):
            lead = offset - 4
        while lead == offset or sentence[lead - 1 : lead] == " ":
            # "Khedive Ismail": the question replaces the title too
            word = re.search(r"(\w+) $", sentence[:lead])
            if word is None or word.group(1) not in TITLES:
                break
            lead = word.start()
        spans.append(Span(offset, end, name, kind, lead))
    return spans


_TITLED = "(?:" + "|".join(sorted(TITLES - {"Prime", "Saint"})) + r")\b"
_ACTS = (
    r"(?:then\s+|also\s+|now\s+|soon\s+|at first\s+|later\s+)?(?:had|has|was|were|is|could|would|"
    r"did|[a-z]+ed|gave|took|bought|led|left|won|lost|fled|wrote|said|made|sent|met|brought|"
    r"began|became|struck|fought|held|sold|paid|built|ran|saw|told|found|kept|went|came|knew|"
    r"thought|drew|lived|disagreed|died|put)\b"
)


# "Jr." and "Sr." after a name, which are no surname
SUFFIX = re.compile(r",?\s+(?:Jr|Sr)\.?$")
# the first word of many a city's name: "San Francisco", "Los Angeles"
_PLACE_OPENERS = {
    "San", "Santa", "Los", "Las", "São", "Porto", "Puerto", "Buenos", "Rio", "Baton", "Nova",
}  # fmt: skip
# the words before a place: "reached Dawson", "left Dawson for Nome"
TO_PLACE = r"\b(?:in|at|to|from|reached|left|near|towards)\s+"
# the words before a place, not a person: "to" and "from" go before people too ("wrote to
# Khrushchev", "a letter from Fleming")
AT_PLACE = r"\b(?:in|at|reached|left|near|towards)\s+"

_AWARDS = {"Medal", "Prize", "Award", "Trophy", "Medals"}


_AWARDS = {"Medal", "Prize", "Award", "Trophy", "Medals"}


def _people(text: str) -> set[str]:
    """Names the text gives a title, or whose surname it makes act ("Farr
    traced", "Snow was"): read once per text. A name and its surname."""
    people = set()
    after_the = set(AFTER_THE.findall(text))
    with_the: dict[str, bool] = {}
    as_place: dict[str, bool] = {}
    for m in _NAME.finditer(text):
        found = _without_calendar(m.group(0))
        person, of, rest = found.partition(" of the ")
        if of and any(w in ORGANISATION_WORDS for w in rest.split()):
            found = person  # "Mayor Eugene Schmitz of the Union Labor Party"
        words = found.split()
        if len(words) < 2:
            continue
        if any(w in ORGANISATION_WORDS or w in PLACE_WORDS or w in EVENT_WORDS for w in words):
            continue
        if words[0] in OFFICES and words[1:2] == ["of"]:
            continue  # "Minister of Education": an office, not the person who held it
        if words.count("of") >= 2 and words[0] not in TITLES:
            continue  # "On the Mode of Communication of Cholera": a title, not a person
        if (
            words[0] in MODIFIERS
            or words[0] in _PLACE_OPENERS
            or any(w in _CALENDAR for w in words)
        ):
            continue  # "Nazi Germany", "Soviet Union", "26 June American": no person
        name = _trim_name(" ".join(words))
        surname = SUFFIX.sub("", name).split()[-1]
        if surname not in with_the:  # each surname is looked up once
            with_the[surname] = bool(re.search(rf"\bthe\s+{re.escape(surname)}\b(?![’']s)", text))
            as_place[surname] = bool(
                re.search(rf"{AT_PLACE}{re.escape(surname)}\b(?!['’]s)(?!\s+[A-Z])", text)
            )
        if with_the[surname]:
            continue  # "the Forth", "the Thames": a river or a region, not a person
        if not any(w in TITLES for w in words) and name in after_the:
            continue  # "the Mary Celeste", "the Dei Gratia": a ship, not a person
        titled = any(w in TITLES for w in words[:-1])
        named = [w for w in name.split() if not re.fullmatch(_LINK, w)]
        if (
            titled
            or len(named) >= 2
            and words[0] not in _FUNCTION
            and re.search(rf"\b{re.escape(surname)},?\s+{_ACTS}", text)
            or len(named) >= 2
            and words[0] not in _FUNCTION
            # "Benjamin Disraeli, then Chancellor of the Exchequer": a person in office
            and re.search(rf"\b{re.escape(name)},\s+(?:then\s+|later\s+)?{_TITLED}", text)
        ):
            people.add(name)
            people.add(SUFFIX.sub("", name))  # "George Pollard" of "George Pollard Jr."
            if not as_place[surname]:  # "reached Dawson": the town named after him
                people.add(surname)
    return people


__all__ = [
    "MONTHS", "SHIP_PREFIXES", "SUFFIX", "TO_PLACE", "VESSEL", "WORK_WORDS", "Span",
]  # fmt: skip
