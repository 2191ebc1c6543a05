"""Reading the sources and browsing the curated facts. Public: no login needed;
a teacher's unpublished source and teachers' own questions are not public
(app.services.visibility)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, render_template, request, url_for
from flask_login import current_user

from app.extensions import db
from app.services import browse, catalogue
from app.services.reading import Highlight, shown_blocks
from question_bank import giveaway

bp = Blueprint("sources", __name__, url_prefix="/sources")


@bp.app_template_global()
def passage_url(source_id: str, fact_id: str, back: str | None = None) -> str:
    """Where every answer links: the source page, scrolled to the highlighted passage;
    `back`, the page the reader came from, gets a link back at the top."""
    return url_for(
        "sources.show", source_id=source_id, passage=fact_id, back=back, _anchor="passage"
    )


@bp.app_template_global()
def topic_mark(topic_id: str) -> catalogue.TopicMark:
    """A trial's or theme's title and hue class, for its coloured mark on study pages
    (the topics are read once per request)."""
    marks: dict[str, catalogue.TopicMark] | None = g.get("topic_marks")
    if marks is None:
        marks = g.topic_marks = catalogue.topic_marks(db.session)
    return marks.get(topic_id) or catalogue.TopicMark(
        topic_id, topic_id, catalogue.hue_of(topic_id)
    )


@bp.app_template_global()
def topics_beside(topic_ids: list[str] | None, question: dict[str, Any] | None = None) -> list[str]:
    """The topics whose marks go beside a card not yet turned: not one whose name
    gives the answer away ("Third trial: the Twenty-One (March 1938)" beside a card
    whose answer is 21), however short the answer."""
    return [
        t
        for t in topic_ids or []
        if question is None or not giveaway.gives_away(topic_mark(t).title, question, 1)
    ]


def _back_link(value: str | None) -> tuple[str, str] | None:
    """A link back to one of the app's study pages, never to another site."""
    if not value or len(value) > 500 or not value.startswith("/") or value.startswith("//"):
        return None
    if "\\" in value or any(c in value for c in "\r\n\t"):
        return None
    if value.startswith("/quiz/"):
        return value, "Back to the question"
    if value.startswith("/cards/"):
        return value, "Back to your card"
    if value.startswith("/lessons/"):
        return value, "Back to the lesson"
    return None


@bp.get("/")
def index() -> str:
    return render_template(
        "sources/index.html", sources=browse.list_sources(db.session, current_user)
    )


@bp.get("/<source_id>")
def show(source_id: str) -> str:
    source = browse.get_source(db.session, source_id, current_user)
    highlights: list[Highlight] = []
    passage = None
    fact_id = request.args.get("passage", "")[:200]
    if fact_id:
        passage = browse.get_fact(db.session, fact_id, current_user)
        if passage is None or passage.source_id != source.id:
            passage = None
        else:
            highlights.append(
                Highlight(passage.start_offset, passage.end_offset, "passage", "passage")
            )
    start = request.args.get("start", type=int)
    end = request.args.get("end", type=int)
    selected = None
    if start is not None and end is not None and 0 <= start < end <= len(source.text):
        highlights.append(Highlight(start, end, "passage", "passage"))
        selected = source.text[start:end]
    rendered = shown_blocks(source.text, source.format, highlights)
    teacher_lessons = []
    if current_user.is_authenticated and current_user.is_teacher and (passage or selected):
        from app.services import teaching

        teacher_lessons = [
            lesson
            for lesson in teaching.lessons_of_teacher(db.session, current_user)
            if lesson.teacher_id == current_user.id
        ]
    can_curate = bool(
        selected
        and not source.builtin
        and current_user.is_authenticated
        and (current_user.is_admin or source.owner_id == current_user.id)
    )
    from app.services.pdf import page_of

    return render_template(
        "sources/show.html",
        passage_page=page_of(source.page_starts, passage.start_offset) if passage else None,
        teacher_lessons=teacher_lessons,
        can_curate=can_curate,
        source=source,
        blocks=rendered,
        passage=passage,
        selected=selected,
        missing_passage=bool(fact_id) and passage is None,
        back=_back_link(request.args.get("back")),
    )


@bp.get("/facts")
def facts() -> str:
    source_id = request.args.get("source") or None
    topic = request.args.get("topic") or None
    text = (request.args.get("q") or "").strip()[:100] or None
    page = request.args.get("page", 1, type=int)
    result = browse.search_facts(db.session, current_user, source_id, topic, text, page)
    return render_template(
        "sources/facts.html",
        result=result,
        sources=browse.sources_by_id(db.session, current_user),
        topics=browse.topics(db.session, current_user),
        chosen={"source": source_id, "topic": topic, "q": text},
    )


@bp.get("/people")
def people() -> str:
    return render_template(
        "sources/people.html", people=browse.people_index(db.session, current_user)
    )


@bp.get("/people/<person_id>")
def person(person_id: str) -> str:
    person, facts = browse.person_facts(db.session, person_id, current_user)
    return render_template(
        "sources/person.html",
        person=person,
        facts=facts,
        sources=browse.sources_by_id(db.session, current_user),
    )


@bp.get("/timeline")
def timeline() -> str:
    return render_template(
        "sources/timeline.html",
        facts=browse.timeline(db.session, current_user),
        sources=browse.sources_by_id(db.session, current_user),
    )


@bp.get("/disagreements")
def disputes() -> str:
    return render_template(
        "sources/disputes.html",
        disputes=browse.disputes(db.session, current_user),
        sources=browse.sources_by_id(db.session, current_user),
    )
