from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app.admin.forms import NewUserForm, RoleForm
from app.auth.decorators import admin_required
from app.extensions import db
from app.models import Role, User
from app.services import ServiceError, accounts

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/users")
@admin_required
def users() -> str:
    people = accounts.list_users(db.session, current_user)
    forms = {user.id: RoleForm(role=user.role, prefix=f"u{user.id}") for user in people}
    return render_template("admin/users.html", users=people, forms=forms)


@bp.post("/users/<int:user_id>/role")
@admin_required
def change_role(user_id: int) -> Response:
    target = db.session.get(User, user_id) or abort(404)
    form = RoleForm(prefix=f"u{user_id}")
    if not form.validate_on_submit():
        flash("Choose one of the listed roles.", "error")
        return redirect(url_for("admin.users"))
    try:
        accounts.set_role(db.session, current_user, target, Role(form.role.data))
    except ServiceError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(f"{target.display_name} is now {form.role.data}.", "success")
    return redirect(url_for("admin.users"))


@bp.route("/users/new", methods=["GET", "POST"])
@admin_required
def new_user() -> Response | str:
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                db.session,
                form.username.data,
                form.display_name.data,
                form.password.data,
                Role(form.role.data),
            )
        except ServiceError as exc:
            form.username.errors.append(str(exc))
        else:
            db.session.commit()
            flash(f"Created {user.username} ({user.role}).", "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/new_user.html", form=form)
