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
from app.parsing import whole_number
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


class ResponseError(ValueError):
    """The submitted answer cannot be read; the message says what to fix."""


def parse_response(answer: AttemptAnswer, form: MultiDict[str, str]) -> Any:
    """The response in the shape grading expects, from the posted form."""
    data, display = answer.question_data, answer.display
    kind = data["type"]
    if kind in ("short", "cloze"):
        text = form.get("answer", "")
        if len(text) > MAX_ANSWER_LENGTH:
            raise ResponseError(f"Answers are at most {MAX_ANSWER_LENGTH} characters.")
        if not text.strip():
            raise ResponseError("Type an answer first.")
        return text.strip()
    if kind == "matching":
        rights = display["rights"]
        chosen = []
        for i in range(len(display["lefts"])):
            right = whole_number(form.get(f"match-{i}"))
            if right is None or right >= len(rights):
                raise ResponseError("Choose an answer for every row.")
            chosen.append(rights[right])
        return chosen
    if kind == "ordering":
        items = display["items"]
        picked = []
        for i in range(len(items)):
            item = whole_number(form.get(f"order-{i}"))
            if item is None or item >= len(items):
                raise ResponseError("Choose an event for every place.")
            picked.append(item)
        if len(set(picked)) != len(picked):
            raise ResponseError("Use each event once.")
        return [items[i] for i in picked]
    options = display.get("options") or data.get("options", [])
    option = whole_number(form.get("answer"))
    if option is None or option >= len(options):
        raise ResponseError("Choose one of the answers.")
    return options[option]


def form_values(answer: AttemptAnswer, form: MultiDict[str, str] | None) -> dict[str, str]:
    """What to show in the inputs: what was just posted, else the saved answer."""
    if form is not None:
        return {k: v for k, v in form.items() if k != "csrf_token"}
    response, display, kind = answer.response, answer.display, answer.question_data["type"]
    if response is None:
        return {}
    if kind in ("short", "cloze"):
        return {"answer": str(response)}
    if kind == "matching":
        rights = display["rights"]
        return {f"match-{i}": str(rights.index(r)) for i, r in enumerate(response) if r in rights}
    if kind == "ordering":
        items = display["items"]
        return {f"order-{i}": str(items.index(r)) for i, r in enumerate(response) if r in items}
    options = display.get("options", [])
    return {"answer": str(options.index(response))} if response in options else {}


__all__ = [
    "EmptyForm",
    "ReportForm",
    "ResponseError",
    "StartQuizForm",
    "StringField",
    "form_values",
    "parse_response",
]
