"""The rules every item passes, and the option rules shared by the choice types."""

from __future__ import annotations

import re

from question_bank.gate import GateContext, rule
from question_bank.grading import grade_text
from question_bank.kinds import date_kind, fine_kind, form
from question_bank.material import names_a_source
from question_bank.norm import normalise
from question_bank.question import Question
from question_bank.text import sentence_flaw

BLANK = "_____"
_BLANK = re.compile(r"_{3,}")
# doubled words that are grammatical ("had had", "that that")
_DOUBLE_OK = {"had", "that"}
_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_ARTICLE_PAIR = re.compile(r"\b(the|a|an)\s+(the|a|an)\b", re.IGNORECASE)
_ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\w+(?:st|nd|rd|th))"
)
LOW_VALUE = re.compile(
    rf"\b(?:first name|initials?|initial letter|listed {_ORDINAL}|{_ORDINAL} (?:and last )?"
    rf"(?:name )?(?:in|on|among) (?:the|its|his|her) (?:list|defendants|sixteen|seventeen|names)"
    rf"|position in the list|is listed)\b",
    re.IGNORECASE,
)
ODD_LENGTH = 2.0  # the key this many times longer (or shorter) than every other option


def texts_of(q: Question) -> list[str]:
    """Every text a student reads in the item."""
    return [
        q.prompt,
        *(o.text for o in q.options),
        *q.items,
        *(side for pair in q.pairs for side in pair),
    ]


@rule("complete-sentence")
def complete_sentence(q: Question, ctx: GateContext) -> str | None:
    """The prompt is a complete, self-contained sentence."""
    flaw = sentence_flaw(q.prompt.replace(BLANK, "Gap"))
    return f"the prompt is not a complete sentence: {flaw}" if flaw else None


@rule("no-ellipsis")
def no_ellipsis(q: Question, ctx: GateContext) -> str | None:
    """No "…" where words were cut."""
    for text in texts_of(q):
        if "…" in text or "..." in text:
            return f"words were cut out with '…': {text[:60]!r}"
    return None


@rule("blank-only-in-cloze")
def blank_only_in_cloze(q: Question, ctx: GateContext) -> str | None:
    """Only a fill-the-gap item has a gap, and it has exactly one."""
    gaps = sum(len(_BLANK.findall(t)) for t in texts_of(q))
    if q.type == "cloze":
        return None if gaps == 1 else f"a fill-the-gap item needs one gap, this has {gaps}"
    return f"a {q.type} item has a gap to fill" if gaps else None


@rule("no-templating-scars")
def no_templating_scars(q: Question, ctx: GateContext) -> str | None:
    """No doubled words, article pairs ("the a"), or raw source titles."""
    for text in texts_of(q):
        for double in _DOUBLED.finditer(text):
            if double.group(1).casefold() not in _DOUBLE_OK and not double.group(1).isdigit():
                return f"a doubled word: {double.group(0)!r}"
        pair = _ARTICLE_PAIR.search(text)
        if pair:
            return f"a templating scar: {pair.group(0)!r}"
        for source in ctx.base.sources.values():
            title = source.title
            if title.casefold().startswith("the ") or ":" in title:
                raw = re.search(rf"(?<![“‘\"']){re.escape(title)}(?![”’\"'])", text)
            else:  # a title like "Moscow trials" reads as a raw name after these words
                raw = re.search(
                    rf"\b(?:does|do|did|of|in|from|says?|according to)\s+{re.escape(title)}\b",
                    text,
                )
            if raw:
                return f"the source title is templated in raw: {raw.group(0)!r}"
    return None


# ".”." / "Moscow.." / "tried?." where a template joined two sentences
_DOUBLED_STOP = re.compile(r"(?<![.])[.?!][”’\"')]*\s*\.(?![.])")


@rule("no-doubled-punctuation")
def no_doubled_punctuation(q: Question, ctx: GateContext) -> str | None:
    """No doubled full stop in the prompt, the options or any explanation."""
    texts = [*texts_of(q), q.explanation, *(o.explanation for o in q.options)]
    for text in texts:
        found = _DOUBLED_STOP.search(text)
        if found:
            return f"doubled punctuation {found.group(0)!r} in {text[:60]!r}"
    return None


