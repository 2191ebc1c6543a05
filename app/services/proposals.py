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
from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.services.answer_spans import (
    Span,
    _name_spans,
    _people,
    _places,
    _value_spans,
)
from app.services.proposal_checks import (
    _DANGLING_START,
    _MIN_SCORE,
    _PRONOUN,
    _centrality,
    _question_penalty,
    _unpinned,
    needs_antecedent,
)
from app.services.proposal_doubts import asked_in_aside, what_to_check
from app.services.proposal_events import YEAR
from app.services.proposal_events import placed as placed_in_event
from app.services.proposal_falsehoods import Answer, falsified
from app.services.proposal_forms import other_forms
from app.services.proposal_fronting import fronted
from app.services.proposal_names import Namer, owned_by
from app.services.proposal_questions import (
    _ANY_VERB,
    _CLOSERS,
    question_for,
)
from app.services.proposal_shapes import (
    first_predicate,
    gapped,
    one_clause,
    stranded,
    subject_after_verb,
    unreadable,
)
from app.services.proposal_statements import own_clause, without_connective, without_emphasis
from app.services.text_names import EVENT_DATED, afloat, located, ships

_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Capt|Col|Gen|Lt|Maj|Sgt|No|Nos|vol|pp|p|cf|e\.g|i\.e|c|ca|etc|M|Mme|Jr|Sr|v|vs|a\.m|p\.m)\.$"
)
_INITIAL = re.compile(r"\b[A-Z]\.$")
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
    # what in the question a teacher should check before accepting it; a proposal
    # with a doubt is offered after those without
    doubt: str = ""
    # its statement with the answer swapped for another the text gives: contradicted
    # by the passage, it becomes a true/false item
    false_statement: str = ""


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
    # "Its leaders went on to long careers: John Burns became ...": the clause after
    # the colon is a sentence of its own, and the words before it say nothing to ask
    found = [
        (offset + part.start(), part.group(0))
        for offset, whole in found
        for part in re.finditer(r"(?:[^:]|:(?!\s+[A-Z]))+:?", whole)
    ]
    result = []
    for offset, sentence in found:
        lead = len(sentence) - len(sentence.lstrip("-*> \t"))
        sentence = sentence[lead:]
        if 20 <= len(sentence) <= 600 and sentence[-1] in ".!?" + _CLOSERS:
            result.append((offset + lead, sentence))
    return result


def _subject(spans: list[Span]) -> str:
    """The person a sentence is about: its first person, near the start."""
    for span in spans:
        if span.kind == "person" and span.lead <= 50:
            return span.text
    return ""


def propose(text: str, limit: int = 300, title: str = "") -> list[Proposal]:
    """Proposals for the whole text, most central first. Each sentence gives its
    best fact, with the others of the same sentence as alternatives.

    Only questions that ask first are proposed ("How many people did the flood
    kill?"), not those that keep the sentence's order with the question word inside
    ("More than a thousand workers fell ill ... in the summer of what year?"):
    blind readers of four new texts kept 1 of 22 of those, and 9 of 22 that ask
    first. Words a teacher selects in such a sentence still get a fact to edit."""
    found = facts_found(text, title)
    pool = [(p.answer, p.answer_type) for made in found for p in made]
    per_sentence = [[p for p in made if asks_first(p.question)] for made in found]
    chosen = [falsified(p, pool) for p in _choose([made for made in per_sentence if made])]
    # those with a doubt are drafts for a teacher to finish: blind readers accepted about
    # one in fifteen of them as they stood (8 of 122 over sixteen texts), so they come
    # after every proposal without one, which the curation screen offers as ready
    chosen.sort(key=lambda p: bool(p.doubt))
    return chosen[:limit]


def asks_first(question: str) -> bool:
    """Whether the question asks as a textbook does: its question word (or its
    preposition) first, and a verb of its own."""
    return bool(_ASKS_FIRST.match(question) and _ANY_VERB.search(question))


