"""What a student sees after answering: right or wrong, the answer, why the
chosen option is wrong, and the passages that prove it (both sources' where
they disagree)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AttemptAnswer, Dispute, Fact, Source
from app.services.pdf import page_of
from app.services.question_types import app_type
from app.services.reading import highlight_answer

# "The source “…” says: “…”." closing an option's explanation: the passage quoted
_SAYS = re.compile(
    r"(?:^|(?<=[.!?])\s+)[A-Z][^“”.!?]*?(?:“[^”]*”)?\s+says: “(?P<quote>.*)”\.?\s*$", re.S
)


def without_shown_quote(why: str, links: list[dict[str, Any]]) -> str:
    """Why an option is wrong, without the passage it quotes when feedback shows
    that passage anyway, right under it: the same words twice read as a fault."""
    found = _SAYS.search(why)
    if found is None:
        return why
    quote = found.group("quote").rstrip("….")[:40]
    if not any(
        quote.replace("‘", "").replace("’", "")[:30] in link["quote"].replace('"', "")
        for link in links
    ):
        return why
    rest = why[: found.start()].strip()
    if rest in ("", "It is true."):
        return (
            "It is true: the passage below says so."
            if rest
            else "The passage below says otherwise."
        )
    return rest


SOURCE_COLUMNS = (
    Source.id,
    Source.title,
    Source.short_title,
    Source.author,
    Source.perspective,
    Source.perspective_note,
    Source.licence,
    Source.licence_url,
    Source.builtin,
)


@dataclass(frozen=True)
class SourceInfo:
    id: str
    title: str
    short_title: str
    author: str | None
    perspective: str
    perspective_note: str
    licence: str
    licence_url: str | None
    builtin: bool
    # a PDF's text: the offset where each page starts
    page_starts: list[int] = field(default_factory=list, compare=False)


@dataclass(frozen=True)
class Passage:
    source: SourceInfo
    fact_id: str
    quote_html: Markup
    # the page of a PDF source the passage starts on
    page: int | None = None


@dataclass(frozen=True)
class DisputeNote:
    title: str
    note: str
    passages: list[Passage]


@dataclass
class Feedback:
    answered: bool
    correct: bool
    score: float
    message: str
    given: str
    right_answer: str
    why_wrong: str
    passages: list[Passage]
    disputes: list[DisputeNote] = field(default_factory=list)
    explanation: str = ""


class FeedbackContext:
    """Everything feedback needs, loaded once per page (a constant number of
    queries however many questions are shown)."""

    def __init__(self, db: Session, answers: list[AttemptAnswer]) -> None:
        pages: dict[str, list[int]] = {
            sid: starts
            for sid, starts in db.execute(
                select(Source.id, Source.page_starts).where(Source.builtin.is_(False))
            )
            if starts
        }
        self.sources = {
            row.id: SourceInfo(*row, page_starts=list(pages.get(row.id) or []))
            for row in db.execute(select(*SOURCE_COLUMNS)).all()
        }
        facts_wanted = {fid for a in answers for fid in a.question_data.get("fact_ids", [])}
        self.disputes: dict[str, list[Dispute]] = {}
        all_disputes = [
            d
            for d in db.scalars(select(Dispute).where(~Dispute.retired))
            if facts_wanted & set(d.fact_ids)
        ]
        other_facts = {fid for d in all_disputes for fid in d.fact_ids}
        self.quotes: dict[str, tuple[str, str]] = {}
        self.starts: dict[str, int] = {}
        if other_facts:
            for fid, sid, quote, start in db.execute(
                select(Fact.id, Fact.source_id, Fact.quote, Fact.start_offset).where(
                    Fact.id.in_(other_facts)
                )
            ):
                self.quotes[fid] = (sid, quote)
                self.starts[fid] = start
        # a teacher's dispute is shown with every passage public, or not at all
        public = set(
            db.scalars(
                select(Source.id).where(
                    Source.builtin.is_(True) | (Source.published.is_(True) & ~Source.retired)
                )
            )
        )
        for dispute in all_disputes:
            if dispute.owner_id is not None and not all(
                fid in self.quotes and self.quotes[fid][0] in public for fid in dispute.fact_ids
            ):
                continue
            for fid in dispute.fact_ids:
                if fid in facts_wanted:
                    self.disputes.setdefault(fid, []).append(dispute)

    def source(self, source_id: str) -> SourceInfo:
        return self.sources[source_id]

    def build(self, answer: AttemptAnswer) -> Feedback:
        data = answer.question_data
        given = describe_response(data, answer.response)
        why_wrong = ""
        kind = app_type(data["type"])
        if answer.is_answered and not answer.correct and kind.explains_options:
            for option in data.get("option_details", []):
                if option["text"] == answer.response and option.get("explanation"):
                    why_wrong = option["explanation"]
        if why_wrong:
            why_wrong = without_shown_quote(why_wrong, [data["source"], *data.get("links", [])])
        answer_forms = [data["answer"], *data.get("accepted", [])]
        passages = [
            Passage(
                self.sources[link["source_id"]],
                link["fact_id"],
                highlight_answer(link["quote"], answer_forms),
                page_of(self.sources[link["source_id"]].page_starts, link.get("start", 0)),
            )
            for link in [data["source"], *data.get("links", [])]
            if link["source_id"] in self.sources
        ]
        shown = {p.fact_id for p in passages}
        notes = []
        seen: set[str] = set()
        for fid in data.get("fact_ids", []):
            for dispute in self.disputes.get(fid, []):
                if dispute.id in seen:
                    continue
                seen.add(dispute.id)
                extra = [
                    Passage(
                        self.sources[sid],
                        other,
                        highlight_answer(quote, []),
                        page_of(self.sources[sid].page_starts, self.starts.get(other, 0)),
                    )
                    for other in dispute.fact_ids
                    if other not in shown and other in self.quotes
                    for sid, quote in [self.quotes[other]]
                    if sid in self.sources
                ]
                notes.append(DisputeNote(dispute.title, dispute.note, extra))
        return Feedback(
            answered=answer.is_answered,
            correct=bool(answer.correct),
            score=answer.score or 0.0,
            message=answer.message or "",
            given=given,
            right_answer=describe_answer(data),
            why_wrong=why_wrong,
            passages=passages,
            disputes=notes,
            explanation=data.get("explanation", ""),
        )


def describe_response(data: dict[str, Any], response: Any) -> str:
    if response is None:
        return "(no answer)"
    return app_type(data["type"]).describe_response(data, response)


def describe_answer(data: dict[str, Any]) -> str:
    return app_type(data["type"]).describe_answer(data)
