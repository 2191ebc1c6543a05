from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    DecimalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
)

from app.forms import LARGEST_ID, no_control_characters, strip_filter
from app.services.curation.texts import MAX_CHARS, MAX_UPLOAD_BYTES
from app.services.teaching.rules import COUNTS, MAX_ATTEMPTS

# what the grader accepts without being told: a fact's form says so, so that a teacher
# lists only the forms it would not
ANSWERED_ANYWAY = (
    "A date in any format, a number in digits or words, a surname alone for a full name "
    "and small typos are accepted anyway."
)


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


def at_most(limit: int) -> Length:
    """A length limit that says what to do about it."""
    return Length(max=limit, message=f"This can be at most {limit} characters; shorten it.")


class QuestionEditForm(FlaskForm):
    """An edit of a question; saving it makes the question's next version."""

    base_version = HiddenField()
    report = HiddenField()
    prompt = TextAreaField(
        "Question",
        validators=[DataRequired("Write the question."), at_most(1000), no_control_characters],
    )
    answer = StringField(
        "Answer",
        filters=[strip_filter],
        validators=[Optional(), at_most(300), no_control_characters],
    )
    choice = RadioField("The right option", validate_choice=False)
    accepted = TextAreaField(
        "Other accepted answers",
        description="One per line. A student's answer is also accepted with small typos.",
        validators=[Optional(), at_most(3000), no_control_characters],
    )
    wrong = TextAreaField(
        "Wrong options",
        description="One per line; at least two.",
        validators=[Optional(), at_most(2000), no_control_characters],
    )
    explanation = TextAreaField(
        "Explanation shown after answering",
        validators=[Optional(), at_most(2000), no_control_characters],
    )
    note = StringField(
        "What was wrong (kept with the version)",
        filters=[strip_filter],
        validators=[Optional(), at_most(500), no_control_characters],
    )
    submit = SubmitField("Save as a new version")


class OverrideForm(FlaskForm):
    """A mark given by hand to one answer (one form per question, by prefix)."""

    mark = RadioField(
        "New mark",
        choices=[SelectChoice("right", "Right (full marks)"), SelectChoice("wrong", "Wrong")],
        validators=[InputRequired("Choose right or wrong.")],
    )
    note = TextAreaField(
        "Note to the student",
        description="Why the mark changed; the student reads it beside the answer.",
        validators=[DataRequired("Write the note."), at_most(500), no_control_characters],
    )
    submit = SubmitField("Change the mark")


class CommentForm(FlaskForm):
    body = TextAreaField(
        "Comment to the student",
        description="Markdown: **bold**, *italic*, lists, links. They see it on their dashboard.",
        validators=[DataRequired("Write the comment."), at_most(2000), no_control_characters],
    )
    submit = SubmitField("Send the comment")


