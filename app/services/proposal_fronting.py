"""A question word asked where a textbook asks it: at the front.

A proposal's question is first written from the sentence, the answer's words
replaced by the question word where they stood: "John Snow died in London on
what date?". When that word ends the question and the clause before it is a
plain subject and verb, it goes to the front and the verb is turned as English
turns it: "On what date did John Snow die in London?", "In what year was the
Suez Canal opened?", "How many people did the outbreak kill?". The verb's base
form comes from LemmInflect's tables; anything the rules cannot read surely is
left as it was written."""

from __future__ import annotations

import re

from app.services.name_words import MONTHS
from app.services.word_classes import _base_verb, _lemmas, _participle, _past_verb, word_classes

# a word of a noun phrase, not a preposition, article, verb or clause word
_NOUN_WORD = (
    r"(?!(?:to|in|at|on|of|for|with|by|from|and|or|that|who|which|was|were|had|has|is|"
    r"are|did|the|a|an|as|into|during|after|before|when|while|near|off|under|over|across|"
    r"along|beyond|behind|beside|between|against|towards|through|within|around)\b)[a-z][a-z-]*"
)
# the question word at the end, with its preposition: "on the night of what date"
_ASKED_LAST = re.compile(
    r"\s+("
    r"(?:(?:about|around|in|on|at|by|from|until|since|during|before|after)\s+)?"
    r"(?:the\s+(?:night|morning|evening|afternoon|autumn|spring|summer|winter|end|"
    r"beginning|middle|first\s+week)\s+of\s+)?"
    r"(?:what\s+(?:year|date|month and year|month|day)|which\s+years)"
    r"|(?:in|at)\s+which\s+place"
    r"|(?:(?:within|for|after|over|in|by|to|at|before|with|from|on)\s+)?(?:about\s+)?"
    # a measure: "came to rest at a depth of how many feet"
    r"(?:(?:at|to)\s+a\s+(?:depth|height|length|distance|speed|cost|price|rate)\s+of\s+)?"
    rf"how\s+(?:many|much)(?:\s+{_NOUN_WORD}){{0,2}}"
    r"|whose\s+[a-z]+"
    r"|(?:from|to|near|across|into|towards)\s+which\s+place"
    r"|(?:(?:at|in|on|to|from|for|with|by|into|near|under)\s+)?which\s+"
    rf"(?!place\b|person\b|years\b){_NOUN_WORD}(?:\s+{_NOUN_WORD})?"
    r")"
    # a place after the question word stays at the end: "on what date in Paris"
    r"((?:\s+(?:in|at|near)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?)\?$"
)
_AUXILIARIES = {
    "was", "were", "had", "has", "have", "is", "are", "could", "would", "might", "should",
    "must", "will", "can", "did",
}  # fmt: skip
# words between a subject and its verb that stay with the verb: "eventually killed"
_ADVERBS = {
    "first", "later", "soon", "then", "never", "once", "still", "again", "also", "finally",
    "eventually", "only", "even", "already",
}  # fmt: skip
_ARTICLES = {"The", "A", "An"}
# a comma that opens a clause, not an aside: "..., and then", "..., which"
_CLAUSE = re.compile(r",\s+(?:and|but|or|so|yet|which|who|whom|where|when|while|as|because)\b")
# "In what year did one bulb ...": never a name
_QUANTIFIERS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "some",
    "many", "most", "few", "several", "each", "every", "all", "both", "no", "this", "that",
    "these", "those", "his", "her", "its", "their", "our",
}  # fmt: skip
_STRANDED = {
    "within", "in", "on", "at", "for", "of", "to", "from", "by", "after", "before", "over",
    "under", "with", "than", "about", "around", "into", "through", "across", "between",
    "near", "beside", "among", "behind", "beyond", "without", "towards", "toward", "onto",
    "upon", "inside", "outside", "past", "along", "against", "during", "since", "until",
}  # fmt: skip
_WH_WORDS = {"who", "whom", "whose", "which", "what", "where", "when", "how", "why"}


