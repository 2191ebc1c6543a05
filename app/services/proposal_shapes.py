"""Shapes of a question that no reader accepted, checked on the question as it is
finally asked (turned round, framed): a name asked after a noun ("the Scottish
journalist which person"), and the broken shapes of `_BROKEN`."""

from __future__ import annotations

import re

from app.services.name_words import MONTHS
from app.services.proposal_fronting import _AUXILIARIES
from app.services.proposal_questions import _ANY_VERB
from app.services.word_classes import _participle, _past_verb, word_classes

# the question words a proposal writes in place of its answer
_ASKED_WORDS = re.compile(
    r"\b(?:which (?:person|place|organisation|work|company|street|river|lake|city|town)|"
    r"what (?:year|date|month)|how (?:many|much))\b"
)


def asked_after_a_noun(question: str) -> bool:
    """Whether the question word follows a noun or adjective it cannot follow
    ("the Scottish journalist which person", "one bulb of the variety which person"):
    the answer's words were a name that a description stood before. The word's
    classes come from LemmInflect's tables."""
    for found in _ASKED_WORDS.finditer(question):
        before = question[: found.start()].split()
        if not before:
            continue
        classes = word_classes(before[-1].strip(",;:"))
        if classes & {"NOUN", "ADJ"} and not classes & {"ADV", "VERB", "AUX"}:
            return True
    return False


