"""Disagreements a teacher marks on their own sources, and opinions: the bank's
dispute and "which source says it?" items, written for them."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Fact, Question, Role, Source, User
from app.services import curation
from tests.conftest import post

FIRST = (
    "# Ballooning in France\n\n"
    "The first free flight with people aboard took place on 21 November 1783 in Paris.\n\n"
    "Pilâtre de Rozier and the Marquis d'Arlandes flew for about 25 minutes.\n\n"
    "Ballooning was the most useful invention of the century.\n"
)
SECOND = (
    "# A later account\n\n"
    "The first free flight with people aboard took place on 15 October 1783 at the Folie Titon.\n\n"
    "The flight over Paris lasted 25 minutes.\n"
)
READINGS = {
    "title": "The date of the first flight with people aboard",
    "note": "The first account dates the first free flight with people aboard to 21 November "
    "1783; the later account dates it to 15 October 1783.",
    "question": "The first account dates the first flight with people aboard to 21 November "
    "1783, the later account to 15 October 1783. How should a historian read the two passages?",
    "right": "They differ on the date, and a tethered ascent may explain the earlier one.",
    "right_why": "Right: the records of the October ascent say whether it was free or tethered.",
    "wrong1": "They agree, since both dates fall in the autumn of the same year, 1783.",
    "wrong1_why": "Five weeks apart is not the same day: the passages cannot both be right.",
    "wrong2": "The later account must be right, because a later writer knew more.",
    "wrong2_why": "A later account is not right because it is later; the records decide.",
    "wrong3": "The earlier date is a misprint, since October comes before November.",
    "wrong3_why": "Nothing in either passage points to a misprint; the dates are different.",
}


def _source(app, teacher: User, title: str, text: str) -> str:
    with app.app_context():
        acting = db.session.get(User, teacher.id)
        source = curation.add_source(
            db.session, acting, title, "", "", "reference", "CC0", text, "markdown"
        )
        db.session.commit()
        return source.id


def _fact(app, teacher: User, source_id: str, sentence: str, answer: str, kind="date") -> str:
    with app.app_context():
        acting = db.session.get(User, teacher.id)
        source = db.session.get(Source, source_id)
        fact = curation.add_fact(
            db.session,
            acting,
            source,
            sentence,
            sentence,
            "When did the first free flight with people aboard take place?",
            answer,
            kind,
            [],
            [],
            # its true-or-false items: the sentence, and the sentence a year out
            false_statement=sentence.replace("1783", "1784") if "1783" in answer else "",
        )
        db.session.commit()
        return fact.id


@pytest.fixture()
def two_sources(app, login_as):
    client, teacher = login_as(Role.TEACHER)
    first = _source(app, teacher, "Ballooning in France", FIRST)
    second = _source(app, teacher, "A later account", SECOND)
    a = _fact(
        app,
        teacher,
        first,
        "The first free flight with people aboard took place on 21 November 1783 in Paris.",
        "21 November 1783",
    )
    b = _fact(
        app,
        teacher,
        second,
        "The first free flight with people aboard took place on 15 October 1783 at the "
        "Folie Titon.",
        "15 October 1783",
    )
    return client, teacher, first, second, a, b


def _mark(client, source_id, first, second, **changes):
    data = {"first": first, "second": second, **READINGS, **changes}
    return post(client, f"/teach/sources/{source_id}/disputes/new", data)


def _live(app, prefix: str) -> list[Question]:
    with app.app_context():
        return [
            q
            for q in db.session.scalars(
                select(Question).where(~Question.retired, Question.owner_id.is_not(None))
            )
            if q.id.startswith(prefix)
        ]


def test_a_dispute_between_two_sources_is_an_item_the_review_shows(app, two_sources):
    client, _, first, second, a, b = two_sources
    marked = _mark(client, first, a, b)
    assert marked.status_code == 302, marked.get_data(as_text=True)[:2000]
    review = client.get(marked.headers["Location"]).get_data(as_text=True)
    assert "The date of the first flight with people aboard" in review
    assert READINGS["question"].replace("'", "&#39;") in review  # the item, with its options
    assert "(right answer)" in review
    items = _live(app, "dispute:")
    assert len(items) == 1 and items[0].source_id == first and items[0].type == "dispute"
    assert set(items[0].data["options"]) >= {READINGS["right"], READINGS["wrong3"]}
    # both passages, side by side, for the teacher who may read them
    page = client.get("/sources/disagreements").get_data(as_text=True)
    assert "15 October 1783 at the Folie Titon" in page and "21 November 1783 in Paris" in page


def test_a_disputed_facts_questions_name_the_source_they_follow(app, two_sources):
    client, _, first, second, a, b = two_sources
    assert _mark(client, first, a, b).status_code == 302
    with app.app_context():
        items = {
            q.type: q.prompt
            for q in db.session.scalars(
                select(Question).where(Question.fact_id == a, ~Question.retired)
            )
        }
    # the other source gives another date: each question says whose date it asks for
    assert items["true_false"].startswith("According to the source “Ballooning in France”, ")
    assert items["short"].startswith("According to the source “Ballooning in France”, ")


def test_the_disagreements_page_shows_a_dispute_only_to_who_may_read_both(
    app, two_sources, login_as
):
    client, _, first, second, a, b = two_sources
    assert _mark(client, first, a, b).status_code == 302
    student, _ = login_as(Role.STUDENT)
    title = READINGS["title"]
    assert title not in student.get("/sources/disagreements").get_data(as_text=True)
    assert post(client, f"/teach/sources/{first}/publish", {"published": "1"}).status_code == 302
    # one source published: the student may not read the other passage
    assert title not in student.get("/sources/disagreements").get_data(as_text=True)
    assert _live(app, "dispute:") == []
    assert "Its item waits" in client.get(f"/teach/sources/{first}/review").get_data(as_text=True)
    assert post(client, f"/teach/sources/{second}/publish", {"published": "1"}).status_code == 302
    assert title in student.get("/sources/disagreements").get_data(as_text=True)
    assert len(_live(app, "dispute:")) == 1
    visitor = app.test_client()
    assert title in visitor.get("/sources/disagreements").get_data(as_text=True)


def test_a_dispute_is_edited_and_removed(app, two_sources):
    client, _, first, second, a, b = two_sources
    assert _mark(client, first, a, b).status_code == 302
    (item,) = _live(app, "dispute:")
    with app.app_context():
        from app.models import Dispute

        dispute_id = db.session.scalars(
            select(Dispute.id).where(Dispute.owner_id.is_not(None))
        ).one()
    edit_url = f"/teach/sources/{first}/disputes/{dispute_id}/edit"
    form = client.get(edit_url).get_data(as_text=True)
    assert READINGS["wrong2_why"] in form
    changed = post(client, edit_url, {"first": a, "second": b, **READINGS, "title": "Two dates"})
    assert changed.status_code == 302
    assert "Two dates" in client.get("/sources/disagreements").get_data(as_text=True)
    assert [q.id for q in _live(app, "dispute:")] == [item.id]  # the same item, history kept
    removed = post(client, f"/teach/sources/{first}/disputes/{dispute_id}/remove")
    assert removed.status_code == 302
    assert "Two dates" not in client.get("/sources/disagreements").get_data(as_text=True)
    assert _live(app, "dispute:") == []
    with app.app_context():
        assert db.session.get(Question, item.id) is not None  # retired, not deleted


def test_a_dispute_form_refuses_bad_input_and_keeps_what_was_typed(app, two_sources):
    client, _, first, second, a, b = two_sources
    same = _mark(client, first, a, a)
    assert same.status_code == 400 and "two different passages" in same.get_data(as_text=True)
    assert READINGS["wrong1_why"] in same.get_data(as_text=True)
    echo = _mark(client, first, a, b, wrong2=READINGS["right"])
    assert echo.status_code == 400 and "Two readings are the same" in echo.get_data(as_text=True)
    missing = _mark(client, first, a, b, wrong3="")
    assert missing.status_code == 400
    # the first passage is one of this source's
    wrong_side = _mark(client, first, b, a)
    assert wrong_side.status_code == 400
    assert _live(app, "dispute:") == []


def test_another_teacher_cannot_mark_or_quote_an_unpublished_source(app, two_sources, login_as):
    _, _, first, second, a, b = two_sources
    other, other_teacher = login_as(Role.TEACHER)
    assert other.get(f"/teach/sources/{first}/disputes/new").status_code == 404
    mine = _source(app, other_teacher, "My account", SECOND.replace("15 October", "1 December"))
    c = _fact(
        app,
        other_teacher,
        mine,
        "The first free flight with people aboard took place on 1 December 1783 at the "
        "Folie Titon.",
        "1 December 1783",
    )
    quoting = _mark(other, mine, c, a)
    assert quoting.status_code == 400  # not a choice: the source is not theirs to read
    assert "15 October" not in other.get(f"/teach/sources/{mine}/disputes/new").get_data(
        as_text=True
    )


def test_an_opinion_becomes_a_which_source_says_it_item(app, two_sources):
    client, _, first, second, a, b = two_sources
    sentence = "Ballooning was the most useful invention of the century."
    added = post(
        client,
        f"/teach/sources/{first}/facts",
        {
            "prefix": "own",
            "own-quote": sentence,
            "own-opinion": "y",
            "own-statement": "Ballooning was the most useful invention of the century.",
            "own-answer_type": "date",
            "own-topics": "",
        },
    )
    assert added.status_code == 302, added.get_data(as_text=True)[:3000]
    with app.app_context():
        fact = db.session.scalars(select(Fact).where(Fact.quote == sentence)).one()
        assert fact.kind == "opinion" and fact.answer == ""
        fact_id = fact.id
    review = client.get(f"/teach/sources/{first}/review").get_data(as_text=True)
    assert "mark a disagreement between this source and another" in review
    # compared with another source, it is asked as "which source makes this claim?"
    assert _mark(client, first, a, b).status_code == 302
    (item,) = _live(app, f"{fact_id}:attribution")
    assert item.data["answer"].endswith("“Ballooning in France”")
    assert "Ballooning was the most useful invention" in item.prompt
    assert not [q for q in _live(app, fact_id) if q.type != "attribution"]


def test_quiz_feedback_names_the_dispute_only_when_both_passages_are_public(
    app, two_sources, login_as, start_quiz
):
    client, _, first, second, a, b = two_sources
    assert _mark(client, first, a, b).status_code == 302
    assert post(client, f"/teach/sources/{first}/publish", {"published": "1"}).status_code == 302
    student, student_user = login_as(Role.STUDENT)
    (short,) = [q.id for q in _live(app, a) if q.type == "short"]

    def feedback() -> str:
        attempt = start_quiz(student_user, [short])
        answered = post(
            student,
            f"/quiz/{attempt.id}/q/1",
            {"question_id": short, "answer": "21 November 1783"},
        )
        assert answered.status_code == 302
        return student.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)

    hidden = feedback()
    assert "<cite>Ballooning in France</cite>" in hidden  # the passage is shown
    assert "Folie Titon" not in hidden and READINGS["title"] not in hidden
    assert post(client, f"/teach/sources/{second}/publish", {"published": "1"}).status_code == 302
    shown = feedback()
    assert "The sources disagree" in shown and "Folie Titon" in shown


def test_deleting_the_other_source_withdraws_the_disagreement(app, two_sources):
    client, _, first, second, a, b = two_sources
    assert _mark(client, first, a, b).status_code == 302
    assert len(_live(app, "dispute:")) == 1
    deleted = post(client, f"/teach/sources/{second}/delete", {"confirm": "yes"})
    assert deleted.status_code == 302
    assert _live(app, "dispute:") == []
    assert READINGS["title"] not in client.get("/sources/disagreements").get_data(as_text=True)
    assert "Disagreements (0)" in client.get(f"/teach/sources/{first}/review").get_data(
        as_text=True
    )


def test_retiring_the_other_source_withdraws_the_item(app, two_sources):
    client, _, first, second, a, b = two_sources
    assert _mark(client, first, a, b).status_code == 302
    assert post(client, f"/teach/sources/{second}/retire").status_code == 302
    assert _live(app, "dispute:") == []
    assert READINGS["title"] not in client.get("/sources/disagreements").get_data(as_text=True)


def _names(data, source_id: str) -> list[str]:
    """What of a question's stored form names the source: passages, facts, sections
    (the ids of a source's facts and sections begin with the source's id)."""
    names = [
        *(link["source_id"] for link in [data["source"], *data.get("links", [])]),
        *data.get("fact_ids", []),
        *data.get("topics", []),
        *(o.get("fact_id") or "" for o in data.get("option_details", [])),
    ]
    return [name for name in names if name.startswith(source_id)]


_HREF = re.compile(r'href="(/[^"#?]*)')


def _dead_links(client, html: str) -> list[str]:
    """The links of a page to the app's sources and cards that answer 404."""
    return [
        url
        for url in sorted(set(_HREF.findall(html)))
        if url.startswith(("/sources/", "/cards/")) and client.get(url).status_code == 404
    ]


