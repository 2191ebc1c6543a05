"""Facts proposed from a teacher's text: one per checkable claim, with an
answer span of the right extent and kind, a question written from the whole
sentence and a statement that contains the answer.

Plain rules over the text, no model: sentences are split with care for
abbreviations and initials; dates, money, counts (in digits or words), names
of people, places, organisations and works are found by their shapes and by
the words around them; `dateutil` checks that a date is a real one."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from dateutil import parser as date_parser

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DAY_MONTH_YEAR = rf"\b(?:\d{{1,2}}\s+(?:{MONTHS})|(?:{MONTHS})\s+\d{{1,2}},?)\s+\d{{4}}\b"
_MONTH_YEAR = rf"\b(?:{MONTHS})\s+\d{{4}}\b"
_YEARS = r"\bfrom\s+\d{4}\s+to\s+\d{4}\b|\bbetween\s+\d{4}\s+and\s+\d{4}\b"
_YEAR = r"\b(?:1[0-9]{3}|20[0-9]{2})\b(?!\s*(?:per cent|%|kilometres|metres|miles|men|ships))"
_WORD_NUMBERS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundred|a hundred|a thousand|thousand|a million|million"
)
_NUM = rf"(?:\d[\d,]*(?:\.\d+)?|(?:{_WORD_NUMBERS})(?:[\s-](?:{_WORD_NUMBERS}|and))*)"
_SCALE = r"(?:\s+(?:million|billion|thousand))?"
_CURRENCY = r"francs|pounds|dollars|marks|roubles|lire|guineas|shillings|crowns|pesos|euros"
_MONEY = rf"(?:[£$€]\s?\d[\d,]*(?:\.\d+)?{_SCALE}|\b{_NUM}{_SCALE}\s+(?:{_CURRENCY})\b)"
_VOTES = rf"\b{_NUM}\s+votes?\s+to\s+{_NUM}\b"
_PERCENT = rf"\b{_NUM}\s+(?:per cent|percent)\b|\b\d+(?:\.\d+)?%"
_MEASURE = (
    rf"\b{_NUM}{_SCALE}\s+(?:kilometres|kilometers|km|metres|meters|miles|feet|tons|tonnes|"
    r"hectares|acres|years|months|days|hours|minutes)\b"
)
_COUNT = rf"(?<!\bthe )(?<![\d,.])\b{_NUM}{_SCALE}(?=\s+[a-z])"

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
_NAME = re.compile(rf"\b{_CAP}(?:[ \t]{{1,3}}(?:{_LINK}[ \t]{{1,3}})*{_CAP})*")

TITLES = {
    "Major", "Captain", "Colonel", "Lieutenant", "General", "Admiral", "Sergeant",
    "President", "Prime", "Minister", "Emperor", "Empress", "King", "Queen", "Prince",
    "Princess", "Duke", "Lord", "Lady", "Sir", "Dr", "Mr", "Mrs", "Miss", "Madame",
    "Monsieur", "Pope", "Saint", "Khedive", "Sultan", "Tsar", "Viceroy", "Bishop",
    "Senator", "Judge", "Count", "Countess", "Baron", "Marshal", "Pasha",
}  # fmt: skip
ORGANISATION_WORDS = {
    "Company", "Section", "Society", "Bank", "Committee", "Army", "Navy", "Ministry",
    "Court", "Council", "Parliament", "Party", "University", "Office", "Commission",
    "Association", "Union", "Government", "League", "Church", "Academy", "Assembly",
    "Senate", "Chamber", "Bureau", "Staff", "Corporation", "Institute",
    "Congress", "Club", "Board", "Police", "Guard", "Republic", "Empire", "Nations",
}  # fmt: skip
EVENT_WORDS = {"War", "Revolution", "Battle", "Crisis", "Affair", "Siege", "Rising", "Trial"}
PLACE_WORDS = {
    "Sea", "Ocean", "Canal", "Lake", "River", "Island", "Islands", "Gulf", "Bay", "Port",
    "City", "Mountains", "Mount", "Desert", "Strait", "Cape", "Valley", "Street",
    "Square", "Station", "Coast", "Isthmus", "Peninsula", "Province", "States",
}  # fmt: skip
WORK_WORDS = {"Treaty", "Declaration", "Act", "Edict", "Manifesto", "Charter", "Convention"}
# words that begin a sentence with a capital without naming anything
_FUNCTION = {
    "The", "A", "An", "In", "On", "At", "By", "For", "From", "To", "As", "After", "Before",
    "When", "While", "Since", "During", "Its", "His", "Her", "Their", "It", "He", "She",
    "They", "This", "That", "These", "Those", "There", "Then", "But", "And", "Or", "Yet",
    "Although", "Because", "If", "Under", "With", "Without", "Over", "Many", "Most",
    "Some", "Until", "Each", "Every", "Both", "All", "No", "Not", "Only", "Later", "Soon",
}  # fmt: skip
_PLACE_PREPOSITIONS = {"in", "at", "to", "from", "near", "off", "across", "via", "through"}
_PRONOUN_START = re.compile(r"^(He|She)\b")
_DANGLING_START = re.compile(r"^(?:It|Its|They|Their|This|These|Those|His|Her|Such)\b")
_ROMAN = re.compile(r"\b[IVX]{1,4}$")
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Capt|Col|Gen|Lt|Maj|Sgt|No|Nos|vol|pp|p|cf|e\.g|i\.e|c|ca|etc|M|Mme|Jr|Sr)\.$"
)
_INITIAL = re.compile(r"\b[A-Z]\.$")
_CLOSERS = "\"'”’)]"
_UNIQUENESS_CHECKS = 600  # each is a search of the whole text


@dataclass(frozen=True)
class Span:
    start: int  # offsets into the sentence
    end: int
    text: str
    kind: str  # one of question_bank.fact.ANSWER_TYPES
    # where the words the question replaces begin ("The Austrian engineer Alois
    # Negrelli": the answer is the name, the question replaces the whole phrase)
    phrase_start: int = -1

    @property
    def lead(self) -> int:
        return self.start if self.phrase_start < 0 else self.phrase_start


@dataclass(frozen=True)
class Proposal:
    """One checkable claim of one sentence."""

    sentence: str
    start: int  # offset of the sentence in the text
    answer: str
    answer_type: str
    question: str
    statement: str
    score: float
    # the other facts of the same sentence, each a proposal of its own
    alternatives: tuple[Proposal, ...] = ()


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of each sentence of the text: a paragraph is split after
    ".", "!" or "?" followed by a space and a capital, except after an
    abbreviation or an initial. Headings, list markers and very short lines are
    left out."""
    found = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        block = para.group(0)
        if block.lstrip().startswith("#"):
            continue
        begin = 0
        for stop in re.finditer(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(]?[A-Z0-9])", block):
            head = block[max(begin, stop.start() - 8) : stop.start() + 1]
            if _ABBREVIATIONS.search(head) or _INITIAL.search(head):
                continue
            found.append((para.start() + begin, block[begin : stop.end()].rstrip()))
            begin = stop.end()
        found.append((para.start() + begin, block[begin:].rstrip()))
    result = []
    for offset, sentence in found:
        lead = len(sentence) - len(sentence.lstrip("-*> \t"))
        sentence = sentence[lead:]
        if 20 <= len(sentence) <= 600 and sentence[-1] in ".!?" + _CLOSERS:
            result.append((offset + lead, sentence))
    return result


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
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            start, end = m.start(), m.end()
            if any(s.start < end and start < s.end for s in spans):
                continue  # a longer span of an earlier pattern holds it
            value = m.group(0).strip()
            if kind == "date" and not _real_date(value):
                continue
            if kind == "number" and re.fullmatch(r"(?:a |an )?(?:one|a)", value, re.I):
                continue
            spans.append(Span(start, end, value, kind))
    return spans


