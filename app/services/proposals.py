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
from dataclasses import dataclass, replace

from app.services.answer_spans import (
    _MONEY,
    _WORD_NUMBERS,
    MONTHS,
    WEEKDAYS,
    Span,
    _name_spans,
    _people,
    _places,
    _value_spans,
)
from app.services.proposal_names import Namer

_NUMERAL = (
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
    r"a hundred)\b)"
)
_PRONOUN_START = re.compile(r"^(He|She)\b")
_DANGLING_START = re.compile(
    r"^(?:It|Its|They|Their|This|These|Those|His|Her|Such|Here|Both|Each|Neither|Either)\b|"
    r"^(?:\w+ )?(?:days|weeks|months|years|decades) later\b|^(?:Soon|Shortly) after(?:wards)?,",
    re.IGNORECASE,
)
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Capt|Col|Gen|Lt|Maj|Sgt|No|Nos|vol|pp|p|cf|e\.g|i\.e|c|ca|etc|M|Mme|Jr|Sr)\.$"
)
_INITIAL = re.compile(r"\b[A-Z]\.$")
_CLOSERS = "\"'”’)]"
_UNIQUENESS_CHECKS = 600  # each is a search of the whole text


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
    # other forms of the answer: the surname the sentence uses for a full name
    accepted: tuple[str, ...] = ()


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
    r"fought|held|sold|paid|built|ran|saw|told|found|kept|went|came|knew|thought|put|set|"
    r"drew|grew|rose|fell|spent|taught|sought|chose|spoke|gave|dug|lent|swam|broke|stood)\b"
)


# where a sentence's next clause begins: the question stops before it
_AFTER_BREAK = re.compile(
    r"\s*(?:[;:]\s|,\s+(?:but|which|so|whereas|because|although|though|yet|where|when|while)\b|"
    r",\s+(?:in|on|at|by|to|from|of)\s+which\b|"
    r",\s+and\s+(?=(?:the|a|an|his|her|its|their|he|she|it|they|soon|then|later|so)\b|[A-Z])|"
    r",\s+and\s+(?=(?:\S+\s+){0,6}(?:had|has|was|were|is|are|did|became|went|came|made|got|"
    r"took|died|grew|fell|rose|left|began|ended|came|ran|held|kept|lost|won|sent|gave)\b)|"
    r",\s+[a-z]+ed\s+by\b|"
    r"\s+and\s+(?=[\d,.]+\s+(?:kilometres|metres|miles|feet|km|m|yards)\s+"
    r"(?:deep|wide|high|long|tall|broad)\b)|"
    r"\s+and\s+(?=(?:his|her|its|their)\s))"
)
# where the clause holding the answer begins, after an earlier one
_BEFORE_BREAK = re.compile(r"(?:[;:]\s+|,\s+(?:but|and|so|yet)\s+)")
# "On 30 November 1854 ", "In 1855 ", "At the same time ", "Within ": a leading
# phrase of time, moved to the end of the question
_LEADING = re.compile(
    r"^(?:In|On|By|Within|During|After|Before|Until|Since|At|Over|For|Early in|Late in)"
    r"(?: or about| about)?"
    rf"(?:\s+(?:[a-z]+|\d[\d,]*|{MONTHS}|{WEEKDAYS}))*\s*$"
)
# words after a name that do not make it a modifier ("Egypt in 1882", "Paris and")
_GLUE = {
    "in", "on", "at", "to", "from", "by", "with", "and", "or", "but", "for", "of", "where",
    "which", "who", "that", "when", "while", "as", "after", "before", "until", "since",
    "itself", "himself", "herself", "alone", "too", "again", "once", "instead", "into",
    "over", "under", "across", "through", "near", "off", "via", "is", "was", "were", "are",
    "had", "has", "have", "did", "does", "could", "would", "should", "will", "can", "may",
    "might", "must", "than", "then", "so", "yet", "nor", "during", "within", "without",
}  # fmt: skip
_ENDS_IN_PREPOSITION = re.compile(
    r"\b(?:in|on|of|by|within|during|after|before|until|since|at|or about|over|for)\s+"
    r"(?:the\s+(?:next|following)\s+)?"
    rf"(?:(?:late|early|mid)\s+)?(?:(?:{WEEKDAYS})\s+)?$",
    re.IGNORECASE,
)
_TIMELY = re.compile(rf"\d|\b(?:{MONTHS}|time|night|day|year|autumn|spring|summer|winter)\b")
_PLACE_NOUNS = {
    "Street", "Lake", "River", "Sea", "Ocean", "Canal", "Island", "Gulf", "Bay", "Square",
    "Road", "Bridge", "Desert", "Valley", "Mountains", "Strait", "Station", "Province",
    "Creek", "Trail", "Pass", "Passage", "Route", "Canyon", "Rapids", "Glacier", "Peninsula",
}  # fmt: skip
_ORGANISATION_NOUNS = {
    "Company", "Bank", "Board", "Committee", "Court", "Council", "Party", "University",
    "Commission", "Society", "Church", "Army", "Navy", "Brewery", "Hospital", "School",
    "Newspaper", "Ministry", "Office", "Union", "League", "Assembly", "Academy", "Railroad",
    "Railway", "Club", "Corporation", "Institution", "Foundation",
}  # fmt: skip


