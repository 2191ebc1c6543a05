"""The end of a teacher's source: retired (out of quizzes, menus and new
cards, history kept readable) or deleted when nobody has history on it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Fact, Question, Role, Source, Topic, User
from app.services import curation
from tests.conftest import post

TEXT = (
    "# The harbour\n\n"
    "The harbour of Valletta was rebuilt in 1820 by British engineers.\n\n"
    "The first dry dock opened on 5 June 1848 after eight years of work.\n"
)


@pytest.fixture()
def published(app, login_as):
    client, teacher = login_as(Role.TEACHER)
    with app.app_context():
        acting = db.session.get(User, teacher.id)
        source = curation.add_source(
            db.session,
            acting,
            "The harbour of Valletta",
            "",
            "",
            "reference",
            "CC0",
            TEXT,
            "markdown",
        )
        curation.add_fact(
            db.session,
            acting,
            source,
            "The first dry dock opened on 5 June 1848 after eight years of work.",
            "The first dry dock opened on 5 June 1848.",
            "When did the first dry dock of Valletta open?",
            "5 June 1848",
            "date",
            [],
            [],
        )
        curation.set_source_published(db.session, source, True)
        db.session.commit()
        question_ids = list(
            db.session.scalars(select(Question.id).where(Question.source_id == source.id))
        )
    return client, teacher, source.id, question_ids


def _live_questions(app, source_id):
    with app.app_context():
        return list(
            db.session.scalars(
                select(Question.id).where(Question.source_id == source_id, ~Question.retired)
            )
        )


def test_a_retired_source_leaves_menus_and_quizzes_but_a_students_results_stay(
    app, published, login_as, start_quiz
):
    client, _, source_id, question_ids = published
    student, student_user = login_as(Role.STUDENT)
    attempt = start_quiz(student_user, question_ids=question_ids[:1])
    assert "The harbour of Valletta" in student.get("/quiz/").get_data(as_text=True)
    retired = post(client, f"/teach/sources/{source_id}/retire")
    assert retired.status_code == 302
    assert "Source retired" in client.get(retired.headers["Location"]).get_data(as_text=True)
    assert _live_questions(app, source_id) == []
    with app.app_context():
        assert (
            db.session.scalars(select(Fact).where(Fact.source_id == source_id, ~Fact.retired)).all()
            == []
        )
    for url in ("/quiz/", "/cards/", "/sources/"):
        assert "The harbour of Valletta" not in student.get(url).get_data(as_text=True), url
    visitor = app.test_client()
    assert "The harbour of Valletta" not in visitor.get("/sources/").get_data(as_text=True)
    assert visitor.get(f"/sources/{source_id}").status_code == 404
    # the student who answered on it still reads the passage and the attempt
    assert student.get(f"/sources/{source_id}").status_code == 200
    question = student.get(f"/quiz/{attempt.id}/q/1")
    assert question.status_code == 200 and "dry dock" in question.get_data(as_text=True)
    assert post(student, f"/quiz/{attempt.id}/finish").status_code == 302
    results = student.get(f"/quiz/{attempt.id}/results")
    assert results.status_code == 200 and "dry dock" in results.get_data(as_text=True)
    other, _ = login_as(Role.STUDENT)
    assert other.get(f"/sources/{source_id}").status_code == 404
    # a quiz on it is refused with a message, not an error
    started = post(
        student,
        "/quiz/",
        {"scope": f"source:{source_id}", "count": "5", "types": ["mcq"], "feedback": "each"},
    )
    assert started.status_code in (200, 400)
    assert "The harbour of Valletta" not in started.get_data(as_text=True)
    # the teacher still sees it, marked, and cannot publish it again
    assert "Retired" in client.get("/teach/").get_data(as_text=True)
    again = post(client, f"/teach/sources/{source_id}/publish", {"published": "1"})
    assert "retired" in client.get(again.headers["Location"]).get_data(as_text=True)


def test_a_source_with_history_cannot_be_deleted(app, published, login_as, start_quiz):
    client, _, source_id, question_ids = published
    _, student_user = login_as(Role.STUDENT)
    start_quiz(student_user, question_ids=question_ids[:1])
    refused = post(client, f"/teach/sources/{source_id}/delete", {"confirm": "yes"})
    page = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert "cannot be deleted: retire it instead" in page
    assert "Delete the source" not in page  # the page offers only retiring
    with app.app_context():
        assert db.session.get(Source, source_id) is not None


def test_a_source_without_history_is_deleted_once_confirmed(app, published):
    client, _, source_id, _ = published
    unconfirmed = post(client, f"/teach/sources/{source_id}/delete")
    assert "Tick the box" in client.get(unconfirmed.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Source, source_id) is not None
    deleted = post(client, f"/teach/sources/{source_id}/delete", {"confirm": "yes"})
    assert deleted.status_code == 302
    assert "deleted" in client.get(deleted.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Source, source_id) is None
        assert not db.session.scalars(select(Fact).where(Fact.source_id == source_id)).all()
        assert not db.session.scalars(select(Topic).where(Topic.source_id == source_id)).all()
    assert client.get(f"/teach/sources/{source_id}/review").status_code == 404


def test_publishing_from_the_review_page_returns_to_it(app, published):
    client, _, source_id, _ = published
    back = post(client, f"/teach/sources/{source_id}/publish", {"published": "0", "back": "review"})
    assert back.headers["Location"].endswith(f"/teach/sources/{source_id}/review")
    page = client.get(back.headers["Location"]).get_data(as_text=True)
    assert "Source unpublished" in page and "Publish the source" in page
    # from the curation screen it stays there; nothing else is followed
    for elsewhere in ("", "https://example.com/"):
        sent = post(
            client, f"/teach/sources/{source_id}/publish", {"published": "1", "back": elsewhere}
        )
        assert sent.headers["Location"].endswith(f"/teach/sources/{source_id}/curate")
