from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.forms import LARGEST_ID, no_control_characters, strip_filter


class ClassForm(FlaskForm):
    name = StringField(
        "Class name",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=120), no_control_characters],
    )
    submit = SubmitField("Create class")


class JoinForm(FlaskForm):
    code = StringField(
        "Join code",
        description="The 8-character code your teacher gave you.",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=20), no_control_characters],
    )
    submit = SubmitField("Join")


class LessonForm(FlaskForm):
    title = StringField(
        "Title",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=200), no_control_characters],
    )
    introduction = TextAreaField(
        "Introduction",
        description="A few sentences in Markdown: what the lesson is about.",
        validators=[Optional(), Length(max=5000), no_control_characters],
    )
    submit = SubmitField("Save")


class PassageForm(FlaskForm):
    fact_id = HiddenField()
    source_id = SelectField("Source of this passage", validate_choice=False)
    quote = TextAreaField(
        "Passage",
        description="Paste the words exactly as they stand in the source.",
        validators=[Optional(), Length(max=3000)],
    )
    start = HiddenField()
    end = HiddenField()
    submit = SubmitField("Add passage")


class TextForm(FlaskForm):
    body = TextAreaField(
        "Your text (Markdown)",
        description="**bold**, *italic*, lists, links. Scripts and HTML are removed.",
        validators=[DataRequired(), Length(max=20000), no_control_characters],
    )
    submit = SubmitField("Add text")


class OwnQuestionForm(FlaskForm):
    kind = RadioField(
        "Type",
        choices=[SelectChoice("mcq", "Multiple choice"), SelectChoice("short", "Short answer")],
        default="short",
    )
    prompt = TextAreaField(
        "Question", validators=[DataRequired(), Length(max=1000), no_control_characters]
    )
    answer = StringField(
        "Answer",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=300), no_control_characters],
    )
    accepted = StringField(
        "Other accepted answers (optional)",
        description="Separate them with semicolons, for example: Vyshinsky; Vishinsky",
        validators=[Optional(), Length(max=1000), no_control_characters],
    )
    distractors = TextAreaField(
        "Wrong options (multiple choice)",
        description="One per line; at least two.",
        validators=[Optional(), Length(max=2000), no_control_characters],
    )
    passage_item = SelectField(
        "One of the lesson's passages proves the answer",
        validate_choice=False,  # the view checks the item is a passage of this lesson
    )
    source_id = SelectField("Source of the passage", validate_choice=False)
    quote = TextAreaField(
        "…or paste the passage that proves the answer",
        description=(
            "Paste it exactly as it stands in the source. A question needs a verbatim passage."
        ),
        validators=[Optional(), Length(max=3000)],
    )
    submit = SubmitField("Add my question")


class AssignForm(FlaskForm):
    classroom_id = SelectField(
        "Class",
        coerce=int,
        validate_choice=False,  # the view checks the class is the teacher's
        validators=[
            InputRequired("Choose one of your classes."),
            NumberRange(1, LARGEST_ID, "Choose one of your classes."),
        ],
    )
    due_at = DateTimeLocalField(
        "Due (optional, your local time)", format="%Y-%m-%dT%H:%M", validators=[Optional()]
    )
    tz_offset = HiddenField()
    time_limit = IntegerField(
        "Time limit for the quiz in minutes (optional)",
        validators=[Optional(), NumberRange(1, 180)],
    )
    submit = SubmitField("Assign")


class SourceForm(FlaskForm):
    title = StringField(
        "Title",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=300), no_control_characters],
    )
    author = StringField(
        "Author or publisher",
        filters=[strip_filter],
        validators=[Optional(), Length(max=300), no_control_characters],
    )
    date = StringField(
        "Date (as precise as you know)",
        filters=[strip_filter],
        validators=[Optional(), Length(max=40), no_control_characters],
    )
    perspective = SelectField("What kind of source is it?", validate_choice=True)
    licence = StringField(
        "Licence or permission",
        description="For example: public domain, CC BY-SA 4.0, quoted for education.",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=120), no_control_characters],
    )
    kind = RadioField(
        "Format",
        choices=[
            SelectChoice("text", "Plain text"),
            SelectChoice("markdown", "Markdown"),
            SelectChoice("html", "HTML"),
        ],
        default="text",
    )
    text = TextAreaField("Paste the text", validators=[Optional()])
    submit = SubmitField("Add the source")


class FactForm(FlaskForm):
    quote = TextAreaField(
        "Passage (exactly as in the source, the shortest span that proves the fact)",
        validators=[DataRequired(), Length(max=3000)],
    )
    question = StringField(
        "Question",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=500), no_control_characters],
    )
    answer = StringField(
        "Answer",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=300), no_control_characters],
    )
    statement = StringField(
        "Statement of the fact (must contain the answer)",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=600), no_control_characters],
    )
    answer_type = SelectField("Kind of answer", validate_choice=True)
    accepted = StringField(
        "Other accepted answers (separated by semicolons)",
        validators=[Optional(), Length(max=500), no_control_characters],
    )
    topics = SelectField("Topic", validate_choice=False)
    submit = SubmitField("Add the fact")