def _bare(word: str) -> str:
    """ "in what year" -> "what year"."""
    return word.split(" ", 1)[1] if word.startswith(("in ", "on ")) else word


_ADJECTIVES = {
    "old",
    "new",
    "young",
    "late",
    "former",
    "great",
    "first",
    "last",
    "small",
    "big",
    "other",
}


def _wh(span: Span, phrase: str, after: str, before: str) -> tuple[str, str]:
    """(the question word at the front, inside the sentence) for a name."""
    head = span.text.split()[-1]
    if span.kind == "place" and head in _PLACE_NOUNS:
        return f"Which {head.lower()}", f"which {head.lower()}"
    if span.kind == "organisation" and head in _ORGANISATION_NOUNS:
        return f"Which {head.lower()}", f"which {head.lower()}"
    front, inside = _WH.get(span.kind, ("What", "what"))
    described = re.match(r"[Tt]he\s+(.+?)\s*$", phrase)
    if described and (
        described.group(1).split()[-1] in _ADJECTIVES or described.group(1).endswith("est")
    ):
        described = None  # "the old Reichsmark": "which old" says nothing
    if described and span.kind == "person":
        return f"which {described.group(1)}", f"which {described.group(1)}"
    if span.kind == "person" and _SUBJECT_VERB.match(after) and before.strip():
        inside = "who"
    return front, inside