_WHEN = r"(?:what (?:year|date|month and year|month)|which years)"
# "Jan Brueghel the Younger, around what year, painted a satire ...?"
_ASIDE_WHEN = re.compile(
    rf"^([^,]+), ((?:about|around|in|on|by|from|until|since) {_WHEN}), ([a-z][^,]*)\?$"
)
# "The Resettlement Administration, created in what year under the economist Rexford
# Tugwell, tried to move families ...?": asked of the aside, "In what year was the
# Resettlement Administration created under the economist Rexford Tugwell?"
_ASIDE_MADE = re.compile(
    r"^(?!(?:Under|In|On|At|By|For|With|After|Before|During|From|Since|Until|When|While|As)\s)"
    rf"((?:The |An? )?[A-Z][^,]*), ([a-z]+(?:ed)?)((?: (?!\band\b)[^,?]{{1,60}}?)?) "
    rf"((?:in|on|around|about) {_WHEN})"
    r"((?: (?:(?!\band\b)[^,])*)?), [a-z][^,]*\?$"
)


# "Shortly before midnight on what date, the RMS Titanic struck an iceberg?"
_LEAD_WHEN = re.compile(rf"^([A-Z][^,?]{{0,60}}\b{_WHEN}),\s+([A-Za-z][^?]*)\?$")


def _asked_of_aside(question: str, common: frozenset[str] | set[str]) -> str:
    lead = _LEAD_WHEN.match(question)
    if lead and not any(_past_verb(w) for w in lead.group(1).split()):
        phrase = lead.group(1)
        moved = f"{lead.group(2)} {phrase[:1].lower()}{phrase[1:]}?"
        moved = moved[:1].upper() + moved[1:]
        asked_round = fronted(moved, common)
        return asked_round if asked_round != moved else question
    aside = _ASIDE_WHEN.match(question)
    if aside:
        moved = f"{aside.group(1)} {aside.group(3)} {aside.group(2)}?"
        asked_round = fronted(moved, common)
        return asked_round if asked_round != moved else question
    made = _ASIDE_MADE.match(question)
    if made and _participle(made.group(2)):
        subject = made.group(1)
        first = subject.split()[0]
        if first in _ARTICLES:
            subject = first.lower() + subject[len(first) :]
        when = made.group(4)
        front = when[:1].upper() + when[1:]
        # "The railway, completed from Skagway to Whitehorse on what date, arrived ...":
        # "On what date was the railway completed from Skagway to Whitehorse?"
        return f"{front} was {subject} {made.group(2)}{made.group(3)}{made.group(5)}?"
    return question


