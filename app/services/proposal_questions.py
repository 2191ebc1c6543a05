"""The question a proposal asks, written from the whole sentence: the answer's
words become the question word, a leading phrase of time goes to the end, and
only the clause that holds the answer is kept."""

from __future__ import annotations

import re

from app.services.answer_spans import (
    _MONEY,
    MONTHS,
    SHIP_PREFIXES,
    VESSEL,
    WORK_WORDS,
    Span,
)
from app.services.name_words import OFFICE_TITLES, OFFICES, PERSON_ROLES
from app.services.text_names import WEEKDAYS, is_country
from app.services.word_classes import word_classes

_CLOSERS = "\"'”’)]"

# a question needs a verb: "The train from which place?" was cut before its own
_ANY_VERB = re.compile(
    r"\b(?:had|has|have|was|were|is|are|be|been|could|would|did|does|do|can|will|[a-z]{2,}ed|"
    r"gave|took|bought|led|left|won|lost|fled|wrote|said|made|sent|met|brought|began|became|"
    r"struck|fought|held|sold|paid|built|ran|saw|told|found|kept|went|came|knew|thought|put|"
    r"set|drew|grew|rose|fell|spent|taught|sought|chose|spoke|dug|lent|swam|broke|stood|cost|"
    r"killed|owned|carried|passed|crossed|called|opened|closed|reached|died|lived|flew|rode|"
    r"wore|threw|drove|sank|sang|hid|bore|shot|tore|wept|slept|fed|moved|lay|lie|lies|hung|sent|shook|swore|won|woke|burnt|dealt|meant|felt|heard|sat|split|spread)\b"
)
# an adverb that leans on the sentence before: "Who also drew ...", "Which engineer then built"
_LEANING = re.compile(
    r"(?<![Bb]y )(?<![Ss]ince )(?<![Uu]ntil )(?<![Ff]rom )(?<![Tt]ill )"
    r"\b(?:also|then|later)\s+(?=[a-z])|\s+again\b(?=\s+(?:in|on|by|from|at|after)\b)|"
    r",\s+(?:meanwhile|however|too|in turn),(?=\s)"  # "Who, meanwhile, dug a pit ...?"
)

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
        r"years|months|days|hours|minutes|gallons|litres|liters|inches|yards|barrels|bushels)$",
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
    # "in 1637, among them a series of dialogues": what follows only adds examples
    r",\s+(?:among them|including|such as|notably|especially|mostly|mainly|chiefly)\b|"
    # "..., and under the terms of the capitulation ...": a clause of its own
    r",\s+and\s+(?=(?:under|in|on|at|by|with|after|before|when|while|as|from|for)\s)|"
    r",\s+and\s+(?=(?:the|a|an|his|her|its|their|he|she|it|they|soon|then|later|so)\b|[A-Z])|"
    r",\s+and\s+(?=(?:\S+\s+){0,6}(?:[a-z]{3,}ed|had|has|was|were|is|are|did|became|went|came|made|got|"
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
    "Embankment", "Chapel", "Colliery", "Cathedral", "Abbey", "Palace", "Castle", "Park",
    "Market", "Cemetery", "Harbour", "Harbor", "Dock", "Tunnel", "Quarry", "Lane", "Avenue",
}  # fmt: skip
_ORGANISATION_NOUNS = {
    "Company", "Bank", "Board", "Committee", "Court", "Council", "Party", "University",
    "Commission", "Society", "Church", "Army", "Navy", "Brewery", "Hospital", "School",
    "Newspaper", "Ministry", "Office", "Union", "League", "Assembly", "Academy", "Railroad",
    "Railway", "Club", "Corporation", "Institution", "Foundation", "Republic", "Empire",
    "Kingdom", "Administration", "Agency", "Service",
}  # fmt: skip

