"""Response headers, cookie flags and safe redirects."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Request, Response, abort, current_app, g, request, session
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin
from flask_wtf.csrf import generate_csrf
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None.

    Refuses absolute URLs, protocol-relative ones (`//evil.example`) and the
    backslash forms browsers treat as such (`/\\evil.example`)."""
    if not target:
        return None
    target = target.strip()
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


# (lowercased name, name, value): the response's header names are read once,
# then the missing ones added in one go
_SECURITY_HEADERS = [(name.lower(), name, value) for name, value in SECURITY_HEADERS.items()]


def _add_headers(response: Response) -> Response:
    present = {name.lower() for name, _value in response.headers}
    response.headers.extend(
        [(name, value) for lower, name, value in _SECURITY_HEADERS if lower not in present]
    )
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        # Cookies are Secure whenever the site is served over HTTPS, whatever
        # the configuration says (session and remember cookies alike).
        cookies = response.headers.getlist("Set-Cookie")
        if cookies:
            response.headers.remove("Set-Cookie")
            for cookie in cookies:
                if "; secure" not in cookie.lower():
                    cookie += "; Secure"
                response.headers.add("Set-Cookie", cookie)
    if request.endpoint != "static" and "cache-control" not in present:
        # Pages carry personal data: never keep them in a shared cache.
        response.headers["Cache-Control"] = "no-store"
    return response


class SessionInterface(SecureCookieSessionInterface):
    """The session cookie is Secure whenever the request came over HTTPS, and is
    never written by a request that failed its CSRF check."""

    _serializer: tuple[tuple[Any, ...], URLSafeTimedSerializer | None] | None = None

    def __init__(self) -> None:
        # (keys, cookie) -> (its data, when it was signed), for cookies already checked
        self._opened: dict[tuple[Any, str], tuple[dict[str, Any], int]] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        # Built once for the app's keys, not on every request (building one
        # serializes an empty dict to learn that the serializer makes text).
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        cached = self._serializer
        if cached is None or cached[0] != keys:
            cached = self._serializer = (keys, super().get_signing_serializer(app))
        return cached[1]

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """Flask's own, but a cookie already checked is not checked again: the same
        signed value under the same keys always holds the same data, so only its age
        is looked at (a cookie holds a few short values; one with a list, such as a
        flashed message waiting, is read afresh each time, never shared)."""
        serializer = self.get_signing_serializer(app)
        value = request.cookies.get(self.get_cookie_name(app))
        if serializer is None or not value:
            return super().open_session(app, request)
        max_age = int(app.permanent_session_lifetime.total_seconds())
        key = (self._serializer[0] if self._serializer else None, value)
        known = self._opened.get(key)
        if known is not None and 0 <= int(time.time()) - known[1] <= max_age:
            return self.session_class(known[0])
        try:
            data, signed_at = serializer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        if all(isinstance(v, str | int | float | bool | None) for v in data.values()):
            if len(self._opened) >= _COOKIES_KEPT:
                self._opened.clear()
            self._opened[key] = (dict(data), int(signed_at.timestamp()))
        return self.session_class(data)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        # A cross-site form post arrives without the visitor's cookie (SameSite);
        # writing a fresh session in the answer would replace, and so end, the
        # visitor's real one. A forged request changes nothing, cookies included.
        if g.get("csrf_failed"):
            return
        super().save_session(app, session, response)


# the bodies werkzeug parses into request.form (request.mimetype is lowercased)
_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


def _refuse_nul_bytes() -> None:
    """No text a person types contains NUL, and PostgreSQL refuses it in strings:
    answer with a clear 400 instead of letting it reach the database."""
    if "\x00" in request.path:
        abort(400, "The address contained an invalid character (NUL). Remove it and try again.")
    sources = [request.args]
    # Only a form body has fields: on any other request (every GET) reading
    # request.form would set up the parser to find nothing.
    if request.mimetype in _FORM_TYPES:
        sources.append(request.form)
    for values in sources:
        for _key, value in values.items(multi=True):
            if "\x00" in value or "\x00" in _key:
                abort(
                    400,
                    "The request contained an invalid character (NUL). Remove it and try again.",
                )


def _refuse_json_bodies() -> None:
    """Every state-changing route reads a form; Flask-WTF would take a JSON body
    as the form's data, with lists and numbers where its fields expect text."""
    if request.method not in ("GET", "HEAD", "OPTIONS") and request.is_json:
        abort(400, "Send this as a form, not as JSON.")


# the most session cookies kept once checked (a few hundred bytes each)
_COOKIES_KEPT = 20_000
# the most signed CSRF tokens kept (about 200 bytes each) before the store starts over
_SIGNED_TOKENS_KEPT = 20_000


def csrf_token() -> str:
    """The CSRF token of the page: Flask-WTF's `generate_csrf`, but signed once
    per session rather than on every page. A session's raw token lasts until the
    next login, and the signed form has no time limit here (WTF_CSRF_TIME_LIMIT is
    None), so the form signed on the first page stays valid for the session's
    life; it is put where Flask-WTF looks first (`g`), so forms send it too."""
    config = current_app.config
    field = config["WTF_CSRF_FIELD_NAME"]
    if field in g or config["WTF_CSRF_TIME_LIMIT"] is not None:
        return generate_csrf()  # type: ignore[no-any-return]
    signed: dict[tuple[Any, str], str] = current_app.extensions.setdefault("signed_csrf", {})
    secret = config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
    token = signed.get((secret, session.get(field, "")))
    if token is not None:
        setattr(g, field, token)
        return token
    token = generate_csrf()  # makes the session's raw token when it has none yet
    if len(signed) >= _SIGNED_TOKENS_KEPT:
        signed.clear()
    signed[(secret, session[field])] = token
    return token  # type: ignore[no-any-return]


# Views that take a larger body than MAX_CONTENT_LENGTH: a file upload, whose
# view refuses a file over its own limit with the rest of the form kept.
LARGE_BODY_ENDPOINTS = {"teach.new_source": 16 * 1024 * 1024}


def _allow_large_uploads() -> None:
    """Before anything reads the form (the NUL check below does)."""
    limit = LARGE_BODY_ENDPOINTS.get(request.endpoint or "")
    if limit is not None:
        request.max_content_length = limit
        request.max_form_memory_size = 2 * 1024 * 1024  # the pasted text


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
    app.before_request(_allow_large_uploads)
    app.before_request(_refuse_nul_bytes)
    app.before_request(_refuse_json_bodies)
    if app.config.get("TRUST_PROXY"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    app.after_request(_add_headers)