def question_for(sentence: str, span: Span) -> str:
    """A question from the whole sentence: the answer's words become the
    question word, at the front when the answer is the subject ("Who granted
    ...?"), in place otherwise ("... on what date?"). A leading phrase of time
    goes to the end ("Who died in 1863?"), and the question keeps only the
    clause that holds the answer."""
    before, after = sentence[: span.lead], sentence[span.end :]
    if span.text.endswith(("Jr", "Sr")) and after.startswith("."):
        after = after[1:]  # "George Pollard Jr., who ...": the abbreviation's point
    body_end = len(after.rstrip(".!?" + _CLOSERS))
    after = after[:body_end]
    # "On 4 April 1949, while the airlift was still running, twelve countries ...": the
    # aside goes, the main clause stays
    after = re.sub(r"^,\s+(?:while|when|as|although|though)\b[^,]*,", ",", after)
    after = re.sub(r"^,\s+[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,3},", ",", after)  # ", Memorial Day,"
    cut = _AFTER_BREAK.search(after)
    if cut and not (re.match(r"\s+and\s", after[cut.start() :]) and ", " in after[: cut.start()]):
        after = after[: cut.start()]  # not before the last of a list: "A, B and her C"
    breaks = list(_BEFORE_BREAK.finditer(before))
    if (
        breaks
        and not re.match(r"(?:so|nor|neither|then)\b", before[breaks[-1].end() :])
        # "struck Johnstown, Pennsylvania, and several neighbouring communities on": a list
        and (
            span.kind not in ("date", "number")
            or _ANY_VERB.search(before[breaks[-1].end() :] + " " + after)
        )
    ):
        before = before[breaks[-1].end() :]
        before = before[:1].upper() + before[1:]
    phrase = sentence[span.lead : span.start]
    tail = ""  # a leading phrase of time, asked at the end
    if span.kind in ("date", "number"):
        word = _when(span) if span.kind == "date" else _how_many(span, sentence)
        if (
            _LEADING.match(before)
            and _ENDS_IN_PREPOSITION.search(before)
            and re.match(r"\s*,?\s+\S", after)
        ):
            # "On the night of 31 August 1854 cholera broke out ..." ->
            # "Cholera broke out ... on the night of what date?"
            rest = after.lstrip(" ,")
            asked = before[:1].lower() + before[1:] + _bare(word)
            if span.kind == "number" and re.search(r"\b[Tt]he\s+$", before):
                asked = before[:1].lower() + re.sub(r"\b[Tt]he\s+$", "", before[1:]) + word
            joint = ", " if ", " in rest else " "  # "..., almost at right angles to it, on ..."
            return _tidy(rest[:1].upper() + rest[1:] + joint + asked)
        if span.kind == "date":
            lead = re.search(r"\b(?:in|on|by|from|during|since|until)\s+$", before, re.IGNORECASE)
            if lead:
                prep = lead.group(0).strip().lower()
                before = before[: lead.start()]
                if prep not in ("in", "on"):
                    word = f"{prep} {_bare(word)}"
            elif not span.text.startswith(("from", "between")):
                word = _bare(word)
        else:
            if re.search(r"\b[Tt]he\s+$", before):
                before = re.sub(r"\b[Tt]he\s+$", "", before)
            rough = re.search(r"\b(?:about|some|nearly|almost|around|roughly)\s+$", before)
            if rough and not word.startswith("about"):
                before, word = before[: rough.start()], "about " + word
        if not before.strip():
            word = word[:1].upper() + word[1:]
    else:
        leading = before.strip()
        if (
            leading
            and _LEADING.match(leading)
            and _TIMELY.search(leading)
            and _SUBJECT_VERB.match(after)
        ):
            # "In 1863 Said Pasha died ..." -> "Who died in 1863?"
            tail = " " + leading[:1].lower() + leading[1:]
            before = ""
        front, inside = _wh(span, phrase, after, before)
        if (
            span.kind == "person"
            and re.match(r"['’]s\s+(?!(?:and|or|but|was|were|had|is)\b)[a-z]", after)
            and front == "Who"
        ):
            front, inside, after = "Whose", "whose", after[2:]  # "Owen Chase's boat": whose boat
        word = inside
        if re.search(r"\b[Tt]he\s+$", before):
            before = re.sub(r"\b[Tt]he\s+$", "", before)
        if not before.strip():
            word = front[:1].upper() + front[1:]
        if span.kind == "place" and not after.strip(" ,"):
            lead = re.search(r"\b(?:in|at)\s+$", before)
            last = before[: lead.start()].split()[-1:] if lead else []
            if lead and last and _ANY_VERB.search(last[0]):  # "lived where", not "island where"
                before, word = before[: lead.start()], "where"
    before = before.rstrip()
    question = f"{before} {word}{after}".strip() if before else f"{word}{after}".strip()
    if tail and ", " in question:
        # "Which company moved its intake to Thames Ditton in 1852, above the reach of ...?"
        at = question.index(", ")
        return _tidy(question[:at] + tail + question[at:])
    return _tidy(question + tail)


