"""A student's accommodations in a class: saved from their page, applied at
once, also to an attempt in progress."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from app import clock
from app.auth.decorators import teacher_required
from app.extensions import db
from app.services import NotFound, ServiceError, teaching
from app.teach import bp
from app.teach.common import check_button, own_class
from app.teach.forms import AccommodationForm
from app.teach.gradebook import accommodation_choices, student_view


@bp.post("/classes/<int:class_id>/students/<int:student_id>/accommodations")
@teacher_required
def save_accommodation(class_id: int, student_id: int) -> ResponseReturnValue:
    classroom = own_class(class_id)
    student = teaching.student_in_class(db.session, classroom, student_id)
    form = AccommodationForm()
    form.assignment_id.choices = accommodation_choices(classroom)
    due, valid = None, form.validate_on_submit()
    if valid:
        try:
            due = teaching.due_in_utc(form.due_at.data, form.tz_offset.data)
        except ServiceError as exc:
            form.due_at.errors = [*form.due_at.errors, str(exc)]
    if valid and not form.due_at.errors:
        choice = teaching.AccommodationChoice(
            assignment_id=form.assignment_id.data or None,
            time_multiplier=float(form.time_multiplier.data) if form.time_multiplier.data else None,
            extra_minutes=form.extra_minutes.data or 0,
            untimed=bool(form.untimed.data),
            due_at=due,
            extra_attempts=form.extra_attempts.data or 0,
            max_options=form.max_options.data or None,
        )
        try:
            _, changed = teaching.save_accommodation(
                db.session, classroom, student, choice, clock.now()
            )
        except NotFound:
            form.assignment_id.errors = [*form.assignment_id.errors, "Choose from the list."]
        except ServiceError as exc:
            field = getattr(form, exc.field or "", None) or form.assignment_id
            field.errors = [*field.errors, str(exc)]
        else:
            db.session.commit()
            message = f"Accommodation saved for {student.display_name}."
            if changed:
                message += " It applies to the quiz they have in progress."
            flash(message, "success")
            return redirect(
                url_for("teach.student_page", class_id=classroom.id, student_id=student.id)
            )
    return student_view(classroom, student, form), 400


@bp.post("/classes/<int:class_id>/students/<int:student_id>/accommodations/<int:row_id>/remove")
@teacher_required
def remove_accommodation(class_id: int, student_id: int, row_id: int) -> Response:
    classroom = own_class(class_id)
    student = teaching.student_in_class(db.session, classroom, student_id)
    check_button()
    teaching.remove_accommodation(db.session, classroom, student, row_id)
    db.session.commit()
    flash("Accommodation removed.", "success")
    return redirect(url_for("teach.student_page", class_id=classroom.id, student_id=student.id))
