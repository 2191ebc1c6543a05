"""How central a proposal looks, and what in its question no teacher would leave:
a pronoun or "the dispute" that leans on the sentence before, a name used as a
modifier, one of a pair or of a list, a question asked inside an aside."""

from __future__ import annotations

import re
from collections import Counter

from app.services.answer_spans import _WORD_NUMBERS, Span
from app.services.proposal_questions import _ANY_VERB, _SUBJECT_VERB
from app.services.word_classes import word_classes

_NUMERAL = (
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
    r"a hundred)\b)"
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
_PRONOUN_START = re.compile(r"^(He|She)\b")
_DANGLING_START = re.compile(
    r"^(?:It|Its|They|Their|This|These|Those|That|His|Her|Such|Here|Both|Each|Neither|Either)\b|"
    r"^(?:\w+ )?(?:days|weeks|months|years|decades) later\b|^(?:Soon|Shortly) after(?:wards)?,",
    re.IGNORECASE,
)


def _centrality(span: Span, counts: Counter[str], sentence: str) -> float:
    base = {"date": 3.0, "person": 3.0, "number": 2.0, "organisation": 2.0, "place": 1.5}
    score = base.get(span.kind, 1.0)
    if span.kind == "date" and not re.fullmatch(r"\d{4}", span.text):
        score += 1.0  # a full date marks an event
    if span.kind == "date" and re.search(r"\b[Bb]y\s+$", sentence[: span.start]):
        rest = sentence[: span.start] + sentence[span.end :]
        counted = re.search(
            rf"\b\d[\d,]*\b(?<!\b1\d{{3}})(?<!\b20\d\d)|\b(?:{_WORD_NUMBERS})\b", rest
        )
        # "300 machines at work by 1869": the count is the fact, "by what year" no question
        score -= 7.0 if counted else 1.5
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
    r"\b(?:a|the) different [a-z]+\b|\bdifferently\b|"  # "took a different view": from whose?
    r"\bas well\?|\bfurther still\b|\banother (?:serious |major |great )?[a-z]+\b|"  # than what?
    r"\bthat (?:autumn|spring|summer|winter|morning|day|year|night|month)\b|\bsuch (?:a|an) [a-z]+|"
    r"\b(?:a few|some|several|many|\w+) (?:days|weeks|months|years|decades) later\b|"
    r"\bdecades later\b|\bin the other\b|\bin all\b|\b(?:minutes|hours) later\b|"
    r"\bwithin (?:a few |two |three |some )?(?:minutes|hours|days|weeks|months|years|"
    r"a (?:day|week|month|year))\b|\b(?:a few|some|several|two|three) (?:days|weeks|months|"
    r"years) (?:before|earlier)\b|\bthe day before\b|\b(?:both|either|neither) [a-z]+s?\b|"
    r"\b(?:the )?(?:very )?(?:next|following|previous) (?:day|week|month|year|morning|night)\b|"
    # "the first such district", "ordered another at Vicksburg"
    r"\bwho, who\b|\bat the time\b|\bsuch\s+(?!as\b)[a-z]+|"
    r"\banother(?=\s+(?:at|in|on|of|for|by|to)\b|\?)",
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
    # not "The dispute that became the Great Dock Strike began": its clause says which
    r"^The\s+(?:[a-z]+\s+)?(?!(?:that|which|who)\b)[a-z]+(?:\s+(?:also|then|soon))?"
    + _SUBJECT_VERB.pattern
)
# "lived close by and began at once": near what, after what?
_SITUATED = re.compile(
    r"\bclose by\b|\bnearby\b|\bat once\b|\bimmediately\b|\bafterwards\b|\bthereafter\b"
)


_COUNTED_THE = re.compile(
    rf"\b[Tt]he\s+(?:\d[\d,]*|(?:{_WORD_NUMBERS})(?:-(?:{_WORD_NUMBERS}))?)\s+[a-z]+\b"
    r"(?!\s+(?:of|who|that|which|in|on|at)\b)"
)


