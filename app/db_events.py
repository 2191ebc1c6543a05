"""Per-connection database settings, and closing the session after a request
even when the database went away in the meantime."""

from __future__ import annotations

import logging
from typing import Any, cast

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, scoped_session

log = logging.getLogger(__name__)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # Foreign keys are off by default in SQLite; WAL lets readers work while one
    # writer commits; busy_timeout makes a second writer wait instead of failing.
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def init_db_events(app: Flask) -> None:
    from app.extensions import db

    with app.app_context():
        engine: Engine = db.engine
        if engine.dialect.name == "sqlite" and not event.contains(
            engine, "connect", _sqlite_pragmas
        ):
            event.listen(engine, "connect", _sqlite_pragmas)

    @app.teardown_appcontext
    def close_session(_error: BaseException | None) -> None:
        # Runs before Flask-SQLAlchemy's own teardown. Closing rolls back what
        # is left of the transaction; if the database restarted after the
        # response was ready, that rollback fails, and the response must still
        # go out: throw the dead connection away instead.
        try:
            db.session.close()
        except SQLAlchemyError:
            log.warning("database connection lost while closing the session")
            # the Session itself: its scoped proxy has no invalidate()
            cast("scoped_session[Session]", db.session)().invalidate()
