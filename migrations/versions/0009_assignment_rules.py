"""assignment rules: attempts, which attempt counts, feedback, answer release,
late work; accommodations per student

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 13:20:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    # Existing assignments get the rules new ones start with: one attempt,
    # marks at the end, answers after the due date, late work accepted.
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("attempts_allowed", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.add_column(
            sa.Column("counts", sa.String(length=8), nullable=False, server_default="best")
        )
        batch_op.add_column(
            sa.Column("feedback", sa.String(length=8), nullable=False, server_default="end")
        )
        batch_op.add_column(
            sa.Column("answers_released", sa.String(length=8), nullable=False, server_default="due")
        )
        batch_op.add_column(
            sa.Column("accept_late", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.create_check_constraint("attempts_positive", "attempts_allowed >= 1")
        batch_op.create_check_constraint(
            "counts_known", "counts IN ('first', 'last', 'best', 'mean')"
        )
        batch_op.create_check_constraint("feedback_known", "feedback IN ('none', 'each', 'end')")
        batch_op.create_check_constraint(
            "release_known", "answers_released IN ('attempt', 'due', 'never')"
        )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        for column, type_ in (
            ("attempts_allowed", sa.Integer()),
            ("counts", sa.String(length=8)),
            ("feedback", sa.String(length=8)),
            ("answers_released", sa.String(length=8)),
            ("accept_late", sa.Boolean()),
        ):
            batch_op.alter_column(column, existing_type=type_, server_default=None)

    op.create_table(
        "accommodation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("classroom_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=True),
        sa.Column("time_multiplier", sa.Float(), nullable=True),
        sa.Column("extra_minutes", sa.Integer(), nullable=False),
        sa.Column("untimed", sa.Boolean(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("extra_attempts", sa.Integer(), nullable=False),
        sa.Column("max_options", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "time_multiplier IS NULL OR (time_multiplier >= 1 AND time_multiplier <= 5)",
            name=op.f("ck_accommodation_multiplier_range"),
        ),
        sa.CheckConstraint(
            "extra_minutes >= 0", name=op.f("ck_accommodation_extra_minutes_positive")
        ),
        sa.CheckConstraint(
            "extra_attempts >= 0", name=op.f("ck_accommodation_extra_attempts_positive")
        ),
        sa.CheckConstraint(
            "max_options IS NULL OR max_options >= 2",
            name=op.f("ck_accommodation_max_options_range"),
        ),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignment.id"],
            name=op.f("fk_accommodation_assignment_id_assignment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["classroom_id"],
            ["classroom.id"],
            name=op.f("fk_accommodation_classroom_id_classroom"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["user.id"],
            name=op.f("fk_accommodation_student_id_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accommodation")),
        sa.UniqueConstraint(
            "classroom_id",
            "student_id",
            "assignment_id",
            name=op.f("uq_accommodation_classroom_id_student_id_assignment_id"),
        ),
    )
    with op.batch_alter_table("accommodation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_accommodation_assignment_id"), ["assignment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_accommodation_classroom_id"), ["classroom_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_accommodation_student_id"), ["student_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("accommodation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accommodation_student_id"))
        batch_op.drop_index(batch_op.f("ix_accommodation_classroom_id"))
        batch_op.drop_index(batch_op.f("ix_accommodation_assignment_id"))
    op.drop_table("accommodation")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_assignment_release_known"), type_="check")
        batch_op.drop_constraint(op.f("ck_assignment_feedback_known"), type_="check")
        batch_op.drop_constraint(op.f("ck_assignment_counts_known"), type_="check")
        batch_op.drop_constraint(op.f("ck_assignment_attempts_positive"), type_="check")
        batch_op.drop_column("accept_late")
        batch_op.drop_column("answers_released")
        batch_op.drop_column("feedback")
        batch_op.drop_column("counts")
        batch_op.drop_column("attempts_allowed")
