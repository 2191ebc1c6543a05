"""Exports: Anki (imported into a real Anki collection), Moodle XML and GIFT
round trips, a student's own history and data, printable worksheets."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import time
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import Fact, Question, Role, User
from app.services import cards
from tests.conftest import csrf_token


@pytest.fixture()
def student(login_as):
    return login_as(Role.STUDENT)


def _import(collection_path, apkg_path, update="IF_NEWER"):
    anki_collection = pytest.importorskip("anki.collection")
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as Condition

    col = anki_collection.Collection(str(collection_path))
    try:
        options = anki_collection.ImportAnkiPackageOptions(
            update_notes=getattr(Condition, f"IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_{update}"),
            update_notetypes=getattr(Condition, f"IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_{update}"),
            with_scheduling=False,
        )
        col.import_anki_package(
            anki_collection.ImportAnkiPackageRequest(package_path=str(apkg_path), options=options)
        )
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        return {
            "notes": len(notes),
            "cards": col.card_count(),
            "fields": [dict(n.items()) for n in notes],
        }
    finally:
        col.close()


def test_anki_deck_imports_into_real_anki_and_a_second_import_updates(app, student, tmp_path):
    client, _ = student
    response = client.get("/export/anki?deck=topic:trial-1937")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    apkg = tmp_path / "deck.apkg"
    apkg.write_bytes(response.data)
    with app.app_context():
        deck = cards.parse_deck(db.session, "topic:trial-1937")
        facts = [db.session.get(Fact, e.id) for e in cards.deck_facts(db.session, deck)]
    with_cloze = sum(
        1
        for f in facts
        if any(a.casefold() in f.quote.casefold() for a in [f.answer, *f.accepted] if a)
    )
    first = _import(tmp_path / "collection.anki2", apkg)
    assert first["notes"] == len(facts) + with_cloze
    assert first["cards"] == first["notes"]  # one card per basic note, one cloze each
    basic = [f for f in first["fields"] if "Front" in f]
    sample = next(f for f in basic if "January 23-30, 1937" in f["Back"])
    assert "second trial occurred" in sample["Quote"]
    assert "Moscow trials" in sample["Source"]
    assert "/sources/nwe?passage=nwe-second-trial-dates#passage" in sample["Link"]
    cloze = [f for f in first["fields"] if "Text" in f]
    assert any("{{c1::" in f["Text"] for f in cloze)

    # the teacher fixes a question's wording; the re-exported deck updates the note
    with app.app_context():
        fact = db.session.get(Fact, "nwe-second-trial-dates")
        original = fact.question
        fact.question = "In which days of January 1937 was the second trial held?"
        db.session.commit()
    time.sleep(1.1)  # Anki compares modification times in whole seconds
    try:
        apkg2 = tmp_path / "deck2.apkg"
        apkg2.write_bytes(client.get("/export/anki?deck=topic:trial-1937").data)
        second = _import(tmp_path / "collection.anki2", apkg2, update="ALWAYS")
    finally:
        with app.app_context():
            db.session.get(Fact, "nwe-second-trial-dates").question = original
            db.session.commit()
    assert second["notes"] == first["notes"]  # updated, not duplicated
    fronts = [f["Front"] for f in second["fields"] if "Front" in f]
    assert "In which days of January 1937 was the second trial held?" in fronts


def test_my_cards_deck_holds_only_what_the_student_studied(app, student, tmp_path):
    client, user = student
    with app.app_context():
        acting = db.session.get(User, user.id)
        cards.grade(db.session, acting, "nwe-second-trial-dates", 3, 0, None, 1, clock.now())
        db.session.commit()
    apkg = tmp_path / "mine.apkg"
    apkg.write_bytes(client.get("/export/anki?deck=mine:").data)
    result = _import(tmp_path / "c.anki2", apkg)
    assert result["notes"] == 2  # the basic note and its cloze


def _import_with_schedule(collection_path, apkg_path):
    """Import into a real Anki collection with its scheduling; per fact (from the
    note's link) its cards as (type, queue, days until due, interval, reps, lapses)."""
    anki_collection = pytest.importorskip("anki.collection")
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as Condition

    col = anki_collection.Collection(str(collection_path))
    try:
        never = Condition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_NEVER
        options = anki_collection.ImportAnkiPackageOptions(
            update_notes=never, update_notetypes=never, with_scheduling=True
        )
        col.import_anki_package(
            anki_collection.ImportAnkiPackageRequest(package_path=str(apkg_path), options=options)
        )
        today = col.sched.today
        found: dict[str, list[tuple[int, int, int, int, int, int]]] = {}
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            fact_id = re.search(r"passage=([\w-]+)", note["Link"]).group(1)
            for card in note.cards():
                days = card.due - today if card.type == 2 else card.due
                found.setdefault(fact_id, []).append(
                    (card.type, card.queue, days, card.ivl, card.reps, card.lapses)
                )
        return found
    finally:
        col.close()


def test_anki_deck_can_keep_the_students_review_schedule(app, student, tmp_path):
    """A studied card arrives in Anki as a review due on the same day as here,
    with its interval, reps and lapses; an unstudied one is new; and without
    the option every card is new."""
    from datetime import timedelta

    from app.models import MemoryState

    client, user = student
    studied = "nwe-second-trial-dates"
    now = clock.now()
    with app.app_context():
        acting = db.session.get(User, user.id)
        cards.grade(db.session, acting, studied, 3, 0, None, 1, now)
        state = db.session.scalars(
            select(MemoryState).where(
                MemoryState.user_id == user.id, MemoryState.fact_id == studied
            )
        ).one()
        state.state = 2  # a review card: last seen 3 days ago, due in 5 days
        state.last_review = now - timedelta(days=3)
        state.due = now + timedelta(days=5)
        state.reps, state.lapses = 4, 1
        db.session.commit()
    page = client.get("/cards/").get_data(as_text=True)
    assert 'name="schedule"' in page and "Keep my review schedule" in page

    apkg = tmp_path / "kept.apkg"
    apkg.write_bytes(client.get("/export/anki?deck=topic:trial-1937&schedule=1").data)
    kept = _import_with_schedule(tmp_path / "kept.anki2", apkg)
    assert kept[studied] and all(card == (2, 2, 5, 8, 4, 1) for card in kept[studied])
    others = [c for fid, cs in kept.items() if fid != studied for c in cs]
    assert others and all(c[0] == 0 and c[1] == 0 for c in others)  # new

    plain = tmp_path / "plain.apkg"
    plain.write_bytes(client.get("/export/anki?deck=topic:trial-1937").data)
    fresh = _import_with_schedule(tmp_path / "plain.anki2", plain)
    assert all(card[0] == 0 for card in fresh[studied])


def _lesson_with_every_type(app, make_user, make_course):
    teacher = make_user(Role.TEACHER)
    course = make_course(teacher, [])
    from app.models import Lesson, LessonItem

    with app.app_context():
        ids = []
        for kind in (
            "mcq",
            "true_false",
            "short",
            "cloze",
            "matching",
            "attribution",
            "dispute",
            "ordering",
        ):
            ids.append(
                db.session.scalars(
                    select(Question.id).where(Question.type == kind).order_by(Question.id)
                ).first()
            )
        ids.append("nwe-second-trial-dates:mcq")
        lesson = db.session.get(Lesson, course.lesson)
        lesson.items.append(LessonItem(kind="questions", position=10, question_ids=ids))
        db.session.commit()
    from tests.conftest import login

    client = app.test_client()
    login(client, teacher.username)
    return client, course, ids


def test_moodle_xml_round_trips_every_answer(app, make_user, make_course):
    client, course, ids = _lesson_with_every_type(app, make_user, make_course)
    response = client.get(f"/export/moodle.xml?lesson={course.lesson}")
    assert response.status_code == 200
    root = ET.fromstring(response.data)  # noqa: S314  (our own export, parsed in a test)
    exported = {
        q.findtext("idnumber"): q for q in root.findall("question") if q.get("type") != "category"
    }
    with app.app_context():
        data = {
            q.id: q.data
            for q in db.session.scalars(select(Question).where(Question.id.in_(list(exported))))
        }
    assert len(exported) >= 8
    assert "order:" not in " ".join(exported)  # Moodle has no core ordering type
    for qid, q in exported.items():
        d = data[qid]
        feedback = q.findtext("generalfeedback/text")
        assert "#passage" in feedback and "<blockquote>" in feedback
        kind = q.get("type")
        if kind == "multichoice":
            right = [a.findtext("text") for a in q.findall("answer") if a.get("fraction") == "100"]
            assert len(right) == 1
            assert right[0] == str(__import__("markupsafe").escape(d["answer"]))
        elif kind == "truefalse":
            right = [a.findtext("text") for a in q.findall("answer") if a.get("fraction") == "100"]
            assert right == [d["answer"].lower()]
        elif kind == "shortanswer":
            assert {a.findtext("text") for a in q.findall("answer")} == {
                html.escape(a, quote=False) for a in [d["answer"], *d["accepted"]]
            }
        elif kind == "matching":
            pairs = [
                (s.findtext("text"), s.findtext("answer/text")) for s in q.findall("subquestion")
            ]
            assert [
                (str(__import__("markupsafe").escape(left)), html.escape(right, quote=False))
                for left, right in d["pairs"]
            ] == pairs
        elif kind == "cloze":
            text = q.findtext("questiontext/text")
            assert "{1:SHORTANSWER:%100%" in text
            embedded = re.search(r"\{1:SHORTANSWER:(.*)\}", text).group(1)
            answers = [
                re.sub(r"\\(.)", r"\1", a[len("%100%") :]) for a in re.split(r"(?<!\\)~", embedded)
            ]
            assert d["answer"] in answers


def _parse_gift(text):
    """A small GIFT reader for the round trip: id, prompt and answers."""
    questions = {}
    for block in text.strip().split("\n\n"):
        m = re.match(r"::((?:\\.|[^:])*)::(.*?)\s\{(.*)\}\s*$", block, re.S)
        assert m, block
        unescape = lambda s: html.unescape(re.sub(r"\\(.)", r"\1", s))  # noqa: E731
        body = re.split(r"(?<!\\)####", m.group(3))[0].strip()
        answers = [a for a in re.split(r"\s(?=[=~])", " " + body) if a.strip()]
        questions[unescape(m.group(1))] = {
            "prompt": unescape(m.group(2)),
            "right": [unescape(a.strip()[1:]) for a in answers if a.strip().startswith("=")],
            "wrong": [unescape(a.strip()[1:]) for a in answers if a.strip().startswith("~")],
            "raw": body,
        }
    return questions


def test_gift_round_trips_every_answer_with_special_characters_escaped(app, make_user, make_course):
    client, course, ids = _lesson_with_every_type(app, make_user, make_course)
    text = client.get(f"/export/questions.gift?lesson={course.lesson}").get_data(as_text=True)
    parsed = _parse_gift(text)
    assert len(parsed) >= 8
    with app.app_context():
        data = {
            q.id: q.data
            for q in db.session.scalars(select(Question).where(Question.id.in_(list(parsed))))
        }
    for qid, q in parsed.items():
        d = data[qid]
        assert q["prompt"] == d["prompt"].replace("\n", " ")
        if d["type"] in ("mcq", "attribution", "dispute"):
            assert q["right"] == [d["answer"]]
            assert sorted(q["wrong"]) == sorted(o for o in d["options"] if o != d["answer"])
        elif d["type"] == "true_false":
            assert q["raw"] == ("T" if d["answer"] == "True" else "F")
        elif d["type"] in ("short", "cloze"):
            assert q["right"] == list(dict.fromkeys([d["answer"], *d["accepted"]]))
        elif d["type"] == "matching":
            assert q["right"] == [f"{left} -> {right}" for left, right in d["pairs"]]
    assert "####" in text and "#passage" in text


MARKUP = '<img src=x onerror="alert(1)">'


def _lesson_with_markup(app, make_user, make_course):
    """A lesson whose questions carry markup in every text: a teacher's own
    multiple-choice and short-answer questions, and a matching and a cloze
    question whose answers came from a teacher's curated facts."""
    from app.models import Lesson, LessonItem
    from app.services import teaching

    teacher = make_user(Role.TEACHER)
    course = make_course(teacher, [])
    quote = "The second trial occurred between January 23-30, 1937."
    with app.app_context():
        acting = db.session.get(User, teacher.id)
        lesson = db.session.get(Lesson, course.lesson)
        own = [
            teaching.write_question(
                db.session,
                acting,
                lesson,
                kind,
                f"Which {MARKUP} trial <b>x</b>?",
                f"1937 {MARKUP}",
                [f"<i>1937</i> & {MARKUP}"],
                [f"1936 {MARKUP}", "<script>alert(2)</script>"] if kind == "mcq" else [],
                "nwe",
                quote,
            ).id
            for kind in ("mcq", "short")
        ]
        ids = []
        for kind in ("matching", "cloze"):
            question = db.session.scalars(
                select(Question).where(Question.type == kind).order_by(Question.id)
            ).first()
            data = dict(question.data)
            if kind == "matching":
                data["pairs"] = [[left, f"{right} {MARKUP}"] for left, right in data["pairs"]]
            else:
                # stored before control characters were refused on every input
                data["accepted"] = [*data["accepted"], f"x {MARKUP}", "bell\x07 and \x1b"]
            question.data = data
            ids.append(question.id)
        lesson.items.append(LessonItem(kind="questions", position=10, question_ids=ids))
        db.session.commit()
    from tests.conftest import login

    client = app.test_client()
    login(client, teacher.username)
    return client, course, [*own, *ids]


def test_markup_in_a_teachers_text_stays_inert_in_moodle_xml_and_gift(app, make_user, make_course):
    """Short-answer, cloze and matching answers went into Moodle unescaped, and
    GIFT escaped only its own syntax: the markup would have run in Moodle. A
    control character stored earlier made the XML unreadable."""
    client, course, ids = _lesson_with_markup(app, make_user, make_course)
    xml = client.get(f"/export/moodle.xml?lesson={course.lesson}").data
    root = ET.fromstring(xml)  # noqa: S314  (our own export, parsed in a test)
    texts = [t.text or "" for t in root.iter("text")]
    assert not any(MARKUP in t for t in texts)
    assert sum("&lt;img src=x onerror=" in t for t in texts) >= 6
    assert not any("<script>" in t or "<i>" in t or "<b>" in t for t in texts)
    gift = client.get(f"/export/questions.gift?lesson={course.lesson}").get_data(as_text=True)
    assert "<img" not in gift and "<script>" not in gift and "<i>" not in gift
    assert gift.count('&lt;img src\\=x onerror\\="alert(1)"&gt;') >= 6
    parsed = _parse_gift(gift)
    assert parsed[ids[1]]["right"] == [f"1937 {MARKUP}", f"<i>1937</i> & {MARKUP}"]


def test_teachers_only_for_question_exports_and_lessons_stay_private(
    app, make_user, make_course, login_as
):
    _, course, _ = _lesson_with_every_type(app, make_user, make_course)
    student_client, _ = login_as(Role.STUDENT)
    assert student_client.get("/export/moodle.xml").status_code == 403
    other_teacher, _ = login_as(Role.TEACHER)
    assert other_teacher.get(f"/export/moodle.xml?lesson={course.lesson}").status_code == 404
    bank = other_teacher.get("/export/questions.gift?topic=trial-1938")
    assert bank.status_code == 200 and "::nwe-" in bank.get_data(as_text=True)


def test_history_csv_and_personal_data_json(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, ["nwe-second-trial-dates:short"])
    client.post(
        f"/quiz/{attempt.id}/q/1",
        data={
            "csrf_token": csrf_token(client),
            "question_id": "nwe-second-trial-dates:short",
            "answer": "=1+1",
        },
    )
    rows = list(csv.reader(io.StringIO(client.get("/account/history.csv").get_data(as_text=True))))
    assert rows[0][:4] == ["started", "quiz", "position", "question"]
    assert rows[1][4] == "'=1+1" and rows[1][5] == "no"  # formulas defused
    data = json.loads(client.get("/account/data.json").data)
    assert data["account"]["username"] == user.username
    assert data["quiz_attempts"][0]["answers"][0]["response"] == "=1+1"
    assert set(data) >= {"reviews", "memory_states", "study_settings", "classes"}


def test_worksheet_has_questions_then_an_answer_key_with_citations(app, make_user, make_course):
    client, course, _ = _lesson_with_every_type(app, make_user, make_course)
    page = client.get(f"/lessons/{course.lesson}/worksheet").get_data(as_text=True)
    assert page.index("Questions") < page.index("Answer key")
    key = page[page.index("Answer key") :]
    assert "/sources/nwe?passage=" in key and "January 23-30, 1937" in key
    assert "Moscow trials" in key


def test_export_links_use_the_configured_base_url_not_the_host_header(app, login_as):
    client, _ = login_as(Role.TEACHER)
    url = "/export/moodle.xml?topic=trial-1938"
    # a request whose Host header names another site (the session cookie with it)
    client.set_cookie("session", client.get_cookie("session").value, domain="evil.example")
    forged = {"base_url": "http://evil.example"}
    # without BASE_URL (a laptop), the address the page was opened at
    first = client.get(url, **forged).get_data(as_text=True)
    assert "http://evil.example/sources/" in first
    app.config["BASE_URL"] = "https://sourcebook.example/"
    for export in (url, "/export/questions.gift?topic=trial-1938"):
        body = client.get(export, **forged).get_data(as_text=True).replace("\\", "")
        assert "https://sourcebook.example/sources/" in body
        assert "evil.example" not in body


def test_anki_notes_are_tagged_by_source_and_topic(app, student, tmp_path):
    import sqlite3
    import zipfile

    client, _ = student
    apkg = tmp_path / "deck.apkg"
    apkg.write_bytes(client.get("/export/anki?deck=topic:trial-1937").data)
    with zipfile.ZipFile(apkg) as package:
        (tmp_path / "c.anki2").write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "c.anki2") as col:
        tags = [row[0].split() for row in col.execute("SELECT tags FROM notes")]
    assert tags and all("sourcebook" in t for t in tags)
    assert all("sourcebook::topic::trial-1937" in t for t in tags)
    assert any("sourcebook::source::nwe" in t for t in tags)


