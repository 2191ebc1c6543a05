from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Regexp

from app.auth.forms import USERNAME_HELP, _new_password_ok
from app.forms import no_control_characters, strip_filter
from app.models import Role
from app.services.accounts import USERNAME_PATTERN

ROLE_CHOICES = [SelectChoice(role.value, role.value.capitalize()) for role in Role]


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=ROLE_CHOICES)
    submit = SubmitField("Change role")


class NewUserForm(FlaskForm):
    username = StringField(
        "Username",
        description=USERNAME_HELP,
        filters=[strip_filter, lambda v: v.lower() if isinstance(v, str) else v],
        validators=[
            DataRequired(),
            Length(min=3, max=40),
            Regexp(USERNAME_PATTERN, message=USERNAME_HELP),
        ],
    )
    display_name = StringField(
        "Name",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=80), no_control_characters],
    )
    password = PasswordField(
        "Initial password",
        description="Give it to the person; they can change it under Account.",
        validators=[DataRequired(), _new_password_ok],
    )
    role = SelectField("Role", choices=ROLE_CHOICES, default=Role.TEACHER.value)
    submit = SubmitField("Create user")
