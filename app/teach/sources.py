"""New sources added by teachers, and the facts they curate from them."""

from __future__ import annotations

import re
from typing import Any

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.decorators import teacher_required
from app.errors import wants_json
from app.extensions import db
from app.forms import ButtonForm
from app.models import Fact, Topic
from app.services import ServiceError
from app.teach import bp
from app.teach.common import check_button


@bp.route("/sources/new", methods=["GET", "POST"])
@teacher_required
def new_source() -> Any:
    from app.services import curation
    from app.teach.forms import SourceForm

    form = SourceForm()
    form.perspective.choices = list(curation.PERSPECTIVES.items())
    if form.validate_on_submit():
        upload = request.files.get("file")
        raw = form.text.data or ""
        kind, page_starts = form.kind.data, None
        try:
            if upload is not None and upload.filename:
                raw, kind, page_starts = _read_upload(upload, form)
            source = curation.add_source(
                db.session,
                current_user,
                form.title.data,
                form.author.data or "",
                form.date.data or "",
                form.perspective.data,
                form.licence.data,
                raw,
                kind,
                page_starts,
            )
        except UploadRefused as exc:
            form.file.errors = [*form.file.errors, str(exc)]
        except ServiceError as exc:
            form.text.errors = [*form.text.errors, str(exc)]
        else:
            db.session.commit()
            flash("Source added. Now pick the facts worth learning from it.", "success")
            return redirect(url_for("teach.curate", source_id=source.id))
    return render_template("teach/source_new.html", form=form), 400 if form.errors else 200


class UploadRefused(ServiceError):
    """The uploaded file cannot be a source: shown beside the file input."""


def _read_upload(upload: Any, form: Any) -> tuple[str, str, list[int] | None]:
    """(text, format, PDF page starts) of an uploaded file."""
    from app.services import curation

    limit = curation.MAX_UPLOAD_BYTES
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise UploadRefused(
            f"The file “{upload.filename[:80]}” is larger than {limit // (1024 * 1024)} MB: "
            "choose a smaller file, or paste its text (your other entries are kept)."
        )
    if data.startswith(b"%PDF") or upload.filename.lower().endswith(".pdf"):
        from app.services.pdf import pdf_text

        try:
            raw, page_starts = pdf_text(data)
        except ServiceError as exc:
            raise UploadRefused(str(exc)) from exc
        return raw, "text", page_starts
    try:
        return data.decode("utf-8-sig"), form.kind.data, None
    except UnicodeDecodeError as exc:
        raise UploadRefused("The file is not UTF-8 text; save it as UTF-8 and try again.") from exc


def _fact_form(topics: list[Topic], /, **data: Any) -> Any:
    from app.teach.forms import FactForm
    from question_bank.fact import ANSWER_TYPES

    form = FactForm(**data)
    form.answer_type.choices = [(t, t) for t in ANSWER_TYPES]
    form.topics.choices = [(t.id, t.title) for t in topics]
    return form


@bp.get("/sources/<source_id>/curate")
@teacher_required
def curate(source_id: str, form: Any = None, rename_form: Any = None) -> Any:
    from app.teach.curating import screen

    return screen(source_id, form=form, rename_form=rename_form)


@bp.post("/sources/<source_id>/publish")
@teacher_required
def publish_source(source_id: str) -> Response:
    """Publish the source, its facts and questions to everyone, or take them back."""
    from app.services import curation

    source = curation.source_for_curation(db.session, current_user, source_id)
    check_button()
    published = request.form.get("published") == "1"
    try:
        curation.set_source_published(db.session, source, published)
    except ServiceError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(
            "Source published: everyone can read it and practise its facts."
            if published
            else "Source unpublished: only you (and admins) see it and its facts.",
            "success",
        )
    # back to the page the button was on: the review page, or the curation screen
    back = "teach.review_source" if request.form.get("back") == "review" else "teach.curate"
    return redirect(url_for(back, source_id=source.id))


@bp.post("/sources/<source_id>/rename")
@teacher_required
def rename_source(source_id: str) -> Any:
    from app.services import curation
    from app.teach.forms import RenameSourceForm

    source = curation.source_for_curation(db.session, current_user, source_id)
    form = RenameSourceForm()
    if form.validate_on_submit():
        try:
            curation.rename_source(db.session, source, form.title.data or "")
        except ServiceError as exc:
            form.title.errors = [*form.title.errors, str(exc)]
        else:
            db.session.commit()
            flash("Source renamed.", "success")
            return redirect(url_for("teach.curate", source_id=source.id))
    return curate(source.id, rename_form=form), 400


def _save_fact(source: Any, form: Any, editing: str | None = None) -> Fact | None:
    """Add the fact of the form (or correct the fact `editing`); None, with the
    reason on the form, when it is refused."""
    from app.services import curation

    try:
        return curation.add_fact(
            db.session,
            current_user,
            source,
            form.quote.data,
            form.statement.data,
            form.question.data,
            form.answer.data,
            form.answer_type.data,
            (form.accepted.data or "").split(";"),
            [form.topics.data],
            editing=editing,
            kind="opinion" if form.opinion.data else "fact",
            false_statement=form.false_statement.data or "",
        )
    except ServiceError as exc:
        field = getattr(form, exc.field or "", None) or form.quote
        field.errors = [*field.errors, str(exc)]
        return None


