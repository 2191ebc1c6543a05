"""The database models, one module per concept; import them from here."""

from app.models.base import Base, UTCDateTime, utcnow
from app.models.user import Role, User, UserSession

__all__ = ["Base", "Role", "User", "UTCDateTime", "UserSession", "utcnow"]