def _who_is_described(question: str) -> str:
    """ "Who, a curate at St Luke's Church, at first doubted ...?" -> "Which curate at
    St Luke's Church at first doubted ...?"; "Who was a London physician, born in York,
    who was best known as ...?" -> "Which London physician, born in York, was best
    known as ...?"."""
    m = re.match(r"Who, (?:a|an|the) ([^,]{2,60}), (.+)$", question)
    if m:
        return f"Which {m.group(1)} {m.group(2)}"
    m = re.match(r"Who was (?:a|an) ([^,]{3,60}?)((?:, [^,]{3,60})*),? who (.+)$", question)
    if m:
        return f"Which {m.group(1)}{m.group(2)}{',' if m.group(2) else ''} {m.group(3)}"
    return question


def _tidy(question: str) -> str:
    question = _LEANING.sub("", question)
    question = re.sub(r"\s*\([^()]*\)", "", question)  # "33 miles (53 km)" would give it away
    question = re.sub(r"\s*\([^()]*$", "", question)
    question = re.sub(r"\*([^*]+)\*", r"\1", question)  # Markdown's emphasis
    question = re.sub(r"^The ([a-z][^,]{2,60}), which person, ", r"Which \1 ", question)
    question = re.sub(
        r"^(?:Instead|Meanwhile|However|Moreover|Nevertheless|Still|Thus),\s+", "", question
    )
    question = re.sub(r"^Only (?=(?:about )?how many\b)", "", question)
    question = _who_is_described(question[:1].upper() + question[1:])
    question = re.sub(
        r"\bthe (firm|company|bank|house|office|works|workshop|studio) of which person\b",
        r"which person's \1",
        question,
    )
    question = re.sub(r"\bwhich person's\b", "whose", question)
    question = re.sub(r",\s+(?:however|though|moreover|therefore|indeed),", "", question)
    question = re.sub(
        r"^((?:In|On|At|During|Within|Across|Along|Near) (?:the |a |an )?"
        r"(?:(?!(?:about|late|early|least|most|first|last)\b)[a-z]+ ){1,3}"
        r"(?:of (?:the )?[a-z]+ )?)(?=(?:how many|about how many|what|which|who|whose)\b)",
        lambda m: m.group(1).rstrip() + ", ",
        question,
    )
    question = re.sub(rf"\b((?:of|on)\s+)(?:{WEEKDAYS})\s+(?=what\b)", r"\1", question)
    question = re.sub(r"\b(in|by)\s+(?:late|early|mid)\s+(?=what\b)", r"\1 ", question)
    question = re.sub(r",\s+(?:however|though|moreover|therefore|indeed),", "", question)
    question = re.sub(r"\s+,", ",", re.sub(r"\s{2,}", " ", question.strip()))
    question = question[:1].upper() + question[1:]
    return question.rstrip(",;: ") + "?"


def _centrality(span: Span, counts: Counter[str], sentence: str) -> float:
    base = {"date": 3.0, "person": 3.0, "number": 2.0, "organisation": 2.0, "place": 1.5}
    score = base.get(span.kind, 1.0)
    if span.kind == "date" and not re.fullmatch(r"\d{4}", span.text):
        score += 1.0  # a full date marks an event
    if span.kind == "date" and re.search(r"\b[Bb]y\s+$", sentence[: span.start]):
        score -= 1.5  # "300 machines at work by 1869": the count is the fact
    if span.kind == "date" and re.search(
        rf"\b(?:fewer|more|less) than\s+{_NUMERAL}", sentence[: span.start]
    ):
        score -= 1.5  # "fewer than 500 ships in 1870" holds for other years too
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


