"""Fixing questions and marks: editing a question (a new version), regrading
past answers after a dry run, a mark by hand on one answer, a comment on an
attempt and an announcement to a class."""

from __future__ import annotations

import contextlib
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app import clock
from app.auth.decorators import teacher_required
from app.extensions import db
from app.forms import ButtonForm, whole_number
from app.models import Question
from app.services import ServiceError, teaching
from app.teach import bp
from app.teach.classes import class_view
from app.teach.common import check_button, own_class
from app.teach.forms import AnnouncementForm, CommentForm, OverrideForm, QuestionEditForm
from app.teach.gradebook import attempt_view
from question_bank.question import TYPE_LABELS


def _report_id() -> int | None:
    return whole_number(request.values.get("report"))


def _lines(text: str | None) -> tuple[str, ...]:
    return tuple(line for line in (text or "").splitlines() if line.strip())


def _edit_form(question: Question) -> QuestionEditForm:
    """The form filled with the question as it stands (a GET)."""
    data = question.data
    form = QuestionEditForm(
        base_version=str(question.version),
        report=str(_report_id() or ""),
        prompt=data.get("prompt", ""),
        answer=data.get("answer", ""),
        choice=data.get("answer", ""),
        accepted="\n".join(a for a in data.get("accepted", []) if a != data.get("answer")),
        wrong="\n".join(o for o in data.get("options", []) if o != data.get("answer")),
        explanation=data.get("explanation", ""),
    )
    return form


def _edit_page(question: Question, form: QuestionEditForm, status: int = 200) -> Any:
    form.choice.choices = [(o, o) for o in question.data.get("options", [])]
    return render_template(
        "teach/question_edit.html",
        question=question,
        form=form,
        parts=teaching.editable_parts(question),
        versions=teaching.versions_of(db.session, question),
        type_label=TYPE_LABELS.get(question.type, question.type),
        report_id=_report_id(),
    ), status


