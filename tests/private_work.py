"""A teacher's private work, for the visibility tests and the route table: a
question they wrote in a draft lesson (never assigned), and a source of their
own, not published, with two curated facts, a disagreement between them and
their generated questions; and a source published, then retired."""

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
    from app.services.curation import disputes, lifecycle

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
            second = curation.add_fact(
                db.session,
                acting,
                source,
                f"The crowd that watched {name} cheered for the brave pilots all day long.",
                f"The crowd that watched {name} cheered for the brave pilots all day long.",
                f"Whom did the crowd that watched {name} cheer for all day long?",
                "the brave pilots",
                "person",
                [],
                ["background"],
            )
            dispute = disputes.save_dispute(
                db.session,
                acting,
                source,
                fact.id,
                second.id,
                f"Dawn or all day, by {name}",
                "The diary has the balloon rise at dawn and the crowd cheer all day long. "
                "How do the two passages relate?",
                "One passage has the balloon rise at dawn, the other a crowd cheering all day.",
                disputes.ReadingText("They fit: a dawn flight could be cheered all day.", "Yes."),
                [
                    disputes.ReadingText("They conflict: a crowd cannot cheer all day.", "No."),
                    disputes.ReadingText("They conflict: balloons never rose at dawn.", "No."),
                    disputes.ReadingText("They conflict: the pilots were not brave.", "No."),
                ],
            )
            retired_title = f"Almanac of {name}, since retired"
            retired = curation.add_source(
                db.session,
                acting,
                retired_title,
                "",
                "",
                "other",
                "CC0",
                f"In 1801 the almanac of {name} listed every fair of the county in order.\n",
                "text",
            )
            retired_fact = curation.add_fact(
                db.session,
                acting,
                retired,
                f"In 1801 the almanac of {name} listed every fair",
                f"The almanac of {name} listed every fair in 1801.",
                f"When did the almanac of {name} list every fair?",
                "1801",
                "date",
                [],
                [],
            )
            curation.set_source_published(db.session, retired, True)
            lifecycle.retire_source(db.session, retired)
            source_questions = list(
                # the live items, in a fixed order: a retired one is no longer under review
                db.session.scalars(
                    select(Question.id)
                    .where(Question.source_id == source.id, ~Question.retired)
                    .order_by(Question.id)
                )
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
                source_dispute=dispute.id,
                source_dispute_title=dispute.title,
                retired_source=retired.id,
                retired_title=retired_title,
                retired_statement=retired_fact.statement,
            )

    return make
