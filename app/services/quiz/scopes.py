"""What a quiz practises: the scopes a student chooses from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.models import (
    Question,
    QuestionTag,
    User,
)
from app.services import ServiceError, catalogue
from app.services.catalogue import Group, Kind, option_key
from app.services.visibility import question_clause


@dataclass(frozen=True)
class Scope:
    kind: str  # a Kind: all | topic | source | person | disputed | mistakes | questions | lesson
    value: str
    label: str

    def key(self) -> str:
        return f"{self.kind}:{self.value}"

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "value": self.value, "label": self.label}


MIXED: Group = (
    "Mixed",
    [
        (option_key(Kind.ALL), "A mix of everything"),
        (option_key(Kind.DISPUTED), "Where the sources disagree"),
        (option_key(Kind.MISTAKES), "My mistakes"),
    ],
)


def _tagged(kind: str) -> Select[Any]:
    """The values of one kind of question tag: sources or people with questions."""
    return select(QuestionTag.value).where(QuestionTag.kind == kind).distinct()


def scope_choices(db: Session, user: User | None = None) -> list[Group]:
    """The choices for 'what to practise', grouped for an <optgroup> list: only
    sources with questions that this user may see, by id; people with questions."""
    sources = sorted(catalogue.source_options(db, user, only=_tagged("source")))
    people = catalogue.people_options(db, only=_tagged("person"))
    used = set(
        db.scalars(
            select(QuestionTag.value)
            .join(Question)
            .where(QuestionTag.kind == "topic", ~Question.retired, question_clause(user))
            .distinct()
        )
    )
    return catalogue.choice_groups(db, MIXED, sources, people, used)


def parse_scope(db: Session, raw: str, user: User | None = None) -> Scope:
    kind, _, value = (raw or "all:").partition(":")
    for _group, options in scope_choices(db, user):
        for key, label in options:
            if key == f"{kind}:{value}":
                return Scope(Kind(kind), value, label)
    raise ServiceError("Choose what to practise from the list.")
