"""Extensions, created unbound here and bound to an app in create_app()."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from app.models.base import Base

# A session lives for one request. Committing before the page is rendered (to
# save that a card or question was shown) must not make the template reload the
# user, the card and its fact: objects keep their values after a commit.
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    class _SQLAlchemy(SQLAlchemy):
        # db.session is a scoped_session: a proxy that has a Session's methods and
        # hands each call to this request's Session. Typed as that Session, so
        # that views pass it to services, which take a Session.
        session: Session  # type: ignore[assignment]
else:
    _SQLAlchemy = SQLAlchemy

db = cast(
    "_SQLAlchemy",
    SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False}),
)


class _LoginManager(LoginManager):  # type: ignore[misc]
    """Flask-Login's manager, without the session-protection check when it is off
    (as here: app/__init__.py): the check hashes the address and the browser's
    User-Agent on every request before it looks whether it is on."""

    def _session_protection_failed(self) -> bool:
        mode = current_app.config.get("SESSION_PROTECTION", self.session_protection)
        if mode not in ("basic", "strong"):
            return False
        return bool(super()._session_protection_failed())


migrate = Migrate()
csrf = CSRFProtect()
login_manager = _LoginManager()
limiter = Limiter(key_func=get_remote_address)