class AnnouncementForm(FlaskForm):
    body = TextAreaField(
        "Announcement to the class",
        description="A few lines in Markdown; the class sees it on their dashboards.",
        validators=[DataRequired("Write the announcement."), at_most(1000), no_control_characters],
    )
    submit = SubmitField("Announce")


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
    """One form for every type: each field says which types use it, and the page's
    script shows only the chosen type's fields."""

    kind = RadioField(
        "Type",
        choices=[
            SelectChoice("mcq", "Multiple choice"),
            SelectChoice("short", "Short answer"),
            SelectChoice("true_false", "True or false"),
            SelectChoice("cloze", "Fill the gap"),
            SelectChoice("ordering", "Put in order"),
            SelectChoice("matching", "Matching"),
        ],
        default="short",
    )
    prompt = TextAreaField(
        "Question, statement or sentence",
        description=(
            "Multiple choice and short answer: the question. True or false: the statement. "
            "Fill the gap: the sentence with the gap's words in [[double brackets]], or "
            "_____ where they go. Put in order and matching: the instruction (optional)."
        ),
        validators=[Optional(), Length(max=1000), no_control_characters],
    )
    answer = StringField(
        "Answer (multiple choice, short answer, fill the gap)",
        description="Fill the gap: not needed when the gap's words are in [[brackets]].",
        filters=[strip_filter],
        validators=[Optional(), Length(max=300), no_control_characters],
    )
    accepted = StringField(
        "Other accepted answers (short answer, fill the gap; optional)",
        description="Separate them with semicolons, for example: Vyshinsky; Vishinsky",
        validators=[Optional(), Length(max=1000), no_control_characters],
    )
    distractors = TextAreaField(
        "Wrong options (multiple choice)",
        description="One per line; at least two.",
        validators=[Optional(), Length(max=2000), no_control_characters],
    )
    truth = RadioField(
        "The statement is (true or false)",
        choices=[SelectChoice("true", "True"), SelectChoice("false", "False")],
        validators=[Optional()],
        validate_choice=False,  # the service says what is missing
    )
    items = TextAreaField(
        "Events in the right order (put in order)",
        description="One per line, earliest first; 3 to 6. Students see them shuffled.",
        validators=[Optional(), Length(max=2000), no_control_characters],
    )
    pairs = TextAreaField(
        "Pairs (matching)",
        description=(
            "One per line, the question then an arrow then its answer; 3 to 6. For example: "
            "Who led the prosecution? → Vyshinsky"
        ),
        validators=[Optional(), Length(max=3000), no_control_characters],
    )
    pair_kind = SelectField(
        "The answers are (matching)",
        choices=[
            SelectChoice("", "Choose"),
            SelectChoice("person", "People"),
            SelectChoice("date", "Dates"),
            SelectChoice("place", "Places"),
        ],
        validate_choice=False,  # the service says what is missing
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
    attempts_allowed = IntegerField(
        "Attempts allowed",
        default=1,
        validators=[
            Optional(),
            NumberRange(1, MAX_ATTEMPTS, f"Allow between 1 and {MAX_ATTEMPTS} attempts."),
        ],
    )
    counts = SelectField(
        "Which attempt counts (with more than one)",
        choices=[SelectChoice(k, v.capitalize()) for k, v in COUNTS.items()],
        default="best",
    )
    feedback = SelectField(
        "During the quiz",
        choices=[
            SelectChoice("end", "Right and wrong shown at the end"),
            SelectChoice("each", "Right and wrong shown after each question"),
            SelectChoice("none", "No marks until the answers are released"),
        ],
        default="end",
    )
    answers_released = SelectField(
        "The answers and the answer key are shown",
        choices=[
            SelectChoice("due", "After the due date"),
            SelectChoice("attempt", "After each attempt"),
            SelectChoice("never", "Never"),
        ],
        default="due",
    )
    late = SelectField(
        "Work handed in after the due date",
        choices=[
            SelectChoice("accept", "Accepted, marked late"),
            SelectChoice("refuse", "Not accepted (counts 0)"),
        ],
        default="accept",
    )
    submit = SubmitField("Assign")


class AccommodationForm(FlaskForm):
    assignment_id = SelectField(
        "Applies to",
        coerce=int,
        validate_choice=False,  # the service checks the assignment is the class's
        validators=[InputRequired("Choose what this applies to.")],
    )
    time_multiplier = DecimalField(
        "Extra time: multiply the time limit by (for example 1.5)",
        places=2,
        validators=[Optional(), NumberRange(1, 5, "Multiply the time by 1 to 5.")],
    )
    extra_minutes = IntegerField(
        "Extra time: minutes added",
        validators=[Optional(), NumberRange(0, 600, "Add between 0 and 600 minutes.")],
    )
    untimed = BooleanField("No time limit")
    due_at = DateTimeLocalField(
        "Extended due date (optional, your local time)",
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
    )
    tz_offset = HiddenField()
    extra_attempts = IntegerField(
        "Extra attempts",
        validators=[Optional(), NumberRange(0, 10, "Allow between 0 and 10 extra attempts.")],
    )
    max_options = SelectField(
        "Options on multiple-choice questions",
        coerce=int,
        choices=[
            SelectChoice(0, "All of them"),
            SelectChoice(3, "At most 3"),
            SelectChoice(2, "At most 2"),
        ],
        default=0,
    )
    submit = SubmitField("Save the accommodation")


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
    file = FileField(
        "Upload a file (UTF-8 .txt, .md or .html, or a PDF with a text layer)",
        description="Up to 5 MB.",
        render_kw={
            "accept": ".txt,.md,.markdown,.html,.htm,.pdf,application/pdf",
            "data-max-bytes": str(MAX_UPLOAD_BYTES),
        },
    )
    text = TextAreaField(
        "Paste the text",
        validators=[Optional()],
        # a paste far over the limit would be refused before the form is read
        render_kw={"data-max-chars": str(MAX_CHARS)},
    )
    submit = SubmitField("Add the source")


class RenameSourceForm(FlaskForm):
    title = StringField(
        "Title",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=300), no_control_characters],
    )


