"""proposals a teacher skipped on a source's curation screen

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 19:30:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "proposal_skip",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=300), nullable=False),
        sa.Column("skipped_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["skipped_by_id"],
            ["user.id"],
            name=op.f("fk_proposal_skip_skipped_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_proposal_skip_source_id_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_skip")),
        sa.UniqueConstraint("source_id", "key", name=op.f("uq_proposal_skip_source_id_key")),
    )
    with op.batch_alter_table("proposal_skip", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_proposal_skip_skipped_by_id"), ["skipped_by_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_proposal_skip_source_id"), ["source_id"], unique=False)


def downgrade():
    with op.batch_alter_table("proposal_skip", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_skip_source_id"))
        batch_op.drop_index(batch_op.f("ix_proposal_skip_skipped_by_id"))
    op.drop_table("proposal_skip")