def test_deleting_a_source_takes_its_disputes_and_leaves_no_dead_link(
    app, two_sources, login_as, start_quiz
):
    """A student answered the dispute item of the first source; the second
    source (no history of its own) is deleted. Every page that showed the
    dispute or its item still opens, and none links to the deleted passage."""
    client, teacher, first, second, a, b = two_sources
    assert _mark(client, first, a, b).status_code == 302
    # a disagreement withdrawn earlier: its retired item quotes the second source too
    c = _fact(
        app,
        teacher,
        second,
        "The flight over Paris lasted 25 minutes.",
        "25 minutes",
        kind="number",
    )
    withdrawn = _mark(
        client, first, a, c, title="How long the first flight lasted", question="How long?"
    )
    assert withdrawn.status_code == 302, withdrawn.get_data(as_text=True)[:1500]
    with app.app_context():
        from app.models import Dispute

        ids = dict(
            db.session.execute(
                select(Dispute.title, Dispute.id).where(Dispute.owner_id.is_not(None))
            ).all()
        )
    removed = post(
        client, f"/teach/sources/{first}/disputes/{ids['How long the first flight lasted']}/remove"
    )
    assert removed.status_code == 302
    for source_id in (first, second):
        published = post(client, f"/teach/sources/{source_id}/publish", {"published": "1"})
        assert published.status_code == 302
    (item,) = _live(app, "dispute:")
    student, student_user = login_as(Role.STUDENT)
    attempt = start_quiz(student_user, [item.id])
    right = str(item.data["options"].index(item.data["answer"]))
    answered = post(student, f"/quiz/{attempt.id}/q/1", {"question_id": item.id, "answer": right})
    assert answered.status_code == 302
    feedback_url = f"/quiz/{attempt.id}/q/1"
    before = student.get(feedback_url).get_data(as_text=True)
    assert f"/sources/{second}" in before  # the item quoted both passages
    assert READINGS["title"] in student.get("/sources/disagreements").get_data(as_text=True)

    deleted = post(client, f"/teach/sources/{second}/delete", {"confirm": "yes"})
    assert deleted.status_code == 302
    assert "deleted" in client.get(deleted.headers["Location"]).get_data(as_text=True)

    # the teacher's review page of the other source, and the disagreements page
    review = client.get(f"/teach/sources/{first}/review")
    assert review.status_code == 200
    html = review.get_data(as_text=True)
    assert "Disagreements (0)" in html and f"/sources/{second}" not in html
    assert _dead_links(client, html) == []
    for who in (client, student, app.test_client()):
        page = who.get("/sources/disagreements")
        assert page.status_code == 200
        assert READINGS["title"] not in page.get_data(as_text=True)
        assert f"/sources/{second}" not in page.get_data(as_text=True)
    # what the student saw: the item's feedback, and the results once finished
    feedback = student.get(feedback_url)
    assert feedback.status_code == 200
    html = feedback.get_data(as_text=True)
    assert "21 November 1783 in Paris" in html  # their own source's passage stays
    # (the item's id names the source it compared: an id, not a link)
    assert f"/sources/{second}" not in html and "Folie Titon" not in html
    assert f">{second}:" not in html  # nor a section of it as a raw tag
    assert _dead_links(student, html) == []
    assert post(student, f"/quiz/{attempt.id}/finish").status_code == 302
    results = student.get(f"/quiz/{attempt.id}/results")
    assert results.status_code == 200
    html = results.get_data(as_text=True)
    assert "1 of 1 right" in html and f"/sources/{second}" not in html
    assert b not in html  # the flashcards of these questions leave its fact out
    assert _dead_links(student, html) == []
    assert student.get(f"/sources/{first}").status_code == 200
    # nothing stored names the deleted passages: the withdrawn item nobody
    # answered is gone, the answered one stays retired for the student's history
    with app.app_context():
        from app.models import AttemptAnswer, QuestionVersion

        assert [q.id for q in db.session.scalars(select(Question)) if _names(q.data, second)] == []
        versions = db.session.scalars(select(QuestionVersion)).all()
        assert [v.id for v in versions if _names(v.data, second)] == []
        snapshots = db.session.scalars(select(AttemptAnswer)).all()
        assert snapshots and not any(_names(s.question_data, second) for s in snapshots)
        kept = db.session.get(Question, item.id)
        assert kept is not None and kept.retired
        assert [
            q.id
            for q in db.session.scalars(
                select(Question).where(Question.type == "dispute", Question.owner_id.is_not(None))
            )
        ] == [item.id]
