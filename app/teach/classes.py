"""The teacher's home page and their classes: create, join code, archive, roster."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app import clock
from app.auth.decorators import teacher_required
from app.extensions import db
from app.forms import ButtonForm
from app.models import Classroom
from app.services import teaching
from app.services.markdown import render_markdown
from app.teach import bp
from app.teach.common import check_button, own_class, source_choices
from app.teach.forms import AnnouncementForm, ClassForm


@bp.get("/")
@teacher_required
def home() -> str:
    page = teaching.teacher_home(db.session, current_user)
    return render_template(
        "teach/home.html",
        classes=page.classes,
        archived=page.archived,
        lessons=page.lessons,
        reports=page.reports,
        form=ClassForm(),
        own_sources=page.own_sources,
    )


@bp.post("/classes")
@teacher_required
def create_class() -> Any:
    form = ClassForm()
    if form.validate_on_submit():
        same = teaching.classes_named(db.session, current_user, form.name.data)
        classroom = teaching.create_class(db.session, current_user, form.name.data)
        db.session.commit()
        flash(f"Class “{classroom.name}” created. Give your students the join code.", "success")
        if same:
            flash(_same_name_warning(classroom.name, len(same)), "warning")
        return redirect(url_for("teach.class_page", class_id=classroom.id))
    flash("Give the class a name (up to 120 characters).", "error")
    return redirect(url_for("teach.home"))


def class_view(classroom: Classroom, status: int = 200, **forms: Any) -> tuple[str, int]:
    """The class page, with an announcement form shown as it was typed if given."""
    students = teaching.roster(db.session, classroom)
    book = teaching.gradebook(db.session, classroom, clock.now())
    db.session.commit()  # attempts whose time ran out are closed now
    return render_template(
        "teach/class.html",
        classroom=classroom,
        students=students,
        book=book,
        form=ButtonForm(),
        sources=source_choices(),
        announce_form=forms.get("announce_form") or AnnouncementForm(prefix="announce"),
        announcements=teaching.announcements_of(db.session, classroom),
        markdown=render_markdown,
    ), status


@bp.get("/classes/<int:class_id>")
@teacher_required
def class_page(class_id: int) -> tuple[str, int]:
    return class_view(own_class(class_id))


@bp.post("/classes/<int:class_id>/code")
@teacher_required
def join_code(class_id: int) -> Response:
    classroom = own_class(class_id)
    check_button()
    message = teaching.change_joining(db.session, classroom, request.form.get("action", ""))
    db.session.commit()
    if message:
        flash(message, "success")
    return redirect(url_for("teach.class_page", class_id=class_id))


@bp.post("/classes/<int:class_id>/archive")
@teacher_required
def archive(class_id: int) -> Response:
    classroom = own_class(class_id)
    check_button()
    teaching.archive_class(db.session, classroom, request.form.get("archived", "1") == "1")
    db.session.commit()
    flash("Class archived." if classroom.archived else "Class restored.", "success")
    return redirect(url_for("teach.home"))


@bp.post("/classes/<int:class_id>/students/<int:student_id>/remove")
@teacher_required
def remove_student(class_id: int, student_id: int) -> Response:
    classroom = own_class(class_id)
    check_button()
    teaching.remove_student(db.session, classroom, student_id)
    db.session.commit()
    flash("The student was removed from the class; their own work is kept.", "success")
    return redirect(url_for("teach.class_page", class_id=class_id))


def _same_name_warning(name: str, count: int) -> str:
    other = "another class" if count == 1 else f"{count} other classes"
    return (
        f"You have {other} named “{name}” (archived classes count too): "
        "rename one so that you and your students can tell them apart."
    )


@bp.post("/classes/<int:class_id>/rename")
@teacher_required
def rename_class(class_id: int) -> Response:
    classroom = own_class(class_id)
    form = ClassForm()
    if not form.validate_on_submit():
        flash("Give the class a name (up to 120 characters).", "error")
        return redirect(url_for("teach.class_page", class_id=class_id))
    same = teaching.classes_named(db.session, current_user, form.name.data, other_than=class_id)
    teaching.rename_class(db.session, classroom, form.name.data)
    db.session.commit()
    flash(f"The class is now called “{classroom.name}”.", "success")
    if same:
        flash(_same_name_warning(classroom.name, len(same)), "warning")
    return redirect(url_for("teach.class_page", class_id=class_id))


@bp.post("/classes/<int:class_id>/delete")
@teacher_required
def delete_class(class_id: int) -> Response:
    """Only with the confirmation ticked; a class with students' results is
    archived instead, so that nothing they did is lost."""
    classroom = own_class(class_id)
    check_button()
    if request.form.get("confirm") != "yes":
        flash("Tick the box to confirm that the class should be deleted.", "error")
        return redirect(url_for("teach.class_page", class_id=class_id) + "#delete")
    name = classroom.name
    if teaching.delete_class(db.session, classroom):
        db.session.commit()
        flash(f"The class “{name}” was deleted.", "success")
    else:
        db.session.commit()
        flash(
            f"Students have results in “{name}”, so it was archived instead of deleted: "
            "its gradebook stays readable under Archived classes.",
            "info",
        )
    return redirect(url_for("teach.home"))
