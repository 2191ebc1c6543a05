"""session expiry: when a session was last used, and by which kind of browser

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 10:30:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("agent", sa.String(length=64), nullable=False, server_default="")
        )
    # Existing sessions count as last used when they started; they are bound to
    # the first browser that uses them after the upgrade.
    op.execute("UPDATE user_session SET last_seen_at = created_at")
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.alter_column(
            "last_seen_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch_op.alter_column("agent", existing_type=sa.String(length=64), server_default=None)


def downgrade():
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.drop_column("agent")
        batch_op.drop_column("last_seen_at")