@bp.post("/sources/<source_id>/facts")
@teacher_required
def add_fact(source_id: str) -> Any:
    from app.services import curation
    from app.teach import curating

    source = curation.source_for_curation(db.session, current_user, source_id)
    prefix = request.form.get("prefix", "own")
    prefix = prefix if re.fullmatch(r"own|c\d{1,3}(?:a\d)?", prefix) else "own"
    form = _fact_form(curation.fact_topics(db.session, source), prefix=prefix)
    fact = _save_fact(source, form) if form.validate_on_submit() else None
    if fact is not None:
        db.session.commit()
        if wants_json():
            return curating.fact_saved(source.id, fact)
        flash("Fact added; its questions were generated.", "success")
        return redirect(url_for("teach.curate", source_id=source.id) + "#facts")
    if wants_json():
        return jsonify({"ok": False, "errors": curating.form_errors(form)}), 400
    return curate(source.id, form=form), 400


@bp.get("/sources/<source_id>/review")
@teacher_required
def review_source(source_id: str) -> str:
    """Every item the source's facts generate, before students see any."""
    from app.services import review
    from app.services.quiz import TYPE_LABELS

    page = review.review_page(db.session, current_user, source_id)
    return render_template(
        "teach/source_review.html", page=page, button=ButtonForm(), type_labels=TYPE_LABELS
    )


@bp.post("/sources/<source_id>/review")
@teacher_required
def review_item(source_id: str) -> Response:
    """Reject a generated item, or take the rejection back."""
    from app.services import review

    check_button()
    question_id = request.form.get("question_id", "")[:200]
    rejected = request.form.get("rejected") == "1"
    review.set_rejected(db.session, current_user, source_id, question_id, rejected)
    db.session.commit()
    flash("Item rejected: students will not see it." if rejected else "Item restored.", "success")
    # back to the item itself: a teacher going down fifty items keeps their place
    return redirect(
        url_for("teach.review_source", source_id=source_id, _anchor=f"item-{question_id}")
    )


@bp.route("/sources/<source_id>/facts/<fact_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit_fact(source_id: str, fact_id: str) -> Any:
    from app.services import curation

    source = curation.source_for_curation(db.session, current_user, source_id)
    fact = next((f for f in curation.curated_facts(db.session, source) if f.id == fact_id), None)
    if fact is None:
        from app.services import NotFound

        raise NotFound("That fact is not on this source any more.")
    topics = curation.fact_topics(db.session, source)
    if request.method == "GET":
        form = _fact_form(
            topics,
            formdata=None,
            quote=fact.quote,
            question=fact.question,
            answer=fact.answer,
            statement=fact.statement,
            answer_type=fact.answer_type,
            accepted="; ".join(fact.accepted),
            false_statement=fact.false_statements[0].text if fact.false_statements else "",
            topics=fact.topics[0] if fact.topics else None,
            opinion=fact.is_opinion,
            prefix="own",
        )
    else:
        form = _fact_form(topics, prefix="own")
        if form.validate_on_submit() and _save_fact(source, form, editing=fact.id):
            db.session.commit()
            flash("Fact corrected; its questions were generated again.", "success")
            return redirect(
                url_for("teach.review_source", source_id=source.id, _anchor=f"f-{fact.id}")
            )
    status = 400 if form.errors else 200
    return render_template("teach/fact_edit.html", source=source, fact=fact, form=form), status


@bp.post("/sources/<source_id>/facts/<fact_id>/remove")
@teacher_required
def remove_fact(source_id: str, fact_id: str) -> Response:
    from app.services import curation, review

    curation.source_for_curation(db.session, current_user, source_id)
    check_button()
    try:
        review.remove_fact(db.session, current_user, source_id, fact_id)
    except ServiceError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash("Fact removed, with its questions.", "success")
    return redirect(url_for("teach.review_source", source_id=source_id))


@bp.post("/sources/<source_id>/retire")
@teacher_required
def retire_source(source_id: str) -> Response:
    """Take the source out of quizzes, menus and new cards for good."""
    from app.services import curation
    from app.services.curation import lifecycle

    source = curation.source_for_curation(db.session, current_user, source_id)
    check_button()
    try:
        lifecycle.retire_source(db.session, source)
    except ServiceError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(
            "Source retired: it has left quizzes, menus and new cards; students' results "
            "and cards on it stay readable.",
            "success",
        )
    return redirect(url_for("teach.review_source", source_id=source.id, _anchor="lifecycle"))


@bp.post("/sources/<source_id>/delete")
@teacher_required
def delete_source(source_id: str) -> Response:
    """Delete a source nobody has history on, once the teacher confirms."""
    from app.services import curation
    from app.services.curation import lifecycle

    source = curation.source_for_curation(db.session, current_user, source_id)
    check_button()
    if request.form.get("confirm") != "yes":
        flash("Tick the box to confirm that the source is to be deleted.", "error")
        return redirect(url_for("teach.review_source", source_id=source.id, _anchor="lifecycle"))
    title = source.title
    try:
        lifecycle.delete_source(db.session, source)
    except ServiceError as exc:
        flash(str(exc), "error")
        return redirect(url_for("teach.review_source", source_id=source.id, _anchor="lifecycle"))
    db.session.commit()
    flash(f"“{title}” deleted, with its facts and questions.", "success")
    return redirect(url_for("teach.home"))
