"""The fine kind of an answer: a count is offered with counts, a year with
years, a full date with full dates, a country with countries.

`answer_type` on a fact is broad ("date" covers "1936", "28 November 1937" and
"a few months earlier"); a wrong option of another fine kind gives the key
away, so options are compared by `fine_kind`, and by `form` (digits or words,
with or without a first name) so that the key is never the odd one out."""

from __future__ import annotations

import re

from question_bank.norm import normalise

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = r"(?:" + "|".join(MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
_SEASON = r"(?:spring|summer|autumn|fall|winter|beginning|end|middle|start)"
_YEAR = r"1[5-9]\d\d|20\d\d"
_NUMBER_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
]
_MAGNITUDES = {
    "thousands", "millions", "hundreds", "dozens", "dozen", "handful", "few", "several",
    "many", "some", "about", "nearly", "around", "over", "tens", "scores",
}  # fmt: skip
_UNITS_OF_TIME = r"(?:second|minute|hour|day|week|month|year|decade)s?"
_COUNTRY_NAMES = {
    "austria", "belgium", "belorussia", "britain", "china", "czechoslovakia", "denmark",
    "england", "france", "gdr", "germany", "great britain", "holland", "hungary", "italy",
    "japan", "mexico", "netherlands", "norway", "poland", "russia", "soviet union", "spain",
    "sweden", "switzerland", "turkey", "ukraine", "usa", "united states", "ussr",
    "united kingdom", "uk", "america", "georgia", "armenia", "kazakhstan", "uzbekistan",
    "finland", "east germany", "west germany", "scotland", "ireland", "canada",
}  # fmt: skip
_CITY_NAMES = {
    "berlin", "copenhagen", "oslo", "paris", "moscow", "leningrad", "london", "karaganda",
    "oranienburg", "mexico city", "coyoacan", "new york", "munich", "vienna", "prague",
    "kiev", "kyiv", "warsaw", "stockholm", "geneva", "tiflis", "tbilisi", "petrograd",
    "st petersburg", "hamburg", "rome", "madrid", "barcelona", "washington", "chicago",
    "vladivostok", "novosibirsk", "kharkov", "odessa", "baku", "tashkent", "magnitogorsk",
    "sverdlovsk", "kolyma", "vorkuta", "tomsk", "omsk", "kazan", "minsk", "riga",
}  # fmt: skip
WOMEN_FIRST_NAMES = {
    "anna", "rose", "zenzl", "greta", "beatrice", "eleanor", "sylvia", "sonia", "nadezhda",
    "maria", "margarete", "erna", "lotte", "carola", "suzanne", "natalia", "natalya",
    "alexandra", "elena", "olga", "vera", "lydia", "tatiana", "evgenia", "yevgenia",
    "clara", "rosa", "ruth", "mary", "margaret", "elizabeth", "catherine", "jane", "helen",
    "freda", "charlotte", "jenny", "hilde", "martha", "emma", "frida", "agnes", "lillian",
    "bette", "joan", "marlene", "dorothy", "edith", "simone", "hannah", "ella",
}  # fmt: skip


def _words(text: str) -> list[str]:
    return normalise(text).split()


def date_kind(text: str) -> str | None:
    """year, decade, year-range, full-date, day-month, month-year, date-range,
    month, relative; None when `text` is no date."""
    low = text.casefold().replace("–", "-").replace("—", "-")
    years = re.findall(rf"\b(?:{_YEAR})\b", low)
    months = re.findall(rf"\b{_MONTH}\b", low)
    days = re.findall(r"\b(?:[0-3]?\d)(?:st|nd|rd|th)?\b", re.sub(rf"\b(?:{_YEAR})\b", "", low))
    if re.search(r"\b\d{4}s\b|\b\d0s\b", low):
        return "decade"
    if re.search(r"\b(earlier|later|before|after|ago|same day|same time)\b", low) and not years:
        return "relative"
    if len(months) >= 2 or (months and re.search(r"\d\s*[-/]\s*\d|\bto\b|\buntil\b", low)):
        return "date-range"
    if len(years) >= 2 or re.search(rf"\b(?:{_YEAR})\s*-\s*\d\d\b", low):
        return "year-range" if not months else "date-range"
    if months and days and years:
        return "full-date"
    if months and days:
        return "day-month"
    if (months or re.search(rf"\b{_SEASON}\b", low)) and years:
        return "month-year"
    if months and not years:
        return "month"
    if years and re.fullmatch(rf"(?:in |the year )?(?:{_YEAR})", low.strip()):
        return "year"
    return None


def number_kind(text: str) -> str | None:
    """count, duration, money, magnitude; None when `text` is no number."""
    low = text.casefold()
    if "$" in low or "£" in low or re.search(r"\b(dollars?|roubles?|rubles?|pounds?)\b", low):
        return "money"
    if re.search(rf"\b{_UNITS_OF_TIME}\b", low) and (
        re.search(r"\d", low) or any(w in _NUMBER_WORDS or w == "a" for w in low.split())
    ):
        return "duration"
    words = [w for w in re.split(r"[\s-]+", low) if w]
    if words and any(w in _MAGNITUDES for w in words):
        return "magnitude"  # "thousands", "a few dozen", "some 1,500", "several hundred"
    if re.fullmatch(r"[\d,]+", low.strip()) or (
        words and all(w in _NUMBER_WORDS or w == "and" for w in words)
    ):
        return "count"
    return None


