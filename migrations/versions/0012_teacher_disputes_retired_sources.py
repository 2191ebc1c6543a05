"""teachers' disputes (their owner and readings) and retired sources

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 16:20:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("retired", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("dispute", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("readings", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.create_index(batch_op.f("ix_dispute_owner_id"), ["owner_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_dispute_owner_id_user"),
            "user",
            ["owner_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("dispute", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_dispute_owner_id_user"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_dispute_owner_id"))
        batch_op.drop_column("readings")
        batch_op.drop_column("owner_id")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_column("retired")
