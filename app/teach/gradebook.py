"""A class's results: the gradebook and its CSV, a student's attempts, item
analysis, and the source shaded by how often the class got it wrong."""

from __future__ import annotations

from typing import Any

from flask import Response, render_template
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from app import clock
from app.auth.decorators import teacher_required
from app.extensions import db
from app.forms import ButtonForm
from app.models import Assignment, Classroom, Lesson, Question, QuizAttempt, User
from app.services import teaching
from app.services.feedback import FeedbackContext
from app.services.markdown import render_markdown
from app.teach import bp
from app.teach.common import own_class
from app.teach.forms import AccommodationForm, CommentForm, OverrideForm


@bp.get("/classes/<int:class_id>/gradebook.csv")
@teacher_required
def gradebook_csv(class_id: int) -> Response:
    classroom = own_class(class_id)
    book = teaching.gradebook(db.session, classroom, clock.now())
    db.session.commit()  # attempts whose time ran out are closed now
    response = Response(teaching.gradebook_csv(book), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="gradebook-{classroom.id}.csv"'
    return response


@bp.get("/classes/<int:class_id>/students/<int:student_id>")
@teacher_required
def student_page(class_id: int, student_id: int) -> str:
    classroom = own_class(class_id)
    student = teaching.student_in_class(db.session, classroom, student_id)
    return student_view(classroom, student)


def accommodation_choices(classroom: Classroom) -> list[SelectChoice]:
    """What an accommodation applies to: 0 for every assignment, or one of them."""
    book_rows = db.session.execute(
        select(Assignment.id, Lesson.title)
        .join(Lesson, Lesson.id == Assignment.lesson_id)
        .where(Assignment.classroom_id == classroom.id)
        .order_by(Assignment.created_at)
    )
    return [
        SelectChoice(0, "Every assignment of this class"),
        *(SelectChoice(aid, title) for aid, title in book_rows),
    ]


def student_view(classroom: Classroom, student: User, form: AccommodationForm | None = None) -> str:
    """A student's attempts in the class and their accommodations, with `form` as
    it was typed when it had a mistake."""
    attempts = teaching.student_attempts(db.session, classroom, student, clock.now())
    db.session.commit()  # attempts whose time ran out are closed now
    if form is None:
        form = AccommodationForm()
    form.assignment_id.choices = accommodation_choices(classroom)
    return render_template(
        "teach/student.html",
        classroom=classroom,
        student=student,
        attempts=attempts,
        accommodations=teaching.accommodations_of(db.session, classroom, student),
        describe=teaching.describe_accommodation,
        titles={c.value: c.label for c in form.assignment_id.choices},
        form=form,
    )


def attempt_view(
    classroom: Classroom, attempt: QuizAttempt, status: int = 200, **forms: Any
) -> tuple[str, int]:
    """An attempt's answers, with the forms to change a mark and to comment; a
    refused form (in `forms`) is shown again as it was typed."""
    context = FeedbackContext(db.session, attempt.answers)
    items = [(a, context.build(a)) for a in attempt.answers]
    student = db.session.get(User, attempt.user_id)
    refused = forms.get("override_forms", {})
    questions = db.session.scalars(
        select(Question).where(Question.id.in_({a.question_id for a in attempt.answers}))
    )
    return render_template(
        "teach/attempt.html",
        classroom=classroom,
        attempt=attempt,
        items=items,
        student=student,
        override_forms={
            a.position: refused.get(a.position) or OverrideForm(prefix=f"mark{a.position}")
            for a in attempt.answers
        },
        editable={q.id for q in questions if teaching.may_edit_question(current_user, q)},
        comments=teaching.comments_on(db.session, attempt),
        comment_form=forms.get("comment_form") or CommentForm(prefix="comment"),
        button=ButtonForm(),
        markdown=render_markdown,
    ), status


@bp.get("/classes/<int:class_id>/attempts/<int:attempt_id>")
@teacher_required
def attempt_page(class_id: int, attempt_id: int) -> tuple[str, int]:
    classroom = own_class(class_id)
    attempt = teaching.attempt_in_class(db.session, classroom, attempt_id, clock.now())
    db.session.commit()  # an attempt whose time ran out is closed now
    return attempt_view(classroom, attempt)


@bp.get("/classes/<int:class_id>/assignments/<int:assignment_id>/analysis")
@teacher_required
def analysis(class_id: int, assignment_id: int) -> str:
    classroom = own_class(class_id)
    assignment = teaching.assignment_in_class(db.session, classroom, assignment_id)
    lesson = db.session.get(Lesson, assignment.lesson_id)
    return render_template(
        "teach/analysis.html",
        classroom=classroom,
        assignment=assignment,
        lesson=lesson,
        rows=teaching.item_analysis(db.session, assignment),
    )


@bp.get("/classes/<int:class_id>/passages/<source_id>")
@teacher_required
def passages(class_id: int, source_id: str) -> str:
    classroom = own_class(class_id)
    shaded = teaching.shaded_source(db.session, classroom, source_id)
    return render_template(
        "teach/passages.html",
        classroom=classroom,
        source=shaded.source,
        blocks=shaded.blocks,
        worst=shaded.worst,
    )
