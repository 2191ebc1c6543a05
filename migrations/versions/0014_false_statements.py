"""a teacher's fact may carry a false statement, contradicted by its passage,
for its true-or-false item

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 17:50:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("fact", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("false_statements", sa.JSON(), nullable=False, server_default="[]")
        )


def downgrade():
    with op.batch_alter_table("fact", schema=None) as batch_op:
        batch_op.drop_column("false_statements")