def _unless_opinion(form: Any, field: Any) -> None:
    """An opinion is asked as "which source says it?", with no typed answer."""
    if form.opinion.data:
        field.errors = []
        raise StopValidation()
    if not field.data:
        raise StopValidation("This field is required.")


class FactForm(FlaskForm):
    quote = TextAreaField(
        "Passage (exactly as in the source, the shortest span that proves the fact)",
        validators=[DataRequired(), Length(max=3000)],
    )
    opinion = BooleanField(
        "An opinion of the source, not a checkable fact (asked as “which source says it?”;"
        " the statement is the claim, naming no source)"
    )
    question = StringField(
        "Question",
        filters=[strip_filter],
        validators=[_unless_opinion, Length(max=500), no_control_characters],
    )
    answer = StringField(
        "Answer",
        filters=[strip_filter],
        validators=[_unless_opinion, Length(max=300), no_control_characters],
    )
    statement = StringField(
        "Statement of the fact (must contain the answer)",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=600), no_control_characters],
    )
    answer_type = SelectField("Kind of answer", validate_choice=True)
    accepted = StringField(
        "Other accepted answers (separated by semicolons)",
        description=ANSWERED_ANYWAY,
        validators=[Optional(), Length(max=500), no_control_characters],
    )
    false_statement = StringField(
        "A false statement, which the passage contradicts (optional: for true or false)",
        description=(
            "The statement with a wrong answer in its place, for example another year. "
            "Without one, the fact has no true-or-false question: every statement would be true."
        ),
        filters=[strip_filter],
        validators=[Optional(), Length(max=600), no_control_characters],
    )
    topics = SelectField("Topic", validate_choice=False)
    submit = SubmitField("Add the fact")


def _reading(label: str) -> StringField:
    return StringField(label, filters=[strip_filter], validators=[DataRequired(), Length(max=500)])


class DisputeForm(FlaskForm):
    """Two passages that disagree, and the dispute item's four readings."""

    first = SelectField("A passage of this source", validate_choice=True)
    second = SelectField("The passage it disagrees with", validate_choice=True)
    title = StringField(
        "Title of the disagreement",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=300), no_control_characters],
    )
    note = TextAreaField(
        "What each passage says",
        description="Shown beside both passages on the disagreements page and after the item.",
        validators=[DataRequired(), Length(max=2000)],
    )
    question = TextAreaField(
        "The question students answer",
        description="Name both sources and set out the disagreement; end with a question mark.",
        validators=[DataRequired(), Length(max=1000)],
    )
    right = _reading("The right reading")
    right_why = _reading("Why it is right")
    wrong1 = _reading("Wrong reading 1")
    wrong1_why = _reading("Why wrong reading 1 is wrong")
    wrong2 = _reading("Wrong reading 2")
    wrong2_why = _reading("Why wrong reading 2 is wrong")
    wrong3 = _reading("Wrong reading 3")
    wrong3_why = _reading("Why wrong reading 3 is wrong")
    submit = SubmitField("Save the disagreement")
