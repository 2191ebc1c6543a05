"""teachers' sources: their format, PDF page starts, items rejected in review,
the topics of a source

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 13:20:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("format", sa.String(length=10), nullable=False, server_default="text")
        )
        batch_op.add_column(
            sa.Column("page_starts", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(
            sa.Column("rejected_questions", sa.JSON(), nullable=False, server_default="[]")
        )
    with op.batch_alter_table("topic", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_id", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_topic_source_id"), ["source_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_topic_source_id_source"), "source", ["source_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("topic", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_topic_source_id_source"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_topic_source_id"))
        batch_op.drop_column("source_id")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_column("rejected_questions")
        batch_op.drop_column("page_starts")
        batch_op.drop_column("format")
