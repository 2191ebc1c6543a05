"""Schema only through migrations: upgrade, downgrade, and models in sync."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from app import create_app
from app.extensions import db
from tests.conftest import base_config


def _tables(engine):
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_from_empty_to_head_then_down_to_base_and_back(fresh_database):
    app = create_app(base_config(fresh_database))
    with app.app_context():
        assert _tables(db.engine) == set()
        upgrade()
        assert {"user", "user_session", "source", "fact", "question"} <= _tables(db.engine)
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        downgrade(revision="base")
        assert _tables(db.engine) == set()
        upgrade()
        assert "user" in _tables(db.engine)
        db.engine.dispose()


def test_timestamps_come_back_timezone_aware(app, make_user):
    from app.models import User

    user = make_user()
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert stored.created_at.tzinfo is not None
        assert stored.created_at.utcoffset().total_seconds() == 0
