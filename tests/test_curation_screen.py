"""The curation screen: a fact previewed before it is saved (by the same
generator and gate as the saved questions), saved in place as JSON or by a
plain form post, and prefilled from words selected in the source."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Fact, Question, Role
from tests.conftest import csrf_token
from tests.test_curation import _add_source, _source_id

JSON = {"Accept": "application/json"}


@pytest.fixture()
def teacher(login_as):
    return login_as(Role.TEACHER)


def _fields(client, **extra):
    data = {
        "csrf_token": csrf_token(client),
        "prefix": "own",
        "own-quote": "The first free flight with people aboard took place on 21 November 1783 in Paris.",
        "own-question": "When did the first free flight with people aboard take place?",
        "own-answer": "21 November 1783",
        "own-statement": "The first free flight with people aboard took place on 21 November 1783.",
        "own-answer_type": "date",
        "own-accepted": "",
        "own-topics": "",
    }
    data.update(extra)
    return data


def test_the_preview_shows_what_saving_then_stores(app, teacher):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    false = "The first free flight with people aboard took place on 21 November 1785."
    shown = client.post(
        f"/teach/sources/{source_id}/facts/preview",
        data=_fields(client, **{"own-false_statement": false}),
        headers=JSON,
    ).get_json()
    assert shown["ok"] and shown["problems"] == []
    types = {i["type"] for i in shown["items"]}
    assert {"short", "true_false", "cloze"} <= types
    assert false in {i["prompt"] for i in shown["items"] if i["type"] == "true_false"}
    cloze = next(i for i in shown["items"] if i["type"] == "cloze")
    # a gap cut into the source's own sentence says whose sentence it is
    assert cloze["prompt"] == (
        "The source “The first balloon flights” says: “The first free flight with people "
        "aboard took place on _____ in Paris.”"
    )
    # a first fact has no other facts to draw wrong options from: its multiple choice
    # offers the other dates the source gives
    mcq = next(i for i in shown["items"] if i["type"] == "mcq")
    assert {o["text"] for o in mcq["options"] if not o["correct"]} == {
        "19 September 1783",
        "4 June 1783",
        "27 August 1783",
    }
    with app.app_context():  # a preview stores nothing
        assert db.session.scalars(select(Fact).where(Fact.source_id == source_id)).all() == []

    saved = client.post(
        f"/teach/sources/{source_id}/facts",
        data=_fields(client, **{"own-false_statement": false}),
        headers=JSON,
    )
    assert saved.status_code == 200
    body = saved.get_json()
    assert body["ok"] and body["facts"] == 1 and body["fact"]["answer"] == "21 November 1783"
    with app.app_context():
        stored = db.session.scalars(
            select(Question).where(Question.source_id == source_id, ~Question.retired)
        ).all()
        assert body["questions"] == len(stored)
        # the very items the preview showed, word for word
        assert sorted((q.type, q.prompt) for q in stored) == sorted(
            (i["type"], i["prompt"]) for i in shown["items"]
        )


def test_a_fact_that_cannot_be_saved_says_why_in_the_preview_and_on_accepting(app, teacher):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    wrong_quote = _fields(client, **{"own-quote": "took place in Paris on 21 November 1783"})
    shown = client.post(
        f"/teach/sources/{source_id}/facts/preview", data=wrong_quote, headers=JSON
    ).get_json()
    assert not shown["ok"] and "copied exactly from the source" in shown["problems"][0]
    refused = client.post(f"/teach/sources/{source_id}/facts", data=wrong_quote, headers=JSON)
    assert refused.status_code == 400
    assert "copied exactly" in refused.get_json()["errors"]["own-quote"][0]
    empty = client.post(
        f"/teach/sources/{source_id}/facts",
        data=_fields(client, **{"own-answer": ""}),
        headers=JSON,
    )
    assert empty.status_code == 400 and "own-answer" in empty.get_json()["errors"]
    with app.app_context():
        assert db.session.scalars(select(Fact).where(Fact.source_id == source_id)).all() == []


def test_without_scripts_the_preview_is_a_page_that_keeps_what_was_typed(app, teacher):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    typed = "When did people first fly freely in a balloon?"
    page = client.post(
        f"/teach/sources/{source_id}/facts/preview", data=_fields(client, **{"own-question": typed})
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "It will generate" in html and typed in html
    # a proposal's other fact of the same sentence, chosen by its button
    screen = client.get(f"/teach/sources/{source_id}/curate").get_data(as_text=True)
    assert 'name="use" value="0"' in screen


def test_selected_words_become_the_quote_of_a_prefilled_fact(app, teacher):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    with app.app_context():
        from app.models import Source

        text = db.session.get(Source, source_id).text
    words = "took place on 21 November 1783 in Paris"
    start = text.index(words)
    found = client.get(
        f"/teach/sources/{source_id}/facts/for-selection?start={start}&end={start + len(words)}"
    ).get_json()
    assert found["quote"] == words
    assert found["answer"] == "21 November 1783" and found["answer_type"] == "date"
    assert found["statement"].startswith("The first free flight")
    assert found["question"].endswith("?") and "21 November" not in found["question"]
    # a false side for true or false: another date the text gives, of the same precision
    assert found["false_statement"] in {
        found["statement"].replace("21 November 1783", other)
        for other in ("4 June 1783", "19 September 1783", "27 August 1783")
    }
    # without scripts, the same as a link to the screen
    page = client.get(f"/teach/sources/{source_id}/curate?start={start}&end={start + len(words)}")
    assert f"\n{words}</textarea>" in page.get_data(as_text=True)
    # a drag that began and ended inside words gives the whole words
    inside = client.get(
        f"/teach/sources/{source_id}/facts/for-selection"
        f"?start={start + 2}&end={start + len(words) - 3}"
    ).get_json()
    assert inside["quote"] == words
    bad = client.get(f"/teach/sources/{source_id}/facts/for-selection?start=5&end=2")
    assert bad.status_code == 400 and "Select words" in bad.get_json()["error"]


def test_another_teacher_can_neither_preview_nor_select_on_the_source(app, teacher, login_as):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    other, _ = login_as(Role.TEACHER)
    assert (
        other.post(
            f"/teach/sources/{source_id}/facts/preview", data=_fields(other), headers=JSON
        ).status_code
        == 404
    )
    assert (
        other.get(f"/teach/sources/{source_id}/facts/for-selection?start=0&end=9").status_code
        == 404
    )


def test_a_refused_fact_of_a_proposal_no_longer_listed_keeps_what_was_typed(app, teacher):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    typed = "A question typed on a page opened before the proposals changed?"
    data = {k.replace("own-", "c99-"): v for k, v in _fields(client).items()}
    data.update({"prefix": "c99", "c99-question": typed, "c99-quote": "not in the source"})
    refused = client.post(f"/teach/sources/{source_id}/facts", data=data)
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert typed in html and "copied exactly from the source" in html


def test_the_preview_names_what_the_quality_check_would_refuse_and_why(app, teacher):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    lower = _fields(client, **{"own-question": "when did the first free flight take place?"})
    shown = client.post(
        f"/teach/sources/{source_id}/facts/preview", data=lower, headers=JSON
    ).get_json()
    assert shown["ok"]
    refused = [r for r in shown["refused"] if r["label"] == "Short answer"]
    assert refused and refused[0]["rule"] == "complete-sentence"
    assert "not a complete sentence" in refused[0]["reason"]
    assert "Short answer" not in {i["label"] for i in shown["items"]}  # never published


_PROPOSAL = re.compile(
    r'<li class="proposal card( skipped)?" id="proposal-\d+" data-key="(\w+)"[^>]*>\s*'
    r'<form[^>]*>\s*<input type="hidden" name="proposal" value="\w+">\s*'
    r'<p class="proposal-question"[^>]*>([^<]*)</p>'
)


def _screen(client, source_id):
    """The proposals offered, those skipped (each a key and its question), and the page."""
    html = client.get(f"/teach/sources/{source_id}/curate").get_data(as_text=True)
    found = _PROPOSAL.findall(html)
    offered = [(key, question) for skipped, key, question in found if not skipped]
    skipped = [(key, question) for skipped, key, question in found if skipped]
    return offered, skipped, html


def test_a_skipped_proposal_stays_skipped_after_a_reload_until_brought_back(app, teacher):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    offered, skipped, html = _screen(client, source_id)
    assert len(offered) >= 3 and skipped == []
    assert "Show skipped" in html and 'id="skipped" hidden' in html  # nothing to show yet
    (first, first_q), (second, second_q) = offered[0], offered[1]

    # with the script: JSON in place
    done = client.post(
        f"/teach/sources/{source_id}/proposals/skip",
        data={"csrf_token": csrf_token(client), "proposal": first},
        headers=JSON,
    )
    assert done.status_code == 200 and done.get_json()["ok"]
    # without it: the Skip button posts its proposal's form, and the page comes back
    plain = client.post(
        f"/teach/sources/{source_id}/proposals/skip",
        data={"c1-csrf_token": csrf_token(client), "prefix": "c1", "proposal": second},
    )
    assert plain.status_code == 302 and plain.headers["Location"].endswith("/curate#proposals-h")

    # a reload (or another device): both are gone from the proposals, listed as skipped
    again, skipped, html = _screen(client, source_id)
    assert first not in {k for k, _ in again} and second not in {k for k, _ in again}
    assert [k for k, _ in skipped] == [first, second]
    assert 'Show skipped (<span data-count="skipped">2</span>)' in html
    assert f'Proposed facts (<span data-count="proposals">{len(again)}</span>)' in html
    listed = html[html.index('id="skipped"') : html.index('<ol class="proposals"')]
    assert first_q.split("?")[0] in listed and second_q.split("?")[0] in listed
    assert html.count('action="/teach/sources/' + source_id + '/proposals/unskip"') >= 2

    # skipping twice is skipping once; a proposal the text does not offer is refused
    twice = client.post(
        f"/teach/sources/{source_id}/proposals/skip",
        data={"csrf_token": csrf_token(client), "proposal": first},
        headers=JSON,
    )
    assert twice.status_code == 200
    bogus = client.post(
        f"/teach/sources/{source_id}/proposals/skip",
        data={"csrf_token": csrf_token(client), "proposal": "0" * 32},
        headers=JSON,
    )
    assert bogus.status_code == 400 and "no longer offered" in bogus.get_json()["message"]

    # brought back: offered again, in its place, and no longer listed as skipped
    back = client.post(
        f"/teach/sources/{source_id}/proposals/unskip",
        data={"csrf_token": csrf_token(client), "proposal": first},
    )
    assert back.status_code == 302
    after, skipped, html = _screen(client, source_id)
    assert after[0] == (first, first_q)
    assert [k for k, _ in skipped] == [second]
    assert 'Show skipped (<span data-count="skipped">1</span>)' in html


def test_only_the_sources_owner_may_skip_its_proposals(app, teacher, login_as):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    offered, _, _ = _screen(client, source_id)
    key = offered[0][0]
    other, _ = login_as(Role.TEACHER)
    for action in ("skip", "unskip"):
        refused = other.post(
            f"/teach/sources/{source_id}/proposals/{action}",
            data={"csrf_token": csrf_token(other), "proposal": key},
            headers=JSON,
        )
        assert refused.status_code == 404, action
    # and not without the session's CSRF token
    forged = client.post(
        f"/teach/sources/{source_id}/proposals/skip", data={"proposal": key}, headers=JSON
    )
    assert forged.status_code == 400
    again, skipped, _ = _screen(client, source_id)
    assert again[0][0] == key and skipped == []
    # an admin may, as on every other action of the screen
    admin, _ = login_as(Role.ADMIN)
    by_admin = admin.post(
        f"/teach/sources/{source_id}/proposals/skip",
        data={"csrf_token": csrf_token(admin), "proposal": key},
        headers=JSON,
    )
    assert by_admin.status_code == 200
    assert [k for k, _ in _screen(client, source_id)[1]] == [key]


def test_selected_words_that_call_a_person_by_surname_are_asked_by_the_full_name(app, teacher):
    from pathlib import Path

    client, _ = teacher
    text = (Path(__file__).parent / "fixtures" / "broad_street_cholera.md").read_text()
    _add_source(client, kind="markdown", text=text, title="The Broad Street outbreak")
    source_id = _source_id(app)
    words = "Snow put his evidence before the Board of Guardians"
    start = text.index(words)
    found = client.get(
        f"/teach/sources/{source_id}/facts/for-selection?start={start}&end={start + len(words)}"
    ).get_json()
    # the passage says "Snow"; the question and its answer say whom the text means
    assert found["answer"] == "John Snow" and found["accepted"] == "Snow"
    assert "John Snow" in found["statement"]
    saved = client.post(
        f"/teach/sources/{source_id}/facts",
        data=_fields(
            client,
            **{
                f"own-{k}": found[k]
                for k in ("quote", "question", "answer", "answer_type", "statement", "accepted")
            },
        ),
    )
    assert saved.status_code == 302
    with app.app_context():
        fact = db.session.scalars(select(Fact).where(Fact.source_id == source_id)).one()
        assert fact.answer == "John Snow" and "Snow" in fact.accepted


def test_a_proposal_accepted_as_shown_gives_a_true_or_false_item_with_a_false_side(app, teacher):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    page = client.get(f"/teach/sources/{source_id}/curate").get_data(as_text=True)
    first = page[page.index('id="proposal-0"') : page.index('id="proposal-1"')]
    fields = {
        name: html.unescape(value)
        for tag, name, value in re.findall(
            r'(<input[^>]*name="(c0-[a-z_]+)"[^>]*value="([^"]*)")', first
        )
        if 'type="checkbox"' not in tag or " checked" in tag  # as a browser sends it
    }
    fields.update(
        (name, html.unescape(value.strip()))
        for name, value in re.findall(r'name="(c0-[a-z_]+)"[^>]*>([^<]*)</textarea>', first)
    )
    chosen = re.search(r'name="c0-answer_type".*?<option selected value="(\w+)"', first, re.S)
    fields["c0-answer_type"] = chosen.group(1)
    false = fields["c0-false_statement"]
    assert false and false != fields["c0-statement"]  # shown, for the teacher to read
    saved = client.post(
        f"/teach/sources/{source_id}/facts",
        data={**fields, "prefix": "c0", "c0-topics": ""},
        headers=JSON,
    )
    assert saved.status_code == 200, saved.get_json()
    with app.app_context():
        asked = db.session.scalars(
            select(Question).where(Question.source_id == source_id, Question.type == "true_false")
        ).all()
        assert {(q.prompt, q.data["answer"]) for q in asked} >= {(false, "False")}


def test_a_saved_fact_can_be_given_a_false_statement_later(app, teacher):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    saved = client.post(f"/teach/sources/{source_id}/facts", data=_fields(client), headers=JSON)
    fact_id = saved.get_json()["fact"]["id"]
    url = f"/teach/sources/{source_id}/facts/{fact_id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'name="own-false_statement"' in page  # the field is there to fill
    false = "The first free flight with people aboard took place on 21 November 1785."
    response = client.post(url, data=_fields(client, **{"own-false_statement": false}))
    assert response.status_code == 302
    with app.app_context():
        asked = db.session.scalars(
            select(Question).where(
                Question.source_id == source_id, Question.type == "true_false", ~Question.retired
            )
        ).all()
        assert {(q.prompt, q.data["answer"]) for q in asked} >= {(false, "False")}
    assert f'value="{false}"' in client.get(url).get_data(as_text=True)
