"""One structured (JSON) log line per request: method, path, status, duration
and user id. Never the query string, the form or the body, so that passwords and
answers stay out of the logs; secrets in the path (join codes) are masked."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from typing import Any

from flask import Flask, g, request
from sqlalchemy import inspect
from sqlalchemy.exc import NoInspectionAvailable
from werkzeug.wrappers import Response

log = logging.getLogger("sourcebook.request")

# URL parts that work like a password: whoever reads the log could use them.
SECRET_VIEW_ARGS = frozenset({"code", "token"})


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object: the fields given in `extra=`, plus time,
    level and message."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def logged_path() -> str:
    path = request.path
    for name, value in (request.view_args or {}).items():
        if name in SECRET_VIEW_ARGS and value:
            path = path.replace(str(value), "***")
    return path


def _user_id(user: object) -> int | None:
    """The id of the user Flask-Login loaded for this request, without a query
    (the object may be expired after a commit, or the database may be down)."""
    if user is None:
        return None
    try:
        identity = inspect(user).identity
    except NoInspectionAvailable:  # the anonymous user
        return None
    return int(identity[0]) if identity else None


# The development server (`flask run`) logs each request line itself, path included.
_JOIN_CODE_IN_PATH = re.compile(r"(/join/)[^\s/?\"]+")


class MaskJoinCodes(logging.Filter):
    """Masks join codes in the development server's own request lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.args = tuple(
                _JOIN_CODE_IN_PATH.sub(r"\1***", arg) if isinstance(arg, str) else arg
                for arg in (record.args if isinstance(record.args, tuple) else (record.args,))
            )
        record.msg = _JOIN_CODE_IN_PATH.sub(r"\1***", str(record.msg))
        return True


def init_app(app: Flask) -> None:
    werkzeug_log = logging.getLogger("werkzeug")
    if not any(isinstance(f, MaskJoinCodes) for f in werkzeug_log.filters):
        werkzeug_log.addFilter(MaskJoinCodes())
    if not app.config.get("REQUEST_LOG", True):
        return
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False

    @app.before_request
    def start_timer() -> None:
        g.request_started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        started = g.get("request_started")
        fields = {
            "method": request.method,
            "path": logged_path(),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
            "user_id": _user_id(g.get("_login_user")),
            "remote_addr": request.remote_addr,
        }
        log.info("request", extra={"fields": fields})
        return response
