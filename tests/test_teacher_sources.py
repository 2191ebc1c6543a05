"""A teacher's own source before it is published: lessons cannot leak it, and
its topics show only to those who may see it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Fact, Lesson, LessonItem, Question, Role, Source, Topic, User
from app.services import ServiceError, curation, teaching
from app.services.curation.skips import proposal_key
from app.services.proposals import propose
from tests.conftest import csrf_token
from tests.pdf_maker import make_pdf
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
    make_private,  # noqa: F811
    login_as,
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
    menu = student.get("/quiz/").get_data(as_text=True)
    # under the source's own name, not among the bank's themes of the Moscow Trials
    own = re.search(r'<optgroup label="Ships \(added by a teacher\)">(.*?)</optgroup>', menu, re.S)
    assert own and "The dock" in own.group(1)
    themes = re.search(r'<optgroup label="Themes">(.*?)</optgroup>', menu, re.S)
    assert themes is None or "The dock" not in themes.group(1)


SUEZ = (Path(__file__).parent / "fixtures" / "suez_canal.md").read_text(encoding="utf-8")


def _suez(app, teacher, accept: int) -> str:
    """The Suez fixture added by `teacher`, with its first proposals accepted as proposed."""
    with app.app_context():
        acting = db.session.get(User, teacher.id)
        source = curation.add_source(
            db.session, acting, "The Suez Canal", "", "", "reference", "CC0", SUEZ, "markdown"
        )
        for p in curation.candidates(source.text, set())[:accept]:
            curation.add_fact(
                db.session, acting, source, p.sentence, p.statement, p.question,
                p.answer, p.answer_type, list(p.accepted), [],
            )  # fmt: skip
        db.session.commit()
        return source.id


def test_the_teacher_reviews_every_item_before_publishing_and_rejects_one(app, login_as):
    client, teacher = login_as(Role.TEACHER)
    source_id = _suez(app, teacher, 6)
    page = client.get(f"/teach/sources/{source_id}/review").get_data(as_text=True)
    assert "Not published" in page and "(right answer)" in page
    assert "Short answer" in page and "Reject" in page
    with app.app_context():
        live = db.session.scalars(
            select(Question).where(Question.source_id == source_id, ~Question.retired)
        ).all()
        target = next(q for q in live if q.type in ("mcq", "short"))
        target_id, prompt = target.id, target.prompt
    student, _ = login_as(Role.STUDENT)
    assert student.get(f"/sources/{source_id}").status_code == 404
    token = csrf_token(client)
    sent = client.post(
        f"/teach/sources/{source_id}/review",
        data={"csrf_token": token, "question_id": target_id, "rejected": "1"},
    )
    # back to the item rejected, not the top of a long page
    assert sent.headers["Location"].endswith(f"/review#item-{target_id}")
    rejected = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert f'id="item-{target_id}"' in rejected
    assert "Item rejected" in rejected and "Restore" in rejected
    with app.app_context():
        assert db.session.get(Question, target_id).retired
        # another fact changing regenerates the bank: the rejected item stays out
        source = db.session.get(Source, source_id)
        curation.regenerate(db.session, source)
        assert db.session.get(Question, target_id).retired
    client.post(f"/teach/sources/{source_id}/publish", data={"csrf_token": token, "published": "1"})
    assert student.get(f"/sources/{source_id}").status_code == 200
    quiz_page = student.get("/quiz/").get_data(as_text=True)
    assert "The Suez Canal" in quiz_page
    assert prompt  # the rejected item is one a student would have met


def test_a_fact_is_corrected_or_removed_from_the_review(app, login_as):
    client, teacher = login_as(Role.TEACHER)
    source_id = _suez(app, teacher, 2)
    with app.app_context():
        fact = db.session.scalars(
            select(Fact).where(Fact.source_id == source_id, ~Fact.retired).order_by(Fact.id)
        ).first()
        fact_id, quote, answer, statement = fact.id, fact.quote, fact.answer, fact.statement
        accepted = "; ".join(fact.accepted or [])  # "Lesseps", the quote's form of the name
    token = csrf_token(client)
    form = {
        "csrf_token": token,
        "own-quote": quote,
        "own-question": "Which ruler of Egypt is meant here, in a question the teacher wrote?",
        "own-answer": answer,
        "own-statement": statement,
        "own-answer_type": "person",
        "own-accepted": accepted,
        "own-topics": "",
    }
    bad = client.post(
        f"/teach/sources/{source_id}/facts/{fact_id}/edit", data={**form, "own-answer": "Nobody"}
    )
    assert bad.status_code == 400 and "does not contain the answer" in bad.get_data(as_text=True)
    assert "Which ruler of Egypt is meant here" in bad.get_data(as_text=True)  # nothing lost
    saved = client.post(
        f"/teach/sources/{source_id}/facts/{fact_id}/edit", data=form, follow_redirects=True
    )
    assert "Fact corrected" in saved.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Fact, fact_id).question.startswith("Which ruler of Egypt")
    client.post(f"/teach/sources/{source_id}/facts/{fact_id}/remove", data={"csrf_token": token})
    with app.app_context():
        assert db.session.get(Fact, fact_id).retired
        assert not db.session.scalars(
            select(Question).where(Question.fact_id == fact_id, ~Question.retired)
        ).all()


def test_a_markdown_source_reads_as_markdown_and_quotes_stay_exact(app, login_as):
    client, teacher = login_as(Role.TEACHER)
    text = SECTIONED + "\nThe *Great Harbour* was **never** closed.\n"
    with app.app_context():
        acting = db.session.get(User, teacher.id)
        source = curation.add_source(
            db.session, acting, "Ships", "", "", "other", "CC0", text, "markdown"
        )
        start = source.text.index("5 June 1848")
        db.session.commit()
        source_id = source.id
    page = client.get(
        f"/sources/{source_id}?start={start}&end={start + len('5 June 1848')}"
    ).get_data(as_text=True)
    assert ">The harbour</h2>" in page and "## " not in page
    assert "<em>Great Harbour</em>" in page and "<strong>never</strong>" in page
    assert ">5 June 1848</mark>" in page


PDF_PAGES = [
    [
        "The lighthouse of Alexandria stood on the island of Pharos.",
        "Ptolemy II saw it finished in about 280 BC.",
    ],
    [
        "An earthquake damaged the lighthouse badly in 1303.",
        "Its stones went into the fort of Qaitbay in 1480.",
    ],
]


def _upload(client, data: bytes, name: str, **extra):
    form = {
        "csrf_token": csrf_token(client),
        "title": extra.pop("title", "The lighthouse"),
        "author": "",
        "date": "",
        "perspective": "reference",
        "licence": "CC0",
        "kind": "text",
        "text": "",
        "file": (io.BytesIO(data), name),
    }
    return client.post("/teach/sources/new", data=form, content_type="multipart/form-data")


def test_a_pdf_source_keeps_its_pages_in_the_citation(app, login_as, start_quiz):
    client, teacher = login_as(Role.TEACHER)
    added = _upload(client, make_pdf(PDF_PAGES), "lighthouse.pdf")
    assert added.status_code == 302, added.get_data(as_text=True)
    with app.app_context():
        source = db.session.scalars(select(Source).where(Source.title == "The lighthouse")).one()
        assert "Its stones went into the fort of Qaitbay in 1480." in source.text
        acting = db.session.get(User, teacher.id)
        fact = curation.add_fact(
            db.session,
            acting,
            source,
            "An earthquake damaged the lighthouse badly in 1303.",
            "An earthquake damaged the lighthouse badly in 1303.",
            "In what year did an earthquake damage the lighthouse badly?",
            "1303",
            "date",
            [],
            [],
        )
        db.session.commit()
        source_id, fact_id = source.id, fact.id
    page = client.get(f"/sources/{source_id}?passage={fact_id}").get_data(as_text=True)
    assert "p. 2" in page
    # the quiz's feedback cites the page of the passage
    with app.app_context():
        short = db.session.scalars(
            select(Question.id).where(Question.fact_id == fact_id, Question.type == "short")
        ).one()
    attempt = start_quiz(teacher, [short])
    answered = client.post(
        f"/quiz/{attempt.id}/q/1",
        data={"csrf_token": csrf_token(client), "question_id": short, "answer": "1303"},
    )
    assert answered.status_code == 302
    feedback = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    assert "<cite>The lighthouse</cite>, p. 2" in feedback
    # the same text again, under another title, is a duplicate
    again = _upload(client, make_pdf(PDF_PAGES), "copy.pdf", title="Pharos")
    assert again.status_code == 400
    assert "already added, as “The lighthouse”" in again.get_data(as_text=True)


WRAPPED = [
    "Henry Cole was born in Bath on 15 July 1808. He died in",
    "London in 1882, after a life of public work.",
    "",
    "Cole edited the Post Circular, a newspaper which appeared",
    "from March 1838 and was sent free to thousands of readers.",
]


def test_a_pdf_keeps_its_paragraphs_and_a_sentence_broken_across_lines_is_quoted(app, login_as):
    client, teacher = login_as(Role.TEACHER)
    added = _upload(client, make_pdf([WRAPPED]), "cole.pdf", title="Henry Cole")
    assert added.status_code == 302, added.get_data(as_text=True)
    with app.app_context():
        source = db.session.scalars(select(Source).where(Source.title == "Henry Cole")).one()
        # a printed line is no paragraph, and no word runs into the next line's first
        assert "He died in London in 1882" in source.text
        assert "\n\nCole edited the Post Circular" in source.text
        proposals = propose(source.text)
        wrapped = [p for p in proposals if "March 1838" in p.sentence]
        assert wrapped, [p.question for p in proposals]
        fact = curation.add_fact(
            db.session,
            db.session.get(User, teacher.id),
            source,
            wrapped[0].sentence,
            wrapped[0].statement,
            wrapped[0].question,
            wrapped[0].answer,
            wrapped[0].answer_type,
            list(wrapped[0].accepted),
            [],
        )
        db.session.commit()
        assert fact.quote in source.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not really a pdf", "cannot be read as a PDF"),
        (make_pdf([[], []]), "no text to quote"),
    ],
    ids=["damaged", "no-text"],
)
def test_a_pdf_that_cannot_be_read_is_refused_with_a_message(app, login_as, data, message):
    client, _ = login_as(Role.TEACHER)
    refused = _upload(client, data, "x.pdf")
    assert refused.status_code == 400 and message in refused.get_data(as_text=True)


def test_a_source_is_renamed_and_not_unpublished_under_a_published_lesson(
    app,
    login_as,
    make_private,  # noqa: F811
):
    client, teacher = login_as(Role.TEACHER)
    work = make_private(teacher)
    token = csrf_token(client)
    empty = client.post(f"/teach/sources/{work.source}/rename", data={"csrf_token": token})
    assert empty.status_code == 400 and "Rename the source" in empty.get_data(as_text=True)
    client.post(
        f"/teach/sources/{work.source}/rename",
        data={"csrf_token": token, "title": "Annonay balloon notes"},
    )
    with app.app_context():
        source = db.session.get(Source, work.source)
        assert source.title == "Annonay balloon notes"
        assert source.attribution.startswith("Annonay balloon notes")
        source.published = True
        lesson = db.session.get(Lesson, work.lesson)
        teaching.add_passage(db.session, lesson, work.source_fact)
        teaching.publish(lesson, True)
        db.session.commit()
    refused = client.post(
        f"/teach/sources/{work.source}/publish",
        data={"csrf_token": token, "published": "0"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert (
        "Published lessons use this source" in refused and f"Draft of {teacher.username}" in refused
    )
    with app.app_context():
        assert db.session.get(Source, work.source).published


def test_another_fact_of_a_proposed_sentence_is_added_from_the_curation_page(app, login_as):
    client, teacher = login_as(Role.TEACHER)
    source_id = _suez(app, teacher, 0)
    page = client.get(f"/teach/sources/{source_id}/curate").get_data(as_text=True)
    assert "Or ask about:" in page
    with app.app_context():
        text = db.session.get(Source, source_id).text
    found = curation.candidates(text, set(), "The Suez Canal")
    i = next(i for i, c in enumerate(found) if c.alternatives)
    first, other = found[i], found[i].alternatives[0]
    c = f"c{i}"
    key = re.search(rf'id="proposal-{i}" data-key="(\w+)"', page).group(1)
    assert key == proposal_key(first)
    fields = {
        "csrf_token": csrf_token(client),
        "prefix": c,
        "proposal": key,  # the proposal the page's form is of
        f"{c}-quote": first.sentence,
        f"{c}-question": first.question,
        f"{c}-answer": first.answer,
        f"{c}-statement": first.statement,
        f"{c}-answer_type": first.answer_type,
        f"{c}-accepted": "",
        f"{c}-topics": "",
    }
    # without scripts, the other fact's button fills the proposal's form with it
    chosen = client.post(
        f"/teach/sources/{source_id}/facts/preview", data={**fields, "use": "0"}
    ).get_data(as_text=True)
    assert re.search(rf'name="{c}-answer"[^>]*value="{re.escape(other.answer)}"', chosen)
    assert "It will generate" in chosen
    added = client.post(
        f"/teach/sources/{source_id}/facts",
        data={
            **fields,
            f"{c}-question": other.question,
            f"{c}-answer": other.answer,
            f"{c}-statement": other.statement,
            f"{c}-answer_type": other.answer_type,
        },
    )
    assert added.status_code == 302
    with app.app_context():
        fact = db.session.scalars(select(Fact).where(Fact.source_id == source_id)).one()
        assert (fact.answer, fact.question) == (other.answer, other.question)


def test_a_pdf_of_four_megabytes_is_accepted(app, login_as):
    client, _ = login_as(Role.TEACHER)
    data = make_pdf(PDF_PAGES, padding=4 * 1024 * 1024)
    assert len(data) > 4 * 1024 * 1024
    added = _upload(client, data, "lighthouse.pdf")
    assert added.status_code == 302, added.get_data(as_text=True)[:500]


def test_a_file_over_five_megabytes_is_refused_and_the_form_keeps_what_was_typed(app, login_as):
    client, _ = login_as(Role.TEACHER)
    data = make_pdf(PDF_PAGES, padding=5 * 1024 * 1024 + 10)
    refused = _upload(client, data, "huge.pdf", title="The great lighthouse")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "“huge.pdf” is larger than 5 MB" in page
    assert 'value="The great lighthouse"' in page
    assert 'value="CC0"' in page
    with app.app_context():
        assert db.session.scalars(select(Source).where(Source.builtin.is_(False))).all() == []
