from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, DecimalField, HiddenField, IntegerField, SubmitField
from wtforms.validators import DataRequired, NumberRange, Optional

from app.services.cards import NEW_LIMIT_MAX, RETENTION_MAX, RETENTION_MIN


class SettingsForm(FlaskForm):
    desired_retention = DecimalField(
        "Desired retention",
        places=2,
        description=(
            "The share of cards you want to still remember when they come back. Higher "
            "means more reviews each day; lower means fewer reviews and more forgetting."
        ),
        validators=[DataRequired(), NumberRange(RETENTION_MIN, RETENTION_MAX)],
    )
    daily_new_limit = IntegerField(
        "New cards per day",
        validators=[Optional(), NumberRange(0, NEW_LIMIT_MAX)],
    )
    include_details = BooleanField("Include details in new cards and quizzes")
    submit = SubmitField("Save settings")


class ExamForm(FlaskForm):
    deck = HiddenField()
    exam_on = DateField(
        "Exam date",
        description="Every card of this deck will be reviewed at least once before it.",
        validators=[Optional()],
    )
    submit = SubmitField("Save exam date")