def test_history_csv_shows_a_matching_answer_as_pairs_in_words(app, student, start_quiz):
    client, user = student
    with app.app_context():
        qid = db.session.scalars(
            select(Question.id).where(Question.type == "matching").order_by(Question.id)
        ).first()
        data = db.session.get(Question, qid).data
    attempt = start_quiz(user, [qid], feedback_mode="end")
    page = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    options = re.findall(r'<option value="(\d+)"', page)
    assert options
    fields = {f"match-{i}": "0" for i in range(len(data["pairs"]))}
    client.post(
        f"/quiz/{attempt.id}/q/1",
        data={"csrf_token": csrf_token(client), "question_id": qid, **fields},
    )
    rows = list(csv.reader(io.StringIO(client.get("/account/history.csv").get_data(as_text=True))))
    given, right = rows[1][4], rows[1][6]
    assert "[" not in given and "→" in given and given.count(";") == len(data["pairs"]) - 1
    left, pair_right = data["pairs"][0]
    assert f"{left} → {pair_right}" in right


def test_moodle_names_are_readable_and_left_out_ordering_questions_are_named(
    app, make_user, make_course
):
    client, course, ids = _lesson_with_every_type(app, make_user, make_course)
    xml = client.get(f"/export/moodle.xml?lesson={course.lesson}").get_data(as_text=True)
    root = ET.fromstring(xml)  # noqa: S314  (our own export, parsed in a test)
    names = [
        q.findtext("name/text") for q in root.findall("question") if q.get("type") != "category"
    ]
    assert names[0].startswith("1. ") and names[0].endswith("(Multiple choice)")
    assert not any(name in ids for name in names)  # no internal id as a name
    assert "Left out, as Moodle has no such question type: 1 " in xml
    editor = client.get(f"/teach/lessons/{course.lesson}").get_data(as_text=True)
    assert "Not in the Moodle XML and GIFT files" in editor
    assert "1 chronological order" in editor.lower()


def test_a_worksheet_says_nothing_about_the_quiz_once_per_item(app, make_user, make_course):
    client, course, _ = _lesson_with_every_type(app, make_user, make_course)
    page = client.get(f"/lessons/{course.lesson}/worksheet").get_data(as_text=True)
    assert "for the quiz at the end" not in page
    assert page.count('class="lesson-item"') == 2  # the passage and the text


def test_a_review_due_before_four_in_the_morning_is_due_on_the_anki_day_before():
    """Anki's day starts at 4 a.m.: the export counts days as Anki does, so a deck
    exported at 1 a.m. keeps "due in 5 days" (the check above runs at any hour)."""
    from datetime import UTC, datetime

    from app.services.exports import anki_day

    created = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
    assert anki_day(datetime(2026, 12, 6, 12, 0, tzinfo=UTC), created) == 5
    assert anki_day(datetime(2026, 12, 6, 1, 40, tzinfo=UTC), created) == 4
    assert anki_day(datetime(2026, 12, 6, 4, 0, tzinfo=UTC), created) == 5