# shapes no fronting or framing may leave: "the festivities for, the Chinese statesman",
# "Who, had rails laid"
_BROKEN = re.compile(
    r"\b(?:for|of|to|with|by|from|on|at|under|about|than)\s*,|"
    r"^(?:Who|Which\s[^,?]+),\s+(?:had|has|was|were|is|are|did|could|would)\b|"
    r"\b(?:did|was|were|had)\s+alone\b|"  # "In what year did alone around 100,000 sail"
    r"\b(?:where|which place|who)\s+(?:itself|himself|herself|themselves)\b|"  # "where itself"
    r"^Which\s+[a-z]+['’]s\s|"  # "Which town's mayor was praised": it asks the town
    r"^(?:Where|What),\s|^Who,\s+(?:a|an|the)\s|"  # "Where, a wooden tower ..., had been"
    r"^Who\s+[a-z]+(?:\s+[a-z]+)?,\s+(?:began|[a-z]+ed)\b|"  # "Who took over, began copying"
    r"\band\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+to\s+(?:\d|[a-z]+teen|[a-z]+ty|one|two|three|"
    r"four|five|six|seven|eight|nine|ten)\b|"  # "Who was sentenced ... and George Meakin to"
    r"\bwhose\s+own\b|"  # "whose own reputation rose": own against whom?
    r"^Which\s+(?:country|place)\s+(?:was|were)\s+[A-Z][^?]*\bborn\b|"  # "Which country was X born"
    r"^(?:Within|In|After|For|By)\s+(?:about\s+)?how\s+many\s+[a-z]+\s+(?!(?:did|had|was|were|"
    r"do|does|would|could|is|are|has|have)\b)[a-z]+\s|"  # "Within how many years most of the"
    r"^To\s+have\b|"  # "To have numbered Alexandra, which person?"
    r"^Who,\s+[a-z]+\s+[A-Z][\w'’-]*\s+of\b|"  # "Who, fifth Earl of Selkirk, bought"
    r"\bdid\s+(?:was|were|had|is|are)\b|"  # "Where did was hear"
    r"^Which\s+(?:country|place)\s+(?:was|were)\s+[A-Z][\w'’-]*\s+(?:not\s+)?(?:the|a|an)\s|"
    r"^On\s+what\s+(?:the|a|an)\b|"  # "On what the Queen gave her broadcast?"
    r"^Which\s[^,?]+\swhose\s[^,?]+,\s+[a-z]|"  # "Which Secretary whose department ..., came"
    r"\.\s+(?:The|A|An|It|He|She|They|This|In|On|His|Her)\s|"  # two sentences: "D.C. The jewel"
    r"^On\s+what\s+date\b[^?]*\bon\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\b|"  # "On what date did snow begin to fall on Friday?"
    r"\bdid\s+(?:many|some|most|others|several)\s+[a-z]+|"  # "Where did many camp": many what?
    r"^Which\s+(?:[A-Za-z'’-]+\s+){1,4}who\b|"  # "Which Navy captain who had flown on ...?"
    r"^Which\s+[a-z]+\s+that\b|"  # "Which bridge that was eventually built to ...?"
    # "About how many centuries after X bared his arm, the principle had been carried"
    r"^(?:About\s+how|How)\s+(?:many|much)\s+[a-z]+\s+(?:after|before|later|earlier)\b[^?]*?,\s+"
    r"(?:the|a|an)\s|"
    r"^What\b[^?]*\b(?:on|in|at|by)\s+what\b|"  # "What Jenner took ... on what date?"
    # "On 5 August 1963 the United States, which treaty did ...": a subject in the opening
    r"^(?:On|In|By|After|Before)\s+[^,?]*\b\d{4}\s+(?:the\s+)?[A-Z][^,?]*,\s+"
    r"(?:which|what|who|whom|how)\b|"
    r"\band\s+\d+\?$|"  # "record 14 storms in 1932 and 38?": the 38 of the year asked
    r",\s+[a-z]+ed\?$|"  # "sponsor the film ..., released?": the time was of the release
    r"\bhow\s+(?:many|much)\s+(?:[a-z]+\s+)?(?:or\s+more|too)\b|"  # "how many or more", "days too"
    r"\bonly,\s|"  # "In the end only, which captain"
    r"^(?:During|After|Before|Since|Until)\s+(?:what|which\s+[a-z]+)\s+(?!(?:did|had|was|were|"
    r"do|does|is|are|has|have)\b)[A-Za-z]|"  # "During what Halifax was one of the ports"
    r"\bwhich\s+[a-z]+\s+(?:himself|herself|themselves)\b|"  # "which place himself arrived"
    # a second full date in a question asking for one: "On what date did the Desert
    # Column defeat ... on 17 January 1885 leaving Korti?"
    rf"^On\s+what\s+date\b[^?]*\b\d{{1,2}}\s+(?:{MONTHS})\b|"
    # a count without what it counts, the verb before its noun: "Within how many had weeks"
    r"\bhow\s+(?:many|much)\s+(?:had|has|was|were|did|is|are|do|does)\b|"
    r"\b(?:after|before|during|since|until),\s+(?:what|which)\b|"  # "In the years after, what"
    r"^Who\s+(?:in|on|by)\s+[^,?]+,\s+(?:a|an|the)\s|"  # "Who in 1808, an assemblyman from"
    r"^(?:On|At|By|With|Under|For)\s+whose\s+[a-z]+,|"  # "On whose advice, the Royal ..."
    r",\s+who,\s+(?!(?:a|an|the)\b)|"  # "An American locksmith, who, caused a stir"
    r",\s+whose\s+[a-z]+\s+and\b|"  # "the reaping machine, whose revolvers and ..."
    r"\bwhich\s+place['’]s\b|"  # "from which place's Messiah": a composer
    r"\b(?:at|in|of|from|to|by|with|for)\s+who\b|"  # "the settlement at who was destroyed"
    r"^Which\s+[a-z]+\s+and\s+[a-z]+s\b|"  # "Which tug and boats from the cruisers came"
    # a count whose list follows it: "into how many main groups, raw materials, machinery"
    r"\bhow\s+many(?:\s+[a-z]+){1,3},\s+[a-z]+(?:\s+[a-z]+)*,|"
    # asked inside an aside before the verb: "the SS Imo, ... chartered by the Commission
    # for Relief in which country, was waiting"
    r",\s+[^,?]*\b(?:how\s+many|how\s+much|which|what)\b[^,?]*,\s+(?:was|were|had|is|are)\b|"
    # asked inside an aside: "the South Fork Dam, an earthen dam about how many miles
    # upstream ..., gave way"; inside a clause of a participle: "..., eventually amounting
    # to about how much in money", "..., forming a mass that covered about how many acres"
    r",\s+(?:an?|the)\s+[^,?]*\b(?:how\s+many|how\s+much|which|what)\b[^,?]*,\s+[a-z]|"
    r",\s+(?:[a-z]+ly\s+)?[a-z]+ing\b[^?]*\b(?:how\s+many|how\s+much|which|what)\b|"
    r"\b[a-z]+\s+of\s+which\s+place\b|"  # "swept away the village of which place"
    r"\bwith (?:which|what) [a-z]+ [a-z]+ing\b|"  # "with which person steering"
    # "Where in America sent a gift": a place that was the subject
    r"^Where (?:in|at|on|of) [A-Z][\w'’-]+ (?!(?:did|was|were|is|are|had|has|do|does)\b)[a-z]+\b|"
    # "Since the Act of Union of what year?": a clause that is all there is
    r"^(?:Since|Although|Though|Because|Unless|While|Whereas)\s+(?!(?:what|which|when|how)\b)[^,]*\?$"
)


