"""Students' reports on questions, for the teacher to resolve or dismiss."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app import clock
from app.auth.decorators import teacher_required
from app.extensions import db
from app.forms import ButtonForm
from app.services import teaching
from app.teach import bp
from app.teach.common import check_button


@bp.get("/reports")
@teacher_required
def reports() -> str:
    status = request.args.get("status", "open")
    if status not in ("open", "resolved", "dismissed"):
        status = "open"
    return render_template(
        "teach/reports.html",
        rows=teaching.reports_for(db.session, current_user, status),
        status=status,
        form=ButtonForm(),
    )


@bp.post("/reports/<int:report_id>")
@teacher_required
def resolve_report(report_id: int) -> Response:
    check_button()
    status = request.form.get("status", "")
    if status not in ("resolved", "dismissed"):
        flash("Resolve or dismiss the report.", "error")
        return redirect(url_for("teach.reports"))
    teaching.resolve_report(db.session, current_user, report_id, status, clock.now())
    db.session.commit()
    flash("Report closed.", "success")
    return redirect(url_for("teach.reports"))
