"""The lesson editor's items: passages, texts and questions added, edited,
moved and removed, answered as a page or, for the editor's script, as JSON."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.decorators import teacher_required
from app.errors import wants_json
from app.extensions import db
from app.forms import ButtonForm, whole_number
from app.models import Lesson
from app.services import NotFound, ServiceError, teaching
from app.services.markdown import render_markdown
from app.teach import bp
from app.teach.common import check_button, own_lesson, source_choices
from app.teach.forms import OwnQuestionForm, PassageForm, TextForm
from app.teach.lessons import lesson_page, passage_choices, passage_filter, passages_found
from question_bank.question import TYPE_LABELS


def _items_json(lesson: Lesson, message: str, status: int = 200) -> Response:
    """What the editor's script gets after a change: the message and the items
    as the page shows them."""
    items = teaching.render_items(db.session, lesson)
    html = render_template(
        "teach/_editor_items.html",
        lesson=lesson,
        items=items,
        markdown=render_markdown,
        type_labels=TYPE_LABELS,
        button=ButtonForm(),
        edit_form=None,
        edit_item_id=None,
    )
    response = jsonify(
        message=message, items_html=html, count=len(items), passages=passage_choices(items)
    )
    response.status_code = status
    return response


def _refused(message: str, fields: dict[str, list[str]] | None = None) -> Response:
    """A refusal as JSON: the message, and each field's own errors by the field's id."""
    response = jsonify(error=message, fields=fields or {})
    response.status_code = 400
    return response


@bp.get("/lessons/<int:lesson_id>/passages")
@teacher_required
def find_passages(lesson_id: int) -> Response:
    """The passage picker's search, as JSON (the page shows the same without script)."""
    lesson = own_lesson(lesson_id)
    found = passages_found(passage_filter()) or teaching.find_passages(
        db.session, current_user, None, None, None, 1
    )
    titles = dict(source_choices())
    return jsonify(
        total=found.total,
        page=found.page,
        pages=found.pages,
        add_url=url_for("teach.add_passage_from_source"),
        lesson_id=lesson.id,
        passages=[
            {
                "fact_id": f.id,
                "source_id": f.source_id,
                "source": titles.get(f.source_id, f.source_id),
                "section": f.section,
                "quote": f.quote,
            }
            for f in found.facts
        ],
    )


@bp.post("/lessons/<int:lesson_id>/items/order")
@teacher_required
def reorder(lesson_id: int) -> Any:
    """Items dragged into a new order: `order` holds every item id, in order."""
    lesson = own_lesson(lesson_id)
    check_button()
    raw = request.form.get("order", "")
    ids = [whole_number(part) for part in raw.split(",") if part.strip()]
    try:
        teaching.reorder_items(db.session, lesson, [i for i in ids if i is not None])
    except ServiceError as exc:
        if wants_json():
            return _refused(str(exc))
        flash(str(exc), "error")
        return redirect(url_for("teach.lesson", lesson_id=lesson.id) + "#items")
    db.session.commit()
    if wants_json():
        return _items_json(lesson, "Items reordered.")
    return redirect(url_for("teach.lesson", lesson_id=lesson.id) + "#items")


def _after_item(lesson: Lesson, message: str) -> Response:
    db.session.commit()
    if wants_json():
        return _items_json(lesson, message)
    flash(message, "success")
    return redirect(url_for("teach.lesson", lesson_id=lesson.id) + "#items")


@bp.post("/lessons/<int:lesson_id>/items/passage")
@teacher_required
def add_passage(lesson_id: int) -> Any:
    lesson = own_lesson(lesson_id)
    form = PassageForm(prefix="passage")
    form.source_id.choices = source_choices()
    if form.validate_on_submit():
        try:
            if form.fact_id.data:
                teaching.add_passage(db.session, lesson, form.fact_id.data)
            elif form.start.data and form.end.data:
                teaching.add_passage(
                    db.session,
                    lesson,
                    None,
                    form.source_id.data,
                    int(form.start.data),
                    int(form.end.data),
                )
            else:
                teaching.add_quoted_passage(
                    db.session, lesson, form.source_id.data or "", form.quote.data or ""
                )
        except (ServiceError, ValueError) as exc:
            form.quote.errors = [*form.quote.errors, str(exc)]
        else:
            return _after_item(lesson, "Passage added.")
    if wants_json():
        return _refused(" ".join(e for errors in form.errors.values() for e in errors))
    return lesson_page(lesson, passage_form=form), 400


@bp.post("/lessons/add-passage")
@teacher_required
def add_passage_from_source() -> Response:
    """'Add to lesson' on a source page (the highlighted fact or selected range),
    or a passage chosen in the editor's picker."""
    lesson = own_lesson(whole_number(request.form.get("lesson_id")) or 0)
    check_button()
    try:
        if request.form.get("fact_id"):
            teaching.add_passage(db.session, lesson, request.form["fact_id"])
        else:
            teaching.add_passage(
                db.session,
                lesson,
                None,
                request.form.get("source_id"),
                whole_number(request.form.get("start")),
                whole_number(request.form.get("end")),
            )
    except ServiceError as exc:
        if wants_json():
            return _refused(str(exc))
        flash(str(exc), "error")
        return redirect(url_for("teach.lesson", lesson_id=lesson.id))
    return _after_item(lesson, "Passage added.")