def _name_kind(
    name: str, before: str, after: str, people: set[str], places: set[str]
) -> str | None:
    words = name.split()
    last = words[-1].strip("'’")
    if name in people or words[0] in TITLES:
        return "person"
    if any(w in EVENT_WORDS for w in words):
        return "event"
    if any(w in WORK_WORDS for w in words):
        return "work"
    if any(w in ORGANISATION_WORDS for w in words):
        return "organisation"
    if last in PLACE_WORDS or words[0] in PLACE_WORDS or name in places:
        return "place"
    if _ROMAN.search(name) or re.match(r"\s*,\s*who\b", after):
        return "person"
    preposition = before.rstrip().rsplit(" ", 1)[-1].lower() if before.strip() else ""
    if preposition in _PLACE_PREPOSITIONS and len(words) <= 2:
        return "place"
    named = [w for w in words if not re.fullmatch(_LINK, w)]
    if len(named) >= 2 and all(w[0].isupper() for w in named):
        return "person"
    if re.match(r"\s*(?:,\s*)?(?:had|was|wrote|said|bought|became|granted|gave|took|"
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
    if titled and titled[-1] + 1 < len(words) and words[titled[-1] + 1] not in ("of",):
        words = words[titled[-1] + 1 :]
    text = " ".join(words)
    return re.sub(r"['’]s$", "", text)


def _places(text: str) -> set[str]:
    """Single capitalised words the text puts after "in", "at", "to" or "from"
    somewhere and never gives a title: "in Egypt" makes Egypt a place."""
    found = set(re.findall(r"\b(?:in|at|from|near|across|to)\s+([A-Z][a-z]+)\b(?!\s+[A-Z])", text))
    return found


def _name_spans(sentence: str, taken: list[Span], people: set[str], places: set[str]) -> list[Span]:
    spans = []
    for m in _NAME.finditer(sentence):
        raw = m.group(0)
        # links at the end belong to the next words ("Lesseps and")
        raw = re.sub(rf"(?:\s+{_LINK})+$", "", raw)
        words = raw.split()
        if not words or words[0] in _FUNCTION and len(words) == 1:
            continue
        if words[0] in MONTHS.split("|"):
            continue
        name = _trim_name(raw)
        if name in _FUNCTION or len(name) < 3 or name.upper() == name and len(name) < 4:
            continue
        offset = sentence.find(name, m.start())
        end = offset + len(name)
        if any(s.start < end and offset < s.end for s in taken):
            continue
        before, after = sentence[:offset], sentence[end:]
        if m.start() == 0 and len(words) == 1 and name not in people:
            continue  # a capital only because it begins the sentence
        kind = _name_kind(name, before, after, people - places, places)
        if kind is None:
            continue
        lead = offset
        if kind == "person":
            # "the Austrian engineer Alois Negrelli", "Emperor Franz Joseph"
            described = re.search(r"\b[Tt]he\s+(?:[A-Za-z]+\s+){1,3}$", before)
            if (
                described
                and len(before) - described.start() < 40
                and any(w.islower() or w in TITLES for w in before[described.start() :].split()[1:])
            ):
                lead = described.start()
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


def _people(text: str) -> set[str]:
    """Names the text gives a title or a person's verb: read once per text."""
    people = set()
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        if len(words) >= 2 and any(w in TITLES for w in words[:-1]):
            name = _trim_name(m.group(0))
            people.add(name)
            people.add(name.split()[-1])
    return people


_WH = {
    "person": ("Who", "which person"),
    "place": ("Where", "which place"),
    "organisation": ("Which organisation", "which organisation"),
    "work": ("Which work", "which work"),
}


def _when(span: Span) -> str:
    if re.fullmatch(r"\d{4}", span.text):
        return "in what year"
    if span.text.startswith(("from", "between")):
        return "in which years"
    if re.fullmatch(rf"(?:{MONTHS}) \d{{4}}", span.text):
        return "in what month and year"
    return "on what date"


def _how_many(span: Span, sentence: str) -> str:
    text = span.text
    if re.search(_MONEY, text, re.IGNORECASE):
        return "how much"
    if re.search(r"votes?\s+to", text):
        return "by how many votes to how many"
    if re.search(r"per cent|%", text):
        return "what share"
    if m := re.search(
        r"(kilometres|kilometers|km|metres|meters|miles|feet|tons|tonnes|hectares|acres|"
        r"years|months|days|hours|minutes)$",
        text,
    ):
        unit = m.group(1)
        return {
            "kilometres": "how many kilometres",
            "metres": "how many metres",
            "miles": "how many miles",
        }.get(unit, f"how many {unit}")
    qualifier = re.match(r"(about|some|nearly|over|more than|fewer than)\s", text)
    return "about how many" if qualifier else "how many"


_SUBJECT_VERB = re.compile(
    r"\s*(?:,[^,]+,\s*)?(?:had|has|was|were|is|are|could|would|did|[a-z]+ed|gave|took|"
    r"bought|led|left|won|lost|fled|wrote|said|made|sent|met|brought|began|became|struck|"
    r"fought|held|sold|paid|built|ran|saw|told|found|kept|went|came|knew|thought)\b"
)


def question_for(sentence: str, span: Span) -> str:
    """A question from the whole sentence: the answer's words become the
    question word, at the front when the answer is the subject ("Who granted
    ...?"), in place otherwise ("... on what date?")."""
    before, after = sentence[: span.lead], sentence[span.end :]
    body_end = len(after.rstrip(".!?" + _CLOSERS))
    after, stop = after[:body_end], "?"
    phrase = sentence[span.lead : span.start]
    if span.kind == "date":
        word = _when(span)
        lead = re.search(r"\b(?:in|on|by|from|during|since|until)\s+$", before, re.IGNORECASE)
        if lead and not before[: lead.start()].strip():
            # "On 30 November 1854 Said Pasha granted ..." -> "... granted ... on what date?"
            prep = lead.group(0).strip().lower()
            rest = after.lstrip(" ,")
            asked = word if prep in ("in", "on") else f"{prep} {word.split(' ', 1)[1]}"
            return rest[0].upper() + rest[1:] + f" {asked}" + stop
        if lead:
            before = before[: lead.start()]
        elif not span.text.startswith(("from", "between")):
            word = word.split(" ", 1)[1]
            if not before.strip():
                word = word[0].upper() + word[1:]
    elif span.kind == "number":
        word = _how_many(span, sentence)
        if re.search(r"\b[Tt]he\s+$", before):
            before = re.sub(r"\b[Tt]he\s+$", "", before)
    else:
        front, inside = _WH.get(span.kind, ("What", "what"))
        described = re.match(r"[Tt]he\s+(.+?)\s*$", phrase)
        if described and span.kind == "person":
            front = inside = f"which {described.group(1)}"
        elif span.kind == "person" and _SUBJECT_VERB.match(after) and before.strip():
            inside = "who"
        word = inside
        if re.search(r"\b[Tt]he\s+$", before):
            before = re.sub(r"\b[Tt]he\s+$", "", before)
        if not before.strip():
            word = front[0].upper() + front[1:]
        if span.kind == "place":
            lead = re.search(r"\b(?:in|at)\s+$", before)
            if lead:
                before, word = before[: lead.start()], "where"
    before = before.rstrip()
    question = f"{before} {word}{after}".strip() if before else f"{word}{after}".strip()
    question = re.sub(r"\s+,", ",", re.sub(r"\s{2,}", " ", question))
    question = question[0].upper() + question[1:]
    return question.rstrip(",;:") + stop


def _centrality(span: Span, counts: Counter[str], sentence: str) -> float:
    base = {"date": 3.0, "person": 3.0, "number": 2.0, "organisation": 2.0, "place": 1.5}
    score = base.get(span.kind, 1.0)
    if span.kind == "date" and not re.fullmatch(r"\d{4}", span.text):
        score += 1.0  # a full date marks an event
    if span.kind in ("person", "organisation"):
        score += min(2.0, 0.5 * (counts[span.text.split()[-1]] - 1))
    if span.kind == "person" and sentence[span.end :].startswith(" and "):
        score -= 2.0  # one of two people doing one thing: ask about the pair instead
    if re.search(
        r"\b(?:when|where|while|as|because|since|if|that|and)\s+(?:\w+\s+)?$",
        sentence[: span.lead],
        re.IGNORECASE,
    ):
        score -= 2.0  # asked inside a clause: "when who struck" reads badly
    if re.search(r"\b(?:he|she|they|him|her)\b", sentence[: span.start]):
        score -= 2.0  # a pronoun the question could not explain
    if span.start == 0:
        score += 0.5  # the subject of the sentence
    if _PRONOUN_START.match(sentence):
        score -= 1.0
    if _DANGLING_START.match(sentence):
        score -= 3.0  # "It has been widened ...": the question would not say what
    if span.kind == "number" and re.fullmatch(rf"(?:{_WORD_NUMBERS})", span.text):
        score -= 1.0
    return score


def propose(text: str, limit: int = 300) -> list[Proposal]:
    """Proposals for the whole text, most central first. Each sentence gives its
    best fact, with the others of the same sentence as alternatives."""
    people = _people(text)
    places = _places(text) - people
    counts: Counter[str] = Counter(re.findall(r"[A-Z][\w'’-]+", text))
    found: list[Proposal] = []
    split = sentences(text)
    seen = Counter(s for _, s in split)
    last_person = ""
    checks = 0
    for offset, sentence in split:
        if seen[sentence] > 1:
            continue  # a quote must be unique in its source
        spans = _value_spans(sentence)
        spans += _name_spans(sentence, spans, people, places)
        if spans:
            checks += 1
            if checks > _UNIQUENESS_CHECKS or text.count(sentence) > 1:
                continue
        persons = [s for s in spans if s.kind == "person"]
        statement = sentence
        pronoun = _PRONOUN_START.match(sentence)
        if pronoun and last_person and last_person not in sentence:
            # "He became ..." names its subject in the statement and question
            statement = last_person + sentence[pronoun.end() :]
        if persons:
            last_person = persons[-1].text
        if not spans:
            continue
        made = []
        for span in spans:
            shift = len(statement) - len(sentence)
            target = Span(
                span.start + shift, span.end + shift, span.text, span.kind, span.lead + shift
            )
            if pronoun and shift and span.start < pronoun.end():
                continue
            made.append(
                Proposal(
                    sentence=sentence,
                    start=offset,
                    answer=span.text,
                    answer_type=span.kind,
                    question=question_for(statement, target),
                    statement=statement,
                    score=_centrality(span, counts, sentence),
                )
            )
        if not made:
            continue
        made.sort(key=lambda p: -p.score)
        best, rest = made[0], tuple(made[1:4])
        found.append(
            Proposal(
                best.sentence,
                best.start,
                best.answer,
                best.answer_type,
                best.question,
                best.statement,
                best.score + 0.2 * len(rest),
                rest,
            )
        )
    found.sort(key=lambda p: (-p.score, p.start))
    return found[:limit]


def for_selection(text: str, start: int, end: int) -> Proposal:
    """A prefilled fact for words the teacher selected: the selection is the
    proof quote; the answer is the most central span inside it (or the whole
    selection when it holds none), and the question and statement are written
    from the whole sentence around it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    quote = text[start:end]
    around = next(((o, s) for o, s in sentences(text) if o <= start and end <= o + len(s)), None)
    if around is None:
        return Proposal(quote, start, "", "term", "", quote, 0.0)
    offset, sentence = around
    people = _people(text)
    places = _places(text) - people
    counts: Counter[str] = Counter(re.findall(r"[A-Z][\w'’-]+", text))
    spans = _value_spans(sentence)
    spans += _name_spans(sentence, spans, people, places)
    inside = [s for s in spans if start <= offset + s.start and offset + s.end <= end]
    if not inside:
        return Proposal(quote, start, quote if len(quote) < 80 else "", "term", "", sentence, 0.0)
    best = max(inside, key=lambda s: _centrality(s, counts, sentence))
    return Proposal(
        sentence=quote,
        start=start,
        answer=best.text,
        answer_type=best.kind,
        question=question_for(sentence, best),
        statement=sentence,
        score=_centrality(best, counts, sentence),
    )


__all__ = ["Proposal", "Span", "for_selection", "propose", "question_for", "sentences"]