# "so vivid that fire companies in Poughkeepsie, New York?": a clause of that, cut before
# its verb
_THAT_CLAUSE = re.compile(r"\bthat\s+([^?]*)\?$")


# "did an inscription add blamed the fire": the verb turned was a participle ("an
# inscription added in 1681 blamed ..."), and the sentence's own verb follows it
_TURNED_PARTICIPLE = re.compile(
    r"\b(?:did|does|do)\s+(?:[A-Za-z'’-]+\s+){1,6}?([a-z]+)\s+([a-z]+ed)\b"
)


_PHRASE_AFTER = re.compile(r"\s+(?:with|by|from|for)\s+((?:[a-z'’-]+\s+){2,5})")


def _verb_after_phrase(question: str, at: int) -> bool:
    """Whether a verb in its plain form follows a phrase of with/by at `at`: "...
    loaded with wartime explosives blow up", the verb turned."""
    phrase = _PHRASE_AFTER.match(question, at)
    if phrase is None:
        return False
    words = phrase.group(1).split()[1:]
    return any(
        "VERB" in word_classes(w) and not w.endswith("s") and _past_verb(w) is None for w in words
    )


_TURNED_BEFORE_PHRASE = re.compile(
    r"\b(?:did|does|do)\s+(?:[A-Za-z'’-]+\s+){1,6}?([a-z]+)\s+(?:with|by|from|for)\s+"
    r"(?:[a-z'’-]+\s+){1,3}?([a-z]+)\s+(?:up|down|out|off|in|on|at|into|the|a|an|to)\b"
)


def _turned_a_participle(question: str) -> bool:
    found = _TURNED_PARTICIPLE.search(question)
    if (
        found
        and "VERB" in word_classes(found.group(1))
        and "VERB" in word_classes(found.group(2))
        and "ADJ" not in word_classes(found.group(2))
        # "did a cargo ship loaded with explosives blow up": the -ed word is the participle
        # and the verb turned comes after its phrase
        and not _verb_after_phrase(question, found.end())
    ):
        return True
    # "did a cargo ship load with wartime explosives blew up": the sentence's own verb
    # follows the participle's phrase
    later = _TURNED_BEFORE_PHRASE.search(question)
    return bool(later and "VERB" in word_classes(later.group(1)) and _past_verb(later.group(2)))


def _names_nobody(question: str) -> bool:
    """ "Who was in poor health?": a short question with no name in it has many answers."""
    words = question.split()
    return len(words) <= 6 and not any(w[:1].isupper() or w[:1].isdigit() for w in words[1:])


def unreadable(question: str) -> bool:
    """Whether the question, as finally asked (turned round, framed), has a shape
    no reader accepted: a name asked after a noun, one of `_BROKEN`, or a clause
    of "that" with no verb of its own."""
    that = _THAT_CLAUSE.search(question)
    if that and not _ANY_VERB.search(that.group(1)):
        return True
    return (
        asked_after_a_noun(question)
        or bool(_BROKEN.search(question))
        or _turned_a_participle(question)
        or _names_nobody(question)
    )


# a second clause with a subject of its own: "About how many acres lay in ruins, and
# perhaps 70,000 of the City's inhabitants were homeless?" asks of the acres only
_AND_CLAUSE = re.compile(
    r",([\"”’]?)\s+(?:and|but)\s+(?!(?:then|later|also|so)\b)([A-Za-z][\w'’-]*)\b([^?]*)\?$"
)
_FINITE = re.compile(r"\b(?:was|were|had|did|could|would|is|are|has|have)\b")


