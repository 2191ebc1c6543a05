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

from app.services.answer_spans import (
    _MONEY,
    _WORD_NUMBERS,
    MONTHS,
    Span,
    _name_spans,
    _people,
    _places,
    _value_spans,
)

_PRONOUN_START = re.compile(r"^(He|She)\b")
_DANGLING_START = re.compile(r"^(?:It|Its|They|Their|This|These|Those|His|Her|Such)\b")
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
