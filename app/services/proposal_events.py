"""Where a proposal stands in time: a day given the year its paragraph names, and a
question that names nothing placed in the event the text's heading names, during it
or after it ("How many deaths were officially recorded in the Great Fire of London?")."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from app.services.name_words import MONTHS
from app.services.proposal_doubts import EVERY_YEAR

if TYPE_CHECKING:
    from app.services.proposal_names import Namer
    from app.services.proposals import Proposal

# a section about what came after the event: "Rebuilding the City", "The Tribunal and Its
# Verdict", "Lessons and Legacy"
_AFTERWARDS = re.compile(
    r"\b(?:Rebuild\w*|Legacy|Aftermath|Inquir\w*|Inquest\w*|Tribunal|Verdict|Fund|Memory|Memorial|"
    r"Lessons?|Achieved|Afterwards?|Consequences|Theories|Recovery|Counting|Trial|Investigation|"
    r"Later|Remember\w*|Why|Reform\w*|Rescue|Reckoning|Response|Impact|Reacts?|Reactions?)\b",
    re.I,
)
# what is done after an event, whatever the section: "refused to publish the full report",
# "whose committee traced the accident": blind readers sent back "during the fire" for these
_LOOKED_BACK = re.compile(
    r"\b(?:reports?|inquiry|inquest|committee|tribunal|investigat\w+|concluded|traced|blamed|"
    r"compensat\w+|memorials?|anniversary|rebuil\w+|trials?|verdict|published|later|"
    r"afterwards|since|remembered|commemorat\w+|readers|reported|recalled|wrote|funerals?|"
    r"mourn\w*|relief|replied|react\w*|famine|hunger|starv\w*)\b"
)
# what happened before the event: "died during construction" is no death in the disaster
_BEFOREHAND = re.compile(r"\b(?:before|construction|built|building|founded|planned|designed)\b")
_DONE_BY_THEN = re.compile(r"\bhad\s+(?!been\b)[a-z]+(?:ed|en|t|wn|ung|ught|ost)\b")
# a question ending in a time, which the event goes before: "... in January 1884?"
_ENDS_IN_TIME = re.compile(r"\b(?:in|on|by|from|until|after|before)\s+(?:[\w,]+\s+){0,3}\d{4}\?$")
# a year, for a day the sentence gives without one: not "1,200", not "£1850"
YEAR = re.compile(
    r"(?<![\d,.£$€])\b(1[0-9]\d\d|20[0-4]\d)\b(?!\d|,\d|\s*(?:men|people|miles|feet))"
)  # "in a letter of 18 August 1756, arguing": a year before a comma is one
_DAY = re.compile(rf"\b(\d{{1,2}}\s+(?:{MONTHS})|(?:{MONTHS})\s+\d{{1,2}})\b(?!,?\s+\d{{4}})")


def dated(named: Namer, proposal: Proposal) -> Proposal:
    """ "On 4 November" given its year, the last one the text names before it
    ("4 November 1936"): a student meeting the question alone needs it."""
    day = _DAY.search(proposal.question)
    at = proposal.sentence.find(day.group(1)) if day else -1
    if not day or at < 0 or day.group(1) == proposal.answer:
        return proposal
    if EVERY_YEAR.search(proposal.sentence[:at]):
        return proposal  # "held each year on 6 December": no one year's day
    # the paragraph's last year before it, else the heading's only one: a text need
    # not keep to the order of time from one paragraph to the next
    paragraph = named.text.rfind("\n\n", 0, proposal.start) + 1
    years = YEAR.findall(named.text, paragraph, proposal.start + at)
    if not years:
        years = list(set(YEAR.findall(" ".join(named.heading))))
        if len(years) != 1:
            return proposal
    year = years[-1]
    dated = f"{day.group(1)}, {year}" if day.group(1)[0].isalpha() else f"{day.group(1)} {year}"
    question = proposal.question[: day.start(1)] + dated + proposal.question[day.end(1) :]
    statement = proposal.statement.replace(day.group(1), dated, 1)
    if re.search(rf"{re.escape(day.group(1))}(?!,?\s+\d{{4}})", proposal.statement) is None:
        statement = proposal.statement
    return replace(proposal, question=question, statement=statement)


def gives_away(answer: str, frame: str) -> bool:
    """Whether an event named in the question would give the answer away: "During
    the South Sea Bubble, which act ...?" of "the South Sea Act"."""
    capitals = re.compile(r"\b(?!The\b|In\b)[A-Z][\w'’-]+")
    return bool(set(capitals.findall(answer)) & set(capitals.findall(frame)))