@rule("low-value-is-detail")
def low_value_is_detail(q: Question, ctx: GateContext) -> str | None:
    """An item that tests a first name, an initial or a place in a list is `detail`."""
    for text in (q.prompt, *(left for left, _ in q.pairs)):
        match = LOW_VALUE.search(text)
        if match and q.importance != "detail":
            return f"it tests {match.group(0)!r} but is marked {q.importance}, not detail"
    return None


@rule("importance-known")
def importance_known(q: Question, ctx: GateContext) -> str | None:
    """Every item carries the importance of its fact."""
    if q.importance not in ("core", "supporting", "detail"):
        return f"unknown importance {q.importance!r}"
    return None


COMMON_RULES = (
    complete_sentence,
    no_ellipsis,
    blank_only_in_cloze,
    no_templating_scars,
    no_doubled_punctuation,
    low_value_is_detail,
    importance_known,
)


# -- options (multiple choice and matching) --------------------------------------------
def key_kind(q: Question, ctx: GateContext) -> tuple[str, str]:
    fact = ctx.fact(q.fact_id)
    answer_type = fact.answer_type if fact else ""
    return answer_type, fine_kind(q.answer, answer_type)


@rule("options-of-one-kind")
def options_of_one_kind(q: Question, ctx: GateContext) -> str | None:
    """Every option is of the key's fine kind (a count with counts, a year with years)."""
    answer_type, kind = key_kind(q, ctx)
    for option in q.options:
        other = fine_kind(option.text, answer_type)
        if other != kind:
            return f"option {option.text!r} is a {other}, the key {q.answer!r} a {kind}"
    return None


def _digits(text: str) -> str:
    """The significant digits of a number ("25,000" and "2,500" -> "25"), or ""."""
    if date_kind(text):
        return ""  # "May 1937" and "March 1937" are not one number at two scales
    numbers = re.findall(r"\d[\d,]*", text)
    return numbers[0].replace(",", "").rstrip("0") if len(numbers) == 1 else ""


def odd_one_out(key: str, others: list[str]) -> str | None:
    """Why `key` stands out from `others` by form (digits among words, or words
    among digits; the only option with, or without, "the"), by being the middle
    of a scale (1,500 among 15,000 and 150), or by length, or None."""
    if not others:
        return None
    mine, theirs = form(key)[0], {form(o)[0] for o in others}
    if len(theirs) == 1 and mine not in theirs:
        return f"the key alone is written in {mine} (the others in {theirs.pop()})"
    if len(others) >= 3:
        article = form(key)[2]
        if all(form(o)[2] != article for o in others):
            said = "with" if article == "article" else "without"
            return f"the key alone is written {said} a leading article"
        scaled = [o for o in others if _digits(o) and _digits(o) == _digits(key)]
        if len(scaled) >= 2:
            return f"the options are the key's digits at other scales: {', '.join(scaled)}"
    longest, shortest = max(len(o) for o in others), min(len(o) for o in others)
    if len(key) > ODD_LENGTH * longest and len(key) - longest > 10:
        return f"the key is much longer than every other option ({len(key)} vs {longest})"
    if ODD_LENGTH * len(key) < shortest and shortest - len(key) > 10:
        return f"the key is much shorter than every other option ({len(key)} vs {shortest})"
    return None


_PLAIN_WORDS = frozenset(
    {"the", "and", "of", "a", "an", "in", "to", "for", "with", "from", "by", "on"}
)


def wording_apart(key: str, others: list[str]) -> str | None:
    """A word every wrong option shares and the key lacks ("immediately" among
    "a week later", "six months later", "a year later"), or None."""
    if len(others) < 3:
        return None
    shared = set.intersection(*(set(normalise(o).split()) for o in others))
    shared -= _PLAIN_WORDS | set(normalise(key).split())
    return next((w for w in sorted(shared) if len(w) >= 3 and not w.isdigit()), None)


@rule("key-shares-the-options-wording")
def key_shares_the_options_wording(q: Question, ctx: GateContext) -> str | None:
    """The key is not the only option without a word all the others share."""
    word = wording_apart(q.answer, [o.text for o in q.options if not o.correct])
    return f"every wrong option says {word!r} and the key does not" if word else None


