"""A class's results: the gradebook and its CSV, a student's attempts, item
analysis, and the source shaded by how often the class got it wrong."""

from __future__ import annotations

from flask import Response, render_template
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from app import clock
from app.auth.decorators import teacher_required
from app.extensions import db
from app.models import Assignment, Classroom, Lesson, User
from app.services import teaching
from app.services.feedback import FeedbackContext
from app.teach import bp
from app.teach.common import own_class
from app.teach.forms import AccommodationForm


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


@bp.get("/classes/<int:class_id>/attempts/<int:attempt_id>")
@teacher_required
def attempt_page(class_id: int, attempt_id: int) -> str:
    classroom = own_class(class_id)
    attempt = teaching.attempt_in_class(db.session, classroom, attempt_id, clock.now())
    db.session.commit()
    context = FeedbackContext(db.session, attempt.answers)
    items = [(a, context.build(a)) for a in attempt.answers]
    student = db.session.get(User, attempt.user_id)
    return render_template(
        "teach/attempt.html", classroom=classroom, attempt=attempt, items=items, student=student
    )


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
