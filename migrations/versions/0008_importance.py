"""importance of facts and questions, and whether a student draws on details

A fact or question is core, supporting or detail.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 13:15:00

"""

import json

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

LEVELS = ("core", "supporting", "detail")
KNOWN = "importance IN ('core', 'supporting', 'detail')"


def upgrade():
    for table in ("fact", "question"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "importance", sa.String(length=10), nullable=False, server_default="supporting"
                )
            )
            batch_op.create_check_constraint("importance_known", KNOWN)
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.create_index(
            "ix_question_importance_retired", ["importance", "retired"], unique=False
        )
    _backfill()
    with op.batch_alter_table("study_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("include_details", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def _backfill():
    """A generated question's stored data already says how important it is. A
    fact takes the highest importance of its questions (the generator only ever
    demotes a question below its fact); the next `flask bank load` writes the
    curated values. Rows with nothing to go on stay "supporting"."""
    conn = op.get_bind()
    question = sa.table(
        "question",
        sa.column("id", sa.String),
        sa.column("fact_id", sa.String),
        sa.column("data", sa.Text),
        sa.column("importance", sa.String),
    )
    fact = sa.table("fact", sa.column("id", sa.String), sa.column("importance", sa.String))
    rows = conn.execute(sa.text("SELECT id, fact_id, CAST(data AS TEXT) FROM question")).all()
    by_level = {level: [] for level in LEVELS}
    best = {}
    for qid, fid, raw in rows:
        try:
            level = json.loads(raw or "{}").get("importance")
        except (ValueError, AttributeError):
            level = None
        if level not in LEVELS:
            continue
        by_level[level].append(qid)
        if fid not in best or LEVELS.index(level) < LEVELS.index(best[fid]):
            best[fid] = level
    facts_by_level = {level: [f for f, v in best.items() if v == level] for level in LEVELS}
    for level in ("core", "detail"):
        for table, ids in ((question, by_level[level]), (fact, facts_by_level[level])):
            for start in range(0, len(ids), 500):
                conn.execute(
                    sa.update(table)
                    .where(table.c.id.in_(ids[start : start + 500]))
                    .values(importance=level)
                )


def downgrade():
    with op.batch_alter_table("study_settings", schema=None) as batch_op:
        batch_op.drop_column("include_details")
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_index("ix_question_importance_retired")
    for table in ("question", "fact"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint("importance_known", type_="check")
            batch_op.drop_column("importance")