# a subject pronoun at the start, or after a short leading phrase of time
_PRONOUN = re.compile(
    r"^((?:(?:In|On|By|During|After|Before|At|Within|Later|Soon|Then)\b[^,;:]{0,40}?,?\s)?)(He|She|he|she)\b"
)
# what a question cannot explain before its question word
_UNEXPLAINED = re.compile(
    r"\b(?:he|she|they|it|him|them|his|her|its|their)\b|\b(?:this|these|those)\s+[a-z]+",
    re.IGNORECASE,
)
# what no question can explain, wherever it stands
_DANGLING = re.compile(
    r"\b(?:this|these|those)\s+[a-z]+|\bthe same (?:year|time|day|month)\b|\bthen on\b|"
    r"\bthat (?:autumn|spring|summer|winter|morning|day|year|night|month)\b|\bsuch (?:a|an) [a-z]+|"
    r"\b(?:a few|some|several|many|\w+) (?:days|weeks|months|years|decades) later\b|"
    r"\bdecades later\b|\bin the other\b|\bin all\b",
    re.IGNORECASE,
)
# a thing the text has spoken of before, called only "the comparison" or "the
# route": a student meeting the question alone cannot tell which
_NEEDS_ANTECEDENT = {
    "affair", "agreement", "attack", "case", "cases", "celebrations", "change", "comparison",
    "conflict", "crisis", "deal", "debate", "decision", "dispute", "episode", "event", "events",
    "experiment", "explanation", "findings", "idea", "incident", "inquiry", "matter", "meeting",
    "money", "move", "offer", "plan", "problem", "project", "proposal", "question", "report",
    "result", "results", "route", "scheme", "sum", "theory", "visit", "party", "group", "pair",
    "couple", "company", "firm", "work", "works", "trip", "journey", "voyage",
}  # fmt: skip
_DEFINED_AFTER = (
    r"(?:of|that|which|who|whose|between|from|for|on|in|at|to|with|around|near|by)\b"
    r"(?!\s+(?:what|which|how|whom|\d+)\b)"  # "the first case in what year", "in 1855"
)
_BARE_THE = re.compile(
    rf"\b[Tt]he\s+(?:(?:first|second|last|same|whole|new|final|official)\s+)?([a-z]+)\b"
    rf"(?!\s+{_DEFINED_AFTER})"
)
# "The ships spent ...": a question that opens on a thing named only by "the"
_BARE_SUBJECT = re.compile(
    r"^The\s+(?:[a-z]+\s+)?[a-z]+(?:\s+(?:also|then|soon))?" + _SUBJECT_VERB.pattern
)
# "lived close by and began at once": near what, after what?
_SITUATED = re.compile(
    r"\bclose by\b|\bnearby\b|\bat once\b|\bimmediately\b|\bafterwards\b|\bthereafter\b"
)
# a question needs a verb: "The train from which place?" was cut before its own
_ANY_VERB = re.compile(
    r"\b(?:had|has|have|was|were|is|are|be|been|could|would|did|does|do|can|will|[a-z]{2,}ed|"
    r"gave|took|bought|led|left|won|lost|fled|wrote|said|made|sent|met|brought|began|became|"
    r"struck|fought|held|sold|paid|built|ran|saw|told|found|kept|went|came|knew|thought|put|"
    r"set|drew|grew|rose|fell|spent|taught|sought|chose|spoke|dug|lent|swam|broke|stood|cost|"
    r"killed|owned|carried|passed|crossed|called|opened|closed|reached|died|lived|flew|rode|"
    r"wore|threw|drove|sank|sang|hid|bore|shot|tore|wept|slept|fed|moved|struck)\b"
)
# an adverb that leans on the sentence before: "Who also drew ...", "Which engineer then built"
_LEANING = re.compile(
    r"(?<![Bb]y )(?<![Ss]ince )(?<![Uu]ntil )(?<![Ff]rom )(?<![Tt]ill )"
    r"\b(?:also|then|later)\s+(?=[a-z])|\s+again\b(?=\s+(?:in|on|by|from|at|after)\b)"
)


_COUNTED_THE = re.compile(
    rf"\b[Tt]he\s+(?:\d[\d,]*|(?:{_WORD_NUMBERS})(?:-(?:{_WORD_NUMBERS}))?)\s+[a-z]+\b"
    r"(?!\s+(?:of|who|that|which|in|on|at)\b)"
)


