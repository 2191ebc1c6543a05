"""Demo data for a newcomer's first `make run`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.models import Role
from app.services import accounts


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    password: str
    role: Role


# Published in the README: these accounts are for trying the app, never for real use.
DEMO_ACCOUNTS = (
    DemoAccount("student", "Demo Student", "demo-student-pass", Role.STUDENT),
    DemoAccount("teacher", "Demo Teacher", "demo-teacher-pass", Role.TEACHER),
    DemoAccount("admin", "Demo Admin", "demo-admin-pass", Role.ADMIN),
)


def create_demo_data(db: Session) -> list[str]:
    """Create the demo accounts that are missing; returns the usernames created.
    Existing accounts are left as they are (their passwords may have changed)."""
    created = []
    for account in DEMO_ACCOUNTS:
        if accounts.get_by_username(db, account.username) is None:
            accounts.create_user(
                db, account.username, account.display_name, account.password, account.role
            )
            created.append(account.username)
    return created
