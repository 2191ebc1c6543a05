"""New sources added by teachers, and facts curated from them in the app.

A new source's text is stored once and never edited (a new version is a new
source). Facts are checked as `python -m question_bank check` checks them, and
questions come from the same generator as the built-in bank."""

from __future__ import annotations

import hashlib
import random
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import question_bank as qb
from app.models import Fact, Question, Source, Topic, User
from app.parsing import invisible_character_problem, slugify
from app.services import PermissionDenied, ServiceError, teaching
from app.services.bank import load_bank
from app.services.browse import topics
from app.services.proposals import Proposal, propose
from app.services.visibility import source_clause
from question_bank.fact import ANSWER_TYPES
from question_bank.fact import Fact as BankFact
from question_bank.fact import Topic as BankTopic
from question_bank.loader import FACTS_DIR, FactBase, fact_problems
from question_bank.source import Source as BankSource

MAX_CHARS = 300_000
PERSPECTIVES = {
    "reference": "Reference work",
    "partisan": "Partisan or political writing",
    "primary": "Primary source (document of the time)",
    "other": "Other",
}
_SKIPPED = {"head", "title", "script", "style", "template", "noscript"}
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "blockquote",
    "section",
    "article",
}


class _TextOf(HTMLParser):
    """Plain text of an HTML document: block elements become line breaks;
    scripts and styles are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """A "<![" that opens neither CDATA nor a conditional section is text
        (the standard library's parser stops on it with an AssertionError)."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.handle_data("<![")
            return i + 3


def to_text(raw: str, kind: str) -> str:
    """Plain UTF-8 text from pasted or uploaded text, Markdown or HTML."""
    if kind == "html":
        parser = _TextOf()
        parser.feed(raw)
        raw = "".join(parser.parts)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return text


def add_source(
    db: Session,
    user: User,
    title: str,
    author: str,
    date: str,
    perspective: str,
    licence: str,
    raw: str,
    kind: str,
    page_starts: list[int] | None = None,
) -> Source:
    """`raw` is the pasted or uploaded text; a PDF's text comes already
    extracted (app.services.pdf), with the offset where each page starts."""
    if not user.is_teacher:
        raise PermissionDenied("Only teachers can add sources.")
    if perspective not in PERSPECTIVES:
        raise ServiceError("Choose what kind of source this is.")
    if len(raw) > MAX_CHARS:
        raise ServiceError(f"The text is longer than {MAX_CHARS:,} characters; add it in parts.")
    text = to_text(raw, kind)
    if len(text.strip()) < 20:
        raise ServiceError("The text is empty or too short to quote from.")
    hidden = invisible_character_problem(text, multiline=True)
    if hidden is not None:
        raise ServiceError(
            f"The text holds an invisible control character ({hidden}); "
            "remove it and add the text again."
        )
    digest = hashlib.sha256(text.encode()).hexdigest()
    source_id = f"{slugify(title, 40, 'source')}-{digest[:6]}"
    if db.get(Source, source_id) is not None:
        raise ServiceError("This text was already added, under the same title.")
    same = db.scalars(
        select(Source).where(Source.sha256 == digest, source_clause(user)).limit(1)
    ).first()
    if same is not None:
        raise ServiceError(
            f"This text was already added, as “{same.title}”: curate that source instead."
        )
    attribution = (
        f"{title}"
        + (f", {author}" if author else "")
        + (f" ({date})" if date else "")
        + f". {licence}."
    )
    source = Source(
        id=source_id,
        title=title,
        short_title=title[:120],
        author=author or None,
        publisher=None,
        date=date or None,
        date_note=date or None,
        url=None,
        perspective=perspective,
        perspective_note=f"Added by {user.display_name}; {PERSPECTIVES[perspective].lower()}.",
        licence=licence,
        licence_url=None,
        attribution=attribution,
        sha256=digest,
        text=text,
        body_end=len(text),
        builtin=False,
        owner_id=user.id,
        format="markdown" if kind == "markdown" else "text",
        page_starts=list(page_starts or []),
        rejected_questions=[],
    )
    db.add(source)
    db.flush()
    add_topics(db, source)
    return source


_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*#*$", re.MULTILINE)


def sections(source: Source) -> list[tuple[int, str]]:
    """(offset, title) of each section of a teacher's source: its Markdown
    headings, or the whole text under the source's title."""
    found: list[tuple[int, str]] = []
    if source.format == "markdown":
        found = [(m.start(), m.group(2).strip("*_ ")) for m in _HEADING.finditer(source.text)]
        found = [(o, t) for o, t in found if t][:30]
    if not found or source.text[: found[0][0]].strip():
        found = [(0, source.short_title), *found]
    return found


def topic_id(source: Source, index: int) -> str:
    return f"{source.id}:{index}"


def add_topics(db: Session, source: Source) -> list[Topic]:
    """The source's own topics, one per section, for its facts and the menus."""
    last = db.scalar(select(func.max(Topic.position))) or 0
    rows = []
    for i, (_, title) in enumerate(sections(source)):
        topic = Topic(
            id=topic_id(source, i),
            kind="section",
            title=title[:200],
            position=last + 1 + i,
            source_id=source.id,
        )
        db.add(topic)
        rows.append(topic)
    db.flush()
    return rows


def source_topics(db: Session, source: Source) -> list[Topic]:
    return list(
        db.scalars(select(Topic).where(Topic.source_id == source.id).order_by(Topic.position))
    )


def topic_at(db: Session, source: Source, offset: int) -> str:
    """The id of the section holding `offset`."""
    starts = sections(source)
    index = max((i for i, (o, _) in enumerate(starts) if o <= offset), default=0)
    ids = [t.id for t in source_topics(db, source)]
    return ids[index] if index < len(ids) else (ids[0] if ids else "general")


def source_for_curation(db: Session, user: User, source_id: str) -> Source:
    source = db.get(Source, source_id)
    if source is None or source.builtin or not (user.is_admin or source.owner_id == user.id):
        from app.services import NotFound

        raise NotFound("There is no such source to curate.")
    return source


MAX_PROPOSALS = 60
_proposals: OrderedDict[str, tuple[Proposal, ...]] = OrderedDict()
_proposals_lock = threading.Lock()
_CACHED_TEXTS = 32
# proposals kept per text, before those already curated are left out
_KEPT = 300


def _propose(text: str) -> tuple[Proposal, ...]:
    return tuple(propose(text, _KEPT))


def candidates(text: str, taken: set[str]) -> list[Proposal]:
    """Facts proposed from the text (app.services.proposals), most central
    first; a person accepts, edits or skips each one. Computed once per text
    (the curation page is viewed again after every fact) and kept by its SHA-256."""
    key = hashlib.sha256(text.encode()).hexdigest()
    with _proposals_lock:
        found = _proposals.get(key)
        if found is not None:
            _proposals.move_to_end(key)
    if found is None:
        found = _propose(text)
        with _proposals_lock:
            _proposals[key] = found
            while len(_proposals) > _CACHED_TEXTS:
                _proposals.popitem(last=False)
    return [c for c in found if c.sentence not in taken][:MAX_PROPOSALS]


def add_fact(
    db: Session,
    user: User,
    source: Source,
    quote: str,
    statement: str,
    question: str,
    answer: str,
    answer_type: str,
    accepted: list[str],
    topics: list[str],
    editing: str | None = None,
) -> Fact:
    """One curated fact, checked like the fact files, then the source's questions
    regenerated with the bank's generator. With `editing`, the fact of that id
    is corrected in place (its questions keep their history where they can)."""
    quote = quote.strip()
    if editing is not None:
        old = db.get(Fact, editing)
        if old is None or old.source_id != source.id or old.retired:
            raise ServiceError("That fact is not on this source any more.")
    start, end = teaching.passage_offsets(source.text, quote)
    if answer_type not in ANSWER_TYPES:
        raise ServiceError("Choose the kind of answer.")
    own = {t.id for t in source_topics(db, source)}
    topics = [t for t in topics if t in own] or [topic_at(db, source, start)]
    slug = slugify(answer, 30, "fact")
    fact_id = editing or f"{source.id}-{slug}-{hashlib.sha256(quote.encode()).hexdigest()[:6]}"
    candidate = BankFact(
        id=fact_id,
        source_id=source.id,
        section="Curated in the app",
        kind="fact",
        quote=quote,
        start=start,
        end=end,
        statement=statement.strip(),
        topics=tuple(topics),
        question=question.strip(),
        answer=answer.strip(),
        answer_type=answer_type,
        accepted=tuple(a.strip() for a in accepted if a.strip()),
    )
    problems = fact_problems(candidate)
    if problems:
        raise ServiceError("; ".join(problems).capitalize() + ".")
    if editing is None and db.get(Fact, fact_id) is not None:
        raise ServiceError("That passage already has this fact.")
    regenerate(db, source, extra=[candidate])
    fact = db.get(Fact, fact_id)
    assert fact is not None
    return fact


@dataclass
class CurationPage:
    source: Source
    facts: list[BankFact]
    proposals: list[Proposal]
    question_count: int
    topics: list[Topic]


def fact_topics(db: Session, source: Source) -> list[Topic]:
    """The topics a curated fact may have: the sections of its source (older
    sources, added before they had sections, keep the neutral topic)."""
    return source_topics(db, source) or [t for t in topics(db) if t.id == "general"]


def curation_page(db: Session, user: User, source_id: str) -> CurationPage:
    """What the curation page of a source shows: its facts, sentences proposed
    as new ones, and how many questions it has."""
    source = source_for_curation(db, user, source_id)
    facts = curated_facts(db, source)
    count = db.scalar(
        select(func.count())
        .select_from(Question)
        .where(Question.source_id == source.id, ~Question.retired)
    )
    proposals = candidates(source.text, {f.quote for f in facts})
    return CurationPage(source, facts, proposals, count or 0, fact_topics(db, source))


def _bank_source(source: Source) -> BankSource:
    return BankSource(
        id=source.id,
        title=source.title,
        short_title=source.short_title,
        author=source.author,
        publisher=source.publisher,
        date=source.date,
        date_note=source.date_note,
        url=source.url,
        perspective=source.perspective,
        perspective_note=source.perspective_note,
        licence=source.licence,
        licence_url=source.licence_url,
        attribution=source.attribution,
        sha256=source.sha256,
        text=source.text,
        body_end=source.body_end,
        builtin=False,
    )


def curated_facts(db: Session, source: Source) -> list[BankFact]:
    return [
        BankFact(
            id=f.id,
            source_id=f.source_id,
            section=f.section,
            kind="fact",
            quote=f.quote,
            start=f.start_offset,
            end=f.end_offset,
            statement=f.statement,
            topics=tuple(f.topics),
            question=f.question,
            answer=f.answer,
            answer_type=f.answer_type,
            accepted=tuple(f.accepted),
            date=f.event_date,
        )
        for f in db.scalars(
            select(Fact)
            .where(Fact.source_id == source.id, ~Fact.retired)
            .order_by(Fact.start_offset)
        )
    ]


def source_bank(db: Session, source: Source, extra: list[BankFact] | None = None) -> qb.Bank:
    """This source's questions as the bank's generator writes them (every one
    has passed the quality gate; `rejected` holds what failed, and why)."""
    facts = {f.id: f for f in [*curated_facts(db, source), *(extra or [])]}
    topics = {t.id: BankTopic(t.id, t.kind, t.title) for t in db.scalars(select(Topic))}
    base = FactBase({source.id: _bank_source(source)}, topics, {}, facts, {}, [])
    return qb.generate(base, random.Random(qb.DEFAULT_SEED))


def regenerate(db: Session, source: Source, extra: list[BankFact] | None = None) -> int:
    """Generate this source's questions with the bank's generator and load them,
    less those the teacher rejected in review; they belong to the teacher who
    added the source."""
    bank = source_bank(db, source, extra)
    rejected = set(source.rejected_questions or [])
    if rejected:
        bank = replace(bank, questions=tuple(q for q in bank.questions if q.id not in rejected))
    load_bank(db, bank, owner_id=source.owner_id)
    return len(bank.questions)


def export_facts(db: Session, directory: Path) -> list[Path]:
    """Write every teacher-added source and its curated facts in the fact-file
    format, for review and merging into question_bank/."""
    written = []
    sources_dir, facts_dir = directory / "sources", directory / "facts"
    sources_dir.mkdir(parents=True, exist_ok=True)
    facts_dir.mkdir(parents=True, exist_ok=True)
    topics_file = FACTS_DIR / "topics.yaml"
    bank_topics = yaml.safe_load(topics_file.read_text(encoding="utf-8")) or {}
    bank_topics.setdefault("topics", [])
    for topic in db.scalars(
        select(Topic).where(Topic.source_id.is_not(None)).order_by(Topic.position)
    ):
        bank_topics["topics"].append({"id": topic.id, "kind": topic.kind, "title": topic.title})
    (facts_dir / "topics.yaml").write_text(
        yaml.safe_dump(bank_topics, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for source in db.scalars(select(Source).where(Source.builtin.is_(False)).order_by(Source.id)):
        (sources_dir / f"{source.id}.txt").write_bytes(source.text.encode("utf-8"))
        (sources_dir / f"{source.id}.yaml").write_text(
            yaml.safe_dump(_source_meta(source), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        facts = []
        for fact in curated_facts(db, source):
            entry = {
                "id": fact.id,
                "quote": fact.quote,
                "question": fact.question,
                "statement": fact.statement,
                "answer": fact.answer,
                "answer_type": fact.answer_type,
                "accepted": list(fact.accepted),
                "topics": list(fact.topics),
            }
            if fact.date:
                entry["date"] = fact.date
            facts.append(entry)
        (facts_dir / source.id).mkdir(exist_ok=True)
        out = facts_dir / source.id / "01-curated.yaml"
        out.write_text(
            yaml.safe_dump(
                {"source": source.id, "section": "Curated in the app", "facts": facts},
                allow_unicode=True,
                sort_keys=False,
                width=100,
            ),
            encoding="utf-8",
        )
        written.append(out)
    return written


def _source_meta(source: Source) -> dict[str, Any]:
    """A source's metadata file, as question_bank/sources/*.yaml has it."""
    return {
        "id": source.id,
        "file": f"{source.id}.txt",
        "title": source.title,
        "short_title": source.short_title,
        "author": source.author,
        "publisher": source.publisher,
        "date": source.date,
        "date_note": source.date_note,
        "url": source.url,
        "perspective": source.perspective,
        "perspective_note": source.perspective_note,
        "licence": source.licence,
        "licence_url": source.licence_url,
        "attribution": source.attribution,
        "body_ends_before": None,
        "sha256": source.sha256,
    }


def set_source_published(db: Session, source: Source, published: bool) -> None:
    """Publish the source or take it back; not while a published lesson quotes
    it or asks its questions (its students would meet passages they cannot
    open). The caller has checked that the user may curate it."""
    from app.models import Lesson
    from app.services import visibility

    if not published:
        own_questions = set(db.scalars(select(Question.id).where(Question.source_id == source.id)))
        using = [
            lesson.title
            for lesson in db.scalars(select(Lesson).where(Lesson.status == "published"))
            if any(
                (i.kind == "passage" and i.source_id == source.id)
                or (i.kind == "questions" and own_questions & set(i.question_ids))
                for i in lesson.items
            )
        ]
        if using:
            raise ServiceError(
                "Published lessons use this source ("
                + ", ".join(f"“{t}”" for t in sorted(using)[:5])
                + "): take them back to draft first."
            )
    visibility.set_published(source, published)


def rename_source(db: Session, source: Source, title: str) -> None:
    """A new title for a teacher's source (its text never changes)."""
    title = title.strip()
    if not title:
        raise ServiceError("Give the source a title.")
    if invisible_character_problem(title) is not None:
        raise ServiceError("The title holds an invisible control character.")
    old_short = source.short_title
    if source.attribution.startswith(source.title):
        source.attribution = title + source.attribution[len(source.title) :]
    source.title, source.short_title = title[:300], title[:120]
    for topic in source_topics(db, source):
        if topic.title == old_short:  # the section named after the whole text
            topic.title = source.short_title
    db.flush()
