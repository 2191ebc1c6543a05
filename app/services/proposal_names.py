"""Proposals that stand on their own: a question says what "the canal" is.

A proposal is written from one sentence, which often says "the canal" or "the
company" because the text has named it before; a student meets the question
alone. The subject is taken from the text's heading ("The building of the Suez
Canal": "the canal" is the Suez Canal) or from the one name in the text that ends
in that word and shares a word with the heading ("the company": the Suez Canal
Company), never guessed when several would do ("the street" in a text of many
streets stays as it is).

A person the sentence calls by surname ("Snow") is named in full ("John Snow")
when the text gives one full name for that surname: in the question, in the
statement and as the answer, with the surname kept as an accepted form (it is
what the quoted sentence says)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from app.services.answer_spans import MONTHS, SUFFIX, TO_PLACE
from app.services.name_words import ONE_WAR, SAME_EVENT
from app.services.proposal_events import dated, gives_away, office_of_body
from app.services.text_names import WEEKDAYS, defined, is_country, told_in_lower_case
from app.services.word_classes import word_classes

if TYPE_CHECKING:
    from app.services.proposals import Proposal

_TITLES = {"Khedive", "Emperor", "Empress", "King", "Queen", "Prince", "President", "Pope"}
# words that open a question or clause before a name: "When Snow ..."
_OPENERS = {
    "When", "Where", "Why", "How", "Who", "Which", "What", "Whom", "Whose", "In", "On", "At",
    "By", "After", "Before", "During", "Did", "Was", "Were", "Had", "Has", "Is", "And", "But",
    "As", "Since", "Until", "While", "From", "To", "For", "With", "Although", "Though", "If",
}  # fmt: skip
_HONORIFICS = {"Pasha", "Bey", "Khan", "Effendi", "Agha", "Shah", "Sultan", "Emir"}
_SMALL = {"the", "a", "an", "of", "in", "on", "at", "by", "for", "from", "to", "and", "or"}
_THE = re.compile(r"\b[Tt]he ([a-z]+)\b")
_BARE = {"Street", "Road", "Square", "Lane", "Avenue"}
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")


def full_names(people: set[str]) -> dict[str, str]:
    """Surname (or the first of two names: "Ismail" of "Ismail Pasha") -> the
    one full name the text gives for it; none where two would do ("Pasha")."""
    found: dict[str, set[str]] = {}
    for name in people:
        words = SUFFIX.sub("", name).split()  # "Jr" is no surname
        if len(words) < 2:
            continue
        if words[-2] not in ("of", "the"):  # "Franz Joseph of Austria": no surname
            found.setdefault(words[-1], set()).add(name)
        if len(words) > 2 and words[-2] in ("de", "von", "van", "du", "le", "la", "da", "di"):
            found.setdefault(" ".join(words[-2:]), set()).add(name)  # "de Bergue"
        if len(words) == 2 and words[1] in _HONORIFICS:
            found.setdefault(words[0], set()).add(name)  # "Ismail" of "Ismail Pasha"
    return {short: names.pop() for short, names in found.items() if len(names) == 1}


def _named_in_full(text: str, short: str, full: str) -> str:
    """`text` with the first bare `short` (not already part of a longer name:
    "Said Pasha" for "Said") written as `full`."""
    if full in text:
        return text
    for m in re.finditer(rf"(?<![\w'’-]){re.escape(short)}(?![\w-])", text):
        before, after = text[: m.start()], text[m.end() :]
        prev = re.search(r"([A-Z][\w'’-]*)\s+$", before)
        nxt = re.match(r"\s+([A-Z][\w'’-]*)", after)
        if prev and (prev.group(1) in full.split() or prev.group(1) not in _OPENERS):
            continue  # part of another name: "Port Said", "Said Pasha" for "Said"
        if nxt and nxt.group(1) not in full.split():
            continue  # "Snow Hill"
        if prev and f"{prev.group(1)} {short}" not in full and prev.group(1) in _TITLES:
            continue  # "Khedive Ismail": the text's own way of naming him
        return before + full + after
    return text


# a heading naming one event: "In the Broad Street cholera outbreak of 1854, ..."
_EVENTS = {
    "outbreak", "epidemic", "affair", "trial", "trials", "war", "revolution", "crisis", "siege",
    "strike", "rising", "uprising", "campaign", "expedition", "famine", "plague", "riots", "rush",
    "earthquake", "flood", "fire", "eruption", "wreck", "sinking", "storm", "hurricane",
    "tsunami", "blockade", "airlift", "mutiny", "massacre", "election", "coup", "disaster",
    "explosion", "bubble", "mania", "march", "restoration", "collapse", "crash", "riot", "battle",
}  # fmt: skip
# words a question opens with that are no name, whatever the text
_OPENERS = {
    "about", "how", "which", "what", "who", "whom", "whose", "when", "where", "on", "in", "at",
    "by", "from", "for", "to", "with", "after", "before", "during", "under", "the", "a", "an",
    "some", "most", "many", "within", "until", "since", "over", "nearly", "almost", "roughly",
}  # fmt: skip
_MONTH_WORDS = set(MONTHS.split("|")) | set(WEEKDAYS.split("|"))


def _context(heading: str) -> str | None:
    """ "In the Tay Bridge disaster" for the heading "The Tay Bridge disaster", "In the
    eruption of Krakatoa" for "The Eruption of Krakatoa, 1883" (but "In the Battle of
    Lepanto", a name), "In the history of the
    Suez Canal" for "The building of the Suez Canal": the frame a question that names
    nothing is put in."""
    if ":" in heading:
        # "Votes for Women: The Suffrage Campaign in Britain": the part naming an event;
        # "The Berlin Wall: Construction and First Years": else the first
        first, _, second = (part.strip() for part in heading.partition(":"))
        eventful = any(w.strip(".,").casefold() in _EVENTS for w in second.split())
        heading = second if second and eventful else first
    heading = re.sub(r",\s*\d{4}(?:\s*[-–]\s*\d{2,4})?\s*$", "", heading)  # ", 1925–1931"
    first = heading.split(",")[0]
    if first != heading and any(w.strip(".:;").casefold() in _EVENTS for w in first.split()):
        heading = first  # "The Knickerbocker Theatre Roof Collapse, Washington": the event
    words = [w.strip(".,:;") for w in heading.split()]
    if not words:
        return None
    start = 1 if words[0].casefold() in ("the", "a", "an") else 0
    event = next((i for i, w in enumerate(words) if i >= start and w.casefold() in _EVENTS), None)
    if event is not None and event == start and len(words) > event + 1:
        # "The Eruption of Krakatoa": "In the eruption of Krakatoa"
        kept = words[event] if words[event] in ("Battle", "Siege") else words[event].lower()
        return "In the " + " ".join([kept, *words[event + 1 :]])
    if event is not None and all(w[:1].isupper() or w.isdigit() for w in words[start : event + 1]):
        # "In the Great Fire of London", "In the 1906 San Francisco Earthquake and Fire" (of
        # "... and Fire and the Rebuilding of the City": a second subject goes)
        named = " ".join(words[start:])
        return "In the " + re.split(r"\s+and\s+the\s+", named, maxsplit=1)[0]
    caps = [w for w in words[1:] if w[:1].isupper() and w.casefold() not in _SMALL]
    if words[0][:1].isupper() and words[0].casefold() not in _SMALL:
        caps.insert(0, words[0])
    if not caps:
        return None
    body = " ".join(words[1:] if words[0].casefold() in ("the", "a", "an") else words)
    head = next((w for w in reversed(words) if not w.isdigit() and w.casefold() not in _SMALL), "")
    if head.casefold() in _EVENTS or head in ("Rush", "Riots"):
        return f"In the {body}"
    # the heading's name: "the Suez Canal" of "The building of the Suez Canal"
    # the longest run of capitals, the last of equals: "Trans-Siberian Railway" of "The
    # Building of the Trans-Siberian Railway", not "Building"
    runs = re.findall(r"((?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*)", " ".join(words[1:]) or words[0])
    name = max(reversed(runs), key=lambda run: len(run.split())) if runs else " ".join(caps)
    kind = re.search(rf"\bthe ([a-z]+) {re.escape(name)}\b", heading)
    if kind and kind.group(1) not in _SMALL:
        return f"In the history of the {kind.group(1)} {name}"  # "the whaleship Essex"
    if len(name.split()) < 2 and name not in caps[:1]:
        return None
    before = heading[: heading.find(name)].split() if name in heading else []
    said_the = bool(before) and before[-1].casefold() == "the"
    the = "the " if said_the or name.split()[-1] in _THE_NOUNS else ""
    return f"In the history of {the}{name}"


_THE_NOUNS = {
    "Canal", "Bridge", "Railway", "Company", "Revolution", "War", "Tower", "Dam", "Tunnel",
    "Cathedral", "Abbey", "Palace", "Castle", "Museum", "Line", "Wall", "Empire", "Republic",
}  # fmt: skip


# a question about a process the text is about: "Work began at Port Said ..."
_PROCESS = re.compile(r"(?:Work|Construction|Building|Digging|Traffic|Fighting|Trade)\s+[a-z]+")


# an adverb that leans on the sentence before ("Snow also drew", "Bazalgette then built")
_LEANING = re.compile(
    r"(?<![Bb]y )(?<![Ss]ince )(?<![Uu]ntil )(?<![Ff]rom )(?<![Tt]ill )\b(?:also|then)\s+(?=[a-z])"
)


# the nouns a text uses for the one place it is about: "the town" is Jarrow
_SETTLEMENTS = {"town", "village", "city", "island", "port"}

_SECTION = re.compile(r"^#{2,6}\s+(.+?)\s*$", re.M)


class Namer:
    """Built once per text; called on each proposal."""

    def __init__(self, text: str, people: set[str] | None = None, title: str = "") -> None:
        self.people = people or set()
        # a surname the text also uses as a place is not his: "left Dawson for Nome"
        places = set(re.findall(rf"{TO_PLACE}([A-Z][\w'’-]+)", text))
        self.full = {k: v for k, v in full_names(self.people).items() if k not in places}
        # surnames two people share ("Carmack": George Washington and Kate)
        self.shared: dict[str, set[str]] = {}
        for name in self.people:
            words = name.split()
            if len(words) >= 2 and words[-2] not in ("of", "the") and words[-1] not in self.full:
                self.shared.setdefault(words[-1], set()).add(name)
        self.text = text
        first = text.lstrip().splitlines()[0] if text.strip() else ""
        heading = first.lstrip("#").strip() if first.startswith("#") else title.strip()
        # "The Siege of Vienna (1683)": "the Siege of Vienna in 1683" in a question; a
        # range of years or a word in brackets goes ("The Taiping Rebellion (1850-1864)")
        heading = re.sub(r"\s*\((\d{3,4})\)\s*$", r" in \1", heading)
        heading = re.sub(r"\s*\([^()]*\)\s*$", "", heading)
        self.heading = heading.split()
        self.context = _context(heading)
        # words the text capitalises inside its sentences: names, not sentence openers
        self.proper = set(re.findall(r"(?<=[a-z,;] )[A-Z][\w'’-]*", text)) - _MONTH_WORDS
        # words the text writes in lower case, or only capitalises to open a sentence
        # and that are common nouns: "cholera", "Sailors", not "John"
        openers = set(re.findall(r"(?:^|[.!?]\s+)([A-Z][a-z]+)\b", text, re.M)) - self.proper
        self.common = frozenset(re.findall(r"\b[a-z][\w'’-]*", text)) | {
            w.lower() for w in openers if "NOUN" in word_classes(w.lower())
        }
        self.heading_words = {
            w.strip(".,:;") for w in self.heading if w[:1].isupper() and w.casefold() not in _SMALL
        }
        # capitalised runs, without a sentence's opening "The" ("The Suez Canal Company")
        self.names = {
            re.sub(r"^(?:The|A|An|In|On|At|By)\s+", "", m.group(0))
            for m in _CAPITALISED.finditer(text)
        }
        self._subjects: dict[str, str | None] = {}
        self.defined = defined(text, self.heading_words)  # "the ship": the Vasa
        # (offset, heading) of each section, read once: every proposal asks which it is in
        self.sections = [(m.start(), m.group(1)) for m in _SECTION.finditer(text)]

    def subject(self, noun: str) -> str | None:
        """What "the <noun>" stands for in this text, when one thing only."""
        if noun not in self._subjects:
            self._subjects[noun] = (
                self._from_heading(noun)
                or self._from_names(noun)
                or self._settlement(noun)
                or self.defined.get(noun)
            )
        return self._subjects[noun]

    def _settlement(self, noun: str) -> str | None:
        """ "the town" in a text headed "The Jarrow March of 1936": the one name of
        the heading that the text writes as a place ("unemployment in Jarrow")."""
        if noun not in _SETTLEMENTS:
            return None
        found = {
            word
            for word in self.heading_words
            if re.search(rf"{TO_PLACE}{re.escape(word)}\b(?!\s+[A-Z])", self.text)
            and not is_country(word)  # "The Great Storm of 1703 in England": no town
        }
        return found.pop() if len(found) == 1 else None

    def _from_heading(self, noun: str) -> str | None:
        for other in SAME_EVENT.get(noun, ()):
            # "the storm" in a text headed "The Galveston Hurricane of 1900"
            if other in (w.strip(".,:;").casefold() for w in self.heading):
                return self._from_heading(other)
        words = [w.strip(".,:;") for w in self.heading]
        for i, word in enumerate(words):
            # the heading's head noun only: "outbreak", not "cholera", in "The Broad
            # Street cholera outbreak of 1854"
            last = i + 1 == len(words) or words[i + 1].casefold() in _SMALL
            if word.casefold() == noun and last:
                j = i
                while (
                    j > 0 and words[j - 1].casefold() not in _SMALL and not words[j - 1].isdigit()
                ):
                    j -= 1
                if j < i:
                    return " ".join(words[j : i + 1])
                k = i + 2
                while k < len(words) and words[k][:1].isupper() and self.heading[k - 1][-1:] != ",":
                    k += 1
                if words[i + 1 : i + 2] == ["of"] and k > i + 2:
                    named = word if word in ("Treaty", "Battle", "Siege", "Act") else noun
                    return " ".join([named, "of", *words[i + 2 : k]])  # "the eruption of Krakatoa"
                return None
        return None

    def _from_names(self, noun: str) -> str | None:
        head = noun.capitalize()
        ending = {name for name in self.names if name.split()[-1] == head}
        found = {n for n in ending if set(n.split()[:-1]) & (self.heading_words - {head})}
        if not found and noun in ONE_WAR and len(ending) == 1:
            found = ending  # "the war" in a text that names one war: the Crimean War
        return found.pop() if len(found) == 1 else None

    def __call__(self, proposal: Proposal) -> Proposal:
        return office_of_body(self, dated(self, self._in_full(self._the(proposal))))

    def in_context(self, proposal: Proposal) -> Proposal:
        """A question that names nothing ("About how many workmen died during
        construction?") says what it is about, from the text's heading or title:
        "In the Tay Bridge disaster, about how many workmen ...?"."""
        if not self.context or re.match(r"In\s", proposal.question):
            return proposal  # "In the epidemic of 1854 ...": a second "In" reads badly
        frame = self.context
        if gives_away(proposal.answer, frame):
            return proposal  # "In the South Sea Bubble, which company ...?"
        # the statement stays the source's sentence: a true/false item shows it under
        # the source's topic, and readers found the frame there a tacked-on opener
        question = proposal.question
        if self.names_nothing(question) or _PROCESS.match(question):
            question = f"{frame}, {self.lower_first(question)}"
        if question == proposal.question:
            return proposal
        return replace(proposal, question=question)

    def namesake_in(self, question: str, answer: str) -> str:
        """A surname two people of the text share that the question gives alone
        ("Where was Roebling born?" of a text on John and Washington Roebling), or ""."""
        for surname, shared in self.shared.items():
            # of the names, those that open with a given name: not "What Jenner", "Royal Jenner"
            names = [n for n in shared if not word_classes(n.split()[0].lower())]
            if len(names) < 2 or surname in answer:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", question):
                if not re.search(r"[A-Z][\w'’.-]*\s+$", question[: m.start()]):
                    return surname  # alone, not "Said Pasha" nor "Robert Kennedy"
        return ""

    def names_nothing(self, sentence: str) -> bool:
        """No name but a month or a day: its first word counts when the text
        capitalises it inside its sentences ("Egypt"), not when only a sentence
        opens with it ("Work")."""
        capitals = re.findall(r"[A-Z][\w'’-]*", sentence)
        if capitals and sentence.startswith(capitals[0]) and capitals[0] not in self.proper:
            capitals = capitals[1:]
        return not [w for w in capitals if w not in _MONTH_WORDS]

    def _last_named(self, surname: str, offset: int, sentence: str) -> str | None:
        """Of the people who share a surname, the one the sentence means when it names
        all the others itself ("Carmack was travelling with his wife, Kate Carmack":
        Carmack is George Washington Carmack); else none, rather than a guess."""
        rest = {n for n in self.shared[surname] if n not in sentence}
        if len(rest) != 1:
            return None
        (name,) = rest
        return name if 0 <= self.text.find(name) < offset else None

    def _used_alone(self, short: str, full: str) -> bool:
        """A surname always ("Arrol"); a first name only where the text uses it
        alone ("Ismail wanted ..."), never "John" for John Snow."""
        if full.endswith(short):
            return True
        alone = rf"(?<![A-Z][\w'’-] )(?<![\w-]){re.escape(short)}(?![\w-])(?!\s+[A-Z])"
        return re.search(alone, self.text) is not None

    def lower_first(self, sentence: str) -> str:
        first = sentence.split(" ", 1)[0].rstrip(",;:")  # "Who, eighty-one years old, met"
        if first in self.proper or first[1:] != first[1:].lower():
            return sentence  # "Egypt was", "USSR"
        word = first.lower()
        if (
            word not in self.common
            and word not in _OPENERS
            and not all(word_classes(part) for part in word.split("-"))
        ):
            return sentence  # "Harbin was founded": a name that only opens sentences
        return sentence[:1].lower() + sentence[1:]

    def _in_full(self, proposal: Proposal) -> Proposal:
        """Surnames written as the full names the text gives."""
        question, statement = proposal.question, _LEANING.sub("", proposal.statement)
        answer, accepted = proposal.answer, proposal.accepted
        full = self.full.get(answer) if proposal.answer_type == "person" else None
        if full is None and proposal.answer_type == "person" and answer in self.shared:
            full = self._last_named(answer, proposal.start, proposal.sentence)
        if full is not None:
            answer, accepted = full, (answer, *accepted)
            statement = _named_in_full(statement, proposal.answer, answer)
            if answer not in statement:
                return proposal
        if proposal.answer_type == "person":
            # what a student who knows would type: "Whitehead", "Ismail"
            shorter = [
                k
                for k, full in self.full.items()
                if full == answer and k not in accepted and self._used_alone(k, full)
            ]
            words = SUFFIX.sub("", answer).split()  # not "Jr"
            if (
                len(words) >= 2
                and words[-2] not in ("of", "the")
                and words[-1] not in accepted
                and words[-1] not in shorter
                # nor a word of another person's name: "George" of David Lloyd George when
                # the text also names King George V
                and not any(p != answer and words[-1] in p.split() for p in self.people if " " in p)
            ):
                shorter.append(words[-1])  # "Arrol", though the text never says it alone
            double = " ".join(words[-2:])
            if len(words) >= 3 and re.search(
                rf"(?<!{re.escape(words[-3])} )\b{re.escape(double)}\b", self.text
            ):
                # "Lloyd George" for David Lloyd George, never "George" (King George V too)
                shorter = [k for k in shorter if k != words[-1]]
                shorter += [double] * (double not in shorter)
                accepted = tuple(a for a in accepted if a != words[-1])
            accepted = (*accepted, *sorted(shorter, key=lambda k: -len(k)))
        for short, full in self.full.items():
            if short == proposal.answer:
                continue
            question = _named_in_full(question, short, full)
            statement = _named_in_full(statement, short, full)
        if (question, statement, answer, accepted) == (
            proposal.question,
            proposal.statement,
            proposal.answer,
            proposal.accepted,
        ):
            return proposal
        return replace(
            proposal, question=question, statement=statement, answer=answer, accepted=accepted
        )

    def _the(self, proposal: Proposal) -> Proposal:
        """ "the canal" named in the question and in the statement, which a
        true/false item shows alone."""
        question = self._named(proposal.question, proposal.answer)
        statement = self._named(proposal.statement, proposal.answer)
        if statement != proposal.statement and proposal.answer not in statement:
            statement = proposal.statement
        if (question, statement) == (proposal.question, proposal.statement):
            return proposal
        return replace(proposal, question=question, statement=statement)

    def _named(self, text: str, answer: str) -> str:
        for match in list(_THE.finditer(text))[::-1]:  # from the end: offsets stay right
            noun = match.group(1)
            named = self.subject(noun)
            if not named or named in text or noun in answer.casefold():
                continue
            following = re.match(r"\s+([a-z]+)\b", text[match.end() :])
            if following and word_classes(following.group(1)) == {"NOUN"}:
                continue  # "the fire department", "the canal company": a modifier, no name
            if re.match(r"\s+(?:at|in|of|on|near)\s+(?:the\s+)?[A-Z]", text[match.end() :]):
                continue  # "the explosion at the National Shell Filling Factory": another one
            the = match.group(0)[:3]  # "The" or "the"
            # a street is named without its article ("near Broad Street")
            bare = (
                named.split()[-1] in _BARE
                or re.search(r"['’]s\b", named)
                or noun in _SETTLEMENTS  # "Jarrow", not "the Jarrow"
            )
            phrase = named if bare else f"{the} {named}"  # "London's sewers": no "the"
            if the == "The" and bare:
                phrase = named
            text = text[: match.start()] + phrase + text[match.end() :]
        return text

    def gives_away(self, proposal: Proposal) -> bool:
        """Whether the heading, which names the quiz, or the heading of the fact's
        section, which the quiz shows as its topic, holds the answer ("1854" in a quiz
        on the outbreak of 1854, a date under "The storm of 28 December 1879"), or
        the question holds a form of it ("his wife, Kate Carmack" for Carmack)."""
        section = self.section_at(proposal.start)
        for heading in (" ".join(self.heading), section):
            for form in (proposal.answer, *proposal.accepted):
                if heading and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", heading, re.I):
                    return True
        named_for = proposal.answer_type in ("work", "organisation", "event")
        if named_for and told_in_lower_case(proposal.question, proposal.answer):
            return True  # "Which act of 1840 provided free vaccination?"
        forms = [proposal.answer, *proposal.accepted]
        if proposal.answer_type == "person":
            # "known in the press as "Red Ellen"": a part of the name gives it away
            forms += [w for w in proposal.answer.split() if w[:1].isupper() and w not in _TITLES]
        return any(
            re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", proposal.question, re.I)
            for form in forms
            if len(form) > 2
        )  # "Which army protected the line?": the Army

    def section_at(self, offset: int) -> str:
        """The heading of the section the offset lies in ("" before the first)."""
        found = ""
        for start, heading in self.sections:
            if start >= offset:
                break
            found = heading
        return found


_HIS = re.compile(r"\b(?:his|her)\b(?=\s+[a-z])")


def owned_by(proposal: Proposal, owner: str) -> Proposal:
    """ "Which magazine published his story ...?" with "his" the one person of the
    sentence before: "... published Arthur Conan Doyle's story ...?"."""
    if len(_HIS.findall(proposal.question)) != 1 or len(_HIS.findall(proposal.statement)) > 1:
        return proposal
    owned = f"{owner}’s" if "’" in proposal.sentence else f"{owner}'s"
    return replace(
        proposal,
        question=_HIS.sub(owned, proposal.question, count=1),
        statement=_HIS.sub(owned, proposal.statement, count=1),
    )


__all__ = ["Namer", "owned_by"]
