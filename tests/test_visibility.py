"""Teachers' own questions and unpublished sources stay private (issue 12,
finding 2): one rule, app.services.visibility, in every view that lists the
bank."""

from __future__ import annotations

import io
import sqlite3
import zipfile

import pytest
from sqlalchemy import update

from app.extensions import db
from app.models import Dispute, Fact, Role, User
from app.services import quiz as quizzes
from tests.conftest import login, post
from tests.private_work import make_private  # noqa: F401  (fixture)


@pytest.fixture()
def world(app, make_user, make_private):  # noqa: F811
    """A teacher's private work; the facts are dated and name Bukharin, so that
    the timeline and the people pages would list them."""
    owner = make_user(Role.TEACHER, username="owner-teacher")
    work = make_private(owner)
    with app.app_context():
        db.session.execute(
            update(Fact)
            .where(Fact.id.in_([work.question_fact, work.source_fact]))
            .values(event_date="1937-01-23", people=["bukharin"])
        )
        db.session.commit()
    return owner, work


def _client(app, user=None):
    client = app.test_client()
    if user is not None:
        login(client, user.username)
    return client


def _viewers(app, make_user, owner):
    """(name, client, may see the private work): anonymous, a student, another
    teacher, the owner and an admin."""
    return [
        ("anonymous", _client(app), False),
        ("student", _client(app, make_user(Role.STUDENT)), False),
        ("other teacher", _client(app, make_user(Role.TEACHER)), False),
        ("owner", _client(app, owner), True),
        ("admin", _client(app, make_user(Role.ADMIN)), True),
    ]


def _text(response):
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def _check(app, make_user, owner, url, secrets, login_needed=False):
    for name, client, may_see in _viewers(app, make_user, owner):
        if login_needed and name == "anonymous":
            assert client.get(url).status_code == 302
            continue
        page = _text(client.get(url))
        for secret in secrets:
            assert (secret in page) == may_see, f"{name} on {url}: {secret!r}"


def test_facts_page_hides_teachers_questions_and_unpublished_sources(app, make_user, world):
    owner, work = world
    _check(app, make_user, owner, "/sources/facts?q=balloon", [work.source_statement])
    _check(app, make_user, owner, "/sources/facts?q=password", [work.prompt])


def test_passage_view_of_a_teachers_question_shows_no_answer(app, make_user, world):
    owner, work = world
    _check(app, make_user, owner, f"/sources/nwe?passage={work.question_fact}", [work.answer])


def test_sources_index_and_page_of_an_unpublished_source(app, make_user, world):
    owner, work = world
    _check(app, make_user, owner, "/sources/", [work.source_title])
    for name, client, may_see in _viewers(app, make_user, owner):
        status = client.get(f"/sources/{work.source}").status_code
        assert status == (200 if may_see else 404), name


def test_people_and_timeline_pages(app, make_user, world):
    owner, work = world
    secrets = [work.source_statement, work.prompt]
    _check(app, make_user, owner, "/sources/people/bukharin", secrets)
    _check(app, make_user, owner, "/sources/timeline", secrets)


def test_disputes_page_shows_no_unpublished_fact(app, make_user, world):
    owner, work = world
    with app.app_context():
        db.session.add(
            Dispute(
                id="private-dispute",
                title="The balloon of the owner against NWE",
                kind="contradiction",
                note="",
                fact_ids=[work.source_fact, "nwe-second-trial-dates"],
            )
        )
        db.session.commit()
    try:
        _check(app, make_user, owner, "/sources/disagreements", [work.source_statement])
    finally:
        with app.app_context():
            db.session.delete(db.session.get(Dispute, "private-dispute"))
            db.session.commit()


def test_card_decks_and_browse_hold_no_private_fact(app, make_user, world):
    owner, work = world
    # the student's all: deck (card browse), a facts: deck naming the ids, the
    # source deck, and the deck list of the dashboard
    _check(app, make_user, owner, "/cards/browse?deck=all:&q=password", [work.answer], True)
    _check(
        app, make_user, owner, "/cards/browse?deck=all:&q=balloon", [work.source_statement], True
    )
    facts_deck = f"facts:{work.question_fact},{work.source_fact}"
    _check(app, make_user, owner, f"/cards/browse?deck={facts_deck}", [work.answer], True)
    _check(
        app, make_user, owner, f"/cards/study?deck=facts:{work.question_fact}", [work.prompt], True
    )
    _check(app, make_user, owner, "/cards/", [work.source_title], True)
    student = _client(app, make_user(Role.STUDENT))
    assert student.get(f"/cards/study?deck=source:{work.source}").status_code == 404
    assert _client(app, owner).get(f"/cards/study?deck=source:{work.source}").status_code == 200


