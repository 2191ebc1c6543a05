"""Read the fact base from YAML, computing every quote's offsets.

Loading never stops at the first problem: it collects them all, so a curator
sees the whole list at once (`python -m question_bank check`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml's parser is several times faster; the pure-Python one gives the same result
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

from question_bank.fact import (
    ANSWER_TYPES,
    Dispute,
    Fact,
    Person,
    Reading,
    Topic,
)
from question_bank.material import (
    material_problems,
    parse_material,
    people_material_problems,
    variant_index,
)
from question_bank.source import Source, load_source

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCES_DIR = PACKAGE_DIR / "sources"
FACTS_DIR = PACKAGE_DIR / "facts"

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class FactBase:
    """Everything curated: sources, topics, people, facts and disputes."""

    sources: dict[str, Source]
    topics: dict[str, Topic]
    people: dict[str, Person]
    facts: dict[str, Fact]
    disputes: dict[str, Dispute]
    problems: list[Problem] = field(default_factory=list)

    def disputes_of(self, fact_id: str) -> list[Dispute]:
        return [d for d in self.disputes.values() if fact_id in d.fact_ids]


def locate(text: str, quote: str) -> tuple[int, int] | str:
    """(start, end) of the single occurrence of `quote`, or why it cannot be pinned."""
    if not quote:
        return "the quote is empty"
    start = text.find(quote)
    if start < 0:
        return "the quote is not in the source verbatim"
    if text.find(quote, start + 1) >= 0:
        return f"the quote occurs {text.count(quote)} times; lengthen it until it is unique"
    return start, start + len(quote)


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str | int | float):
        return (str(value),)
    return tuple(str(v) for v in value)


def _read_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)  # noqa: S506
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(Problem(_rel(path), f"not valid YAML: {exc}"))
        return None


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(PACKAGE_DIR.parent))
    except ValueError:
        return str(path)


def load_sources(directory: Path = SOURCES_DIR) -> tuple[dict[str, Source], list[Problem]]:
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    for meta_path in sorted(directory.glob("*.yaml")):
        try:
            source = load_source(meta_path)
        except (OSError, ValueError, KeyError, yaml.YAMLError) as exc:
            problems.append(Problem(_rel(meta_path), str(exc)))
            continue
        sources[source.id] = source
    return sources, problems


def parse_fact(
    raw: dict[str, Any],
    source: Source,
    section: str,
    where: str,
    problems: list[Problem],
    sources: dict[str, Source] | None = None,
) -> Fact | None:
    """One fact from its YAML mapping; problems are appended, None if unusable."""
    fact_id = str(raw.get("id") or "")
    label = f"{where}: {fact_id or '(fact without id)'}"
    if not ID_PATTERN.match(fact_id) or not fact_id.startswith(source.id + "-"):
        problems.append(
            Problem(label, f"the id must be lowercase-with-hyphens and start with '{source.id}-'")
        )
    kind = raw.get("kind", "fact")
    if kind not in ("fact", "opinion"):
        problems.append(Problem(label, f"kind must be 'fact' or 'opinion', not {kind!r}"))
        return None
    quote = str(raw.get("quote") or "")
    located = locate(source.text, quote)
    if isinstance(located, str):
        problems.append(Problem(label, located))
        return None
    start, end = located
    if end > source.body_end:
        problems.append(Problem(label, "the quote is in the notes or credits, not the body text"))
    if "\n" in quote:
        problems.append(Problem(label, "the quote spans paragraphs; quote within one"))
    date = raw.get("date")
    if date is not None and not DATE_PATTERN.match(str(date)):
        problems.append(Problem(label, f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD"))
        date = None
    material: list[str] = []
    fact = Fact(
        id=fact_id,
        source_id=source.id,
        section=section,
        kind=kind,
        quote=quote,
        start=start,
        end=end,
        statement=str(raw.get("statement") or "").strip(),
        topics=_tuple(raw.get("topics")),
        question=str(raw.get("question") or "").strip(),
        answer=str(raw.get("answer") if raw.get("answer") is not None else "").strip(),
        answer_type=str(raw.get("answer_type") or ""),
        accepted=tuple(a.strip() for a in _tuple(raw.get("accepted"))),
        people=_tuple(raw.get("people")),
        date=str(date) if date is not None else None,
        corroborated_by=_tuple(raw.get("corroborated_by")),
        file=where,
        **parse_material(raw, source, quote, start, sources or {source.id: source}, material),
    )
    problems.extend(Problem(label, message) for message in [*material, *fact_problems(fact)])
    return fact


def fact_problems(fact: Fact) -> list[str]:
    """What is wrong with one fact on its own (references are checked later)."""
    found = []
    if not fact.statement:
        found.append("the statement is missing")
    if not fact.topics:
        found.append("no topics")
    if fact.is_opinion:
        return found
    for name in ("question", "answer", "answer_type"):
        if not getattr(fact, name):
            found.append(f"the {name} is missing")
    if fact.answer_type and fact.answer_type not in ANSWER_TYPES:
        found.append(f"answer_type {fact.answer_type!r} is not one of {', '.join(ANSWER_TYPES)}")
    if fact.answer and fact.answer not in fact.statement:
        found.append(f"the statement does not contain the answer {fact.answer!r} verbatim")
    quote = fact.quote.casefold()
    if fact.answer and not any(a.casefold() in quote for a in fact.answers if a):
        found.append(
            f"the answer is not supported by the quote: neither {fact.answer!r} nor an "
            "accepted form occurs in it"
        )
    return found + material_problems(fact)


def load_disputes(path: Path, problems: list[Problem]) -> dict[str, Dispute]:
    disputes: dict[str, Dispute] = {}
    if not path.exists():
        return disputes
    data = _read_yaml(path, problems) or {}
    for raw in data.get("disputes", []):
        dispute = Dispute(
            id=str(raw["id"]),
            title=str(raw.get("title") or ""),
            kind=raw.get("kind", "between-sources"),
            fact_ids=_tuple(raw.get("facts")),
            note=str(raw.get("note") or "").strip(),
            question=str(raw.get("question") or "").strip(),
            readings=tuple(
                Reading(
                    str(r.get("text") or "").strip(),
                    bool(r.get("correct")),
                    str(r.get("why") or "").strip(),
                )
                for r in raw.get("options") or []
                if isinstance(r, dict)
            ),
        )
        if dispute.id in disputes:
            problems.append(Problem("disputes.yaml", f"duplicate dispute {dispute.id!r}"))
        disputes[dispute.id] = dispute
    return disputes


def load_fact_base(facts_dir: Path = FACTS_DIR, sources_dir: Path = SOURCES_DIR) -> FactBase:
    sources, problems = load_sources(sources_dir)

    topics: dict[str, Topic] = {}
    data = _read_yaml(facts_dir / "topics.yaml", problems) or {}
    for raw in data.get("topics", []):
        topics[raw["id"]] = Topic(raw["id"], raw.get("kind", "theme"), raw["title"])

    people: dict[str, Person] = {}
    for path in sorted((facts_dir / "people").glob("*.yaml")):
        data = _read_yaml(path, problems) or {}
        for raw in data.get("people", []):
            person = Person(
                id=str(raw["id"]),
                name=str(raw["name"]),
                variants=_tuple(raw.get("variants")),
                role=str(raw.get("role") or ""),
            )
            if person.id in people:
                problems.append(Problem(_rel(path), f"person {person.id!r} is defined twice"))
                continue
            people[person.id] = person

    facts: dict[str, Fact] = {}
    for path in sorted(p for p in facts_dir.glob("*/*.yaml") if p.parent.name != "people"):
        where = _rel(path)
        data = _read_yaml(path, problems)
        if not isinstance(data, dict):
            continue
        source = sources.get(str(data.get("source")))
        if source is None:
            problems.append(Problem(where, f"unknown source {data.get('source')!r}"))
            continue
        for raw in data.get("facts") or []:
            fact = parse_fact(raw, source, str(data.get("section") or ""), where, problems, sources)
            if fact is None:
                continue
            if fact.id in facts:
                problems.append(Problem(where, f"duplicate fact id {fact.id!r}"))
                continue
            facts[fact.id] = fact

    disputes = load_disputes(facts_dir / "disputes.yaml", problems)

    base = FactBase(sources, topics, people, facts, disputes, problems)
    problems.extend(reference_problems(base))
    return base


def reference_problems(base: FactBase) -> list[Problem]:
    """Dangling or inconsistent references between facts, people, topics, disputes."""
    found: list[Problem] = []
    index = variant_index(base)
    for fact in base.facts.values():
        label = f"{fact.file}: {fact.id}"
        for topic in fact.topics:
            if topic not in base.topics:
                found.append(Problem(label, f"unknown topic {topic!r} (see facts/topics.yaml)"))
        for person in fact.people:
            if person not in base.people:
                found.append(Problem(label, f"unknown person {person!r} (see facts/people/)"))
        for other_id in fact.corroborated_by:
            other = base.facts.get(other_id)
            if other is None:
                found.append(Problem(label, f"corroborated_by names unknown fact {other_id!r}"))
            elif other.source_id == fact.source_id:
                found.append(Problem(label, f"corroborated_by {other_id!r} is the same source"))
        if fact.duplicate_of:
            stronger = base.facts.get(fact.duplicate_of)
            if stronger is None or stronger.id == fact.id:
                found.append(
                    Problem(label, f"duplicate_of names no other fact: {fact.duplicate_of!r}")
                )
        found.extend(Problem(label, m) for m in people_material_problems(base, fact, index))
    for dispute in base.disputes.values():
        label = f"disputes.yaml: {dispute.id}"
        if dispute.kind not in ("between-sources", "within-source"):
            found.append(Problem(label, f"unknown kind {dispute.kind!r}"))
        if len(dispute.fact_ids) < 2:
            found.append(Problem(label, "a dispute needs at least two facts"))
        members = [base.facts.get(fid) for fid in dispute.fact_ids]
        for fid, member in zip(dispute.fact_ids, members, strict=True):
            if member is None:
                found.append(Problem(label, f"unknown fact {fid!r}"))
        known = [m for m in members if m is not None]
        sources = {m.source_id for m in known}
        if dispute.kind == "between-sources" and len(known) >= 2 and len(sources) < 2:
            found.append(Problem(label, "a between-sources dispute needs facts of both sources"))
        if dispute.kind == "within-source" and len(sources) > 1:
            found.append(Problem(label, "a within-source dispute must quote one source"))
        if not dispute.note:
            found.append(Problem(label, "say what differs in `note`"))
        if dispute.readings:
            right = sum(r.correct for r in dispute.readings)
            if right != 1 or len(dispute.readings) < 4:
                found.append(
                    Problem(label, f"give at least 4 options, exactly 1 correct (not {right})")
                )
            for reading in dispute.readings:
                if not reading.text or not reading.why:
                    found.append(Problem(label, "each option needs `text` and `why`"))
    return found


__all__ = [
    "FactBase",
    "Problem",
    "load_fact_base",
    "load_sources",
    "locate",
    "parse_fact",
]
