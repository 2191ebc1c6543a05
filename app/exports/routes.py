"""Downloads: Anki decks, Moodle XML and GIFT, worksheets, a student's own data."""

from __future__ import annotations

import json
from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response as BaseResponse

from app import clock
from app.auth.decorators import teacher_required
from app.extensions import db
from app.models import Fact, Question, QuestionTag, Source
from app.parsing import slugify, whole_number
from app.services import cards, exports, own_data, teaching, visibility
from app.services.catalogue import Kind
from app.services.markdown import render_markdown

bp = Blueprint("exports", __name__)


@bp.errorhandler(teaching.WorkClosed)
def work_closed(error: teaching.WorkClosed) -> BaseResponse:
    """A worksheet of work that is closed now: the dashboard says why."""
    db.session.rollback()
    flash(str(error), "info")
    return redirect(url_for("classes.index"))


def _download(body: bytes | str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _fact_link(fact: Any) -> str:
    if isinstance(fact, dict):  # a question's exported form
        source_id, fact_id = fact["source"]["source_id"], fact["source"]["fact_id"]
    else:
        source_id, fact_id = fact.source_id, fact.id
    return absolute_url("sources.show", source_id=source_id, passage=fact_id, _anchor="passage")


def absolute_url(endpoint: str, **values: Any) -> str:
    """A full link for a file that leaves the site. From BASE_URL when it is set
    (in production: the Host header is whatever the client sent), else from the
    address of this request."""
    base: str | None = current_app.config.get("BASE_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def _sources() -> dict[str, Source]:
    """Titles for the facts and questions already chosen for the user."""
    return {s.id: s for s in db.session.scalars(select(Source))}


@bp.get("/export/anki")
@login_required
def anki() -> Response:
    """An Anki deck of the facts: everything, a trial or theme, a source, a
    person, a lesson, or the cards the student has studied (deck=mine:); with
    schedule=1 the studied cards keep their due dates."""
    key = request.args.get("deck", "all:")
    deck = cards.parse_deck(db.session, key, current_user)
    # A lesson's or the student's own deck holds its facts as they are, even
    # retired ones; every other deck the live cards the student may see.
    ids = (
        set(deck.members or ())
        if deck.kind in (Kind.LESSON, Kind.MINE)
        else {e.id for e in cards.deck_facts(db.session, deck, current_user)}
    )
    label = deck.label
    facts = list(
        db.session.scalars(
            select(Fact).where(Fact.id.in_(ids)).order_by(Fact.source_id, Fact.start_offset)
        )
    )
    # "Keep my review schedule": studied cards arrive as reviews, not as new cards
    schedule = (
        exports.review_schedule(db.session, current_user, ids)
        if request.args.get("schedule")
        else None
    )
    package = exports.anki_package(facts, _sources(), key, label, _fact_link, schedule)
    return _download(
        package, "application/octet-stream", f"sourcebook-{slugify(label, 60, 'deck')}.apkg"
    )


def _questions_for_export() -> tuple[list[dict[str, Any]], str]:
    lesson_id = whole_number(request.args.get("lesson"))
    if lesson_id is not None:
        lesson = teaching.lesson_for_reading(db.session, current_user, lesson_id)
        return teaching.lesson_questions(db.session, lesson), lesson.title
    topic = request.args.get("topic") or None
    query = visibility.visible_questions(current_user).where(~Question.retired)
    if topic:
        query = query.where(
            Question.id.in_(
                select(QuestionTag.question_id).where(
                    QuestionTag.kind == "topic", QuestionTag.value == topic
                )
            )
        )
    return [q.data for q in db.session.scalars(query.order_by(Question.id))], topic or "bank"


@bp.get("/export/moodle.xml")
@teacher_required
def moodle() -> Response:
    questions, label = _questions_for_export()
    xml = exports.moodle_xml(questions, _sources(), _fact_link, label)
    return _download(xml, "application/xml", f"sourcebook-{slugify(label, 60, 'deck')}.xml")


@bp.get("/export/questions.gift")
@teacher_required
def gift() -> Response:
    questions, label = _questions_for_export()
    return _download(
        exports.gift(questions, _sources(), _fact_link),
        "text/plain",
        f"sourcebook-{slugify(label, 60, 'deck')}.gift.txt",
    )


@bp.get("/lessons/<int:lesson_id>/worksheet")
@login_required
def worksheet(lesson_id: int) -> str:
    """A printable worksheet: the lesson and its questions, then, for those who
    may see it, an answer key with citations on a page of its own."""
    lesson = teaching.lesson_for_reading(db.session, current_user, lesson_id)
    items = teaching.render_items(db.session, lesson)
    return render_template(
        "exports/worksheet.html",
        answer_key=teaching.may_see_answer_key(current_user, lesson, db.session, clock.now()),
        lesson=lesson,
        items=items,
        markdown=render_markdown,
        questions=teaching.lesson_questions(db.session, lesson, items),
        sources=_sources(),
        link_for=_fact_link,
    )


@bp.get("/account/history.csv")
@login_required
def history_csv() -> Response:
    return _download(
        own_data.history_csv(
            db.session,
            current_user,
            teaching.withheld_attempt_ids(db.session, current_user, clock.now()),
        ),
        "text/csv",
        "sourcebook-history.csv",
    )


@bp.get("/account/data.json")
@login_required
def data_json() -> Response:
    withheld = teaching.withheld_attempt_ids(db.session, current_user, clock.now())
    body = json.dumps(
        own_data.personal_data(db.session, current_user, withheld), ensure_ascii=False, indent=1
    )
    return _download(body, "application/json", "sourcebook-my-data.json")
