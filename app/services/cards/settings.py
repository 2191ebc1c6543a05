"""Each student's study settings: desired retention, the daily limit of new cards,
and whether new cards and quizzes draw on details."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import (
    StudySettings,
    User,
)
from app.services import ServiceError

RETENTION_MIN, RETENTION_MAX = 0.70, 0.97
NEW_LIMIT_MAX = 500


def settings_for(db: Session, user: User) -> StudySettings:
    settings = db.get(StudySettings, user.id)
    if settings is None:
        try:
            with db.begin_nested():  # two first requests at once: one insert wins
                settings = StudySettings(user_id=user.id, desired_retention=0.9, daily_new_limit=20)
                db.add(settings)
        except IntegrityError:
            settings = db.get(StudySettings, user.id, populate_existing=True)
            assert settings is not None
    # The session's identity map holds objects weakly: keep this one for the
    # session's life, so the next call in the same request needs no query.
    db.info.setdefault("study_settings", {})[user.id] = settings
    return settings


def update_settings(
    db: Session,
    user: User,
    desired_retention: float,
    daily_new_limit: int,
    include_details: bool | None = None,
) -> None:
    if not RETENTION_MIN <= desired_retention <= RETENTION_MAX:
        raise ServiceError(f"Desired retention is between {RETENTION_MIN} and {RETENTION_MAX}.")
    if not 0 <= daily_new_limit <= NEW_LIMIT_MAX:
        raise ServiceError(f"New cards per day are between 0 and {NEW_LIMIT_MAX}.")
    settings = settings_for(db, user)
    settings.desired_retention = round(desired_retention, 2)
    settings.daily_new_limit = daily_new_limit
    if include_details is not None:
        settings.include_details = include_details


def remember_include_details(db: Session, user: User, include_details: bool) -> None:
    """Keep the student's last choice of details (on the quiz form) for next time."""
    settings = settings_for(db, user)
    if settings.include_details != include_details:
        settings.include_details = include_details
