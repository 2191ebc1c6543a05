"""What a quiz practises: the scopes a student chooses from."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    Person,
    QuestionTag,
    Topic,
    User,
)
from app.services import ServiceError
from app.services.visibility import source_clause


@dataclass(frozen=True)
class Scope:
    kind: str  # all | topic | source | person | disputed | mistakes | questions
    value: str
    label: str

    def key(self) -> str:
        return f"{self.kind}:{self.value}"

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "value": self.value, "label": self.label}


def scope_choices(db: Session, user: User | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """The choices for 'what to practise', grouped for an <optgroup> list: only
    sources this user may see (app.services.visibility)."""
    topics = list(db.scalars(select(Topic).order_by(Topic.position)))
    sources = db.execute(select(QuestionTag.value).where(QuestionTag.kind == "source").distinct())
    from app.models import Source

    titles = {
        sid: title if builtin else f"{title} (added by a teacher)"
        for sid, title, builtin in db.execute(
            select(Source.id, Source.title, Source.builtin).where(
                Source.id.in_([s for (s,) in sources]), source_clause(user)
            )
        )
    }
    source_ids = sorted(titles)
    people_with_questions = select(QuestionTag.value).where(QuestionTag.kind == "person").distinct()
    people = list(
        db.execute(select(Person.id, Person.name).where(Person.id.in_(people_with_questions)))
    )
    people.sort(key=lambda p: p[1].split()[-1].casefold())
    return [
        (
            "Mixed",
            [
                ("all:", "A mix of everything"),
                ("disputed:", "Where the sources disagree"),
                ("mistakes:", "My mistakes"),
            ],
        ),
        ("Trials", [(f"topic:{t.id}", t.title) for t in topics if t.kind == "trial"]),
        ("Themes", [(f"topic:{t.id}", t.title) for t in topics if t.kind != "trial"]),
        ("Sources", [(f"source:{s}", titles.get(s, s)) for s in source_ids]),
        ("People", [(f"person:{pid}", name) for pid, name in people]),
    ]


def parse_scope(db: Session, raw: str, user: User | None = None) -> Scope:
    kind, _, value = (raw or "all:").partition(":")
    for _group, options in scope_choices(db, user):
        for key, label in options:
            if key == f"{kind}:{value}":
                return Scope(kind, value, label)
    raise ServiceError("Choose what to practise from the list.")
