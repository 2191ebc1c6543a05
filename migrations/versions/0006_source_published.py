"""a teacher's source is published to students only when the teacher says so

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 10:35:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("published", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    # the built-in sources are always published; teachers' sources start unpublished
    op.execute(sa.text("UPDATE source SET published = builtin"))


def downgrade():
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_column("published")