def facts_found(text: str, title: str = "") -> list[list[Proposal]]:
    """Every fact the rules find, by sentence, each with its question as written:
    a sentence whose subject is a pronoun names the person of the sentence
    before, or is left out, as are sentences that open with "It", "This" and the
    like."""
    people = _people(text)
    places = _places(text) - people
    named = Namer(text, people, title)
    counts: Counter[str] = Counter(re.findall(r"[A-Z][\w'’-]+", text))
    split = sentences(text)
    seen = Counter(s for _, s in split)
    previous = ""  # the person the sentence before is about
    afloat_names = ships(text)
    before_people: set[str] = set()  # the people the sentence before names
    about_ships = afloat(text)
    countries = located(text)  # "Boston, in the United States"
    checks = 0
    per_sentence: list[list[Proposal]] = []
    for offset, sentence in split:
        if seen[sentence] > 1:
            continue  # a quote must be unique in its source
        spans = _value_spans(sentence)
        spans += _name_spans(sentence, spans, people, places, afloat_names)
        if spans:
            checks += 1
            if checks > _UNIQUENESS_CHECKS or text.count(sentence) > 1:
                continue
        subject, statement = _subject(spans), without_connective(sentence)
        pronoun = _PRONOUN.match(sentence)
        if pronoun:
            if not previous or pronoun.group(2).casefold() == "she" and about_ships:
                # "He printed the map ...": who, the text does not say here; "In 1867 she
                # was driven ashore": in a text about a ship, she may be the ship
                continue
            # "He became ..." names its subject in the statement and question
            statement = sentence[: pronoun.start(2)] + previous + sentence[pronoun.end(2) :]
            subject = previous
        previous = subject if spans else ""
        persons = {span.text for span in spans if span.kind == "person"}
        # "his story" in a sentence that names nobody: the one person of the sentence before
        owner = "" if persons or len(before_people) != 1 else next(iter(before_people))
        before_people = persons
        if not spans or _DANGLING_START.match(sentence):
            continue
        made = []
        shift = len(statement) - len(sentence)
        inverted = subject_after_verb(sentence)
        for span in spans:
            before = sentence[: span.start]
            if span.kind == "date" and EVENT_DATED.search(before) and not before.endswith("of "):
                continue  # "after the Battle of Waterloo in 1815", not "the Act of 1667"
            if 0 <= inverted <= span.start or gapped(sentence, span.start):
                continue  # "Lying in wait ... was the German submarine U-20"
            if pronoun and shift and span.start < pronoun.end():
                target = span
            else:
                target = replace(
                    span,
                    start=span.start + shift,
                    end=span.end + shift,
                    phrase_start=span.lead + shift,
                )
            if pronoun and shift and span.start < pronoun.end(2) and span.start >= pronoun.start(2):
                continue
            if any(p in sentence for p, c in countries.items() if c == span.text):
                continue  # "In which country did the response come from Boston?": it says
            question = question_for(statement, target)
            if not asks_first(question) and (clipped := first_predicate(statement, target.end)):
                question = question_for(clipped, target)  # "..., and was widely admired"
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
                    statement=own_clause(without_emphasis(statement), span.text),
                    score=score,
                    accepted=other_forms(span, sentence, text),
                )
            )
            if owner and proposal.answer_type != "person":
                proposal = named(owned_by(proposal, owner))
            if needs_antecedent(proposal.question) or named.gives_away(proposal):
                continue
            doubted = _doubted(named, proposal)
            if doubted.doubt == _FRAMED:
                # "In the history of the Great Stink, ...": blind readers of four new texts
                # accepted none of 15 such frames; words a teacher selects still get one
                continue
            if unreadable(doubted.question) or stranded(doubted.question, sentence, span.text):
                continue  # "the Scottish journalist which person": none was readable

            made.append(doubted)
        if made:
            per_sentence.append(sorted(made, key=lambda p: -p.score))
    return per_sentence