@bp.post("/lessons/<int:lesson_id>/items/text")
@teacher_required
def add_text(lesson_id: int) -> Any:
    lesson = own_lesson(lesson_id)
    form = TextForm()
    if form.validate_on_submit():
        try:
            teaching.add_text(db.session, lesson, form.body.data)
        except ServiceError as exc:
            form.body.errors = [*form.body.errors, str(exc)]
        else:
            return _after_item(lesson, "Text added.")
    if wants_json():
        return _refused(" ".join(e for errors in form.errors.values() for e in errors))
    return lesson_page(lesson, text_form=form), 400


def _edit_text(lesson: Lesson, item_id: int) -> Any:
    """The same validators as a new text; a refused edit shows the page again
    with the text as it was typed and the reason beside it."""
    form = TextForm()
    if form.validate():
        try:
            teaching.edit_text(db.session, lesson, item_id, form.body.data)
        except ServiceError as exc:
            form.body.errors = [*form.body.errors, str(exc)]
        else:
            db.session.commit()
            return redirect(url_for("teach.lesson", lesson_id=lesson.id) + f"#item-{item_id}")
    return lesson_page(lesson, edit_form=form, edit_item_id=item_id), 400


@bp.post("/lessons/<int:lesson_id>/items/questions")
@teacher_required
def add_questions(lesson_id: int) -> Any:
    lesson = own_lesson(lesson_id)
    check_button()
    ids = request.form.getlist("question_id")
    if request.form.get("all_on_passages"):
        per_fact = min(whole_number(request.form.get("per_fact")) or 1, 3)
        ids = teaching.questions_on_passages(db.session, current_user, lesson, per_fact)
        if not ids:
            message = (
                "No more questions on this lesson's passages: add a passage first, "
                "find questions below, or write your own."
                if any(i.kind == "passage" for i in lesson.items)
                else "Add a passage first: the questions on its facts are added then."
            )
            if wants_json():
                return _refused(message)
            flash(message, "error")
            return redirect(url_for("teach.lesson", lesson_id=lesson.id) + "#pick")
    try:
        item = teaching.add_questions(db.session, current_user, lesson, ids)
    except ServiceError as exc:
        if wants_json():
            return _refused(str(exc))
        flash(str(exc), "error")
        return redirect(url_for("teach.lesson", lesson_id=lesson.id))
    count = len(item.question_ids)
    return _after_item(lesson, f"{count} question{'' if count == 1 else 's'} added.")


@bp.post("/lessons/<int:lesson_id>/items/own-question")
@teacher_required
def add_own_question(lesson_id: int) -> Any:
    lesson = own_lesson(lesson_id)
    form = OwnQuestionForm(prefix="own")
    form.source_id.choices = source_choices()
    if form.validate_on_submit():
        try:
            source_id, quote, span = form.source_id.data or "", form.quote.data or "", None
            pinned = whole_number(form.passage_item.data)
            if pinned is not None:
                item = teaching.item_of(lesson, pinned)
                if item.kind != "passage" or not item.source_id:
                    raise ServiceError("Choose one of the lesson's passages.")
                source_id = item.source_id
                span = (item.start_offset or 0, item.end_offset or 0)
            elif not quote.strip():
                raise ServiceError(
                    "Choose one of the lesson's passages, or paste the passage that proves "
                    "the answer."
                )
            kind = form.kind.data or ""
            teaching.write_question(
                db.session,
                current_user,
                lesson,
                kind,
                form.prompt.data or "",
                form.answer.data or "",
                (form.accepted.data or "").split(";"),
                (form.distractors.data or "").splitlines(),
                source_id,
                quote,
                span=span,
                truth=form.truth.data or "",
                items=(form.items.data or "").splitlines(),
                pairs=teaching.parse_pairs((form.pairs.data or "").splitlines())
                if kind == "matching"
                else [],
                pair_kind=form.pair_kind.data or "",
            )
        except teaching.QuestionFieldError as exc:
            field = form._fields.get(exc.field, form.quote)
            field.errors = [*field.errors, str(exc)]
        except (ServiceError, NotFound) as exc:
            form.quote.errors = [*form.quote.errors, str(exc)]
        else:
            return _after_item(lesson, "Your question was added.")
    if wants_json():
        return _refused(
            " ".join(e for errors in form.errors.values() for e in errors),
            {form[name].id: list(errors) for name, errors in form.errors.items()},
        )
    return lesson_page(lesson, question_form=form), 400


@bp.post("/lessons/<int:lesson_id>/items/<int:item_id>/<action>")
@teacher_required
def item_action(lesson_id: int, item_id: int, action: str) -> Any:
    lesson = own_lesson(lesson_id)
    check_button()
    if action == "text":
        if teaching.item_of(lesson, item_id).kind != "text":
            flash("Only text can be edited here.", "error")
            return redirect(url_for("teach.lesson", lesson_id=lesson.id) + "#items")
        return _edit_text(lesson, item_id)
    if action in ("up", "down"):
        teaching.move_item(db.session, lesson, item_id, -1 if action == "up" else +1)
        message = "Item moved up." if action == "up" else "Item moved down."
    elif action == "remove":
        teaching.remove_item(db.session, lesson, item_id)
        message = "Item removed."
    else:
        abort(404)
    db.session.commit()
    if wants_json():
        return _items_json(lesson, message)
    return redirect(url_for("teach.lesson", lesson_id=lesson.id) + f"#item-{item_id}")
