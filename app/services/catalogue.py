"""The study catalogue: the groups a student chooses what to study from.

Quizzes (scopes) and flashcards (decks) offer the same groups, trials, themes,
sources and people, each option keyed "kind:value"; each feature adds its own
kinds (a quiz on "my mistakes", a deck of a lesson)."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.models import Person, Source, Topic, User
from app.services.visibility import source_clause

# (key, label) of one option, and (group label, options) of an <optgroup>.
Option = tuple[str, str]
Group = tuple[str, list[Option]]


class Kind(enum.StrEnum):
    """What a scope or a deck is made of; the part of its key before the colon."""

    ALL = "all"  # everything the user may see
    TOPIC = "topic"  # a trial or a theme
    SOURCE = "source"
    PERSON = "person"
    DISPUTED = "disputed"  # quizzes: where the sources disagree
    MISTAKES = "mistakes"  # quizzes: questions the user last got wrong
    QUESTIONS = "questions"  # quizzes: chosen question ids
    FACTS = "facts"  # decks: chosen fact ids
    LESSON = "lesson"  # a lesson's questions or facts
    MINE = "mine"  # decks: the cards the user has studied


def option_key(kind: Kind, value: str = "") -> str:
    return f"{kind}:{value}"


def surname_key(name: str) -> tuple[str, str]:
    """People sort by surname (the last word of the name), then by full name."""
    return name.split()[-1].casefold(), name


_ADDED = " (added by a teacher)"


def source_label(title: str, builtin: bool) -> str:
    return title if builtin else f"{title}{_ADDED}"


def source_options(
    db: Session, user: User | None, only: Select[Any] | None = None
) -> list[tuple[str, str]]:
    """(id, label) of the sources this user may see (app.services.visibility),
    the bank's first, then by title; `only`: a query of the ids to keep."""
    query = select(Source.id, Source.title, Source.builtin).where(
        source_clause(user), Source.retired.is_(False)
    )
    if only is not None:
        query = query.where(Source.id.in_(only))
    rows = db.execute(query.order_by(Source.builtin.desc(), Source.title))
    return [(sid, source_label(title, builtin)) for sid, title, builtin in rows]


def people_options(db: Session, only: Collection[str] | Select[Any]) -> list[tuple[str, str]]:
    """(id, name) of the people among `only`, by surname."""
    rows = db.execute(select(Person.id, Person.name).where(Person.id.in_(only)))
    return sorted(((pid, name) for pid, name in rows), key=lambda p: surname_key(p[1]))


def choice_groups(
    db: Session,
    first: Group,
    sources: list[tuple[str, str]],
    people: list[tuple[str, str]],
    used: Collection[str],
) -> list[Group]:
    """`first`, then trials and themes (in the bank's order), sources and people;
    only the topics in `used` (those with something to practise): the bank's
    "Other material", for one, holds nothing until a teacher's source is published."""
    # a teacher's source has its own topics (its sections): listed with the source
    shown = {sid for sid, _ in sources}
    topics = [
        t
        for t in db.scalars(select(Topic).order_by(Topic.position))
        if (t.source_id is None or t.source_id in shown) and t.id in used
    ]
    own = [t for t in topics if t.kind != "trial" and t.source_id is None]
    # a teacher's source's sections, under the source's name, not among the bank's
    # themes; a section named as the source (a text with no headings) is the source
    # itself, listed under Sources
    sections: dict[str, list[Topic]] = {}
    for t in topics:
        if t.source_id is not None:
            sections.setdefault(t.source_id, []).append(t)
    return [
        first,
        ("Trials", [(option_key(Kind.TOPIC, t.id), t.title) for t in topics if t.kind == "trial"]),
        ("Themes", [(option_key(Kind.TOPIC, t.id), t.title) for t in own]),
        *(
            (label, [(option_key(Kind.TOPIC, t.id), t.title) for t in sections[sid]])
            for sid, label in sources
            if any(t.title != label.removesuffix(_ADDED) for t in sections.get(sid, []))
        ),
        ("Sources", [(option_key(Kind.SOURCE, sid), label) for sid, label in sources]),
        ("People", [(option_key(Kind.PERSON, pid), name) for pid, name in people]),
    ]


# -- a colour per trial or theme -----------------------------------------------------------
# Six hues (.hue-0 ... .hue-5 in site.css, in both themes); the topic's name is always
# written beside its mark, so the colour only helps to tell topics apart at a glance.
HUES = 6


@dataclass(frozen=True)
class TopicMark:
    topic_id: str
    title: str
    hue: str  # the CSS class, "hue-0" ... "hue-5"


def hue_of(topic_id: str) -> str:
    """A stable hue for any topic id (a hash of it), for topics outside the bank's list."""
    return f"hue-{int(hashlib.sha256(topic_id.encode()).hexdigest()[:8], 16) % HUES}"


def topic_marks(db: Session) -> dict[str, TopicMark]:
    """Every topic's title and hue. The bank's trials and themes take the hues in
    their order, so the first six differ; a teacher's source sections hash theirs."""
    marks = {}
    bank = 0
    # plain rows, not Topic objects, read through the session's connection (the
    # same transaction, without the ORM's work per statement): on every question
    # page and card
    if db.autoflush:
        db.flush()  # as the session would before a query: a topic just added counts
    for topic_id, title, source_id in db.connection().execute(_TOPIC_MARK_ROWS):
        if source_id is None:
            hue = f"hue-{bank % HUES}"
            bank += 1
        else:
            hue = hue_of(topic_id)
        marks[topic_id] = TopicMark(topic_id, title, hue)
    return marks


_topic = Topic.__table__.c
_TOPIC_MARK_ROWS = select(_topic.id, _topic.title, _topic.source_id).order_by(
    _topic.position, _topic.id
)


def marked_choices(
    db: Session, groups: list[Group]
) -> dict[str, list[tuple[str, str, dict[str, str]]]]:
    """WTForms choices by group, each trial's and theme's option with its hue class."""
    marks = topic_marks(db)
    result: dict[str, list[tuple[str, str, dict[str, str]]]] = {}
    for group, options in groups:
        result[group] = []
        for key, label in options:
            kind, _, value = key.partition(":")
            mark = marks.get(value) if kind == Kind.TOPIC else None
            attrs = {"class": f"topic-option {mark.hue}"} if mark else {}
            result[group].append((key, label, attrs))
    return result