# words that end a noun phrase or pin it down: "the tank of the company", "the tank that"
_PINNED_BY = {
    "of", "in", "at", "on", "from", "for", "to", "that", "which", "who", "whom", "whose",
    "between", "near", "under", "around", "across", "along", "over", "behind", "outside",
    "inside", "beyond", "against", "where", "when", "built", "called", "known", "named",
}  # fmt: skip
# nouns that need no antecedent: there is one of each for everybody
_ONE_OF_EACH = {
    "world", "sea", "sun", "moon", "public", "past", "future", "sky", "weather", "press",
    "hieroglyphs", "dead", "wounded", "living", "poor", "rich", "night", "day", "time",
    "century", "centuries", "millennium", "equator", "continent",
    "vote", "franchise",
}  # fmt: skip
_NOT_A_NOUN = (
    {
        "what",
        "which",
        "how",
        "who",
        "whom",
        "whose",
        "first",
        "second",
        "third",
        "last",
        "same",
        "next",
        "following",
        "other",
        "only",
        "most",
        "more",
        "less",
        "least",
        "very",
        "and",
        "or",
        "but",
        "as",
        "than",
        "so",
        "also",
        "then",
        "its",
        "their",
        "his",
        "her",
        "a",
        "an",
        "the",
    }
    | set(_GLUE)
    | _PINNED_BY
)


def _starts_with_a_verb(word: str) -> bool:
    if word in ("Was", "Were", "Did", "Had", "Has", "Is", "Are", "Could", "Would"):
        return False  # a question may open so
    classes = word_classes(word.lower())
    return classes == {"VERB"} and word.lower().endswith("ed") or classes == {"VERB", "AUX"}


def _unpinned(question: str) -> list[str]:
    """ "the tank", "the victims": a thing the question names only by "the", with
    nothing after it that says which ("the cholera bacterium in 1883" is pinned by
    its year, "the tank of the company" by its owner)."""
    words = re.findall(r"[\w'’-]+|[^\w\s]", question)
    found = []
    for i, word in enumerate(words):
        if word.casefold() != "the":
            continue
        j = i + 1
        while (
            j < len(words)
            and words[j].isalpha()
            and words[j].islower()
            and words[j] not in _NOT_A_NOUN
            and not _ANY_VERB.fullmatch(words[j])
        ):
            j += 1
        if j == i + 1 or j - i > 4:
            continue  # "the Suez Canal", "the first": a name, or no noun to judge
        head, nxt = words[j - 1], words[j] if j < len(words) else ""
        if head in _ONE_OF_EACH or nxt in _PINNED_BY or nxt[:1].isupper() or nxt == "’s":
            continue
        if nxt == "and" and j + 2 < len(words) and words[j + 2][:1].isupper():
            continue  # "the lawyer and politician Henry C. Murphy": named after both
        found.append(" ".join(words[i:j]))
    return found


def needs_antecedent(question: str) -> bool:
    """Whether the question leans on what the text said before it."""
    if _BARE_SUBJECT.match(question) or _SITUATED.search(question):
        return True
    if _COUNTED_THE.search(question):
        return True  # "bearing the fifty-nine names": names of whom?
    if re.search(r"\b(?:to\s+)?(?!(?:number|by)\b)[a-z]+\s+one(?=[,?])", question):
        return True  # "chartered the company to build one, with ...": one what?
    return any(m.group(1) in _NEEDS_ANTECEDENT for m in _BARE_THE.finditer(question))


_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|they)\b", re.IGNORECASE)
_WH_WORD = re.compile(r"\b(?:who|which|what|where|how|when)\b", re.IGNORECASE)
# proposals scoring below this read badly as they are: left for the teacher to write
_MIN_SCORE = 1.0


_DROP = 9.0  # a flaw no teacher would leave: the proposal is not made
# a time inside a relative clause: "the novel that was published on ", "which opened in "
_IN_RELATIVE = re.compile(
    r"\b[a-z]+\s+(?:that|which)\s+(?:(?:was|were|had\s+been|had)\s+)?[a-z]+(?:ed|en|t)\s+"
    r"(?:on|in)\s+$"
)
# a sentence that says what its subject was: "Thomas Bouch's design was a single-track
# bridge about two miles long"
_DEFINITION = re.compile(r"^[A-Z][^,;:]{0,80}?\s(?:was|were)\s(?:an?)\s")


