"""Importing teachers' questions from CSV and GIFT: preview, errors by line,
all or nothing."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Lesson, Question, Role
from app.services import teaching
from tests.conftest import csrf_token

HEADER = "type,question,answer,accepted,wrong,source,quote\n"
GOOD = (
    HEADER
    + 'short,When was the second trial held?,January 1937,Jan 1937;January 23-30 1937,,nwe,"The second trial occurred between January 23-30, 1937."\n'
    + "mcq,Who was spared as he implicated others?,Radek,Karl Radek,Bukharin;Rykov,nwe,Radek was spared as he implicated others\n"
)


@pytest.fixture()
def lesson(app, login_as):
    client, teacher = login_as(Role.TEACHER)
    with app.app_context():
        lesson = teaching.create_lesson(
            db.session, db.session.get(teaching.User, teacher.id), "Imports", ""
        )
        db.session.commit()
        return client, teacher, lesson.id


def _owned(app, teacher):
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(Question).where(Question.owner_id == teacher.id)
        )


def _post(client, lesson_id, content=None, fmt="csv", action="preview", file=None):
    data = {"csrf_token": csrf_token(client), "format": fmt, "action": action}
    if content is not None:
        data["content"] = content
    if file is not None:
        data["file"] = (io.BytesIO(file), "questions.csv")
    return client.post(
        f"/teach/lessons/{lesson_id}/import", data=data, content_type="multipart/form-data"
    )


def test_a_good_csv_is_previewed_then_imported_whole(app, lesson):
    client, teacher, lesson_id = lesson
    preview = _post(client, lesson_id, file=GOOD.encode())
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "2 questions read" in page and "Import these 2 questions" in page
    assert _owned(app, teacher) == 0  # a preview stores nothing
    done = _post(client, lesson_id, content=GOOD, action="confirm")
    assert done.status_code == 302
    with app.app_context():
        assert _owned(app, teacher) == 2
        items = db.session.get(Lesson, lesson_id).items
        assert len(items) == 1 and len(items[0].question_ids) == 2
        short = db.session.scalars(
            select(Question).where(Question.owner_id == teacher.id, Question.type == "short")
        ).one()
        assert (
            short.data["source"]["quote"]
            == "The second trial occurred between January 23-30, 1937."
        )
        assert "Jan 1937" in short.data["accepted"]


def test_bad_rows_are_reported_by_line_and_nothing_is_half_imported(app, lesson):
    client, teacher, lesson_id = lesson
    bad = (
        GOOD
        + "short,Who?,Stalin,,,nowhere,some quote\n"  # line 4: unknown source
        + "short,Who?,Stalin,,,nwe,Stalin was everywhere\n"  # line 5: not verbatim
        + "mcq,Who?,Radek,,Radek;Bukharin,nwe,Radek was spared\n"  # line 6: wrong == answer
        + "short,,,,,nwe,trial\n"  # line 7: empty question and answer, ambiguous quote
        + "mcq,too few\n"  # line 8: columns
    )
    response = _post(client, lesson_id, content=bad, action="confirm")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Nothing was imported" in page
    for line, text in (
        (4, "unknown source"),
        (5, "not in the source verbatim"),
        (6, "same as the answer"),
        (7, "the question is empty"),
        (7, "occurs"),
        (8, "expected 7 columns"),
    ):
        assert f"Line {line}: " in page and text in page, (line, text)
    assert _owned(app, teacher) == 0


def test_formula_injection_is_stored_as_text_and_never_runs(app, lesson):
    client, teacher, lesson_id = lesson
    evil = (
        HEADER
        + '"short","When was the trial that a cell =cmd|\' /C calc\'!A0 names?","=1+1",,,nwe,"The second trial occurred between January 23-30, 1937."\n'
    )
    # (the prompt is a sentence: the bank's quality gate refuses a bare formula)
    _post(client, lesson_id, content=evil, action="confirm")
    with app.app_context():
        q = db.session.scalars(select(Question).where(Question.owner_id == teacher.id)).one()
        assert "=cmd|' /C calc'!A0" in q.prompt and q.data["answer"] == "=1+1"
    page = client.get(f"/teach/lessons/{lesson_id}").get_data(as_text=True)
    assert "=cmd|&#39; /C calc&#39;!A0" in page


def test_huge_files_and_wrong_encodings_get_clear_messages(app, lesson):
    client, teacher, lesson_id = lesson
    huge = _post(client, lesson_id, file=(HEADER + "x" * 250_000).encode())
    assert "larger than 200 KB" in huge.get_data(as_text=True)
    latin = _post(
        client, lesson_id, file=(HEADER + "short,Qui?,Trotski,,,nwe,é\n").encode("latin-1")
    )
    assert "not UTF-8 text" in latin.get_data(as_text=True)
    header = _post(client, lesson_id, content="a,b,c\n1,2,3\n")
    assert "Line 1: The first line must be the header" in header.get_data(as_text=True)
    assert _owned(app, teacher) == 0


def test_a_line_the_csv_reader_cannot_read_is_reported_and_the_text_kept(app, lesson):
    client, teacher, lesson_id = lesson
    # a carriage return inside an unquoted field: the csv module refuses the line
    content = HEADER + "short,When was\rthe second trial?,1937,,,nwe,January 23-30\n"
    response = _post(client, lesson_id, content=content)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Line 2: This line cannot be read as CSV" in page
    assert "When was" in page  # what the teacher pasted is still in the form
    assert _owned(app, teacher) == 0


GIFT = """// source: nwe
// quote: The second trial occurred between January 23-30, 1937.
::second-trial:: When was the second trial held? {=January 1937 =Jan 1937 ####See the encyclopedia.}

// source: nwe
// quote: Radek was spared as he implicated others
Who was spared because he implicated others? {=Radek ~Bukharin ~Rykov}
"""


def test_gift_imports_multiple_choice_and_short_answers(app, lesson):
    client, teacher, lesson_id = lesson
    preview = _post(client, lesson_id, content=GIFT, fmt="gift")
    assert "2 questions read" in preview.get_data(as_text=True)
    _post(client, lesson_id, content=GIFT, fmt="gift", action="confirm")
    with app.app_context():
        rows = {
            q.type: q
            for q in db.session.scalars(select(Question).where(Question.owner_id == teacher.id))
        }
        assert set(rows) == {"short", "mcq"}
        assert rows["short"].data["accepted"] == ["January 1937", "Jan 1937"]
        assert sorted(rows["mcq"].data["options"]) == ["Bukharin", "Radek", "Rykov"]


def test_gift_without_a_passage_or_of_an_unsupported_type_is_refused(app, lesson):
    client, teacher, lesson_id = lesson
    bad = "When? {=1937}\n\n// source: nwe\n// quote: Radek was spared as he implicated others\nRadek was spared. {T}\n"
    page = _post(client, lesson_id, content=bad, fmt="gift", action="confirm").get_data(
        as_text=True
    )
    assert "Line 1: unknown source" in page
    assert "only multiple-choice and short-answer" in page
    assert _owned(app, teacher) == 0


def test_ten_thousand_backslashes_in_gift_are_refused_at_once():
    """The block pattern used to read a run of n backslashes in Fibonacci(n) ways."""
    import time

    from app.services import imports

    started = time.perf_counter()
    for body in ("\\" * 10_000, "::" + "\\" * 10_000, "Q " + "\\" * 10_000 + "{=a"):
        report = imports.parse_gift(f"// source: nwe\n// quote: x\n{body}\n")
        assert [m for _, m in report.errors] == [
            "not a GIFT question of the form  Question text {=answer ~wrong}"
        ]
    assert time.perf_counter() - started < 1  # it took hours


def test_an_escaped_brace_and_backslash_stay_in_an_imported_gift_question():
    from app.services import imports

    report = imports.parse_gift("// source: nwe\n// quote: x\nWhat is \\{ and \\\\? {=a\\}b}\n")
    assert not report.errors
    assert (report.rows[0].prompt, report.rows[0].answer) == ("What is { and \\?", "a}b")


def test_an_overlong_gift_question_is_refused_with_its_line(app, lesson):
    client, teacher, lesson_id = lesson
    content = GIFT + "\n// source: nwe\n// quote: x\nWhy " + "x" * 30_000 + "? {=a}\n"
    page = _post(client, lesson_id, content=content, fmt="gift").get_data(as_text=True)
    assert "Line 9: this question is longer than 20,000 characters" in page


@pytest.mark.parametrize(
    "hidden", ["\x00", "\x07", "\x85", "\u202e", "\u2066"], ids=["nul", "bel", "c1", "rlo", "lri"]
)
def test_invisible_characters_in_an_imported_row_are_reported_on_its_line(app, lesson, hidden):
    client, teacher, lesson_id = lesson
    csv_text = GOOD.replace("Who was spared", f"Who{hidden} was spared")
    page = _post(client, lesson_id, file=csv_text.encode(), action="confirm")
    assert page.status_code == 400
    assert f"Line 3: remove the invisible character from the question (U+{ord(hidden):04X}" in (
        page.get_data(as_text=True)
    )
    gift = GIFT.replace("=Radek", f"=Ra{hidden}dek")
    page = _post(client, lesson_id, file=gift.encode(), fmt="gift", action="confirm")
    assert "Line 5: remove the invisible character from the answer" in page.get_data(as_text=True)
    assert _owned(app, teacher) == 0


def test_a_csv_field_over_128_kib_is_a_message_on_its_line(app, lesson):
    client, teacher, lesson_id = lesson
    content = GOOD + 'short,"' + "x" * 140_000 + '",a,,,nwe,q\n'
    page = _post(client, lesson_id, content=content)
    assert page.status_code == 400
    assert "Line 4: a field is longer than 128 KiB" in page.get_data(as_text=True)
    huge = _post(client, lesson_id, file=content.encode())
    assert huge.status_code == 400
    assert _owned(app, teacher) == 0


def test_gift_entities_are_read_as_the_characters_moodle_shows():
    from app.services import imports

    report = imports.parse_gift("// source: nwe\n// quote: x\nA &lt;b&gt; &amp; c? {=d &amp; e}\n")
    assert (report.rows[0].prompt, report.rows[0].answer) == ("A <b> & c?", "d & e")


def test_an_unquoted_comma_is_reported_on_its_line_not_cut_short(app, lesson):
    client, teacher, lesson_id = lesson
    content = (
        HEADER
        + "short,When was the second trial held?,January 1937,,,nwe,"
        + "The second trial occurred between January 23-30, 1937.\n"
    )
    response = _post(client, lesson_id, content=content, action="confirm")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Line 2: expected 7 columns, found 8" in page
    assert "inside double quotes" in page
    assert _owned(app, teacher) == 0


def test_a_5_mb_upload_gets_the_import_page_back_with_the_reason(app, lesson):
    client, teacher, lesson_id = lesson
    response = _post(client, lesson_id, file=b"x" * 5_000_000)
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "Import questions into" in page  # the page and its form, not a bare error
    assert 'name="content"' in page and "far larger than 200 KB" in page
    assert _owned(app, teacher) == 0