# "Who, founder of the Bank of Italy, had carted ...": the office says which
_WHO_APPOSED = re.compile(
    r"^Who, (?:the |a |an )?((?:acting |former |then )?[a-z]+(?: [a-z]+)? of [^,]{3,60}), "
)
# a name, then what it was in a clause of its own: "Edward Jenner, the man who would
# find a safer method, was born ...", which the question can do without
_NAME_DESCRIBED = re.compile(
    r"^([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*),\s+(?:the|a|an)\s+[^,?]*\b(?:who|that|which)\b[^,?]*,\s+(?=[a-z])"
)
# "Who, a former sailor who worked in a tea warehouse, founded": a person described
_WHO_DESCRIBED = re.compile(r"^Who, (?:a|an) ((?:[a-z]+ ){0,2}[a-z]+) who ([^,]{3,80}), (?=[a-z])")
# a second aside after the office: "Who, head of the Cambria Iron Company, the largest
# employer in Johnstown, sent ...": it described the company, and goes with the comma
_SECOND_ASIDE = re.compile(r"^(?:the|a|an) [^,]{2,60}, (?=[a-z])")
# a question word asked at the front with no verb turned after it: "In about how many
# minutes the lake, an estimated 20 million tons of water, emptied into the valley?"
_FRONT_UNTURNED = re.compile(
    r"^((?:In|On|At|By|Within|For|After|During|From)\s+(?:about\s+)?"
    r"(?:how\s+(?:many|much)|what|which)(?:\s+[a-z]+){1,3}?)"
    r"\s+((?:the|a|an|[A-Z][\w'’.-]*)\s[^?]*)\?$"
)
# what follows the question word and ends the question when it is a clause of its own:
# "... killed how many people and destroyed much of Johnstown ...?", "... lifted from
# the river in what year, repaired and returned to service?"
_TRAILING_CLAUSE = re.compile(
    r"^(.*?\b(?:what\s+(?:year|date|month and year|month|day)|which\s+years|"
    r"how\s+(?:many|much)(?:\s+[a-z]+){0,2}?))"
    r"(,?\s+and\s+|,\s+)([a-z]+)\b[^?]*\?$"
)
# a lead set off by a comma, of time or place, that the question can do without once
# its question word is at the front: "At about 6.36 p.m., R101 left the mast ..."
_COMMA_LEAD = re.compile(
    r"^(?:At|In|On|By|After|Before|During|Shortly|Soon|Early|Late|Later|Within|Over|For|"
    r"From|Under|Near|Off|Across|Along|Throughout)\b[^,?]{0,50},\s+(?=[A-Z]|the\b|a\b|an\b)"
)
# "Frances Perkins later said that the New Deal began on what date?"
_REPORTED = re.compile(
    r"^((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+)\s+(?:later\s+|once\s+|also\s+)?"
    r"(?:said|wrote|claimed|argued|recalled|declared|insisted|remarked|believed) that\s+"
    r"((?:(?!\b(?:who|whom|whose)\b)[^?])*\b(?:what|which|how many|how much)\b[^?]*\?)$"
)
# the words a fronted question can open with, written in lower case after a comma
_FRONT_WORDS = {"on", "in", "at", "by", "from", "to", "what", "which", "how", "about", "for"}
# "Born in Enfield on 28 March 1819, who had worked ...": the lead describes the subject
_LEAD_BEFORE_WH = re.compile(
    r"^((?:Born|Educated|Raised|Trained|Brought up|Elected|Appointed|Sent)\b[^,?;]*), "
    r"(who|which [a-z]+) "
)


# a time asked inside the predicate, not at its end: "Sir Dennistoun Burney put forward
# a plan in what year for a commercial airship service"; a time is asked the same
# wherever the sentence put it, so it goes to the end and then, as any other, to the front
_TIME_INSIDE = re.compile(
    r",?\s+((?:in|on|during|by|around|about)\s+"
    r"(?:the\s+(?:night|morning|evening|afternoon|autumn|spring|summer|winter|end|"
    r"beginning|middle)\s+of\s+)?(?:what\s+(?:year|date|month and year|month)|which\s+years))"
    r"(?!\s+(?:until|and|or)\b)(?!\s+to\s+(?:what|which|the|a|\d))(?=[\s,][^?]*\?$)"
)
# "The work on R101 was directed by which person, with ...": who directed it
_DONE_BY = re.compile(
    r"^((?:The|A|An)\s+[^,?]{2,60}?)\s+(?:was|were)\s+([a-z]+)\s+by\s+which person\b(?:,[^?]*)?\?$"
)


def _done_by(question: str) -> str | None:
    """ "The work on R101 was directed by which person?" -> "Who directed the work
    on R101?"; None when the verb is not one the tables know."""
    passive = _DONE_BY.match(question)
    if not passive or not _participle(passive.group(2)):
        return None
    from lemminflect import getInflection

    base = _lemmas(passive.group(2))["VERB"][0]
    past = getInflection(base, tag="VBD")
    if not past:
        return None
    thing = passive.group(1)
    return f"Who {past[0]} {thing[:1].lower()}{thing[1:]}?"


