from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, NumberRange, Optional

from app.forms import ButtonForm, no_control_characters
from app.models import AttemptAnswer
from app.services.question_types import ResponseError, app_type
from app.services.quiz import (
    FEEDBACK_MODES,
    MAX_ANSWER_LENGTH,
    MAX_QUESTIONS,
    MAX_TIME_LIMIT_MINUTES,
    MIN_QUESTIONS,
    REPORT_REASONS,
    TYPE_LABELS,
)


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class StartQuizForm(FlaskForm):
    scope = SelectField("What to practise", validate_choice=False)
    count = IntegerField(
        "Number of questions",
        default=10,
        description=f"From {MIN_QUESTIONS} to {MAX_QUESTIONS}.",
        validators=[NumberRange(MIN_QUESTIONS, MAX_QUESTIONS)],
    )
    types = MultiCheckboxField(
        "Types of question",
        choices=[SelectChoice(k, v) for k, v in TYPE_LABELS.items()],
        default=list(TYPE_LABELS),
    )
    include_details = BooleanField("Include details")
    feedback_mode = RadioField(
        "Show the answers",
        choices=[SelectChoice(k, v) for k, v in FEEDBACK_MODES.items()],
        default="each",
    )
    time_limit = IntegerField(
        "Time limit in minutes (optional)",
        description="Leave empty for no limit. The quiz ends by itself when time is up.",
        validators=[Optional(), NumberRange(1, MAX_TIME_LIMIT_MINUTES)],
    )
    submit = SubmitField("Start the quiz")


class ReportForm(FlaskForm):
    reason = RadioField(
        "What is wrong?",
        choices=[SelectChoice(k, v) for k, v in REPORT_REASONS.items()],
        default="unsupported",
    )
    comment = TextAreaField(
        "Comment (optional)",
        validators=[Optional(), Length(max=2000), no_control_characters],
    )
    submit = SubmitField("Send the report")


# The older name of the one form of buttons that post.
EmptyForm = ButtonForm


def parse_response(answer: AttemptAnswer, form: MultiDict[str, str]) -> Any:
    """The response in the shape grading expects, from the posted form (a
    ResponseError says what to fix)."""
    data = answer.question_data
    return app_type(data["type"]).parse(data, answer.display, form, MAX_ANSWER_LENGTH)


def form_values(answer: AttemptAnswer, form: MultiDict[str, str] | None) -> dict[str, str]:
    """What to show in the inputs: what was just posted, else the saved answer."""
    if form is not None:
        return {k: v for k, v in form.items() if k != "csrf_token"}
    if answer.response is None:
        return {}
    return app_type(answer.question_data["type"]).values(answer.display, answer.response)


__all__ = [
    "EmptyForm",
    "ReportForm",
    "ResponseError",
    "StartQuizForm",
    "StringField",
    "form_values",
    "parse_response",
]
