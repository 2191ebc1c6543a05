"""Fill the gap: the answer blanked in a complete sentence of the source, widened
from the quote to its sentence (with the sentence before when it opens with a
pronoun), or in the fact's curated `cloze`. The pinned passage stays the quote."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from question_bank.fact import Fact, cloze_parts
from question_bank.folding import find_folded
from question_bank.gate import GateContext, rule
from question_bank.gate.rules import BLANK
from question_bank.kinds import open_phrase
from question_bank.norm import normalise
from question_bank.question import Question
from question_bank.text import (
    dangling_reference,
    previous_sentence_start,
    sentence_bounds,
    sentence_flaw,
    unresolved_pronoun,
    words,
)
from question_bank.types.base import QuestionType, register
from question_bank.types.short import TEXT_RULES

if TYPE_CHECKING:
    from question_bank.generator import Generator, Slot

# A gap needs this many words around it to be a question at all.
CLOZE_CONTEXT_WORDS = 3
# A longer sentence is a reading exercise, not a question.
MAX_WORDS = 60


@rule("gap-not-given-away")
def gap_not_given_away(q: Question, ctx: GateContext) -> str | None:
    """The sentence around the gap does not contain the answer itself."""
    around = f" {normalise(q.prompt.replace(BLANK, ' '))} "
    for answer in q.accepted:
        norm = normalise(answer)
        if len(norm) > 3 and f" {norm} " in around:
            return f"the answer {answer!r} is still in the sentence"
    return None


@rule("cloze-stands-alone")
def cloze_stands_alone(q: Question, ctx: GateContext) -> str | None:
    """The sentence reads on its own: no pronoun without a name for it to refer to."""
    fact = ctx.fact(q.fact_id)
    pronoun = unresolved_pronoun(q.prompt, bool(fact and fact.answer_type == "person"))
    if pronoun:
        return f"{pronoun!r} refers to someone the sentence does not name"
    return None


@rule("cloze-names-its-referents")
def cloze_names_its_referents(q: Question, ctx: GateContext) -> str | None:
    """The sentence says which trial, source or body it means: no "For example,",
    "this revolution", "its Commission", "the final trial" with no trial named."""
    flaw = dangling_reference(q.prompt)
    return f"the sentence does not stand alone: {flaw}" if flaw else None


def unanchored(sentence: str, is_person: Callable[[str], bool]) -> str | None:
    """Why a sentence names nothing to place it: no name, no year, no source
    ("Scarcity would inevitably produce _____ and privilege.", "The only evidence
    produced was _____ themselves."), or None."""
    if re.search(r"\b(?:1\d|20)\d\d\b", sentence) or re.search(
        r"(?<=[\w,;:] )[“\"‘']?[A-Z][A-Za-z]", sentence
    ):
        return None
    first = re.match(r"[“\"‘']?([A-Z][\w-]*)", sentence)
    if first and is_person(first.group(1)):
        return None
    return "it names no person, year, trial or source to say what it is about"


@rule("cloze-is-anchored")
def cloze_is_anchored(q: Question, ctx: GateContext) -> str | None:
    """The sentence names a person, a year, a trial or a source: one that names
    none ("Those arrested were tortured in order _____.") could be about anything."""
    flaw = unanchored(q.prompt, lambda word: bool(ctx.same_person(word)))
    return f"the sentence does not stand alone: {flaw}" if flaw else None


# a gap among names joined by commas ("Zinoviev, _____, Smirnov, Piatakov and
# others"): any other member of the list would fill it as well
_GAP = re.escape(BLANK)
_LIST_GAP = re.compile(
    rf"[A-Z][\w-]+, {_GAP}, (?:and )?[A-Z]"  # Zinoviev, _____, Smirnov
    rf"|{_GAP}, [A-Z][\w-]+, [A-Z]"  # _____, Kamenev, Smirnov
    rf"|[A-Z][\w-]+, [A-Z][\w-]+,? and {_GAP}"  # Zinoviev, Kamenev and _____
)


@rule("gap-not-a-list-member")
def gap_not_a_list_member(q: Question, ctx: GateContext) -> str | None:
    """The gap is not one name in a list of names, which any other name of the
    list (or of the trial) would fill as well."""
    found = _LIST_GAP.search(q.prompt)
    return f"the gap is one member of a list: {found.group(0)!r}" if found else None


def unbalanced_quotes(sentence: str) -> bool:
    """A quotation opens in the sentence and closes after it (or the reverse)."""
    if sentence.count("“") != sentence.count("”") or sentence.count('"') % 2:
        return True
    opening = len(re.findall(r"(?:^|(?<=[\s(“]))['‘]", sentence))
    closing = len(re.findall(r"(?<=[\w.,;:!?])['’](?=[\s.,;:!?)”]|$)", sentence))
    return opening > closing


@rule("gap-has-context")
def gap_has_context(q: Question, ctx: GateContext) -> str | None:
    """Enough words around the gap to answer from, and not a whole page."""
    n = len(words(q.prompt.replace(BLANK, " ")))
    if n < CLOZE_CONTEXT_WORDS:
        return f"only {n} words around the gap"
    if n > MAX_WORDS:
        return f"{n} words: too long to read as one question"
    return None


def standalone_flaw(sentence: str, gap_is_name: bool = False) -> str | None:
    """Why a sentence cannot be read on its own: it is not a complete sentence,
    or a pronoun in it has no name before it to refer to ("He said that ___")."""
    flaw = sentence_flaw(sentence.replace(BLANK, "Gap"))
    if flaw:
        return flaw
    pronoun = unresolved_pronoun(sentence, gap_is_name)
    if pronoun:
        return f"{pronoun!r} refers to someone the sentence does not name"
    return None


def widened(gen: Generator, fact: Fact) -> tuple[str, str] | str:
    """(the sentence with the gap, the blanked text), or why there is none."""
    text = gen.base.sources[fact.source_id].text
    # the longest answer form in the quote, found on the characters the page shows
    found = [
        (span, form) for form in fact.answers if form and (span := find_folded(fact.quote, form))
    ]
    if not found:
        return "no answer form in the quote"
    (first, last), _ = max(found, key=lambda pair: len(pair[1]))
    at, length = fact.start + first, last - first
    start, end = sentence_bounds(text, fact.start, fact.end)
    person = fact.answer_type == "person"
    flaw = standalone_flaw(_clean(text[start:end]), person)
    if flaw and "refer" in flaw:
        before = previous_sentence_start(text, start)
        if before is not None and not sentence_flaw(_clean(text[before:start])):
            start = before
            flaw = standalone_flaw(_clean(text[start:end]), person)
    if flaw:
        return f"the sentence around the quote is not self-contained: {flaw}"
    para_start = text.rfind("\n", 0, start) + 1
    if text.count("“", para_start, start) > text.count("”", para_start, start):
        # inside someone's quoted words: the sentence does not say who speaks
        return "the sentence around the quote is inside a quotation that names no speaker"
    blanked = text[at : at + length]
    sentence = _clean(text[start:at] + BLANK + text[at + length : end])
    dangling = dangling_reference(sentence) or unanchored(
        sentence, lambda word: bool(gen.gate.same_person(word))
    )
    if dangling:
        return f"the sentence around the quote is not self-contained: {dangling}"
    if "…" in sentence or "..." in sentence:
        return "the sentence around the quote has words cut out"
    if unbalanced_quotes(sentence):
        return "a quotation in the sentence around the quote opens or closes outside it"
    if len(words(sentence.replace(BLANK, " "))) > MAX_WORDS:
        return "the sentence around the quote is too long to read as one question"
    around = f" {normalise(sentence.replace(BLANK, ' '))} "
    for form in fact.answers:
        if len(normalise(form)) > 3 and f" {normalise(form)} " in around:
            return "the sentence around the quote names the answer again"
    return sentence, blanked


def cited(gen: Generator, source_id: str, sentence: str) -> str:
    """A sentence copied from a source, with the source named: 'Brookshaw's essay
    says: “… the ‘Trotsky-Zinoviev Centre’ …”' (its own double quotes turned single)."""
    source = gen.base.sources[source_id]
    label = source.label
    author = source.author or ""
    if (
        label == source.short_title
        and label.startswith("the ")
        and author
        and ("contributors" not in author)
    ):
        label = f"{author.split()[-1]}'s {label[4:]}"  # "Brookshaw's essay"
    inner = sentence.replace("“", "‘").replace("”", "’").replace('"', "'")
    return f"{label[:1].upper()}{label[1:]} says: “{inner}”"


def _clean(sentence: str) -> str:
    """Without the encyclopedia's note markers ("[18]") and runs of spaces."""
    return re.sub(r"\s+", " ", re.sub(r"\[\d+\]", "", sentence)).strip()


@register
class Cloze(QuestionType):
    name = "cloze"
    label = "Fill the gap in the source"
    position = 3
    response = "text"
    rules = (
        *TEXT_RULES,
        gap_not_given_away,
        gap_has_context,
        gap_not_a_list_member,
        cloze_stands_alone,
        cloze_names_its_referents,
        cloze_is_anchored,
    )

    def generate(self, gen: Generator) -> list[Slot]:
        slots: list[Slot] = []
        for fact in gen.answerable:
            if not gen.wanted(fact, self.name):
                gen.skip(self.name, fact.id, "a detail fact is asked once, as multiple choice")
                continue
            if fact.answer_mode == "choice":
                continue  # many typed answers would be right
            refusal = gen.typed_refusal(fact)
            if fact.id in gen.disputed:
                refusal = "the sources disagree on it, so it is asked with its source named"
            if refusal:
                gen.skip(self.name, fact.id, refusal)
                continue
            texts: list[tuple[str, str]] = []
            parts = cloze_parts(fact.cloze) if fact.cloze else None
            if parts is not None:
                texts.append((parts[0] + BLANK + parts[2], parts[1]))
                gen.from_curated(f"{fact.id}:cloze")
            made = widened(gen, fact)
            if isinstance(made, str):
                if not texts:
                    gen.skip(self.name, fact.id, made)
            else:
                texts.append((cited(gen, fact.source_id, made[0]), made[1]))
            # the gap may blank a longer form than the answer ("the German and
            # Japanese governments" for "German and Japanese"): that too must be fixed
            texts = [t for t in texts if not open_phrase(t[1], fact.answer_type, fact.answers)]
            texts = [t for t in texts if not _LIST_GAP.search(t[0])]
            drafts = tuple(self.draft(gen, fact, prompt, blanked) for prompt, blanked in texts)
            if drafts:
                slots.append(drafts)
        return slots

    def draft(self, gen: Generator, fact: Fact, prompt: str, blanked: str) -> Question:
        return Question(
            id=f"{fact.id}:cloze",
            type=self.name,
            prompt=prompt,
            answer=blanked,
            accepted=gen.accepted(fact, first=blanked),
            reject=gen.reject_list(fact),
            explanation=f"{fact.statement} {gen.proof(fact)}",
            **gen.common(fact),
        )
