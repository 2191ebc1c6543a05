"""The curated item material on facts (distractors, false statements, cloze,
claim): parsed from YAML and checked against the fact's answers, its source and
the people index."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from question_bank.fact import (
    ANSWER_MODES,
    DEFAULT_IMPORTANCE,
    IMPORTANCE,
    Distractor,
    Fact,
    FalseStatement,
    Person,
    cloze_parts,
)
from question_bank.norm import normalise
from question_bank.source import Source

if TYPE_CHECKING:
    from question_bank.loader import FactBase


def locate_near(text: str, quote: str, near: int) -> tuple[int, int] | None:
    """(start, end) of the occurrence of `quote` nearest to offset `near`."""
    if not quote:
        return None
    best: int | None = None
    at = text.find(quote)
    while at >= 0:
        if best is None or abs(at - near) < abs(best - near):
            best = at
        at = text.find(quote, at + 1)
    return None if best is None else (best, best + len(quote))


def parse_distractors(raw: Any, problems: list[str]) -> tuple[Distractor, ...]:
    found = []
    for item in raw or []:
        if not isinstance(item, dict) or not str(item.get("text") or "").strip():
            problems.append(f"a distractor needs `text` and `why`: {item!r}")
            continue
        text, why = str(item["text"]).strip(), str(item.get("why") or "").strip()
        if not why:
            problems.append(f"distractor {text!r} needs a `why` (shown to a student who chose it)")
        found.append(Distractor(text, why))
    return tuple(found)


def parse_false_statements(
    raw: Any,
    fact_source: Source,
    fact_quote: str,
    fact_start: int,
    sources: dict[str, Source],
    problems: list[str],
) -> tuple[FalseStatement, ...]:
    """Each false statement with the passage that contradicts it, pinned."""
    found = []
    for item in raw or []:
        if not isinstance(item, dict) or not str(item.get("text") or "").strip():
            problems.append(f"a false statement needs `text` and `why`: {item!r}")
            continue
        text, why = str(item["text"]).strip(), str(item.get("why") or "").strip()
        if not why:
            problems.append(f"false statement {text[:50]!r} needs a `why`")
        source_id = str(item.get("source") or fact_source.id)
        source = sources.get(source_id)
        if source is None:
            problems.append(f"false statement {text[:50]!r}: unknown source {source_id!r}")
            continue
        quote = str(item.get("quote") or fact_quote)
        near = fact_start if source.id == fact_source.id else 0
        located = locate_near(source.text, quote, near)
        if located is None:
            problems.append(
                f"false statement {text[:50]!r}: its quote is not in {source_id!r} verbatim: "
                f"{quote[:60]!r}"
            )
            continue
        found.append(FalseStatement(text, why, quote, source.id, *located))
    return tuple(found)


def parse_material(
    raw: dict[str, Any],
    source: Source,
    quote: str,
    start: int,
    sources: dict[str, Source],
    problems: list[str],
) -> dict[str, Any]:
    """The item-material fields of a Fact from its YAML mapping."""
    importance = str(raw.get("importance") or DEFAULT_IMPORTANCE)
    if importance not in IMPORTANCE:
        problems.append(f"importance {importance!r} is not one of {', '.join(IMPORTANCE)}")
        importance = DEFAULT_IMPORTANCE
    mode = str(raw.get("answer_mode") or "")
    if mode not in ANSWER_MODES:
        problems.append(f"answer_mode {mode!r} is not 'choice' (or absent)")
        mode = ""
    return {
        "importance": importance,
        "distractors": parse_distractors(raw.get("distractors"), problems),
        "false_statements": parse_false_statements(
            raw.get("false_statements"), source, quote, start, sources, problems
        ),
        "cloze": str(raw.get("cloze") or "").strip(),
        "claim": str(raw.get("claim") or "").strip(),
        "answer_mode": mode,
        "group": str(raw.get("group") or "").strip(),
        "duplicate_of": str(raw.get("duplicate_of") or "").strip(),
    }


def material_problems(fact: Fact) -> list[str]:
    """The curated item material checked against the fact's own answers."""
    found = []
    answers = {normalise(a) for a in fact.answers if a}
    for distractor in fact.distractors:
        if normalise(distractor.text) in answers:
            found.append(f"distractor {distractor.text!r} is an accepted answer")
    seen: set[str] = set()
    for distractor in fact.distractors:
        norm = normalise(distractor.text)
        if norm in seen:
            found.append(f"distractor {distractor.text!r} is given twice")
        seen.add(norm)
    for false in fact.false_statements:
        if normalise(false.text) == normalise(fact.statement):
            found.append(f"false statement {false.text[:50]!r} is the fact's true statement")
    if fact.cloze:
        parts = cloze_parts(fact.cloze)
        if parts is None:
            found.append("the cloze must mark exactly one gap as [[answer]]")
        elif normalise(parts[1]) not in answers:
            found.append(f"the cloze gap [[{parts[1]}]] is neither the answer nor an accepted form")
    return found


def source_names(base: FactBase) -> list[str]:
    """Words that name a source: "encyclopedia", "essay", its short title, its
    publisher, its author's surname, and its title where that is more than a topic
    ("Moscow trials" is also what the sources are about)."""
    names = {"encyclopedia", "encyclopaedia", "essay", "Wikipedia"}
    for source in base.sources.values():
        short = re.sub(r"^(the|a|an)\s+", "", source.short_title, flags=re.IGNORECASE)
        names.add(short)
        if len(source.title.split()) > 2:
            names.add(source.title)
        if source.publisher:
            names.add(source.publisher)
        if source.author and "contributors" not in source.author:
            names.add(source.author.split()[-1])
    return sorted(names, key=len, reverse=True)


def names_a_source(text: str, names: list[str]) -> str | None:
    """The first source name `text` contains (whole words, any case), or None."""
    for name in names:
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
            return name
    return None


def variant_index(base: FactBase) -> dict[str, list[Person]]:
    """Normalised name or recorded variant -> the people it names."""
    index: dict[str, list[Person]] = {}
    for person in base.people.values():
        for norm in {normalise(v) for v in (person.name, *person.variants) if v}:
            index.setdefault(norm, []).append(person)
    return index


def answer_people(
    base: FactBase, fact: Fact, index: dict[str, list[Person]] | None = None
) -> list[Person]:
    """The people the fact's answer names (by their name or a recorded variant)."""
    index = variant_index(base) if index is None else index
    found: dict[str, Person] = {}
    for answer in fact.answers:
        for person in index.get(normalise(answer), []):
            found[person.id] = person
    return list(found.values())


def people_material_problems(
    base: FactBase, fact: Fact, index: dict[str, list[Person]] | None = None
) -> list[str]:
    """Distractors that are the answer under another recorded spelling; claims
    that name a source."""
    found = []
    variants = {
        normalise(v): p.name
        for p in answer_people(base, fact, index)
        for v in (p.name, *p.variants)
    }
    for distractor in fact.distractors:
        name = variants.get(normalise(distractor.text))
        if name and normalise(distractor.text) not in {normalise(a) for a in fact.answers}:
            found.append(f"distractor {distractor.text!r} is a recorded variant of {name}")
    if fact.claim:
        named = names_a_source(fact.claim, source_names(base))
        if named:
            found.append(f"the claim names a source ({named!r}); word it neutrally")
    return found


__all__ = [
    "answer_people",
    "locate_near",
    "material_problems",
    "names_a_source",
    "parse_distractors",
    "parse_false_statements",
    "parse_material",
    "people_material_problems",
    "source_names",
    "variant_index",
]