# a question that asks first, as a textbook's does: "On what date did ...?", "Which company
# ...?", "In Manchester, who ...?"; blind readers accepted 4 of 13 such proposals and none of
# 13 that kept the sentence's order ("The tank held how many gallons?")
_ASKS_FIRST = re.compile(
    r"^(?:(?:Who|Whom|Whose|Which|What|Where|When|Why|How)\b|"
    r"(?:In|On|At|By|From|Until|Since|Around|Within|About|For|During|Before|After|Between)"
    r"\s+(?:(?:the|a)\s+[a-z]+\s+of\s+)?(?:about\s+)?(?:what|which|how|whom)\b|"
    # a lead, then the question word: "In the 1860s, which railway"; not "Command was
    # given to which person, who chose ...", which asks inside
    r"(?:(?!\b(?:which|what|who|whom|how)\b)[^,?]){0,40},\s+(?:about\s+)?(?:who|which|what|how|whose)\b|"
    # the event a question is placed in: "During the Great Fire of London, which diarist"
    r"(?:During|After|In)\s+the\s+[^,?]{3,80},\s+(?:who|which|what|how|whose|where|when|"
    r"(?:in|on|at|for|about|from|to)\s+(?:what|which|how|whom)\b))"
)

# how far a doubt sends a proposal down the list: after every proposal without one
_DOUBT_COST = 6.0


_FRAMED = "It names nothing itself: the opening “In …,” says what it is about."


def _doubted(named: Namer, proposal: Proposal) -> Proposal:
    """The proposal asked with its question word at the front, and what a teacher
    should check in it. Blind readers of proposals from eight never-seen texts
    accepted about one in five without these doubts and one in twenty with them
    (6 of 105), so such proposals come last, saying what to check."""
    framed = named.in_context(proposal)
    asked = _asked(named, framed.question)
    unpinned = _unpinned(asked)
    namesakes = named.shared.get(framed.answer, set()) if framed.answer_type == "person" else set()
    nameless = (
        framed.question != proposal.question
        or named.in_context(replace(framed, question=asked)).question != asked
    )
    placed = _placed(named, proposal) if nameless else None
    if nameless and not placed:
        doubt = _FRAMED  # or names nothing once its second clause is cut
    elif len(namesakes) > 1:
        doubt = f"The text names more than one “{framed.answer}”: say which in the answer."
        asked = placed or asked
    elif namesake := named.namesake_in(asked, framed.answer):
        doubt = f"The text names more than one “{namesake}”: say which in the question."
    elif placed:
        return _doubted_as_placed(replace(framed, question=placed))
    elif unpinned and (pinned := _pinned_by_event(named, framed, asked, unpinned)):
        return _doubted_as_placed(replace(framed, question=pinned))
    elif checked := what_to_check(asked, framed.answer_type, unpinned, named.text):
        doubt = checked
    elif asked_in_aside(asked):
        doubt = "The question word stands in an aside: it may read better turned round."
    elif not _ASKS_FIRST.match(asked):
        doubt = "It keeps the sentence's order, the question word inside: turn it round."
    else:
        return replace(framed, question=_in_its_event(named, framed, asked))
    return replace(framed, question=asked, doubt=doubt, score=framed.score - _DOUBT_COST)


_LEAD_CLAUSE = re.compile(r"^(?:When|After|Before|While|As|In|On|At|During|Within|By)\b[^?]*,")


def _in_its_event(named: Namer, proposal: Proposal, asked: str) -> str:
    """A question of a text about one event that does not name it, placed in it:
    "During the Great Fire of London, who found Thomas Bloodworth in Cannon Street
    looking exhausted?". Readers' rewrites of such questions added the event more
    than anything else."""
    if (
        proposal.answer_type == "date"
        or YEAR.search(asked)
        or _LEAD_CLAUSE.match(asked)
        or any(word in asked for word in named.heading_words)
    ):
        return asked  # a year or a lead of its own places it already
    return placed_in_event(named, proposal, asked) or asked


# "In a few minutes, how many people were killed?": a lead of time that says nothing
# without the sentence before it; no digit, no name
_BARE_LEAD = re.compile(
    r"^(?:In|At|Within|After|For|By|Over)\s+(?:a|an|the)\s+(?:few\s+)?[a-z ]{0,30},\s+"
    r"(?=(?:how|who|which|what|where)\b)"
)


def _asked(named: Namer, question: str) -> str:
    """The question turned round, its second clause and a bare lead of time cut."""
    asked = one_clause(fronted(question, named.common))
    bare = _BARE_LEAD.match(asked)
    if bare:
        asked = asked[bare.end()].upper() + asked[bare.end() + 1 :]
    among = _AMONG.match(asked)
    if among:  # "Among the buildings lost was which church?": "Which church was among ...?"
        group, verb, wh, rest = among.groups()
        asked = f"{wh.capitalize()} {rest} {verb} among {group}?"
    return asked


