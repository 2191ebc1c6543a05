"""The lesson editor: the bank's search, questions on any passage, the passage
picker and its JSON, reordering, accessible item buttons, own questions pinned
to a passage of the lesson."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Lesson, Question, Role, User
from app.services import teaching
from tests.conftest import csrf_token, post

TRIAL_DATES = "The second trial occurred between January 23-30, 1937."


@pytest.fixture()
def teacher(login_as):
    return login_as(Role.TEACHER)


@pytest.fixture()
def lesson_id(app, teacher):
    _, user = teacher
    with app.app_context():
        lesson = teaching.create_lesson(db.session, db.session.get(User, user.id), "L", "")
        db.session.commit()
        return lesson.id


def _items(app, lesson_id):
    with app.app_context():
        lesson = db.session.get(Lesson, lesson_id)
        return [
            (i.id, i.kind, list(i.question_ids))
            for i in sorted(lesson.items, key=lambda i: i.position)
        ]


def _json_post(client, url, data):
    return client.post(
        url,
        data={"csrf_token": csrf_token(client), **data},
        headers={"Accept": "application/json"},
    )


def test_the_bank_search_says_the_true_count_and_pages_through_it(app, teacher, lesson_id):
    client, _ = teacher
    url = f"/teach/lessons/{lesson_id}?q_source=nwe&q_topic=trial-1937"
    page = client.get(url).get_data(as_text=True)
    total = int(re.search(r"(\d+) questions found, page 1 of (\d+)", page).group(1))
    with app.app_context():
        expected = teaching.search_questions(
            db.session,
            db.session.scalars(select(User)).first(),
            teaching.QuestionFilter(source="nwe", topic="trial-1937"),
        ).total
    assert total == expected > 60  # it used to stop at 60 and say 60
    first = set(re.findall(r'name="question_id" value="([^"]+)"', page))
    second_page = client.get(url + "&q_page=2").get_data(as_text=True)
    second = set(re.findall(r'name="question_id" value="([^"]+)"', second_page))
    assert first and second and not first & second
    assert "Next questions" in page and "Previous questions" in second_page
    # the encyclopedia's second-trial questions are reachable with a source chosen
    every = set()
    for n in range(1, total // 50 + 2):
        every |= set(
            re.findall(
                r'name="question_id" value="([^"]+)"',
                client.get(url + f"&q_page={n}").get_data(as_text=True),
            )
        )
    assert "nwe-second-trial-dates:mcq" in every and len(every) == total
    # filters combine: a type as well
    typed = client.get(url + "&q_type=mcq").get_data(as_text=True)
    ids = re.findall(r'name="question_id" value="([^"]+)"', typed)
    assert ids and all(i.endswith(":mcq") for i in ids)


def test_search_results_and_the_editor_show_options_and_the_right_answer(app, teacher, lesson_id):
    client, _ = teacher
    with app.app_context():
        mcq = db.session.get(Question, "nwe-second-trial-dates:mcq").data
    page = client.get(
        f"/teach/lessons/{lesson_id}?q_text=second+Moscow+trial+held&q_type=mcq"
    ).get_data(as_text=True)
    assert f'✓ {mcq["answer"]}</strong> <span class="tag">right answer</span>' in page
    post(client, f"/teach/lessons/{lesson_id}/items/questions", {"question_id": mcq["id"]})
    editor = client.get(f"/teach/lessons/{lesson_id}").get_data(as_text=True)
    items = editor[editor.index('id="items"') : editor.index("Add to the lesson")]
    assert "right answer" in items
    assert all(option in items for option in mcq["options"])


def test_all_questions_on_passages_works_for_a_pasted_passage_one_per_fact(app, teacher, lesson_id):
    client, _ = teacher
    pasted = post(
        client,
        f"/teach/lessons/{lesson_id}/items/passage",
        {"passage-source_id": "nwe", "passage-quote": TRIAL_DATES},
    )
    assert pasted.status_code == 302
    response = post(client, f"/teach/lessons/{lesson_id}/items/questions", {"all_on_passages": "1"})
    assert response.status_code == 302
    items = _items(app, lesson_id)
    assert [k for _, k, _ in items] == ["passage", "questions"]
    added = items[1][2]
    with app.app_context():
        facts = [db.session.get(Question, q).fact_id for q in added]
    assert "nwe-second-trial-dates" in facts
    assert len(facts) == len(set(facts))  # one question per fact, not three versions
    # asked again, it adds the next questions of the same facts, when asked for two
    post(
        client,
        f"/teach/lessons/{lesson_id}/items/questions",
        {"all_on_passages": "1", "per_fact": "2"},
    )
    more = _items(app, lesson_id)[2][2]
    assert more and not set(more) & set(added)


def test_all_questions_on_passages_without_a_passage_says_what_to_do(app, teacher, lesson_id):
    client, _ = teacher
    response = post(
        client,
        f"/teach/lessons/{lesson_id}/items/questions",
        {"all_on_passages": "1"},
        follow_redirects=True,
    )
    assert "Add a passage first" in response.get_data(as_text=True)
    assert "curated facts first" not in response.get_data(as_text=True)


def test_the_passage_picker_finds_and_adds_without_a_page_load(app, teacher, lesson_id):
    client, _ = teacher
    found = client.get(
        f"/teach/lessons/{lesson_id}/passages?p_source=nwe&p_text=January+23-30",
        headers={"Accept": "application/json"},
    ).get_json()
    assert found["total"] >= 1
    fact = next(p for p in found["passages"] if p["fact_id"] == "nwe-second-trial-dates")
    assert fact["quote"] == TRIAL_DATES and fact["source"]
    # the same search without script: the page lists it with its own Add button
    page = client.get(f"/teach/lessons/{lesson_id}?p_source=nwe&p_text=January+23-30")
    assert 'value="nwe-second-trial-dates"' in page.get_data(as_text=True)
    added = _json_post(
        client, found["add_url"], {"lesson_id": str(lesson_id), "fact_id": fact["fact_id"]}
    )
    assert added.status_code == 200
    body = added.get_json()
    assert body["message"] == "Passage added." and body["count"] == 1
    assert TRIAL_DATES in body["items_html"]
    refused = _json_post(client, found["add_url"], {"lesson_id": str(lesson_id), "fact_id": "x"})
    assert refused.status_code == 400 and "Choose a passage" in refused.get_json()["error"]


def test_items_are_reordered_by_drag_and_moved_by_json(app, teacher, lesson_id):
    client, user = teacher
    with app.app_context():
        lesson = db.session.get(Lesson, lesson_id)
        a = teaching.add_text(db.session, lesson, "first")
        b = teaching.add_text(db.session, lesson, "second")
        c = teaching.add_text(db.session, lesson, "third")
        db.session.commit()
        a, b, c = a.id, b.id, c.id
    done = _json_post(client, f"/teach/lessons/{lesson_id}/items/order", {"order": f"{c},{a},{b}"})
    assert done.status_code == 200
    assert [i for i, _, _ in _items(app, lesson_id)] == [c, a, b]
    html = done.get_json()["items_html"]
    assert html.index("<p>third") < html.index("<p>first") < html.index("<p>second")
    partial = _json_post(client, f"/teach/lessons/{lesson_id}/items/order", {"order": f"{a}"})
    assert partial.status_code == 400 and "reload" in partial.get_json()["error"]
    moved = _json_post(client, f"/teach/lessons/{lesson_id}/items/{a}/up", {})
    assert moved.get_json()["message"] == "Item moved up."
    assert [i for i, _, _ in _items(app, lesson_id)] == [a, c, b]
    # without script the same form moves it and the page comes back
    assert post(client, f"/teach/lessons/{lesson_id}/items/{a}/down").status_code == 302


def test_move_and_remove_buttons_name_their_own_item(app, teacher, lesson_id):
    client, _ = teacher
    with app.app_context():
        lesson = db.session.get(Lesson, lesson_id)
        for text in ("one", "two", "three"):
            teaching.add_text(db.session, lesson, text)
        db.session.commit()
    page = client.get(f"/teach/lessons/{lesson_id}").get_data(as_text=True)
    names = re.findall(
        r'(Move up|Move down|Remove)<span class="visually-hidden"> item (\d)</span>', page
    )
    assert names == [
        ("Move down", "1"),
        ("Remove", "1"),
        ("Move up", "2"),
        ("Move down", "2"),
        ("Remove", "2"),
        ("Move up", "3"),
        ("Remove", "3"),
    ]


def test_an_own_question_pins_one_of_the_lessons_passages(app, teacher, lesson_id):
    client, user = teacher
    with app.app_context():
        lesson = db.session.get(Lesson, lesson_id)
        item = teaching.add_passage(db.session, lesson, "nwe-second-trial-dates")
        db.session.commit()
        item_id = item.id
    page = client.get(f"/teach/lessons/{lesson_id}").get_data(as_text=True)
    assert f'<option value="{item_id}">Item 1: “The second trial occurred' in page
    form = {
        "own-kind": "short",
        "own-prompt": "When was the second Moscow trial held?",
        "own-answer": "January 1937",
        "own-passage_item": str(item_id),
    }
    assert post(client, f"/teach/lessons/{lesson_id}/items/own-question", form).status_code == 302
    with app.app_context():
        own = db.session.scalars(select(Question).where(Question.owner_id == user.id)).one()
        assert own.data["source"]["quote"] == TRIAL_DATES
    nothing = post(
        client,
        f"/teach/lessons/{lesson_id}/items/own-question",
        {**form, "own-passage_item": ""},
    )
    assert nothing.status_code == 400
    assert "paste the passage that proves the answer" in nothing.get_data(as_text=True)
    with app.app_context():
        count = select(func.count()).select_from(Question).where(Question.owner_id == user.id)
        assert db.session.scalar(count) == 1


def test_classes_are_renamed_warned_about_duplicate_names_and_deleted(
    app, teacher, make_user, make_course
):
    client, user = teacher
    created = post(client, "/teach/classes", {"name": "History 11C"}, follow_redirects=True)
    assert "another class" not in created.get_data(as_text=True)
    again = post(client, "/teach/classes", {"name": "history  11c"}, follow_redirects=True)
    assert "You have another class named" in again.get_data(as_text=True)
    with app.app_context():
        ids = sorted(
            c.id for c in teaching.classes_of_teacher(db.session, db.session.get(User, user.id))
        )
    renamed = post(
        client, f"/teach/classes/{ids[1]}/rename", {"name": "History 11D"}, follow_redirects=True
    )
    page = renamed.get_data(as_text=True)
    assert "now called “History 11D”" in page and "another class" not in page
    unconfirmed = post(client, f"/teach/classes/{ids[1]}/delete", follow_redirects=True)
    assert "Tick the box" in unconfirmed.get_data(as_text=True)
    assert post(client, f"/teach/classes/{ids[1]}/delete", {"confirm": "yes"}).status_code == 302
    with app.app_context():
        assert db.session.get(teaching.Classroom, ids[1]) is None
    # a class whose students have results is archived, not deleted
    student = make_user(Role.STUDENT)
    course = make_course(user, [student])
    kept = post(
        client,
        f"/teach/classes/{course.classroom}/delete",
        {"confirm": "yes"},
        follow_redirects=True,
    )
    assert "archived instead of deleted" in kept.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(teaching.Classroom, course.classroom).archived


def test_lessons_are_deleted_or_retired_and_copied_to_another_class(
    app, teacher, make_user, make_course
):
    client, user = teacher
    student = make_user(Role.STUDENT)
    course = make_course(user, [student])
    other = post(client, "/teach/classes", {"name": "History 12A"})
    other_id = int(other.headers["Location"].rsplit("/", 1)[1])
    copied = post(
        client, f"/teach/lessons/{course.lesson}/copy-to-class", {"classroom_id": str(other_id)}
    )
    copy_id = int(copied.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        copy = db.session.get(Lesson, copy_id)
        assert copy.status == "published" and copy.title.endswith("(History 12A)")
        assert [a.classroom_id for a in teaching.assignments_of_lesson(db.session, copy)] == [
            other_id
        ]
    page = client.get(f"/teach/classes/{course.classroom}").get_data(as_text=True)
    assert "confirm-remove" in page  # removing a student asks first
    retired = post(
        client, f"/teach/lessons/{course.lesson}/delete", {"confirm": "yes"}, follow_redirects=True
    )
    assert "taken back to draft instead" in retired.get_data(as_text=True)
    assert post(client, f"/teach/lessons/{copy_id}/delete", {"confirm": "yes"}).status_code == 302
    with app.app_context():
        assert db.session.get(Lesson, copy_id) is None
        assert db.session.get(Lesson, course.lesson).status == "draft"


def test_the_gradebook_shows_due_dates_in_the_teachers_local_time(
    app, teacher, make_user, make_course
):
    client, user = teacher
    course = make_course(user, [make_user(Role.STUDENT)])
    with app.app_context():
        assignment = db.session.get(teaching.Assignment, course.assignment)
        assignment.due_at = __import__("app").clock.now() + __import__("datetime").timedelta(days=3)
        db.session.commit()
    page = client.get(f"/teach/classes/{course.classroom}").get_data(as_text=True)
    assert re.search(r'due <time class="local-time" datetime="[^"]+">', page)


def test_an_own_question_goes_through_the_banks_quality_gate(app, teacher, lesson_id):
    client, user = teacher
    form = {
        "own-kind": "short",
        "own-prompt": "when was it",
        "own-answer": "January 1937",
        "own-source_id": "nwe",
        "own-quote": TRIAL_DATES,
    }
    refused = post(client, f"/teach/lessons/{lesson_id}/items/own-question", form)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "does not pass the bank&#39;s quality check" in page
    assert "capital" in page  # the gate's own reason
    assert "when was it" in page  # nothing typed is lost
    with app.app_context():
        count = select(func.count()).select_from(Question).where(Question.owner_id == user.id)
        assert db.session.scalar(count) == 0


def test_the_same_passage_is_not_added_to_a_lesson_twice(app, teacher, lesson_id):
    client, _ = teacher
    fields = {"passage-source_id": "nwe", "passage-quote": TRIAL_DATES}
    assert post(client, f"/teach/lessons/{lesson_id}/items/passage", fields).status_code == 302
    again = post(client, f"/teach/lessons/{lesson_id}/items/passage", fields)
    assert again.status_code == 400
    assert "That passage is in the lesson already." in again.get_data(as_text=True)
    assert [k for _, k, _ in _items(app, lesson_id)] == ["passage"]