def needs_antecedent(question: str) -> bool:
    """Whether the question leans on what the text said before it."""
    if _BARE_SUBJECT.match(question) or _SITUATED.search(question):
        return True
    if _COUNTED_THE.search(question):
        return True  # "bearing the fifty-nine names": names of whom?
    return any(m.group(1) in _NEEDS_ANTECEDENT for m in _BARE_THE.finditer(question))


_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|they)\b", re.IGNORECASE)
_WH_WORD = re.compile(r"\b(?:who|which|what|where|how|when)\b", re.IGNORECASE)
# proposals scoring below this read badly as they are: left for the teacher to write
_MIN_SCORE = 1.0


_DROP = 9.0  # a flaw no teacher would leave: the proposal is not made


def _question_penalty(question: str, span: Span, sentence: str) -> float:
    """How much worse the written question reads than the span's place suggests."""
    penalty = 0.0
    wh = _WH_WORD.search(question)
    before, after = sentence[: span.lead], sentence[span.end :]
    if wh and _UNEXPLAINED.search(question[: wh.start()]) or _SUBJECT_PRONOUN.search(question):
        penalty += _DROP  # "He gave ... in what year?": whose act?
    if len(question.split()) <= 7 and not _ANY_VERB.search(question):
        penalty += _DROP  # "The train from which place?": no verb, no question
    if len(question.split()) < 5:
        penalty += _DROP  # "Who disagreed?" says too little to be answered
    if _DANGLING.search(question):
        penalty += _DROP  # "shared this view": which view?
    if (
        span.kind in ("place", "organisation")
        and re.match(r"\s+[a-z]", after)
        and re.search(r"\b(?:the|of)\s+$", before)
    ):
        penalty += _DROP  # "the Broad Street pump": the name is a modifier
    if span.kind in ("person", "place") and (
        re.match(r"\s+and\s", after)
        or re.search(
            r"\band\s+(?:later\s+|then\s+)?(?:in\s+|at\s+|up\s+|down\s+|along\s+)?(?:the\s+[a-z]+\s+)?$",
            before,
        )
    ):
        penalty += _DROP  # one of a pair: "in Britain and later in Egypt"
    if span.kind == "person" and re.search(r"\b[Tt]he\s+[a-z]+\s+(?:under|of|with)\s+$", before):
        penalty += _DROP  # "the boat under Obed Hendricks": asked as "which boat under"
    if span.kind == "person" and re.search(r"\b(?:a|an)\s+[\w\s]+,\s+$", before):
        penalty += _DROP  # "the work of a French diplomat, which person?"
    if re.search(
        r"\b(?:where|when|while|as|because|since|if|that),?\s+(?:who|which|what|how)\b", question
    ):
        penalty += _DROP  # "where who gave a ball": asked inside a clause of the sentence
    if re.match(r"^\W*(?:\S+\s+){0,4}(?:it|them)\b", question):
        penalty += _DROP  # "Who crossed it in June 1879?": crossed what?
    if span.kind in ("place", "organisation", "person") and re.match(r"\s+No\.\s*\d", after):
        penalty += _DROP  # "Union Pacific No. 119" is a locomotive
    if span.kind in ("place", "organisation") and re.match(r"\s+[a-z]+\b", after):
        nxt = after.split()[0]
        if nxt not in _GLUE and not _SUBJECT_VERB.match(" " + nxt):
            penalty += _DROP  # "from which place foundry": the name is a modifier
    if span.kind == "place" and _SUBJECT_VERB.match(after) and not re.match(r"\s*,", after):
        penalty += _DROP  # "Egypt was to pay": "Where was to pay?"
    if re.search(r",\s+(?:which|who)\s+(?:[a-z]+\s+){0,6}(?:what|which|how many)\b", question):
        penalty += 3.0  # "the firm of ..., which agreed on what date to ...": asked inside an aside
    relatives = len(
        re.findall(r",\s+(?:which|who)\b|\b(?:passengers|people|men|women|those) who\b", question)
    )
    if relatives >= 2:
        penalty += _DROP  # "..., which carried passengers who had crossed which place"
    if re.search(
        r"\d\s+(?:which|what)\b|\b(?:which|what) [a-z]+ who\b|\bwhich [a-z]+est\b", question
    ):
        penalty += _DROP  # "a baby at 40 which street who had fallen ill"
    if (
        before.count("(") > before.count(")")
        or before.count("*") % 2
        or before.count('"') % 2
        or before.count("“") > before.count("”")
    ):
        penalty += _DROP  # "(1903)": an aside in brackets is no question
    if re.match(
        r"(?:Under|With|From|By|For|To|After|Before|Of)\s+(?:an estimated\s+|about\s+)?"
        r"(?:which|whom|what|how many)\b[^,?]*,",
        question,
    ) or re.match(
        r"Of (?:an estimated |about )?how many\b|(?:In|At|On) which place,|"
        r"(?:After|Before|When|While|Since|Until|Although|Because)\b[^,?]*\b(?:what|which|how|who)\b[^,?]*,",
        question,
    ):
        penalty += _DROP  # "Under which person, serious crime stayed low": asked in a lead
    if span.kind == "number" and re.match(
        r"\s+past\s|\s+to\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight)\b",
        after,
    ):
        penalty += _DROP  # "ten minutes past three": a time of day
    if span.kind == "number" and (
        re.search(r"\bbetween\s+$|\bpast\s+$", before, re.I)
        or re.match(r"\s+in\s+the\s+(?:morning|afternoon|evening)\b|\s+o['’]clock", after)
    ):
        penalty += _DROP  # "between six and ten inches"
    if (
        (span.kind == "number" and "years old" in question and not re.search(r"\d{4}", question))
        or re.search(r",\s+(?:which|what) [a-z]+,", question)
        or re.match(r"[^,?]*\b(?:how many|what|which)\b[^,?]*,\s+[A-Z]", question)
    ):
        # "the club's engineer, which person, led"; "About how many miles long ..., Lake X was";
        # "Clara Barton was how many years old?" (when?)
        penalty += _DROP
    if span.kind == "number" and (
        re.match(r"\s+to\s+\d", after) or re.search(r"\d\s+to\s+$", before)
    ):
        penalty += _DROP  # one end of a range: "some 30,000 to 40,000"
    if (
        re.search(r"\b(?:with|of|to|for|from|by|at|on)\?$", question)
        or re.search(r"['’]s\s+(?:and|or|but|was|were|had|is)\b", after[:12])
        and span.kind == "person"
    ):
        penalty += _DROP  # "... the four men left with?", "from Pollard's and was never seen"
    if len(question) > 220:
        penalty += 1.5
    if span.kind == "number" and re.search(r"\b(?:more|fewer|less) than\s+$|\bover\s+$", before):
        penalty += 2.0  # "the more than how many workers"
    if span.kind == "place" and re.match(r",\s+[A-Z]", after):
        penalty += 2.0  # "the parish of which place, Westminster"
    if span.kind == "date" and (
        re.match(r",?\s+(?:and|in)\s+(?:in\s+)?\d{4}\b", after)
        or re.search(r"\d{4},?\s+(?:and\s+)?$", before)
    ):
        penalty += _DROP  # one year of a list: "in 1832, in 1848 and 1849"
    if span.kind == "place" and re.search(r",?\s+and\s+(?:at|in|to|from|near)\s+[A-Z]", after):
        penalty += _DROP  # one of a pair: "at Crossness, ..., and at Abbey Mills"
    if span.kind in ("place", "person", "organisation") and re.match(
        r",\s+(?:the\s+)?[A-Z][^.?;]*\band\s", after
    ):
        penalty += _DROP  # the first of a list: "run by which place, the United Kingdom and ..."
    if re.search(r",\s+(?:although|though|because|when|while|if|since|as)\b", before):
        penalty += 2.5  # asked inside a subordinate clause
    return penalty


