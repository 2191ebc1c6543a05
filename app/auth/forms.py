from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from app.forms import no_control_characters, strip_filter
from app.services.accounts import PASSWORD_MAX, USERNAME_PATTERN, password_problem

USERNAME_HELP = "3 to 40 characters: lowercase letters, digits, dot, hyphen or underscore."


def _username_ok(form: FlaskForm, field: StringField) -> None:
    """Say what is wrong with a username, not only what one looks like."""
    value = field.data or ""
    if re.fullmatch(USERNAME_PATTERN, value):
        return
    if " " in value:
        suggestion = re.sub(r"\s+", ".", value.strip())
        raise ValidationError(f"A username has no spaces: use a dot instead ({suggestion}).")
    wrong = sorted({ch for ch in value if not re.fullmatch(r"[a-z0-9._-]", ch)})
    if wrong:
        listed = " ".join(f"“{ch}”" for ch in wrong[:5])
        raise ValidationError(f"A username cannot hold {listed}. {USERNAME_HELP}")
    raise ValidationError(USERNAME_HELP)


def _new_password_ok(form: FlaskForm, field: PasswordField) -> None:
    username = getattr(getattr(form, "username", None), "data", "") or ""
    problem = password_problem(field.data or "", username)
    if problem:
        raise ValidationError(problem)


class LoginForm(FlaskForm):
    username = StringField(
        "Username",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=100), no_control_characters],
    )
    password = PasswordField("Password", validators=[DataRequired(), Length(max=PASSWORD_MAX)])
    remember = BooleanField("Keep me logged in on this device")
    submit = SubmitField("Log in")


class RegisterForm(FlaskForm):
    username = StringField(
        "Username",
        description=USERNAME_HELP,
        filters=[strip_filter, lambda v: v.lower() if isinstance(v, str) else v],
        validators=[
            DataRequired(),
            Length(min=3, max=40),
            _username_ok,
        ],
    )
    display_name = StringField(
        "Your name",
        description="As your teacher and classmates will see it.",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=80), no_control_characters],
    )
    password = PasswordField(
        "Password",
        description="At least 8 characters. A few unrelated words make a strong password.",
        validators=[DataRequired(), _new_password_ok],
    )
    confirm = PasswordField(
        "Repeat the password",
        validators=[DataRequired(), EqualTo("password", message="The two passwords differ.")],
    )
    submit = SubmitField("Create account")


class ProfileForm(FlaskForm):
    display_name = StringField(
        "Your name",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=80), no_control_characters],
    )
    submit = SubmitField("Save name")


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password", validators=[DataRequired(), Length(max=PASSWORD_MAX)]
    )
    password = PasswordField(
        "New password",
        description="At least 8 characters. Changing it logs out your other devices.",
        validators=[DataRequired(), _new_password_ok],
    )
    confirm = PasswordField(
        "Repeat the new password",
        validators=[DataRequired(), EqualTo("password", message="The two passwords differ.")],
    )
    submit = SubmitField("Change password")


class LogoutForm(FlaskForm):
    submit = SubmitField("Log out")
