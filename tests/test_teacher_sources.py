"""A teacher's own source before it is published: lessons cannot leak it, and
its topics show only to those who may see it."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Lesson, LessonItem, Role, Source, Topic, User
from app.services import ServiceError, curation, teaching
from tests.conftest import csrf_token
from tests.private_work import make_private  # noqa: F401  (fixture)

SECTIONED = (
    "# Ships and ports\n\n## The harbour\n\n"
    "The harbour of Valletta was rebuilt in 1820 by British engineers.\n\n"
    "## The dock\n\nThe first dry dock opened on 5 June 1848 after eight years of work.\n"
)


def test_another_teachers_unpublished_source_cannot_be_quoted_in_a_lesson(
    app,
    make_user,
    make_private,  # noqa: F811
):
    owner, other = make_user(Role.TEACHER), make_user(Role.TEACHER)
    theirs = make_private(owner)
    mine = make_private(other)
    with app.app_context():
        lesson = db.session.get(Lesson, mine.lesson)
        for attempt in (
            lambda: teaching.add_passage(db.session, lesson, theirs.source_fact),
            lambda: teaching.add_passage(db.session, lesson, None, theirs.source, 0, 20),
            lambda: teaching.add_quoted_passage(db.session, lesson, theirs.source, "In 1783"),
        ):
            try:
                attempt()
            except ServiceError:
                pass
            else:
                raise AssertionError("another teacher's unpublished source was quoted")
        assert not db.session.scalars(
            select(LessonItem).where(LessonItem.source_id == theirs.source)
        ).all()


def test_a_lesson_quoting_an_unpublished_source_waits_for_the_source(
    app,
    make_user,
    make_private,
    login_as,  # noqa: F811
):
    teacher_client, teacher = login_as(Role.TEACHER)
    work = make_private(teacher)
    with app.app_context():
        lesson = db.session.get(Lesson, work.lesson)
        teaching.add_passage(db.session, lesson, work.source_fact)
        db.session.commit()
    token = csrf_token(teacher_client)
    refused = teacher_client.post(
        f"/teach/lessons/{work.lesson}/publish",
        data={"csrf_token": token, "published": "1"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Publish the source" in refused and work.source_title in refused
    with app.app_context():
        assert db.session.get(Lesson, work.lesson).status == "draft"
        source = db.session.get(Source, work.source)
        source.published = True
        lesson = db.session.get(Lesson, work.lesson)
        teaching.publish(lesson, True)
        db.session.commit()
    student, _ = login_as(Role.STUDENT)
    # the "Read it in the source" link of the lesson's passage now opens
    page = student.get(f"/sources/{work.source}?passage={work.source_fact}")
    assert page.status_code == 200 and "over the fields of Annonay" in page.get_data(as_text=True)


def test_a_teachers_source_gets_its_own_topics_shown_only_to_those_who_may_see_it(
    app, make_user, login_as
):
    client, teacher = login_as(Role.TEACHER)
    with app.app_context():
        acting = db.session.get(User, teacher.id)
        source = curation.add_source(
            db.session, acting, "Ships", "", "", "other", "CC0", SECTIONED, "markdown"
        )
        titles = [t.title for t in curation.source_topics(db.session, source)]
        assert titles == ["Ships and ports", "The harbour", "The dock"]
        fact = curation.add_fact(
            db.session,
            acting,
            source,
            "The first dry dock opened on 5 June 1848",
            "The first dry dock opened on 5 June 1848.",
            "On what date did the first dry dock open?",
            "5 June 1848",
            "date",
            [],
            [],
        )
        dock = db.session.scalars(select(Topic).where(Topic.title == "The dock")).one()
        assert fact.topics == [dock.id]
        db.session.commit()
    assert "The dock" in client.get("/quiz/").get_data(as_text=True)
    student, _ = login_as(Role.STUDENT)
    assert "The dock" not in student.get("/quiz/").get_data(as_text=True)
    assert "The dock" not in student.get("/cards/").get_data(as_text=True)
    with app.app_context():
        db.session.get(Source, source.id).published = True
        db.session.commit()
    assert "The dock" in student.get("/quiz/").get_data(as_text=True)
