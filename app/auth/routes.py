from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from app import clock
from app.auth import limits as password_limits
from app.auth import sessions
from app.auth.forms import ChangePasswordForm, LoginForm, ProfileForm, RegisterForm
from app.extensions import db, limiter
from app.models import User
from app.security import safe_next
from app.services import ServiceError, accounts

bp = Blueprint("auth", __name__)

TOO_MANY_ATTEMPTS = "Too many failed attempts. Wait a few minutes, then try again."


def _log_in(user: User, remember: bool) -> None:
    session.clear()  # a fresh session on every login (no fixation)
    accounts.start_session(db.session, user, sessions.request_agent(), clock.now())
    login_user(user, remember=remember)
    session.permanent = True
    _new_csrf_token()


def _new_csrf_token() -> None:
    """Give the new session its CSRF token from the start, so that a form posted
    with a stale one can be offered again (see errors.csrf_error). The token of
    the session just cleared is cached for the request: forget it first."""
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    generate_csrf()


def _after_login_url() -> str:
    return safe_next(request.args.get("next")) or url_for("main.dashboard")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(_after_login_url())
    form = LoginForm()
    if form.validate_on_submit():
        # Counted before the password is checked (see app/auth/limits.py).
        attempt = password_limits.begin_attempt(form.username.data)
        if not attempt.allowed:
            return login_rate_limited()
        user = accounts.authenticate(db.session, form.username.data, form.password.data)
        if user is None:
            form.password.errors.append("Wrong username or password.")
        else:
            attempt.succeeded()
            _log_in(user, form.remember.data)
            db.session.commit()
            flash(f"Welcome back, {user.display_name}.", "success")
            return redirect(_after_login_url())
    return render_template("auth/login.html", form=form)


def login_rate_limited() -> tuple[str, int]:
    """The login page again, saying why, instead of a bare 429."""
    form = LoginForm(formdata=None, username=request.form.get("username", ""))
    form.password.errors = [TOO_MANY_ATTEMPTS]
    return render_template("auth/login.html", form=form, rate_limited=True), 429


@bp.route("/register", methods=["GET", "POST"])
# Accounts created, and names found not available (a probe for who has an
# account), both count.
@limiter.limit(
    "20 per hour",
    methods=["POST"],
    deduct_when=lambda r: r.status_code == 302 or bool(g.get("username_unavailable")),
)
def register() -> Response | str:
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                db.session,
                form.username.data,
                form.display_name.data,
                form.password.data,
                self_registered=True,
            )
        except accounts.UsernameUnavailable as exc:
            g.username_unavailable = True
            form.username.errors.append(str(exc))
        except ServiceError as exc:
            form.username.errors.append(str(exc))
        else:
            _log_in(user, remember=False)
            db.session.commit()
            flash(f"Welcome to Sourcebook, {user.display_name}.", "success")
            return redirect(url_for("main.dashboard"))
    return render_template("auth/register.html", form=form)


@bp.post("/logout")
def logout() -> Response:
    if current_user.is_authenticated:
        accounts.end_session(db.session, current_user.get_id())
        db.session.commit()
    logout_user()
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("main.index"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> Response | str:
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        accounts.set_display_name(current_user, form.display_name.data)
        db.session.commit()
        flash("Your name is saved.", "success")
        return redirect(url_for("auth.account"))
    return render_template("auth/account.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> Response | str | tuple[str, int]:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        # The current password is a password guess like a login's, with the same limits.
        attempt = password_limits.begin_attempt(current_user.username)
        if not attempt.allowed:
            form.current_password.errors.append(TOO_MANY_ATTEMPTS)
            return render_template("auth/change_password.html", form=form), 429
        try:
            accounts.change_password(
                db.session,
                current_user,
                form.current_password.data,
                form.password.data,
                agent=sessions.request_agent(),
            )
        except ServiceError as exc:
            form.current_password.errors.append(str(exc))
        else:
            attempt.succeeded()
            user = current_user._get_current_object()
            db.session.commit()
            session.clear()
            login_user(user)
            _new_csrf_token()
            flash("Password changed. Your other devices are logged out.", "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/change_password.html", form=form)