def one_clause(question: str) -> str:
    """The question without a second clause that has a subject of its own."""
    second = _AND_CLAUSE.search(question)
    if not second or not _WH_WORD.search(question[: second.start()]):
        return question
    quote, first, rest = second.group(1), second.group(2).lower(), second.group(3)
    if _past_verb(first) or _participle(first) or first in _AUXILIARIES or first.endswith("ed"):
        return question  # "founded the yard, and built ...": one subject, two verbs
    if not _FINITE.search(rest) and not any(_past_verb(w) for w in rest.split()):
        return question  # "..., and a servant": a list, not a clause
    return question[: second.start()] + quote + "?"


_WH_WORD = re.compile(r"\b(?:who|whom|whose|which|what|where|when|how)\b", re.I)


# "Lying in wait off the Old Head of Kinsale was the German submarine U-20": the subject
# follows its verb, and a question made of the sentence's order puts it after its verb
_INVERTED = re.compile(r"^[A-Z][a-z]+ing\b[^,.;:]*?\s(?:was|were)\s+(?=the\s|an?\s|[A-Z])")


def subject_after_verb(sentence: str) -> int:
    """Where the subject of a sentence opened by its predicate begins, or -1."""
    found = _INVERTED.match(sentence)
    return found.end() if found else -1


# "a grant of ten thousand pounds in 1802 and a further twenty thousand pounds in 1807": a
# second claim that leaves out its verb, after the date of the first
_DATE_THEN_AND = re.compile(r"\b(?:1\d|20)\d\d\b(?!.*\b(?:1\d|20)\d\d\b)(.*)$")


def gapped(sentence: str, start: int) -> bool:
    """Whether the words at `start` stand in a clause that leaves out its verb, after
    "and" and another date ("the Brooklyn tower was completed in 1875 and the New York
    tower in 1876"): a question asked of them keeps the first clause's date."""
    after_date = _DATE_THEN_AND.search(sentence[:start])
    if after_date is None:
        return False
    between = after_date.group(1)
    return bool(re.search(r"\band\b", between)) and not _ANY_VERB.search(
        between.rsplit(" and ", 1)[-1]
    )


def stranded(question: str, sentence: str, answer: str) -> bool:
    """Whether asking for the answer left its noun phrase's modifier behind:
    "force the Soviet to surface" of "force the Soviet submarine B-59 to surface"."""
    found = re.search(
        rf"\b[Tt]he\s+((?:[A-Z][\w'’-]*\s+)+)([a-z]+)\s+{re.escape(answer)}", sentence
    )
    if found is None:
        return False
    modifier, noun = found.group(1).strip(), found.group(2)
    if "NOUN" not in word_classes(noun):
        return False  # "the Moon in July 1969": no noun the name modifies
    left = rf"\bthe\s+{re.escape(modifier)}(?!\s+{noun}\b)(?!\s+[A-Z])"
    return bool(re.search(left, question))


# ", in a quarrel over the plus": a closing phrase of circumstance, after the answer
_PREPOSITION_ASIDE = re.compile(r",\s+(?:in|on|at|with|during|amid|after)\s+(?:a|an|the)\s+[a-z]")

# ", and was widely admired": a second verb of the same subject, after the answer
_AND_VERB = re.compile(r",?\s+and\s+([a-z]+)\b")


def first_predicate(sentence: str, end: int) -> str:
    """The sentence cut before a second verb of its subject that follows the
    answer (which ends at `end`): "The bridge opened to passenger traffic on 1 June
    1878." of "... on 1 June 1878 and was widely admired.", so the question can ask
    first ("On what date did the bridge open ...?"), or before a closing phrase of
    circumstance (", in a quarrel over the plus"); "" when there is neither."""
    aside = _PREPOSITION_ASIDE.search(sentence, end)
    # not the comma that closes the answer's own aside: "Saturday, 9 November 1872, in the"
    if (
        aside
        and sentence[end : aside.start()].strip()
        and sentence.count('"', 0, aside.start()) % 2 == 0
    ):
        return sentence[: aside.start()] + "."  # "..., in a quarrel over the plus"
    found = _AND_VERB.search(sentence, end)
    if found is None or "VERB" not in word_classes(found.group(1)):
        return ""
    if "NOUN" in word_classes(found.group(1)) or sentence.count('"', 0, found.start()) % 2:
        return ""  # "and sea creatures", or a cut inside a quotation
    return sentence[: found.start()].rstrip(",;: ") + "."
