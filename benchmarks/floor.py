"""The stack floor: the least an endpoint on Sourcebook's stack can cost for the
work of a question page or an answer save, served the same way in the same run.

Flask, Flask-SQLAlchemy and Jinja, as the app uses them, and the same database
work: a session lookup by the cookie's id, one SELECT of the row, and for the
save one UPDATE and a commit; the page is a template file rendered as the app
renders its own (compiled once, then cached), about 8 KB like the app's question
page. Nothing else: no login manager, no CSRF, no rate limits, no navigation."""

from __future__ import annotations

import os

from flask import Flask, abort, jsonify, render_template, request
from flask_sqlalchemy import SQLAlchemy
from jinja2 import DictLoader
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

db = SQLAlchemy()


class FloorSession(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "floor_session"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int]


class FloorAnswer(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "floor_answer"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("floor_session.id"), index=True)
    position: Mapped[int]
    prompt: Mapped[str] = mapped_column(Text)
    response: Mapped[str | None] = mapped_column(Text)


# About 8 KB once rendered: the size of the app's question page.
PAGE = (
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>Question {{ a.position }}"
    "</title></head><body><main><h1>Question {{ a.position }}</h1><p>{{ a.prompt }}</p>"
    "<form method=post>{% for i in range(4) %}<label><input type=radio name=answer "
    "value={{ i }}{% if a.response == i|string %} checked{% endif %}> Option {{ i }}</label>"
    "{% endfor %}<button>Save</button></form>"
    "{% for line in filler %}<p>{{ line }}</p>{% endfor %}</main></body></html>"
)
FILLER = ["Sources, passages and the questions drawn from them. " * 3] * 42
SESSIONS = 16
POSITIONS = 10


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    # A named template, loaded and compiled once like the app's: a template
    # string (render_template_string) would be compiled again on every request.
    app.jinja_loader = DictLoader({"floor.html": PAGE})
    db.init_app(app)

    def answer(position: int) -> FloorAnswer:
        sid = request.cookies.get("sid", "")
        session = db.session.get(FloorSession, sid)
        if session is None:
            abort(403)
        row = db.session.execute(
            db.select(FloorAnswer).filter_by(session_id=session.id, position=position)
        ).scalar_one_or_none()
        if row is None:
            abort(404)
        return row

    @app.get("/floor/q/<int:position>")
    def page(position: int) -> str:
        return render_template("floor.html", a=answer(position), filler=FILLER)

    @app.post("/floor/q/<int:position>")
    def save(position: int) -> object:
        row = answer(position)
        row.response = request.form.get("answer", "")
        db.session.commit()
        return jsonify(saved=True, position=position)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


def prepare(url: str) -> list[str]:
    """Create the floor's tables in the database at `url` and one session with
    its answers per client; return the session ids (the clients' cookies)."""
    os.environ["DATABASE_URL"] = url
    app = create_app()
    ids = [f"floor-session-{i:02d}" for i in range(SESSIONS)]
    with app.app_context():
        db.create_all()
        for sid in ids:
            db.session.add(FloorSession(id=sid, user_id=1))
            for position in range(1, POSITIONS + 1):
                db.session.add(
                    FloorAnswer(
                        session_id=sid,
                        position=position,
                        prompt=f"Which defendant of the January 1937 trial is question {position} about?",
                    )
                )
        db.session.commit()
        db.engine.dispose()
    return ids
