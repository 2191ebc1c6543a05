"""The lesson editor: a lesson's items, publishing, sharing, copies, preview."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.decorators import teacher_required
from app.extensions import db
from app.forms import ButtonForm, whole_number
from app.models import Lesson
from app.services import ServiceError, teaching
from app.services.markdown import render_markdown
from app.teach import bp
from app.teach.common import as_me, check_button, own_lesson, source_choices
from app.teach.forms import (
    AssignForm,
    LessonForm,
    OwnQuestionForm,
    PassageForm,
    TextForm,
)
from question_bank.question import TYPE_LABELS


@bp.route("/lessons/new", methods=["GET", "POST"])
@teacher_required
def new_lesson() -> Any:
    form = LessonForm()
    if form.validate_on_submit():
        lesson = teaching.create_lesson(
            db.session, current_user, form.title.data, form.introduction.data or ""
        )
        db.session.commit()
        return redirect(url_for("teach.lesson", lesson_id=lesson.id))
    return render_template("teach/lesson_new.html", form=form)


def lesson_page(lesson: Lesson, **forms: Any) -> str:
    """The lesson editor, with any form given in `forms` shown as it was typed."""
    filters = teaching.QuestionFilter(
        source=request.args.get("q_source") or None,
        topic=request.args.get("q_topic") or None,
        person=request.args.get("q_person") or None,
        type=request.args.get("q_type") or None,
        text=(request.args.get("q_text") or "").strip()[:100] or None,
    )
    page = teaching.lesson_editor(db.session, current_user, lesson, filters)
    passage_form = forms.get("passage_form") or PassageForm(prefix="passage")
    question_form = forms.get("question_form") or OwnQuestionForm(prefix="own")
    passage_form.source_id.choices = page.sources
    question_form.source_id.choices = page.sources
    assign_form = forms.get("assign_form") or AssignForm()
    assign_form.classroom_id.choices = [(c.id, c.name) for c in page.classes]
    return render_template(
        "teach/lesson.html",
        lesson=lesson,
        items=page.items,
        markdown=render_markdown,
        lesson_form=forms.get("lesson_form") or LessonForm(obj=lesson),
        passage_form=passage_form,
        text_form=forms.get("text_form") or TextForm(),
        edit_form=forms.get("edit_form"),
        edit_item_id=forms.get("edit_item_id"),
        question_form=question_form,
        assign_form=assign_form,
        button=ButtonForm(),
        filters=filters,
        found=page.found,
        topics=page.topics,
        sources=page.sources,
        type_labels=TYPE_LABELS,
        assignments=page.assignments,
    )


@bp.get("/lessons/<int:lesson_id>")
@teacher_required
def lesson(lesson_id: int) -> str:
    return lesson_page(own_lesson(lesson_id))


@bp.post("/lessons/<int:lesson_id>")
@teacher_required
def edit_lesson(lesson_id: int) -> Any:
    lesson = own_lesson(lesson_id)
    form = LessonForm()
    if form.validate_on_submit():
        teaching.edit_lesson(db.session, lesson, form.title.data, form.introduction.data or "")
        db.session.commit()
        flash("Lesson saved.", "success")
        return redirect(url_for("teach.lesson", lesson_id=lesson.id))
    return lesson_page(lesson, lesson_form=form), 400


def _after_item(lesson: Lesson, message: str) -> Response:
    db.session.commit()
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
    return lesson_page(lesson, passage_form=form), 400


@bp.post("/lessons/add-passage")
@teacher_required
def add_passage_from_source() -> Response:
    """'Add to lesson' on a source page: the highlighted fact or selected range."""
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
        flash(str(exc), "error")
        return redirect(url_for("teach.lesson", lesson_id=lesson.id))
    return _after_item(lesson, "Passage added from the source.")


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
        ids = teaching.questions_on_passages(db.session, lesson)
        if not ids:
            flash(
                "Add passages chosen from the curated facts first: their questions are added then.",
                "error",
            )
            return redirect(url_for("teach.lesson", lesson_id=lesson.id))
    try:
        item = teaching.add_questions(db.session, current_user, lesson, ids)
    except ServiceError as exc:
        flash(str(exc), "error")
        return redirect(url_for("teach.lesson", lesson_id=lesson.id))
    return _after_item(lesson, f"{len(item.question_ids)} questions added.")


@bp.post("/lessons/<int:lesson_id>/items/own-question")
@teacher_required
def add_own_question(lesson_id: int) -> Any:
    lesson = own_lesson(lesson_id)
    form = OwnQuestionForm(prefix="own")
    form.source_id.choices = source_choices()
    if form.validate_on_submit():
        try:
            teaching.write_question(
                db.session,
                current_user,
                lesson,
                form.kind.data,
                form.prompt.data,
                form.answer.data,
                (form.accepted.data or "").split(";"),
                (form.distractors.data or "").splitlines(),
                form.source_id.data or "",
                form.quote.data,
            )
        except ServiceError as exc:
            form.quote.errors = [*form.quote.errors, str(exc)]
        else:
            return _after_item(lesson, "Your question was added.")
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
    elif action == "remove":
        teaching.remove_item(db.session, lesson, item_id)
    else:
        abort(404)
    db.session.commit()
    return redirect(url_for("teach.lesson", lesson_id=lesson.id) + f"#item-{item_id}")


@bp.post("/lessons/<int:lesson_id>/publish")
@teacher_required
def publish(lesson_id: int) -> ResponseReturnValue:
    lesson = own_lesson(lesson_id)
    check_button()
    published = request.form.get("published") == "1"
    if not published and lesson.status == "published" and request.form.get("confirm") != "1":
        impact = teaching.draft_impact(db.session, lesson)
        if impact.matters:  # ask first, saying what the students lose
            return render_template("teach/unpublish.html", lesson=lesson, impact=impact)
    try:
        teaching.publish(lesson, published)
    except ServiceError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(
            "Lesson published." if lesson.status == "published" else "Lesson back to draft.",
            "success",
        )
    return redirect(url_for("teach.lesson", lesson_id=lesson.id))


@bp.post("/lessons/<int:lesson_id>/share")
@teacher_required
def share(lesson_id: int) -> Response:
    lesson = own_lesson(lesson_id)
    check_button()
    teaching.share_lesson(db.session, lesson, request.form.get("shared") == "1")
    db.session.commit()
    flash(
        "Other teachers can now see and copy this lesson."
        if lesson.shared
        else "The lesson is yours alone again.",
        "success",
    )
    return redirect(url_for("teach.lesson", lesson_id=lesson.id))


@bp.post("/lessons/<int:lesson_id>/duplicate")
@teacher_required
def duplicate(lesson_id: int) -> Response:
    original = as_me(teaching.lesson_for_reading, lesson_id)
    if not current_user.is_teacher:
        abort(403)
    check_button()
    copy = teaching.duplicate(db.session, current_user, original)
    db.session.commit()
    flash("A copy was made; it is a draft of your own.", "success")
    return redirect(url_for("teach.lesson", lesson_id=copy.id))


@bp.get("/lessons/<int:lesson_id>/preview")
@teacher_required
def preview(lesson_id: int) -> str:
    lesson = as_me(teaching.lesson_for_reading, lesson_id)
    return render_template(
        "classes/lesson.html",
        lesson=lesson,
        items=teaching.render_items(db.session, lesson),
        markdown=render_markdown,
        preview=True,
        progress=None,
        assignment=None,
        button=ButtonForm(),
    )
