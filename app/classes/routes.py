"""Students: join classes, see assigned work, read lessons, take their quizzes."""

from __future__ import annotations

import random
import re
import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app import clock
from app.auth import limits as attempt_limits
from app.extensions import db
from app.forms import ButtonForm
from app.parsing import whole_number
from app.quiz.routes import count_start
from app.services import ServiceError, teaching
from app.services.markdown import render_markdown
from app.teach.forms import JoinForm

bp = Blueprint("classes", __name__)

TOO_MANY_CODES = (
    "Too many wrong codes in a row. Wait ten minutes, then try again, and check the "
    "code with your teacher first."
)


@bp.record_once
def _template_globals(state: BlueprintSetupState) -> None:
    # the words of the assignment rules, on every page that shows them: globals
    # of the templates, not a context processor that every render would call
    state.app.jinja_env.globals.update(
        counts_text=teaching.COUNTS,
        feedback_text=teaching.FEEDBACK,
        release_text=teaching.RELEASE,
    )


@bp.errorhandler(teaching.WorkClosed)
def work_closed(error: teaching.WorkClosed) -> Response:
    """Work that was on the student's dashboard and is closed now: back to the
    dashboard with the reason, never a bare 'not found'."""
    db.session.rollback()
    flash(str(error), "info")
    return redirect(url_for("classes.index"))


@bp.route("/classes/", methods=["GET", "POST"])
@login_required
def index() -> ResponseReturnValue:
    form = JoinForm()
    status = 200
    if form.validate_on_submit():
        attempt = attempt_limits.begin_join_attempt(current_user.id)
        if not attempt.allowed:
            form.code.errors = [TOO_MANY_CODES]
            status = 429
        else:
            try:
                classroom = teaching.join_class(db.session, current_user, form.code.data)
            except ServiceError as exc:
                form.code.errors = [*form.code.errors, str(exc)]
            else:
                attempt.succeeded()
                db.session.commit()
                flash(f"You joined {classroom.name}.", "success")
                return redirect(url_for("classes.index"))
    work = teaching.student_work(db.session, current_user, clock.now())
    classes = teaching.classes_of_student(db.session, current_user)
    page = render_template("classes/index.html", form=form, work=work, classes=classes)
    return page, status


@bp.get("/join/<code>")
@login_required
def join_link(code: str) -> str:
    form = JoinForm(code=code[:20])
    work = teaching.student_work(db.session, current_user, clock.now())
    classes = teaching.classes_of_student(db.session, current_user)
    return render_template("classes/index.html", form=form, work=work, classes=classes)


@bp.get("/lessons/<int:lesson_id>")
@login_required
def lesson(lesson_id: int) -> str:
    lesson = teaching.lesson_for_reading(db.session, current_user, lesson_id)
    assignment = teaching.assignment_for_student(db.session, current_user, lesson.id)
    mine = (
        teaching.my_terms(db.session, current_user, assignment, clock.now()) if assignment else None
    )
    db.session.commit()  # attempts whose time ran out are closed now
    return render_template(
        "classes/lesson.html",
        mine=mine,
        lesson=lesson,
        items=teaching.render_items(db.session, lesson),
        markdown=render_markdown,
        preview=False,
        progress=teaching.progress_of(db.session, current_user, lesson),
        assignment=assignment,
        button=ButtonForm(),
    )


@bp.post("/lessons/<int:lesson_id>/progress")
@login_required
def progress(lesson_id: int) -> Response:
    lesson = teaching.lesson_for_reading(db.session, current_user, lesson_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    teaching.record_progress(
        db.session,
        current_user,
        lesson,
        whole_number(request.form.get("position")) or 0,
        request.form.get("complete") == "1",
        clock.now(),
    )
    db.session.commit()
    if request.form.get("complete") == "1":
        flash("Lesson marked as read. Its facts are now in your flashcards.", "success")
    anchor = request.form.get("anchor", "")
    # a place on the lesson page ("#item-3"), never text that could break the header
    if not re.fullmatch(r"#[\w-]{1,80}", anchor, re.ASCII):
        anchor = ""
    return redirect(url_for("classes.lesson", lesson_id=lesson.id) + anchor)


@bp.post("/assignments/<int:assignment_id>/start")
@login_required
def start_assignment(assignment_id: int) -> Response:
    assignment = teaching.assignment_of_student(db.session, current_user, assignment_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    used, open_attempt_id = teaching.attempts_so_far(db.session, current_user.id, assignment.id)
    if open_attempt_id is not None:
        return redirect(url_for("quiz.resume", attempt_id=open_attempt_id))
    try:
        count_start()
        attempt = teaching.start_assigned_quiz(
            db.session,
            current_user,
            assignment,
            random.Random(secrets.randbits(64)),
            clock.now(),
            used=used,
        )
    except ServiceError as exc:
        flash(str(exc), "error")
        return redirect(url_for("classes.lesson", lesson_id=assignment.lesson_id))
    db.session.commit()
    return redirect(url_for("quiz.question", attempt_id=attempt.id, position=1))