# a count or a "which" asked as the object, words after it: "Nathan Roberts designed how
# many parallel flights of five locks each, lifting boats about 60 feet?"
_OBJECT_INSIDE = re.compile(
    r"\s((?:(?:at|in|on|to|from|for|with|by|into|near|under)\s+)?(?:about\s+)?"
    rf"(?:how\s+(?:many|much)(?:\s+{_NOUN_WORD}){{0,2}}(?:\s+of\s+[A-Z][\w-]*)?"
    rf"|which\s+(?!person\b|years\b){_NOUN_WORD}(?:\s+{_NOUN_WORD})?))(?=[\s,])"
)
# a time that opens the sentence, with no comma: "In January 1918 the federal government"
_DATE_LEAD = re.compile(
    r"^((?:In|On|By|During|After|Before|From)\s+(?:the\s+)?(?:early\s+|late\s+)?"
    rf"(?:\d{{1,2}}\s+)?(?:(?:{MONTHS})\s+)?(?:\d{{1,2}}(?=\s+[a-z])|\d{{4}}s?)"
    rf"|On\s+\d{{1,2}}\s+(?:{MONTHS})"
    # "At its height the strike is estimated to have involved ...": a time without a date
    r"|At\s+(?:its|their)\s+(?:height|peak))\s+(?=[A-Z]|the\b|a\b|an\b|who,)"
)


def _object_asked(question: str, common: frozenset[str] | set[str]) -> str | None:
    """The question with a count or a "which" asked inside it at the front, what
    followed it kept after the verb; None when the words before are no subject
    and verb the rules can read."""
    inside = _OBJECT_INSIDE.search(question)
    if not inside:
        return None
    after = question[inside.end() : -1]
    if not after.strip() or re.match(r"\s+(?:of\b|[A-Z])", after):
        # "how many flights of five locks each", "how many famous British locks": the
        # phrase goes on past the question word
        return None
    if re.match(r",\s+(?:the|a|an)\s", after):
        after = ""  # "in which strait, the narrow sea passage ...": it described the answer
    # a second verb after it is not turned with the first: "travelled from which place
    # on the steamer ... and climbed the smoking cone"
    second = re.search(r",?\s+and\s+([a-z]+)\b.*$", after)
    if second and _past_verb(second.group(1)):
        after = after[: second.start()]
    cut = f"{question[: inside.start()]} {inside.group(1)}?"
    asked_round = fronted(cut, common)
    if asked_round == cut:
        return None
    return asked_round[:-1] + after + "?"


def fronted(question: str, common: frozenset[str] | set[str] = frozenset()) -> str:
    """The question with its question word at the front (see `_fronted`); a time
    that opened the sentence stays in front of it: "In January 1918, which
    commission did the federal government create to manage ...?"."""
    lead = _DATE_LEAD.match(question)
    if lead and re.search(r"\b(?:which|how many|how much|what)\b|^who, ", question[lead.end() :]):
        rest = question[lead.end() :]
        rest = rest[:1].upper() + rest[1:]
        asked_round = _fronted(rest, common)
        if asked_round != rest:
            return f"{lead.group(1)}, {asked_round[:1].lower()}{asked_round[1:]}"
    return _fronted(question, common)


# "The United States, the Soviet Union and the United Kingdom signed": a list of names as
# the subject, whose commas set off no aside
_NAMED = r"(?:[Tt]he\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_LISTED = re.compile(rf"^(?:{_NAMED},\s+)+{_NAMED},?\s+and\s+{_NAMED}\s+(?=[a-z])")
_LIST_COMMA = "\x00"


def _fronted(question: str, common: frozenset[str] | set[str] = frozenset()) -> str:
    """The question with its question word at the front, when the words before
    it are a subject and a verb the rules can read; else the question as it is.
    `common` holds the words the text writes in lower case: the subject's first
    word loses its capital only if it is one of them ("Cholera", not "John" or
    "President Nasser")."""
    listed = _LISTED.match(question)
    if listed:
        joined = listed.group(0).replace(",", _LIST_COMMA) + question[listed.end() :]
        return _fronted_unlisted(joined, common).replace(_LIST_COMMA, ",")
    return _fronted_unlisted(question, common)