def _anki_fields(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        collection = package.read("collection.anki2")
    with io.BytesIO(collection) as _, open_sqlite(collection) as conn:
        return "\n".join(row[0] for row in conn.execute("SELECT flds FROM notes"))


class open_sqlite:  # noqa: N801  (a context manager over an in-memory copy)
    def __init__(self, data: bytes) -> None:
        self.conn = sqlite3.connect(":memory:")
        self.conn.deserialize(data)

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.conn.close()


def test_anki_export_holds_no_private_fact(app, make_user, world):
    owner, work = world
    facts_deck = f"facts:{work.question_fact},{work.source_fact},nwe-second-trial-dates"
    student = _client(app, make_user(Role.STUDENT))
    fields = _anki_fields(student.get(f"/export/anki?deck={facts_deck}").data)
    assert "second trial" in fields
    assert work.answer not in fields and f"balloon of {owner.username}" not in fields
    everything = _anki_fields(student.get("/export/anki?deck=all:").data)
    assert work.answer not in everything and f"balloon of {owner.username}" not in everything
    assert student.get(f"/export/anki?deck=source:{work.source}").status_code == 404
    mine = _anki_fields(_client(app, owner).get(f"/export/anki?deck={facts_deck}").data)
    assert work.answer in mine and f"balloon of {owner.username}" in mine


def test_a_mix_of_everything_and_source_quizzes_hold_no_private_question(app, make_user, world):
    owner, work = world
    student = make_user(Role.STUDENT)
    with app.app_context():
        everything = quizzes.parse_scope(db.session, "all:", student)
        pool = {
            qid
            for qid, _ in quizzes._pool(
                db.session, db.session.get(User, student.id), everything, ["short", "mcq"]
            )
        }
        assert "nwe-second-trial-dates:short" in pool
        assert work.question not in pool and not pool & set(work.source_questions)
        own_pool = {
            qid
            for qid, _ in quizzes._pool(
                db.session, db.session.get(User, owner.id), everything, ["short", "mcq"]
            )
        }
        assert work.question in own_pool
    start = {
        "scope": f"source:{work.source}",
        "count": "5",
        "types": list(quizzes.QUESTION_TYPES),
        "feedback_mode": "each",
    }
    client = _client(app, student)
    assert work.source_title not in _text(client.get("/quiz/"))
    refused = post(client, "/quiz/", start)
    assert refused.status_code == 200 and "Choose what to practise" in refused.get_data(
        as_text=True
    )
    assert post(_client(app, owner), "/quiz/", start).status_code == 302


def test_publishing_a_source_shows_its_facts_but_never_the_teachers_questions(
    app, make_user, world
):
    owner, work = world
    owner_client = _client(app, owner)
    curate = owner_client.get(f"/teach/sources/{work.source}/curate").get_data(as_text=True)
    assert "Not published" in curate and ">Publish<" in curate
    response = post(owner_client, f"/teach/sources/{work.source}/publish", {"published": "1"})
    assert response.status_code == 302
    assert "Unpublish" in owner_client.get(response.headers["Location"]).get_data(as_text=True)
    student = _client(app, make_user(Role.STUDENT))
    assert work.source_title in _text(student.get("/sources/"))
    assert work.source_statement in _text(student.get("/sources/facts?q=balloon"))
    assert work.source_title in _text(student.get("/quiz/"))
    assert work.prompt not in _text(student.get("/sources/facts?q=password"))
    # another teacher cannot publish or unpublish it
    other = _client(app, make_user(Role.TEACHER))
    assert (
        post(other, f"/teach/sources/{work.source}/publish", {"published": "0"}).status_code == 404
    )
    post(owner_client, f"/teach/sources/{work.source}/publish", {"published": "0"})
    assert student.get(f"/sources/{work.source}").status_code == 404


def test_a_teachers_question_is_reached_through_their_assigned_lesson(
    app,
    make_user,
    make_private,  # noqa: F811
):
    from app import clock
    from app.models import Lesson
    from app.services import teaching

    owner = make_user(Role.TEACHER)
    student = make_user(Role.STUDENT)
    work = make_private(owner)
    with app.app_context():
        acting = db.session.get(User, owner.id)
        lesson = db.session.get(Lesson, work.lesson)
        teaching.publish(lesson, True)
        classroom = teaching.create_class(db.session, acting, "9B")
        assignment = teaching.assign(db.session, acting, lesson, classroom, None, None, clock.now())
        db.session.commit()
        code, assignment_id = classroom.join_code, assignment.id
    client = _client(app, student)
    post(client, "/classes/", {"code": code})
    started = post(client, f"/assignments/{assignment_id}/start")
    assert "/quiz/" in started.headers["Location"]
    assert work.prompt in _text(client.get(started.headers["Location"]))
    # ... and not through the public bank
    assert work.prompt not in _text(client.get("/sources/facts?q=password"))


def test_another_teacher_cannot_pin_a_question_to_an_unpublished_source(app, make_user, world):
    from app.models import Lesson
    from app.services import ServiceError, teaching

    owner, work = world
    other = make_user(Role.TEACHER)
    with app.app_context():
        acting = db.session.get(User, other.id)
        lesson = teaching.create_lesson(db.session, acting, "Mine", "")
        assert isinstance(lesson, Lesson)
        with pytest.raises(ServiceError, match="Choose the source"):
            teaching.write_question(
                db.session,
                acting,
                lesson,
                "short",
                "When?",
                "1783",
                [],
                [],
                work.source,
                f"In 1783 the balloon of {owner.username} rose",
            )
