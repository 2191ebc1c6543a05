"""Accounts: passwords, logins as server-side sessions, roles."""

from __future__ import annotations

import contextlib
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session

from app.models import Role, User, UserSession
from app.services import PermissionDenied, ServiceError

PASSWORD_MIN = 8
PASSWORD_MAX = 128
USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{2,39}$"

# argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 30 ms
# of one core per login. The library's default (64 MiB, 3 passes, 4 lanes) costs
# about 190 ms, so a class of 250 logging in within a minute would take 40% of a
# 2-core server. Hashes made with other costs still verify and are rehashed with
# these at the next login.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified against when the username is unknown, so a miss costs as long as a hit.
_DUMMY_HASH = _hasher.hash("not a real password, only a timing equaliser")


@cache
def common_passwords() -> frozenset[str]:
    text = resources.files("app").joinpath("data/common-passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line and not line.startswith("#")
    )


def normalise_password(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def password_problem(password: str, username: str = "") -> str | None:
    """Why this password is refused, or None. Length and a blocklist, no
    composition rules (NIST SP 800-63B)."""
    password = normalise_password(password)
    if len(password) < PASSWORD_MIN:
        return f"Use at least {PASSWORD_MIN} characters."
    if len(password) > PASSWORD_MAX:
        return f"Use at most {PASSWORD_MAX} characters."
    lowered = password.lower()
    if lowered in common_passwords():
        return "This password is one of the most common ones; choose another."
    if username and lowered == username.lower():
        return "The password must not be your username."
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(normalise_password(password))


def normalise_username(username: str) -> str:
    return username.strip().lower()


def get_by_username(db: Session, username: str) -> User | None:
    return db.scalar(select(User).where(User.username == normalise_username(username)))


# Names a visitor may not register, so that "not available" never means only
# "someone has it" (and nobody poses as the site or its staff).
RESERVED_USERNAMES = frozenset(
    {"admin", "administrator", "root", "sourcebook", "staff", "support", "system", "teacher"}
)
UNAVAILABLE = (
    "That username is not available. Choose another one, for example with a number "
    "or your initials added."
)


class UsernameUnavailable(ServiceError):
    """The name is taken or reserved; the message does not say which."""


def create_user(
    db: Session,
    username: str,
    display_name: str,
    password: str,
    role: Role = Role.STUDENT,
    self_registered: bool = False,
) -> User:
    """A new account. For a visitor registering (`self_registered`), a taken or
    reserved name gets the same refusal after the same work (the password is
    hashed first either way), so the answer tells no more than "not available"."""
    username = normalise_username(username)
    problem = password_problem(password, username)
    if problem:
        raise ServiceError(problem)
    password_hash = hash_password(password)
    if self_registered and username in RESERVED_USERNAMES:
        raise UsernameUnavailable(UNAVAILABLE)
    if get_by_username(db, username) is not None:
        raise UsernameUnavailable(UNAVAILABLE if self_registered else "That username is taken.")
    user = User(
        username=username,
        display_name=display_name.strip(),
        password_hash=password_hash,
        role=Role(role).value,
    )
    db.add(user)
    db.flush()
    return user


def authenticate(db: Session, username: str, password: str) -> User | None:
    """The user if the password is right, else None (in constant-ish time)."""
    user = get_by_username(db, username)
    candidate = normalise_password(password)
    if user is None:
        with contextlib.suppress(VerificationError):
            _hasher.verify(_DUMMY_HASH, candidate)
        return None
    try:
        _hasher.verify(user.password_hash, candidate)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(candidate)
    return user


# How often a session's last use is written: often enough for an idle limit of
# hours, rarely enough that reading a page is not a write.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionPolicy:
    """How long a session lives: `idle` after its last use, `max_age` after the
    login, whatever happens; `agent` is the kind of browser asking for it."""

    idle: timedelta
    max_age: timedelta
    agent: str = ""


def start_session(db: Session, user: User, agent: str = "", now: datetime | None = None) -> str:
    """A new server-side session for this device; its token goes in the cookie."""
    now = now or datetime.now(UTC)
    row = UserSession(user=user, agent=agent[:64], created_at=now, last_seen_at=now)
    db.add(row)
    db.flush()
    user._session_token = row.token
    return row.token


# Read on every request: built once, only the token varies.
_SESSION_USER = (
    select(User, UserSession).join(UserSession).where(UserSession.token == bindparam("token"))
)


def load_session(
    db: Session, token: str, now: datetime | None = None, policy: SessionPolicy | None = None
) -> User | None:
    """The user of a live session, else None. Under a policy, a session idle or
    older than allowed is deleted, and one used by another kind of browser than
    the one that logged in is refused (the cookie was copied)."""
    found = db.execute(_SESSION_USER, {"token": token}).one_or_none()
    if found is None:
        return None
    user, row = found
    if policy is not None:
        now = now or datetime.now(UTC)
        if now >= row.created_at + policy.max_age or now >= row.last_seen_at + policy.idle:
            db.delete(row)
            return None
        if not row.agent:  # a session from before sessions were bound
            row.agent = policy.agent[:64]
        elif row.agent != policy.agent[:64]:
            return None
        if now - row.last_seen_at >= LAST_SEEN_RESOLUTION:
            row.last_seen_at = now
    user._session_token = token
    return user


def end_session(db: Session, token: str | None) -> None:
    if token:
        db.execute(delete(UserSession).where(UserSession.token == token))


def change_password(db: Session, user: User, current: str, new: str, agent: str = "") -> str:
    """Change the password and log out every device; returns a fresh session
    token for the device that made the change."""
    if authenticate(db, user.username, current) is None:
        raise ServiceError("Your current password is not correct.")
    problem = password_problem(new, user.username)
    if problem:
        raise ServiceError(problem)
    user.password_hash = hash_password(new)
    db.execute(delete(UserSession).where(UserSession.user_id == user.id))
    return start_session(db, user, agent)


def set_password(db: Session, user: User, new: str) -> None:
    """Set a password without knowing the old one (admin CLI); logs out everywhere."""
    problem = password_problem(new, user.username)
    if problem:
        raise ServiceError(problem)
    user.password_hash = hash_password(new)
    db.execute(delete(UserSession).where(UserSession.user_id == user.id))


def set_display_name(user: User, display_name: str) -> None:
    user.display_name = display_name.strip()


def set_role(db: Session, actor: User, target: User, role: Role) -> None:
    if not actor.is_admin:
        raise PermissionDenied("Only an administrator can change roles.")
    role = Role(role)
    if target.role == Role.ADMIN and role != Role.ADMIN:
        admins = db.scalar(select(func.count()).select_from(User).where(User.role == Role.ADMIN))
        if (admins or 0) <= 1:
            raise ServiceError("The last administrator cannot stop being one.")
    target.role = role.value


def list_users(db: Session, actor: User) -> list[User]:
    if not actor.is_admin:
        raise PermissionDenied("Only an administrator can list users.")
    return list(db.scalars(select(User).order_by(User.role, User.username)))