_AMONG = re.compile(r"^Among\s+([^,?]+?)\s+(was|were)\s+(which|what)\s+([^,?]+)\?$")


def _placed(named: Namer, proposal: Proposal) -> str | None:
    """The question, turned round, placed in the event of the heading; None when
    the rules cannot tell when it happened against it (see `Namer.placed`)."""
    plain = _asked(named, proposal.question)
    if not _ASKS_FIRST.match(plain):
        return None
    return placed_in_event(named, proposal, plain)


def _pinned_by_event(named: Namer, proposal: Proposal, asked: str, unpinned: list[str]) -> str:
    """ "Which church on Summer Street was among the buildings lost?" placed in the
    event ("... in the Great Boston Fire of 1872?"), which says which buildings; not a
    document ("the full report" of what?), nor a question that names the event already."""
    if any(u.split()[-1] in _DOCUMENTS for u in unpinned) or not named.context:
        return ""
    if named.context[3:].casefold() in asked.casefold():
        return ""
    return placed_in_event(named, proposal, asked) or ""


_DOCUMENTS = {
    "report", "reports", "plan", "scheme", "proposal", "decision", "inquiry", "paper", "letter",
    "order", "orders", "agreement", "deal", "treaty", "law", "act", "bill", "petition", "case",
    "verdict", "findings", "book", "article", "story", "speech", "statement", "message",
}  # fmt: skip


def _doubted_as_placed(proposal: Proposal) -> Proposal:
    """A placed question checked as any other (its other doubts), without framing it
    again."""
    asked = proposal.question
    # the event pins "the windows", "the air supply" (readers accepted those), not a
    # document or a decision: "the full report" of what?
    unpinned = [u for u in _unpinned(asked) if u.split()[-1] in _DOCUMENTS]
    doubt = what_to_check(asked, proposal.answer_type, unpinned)
    if not doubt:
        return proposal
    return replace(proposal, doubt=doubt, score=proposal.score - _DOUBT_COST)


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


def for_selection(
    text: str, start: int, end: int, title: str = "", pool: Sequence[Answer] = ()
) -> Proposal:
    """A prefilled fact for words the teacher selected: the selection is the
    proof quote; the answer is the most central span inside it (or the whole
    selection when it holds none), and the question and statement are written
    from the whole sentence around it; its false statement swaps the answer for
    another of `pool` (the text's answers, `pool_of` its proposals)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # whole words: a drag that began inside "the" gives "the", not "he"
    while 0 < start < end and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while start < end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    quote = text[start:end]
    around = next(((o, s) for o, s in sentences(text) if o <= start and end <= o + len(s)), None)
    if around is None:
        return Proposal(quote, start, "", "term", "", quote, 0.0)
    offset, sentence = around
    people = _people(text)
    places = _places(text) - people
    counts: Counter[str] = Counter(re.findall(r"[A-Z][\w'’-]+", text))
    spans = _value_spans(sentence)
    spans += _name_spans(sentence, spans, people, places, ships(text))
    inside = [s for s in spans if start <= offset + s.start and offset + s.end <= end]
    if not inside:
        return Proposal(quote, start, quote if len(quote) < 80 else "", "term", "", sentence, 0.0)
    named = Namer(text, people, title)
    made = [
        _doubted(
            named,
            named(
                Proposal(
                    sentence=quote,
                    start=start,
                    answer=span.text,
                    answer_type=span.kind,
                    question=question_for(sentence, span),
                    statement=sentence,
                    score=_centrality(span, counts, sentence),
                )
            ),
        )
        for span in sorted(inside, key=lambda s: -_centrality(s, counts, sentence))
    ]
    # the most central answer whose question reads and keeps it back; else the most
    # central one with its question left for the teacher to write ("Which bookseller
    # ... found Thomas Guy's Hospital?" gave its answer away)
    readable = [p for p in made if not named.gives_away(p) and not unreadable(p.question)]
    chosen = readable[0] if readable else replace(made[0], question="", doubt="")
    return falsified(chosen, pool)


__all__ = ["Proposal", "Span", "for_selection", "propose", "question_for", "sentences"]
