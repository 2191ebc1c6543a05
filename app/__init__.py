"""Sourcebook: learn history from its sources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sourcebook")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"


__version__ = _version()


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Application factory: configuration, extensions, blueprints, CLI and error
    handlers, in that order. `config` overrides anything read from the environment."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    from app.config import load_config

    app.config.update(load_config(Path(app.instance_path)))
    if config:
        app.config.update(config)

    from app import fragments, logs, navigation, security

    # First, so that its after-request hook runs last and sees every cookie.
    security.init_app(app)
    logs.init_app(app)
    _register_converters(app)
    _register_extensions(app)
    _register_blueprints(app)
    _register_cli(app)
    _register_error_handlers(app)
    navigation.init_app(app)
    fragments.init_app(app)
    return app


def _register_extensions(app: Flask) -> None:
    from app import security
    from app.extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    # the token signed once per session, not on every page (app/security.py); as a
    # global only: Flask-WTF also adds a context processor, called on every render,
    # that would put its own back in each page's context
    app.jinja_env.globals["csrf_token"] = security.csrf_token
    processors = app.template_context_processors[None]
    processors[:] = [p for p in processors if getattr(p, "__module__", "") != "flask_wtf.csrf"]
    limiter.init_app(app)
    _check_limits_only_where_set(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to see that page."
    login_manager.login_message_category = "info"
    # Sessions are rows in the database, bound to the kind of browser that logged
    # in and ended when idle or old (app/auth/sessions.py); Flask-Login's own
    # "protection" only marks a session as not fresh, which nothing here uses.
    login_manager.session_protection = None

    from app import models  # noqa: F401  (registers the tables on the metadata)
    from app.db_events import init_db_events

    init_db_events(app)

    from app.auth import sessions

    login_manager.user_loader(sessions.load_user)
    sessions.init_app(app)


def _check_limits_only_where_set(app: Flask) -> None:
    """Flask-Limiter checks every request before its view, for limits that apply
    to whole blueprints or the whole app; a view's own `@limiter.limit` is
    checked by its decorator, when the view runs. Sourcebook sets no limit of
    the first kind, so that check finds nothing to count on every page: make it
    only when a limit of that kind exists. Its after-request and teardown hooks
    (the rate-limit headers, deductions that depend on the response, clearing
    the request's limits) have nothing to do in a request that checked none."""
    from functools import partial

    from flask.globals import request_ctx
    from flask.typing import ResponseClass

    from app.extensions import limiter

    check = limiter._check_request_limit
    hooks = app.before_request_funcs.get(None, [])
    if check not in hooks:  # rate limiting is off
        return
    manager = limiter.limit_manager

    def check_request_limit() -> None:
        if (
            manager._application_limits
            or manager._default_limits
            or manager._blueprint_limits
            or manager._endpoint_hints
            or limiter._meta_limits
            or limiter._in_memory_fallback
        ):
            check()

    hooks[hooks.index(check)] = check_request_limit

    def checked() -> bool:
        # where Flask-Limiter keeps what it checked in this request
        return hasattr(request_ctx, "_limiter_request_context")

    after = app.after_request_funcs.get(None, [])
    inject = next((h for h in after if isinstance(h, partial) and h.args == (limiter,)), None)
    if inject is not None:

        def inject_headers(response: ResponseClass) -> ResponseClass:
            return inject(response) if checked() else response

        after[after.index(inject)] = inject_headers
    release = limiter._Limiter__release_context  # type: ignore[attr-defined]
    teardown = app.teardown_request_funcs.get(None, [])
    if release in teardown:

        def release_context(error: BaseException | None = None) -> None:
            if checked():
                release(error)

        teardown[teardown.index(release)] = release_context


def _register_converters(app: Flask) -> None:
    """`<int:...>` in a route accepts only ids the database can hold: a longer
    number in the address is a 404, not an overflow error in the driver."""
    from werkzeug.routing import IntegerConverter

    from app.parsing import LARGEST_ID

    class IdConverter(IntegerConverter):
        def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:  # noqa: A002
            kwargs.setdefault("max", LARGEST_ID)
            super().__init__(map, *args, **kwargs)

    app.url_map.converters["int"] = IdConverter


def _register_blueprints(app: Flask) -> None:
    from app.admin.routes import bp as admin_bp
    from app.auth.routes import bp as auth_bp
    from app.cards.routes import bp as cards_bp
    from app.classes.routes import bp as classes_bp
    from app.exports.routes import bp as exports_bp
    from app.main.routes import bp as main_bp
    from app.quiz import bp as quiz_bp
    from app.sources.routes import bp as sources_bp
    from app.teach import bp as teach_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(sources_bp)
    app.register_blueprint(quiz_bp)
    app.register_blueprint(cards_bp)
    app.register_blueprint(classes_bp)
    app.register_blueprint(teach_bp)
    app.register_blueprint(exports_bp)


def _register_cli(app: Flask) -> None:
    from app.cli import register

    register(app)


def _register_error_handlers(app: Flask) -> None:
    from app.errors import register

    register(app)
