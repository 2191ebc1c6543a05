"""Disagreements a teacher marks between passages of their sources."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.decorators import teacher_required
from app.extensions import db
from app.services import ServiceError
from app.teach import bp
from app.teach.common import check_button


def _label(fact: Any) -> str:
    text = str(fact.statement)
    return text if len(text) <= 110 else text[:107] + "..."


def _dispute_form(source: Any, /, **data: Any) -> Any:
    from app.services.curation import disputes
    from app.teach.forms import DisputeForm

    form = DisputeForm(**data)
    choices = disputes.dispute_choices(db.session, current_user, source)
    form.first.choices = [(f.id, _label(f)) for f in choices.own]
    grouped: dict[str, list[tuple[str, str]]] = {}
    if choices.own:
        grouped[f"This source: {source.title}"] = list(form.first.choices)
    for other, facts in choices.others:
        grouped[other.title] = [(f.id, _label(f)) for f in facts]
    form.second.choices = grouped
    return form


def _readings(form: Any) -> tuple[Any, list[Any]]:
    from app.services.curation.disputes import ReadingText

    right = ReadingText(form.right.data or "", form.right_why.data or "")
    wrong = [
        ReadingText(
            getattr(form, f"wrong{n}").data or "", getattr(form, f"wrong{n}_why").data or ""
        )
        for n in (1, 2, 3)
    ]
    return right, wrong


@bp.route("/sources/<source_id>/disputes/new", methods=["GET", "POST"])
@bp.route("/sources/<source_id>/disputes/<dispute_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit_dispute(source_id: str, dispute_id: str | None = None) -> Any:
    """Mark two passages as disagreeing (or correct a disagreement), with the
    readings of its item."""
    from app.services import curation
    from app.services.curation import disputes

    source = curation.source_for_curation(db.session, current_user, source_id)
    row = disputes.dispute_of(db.session, source, dispute_id) if dispute_id else None
    if request.method == "GET" and row is not None:
        readings = list(row.readings or [])
        right = next((r for r in readings if r.get("correct")), {})
        others = [r for r in readings if not r.get("correct")] + [{}, {}, {}]
        data: dict[str, Any] = {
            "first": row.fact_ids[0],
            "second": row.fact_ids[1] if len(row.fact_ids) > 1 else None,
            "title": row.title,
            "note": row.note,
            "question": row.question,
            "right": right.get("text", ""),
            "right_why": right.get("why", ""),
        }
        for n in (1, 2, 3):
            data[f"wrong{n}"] = others[n - 1].get("text", "")
            data[f"wrong{n}_why"] = others[n - 1].get("why", "")
        form = _dispute_form(source, formdata=None, **data)
    else:
        form = _dispute_form(source, first=request.args.get("fact"))
    if request.method == "POST" and form.validate_on_submit():
        right, wrong = _readings(form)
        try:
            saved = disputes.save_dispute(
                db.session,
                current_user,
                source,
                form.first.data,
                form.second.data,
                form.title.data,
                form.question.data,
                form.note.data,
                right,
                wrong,
                editing=row.id if row else None,
            )
        except ServiceError as exc:
            form.title.errors = [*form.title.errors, str(exc)]
        else:
            db.session.commit()
            flash("Disagreement saved; its item was generated: check it below.", "success")
            return redirect(
                url_for("teach.review_source", source_id=source.id, _anchor=f"d-{saved.id}")
            )
    status = 400 if form.errors else 200
    return render_template("teach/dispute_form.html", source=source, form=form, dispute=row), status


@bp.post("/sources/<source_id>/disputes/<dispute_id>/remove")
@teacher_required
def remove_dispute(source_id: str, dispute_id: str) -> Response:
    from app.services import curation
    from app.services.curation import disputes

    source = curation.source_for_curation(db.session, current_user, source_id)
    check_button()
    disputes.remove_dispute(db.session, source, dispute_id)
    db.session.commit()
    flash("Disagreement removed, with its item.", "success")
    return redirect(url_for("teach.review_source", source_id=source.id, _anchor="disputes"))
