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


def test_an_older_database_with_data_is_upgraded_not_recreated(fresh_database):
    """`make run` upgrades whatever database it finds: rows survive every migration."""
    app = create_app(base_config(fresh_database))
    with app.app_context():
        upgrade(revision="0003")
        with db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    'INSERT INTO "user" (id, username, display_name, password_hash, role, created_at) '
                    "VALUES (1, 'old', 'Old Student', 'x', 'student', CURRENT_TIMESTAMP)"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO source (id, title, short_title, perspective, perspective_note, licence, "
                    "attribution, sha256, text, body_end, builtin, created_at) VALUES ('s', 'S', 's', "
                    "'reference', '', 'CC0', 'S', 'x', 'text of s', 9, true, CURRENT_TIMESTAMP)"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO fact (id, source_id, section, kind, quote, start_offset, end_offset, "
                    "statement, question, answer, answer_type, accepted, topics, people, corroborated_by, "
                    "content_hash, retired, updated_at) VALUES ('s-f', 's', '', 'fact', 'text', 0, 4, "
                    "'st', 'q', 'text', 'term', '[]', '[]', '[]', '[]', 'h', false, CURRENT_TIMESTAMP)"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO question (id, type, fact_id, source_id, prompt, data, content_hash, "
                    "retired, updated_at) VALUES ('s-f:short', 'short', 's-f', 's', 'q', '{}', 'h', false, "
                    "CURRENT_TIMESTAMP)"
                )
            )
        upgrade()
        with db.engine.connect() as conn:
            assert conn.execute(sa.text('SELECT username FROM "user"')).scalar() == "old"
            assert conn.execute(sa.text("SELECT fact_id FROM question")).scalar() == "s-f"
        db.engine.dispose()