def _subject(spans: list[Span]) -> str:
    """The person a sentence is about: its first person, near the start."""
    for span in spans:
        if span.kind == "person" and span.lead <= 50:
            return span.text
    return ""


def propose(text: str, limit: int = 300, title: str = "") -> list[Proposal]:
    """Proposals for the whole text, most central first. Each sentence gives its
    best fact, with the others of the same sentence as alternatives; a sentence
    whose subject is a pronoun names the person of the sentence before, or is
    left out, as are sentences that open with "It", "This" and the like."""
    people = _people(text)
    places = _places(text) - people
    named = Namer(text, people, title)
    counts: Counter[str] = Counter(re.findall(r"[A-Z][\w'’-]+", text))
    split = sentences(text)
    seen = Counter(s for _, s in split)
    previous = ""  # the person the sentence before is about
    checks = 0
    per_sentence: list[list[Proposal]] = []
    for offset, sentence in split:
        if seen[sentence] > 1:
            continue  # a quote must be unique in its source
        spans = _value_spans(sentence)
        spans += _name_spans(sentence, spans, people, places)
        if spans:
            checks += 1
            if checks > _UNIQUENESS_CHECKS or text.count(sentence) > 1:
                continue
        subject, statement = _subject(spans), sentence
        pronoun = _PRONOUN.match(sentence)
        if pronoun:
            if not previous:
                continue  # "He printed the map ...": who, the text does not say here
            # "He became ..." names its subject in the statement and question
            statement = sentence[: pronoun.start(2)] + previous + sentence[pronoun.end(2) :]
            subject = previous
        previous = subject if spans else ""
        if not spans or _DANGLING_START.match(sentence):
            continue
        made = []
        shift = len(statement) - len(sentence)
        for span in spans:
            if pronoun and shift and span.start < pronoun.end():
                target = span
            else:
                target = Span(
                    span.start + shift, span.end + shift, span.text, span.kind, span.lead + shift
                )
            if pronoun and shift and span.start < pronoun.end(2) and span.start >= pronoun.start(2):
                continue
            question = question_for(statement, target)
            score = _centrality(span, counts, sentence) - _question_penalty(
                question, target, statement
            )
            if score < _MIN_SCORE:
                continue
            proposal = named(
                Proposal(
                    sentence=sentence,
                    start=offset,
                    answer=span.text,
                    answer_type=span.kind,
                    question=question,
                    statement=statement,
                    score=score,
                )
            )
            if not needs_antecedent(proposal.question) and not named.gives_away(proposal):
                made.append(named.in_context(proposal))
        if made:
            per_sentence.append(sorted(made, key=lambda p: -p.score))
    return _choose(per_sentence)[:limit]


