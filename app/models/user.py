from __future__ import annotations

import enum
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow


class Role(enum.StrEnum):
    STUDENT = "student"
    TEACHER = "teacher"
    ADMIN = "admin"


class User(UserMixin, Base):
    __tablename__ = "user"
    __table_args__ = (
        CheckConstraint("role IN ('student', 'teacher', 'admin')", name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default=Role.STUDENT.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    sessions: Mapped[list[UserSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    # Flask-Login keeps the *session token* in the cookie, not the user id, so a
    # token deleted on the server (logout, password change) is dead everywhere.
    # Not a column: set by services.accounts when a session is started or loaded.
    __allow_unmapped__ = True
    _session_token: str | None = None

    def get_id(self) -> str | None:
        return self._session_token

    @property
    def is_teacher(self) -> bool:
        return self.role in (Role.TEACHER, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def __repr__(self) -> str:
        return f"<User {self.username} ({self.role})>"


class UserSession(Base):
    """One logged-in device. Deleting the row logs that device out."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(
        String(64), unique=True, default=lambda: secrets.token_urlsafe(32)
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the device last used the session (updated at most once a minute): a
    # session unused for SESSION_IDLE_HOURS is dead.
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The kind of browser that logged in ("Firefox on Windows"): a cookie copied
    # into another kind of browser is refused.
    agent: Mapped[str] = mapped_column(String(64), default="")

    user: Mapped[User] = relationship(back_populates="sessions")
