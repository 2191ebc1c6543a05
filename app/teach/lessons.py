"""The lesson editor: a lesson's items, publishing, sharing, copies, preview."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.wrappers import Response

from app import clock
from app.auth.decorators import teacher_required
from app.extensions import db
from app.forms import ButtonForm, whole_number
from app.models import Lesson
from app.services import NotFound, ServiceError, teaching
from app.services.markdown import render_markdown
from app.teach import bp
from app.teach.common import as_me, check_button, own_lesson
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


@dataclass(frozen=True)
class PassageFilter:
    source: str | None = None
    topic: str | None = None
    text: str | None = None

    def any(self) -> bool:
        return any(vars(self).values())


def _arg(name: str, length: int = 100) -> str | None:
    return (request.args.get(name) or "").strip()[:length] or None


def passage_filter() -> PassageFilter:
    return PassageFilter(_arg("p_source"), _arg("p_topic"), _arg("p_text"))


def passages_found(flt: PassageFilter) -> teaching.PassagePage | None:
    if not flt.any():
        return None
    return teaching.find_passages(
        db.session,
        current_user,
        flt.source,
        flt.text,
        flt.topic,
        whole_number(request.args.get("p_page")) or 1,
    )


def lesson_page(lesson: Lesson, **forms: Any) -> str:
    """The lesson editor, with any form given in `forms` shown as it was typed."""
    filters = teaching.QuestionFilter(
        source=_arg("q_source"),
        topic=_arg("q_topic"),
        person=_arg("q_person"),
        type=_arg("q_type"),
        text=_arg("q_text"),
        importance=_arg("q_importance"),
    )
    page = teaching.lesson_editor(
        db.session, current_user, lesson, filters, whole_number(request.args.get("q_page")) or 1
    )
    passage_filters = passage_filter()
    passage_form = forms.get("passage_form") or PassageForm(prefix="passage")
    question_form = forms.get("question_form") or OwnQuestionForm(prefix="own")
    passage_form.source_id.choices = page.sources
    question_form.source_id.choices = page.sources
    question_form.passage_item.choices = [("", "None: I paste the passage below")] + (
        passage_choices(page.items)
    )
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
        passage_filters=passage_filters,
        passages=passages_found(passage_filters),
        source_titles=dict(page.sources),
        topics=page.topics,
        sources=page.sources,
        type_labels=TYPE_LABELS,
        question_types=teaching.LESSON_QUESTION_TYPES,
        importance_labels=teaching.IMPORTANCE_LABELS,
        assignments=page.assignments,
        classes={c.id: c for c in page.classes},
        left_out_of_moodle=page.left_out_of_moodle,
    )


def passage_choices(items: list[teaching.RenderedItem]) -> list[tuple[str, str]]:
    """The lesson's passages, for an own question to pin one of them."""
    return [
        (str(r.item.id), f"Item {n}: “{_shorten(r.quote)}”")
        for n, r in enumerate(items, start=1)
        if r.item.kind == "passage" and r.source
    ]


def _shorten(text: str, length: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"


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


@bp.post("/lessons/<int:lesson_id>/delete")
@teacher_required
def delete_lesson(lesson_id: int) -> Response:
    """Only with the confirmation ticked; a lesson whose quiz students took is
    retired (back to draft, unshared) so that their results stay."""
    lesson = own_lesson(lesson_id)
    check_button()
    if request.form.get("confirm") != "yes":
        flash("Tick the box to confirm that the lesson should be deleted.", "error")
        return redirect(url_for("teach.lesson", lesson_id=lesson.id) + "#delete")
    title = lesson.title
    if teaching.delete_lesson(db.session, lesson):
        db.session.commit()
        flash(f"The lesson “{title}” was deleted.", "success")
        return redirect(url_for("teach.home"))
    db.session.commit()
    flash(
        f"Students have taken the quiz of “{title}”, so it was taken back to draft instead "
        "of deleted: their results stay in the gradebook.",
        "info",
    )
    return redirect(url_for("teach.lesson", lesson_id=lesson.id))


@bp.post("/lessons/<int:lesson_id>/copy-to-class")
@teacher_required
def copy_to_class(lesson_id: int) -> Response:
    """A copy of the lesson of one's own, assigned to another class at once
    when it is published and has questions (else left a draft, as said)."""
    original = as_me(teaching.lesson_for_reading, lesson_id)
    check_button()
    classroom_id = whole_number(request.form.get("classroom_id"))
    try:
        classroom = teaching.class_for_teacher(db.session, current_user, classroom_id or 0)
    except NotFound:
        flash("Choose one of your classes to copy the lesson to.", "error")
        return redirect(url_for("teach.lesson", lesson_id=lesson_id) + "#copy")
    copy = teaching.duplicate(db.session, current_user, original)
    copy.title = f"{original.title} ({classroom.name})"[:200]
    message = f"A copy for {classroom.name} was made; it is a draft: publish and assign it."
    if original.status == "published" and teaching.lesson_question_ids(copy):
        teaching.publish(copy, True)
        teaching.assign(db.session, current_user, copy, classroom, None, None, clock.now())
        message = f"A copy was made and assigned to {classroom.name}; give it a due date below."
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("teach.lesson", lesson_id=copy.id))