def _question_penalty(question: str, span: Span, sentence: str) -> float:
    """How much worse the written question reads than the span's place suggests."""
    penalty = 0.0
    # "At its height the strike ...": the "its" is of the subject that follows
    question = re.sub(r"^At\s+(?:its|their)\s+(?:height|peak),?\s+", "", question)
    wh = _WH_WORD.search(question)
    before, after = sentence[: span.lead], sentence[span.end :]
    # "He gave ... in what year?": whose act? Not "Who became ... when he was appointed ...?"
    pronoun = _SUBJECT_PRONOUN.search(question)
    if (
        pronoun
        and span.kind == "person"
        and re.match(r"Who\s+[a-z]+\b[^,?]*\bwhen\s+$", question[: pronoun.start()])
    ):
        pronoun = None
    if wh and _UNEXPLAINED.search(question[: wh.start()]) or pronoun:
        penalty += _DROP
    if len(question.split()) <= 7 and not _ANY_VERB.search(question):
        penalty += _DROP  # "The train from which place?": no verb, no question
    if len(question.split()) < 5:
        penalty += _DROP  # "Who disagreed?" says too little to be answered
    defined = _DEFINITION.match(sentence)
    if defined and (span.lead > defined.end() or span.kind in ("date", "number")):
        # "The Johnstown Flood was a disaster that struck ... on 31 May 1889": asked of
        # the definition ("On what date was the Johnstown Flood a disaster"), no question;
        # nor a time or count in its subject ("In what year were the years after the
        # defeat of Napoleon a time of hardship?")
        penalty += _DROP
    if _DANGLING.search(question):
        penalty += _DROP  # "shared this view": which view?
    if span.kind == "date" and re.search(r"\b[Bb]y\s+$", before):
        # "By 1850 the God Worshippers had become an armed force": a bound, not a date;
        # every later year answers "By what year ...?" too
        penalty += _DROP
    if (
        span.kind in ("place", "organisation")
        and re.match(r"\s+[a-z]", after)
        and re.search(r"\b(?:the|of)\s+$", before)
    ):
        penalty += _DROP  # "the Broad Street pump": the name is a modifier
    if span.kind in ("person", "place", "term") and (
        re.match(r"\s+and\s", after)
        or re.search(
            r"\band\s+(?:later\s+|then\s+)?(?:in\s+|at\s+|up\s+|down\s+|along\s+)?(?:the\s+[a-z]+\s+)?$",
            before,
        )
    ):
        penalty += _DROP  # one of a pair: "in Britain and later in Egypt", "HMCS Niobe and"
    if span.kind == "person" and re.search(r"\b[Tt]he\s+[a-z]+\s+(?:under|of|with)\s+$", before):
        penalty += _DROP  # "the boat under Obed Hendricks": asked as "which boat under"
    if question.count("*") % 2 or question.count("_") % 2:
        penalty += _DROP  # "... published as *Frankenstein?": a title cut in two
    if span.kind == "person" and re.search(r"\b[Tt]he\s+late\s+$", before):
        penalty += _DROP  # "the bulbs of the late Wouter Winkel": "of the late, ..."
    if span.kind == "date" and _IN_RELATIVE.search(before):
        # "began the novel that was published on 1 January 1818": the date is the
        # clause's, and the question would ask it of "began"
        penalty += _DROP
    if span.kind == "person" and re.search(r"\b(?:a|an)\s+[\w\s]+,\s+$", before):
        penalty += _DROP  # "the work of a French diplomat, which person?"
    if re.search(
        r"\b(?:where|when|while|as|because|since|if|that),?\s+(?:who|which|what|how)\b", question
    ):
        penalty += _DROP  # "where who gave a ball": asked inside a clause of the sentence
    if re.search(r"\b(?:it|them)\b", question):
        penalty += _DROP  # "Who crossed it in June 1879?", "Which colonel attacked it": what?
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
    if re.search(
        r"\b(?:a|an|the|his|her|its|their|some|[a-z]+ern)\s+(?:which|what|who|whom|how)\b",
        question,
        re.IGNORECASE,
    ):
        penalty += _DROP  # "the southern which place", "told his story in An which work"
    if re.search(
        r"\b[Tt]he\s+(?:in|on|at|of|to|for|with|by|and|or|which|what|who|how|was|were|"
        r"about|roughly|some|nearly|almost|around|approximately)\b",
        question,
    ):
        penalty += _DROP  # "Which King put the in charge?", "Most of the about how many"
    if re.match(
        r"(?:Is|Are|Was|Were|Has|Have|Had)\s+(?:[a-z]+ed|said|known|thought|held|seen|built|"
        r"made|used|given|taken|been)\b",
        question,
    ):
        penalty += _DROP  # "Is said to have used about how many bricks?": whose subject?
    if (
        span.kind == "person"
        and re.match(r"(?:Lord|Lady|Earl|Duke|Marquess|Viscount|Baron)\s", span.text)
        and re.search(r"\b[A-Z][a-z]+,\s+$", before)
        and after.startswith(",")
    ):
        penalty += _DROP  # "Frederick, Lord North,": the name of a name, asked "which government"
    if re.search(r"\b[Bb]etween\s+[\w ]+\s+and\s+(?:what|which)\b", question):
        penalty += _DROP  # "Between March and what month and year": one end of a range
    if re.search(r"['’]s\s+(?:which|what|how)\b", question):
        penalty += _DROP  # "acting commander of the army's which organisation"
    if re.search(r"\b(?:it|they)\s+(?:had|has|was|were|is|are|did|could|would)\b", question):
        penalty += _DROP  # "Since the Gold Rush of what year it had grown ...": what had?
    if re.search(r":\s+(?:about\s+)?(?:how|what|which|who)\b", question):
        penalty += _DROP  # "... were dead: how many women and girls and 23 men?"
    if re.search(r"\b(?:and|or),\s+(?:in|on|by)\s+(?:what|which)\b[^,?]*,", question):
        penalty += _DROP  # "restricted child labour, and, in what year, limited ..."
    if re.match(
        r"(?:About\s+)?How many \w+ (?:earlier|later|before|after|afterwards)\s+"
        r"(?!(?:did|had|was|were|could|would|is|are|do|does|has|have)\b)",
        question,
    ):
        penalty += _DROP  # "How many years earlier many of them had taken part": not asked so
    if re.search(
        r"\b(?:a|an|the)\s+(?:next|last|first|following|previous)\s+(?:which|what|how)\b", question
    ):
        penalty += _DROP  # "for the next how many years"
    if re.search(
        r"^(?:At|In|On|During|After|Before|By)\s+(?:a|an|the)\s+[a-z]+\s+(?:in|of|at|on)\s+"
        r"(?:which|what)\b|\b[Bb]etween (?:what|which) [a-z]+ and\b|\b(which|what|who) \1\b",
        question,
    ):
        penalty += _DROP  # "At a summit in which place ...", "Between what year and 1961"
    if re.match(r"(?:About\s+)?[Hh]ow many\s+(?:for|of|in|on|at|to|per|with|by)\b", question):
        penalty += _DROP  # "How many for every 10,000 houses ...?": the count has no noun
    if re.match(r"(?:Who|Whom|Which\s+\w+)\.\s", question) or re.search(
        r'["”]\s+(?:who|which)\b', question
    ):
        penalty += _DROP  # "Who. "Jack" Swigert Jr. took his place": an initial was the name
    if re.search(r"\b(?:under|by|with|to|for|from|of|about|against|behind)\s+who\b", question):
        penalty += _DROP  # "A committee under who, a former official, reached ...?"
    if (first := question.split(" ", 1)[0]) and _starts_with_a_verb(first):
        penalty += _DROP  # "Flew over which place in Berlin?": the subject was cut
    if re.search(r"\b(?:named|called|known as|nicknamed)\s+(?:which|what)\b", question):
        penalty += _DROP  # "a fresh island, named which person": a name is no person's
    if (
        span.kind == "number"
        and re.search(r"\b[A-Z][\w-]*\s+$", before)
        and re.fullmatch(r"\d+", span.text)
    ):
        penalty += _DROP  # "DEFCON 2", "Apollo 11", "Pier 6": the number is part of a name
    following = re.match(r"\s+([a-z]+)\b", after)
    if span.kind == "person" and following:
        word = following.group(1)
        classes = word_classes(word)
        if word not in _GLUE and "NOUN" in classes and not classes & {"VERB", "AUX", "ADV"}:
            penalty += _DROP  # "which person crew saw ...": the name was a modifier ("Pan Am crew")
    if span.kind in ("place", "organisation", "person") and re.match(r"\s+\d+\b", after):
        penalty += _DROP  # "went to which place 2": the name goes on in its number
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
        # names listed after it, not an aside after which the sentence goes on: ", the
        # Chief Engineer of the Boston Fire Department, had warned ... and ..."
        r",\s+(?:the\s+)?[A-Z][^,.?;]*(?:,\s+(?:the\s+)?[A-Z][^,.?;]*)*,?\s+and\s",
        after,
    ):
        penalty += _DROP  # the first of a list: "run by which place, the United Kingdom and ..."
    if re.search(r",\s+(?:although|though|because|when|while|if|since|as)\b", before):
        penalty += 2.5  # asked inside a subordinate clause
    return penalty