def placed(named: Namer, proposal: Proposal, question: str) -> str | None:
    """A question that names nothing, placed in the event the text is about
    ("Who dug a pit in his garden ... during the Great Fire of London?", "In what
    year was the Rebuilding Act passed after the Great Fire of London?"), when the
    text's heading names an event and the fact's section says when it happened
    against it; else None. A fact of the first section, which tells what came
    before, or of a year before the event's, is not placed."""
    if not named.context or named.context.startswith("In the history of"):
        return None
    event = named.context[3:]  # "the Great Fire of London"
    if gives_away(proposal.answer, event):
        return None
    section = named.section_at(proposal.start)
    sections = [heading for _, heading in named.sections]
    years = [int(y) for y in YEAR.findall(proposal.sentence)]
    start = [int(y) for y in YEAR.findall(" ".join(named.heading))]
    if not sections or _DONE_BY_THEN.search(question):
        # no sections to tell before from after; or a pluperfect, which tells what was
        # done by then ("which ship had loaded her cargo in New York", "whose garrison
        # had lost thousands of men"), before the event or during it
        return None
    if (
        _AFTERWARDS.search(section)
        or _LOOKED_BACK.search(question)
        or start
        and years
        and min(years) > max(start)
    ):
        prep = "after"
    elif (
        start
        and years
        and min(years) < min(start)
        or sections[:1] == [section]
        or _BEFOREHAND.search(question)
    ):
        return None
    elif proposal.answer_type == "date":
        return None  # "During the fire, in what year was Britain negotiating ...?"
    else:
        prep = "in" if proposal.answer_type == "number" else "during"
    rest = question.split(" ", 1)[-1]
    if (
        _ENDS_IN_TIME.search(question)
        or "," in question  # "..., the Real during the battle": read with the aside
        or len(question.split()) > 12
        or re.search(r"\b(?:who|which|that|where|when|whose|after|during)\b", rest)
    ):
        # "During the Broad Street cholera outbreak of 1854, who drew a map of the
        # district on which ...?": at the end it would be read with the last clause
        return f"{prep.capitalize()} {event}, {named.lower_first(question)}"
    return f"{question[:-1]} {prep} {event}?"


# an office of a body, written alone: "elected President in 1680" in a text on a society
_BODY_OFFICE = re.compile(
    r"\b(President|Secretary|Treasurer|Curator|Chairman|Director|Governor|Fellow|Master|"
    r"Warden)\b(?!\s+(?:of\b|[A-Z]))"
)
_BODY_WORDS = {
    "Society", "Company", "Bank", "Club", "Academy", "Association", "Institution", "Union",
    "League", "College", "University", "Museum", "Board", "Commission", "Committee",
}  # fmt: skip


def office_of_body(named: Namer, proposal: Proposal) -> Proposal:
    """ "Who was elected President in 1680 but declined?" in a text on the Royal Society:
    "... elected President of the Royal Society in 1680 ...", in the question and the
    statement, once each."""
    if not named.context or not named.context.startswith("In the history of the "):
        return proposal
    body = named.context[len("In the history of ") :]  # "the Royal Society"
    if body.split()[-1] not in _BODY_WORDS or body[4:] in proposal.question:
        return proposal
    head = body.split()[-1]
    short = re.compile(rf"\b[Tt]he {head}\b(?!['’]s)")  # "the Society": the Royal Society

    def with_body(text: str) -> str:
        text = _BODY_OFFICE.sub(rf"\1 of {body}", text, count=1)
        text = _WHICH_OFFICE.sub(rf"\1 of {body}", text, count=1)
        return short.sub(lambda m: m.group(0)[:3] + body[3:], text, count=1)

    question = with_body(proposal.question)
    if question == proposal.question:
        return proposal
    return replace(proposal, question=question, statement=with_body(proposal.statement))


# "Which secretary revived ...": which secretary of the society
_WHICH_OFFICE = re.compile(
    r"^(Which (?:secretary|president|treasurer|curator|fellow|chairman|director|governor))\b"
    r"(?!\s+of\b)"
)


__all__ = ["YEAR", "dated", "office_of_body", "placed"]
