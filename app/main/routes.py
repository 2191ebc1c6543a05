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
    """Today: what is due, what is unfinished, what is assigned, and the week."""
    from app import clock
    from app.extensions import db
    from app.services import teaching
    from app.services.markdown import render_markdown
    from app.services.today import today

    data = today(db.session, current_user, clock.now())
    db.session.commit()  # listing quizzes closes those whose time ran out
    return render_template(
        "main/dashboard.html",
        today=data,
        work=data.work,
        now=clock.now(),
        messages=teaching.messages_for_student(db.session, current_user),
        markdown=render_markdown,
    )


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """For load balancers and monitors: whether the database answers (with the
    schema revision it is at), 503 when it does not. The app's version only to
    an administrator: to anyone else it would say which known bugs to try."""
    from flask import jsonify
    from flask_login import current_user
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from app import __version__
    from app.extensions import db

    body: dict[str, object] = {}
    try:
        body["schema"] = db.session.execute(
            text("SELECT version_num FROM alembic_version")
        ).scalar()
        body["database"] = "ok"
        status = 200
    except SQLAlchemyError as error:
        db.session.rollback()
        body["database"] = f"unavailable ({error.__class__.__name__})"
        status = 503
    body["status"] = "ok" if status == 200 else "unavailable"
    if status == 200 and current_user.is_authenticated and current_user.is_admin:
        body["version"] = __version__
    return jsonify(body), status
