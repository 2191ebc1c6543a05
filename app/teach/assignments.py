"""Assigning a lesson to a class, with a due date typed in the teacher's time zone."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, url_for
from flask_login import current_user

from app import clock
from app.auth.decorators import teacher_required
from app.extensions import db
from app.services import NotFound, ServiceError, teaching
from app.teach import bp
from app.teach.common import own_lesson
from app.teach.forms import AssignForm
from app.teach.lessons import lesson_page


@bp.app_template_global("assignment_rules")
def assignment_rules(assignment: teaching.Assignment, lesson: teaching.Lesson) -> str:
    """An assignment's rules in words, for any page that lists assignments."""
    return teaching.describe_rules(assignment, bool(teaching.lesson_question_ids(lesson)))


@bp.post("/lessons/<int:lesson_id>/assign")
@teacher_required
def assign(lesson_id: int) -> Any:
    lesson = own_lesson(lesson_id)
    form = AssignForm()
    form.classroom_id.choices = [
        (c.id, c.name) for c in teaching.classes_of_teacher(db.session, current_user)
    ]
    due, valid = None, form.validate_on_submit()
    if valid:
        try:
            due = teaching.due_in_utc(form.due_at.data, form.tz_offset.data)
        except ServiceError as exc:
            form.due_at.errors = [*form.due_at.errors, str(exc)]
    if valid and not form.due_at.errors:
        try:
            classroom = teaching.class_for_teacher(db.session, current_user, form.classroom_id.data)
            teaching.assign(
                db.session,
                current_user,
                lesson,
                classroom,
                due,
                form.time_limit.data,
                clock.now(),
                teaching.AssignmentRules(
                    form.attempts_allowed.data or 1,
                    form.counts.data,
                    form.feedback.data,
                    form.answers_released.data,
                    form.late.data != "refuse",
                ),
            )
        except NotFound:
            form.classroom_id.errors = [*form.classroom_id.errors, "Choose one of your classes."]
        except ServiceError as exc:
            form.classroom_id.errors = [*form.classroom_id.errors, str(exc)]
        else:
            db.session.commit()
            flash(f"Assigned to {classroom.name}.", "success")
            return redirect(url_for("teach.lesson", lesson_id=lesson.id))
    return lesson_page(lesson, assign_form=form), 400