@rule("key-not-odd-one-out")
def key_not_odd_one_out(q: Question, ctx: GateContext) -> str | None:
    """The key is not the lone odd one out by form or length."""
    return odd_one_out(q.answer, [o.text for o in q.options if not o.correct])


def also_correct(text: str, fact_id: str, ctx: GateContext) -> bool:
    fact = ctx.fact(fact_id)
    if fact is None:
        return False
    return normalise(text) in ctx.right_answers(fact) or grade_text(text, fact.answers).correct


@rule("no-option-also-correct")
def no_option_also_correct(q: Question, ctx: GateContext) -> str | None:
    """No wrong option is also right: an accepted form, a variant of the same
    person, the same fact's answer in the other source, or another member of the
    same list (`group`)."""
    fact = ctx.fact(q.fact_id)
    for option in q.options:
        if not option.correct and also_correct(option.text, q.fact_id, ctx):
            return f"the wrong option {option.text!r} is also a right answer"
        source = ctx.fact(option.fact_id) if not option.correct else None
        if fact and fact.group and source and source.group == fact.group:
            return f"the wrong option {option.text!r} belongs to the same list ({fact.group})"
    return None


@rule("no-source-named")
def no_source_named(q: Question, ctx: GateContext) -> str | None:
    """The text to attribute does not name its source."""
    named = names_a_source(q.prompt, ctx.names)
    return f"the prompt names a source ({named!r})" if named else None


def given_words(key: str, prompt: str) -> set[str]:
    """The key's names (capitalised words) that the prompt itself contains:
    "Which Ivan ...?" -> {"ivan"} for the key "Ivan Bakayev"."""
    said = set(normalise(prompt).split())
    return {
        normalise(w)
        for w in re.findall(r"[A-Z][\w’'-]{2,}", key)
        if normalise(w) in said and normalise(w) not in ("the",)
    }


@rule("no-option-ruled-out-by-prompt")
def no_option_ruled_out_by_prompt(q: Question, ctx: GateContext) -> str | None:
    """No wrong option can be ruled out from the prompt's own words (it is named
    in the prompt), and no name the prompt shares with the key ("Which Ivan ...?")
    marks the key out."""
    prompt = f" {normalise(q.prompt)} "
    wrong = [o.text for o in q.options if not o.correct]
    for text in wrong:
        if f" {normalise(text)} " in prompt:
            return f"the prompt itself names the wrong option {text!r}"
    fact = ctx.fact(q.fact_id)
    names = given_words(q.answer, q.prompt) if fact and fact.answer_type == "person" else set()
    for word in names:
        if not any(word in normalise(t).split() for t in wrong):
            return f"the prompt says {word!r}, which only the key contains"
    return None


@rule("disputed-names-source")
def disputed_names_source(q: Question, ctx: GateContext) -> str | None:
    """A fact the sources disagree on (in `disputes.yaml`) is asked only with its
    source named ("According to the encyclopedia, ..."), never as plain recall."""
    fact = ctx.fact(q.fact_id)
    if fact is None or fact.id not in ctx.disputed:
        return None
    if names_a_source(q.prompt, ctx.names):
        return None
    return "the sources disagree on this fact, and the prompt does not say whose account it asks"


OPTION_RULES = (
    options_of_one_kind,
    key_not_odd_one_out,
    key_shares_the_options_wording,
    no_option_also_correct,
    no_option_ruled_out_by_prompt,
)

__all__ = [
    "BLANK",
    "COMMON_RULES",
    "LOW_VALUE",
    "OPTION_RULES",
    "also_correct",
    "blank_only_in_cloze",
    "disputed_names_source",
    "complete_sentence",
    "importance_known",
    "key_not_odd_one_out",
    "key_shares_the_options_wording",
    "low_value_is_detail",
    "no_doubled_punctuation",
    "no_ellipsis",
    "given_words",
    "no_option_also_correct",
    "no_option_ruled_out_by_prompt",
    "no_source_named",
    "no_templating_scars",
    "odd_one_out",
    "options_of_one_kind",
    "texts_of",
]