def person_kind(text: str) -> str:
    """person (a full name), surname, people (several), woman (a woman's full name)."""
    words = text.replace(".", ". ").split()
    if not proper_name(text):
        return "description"  # "his young wife and infant son", "Trotsky's agents"
    if re.search(r"\band\b|,", text):
        return "people"
    if len(words) == 1:
        return "surname"
    if words[0].casefold() in WOMEN_FIRST_NAMES:
        return "woman"
    return "person"


_SMALL = {"of", "the", "and", "de", "von", "van", "la", "le", "du", "der", "in", "on"}


def proper_name(text: str) -> bool:
    """ "Hall of Columns", "the Saar", "H. N. Brailsford": every word but the
    small ones capitalised; not "Stalin's archive" or "the front row"."""
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    if words and words[0].casefold() in ("the", "a", "an"):
        words = words[1:]
    # "d'Angleterre", "l'Humanité": an elided article before a capital is part of the name
    return bool(words) and all(
        w[:1].isupper() or w in _SMALL or re.match(r"[dl]['’][A-Z]", w) for w in words
    )


def place_kind(text: str) -> str:
    norm = re.sub(r"^(the )", "", text.casefold().strip())
    norm = normalise(norm)
    if norm in _COUNTRY_NAMES:
        return "country"
    # a city, a camp, a region: any other named place (a country stands apart)
    return "named" if proper_name(text) else "common"


def fine_kind(answer: str, answer_type: str) -> str:
    """The kind that every option of a question must share with its key."""
    if answer_type in ("date", "number"):
        kind = date_kind(answer) if answer_type == "date" else number_kind(answer)
        if kind is None:
            kind = number_kind(answer) if answer_type == "date" else date_kind(answer)
        return f"{answer_type}:{kind or 'other'}"
    if answer_type == "person":
        return f"person:{person_kind(answer)}"
    if answer_type == "place":
        return f"place:{place_kind(answer)}"
    return answer_type or "other"


def form(text: str) -> tuple[str, ...]:
    """How an answer is written: digits or words, capitalised or not, with a
    leading article or not. Options should share the key's form."""
    stripped = text.strip()
    digits = "digits" if re.search(r"\d", stripped) else "words"
    capital = "capital" if stripped[:1].isupper() else "lower"
    article = "article" if re.match(r"(?i)(the|a|an)\s", stripped) else "bare"
    return digits, capital, article


# Lower-case terms of the period that a student who knows them types in one form
# (with the forms the fact accepts): a typed question may ask for these.
FIXED_TERMS = frozenset({
    "show trials", "show trial", "personality cult", "cult of personality",
    "socialism in one country", "gulag", "public enemy", "enemy of the people", "wrecking",
    "famine", "electrification", "collectivization", "collectivisation", "capitalism",
    "socialism", "fascism", "terrorism", "bureaucracy", "propaganda", "political revolution",
    "aesopian language", "socialist legality", "old bolshevik", "old bolsheviks",
})  # fmt: skip
# fine kinds whose answers are open however they are written ("a few months
# earlier", "thousands", "the investigative judges", "the front row")
_OPEN_KINDS = frozenset({
    "date:relative", "date:other", "number:magnitude", "number:other", "person:description",
    "place:common",
})  # fmt: skip
# small words inside a name or title ("Darkness at Noon", "Mission to Moscow")
_NAME_SMALL = _SMALL | {"at", "to", "for", "a", "an", "with", "or"}
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def named(text: str) -> bool:
    """A name, not a phrase: every word capitalised but the small ones and
    numbers ("Trial of the Sixteen", "Bolshevik – Leninist Opposition",
    "Article 58", "Khrushchev's Secret Speech"); not "Hitler's agents"."""
    tokens = [t for t in re.split(r"\s+", _ARTICLE.sub("", text.strip())) if re.search(r"\w", t)]
    return (
        bool(tokens)
        and all(t[:1].isupper() or t in _NAME_SMALL or t[:1].isdigit() for t in tokens)
        and not any(t == "or" for t in tokens)
    )


def open_phrase(answer: str, answer_type: str, forms: tuple[str, ...] = ()) -> str | None:
    """Why the answer is an open phrase that a typed question cannot fairly ask
    ("pretext for a massive purge", "to ascertain the truth", "withdrew his
    confession": a student who knows says it in other words), or None when it is
    a name, a date, a number or a fixed term typed in one accepted form."""
    kind = fine_kind(answer, answer_type)
    if answer_type in ("date", "number") and kind not in _OPEN_KINDS:
        return None  # a year, a full date, a count, a duration
    if named(answer):
        return None  # a person, a place, an organisation, a work, a named event
    for text in (answer, *forms):
        if normalise(_ARTICLE.sub("", text.strip())) in FIXED_TERMS:
            return None
    return f"{answer!r} is an open phrase, not a name, date, number or fixed term"


__all__ = [
    "FIXED_TERMS",
    "MONTHS",
    "WOMEN_FIRST_NAMES",
    "date_kind",
    "fine_kind",
    "form",
    "named",
    "number_kind",
    "open_phrase",
    "person_kind",
    "place_kind",
]