def _fronted_unlisted(question: str, common: frozenset[str] | set[str] = frozenset()) -> str:
    described_name = _NAME_DESCRIBED.match(question)
    if described_name:  # "Edward Jenner, the man who would find a safer method, was born"
        plain = described_name.group(1) + " " + question[described_name.end() :]
        asked_round = _fronted(plain, common)
        if asked_round != plain:
            return asked_round
    framed = re.match(r"^((?:In|On|By|During|After|Before)\s+[^,?]{2,40}),\s+who,\s+", question)
    if framed:  # "In 1887, who, a former sailor who ..., founded": the lead stays in front
        inner = _fronted(f"Who, {question[framed.end() :]}", common)
        if inner.startswith("Which "):
            return f"{framed.group(1)}, which {inner[len('Which ') :]}"
    who_described = _WHO_DESCRIBED.match(question)
    if who_described and "NOUN" in word_classes(who_described.group(1).split()[-1]):
        # "Who, a former sailor who worked in a tea warehouse, founded ...": "Which former
        # sailor, who worked in a tea warehouse, founded ...?"
        noun, clause = who_described.groups()
        return f"Which {noun}, who {clause}, {question[who_described.end() :]}"
    apposed = _WHO_APPOSED.match(question)
    if apposed and "NOUN" in word_classes(apposed.group(1).split(" of ")[0].split()[-1]):
        # "Who, founder of the Bank of Italy, had carted ...": "Which founder of ... had"
        after = _SECOND_ASIDE.sub("", question[apposed.end() :], count=1)
        return f"Which {apposed.group(1)} {after}"
    unturned = _FRONT_UNTURNED.match(question)
    if unturned and unturned.group(2).split()[0].casefold() not in _AUXILIARIES:
        # asked at the end first, then turned as any other: "In about how many minutes
        # did the lake, an estimated 20 million tons of water, empty into the valley?"
        phrase, clause = unturned.group(1), unturned.group(2)
        moved = f"{clause[:1].upper()}{clause[1:]} {phrase[:1].lower()}{phrase[1:]}?"
        asked_round = fronted(moved, common)
        return asked_round if asked_round != moved else question
    reported = _REPORTED.match(question)
    if reported:
        # "Frances Perkins later said that the New Deal began on what date?" asks the
        # date of the New Deal, not of her saying so
        said = reported.group(2)
        clause = fronted(said[0].upper() + said[1:], common)
        if clause == said[0].upper() + said[1:]:
            clause = said  # left in its order: "cholera spread through which ...?"
        elif clause.split()[0].casefold() in _FRONT_WORDS:
            clause = clause[0].lower() + clause[1:]
        return f"According to {reported.group(1)}, {clause}"
    lead = _LEAD_BEFORE_WH.match(question)
    if lead:
        # "Who, born in Enfield on 28 March 1819, had worked ...?"
        wh, described = lead.group(2), lead.group(1)
        return (
            f"{wh[0].upper()}{wh[1:]}, {described[0].lower()}{described[1:]}, "
            + question[lead.end() :]
        )
    by_whom = _done_by(question)
    if by_whom:
        return by_whom
    asked = _ASKED_LAST.search(question)
    if not asked:
        trailing = _TRAILING_CLAUSE.match(question)
        if trailing and (
            "," in trailing.group(2)
            or _past_verb(trailing.group(3))
            or _participle(trailing.group(3))
        ):
            # the clause after the question word goes: what it adds is not asked
            cut = trailing.group(1) + "?"
            asked_round = fronted(cut, common)
            if asked_round != cut:
                return asked_round
        of_aside = _asked_of_aside(question, common)
        if of_aside != question:
            return of_aside
        inside = _TIME_INSIDE.search(question)
        if inside and inside.start() > 0 and question[: inside.start()].count(",") % 2 == 0:
            # not from inside an aside: "The railway, completed ... on what date, arrived"
            # out of the predicate, to the end, and asked from the front if the rest allows
            after = question[inside.end() : -1].rstrip(",")
            # what follows a comma after it stays at the end: "... with the cameraman Nikolai
            # Strukov, who filmed the forest", "born in Mühlhausen, in Prussia"
            comma = after.find(", ")
            kept = after[comma:] if comma >= 0 else ""
            moved = f"{question[: inside.start()]}{after[: len(after) - len(kept)].rstrip()}"
            moved = f"{moved} {inside.group(1)}?"
            asked_round = fronted(moved, common)
            if asked_round != moved:
                return asked_round[:-1] + kept + "?"
        return _object_asked(question, common) or question
    body, wh, placed = question[: asked.start()], asked.group(1), asked.group(2).split()
    pairs_closed = (body + " ").count(", ") % 2 == 0
    if body.endswith(" only"):
        body = body[: -len(" only")]  # "was finished only in what year": when was it finished
    if body.endswith(","):
        # "... with backing from Lufthansa, in what year?": the comma set the slot off, or
        # closed an aside ("a short essay, On the Mode of ..., in what year?")
        body = body[:-1]
    lead = _COMMA_LEAD.match(body)
    if lead and not any(w in _WH_WORDS for w in lead.group(0).casefold().split()):
        remainder = body[lead.end() :]
        cut = f"{remainder[:1].upper()}{remainder[1:]} {asked.group(0).strip()}"
        asked_round = fronted(cut, common)
        if asked_round != cut:
            # "On the evening of what date did R101 leave the mast ...?"; a lead that
            # holds a time stays in front: "In 1890, to which place did the fleet sail?"
            if re.search(r"\d", lead.group(0)):
                return f"{lead.group(0)}{asked_round[:1].lower()}{asked_round[1:]}"
            return asked_round
    words = body.split()
    if words and (words[-1] in _STRANDED or words[-1] in ("the", "a", "an", "next", "last")):
        return question  # "died within how many days": the preposition would be left behind
    if words and words[0].casefold() in _STRANDED:
        return question  # "In Manchester the energetic Lydia Becker became ...": no subject first
    if not words or words[0].casefold() in _WH_WORDS or ";" in body:
        return question
    if wh.startswith("until") and re.search(r"\b(?:not|never)\b", body):
        return question  # "did not visit until 22 August": "until when did he not" misreads
    # a clause of who or which closed by its comma is an aside: "Canvass White, who had
    # studied canals in Britain, found ..."
    unclosed = re.sub(r",\s+(?:who|which|whom)\s[^,]*,", "", body)
    if not (pairs_closed or body.count(", ") % 2 == 0) or _CLAUSE.search(unclosed):
        return question  # commas that do not set off an aside in pairs: a clause of its own
    if any(w.casefold().strip(",") in _WH_WORDS for w in unclosed.split()):
        return question
    aside, opened = set(), False  # the words between a pair of commas
    for k, word in enumerate(words):
        if opened:
            aside.add(k)
        if word.endswith(","):
            opened = not opened
    for j, verb in enumerate(words[1:16], start=1):
        if j in aside:
            continue  # "The Fairmont Hotel, restored under Julia Morgan, reopened": not yet
        if verb not in _AUXILIARIES and _past_verb(verb) is None:
            continue  # still the subject: "The Board of Trade", "the cholera outbreak"
        if words[j - 1].casefold() in ("a", "an", "the", "that"):
            # "an estimated 2.5 million people": an adjective, not the verb; "The dispute
            # that became the Great Dock Strike began": the verb of its relative clause
            continue
        if words[j - 1].casefold() in ("and", "or"):
            return question  # "A storm rose on the Plains and carried": "rose" was the verb
        described = [k for k in range(j) if words[k].endswith(",")]
        if described and words[described[-1] + 1 : described[-1] + 2] in (["a"], ["an"]):
            return question  # "chose locks, a decision made law": the verb of an aside
        i = j
        while i > 1 and (words[i - 1] in _ADVERBS or words[i - 1].endswith("ly")):
            i -= 1  # "eventually killed": the adverb stays with the verb
        subject, adverbs, rest = words[:i], words[i:j], words[j + 1 :]
        later = any(_past_verb(w) for w in rest[1:6])
        if rest[:1] in (["with"], ["by"]) and verb not in _AUXILIARIES and later:
            continue  # "a ship loaded with explosives blew up": the verb comes later
        if rest[:1] == ["by"] and verb not in _AUXILIARIES:
            return question  # "The tank built by ...": a participle, not the verb
        if any(
            a.endswith(",") and _past_verb(b) for a, b in zip(rest, rest[1:], strict=False)
        ) or _SUBORDINATE.search(" ".join(rest)):
            # "A civil action brought against Birley ..., Redford v. Birley, failed": the
            # verb comes after the aside; "kept the price high ... until prices reached
            # how much": asked of a clause of its own
            return question
        if any(a == "and" and b in _AUXILIARIES for a, b in zip(rest, rest[1:], strict=False)):
            return question  # "was kept in its shed and was sold for scrap": two clauses
        second = [k for k in range(len(rest) - 1) if rest[k] == "and" and _past_verb(rest[k + 1])]
        if second and (verb in _AUXILIARIES or len(second) > 1):
            return question  # "was opened and had": two verbs of other kinds
        if second:
            # "acquired the site and organised the club": did he acquire ... and organise
            rest[second[0] + 1] = _past_verb(rest[second[0] + 1]) or rest[second[0] + 1]
        if verb in _AUXILIARIES:
            if verb == "had" and not (
                rest and (_participle(rest[0]) or rest[0] == "been" or _base_verb(rest[0]))
            ):
                head, turned = "did", ["have"]  # "had 535 inmates": did it have
            else:
                head, turned = verb, []
        else:
            head, turned = "did", [_past_verb(verb) or verb]
        first = subject[0]
        if first in ("Perhaps", "Probably", "Possibly") or "ADV" in word_classes(first.lower()):
            return question  # "did Perhaps 200,000 migrants travel": a hedge, not a subject
        titled = len(subject) > 1 and subject[1][:1].isupper()  # "President Nasser"
        lower = first.lower()
        compared = lower.endswith(("er", "est")) and "ADJ" in word_classes(lower)  # "Heavier"
        if (
            first in _ARTICLES
            or lower in _QUANTIFIERS
            or compared
            or lower in common
            and not titled
        ):
            subject = [first[:1].lower() + first[1:], *subject[1:]]
        asked_round = " ".join([_front(wh), head, *subject, *adverbs, *turned, *rest, *placed])
        # a second time of the same verb, its verb left out: "returned in 1928 with ..., and
        # in 1929–1930 on an expedition" asks of the first only; "first flew on 14 September
        # 1938 but never carried passengers" asks when it flew
        return _SECOND_TIME.sub("", asked_round) + "?"
    return question


_SECOND_TIME = re.compile(r",?\s+and\s+(?:in|on|by|during)\s+\d[^?]*$|,?\s+but\s+[^?]*$")
_SUBORDINATE = re.compile(r"\b(?:until|unless|because|while|whereas|although|though|if)\b")


def _front(wh: str) -> str:
    if re.fullmatch(r"(?:in|at)\s+which\s+place", wh):
        return "Where"
    if re.fullmatch(r"from\s+which\s+place", wh):
        return "From where"
    if wh.startswith("which years"):
        return "In which years"
    if re.match(r"what\s", wh):
        wh = "in " + wh if "year" in wh or "month" in wh else "on " + wh
    return wh[:1].upper() + wh[1:]


__all__ = ["fronted"]
