"""question versions, marks by hand, comments on attempts, class announcements

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 13:20:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    # every question and every stored answer so far is version 1
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.create_table(
        "question_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("version >= 1", name=op.f("ck_question_version_version_positive")),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["user.id"],
            name=op.f("fk_question_version_author_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["question.id"],
            name=op.f("fk_question_version_question_id_question"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_version")),
        sa.UniqueConstraint(
            "question_id", "version", name=op.f("uq_question_version_question_id_version")
        ),
    )
    with op.batch_alter_table("question_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_question_version_question_id"), ["question_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_question_version_author_id"), ["author_id"], unique=False
        )

    with op.batch_alter_table("attempt_answer", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("question_version", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.add_column(sa.Column("override_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("overridden_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("overridden_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_attempt_answer_overridden_by_id"), ["overridden_by_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_attempt_answer_overridden_by_id_user"),
            "user",
            ["overridden_by_id"],
            ["id"],
            ondelete="SET NULL",
        )

    op.create_table(
        "attempt_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["quiz_attempt.id"],
            name=op.f("fk_attempt_comment_attempt_id_quiz_attempt"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["user.id"],
            name=op.f("fk_attempt_comment_author_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempt_comment")),
    )
    with op.batch_alter_table("attempt_comment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attempt_comment_attempt_id"), ["attempt_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_attempt_comment_author_id"), ["author_id"], unique=False
        )

    op.create_table(
        "announcement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("classroom_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["user.id"],
            name=op.f("fk_announcement_author_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["classroom_id"],
            ["classroom.id"],
            name=op.f("fk_announcement_classroom_id_classroom"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcement")),
    )
    with op.batch_alter_table("announcement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_announcement_classroom_id"), ["classroom_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_announcement_author_id"), ["author_id"], unique=False)


def downgrade():
    with op.batch_alter_table("announcement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_announcement_author_id"))
        batch_op.drop_index(batch_op.f("ix_announcement_classroom_id"))
    op.drop_table("announcement")
    with op.batch_alter_table("attempt_comment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attempt_comment_author_id"))
        batch_op.drop_index(batch_op.f("ix_attempt_comment_attempt_id"))
    op.drop_table("attempt_comment")
    with op.batch_alter_table("attempt_answer", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_attempt_answer_overridden_by_id_user"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_attempt_answer_overridden_by_id"))
        batch_op.drop_column("overridden_at")
        batch_op.drop_column("overridden_by_id")
        batch_op.drop_column("override_note")
        batch_op.drop_column("question_version")
    with op.batch_alter_table("question_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_version_author_id"))
        batch_op.drop_index(batch_op.f("ix_question_version_question_id"))
    op.drop_table("question_version")
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_column("version")
