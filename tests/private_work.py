"""A teacher's private work, for the visibility tests and the route table: a
question they wrote in a draft lesson (never assigned), and a source of their
own, not published, with one curated fact and its generated questions."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.models import Question, User

OWN_QUOTE = "The second trial occurred between January 23-30, 1937."


@pytest.fixture()
def make_private(app: Flask) -> Callable[[User], Any]:
    """Factory: make_private(teacher) -> ids and texts of the teacher's private work.
    Every text carries the teacher's username, so two teachers' work differ."""
    from app.services import curation, teaching

    def make(teacher: User) -> Any:
        name = teacher.username
        with app.app_context():
            acting = db.session.get(User, teacher.id)
            lesson = teaching.create_lesson(db.session, acting, f"Draft of {name}", "")
            prompt = f"Which password did {name} hide in the drawer?"
            answer = f"Quokka{teacher.id}zed"
            question = teaching.write_question(
                db.session, acting, lesson, "short", prompt, answer, [], [], "nwe", OWN_QUOTE
            )
            title = f"Balloon diary of {name}"
            text = (
                f"In 1783 the balloon of {name} rose over the fields of Annonay at dawn.\n\n"
                f"The crowd that watched {name} cheered for the brave pilots all day long.\n"
            )
            source = curation.add_source(
                db.session, acting, title, "A. Teacher", "2026", "other", "CC0", text, "text"
            )
            fact = curation.add_fact(
                db.session,
                acting,
                source,
                f"In 1783 the balloon of {name} rose",
                f"The balloon of {name} rose in 1783.",
                f"When did the balloon of {name} rise?",
                "1783",
                "date",
                [],
                ["background"],
            )
            source_questions = list(
                db.session.scalars(select(Question.id).where(Question.source_id == source.id))
            )
            db.session.commit()
            return SimpleNamespace(
                lesson=lesson.id,
                question=question.id,
                question_fact=question.fact_id,
                prompt=prompt,
                answer=answer,
                source=source.id,
                source_title=title,
                source_fact=fact.id,
                source_statement=fact.statement,
                source_questions=source_questions,
            )

    return make
