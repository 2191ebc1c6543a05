"""Error pages in the site's layout; a database error rolls back first."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db
from app.services import NotFound, PermissionDenied

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("Bad request", "The request could not be understood."),
    403: ("Not allowed", "You do not have access to this page."),
    404: ("Not found", "There is no page at this address."),
    405: ("Not allowed", "This page cannot be used that way."),
    413: ("Too large", "What you sent is too large."),
    429: ("Too many attempts", "Please wait a few minutes before trying again."),
    500: ("Something went wrong", "An unexpected error occurred. Nothing you saved is lost."),
}


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return request.is_json or best == "application/json"


def render_error(status: int, message: str | None = None):  # type: ignore[no-untyped-def]
    title, default = MESSAGES.get(status, MESSAGES[500])
    text = message or default
    if _wants_json():
        return jsonify(error=title, message=text), status
    return render_template("errors/error.html", status=status, title=title, message=text), status


def _safe_form_fields() -> list[tuple[str, str]]:
    """What the person typed, minus secrets and the stale token."""
    return [
        (name, value)
        for name, value in request.form.items(multi=True)
        if name != "csrf_token" and "password" not in name.lower()
    ]


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):  # type: ignore[no-untyped-def]
        # Never lose what was typed: offer the same form again with a fresh token.
        if _wants_json():
            return jsonify(error="csrf", message="Your session changed; reload the page."), 400
        return (
            render_template(
                "errors/csrf.html",
                fields=_safe_form_fields(),
                action=request.full_path.rstrip("?"),
            ),
            400,
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        status = error.code or 500
        # A message given to abort() is shown; werkzeug's generic text is not.
        custom = error.description if error.description != type(error).description else None
        if status not in MESSAGES:
            status = 500 if status >= 500 else 400
        if status == 429 and request.endpoint == "auth.login":
            from app.auth.routes import login_rate_limited

            return login_rate_limited()
        return render_error(status, custom)

    @app.errorhandler(NotFound)
    def not_found(error: NotFound):  # type: ignore[no-untyped-def]
        # A service's "not found" (also for another user's object): a 404 page.
        db.session.rollback()
        return render_error(404, str(error))

    @app.errorhandler(PermissionDenied)
    def forbidden(error: PermissionDenied):  # type: ignore[no-untyped-def]
        db.session.rollback()
        return render_error(403, str(error))

    @app.errorhandler(SQLAlchemyError)
    def database_error(error: SQLAlchemyError):  # type: ignore[no-untyped-def]
        db.session.rollback()
        log.exception("database error", exc_info=error)
        return render_error(500)

    @app.errorhandler(InternalServerError)
    def internal_error(error: InternalServerError):  # type: ignore[no-untyped-def]
        db.session.rollback()
        return render_error(500)