def _choose(per_sentence: list[list[Proposal]]) -> list[Proposal]:
    """One proposal per sentence, most central first; an answer already asked
    by a better proposal counts against asking it again ("Snow" ten times)."""
    asked: Counter[str] = Counter()
    found: list[Proposal] = []
    order = sorted(per_sentence, key=lambda made: (-made[0].score, made[0].start))
    for made in order:
        ranked = sorted(made, key=lambda p: -(p.score - 2.0 * asked[p.answer]))
        best, rest = ranked[0], tuple(ranked[1:4])
        asked[best.answer] += 1
        found.append(
            replace(
                best,
                score=best.score - 2.0 * (asked[best.answer] - 1) + 0.2 * len(rest),
                alternatives=rest,
            )
        )
    found.sort(key=lambda p: (-p.score, p.start))
    return found


def for_selection(text: str, start: int, end: int, title: str = "") -> Proposal:
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
    named = Namer(text, people, title)
    return named.in_context(
        named(
            Proposal(
                sentence=quote,
                start=start,
                answer=best.text,
                answer_type=best.kind,
                question=question_for(sentence, best),
                statement=sentence,
                score=_centrality(best, counts, sentence),
            )
        )
    )


__all__ = ["Proposal", "Span", "for_selection", "propose", "question_for", "sentences"]