# what a newspaper's or a magazine's name is asked as: "the Cornhill Magazine" is asked
# "which magazine", "the Daily Herald" "which newspaper"
_PRESS_NOUNS = {
    "Magazine": "magazine", "Journal": "journal", "Review": "magazine", "Times": "newspaper",
    "Gazette": "newspaper", "Herald": "newspaper", "Chronicle": "newspaper",
    "Tribune": "newspaper", "Courier": "newspaper", "Mercury": "newspaper",
    "Observer": "newspaper", "Telegraph": "newspaper", "Examiner": "newspaper",
    "Express": "newspaper", "News": "newspaper", "Guardian": "newspaper",
    "Advertiser": "newspaper",
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
    words = span.text.split()
    # "the Treaty of Paris" is asked "which treaty", "the Bank of England" "which bank"
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    if span.noun:
        return f"Which {span.noun}", f"which {span.noun}"
    if span.kind == "place" and is_country(span.text):
        return "Which country", "which country"
    if span.text.split()[0] in SHIP_PREFIXES:
        return "Which ship", "which ship"
    if span.kind == "term" and (vessel := VESSEL.search(phrase)):
        return f"Which {vessel.group(1)}", f"which {vessel.group(1)}"
    if span.kind == "place" and head in _PLACE_NOUNS:
        return f"Which {head.lower()}", f"which {head.lower()}"
    if span.kind == "work" and head in WORK_WORDS:
        return f"Which {head.lower()}", f"which {head.lower()}"  # "Which laws", "Which treaty"
    if span.kind == "organisation" and head in _PRESS_NOUNS:
        return f"Which {_PRESS_NOUNS[head]}", f"which {_PRESS_NOUNS[head]}"
    if span.kind == "organisation" and head in _ORGANISATION_NOUNS:
        return f"Which {head.lower()}", f"which {head.lower()}"
    front, inside = _WH.get(span.kind, ("What", "what"))
    described = re.match(r"[Tt]he\s+(.+?)\s*$", phrase)
    if described and (
        described.group(1).split()[-1] in _ADJECTIVES
        or described.group(1).endswith("est")
        or "NOUN" not in word_classes(described.group(1).split()[-1])
    ):
        described = None  # "the old Reichsmark", "the energetic Lydia Becker": "which old"
    if described and span.kind == "person":
        return f"which {described.group(1)}", f"which {described.group(1)}"
    titled = re.fullmatch(r"(?:(?:[Tt]he|[Aa])\s+)?([A-Z][a-z]+)\s*", phrase)
    if span.kind == "person" and titled and titled.group(1) in OFFICE_TITLES:
        office = titled.group(1).lower()  # "Mayor Eugene Schmitz": "which mayor"
        return f"Which {office}", f"which {office}"
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
    opened = sentence[span.start - 1 : span.start]
    if opened in ("*", "_") and span.lead < span.start and after.startswith(opened):
        after = after[1:]  # "the steamer *Princess Alice* sank": its emphasis goes with it
    if span.text.endswith(("Jr", "Sr")) and after.startswith("."):
        after = after[1:]  # "George Pollard Jr., who ...": the abbreviation's point
    body_end = len(after.rstrip(".!?" + _CLOSERS))
    after = after[:body_end]
    # "On 4 April 1949, while the airlift was still running, twelve countries ...": the
    # aside goes, the main clause stays
    after = re.sub(r"^,\s+(?:while|when|as|although|though)\b[^,]*,", ",", after)
    after = re.sub(r"^,\s+[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,3},", ",", after)  # ", Memorial Day,"
    cut = _AFTER_BREAK.search(after)
    joined = re.match(
        r",\s+and\s+(?:the|a|an|his|her|its|their)\s", after[cut.start() :] if cut else ""
    )
    if joined and not _ANY_VERB.search(after[cut.end() :] if cut else ""):
        cut = None  # "sent his first mate, Oliver Deveau, and the second mate ... across": one verb
    if cut and not (re.match(r"\s+and\s", after[cut.start() :]) and ", " in after[: cut.start()]):
        after = after[: cut.start()]  # not before the last of a list: "A, B and her C"
    tail_words = after[2:].split() if after.startswith(", ") else []
    if tail_words and len(tail_words) <= 6 and not _ANY_VERB.search(after):
        after = ""  # "died in Paris on what date, at only 41?": the aside goes
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
    if span.kind == "person":  # "the Whig leader Lord John Russell": "which Whig leader"
        phrase = re.sub(r"\b(?:Sir|Lord|Lady|Dame|Mr|Mrs|Miss)\.?\s+$", "", phrase)
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
            rough = re.search(
                r"\b(?:about|some|nearly|almost|around|roughly)\s+$", before, re.IGNORECASE
            )
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
    # "Which company moved its intake to Thames Ditton in 1852, above the reach of ...?";
    # not inside a name's aside: "that his fiancée, Nerissa Love, was among the dead"
    at = _first_free_comma(question) if tail else -1
    if at >= 0:
        return _tidy(question[:at] + tail + question[at:])
    if tail and question.endswith("?"):
        return _tidy(question[:-1] + tail + "?")
    return _tidy(question + tail)


_APPOSED_NAME = re.compile(r",\s[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*,")


def _first_free_comma(question: str) -> int:
    """Where the first ", " is that does not open or close a name's aside; -1 if none."""
    at = 0
    while (comma := question.find(", ", at)) >= 0:
        apposed = _APPOSED_NAME.match(question, comma)
        if not apposed:
            return comma
        at = apposed.end()
    return -1


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


# a word that ties a sentence to the one before: "Yet Young thought ...", "Eventually, ..."
_CONNECTIVE = re.compile(
    r"^(?:(?:Instead|Meanwhile|However|Moreover|Nevertheless|Nonetheless|Still|Thus|Indeed|"
    r"Eventually|Finally|Even so|At last|In the end|Furthermore|Besides|Also),\s+|"
    r"(?:Yet|But|And|So|Still|Indeed|Eventually|Finally|Nonetheless|Instead(?!\s+of\b)|"
    r"Meanwhile|Afterwards|Even(?!\s+(?:so|though|if|when|as|after|before|then)\b))\s+"
    r"(?=[A-Za-z]))"
)


# "Gandhi himself was arrested", "Marshall himself": the contrast is with the text before
_EMPHATIC = re.compile(r"\b([A-Z][\w'’.-]*)\s+(?:himself|herself|themselves|itself)\b(?!\s*[,.?])")


# "The English physician Thomas Young, famous for ..., took up" asked as "The English
# physician who, famous for ..., took up": "Which English physician, famous for ..., took up"
_ROLE_WHO = re.compile(
    r"^The ((?:[A-Z][a-z]+ )*[a-z](?:(?!\b(?:which|what|was|were|had|has|is|are|did)\b)[a-z -])"
    r"{2,60}?)(?<!\bunder)(?<!\bwith)(?<!\bby),? who(,?) "
)


_PERSON_CALLED = re.compile(
    r"\bwhich person, (?:a|an) ((?:former |retired |young |wealthy |local )?(?:"
    + "|".join(sorted(PERSON_ROLES))
    + r"))(?:(, (?:who|which) [^?]*\??$)|(,))"
)


_OFFICE_WHICH = re.compile(
    r"^The ((?:"
    + "|".join(sorted(OFFICES | {"Prime", "Bishop", "Archbishop", "Attorney"}))
    + r")\b[^,]{0,50}), which person, "
)


def _tidy(question: str) -> str:
    question = _LEANING.sub("", question)
    question = re.sub(r"\s*\([^()]*\)", "", question)  # "33 miles (53 km)" would give it away
    question = re.sub(r"\s*\([^()]*$", "", question)
    question = re.sub(r"\*([^*]+)\*", r"\1", question)  # Markdown's emphasis
    question = re.sub(r"^The ([a-z][^,]{2,60}), which person, ", r"Which \1 ", question)
    # "The Prime Minister, which person, declined ...": "Which Prime Minister declined ..."
    question = _OFFICE_WHICH.sub(r"Which \1 ", question)
    question = _ROLE_WHO.sub(lambda m: f"Which {m.group(1)}{m.group(2)} ", question)
    question = _CONNECTIVE.sub("", question)
    # "How many people had died, in Lynmouth and ...": no comma between a verb and its place
    question = re.sub(
        r"^((?:About )?[Hh]ow many [a-z]+ (?:had |have |were |was )?[a-z]+ed),\s+(in|at|on)\b",
        r"\1 \2",
        question,
    )
    # "on the evening of Saturday, what date, in the basement": the weekday goes with its date
    question = re.sub(
        r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+(what date),?",
        r"\1",
        question,
    )
    # "which physicist Sir John Cockcroft" asked: "which physicist", not "which physicist Sir"
    question = re.sub(
        r"\b([Ww]hich [a-z]+) (?:Sir|Lord|Lady|Dame|Dr|Mr|Mrs|Miss|Professor)\s+(?=[a-z])",
        r"\1 ",
        question,
    )
    question = _EMPHATIC.sub(r"\1", question)  # "Marshall himself was awarded": Marshall was
    question = re.sub(
        r"^((?:Which [a-z]+|Who|What))\s+(?:himself|herself|itself|themselves)\b", r"\1", question
    )
    question = re.sub(r"^Only (?=(?:about )?how many\b)", "", question)
    question = _who_is_described(question[:1].upper() + question[1:])
    question = re.sub(
        r"\bthe (firm|company|bank|house|office|works|workshop|studio) of which person\b",
        r"which person's \1",
        question,
    )
    question = re.sub(r"\bwhich person's\b", "whose", question)
    # "sold the property to which person, a former congressman, who removed ...": the
    # calling asks it ("to which former congressman"), and what he did next is not asked
    question = _PERSON_CALLED.sub(
        lambda m: (
            f"which {m.group(1)}"
            + (("?" if m.group(2).endswith("?") else "") if m.group(2) else m.group(3))
        ),
        question,
    )
    question = re.sub(r",\s+(?:however|though|moreover|therefore|indeed),", "", question)
    # "who therefore concluded": "therefore" leans on a sentence the student cannot see
    question = re.sub(r"\s+(?:therefore|thus|hence|consequently)(?=\s+[a-z])", "", question)
    question = re.sub(
        r"^((?:In|On|At|During|Within|Across|Along|Near) (?:the |a |an )?"
        r"(?:(?!(?:about|late|early|least|most|first|last|in|of|at|on|to|for|by)\b)[a-z]+ ){1,3}"
        r"(?:of (?:the )?[a-z]+ )?)(?=(?:how many|about how many|what|which|who|whose)\b)",
        lambda m: m.group(1).rstrip() + ", ",
        question,
    )
    # "In Manchester who became ...": "In Manchester, who became ..."
    question = re.sub(
        r"^((?:In|At|On|From|Across|By|During|After|Before)\s+(?:the\s+)?(?:[A-Z][\w'’-]*|\d[\d,]*)"
        r"(?:\s+(?:[A-Z][\w'’-]*|\d[\d,]*))*)\s+"
        r"(?=(?:who|which|what|how many)\b)",
        r"\1, ",
        question,
    )
    question = re.sub(rf"\b((?:of|on)\s+)(?:{WEEKDAYS})\s+(?=what\b)", r"\1", question)
    question = re.sub(r"\b(in|by)\s+(?:late|early|mid)\s+(?=what\b)", r"\1 ", question)
    question = re.sub(r",\s+(?:however|though|moreover|therefore|indeed),", "", question)
    question = re.sub(r"\s+,", ",", re.sub(r"\s{2,}", " ", question.strip()))
    question = question[:1].upper() + question[1:]
    question = question.rstrip(",;: ")
    if question.count('"') % 2:
        question += '"'  # "... told a crowd, "Ich bin ein Berliner": the quote closes
    elif question.count("“") > question.count("”"):
        question += "”"
    return question + "?"
