"""Error pages in the site's layout; a database error rolls back first."""

from __future__ import annotations

import logging

from flask import Flask, current_app, g, jsonify, make_response, render_template, request, session
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db, login_manager
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
    503: (
        "Try again in a moment",
        "The database is not answering right now, so this last step may not have been "
        "saved. Everything saved before it is safe. Go back and send it again in a few "
        "seconds: sending it twice does no harm.",
    ),
}

# Seconds a client (or a browser's retry logic) should wait after a 503.
RETRY_AFTER = 5


def wants_json() -> bool:
    """The client (a page's script, or a program) asked for JSON above all else."""
    return request.is_json or request.accept_mimetypes.best == "application/json"


def render_error(status: int, message: str | None = None):  # type: ignore[no-untyped-def]
    title, default = MESSAGES.get(status, MESSAGES[500])
    text = message or default
    if wants_json():
        return jsonify(error=title, message=text), status
    return render_template("errors/error.html", status=status, title=title, message=text), status


def _safe_form_fields() -> list[tuple[str, str]]:
    """What the person typed, minus secrets and the stale token."""
    return [
        (name, value)
        for name, value in request.form.items(multi=True)
        if name != "csrf_token" and "password" not in name.lower()
    ]


def is_unavailable(error: SQLAlchemyError) -> bool:
    """A database that is down, restarting or busy, rather than a bug."""
    import sqlite3

    from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    if isinstance(error, DisconnectionError | PoolTimeout):
        return True
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error.__cause__, sqlite3.Error):
        # SQLite says "operational" for a missing table too: only a busy or
        # unreadable file is worth a retry.
        text = str(error.__cause__).lower()
        return text.startswith(("database is locked", "database is busy", "unable to open"))
    return isinstance(error, OperationalError | InterfaceError)


def csrf_error(error: CSRFError):  # type: ignore[no-untyped-def]
    # Never lose what was typed: offer the same form again with the session's
    # token. The answer writes no cookie (see security.SessionInterface), so a
    # request that came without a session (a cross-site post, or a session
    # that ended) can only show what was typed, not send it again.
    g.csrf_failed = True
    if wants_json():
        return jsonify(error="csrf", message="Your session changed; reload the page."), 400
    can_resend = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token") in session
    return (
        render_template(
            "errors/csrf.html",
            fields=_safe_form_fields(),
            action=request.full_path.rstrip("?"),
            can_resend=can_resend,
        ),
        400,
    )


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


def not_found(error: NotFound):  # type: ignore[no-untyped-def]
    # A service's "not found" (also for another user's object): a 404 page.
    db.session.rollback()
    return render_error(404, str(error))


def forbidden(error: PermissionDenied):  # type: ignore[no-untyped-def]
    db.session.rollback()
    return render_error(403, str(error))


def database_error(error: SQLAlchemyError):  # type: ignore[no-untyped-def]
    try:
        db.session.rollback()
    except SQLAlchemyError:
        log.warning("rollback failed after a database error")
    if is_unavailable(error):
        # The server restarted, a connection broke or SQLite is busy: the
        # request can simply be sent again, and every save is idempotent.
        log.warning("database unavailable: %s", error.__class__.__name__)
        try:
            response = make_response(render_error(503))
        except SQLAlchemyError:
            # The page's header asks who is logged in; with no database,
            # show it as to a visitor rather than fail a second time.
            db.session.rollback()
            g._login_user = login_manager.anonymous_user()
            response = make_response(render_error(503))
        response.headers["Retry-After"] = str(RETRY_AFTER)
        return response
    log.exception("database error", exc_info=error)
    return render_error(500)


def internal_error(error: InternalServerError):  # type: ignore[no-untyped-def]
    db.session.rollback()
    return render_error(500)


def register(app: Flask) -> None:
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(NotFound, not_found)
    app.register_error_handler(PermissionDenied, forbidden)
    app.register_error_handler(SQLAlchemyError, database_error)
    app.register_error_handler(InternalServerError, internal_error)
