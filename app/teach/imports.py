"""Importing a teacher's own questions into a lesson from CSV or GIFT."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.decorators import teacher_required
from app.extensions import db
from app.forms import ButtonForm
from app.services import ServiceError
from app.teach import bp
from app.teach.common import check_button, own_lesson


@bp.route("/lessons/<int:lesson_id>/import", methods=["GET", "POST"])
@teacher_required
def import_questions(lesson_id: int) -> Any:
    """Preview first, then import all rows or none."""
    from app.services import imports

    lesson = own_lesson(lesson_id)
    if request.method == "GET":
        return render_template(
            "teach/import.html",
            lesson=lesson,
            report=None,
            content="",
            fmt="csv",
            button=ButtonForm(),
            error=None,
        )
    check_button()
    fmt = request.form.get("format", "csv")
    fmt = fmt if fmt in ("csv", "gift") else "csv"
    upload = request.files.get("file")
    error = None
    report = None
    content = request.form.get("content", "")
    try:
        if upload is not None and upload.filename:
            content = imports.decode(upload.read(imports.MAX_BYTES + 1))
        elif len(content.encode()) > imports.MAX_BYTES:
            raise ServiceError(f"The text is larger than {imports.MAX_BYTES // 1000} KB; split it.")
        if not content.strip():
            raise ServiceError("Choose a file or paste the questions first.")
        report = imports.parse_csv(content) if fmt == "csv" else imports.parse_gift(content)
        imports.validate(db.session, report)
        if request.form.get("action") == "confirm" and report.ok:
            created = imports.apply(db.session, current_user, lesson, report)
            db.session.commit()
            flash(f"{len(created)} questions imported into the lesson.", "success")
            return redirect(url_for("teach.lesson", lesson_id=lesson.id) + "#items")
    except ServiceError as exc:
        db.session.rollback()
        error = str(exc)
    status = 200 if report is not None and report.ok and error is None else 400
    return render_template(
        "teach/import.html",
        lesson=lesson,
        report=report,
        content=content,
        fmt=fmt,
        button=ButtonForm(),
        error=error,
    ), status