@bp.route("/questions/<question_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit_question(question_id: str) -> Any:
    question = teaching.question_for_editing(db.session, current_user, question_id)
    if request.method == "GET":
        return _edit_page(question, _edit_form(question))
    form = QuestionEditForm()
    form.choice.choices = [(o, o) for o in question.data.get("options", [])]
    if not form.validate_on_submit():
        return _edit_page(question, form, 400)
    parts = teaching.editable_parts(question)
    edit = teaching.QuestionEdit(
        prompt=form.prompt.data or "",
        explanation=form.explanation.data or "",
        answer=(form.choice.data if "choice" in parts else form.answer.data) or "",
        accepted=_lines(form.accepted.data),
        wrong=_lines(form.wrong.data),
    )
    try:
        version = teaching.edit_question(
            db.session,
            current_user,
            question,
            edit,
            form.note.data or "",
            whole_number(form.base_version.data) or 0,
            clock.now(),
        )
    except ServiceError as exc:
        db.session.rollback()
        form.prompt.errors = [*form.prompt.errors, str(exc)]
        question = teaching.question_for_editing(db.session, current_user, question_id)
        return _edit_page(question, form, 400)
    db.session.commit()
    flash(
        f"Saved as version {version}. Past answers keep the version they were given; "
        "check below what regrading them would change.",
        "success",
    )
    return redirect(url_for("teach.regrade", question_id=question.id, report=_report_id()))


@bp.route("/questions/<question_id>/regrade", methods=["GET", "POST"])
@teacher_required
def regrade(question_id: str) -> Any:
    question = teaching.question_for_editing(db.session, current_user, question_id)
    if request.method == "POST":
        check_button()
        version = whole_number(request.form.get("version")) or 0
        try:
            plan = teaching.apply_regrade(db.session, current_user, question, version)
        except ServiceError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            return redirect(url_for("teach.regrade", question_id=question_id, report=_report_id()))
        report_id = _report_id()
        if report_id is not None:
            # already closed, or not this teacher's: the regrade stands
            with contextlib.suppress(ServiceError):
                teaching.resolve_report(
                    db.session, current_user, report_id, "resolved", clock.now()
                )
        db.session.commit()
        flash(
            f"Regraded {len(plan.rows)} answers against version {plan.version}: "
            f"{plan.changed} marks changed.",
            "success",
        )
        return redirect(url_for("teach.regrade", question_id=question_id))
    plan = teaching.regrade_plan(db.session, current_user, question)
    return render_template(
        "teach/regrade.html",
        question=question,
        plan=plan,
        button=ButtonForm(),
        report_id=_report_id(),
    )


@bp.post("/classes/<int:class_id>/attempts/<int:attempt_id>/answers/<int:position>/mark")
@teacher_required
def mark_answer(class_id: int, attempt_id: int, position: int) -> Any:
    classroom = own_class(class_id)
    attempt = teaching.attempt_in_class(db.session, classroom, attempt_id)
    back = url_for("teach.attempt_page", class_id=class_id, attempt_id=attempt.id)
    if request.form.get("mark") == "clear":
        check_button()
        form = None
    else:
        form = OverrideForm(prefix=f"mark{position}")
        if not form.validate_on_submit():
            return attempt_view(classroom, attempt, 400, override_forms={position: form})
    try:
        teaching.override_mark(
            db.session,
            current_user,
            classroom,
            attempt.id,
            position,
            form.mark.data if form is not None else "clear",
            (form.note.data or "") if form is not None else "",
            clock.now(),
        )
    except ServiceError as exc:
        db.session.rollback()
        if form is None:
            flash(str(exc), "error")
            return redirect(back)
        form.note.errors = [*form.note.errors, str(exc)]
        attempt = teaching.attempt_in_class(db.session, classroom, attempt_id)
        return attempt_view(classroom, attempt, 400, override_forms={position: form})
    db.session.commit()
    flash(
        f"Question {position}: the mark was changed and the score counted again."
        if form is not None
        else f"Question {position} is graded again as it was answered.",
        "success",
    )
    return redirect(back + f"#answer-{position}")


@bp.post("/classes/<int:class_id>/attempts/<int:attempt_id>/comments")
@teacher_required
def comment(class_id: int, attempt_id: int) -> Any:
    classroom = own_class(class_id)
    attempt = teaching.attempt_in_class(db.session, classroom, attempt_id)
    form = CommentForm(prefix="comment")
    if form.validate_on_submit():
        try:
            teaching.comment_on_attempt(
                db.session, current_user, classroom, attempt.id, form.body.data or "", clock.now()
            )
        except ServiceError as exc:
            db.session.rollback()
            form.body.errors = [*form.body.errors, str(exc)]
        else:
            db.session.commit()
            flash("Comment sent: the student sees it on their dashboard.", "success")
            return redirect(
                url_for("teach.attempt_page", class_id=class_id, attempt_id=attempt.id)
                + "#comments"
            )
    attempt = teaching.attempt_in_class(db.session, classroom, attempt_id)
    return attempt_view(classroom, attempt, 400, comment_form=form)


@bp.post("/classes/<int:class_id>/announcements")
@teacher_required
def announce(class_id: int) -> Any:
    classroom = own_class(class_id)
    form = AnnouncementForm(prefix="announce")
    if form.validate_on_submit():
        try:
            body = form.body.data or ""
            teaching.announce(db.session, current_user, classroom, body, clock.now())
        except ServiceError as exc:
            db.session.rollback()
            form.body.errors = [*form.body.errors, str(exc)]
        else:
            db.session.commit()
            flash("Announced: the class sees it on their dashboards.", "success")
            return redirect(url_for("teach.class_page", class_id=class_id) + "#announcements")
    return class_view(own_class(class_id), 400, announce_form=form)


@bp.post("/classes/<int:class_id>/announcements/<int:announcement_id>/delete")
@teacher_required
def delete_announcement(class_id: int, announcement_id: int) -> Response:
    classroom = own_class(class_id)
    check_button()
    teaching.delete_announcement(db.session, classroom, announcement_id)
    db.session.commit()
    flash("The announcement was removed.", "success")
    return redirect(url_for("teach.class_page", class_id=class_id) + "#announcements")
