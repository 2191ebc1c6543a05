from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

bp = Blueprint("main", __name__)


@bp.get("/")
def index() -> Response | str:
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    return render_template("main/index.html")


@bp.get("/dashboard")
@login_required
def dashboard() -> str:
    from app import clock
    from app.extensions import db
    from app.services import teaching

    work = teaching.student_work(db.session, current_user, clock.now())
    return render_template("main/dashboard.html", work=work)
