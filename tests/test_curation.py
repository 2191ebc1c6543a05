"""New sources added by teachers and facts curated in the app."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

import question_bank as qb
from app.extensions import db
from app.models import Fact, Question, QuestionTag, Role, Source
from app.services import curation
from tests.conftest import csrf_token, post

BALLOON_HTML = """<html><head><title>x</title><script>alert('x')</script><style>p{}</style></head><body>
<h1>The first balloon flights</h1>
<p>On 4 June 1783 the brothers Joseph-Michel and Jacques-&Eacute;tienne Montgolfier flew an unmanned hot-air balloon at Annonay.</p>
<p>On 19 September 1783 a sheep, a duck and a rooster flew for eight minutes before King Louis XVI at Versailles.</p>
<p>The first free flight with people aboard took place on 21 November 1783 in Paris.</p>
<p>Pilâtre de Rozier and the Marquis d'Arlandes flew for about 25 minutes.</p>
<p onclick="steal()">Jacques Charles launched a hydrogen balloon from the Champ de Mars on 27 August 1783.</p>
</body></html>"""


@pytest.fixture()
def teacher(login_as):
    return login_as(Role.TEACHER)


def _add_source(client, **extra):
    data = {
        "csrf_token": csrf_token(client),
        "title": "The first balloon flights",
        "author": "A. Teacher",
        "date": "2026",
        "perspective": "other",
        "licence": "CC0",
        "kind": "html",
        "text": BALLOON_HTML,
    }
    data.update(extra)
    return client.post("/teach/sources/new", data=data)


def test_an_html_source_becomes_clean_text_labelled_as_added_by_a_teacher(app, teacher):
    client, _ = teacher
    response = _add_source(client)
    assert response.status_code == 302 and "/curate" in response.headers["Location"]
    with app.app_context():
        source = db.session.scalars(select(Source).where(Source.builtin.is_(False))).one()
        assert "alert" not in source.text and "<p" not in source.text and "steal" not in source.text
        assert "Jacques-Étienne Montgolfier" in source.text
        assert "On 19 September 1783 a sheep" in source.text
        assert source.sha256 and source.body_end == len(source.text)
    listing = client.get("/sources/").get_data(as_text=True)
    assert "Added by a teacher" in listing
    again = _add_source(client)
    assert "already added" in again.get_data(as_text=True)


def test_source_size_limit_and_students_cannot_add_sources(app, teacher, login_as):
    client, _ = teacher
    huge = _add_source(client, kind="text", text="x" * (curation.MAX_CHARS + 1))
    assert huge.status_code == 400 and "longer than 300,000 characters" in huge.get_data(
        as_text=True
    )
    student, _ = login_as(Role.STUDENT)
    assert _add_source(student).status_code == 403


WIKI_PAGE = """<!DOCTYPE html><html><head><title>Tay Bridge disaster - Encyclopedia</title></head>
<body><div id="mw-navigation"><h2>Navigation menu</h2><ul><li><a>Main page</a></li><li>Random article</li></ul></div>
<header class="site-header">The Free Encyclopedia</header>
<div id="content" role="main"><h1 id="firstHeading">Tay Bridge disaster</h1>
<div id="bodyContent"><div id="toc" class="toc"><h2>Contents</h2><ul><li>1 The fall</li></ul></div>
<h2><span class="mw-headline">The fall</span><span class="mw-editsection">[edit]</span></h2>
<p>The bridge fell on <b>28 December 1879</b>, taking a train with it.</p>
<table class="navbox"><tr><td>Bridges of Scotland</td></tr></table>
<div id="catlinks" class="catlinks">Categories: 1879 disasters</div></div></div>
<div id="sidebar"><p>Donate today</p></div>
<footer><p>Text available under CC BY-SA</p></footer></body></html>"""


def test_a_web_page_gives_its_own_text_without_menus_sidebars_or_edit_links():
    text = curation.to_text(WIKI_PAGE, "html")
    assert text == (
        "Tay Bridge disaster\n\nThe fall\n\nThe bridge fell on 28 December 1879, taking a "
        "train with it.\n"
    )
    # a page without a main element keeps its text, still without its menu
    fragment = "<nav><a>Home</a> | <a>About</a></nav><p>First.</p><aside>Ad</aside><p>Second.</p>"
    assert curation.to_text(fragment, "html") == "First.\n\nSecond.\n"


def test_candidates_are_sentences_with_dates_numbers_or_names():
    text = curation.to_text(BALLOON_HTML, "html")
    found = {c.sentence: (c.answer, c.answer_type) for c in curation.candidates(text, set())}
    assert found[
        "On 4 June 1783 the brothers Joseph-Michel and Jacques-Étienne Montgolfier flew an unmanned hot-air balloon at Annonay."
    ] == ("4 June 1783", "date")
    # the number with its unit, the full date rather than the year
    assert found["Pilâtre de Rozier and the Marquis d'Arlandes flew for about 25 minutes."] == (
        "25 minutes",
        "number",
    )
    assert found[
        "The first free flight with people aboard took place on 21 November 1783 in Paris."
    ] == ("21 November 1783", "date")


def _source_id(app):
    with app.app_context():
        return db.session.scalars(select(Source.id).where(Source.builtin.is_(False))).one()


def _fact(client, source_id, **fields):
    data = {
        "prefix": "own",
        "own-quote": "took place on 21 November 1783 in Paris",
        "own-question": "When did the first free flight with people aboard take place?",
        "own-answer": "21 November 1783",
        "own-statement": "The first free flight with people aboard took place on 21 November 1783.",
        "own-answer_type": "date",
        "own-accepted": "November 1783",
        "own-topics": "background",
    }
    data.update(fields)
    return post(client, f"/teach/sources/{source_id}/facts", data)


def test_curated_facts_are_checked_and_get_generated_questions(app, teacher):
    client, user = teacher
    _add_source(client)
    source_id = _source_id(app)
    bad = _fact(client, source_id, **{"own-quote": "took place in Paris on 21 November 1783"})
    assert bad.status_code == 400 and "copied exactly from the source" in bad.get_data(as_text=True)
    unsupported = _fact(client, source_id, **{"own-statement": "It happened in Paris."})
    assert "does not contain the answer" in unsupported.get_data(as_text=True)
    assert _fact(client, source_id).status_code == 302
    _fact(
        client,
        source_id,
        **{
            "own-quote": "On 19 September 1783 a sheep",
            "own-question": "When did a sheep fly at Versailles?",
            "own-answer": "19 September 1783",
            "own-statement": "A sheep flew at Versailles on 19 September 1783.",
            "own-accepted": "",
        },
    )
    _fact(
        client,
        source_id,
        **{
            "own-quote": "On 4 June 1783 the brothers",
            "own-question": "When did the Montgolfiers first fly a balloon?",
            "own-answer": "4 June 1783",
            "own-statement": "The Montgolfiers first flew a balloon on 4 June 1783.",
            "own-accepted": "",
            "own-false_statement": "The Montgolfiers first flew a balloon on 4 June 1785.",
        },
    )
    with app.app_context():
        facts = db.session.scalars(select(Fact).where(Fact.source_id == source_id)).all()
        assert len(facts) == 3 and all(f.owner_id == user.id for f in facts)
        questions = db.session.scalars(
            select(Question).where(Question.source_id == source_id, ~Question.retired)
        ).all()
        assert {"short", "cloze", "true_false", "mcq"} <= {q.type for q in questions}
        # three dated facts give two wrong dates of the same shape: the third is the one
        # the source gives for another event, which says why it is wrong
        flight = next(
            q for q in questions if q.type == "mcq" and q.data["answer"] == "21 November 1783"
        )
        wrong = {
            o["text"]: o["explanation"] for o in flight.data["option_details"] if not o["correct"]
        }
        assert set(wrong) == {"19 September 1783", "4 June 1783", "27 August 1783"}
        assert wrong["27 August 1783"] == (
            "The source gives it for another event: “Jacques Charles launched a hydrogen "
            "balloon from the Champ de Mars on 27 August 1783.”"
        )
        # true or false only where the teacher wrote a false statement: the fact's
        # statement true, the false one false, never a set of items all true
        true_false = [q for q in questions if q.type == "true_false"]
        assert sorted(q.data["answer"] for q in true_false) == ["False", "True"]
        assert {q.fact_id for q in true_false} == {f.id for f in facts if f.answer == "4 June 1783"}
        assert all(q.owner_id == user.id for q in questions)
        tags = set(
            db.session.scalars(select(QuestionTag.value).where(QuestionTag.kind == "source"))
        )
        assert source_id in tags
        text = db.session.get(Source, source_id).text
        for q in questions:
            s = q.data["source"]
            assert text[s["start"] : s["end"]] == s["quote"]
    # a quiz on the new source
    start = post(
        client,
        "/quiz/",
        {
            "scope": f"source:{source_id}",
            "count": "5",
            "types": ["short", "cloze", "true_false", "mcq"],
            "feedback_mode": "each",
        },
    )
    assert start.status_code == 302 and "/q/1" in start.headers["Location"]


def test_export_facts_writes_files_that_pass_the_bank_check(app, teacher, runner, tmp_path):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    false = "The first free flight with people aboard took place on 21 November 1785."
    _fact(client, source_id, **{"own-false_statement": false})
    result = runner.invoke(args=["bank", "export-facts", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = tmp_path / "facts" / source_id / "01-curated.yaml"
    assert written.exists()
    base = qb.load_fact_base(tmp_path / "facts", tmp_path / "sources")
    assert base.problems == [] and len(base.facts) == 1
    (fact,) = base.facts.values()
    assert [f.text for f in fact.false_statements] == [false]  # its false statement goes too
    bank = qb.build_bank(tmp_path / "facts", tmp_path / "sources")
    assert qb.check(bank) == []
    assert (
        (tmp_path / "sources" / f"{source_id}.txt")
        .read_text(encoding="utf-8")
        .startswith("The first balloon")
    )


def test_only_the_teacher_who_added_a_source_curates_it(app, teacher, login_as):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    assert client.get(f"/teach/sources/{source_id}/curate").status_code == 200
    other, _ = login_as(Role.TEACHER)
    assert other.get(f"/teach/sources/{source_id}/curate").status_code == 404
    assert _fact(other, source_id).status_code == 404
    admin, _ = login_as(Role.ADMIN)
    assert admin.get(f"/teach/sources/{source_id}/curate").status_code == 200


def test_a_selected_range_of_ones_own_source_offers_curation(app, teacher):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    with app.app_context():
        text = db.session.get(Source, source_id).text
    start = text.index("21 November 1783")
    end = start + len("21 November 1783")
    page = client.get(f"/sources/{source_id}?start={start}&end={end}").get_data(as_text=True)
    assert "Curate a fact from it" in page
    curate = client.get(f"/teach/sources/{source_id}/curate?quote=21+November+1783").get_data(
        as_text=True
    )
    assert "21 November 1783</textarea>" in curate
    builtin = client.get("/sources/nwe?start=10&end=40").get_data(as_text=True)
    assert "Curate a fact from it" not in builtin


def test_a_long_unpunctuated_source_is_curated_quickly_and_proposed_once(app, teacher, monkeypatch):
    """Sentences and names used to be rescanned from every character of a run
    without punctuation (minutes for 300,000 characters), on every view."""
    import time

    client, _ = teacher
    words = "Stalin and   Nikolai Bukharin met in Moscow with 1937 people " * 5000
    text = "A first sentence about the year 1936 in Moscow.\n" + words[: curation.MAX_CHARS - 60]
    assert _add_source(client, kind="text", text=text).status_code == 302
    source_id = _source_id(app)
    calls = []
    real = curation.facts.propose
    monkeypatch.setattr(curation.facts, "propose", lambda *a: calls.append(1) or real(*a))
    started = time.perf_counter()
    first = client.get(f"/teach/sources/{source_id}/curate")
    assert time.perf_counter() - started < 5  # it took minutes
    assert first.status_code == 200
    assert "A first sentence about the year 1936 in Moscow." in first.get_data(as_text=True)
    assert client.get(f"/teach/sources/{source_id}/curate").status_code == 200
    assert len(calls) == 1


def test_names_are_proposed_without_rescanning_runs_of_spaces():
    import time

    def seconds(lines: int) -> float:
        best = float("inf")
        for run in range(3):  # the best of three: a busy machine slows one run, not all
            text = "".join(  # a new text each run: proposals are kept per text
                f"Then Nikolai{' ' * 900}spoke at trial "
                f"{''.join(chr(97 + int(d)) for d in str(i))}{'x' * run}.\n"
                for i in range(lines)
            )
            started = time.perf_counter()
            assert curation.candidates(text, set()) == []
            best = min(best, time.perf_counter() - started)
        return best

    seconds(10)  # the word tables load once, outside the timing
    # ten times the text takes about ten times as long: rescanning each run of spaces
    # from every position took a hundred times as long, and minutes for a real upload
    assert seconds(1000) < 40 * seconds(100)
    found = curation.candidates("Pilâtre de Rozier flew a balloon over Annonay.", set())
    assert [(c.answer, c.answer_type) for c in found] == [("Pilâtre de Rozier", "person")]


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("text", "A plain text about 1783.\nThe balloon rose \u202eover Paris in 1783.\n"),
        ("markdown", "A text about 1783 with an escape \x1b[31m in the middle of it.\n"),
        ("html", "<p>A text about 1783.</p><p>Isolated &#x2066;words in 1783.</p>"),
    ],
    ids=["bidi-override", "escape", "html-entity-isolate"],
)
def test_a_source_text_with_invisible_characters_is_refused_with_a_message(
    app, teacher, kind, text
):
    client, _ = teacher
    pasted = _add_source(client, kind=kind, text=text)
    assert pasted.status_code == 400
    assert "The text holds an invisible control character (U+" in pasted.get_data(as_text=True)
    uploaded = _add_source(client, kind=kind, text="", file=(io.BytesIO(text.encode()), "s.txt"))
    assert uploaded.status_code == 400
    assert "invisible control character" in uploaded.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Source).where(Source.builtin.is_(False))).all() == []


def test_an_uploaded_source_with_a_nul_byte_is_refused_with_its_line(app, teacher):
    client, _ = teacher
    upload = (io.BytesIO(b"A text about 1783.\nWith a NUL \x00 byte.\n"), "s.txt")
    page = _add_source(client, kind="text", text="", file=upload)
    assert page.status_code == 400
    assert "(U+0000 on line 2)" in page.get_data(as_text=True)


def test_an_html_source_with_a_stray_marked_section_is_kept_as_text(app, teacher):
    client, _ = teacher
    html = "<p>In 1783 the first balloon <![ flew over Paris, as the record says.</p>"
    assert _add_source(client, kind="html", text=html).status_code == 302
    with app.app_context():
        text = db.session.scalars(select(Source.text).where(Source.builtin.is_(False))).one()
    assert "balloon <![ flew over Paris" in text


def test_a_doubtful_proposal_comes_last_and_says_what_to_check(app, teacher):
    client, _ = teacher
    text = (
        "# The first balloon flights\n\n"
        "On 4 June 1783 the brothers Montgolfier flew a hot-air balloon at Annonay.\n\n"
        "The flight with people aboard took place on 21 November 1783."
    )
    _add_source(client, kind="markdown", text=text)
    page = client.get(f"/teach/sources/{_source_id(app)}/curate").get_data(as_text=True)
    confident = page.index("On what date did the brothers Montgolfier fly a hot-air balloon")
    doubted = page.index("It says only “the flight”: which one? Name it.")
    # a doubted proposal is a draft to finish, under its own heading, its edit box open
    drafts = page.index("<h3>Drafts to finish</h3>")
    assert confident < drafts < doubted
    assert page.count("<h3>Drafts to finish</h3>") == 1
    draft = page[drafts : page.index("</li>", doubted)]
    assert '<details class="proposal-edit" open>' in draft
    # the confident proposal's box is there for an alternative's doubt, and hidden
    assert page.count("data-doubt-box hidden") == 1 and page.count("data-doubt-box") == 2


def test_a_false_statement_that_says_what_the_statement_says_is_refused(app, teacher):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    same = "The first free flight with people aboard took place on 21 November 1783!"
    refused = _fact(client, source_id, **{"own-false_statement": same})
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "The false statement says what the statement says" in page
    assert same in page  # what was typed is still in the form


def test_an_answer_typed_in_another_case_takes_the_statements_and_errors_sit_by_their_field(
    app, teacher
):
    client, _ = teacher
    _add_source(client)
    source_id = _source_id(app)
    saved = _fact(
        client,
        source_id,
        **{
            "own-quote": "Pilâtre de Rozier and the Marquis d'Arlandes flew for about 25 minutes.",
            "own-question": "Who flew with the Marquis d'Arlandes for about 25 minutes?",
            "own-answer": "pilâtre de Rozier",
            "own-statement": "Pilâtre de Rozier flew with the Marquis d'Arlandes.",
            "own-answer_type": "person",
            "own-accepted": "",
        },
    )
    assert saved.status_code == 302
    with app.app_context():
        fact = db.session.scalars(select(Fact).where(Fact.source_id == source_id)).one()
        assert fact.answer == "Pilâtre de Rozier"
    refused = _fact(client, source_id, **{"own-statement": "It happened in Paris."})
    page = refused.get_data(as_text=True)
    assert '<p class="error" id="own-statement-error">The statement does not contain' in page
