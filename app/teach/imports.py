"""Importing a teacher's own questions into a lesson from CSV or GIFT."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from app.auth.decorators import teacher_required
from app.extensions import db
from app.forms import ButtonForm
from app.services import ServiceError
from app.teach import bp
from app.teach.common import check_button, own_lesson


def _import_page(lesson: Any, **values: Any) -> str:
    if "button" not in values:
        values["button"] = ButtonForm()
    page: str = render_template(
        "teach/import.html",
        lesson=lesson,
        **{
            "report": None,
            "content": "",
            "fmt": "csv",
            "error": None,
            **values,
        },
    )
    return page


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> Any:
    """A request larger than the site takes is refused before it is read; on the
    import page the teacher gets the page back with the reason, not a bare error.
    (The browser's script stops such a file before it is sent, keeping the form.)"""
    from app.errors import render_error
    from app.services import imports

    lesson_id = (request.view_args or {}).get("lesson_id")
    if request.endpoint == "teach.import_questions" and isinstance(lesson_id, int):
        message = (
            f"The file is far larger than {imports.MAX_BYTES // 1000} KB, so it was not "
            "read; split it into smaller files and choose them again."
        )
        # the body was not read: a form made from it would try to read it again
        button = ButtonForm(formdata=None)
        return _import_page(own_lesson(lesson_id), error=message, button=button), 413
    return render_error(413)


@bp.route("/lessons/<int:lesson_id>/import", methods=["GET", "POST"])
@teacher_required
def import_questions(lesson_id: int) -> Any:
    """Preview first, then import all rows or none."""
    from app.services import imports

    lesson = own_lesson(lesson_id)
    if request.method == "GET":
        return _import_page(lesson)
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
    return _import_page(lesson, report=report, content=content, fmt=fmt, error=error), status
