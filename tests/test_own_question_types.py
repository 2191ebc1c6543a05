"""A teacher's own questions of every type the bank has, written in the lesson
editor: stored in the bank's shape, graded by the bank's code, refused by the
bank's gate with its reason and nothing typed lost, edited as new versions;
and the bank search narrowed by importance."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from app import clock
from app.extensions import db
from app.models import Lesson, Question, Role, User
from app.services import quiz as quizzes
from app.services import teaching
from app.services.question_types import app_type
from app.services.teaching.versions import QuestionEdit, edit_question
from tests.conftest import post

OWN = {
    "true_false": {
        "own-prompt": "The second Moscow trial was held in January 1937.",
        "own-truth": "true",
    },
    "cloze": {
        "own-prompt": "The second Moscow trial was held in [[January 1937]] before the court.",
        "own-accepted": "Jan 1937",
    },
    "ordering": {
        "own-items": "\n".join(
            [
                "Sergei Kirov was assassinated in Leningrad.",
                "Zinoviev and Kamenev were tried in the first Moscow trial.",
                "Pyatakov and Radek were tried in the second Moscow trial.",
                "Bukharin and Rykov were tried in the third Moscow trial.",
            ]
        ),
    },
    "matching": {
        "own-pairs": "\n".join(
            [
                "Who was the chief prosecutor of the Moscow trials? → Vyshinsky",
                "Who was the main defendant of the third trial? -> Bukharin",
                "Who was tried with Kamenev in the first trial? | Zinoviev",
            ]
        ),
        "own-pair_kind": "person",
    },
}


@pytest.fixture()
def teacher(login_as):
    return login_as(Role.TEACHER)


@pytest.fixture()
def lesson(app, teacher):
    """(lesson id, id of its one passage item: the second trial's dates)."""
    _, user = teacher
    with app.app_context():
        lesson = teaching.create_lesson(db.session, db.session.get(User, user.id), "L", "")
        item = teaching.add_passage(db.session, lesson, "nwe-second-trial-dates")
        db.session.commit()
        return lesson.id, item.id


def _write(client, lesson, kind, **fields):
    lesson_id, item_id = lesson
    form = {"own-kind": kind, "own-passage_item": str(item_id), **OWN.get(kind, {}), **fields}
    return post(client, f"/teach/lessons/{lesson_id}/items/own-question", form)


def _own(user_id):
    return db.session.scalars(select(Question).where(Question.owner_id == user_id)).all()


def _bank_question(kind):
    return db.session.scalars(
        select(Question)
        .where(Question.type == kind, Question.owner_id.is_(None))
        .order_by(Question.id)
    ).first()


def _answered(student, question, response):
    """Grade `response` as the quiz page reads it from the posted form."""
    attempt = quizzes.start_attempt(
        db.session,
        student,
        quizzes.Scope("lesson", "1", "L"),
        1,
        [question.type],
        "each",
        None,
        random.Random(2),
        clock.now(),
        question_ids=[question.id],
    )
    slot = attempt.answers[0]
    handler = app_type(question.type)
    form = MultiDict(handler.values(slot.display, response))
    parsed = handler.parse(slot.question_data, slot.display, form, 300)
    answered = quizzes.answer_question(
        db.session, student, attempt, slot, question.id, parsed, clock.now()
    )
    return answered.correct


RIGHT_AND_WRONG = {
    "true_false": ("True", "False"),
    "cloze": ("jan 1937", "May 1938"),
    "ordering": (
        OWN["ordering"]["own-items"].splitlines(),
        list(reversed(OWN["ordering"]["own-items"].splitlines())),
    ),
    "matching": (["Vyshinsky", "Bukharin", "Zinoviev"], ["Bukharin", "Vyshinsky", "Zinoviev"]),
}


@pytest.mark.parametrize("kind", list(OWN))
def test_an_own_question_of_each_type_is_stored_in_the_banks_shape_and_graded(
    app, teacher, lesson, make_user, kind
):
    client, user = teacher
    response = _write(client, lesson, kind)
    assert response.status_code == 302, response.get_data(as_text=True)
    student = make_user(Role.STUDENT)
    with app.app_context():
        (own,) = _own(user.id)
        bank = _bank_question(kind)
        assert own.type == kind
        assert set(own.data) == set(bank.data)
        for key, value in bank.data.items():
            assert type(own.data[key]) is type(value), key
        assert (
            own.data["source"]["quote"] == "The second trial occurred between January 23-30, 1937."
        )
        lesson_row = db.session.get(Lesson, lesson[0])
        assert any(own.id in item.question_ids for item in lesson_row.items)
        if kind == "true_false":
            assert own.data["options"] == ["True", "False"] and own.data["answer"] == "True"
        if kind == "cloze":
            assert "_____" in own.data["prompt"] and "[[" not in own.data["prompt"]
            assert own.data["accepted"] == ["January 1937", "Jan 1937"]
        if kind == "ordering":
            assert own.data["items"] == OWN["ordering"]["own-items"].splitlines()
        if kind == "matching":
            assert [right for _, right in own.data["pairs"]] == [
                "Vyshinsky",
                "Bukharin",
                "Zinoviev",
            ]
        right, wrong = RIGHT_AND_WRONG[kind]
        taker = db.session.get(User, student.id)
        assert _answered(taker, own, right) is True
        assert _answered(taker, own, wrong) is False


def test_a_false_statement_of_the_teachers_own_passes_and_is_graded(
    app, teacher, lesson, make_user
):
    client, user = teacher
    statement = "The second Moscow trial was held in May 1938."
    response = _write(
        client, lesson, "true_false", **{"own-prompt": statement, "own-truth": "false"}
    )
    assert response.status_code == 302
    student = make_user(Role.STUDENT)
    with app.app_context():
        (own,) = _own(user.id)
        assert own.data["answer"] == "False"
        assert "January 23-30, 1937" in own.data["explanation"]
        taker = db.session.get(User, student.id)
        assert _answered(taker, own, "False") is True
        assert _answered(taker, own, "True") is False


def test_a_refused_question_shows_the_gates_reason_and_keeps_what_was_typed(app, teacher, lesson):
    client, user = teacher
    items = OWN["ordering"]["own-items"].replace("Leningrad.", "Leningrad in 1934.")
    refused = _write(client, lesson, "ordering", **{"own-items": items})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "does not pass the bank&#39;s quality check" in page
    assert "gives its year away" in page
    assert "Sergei Kirov was assassinated in Leningrad in 1934." in page
    assert 'id="own-items-error"' in page  # shown next to the events
    with app.app_context():
        assert _own(user.id) == []


@pytest.mark.parametrize(
    ("kind", "fields", "field", "message"),
    [
        ("true_false", {"own-truth": ""}, "truth", "Say whether the statement is true or false"),
        ("cloze", {"own-prompt": "The trial was held then."}, "prompt", "Mark the gap"),
        ("ordering", {"own-items": "One event happened here.\nAnother"}, "items", "3 to 6"),
        ("matching", {"own-pair_kind": ""}, "pair_kind", "people, dates or places"),
        ("matching", {"own-pairs": "Who prosecuted?"}, "pairs", "Line 1 needs"),
    ],
)
def test_each_types_missing_part_is_named_at_its_field(
    app, teacher, lesson, kind, fields, field, message
):
    client, user = teacher
    refused = _write(client, lesson, kind, **fields)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    error = page.split(f'id="own-{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    with app.app_context():
        assert _own(user.id) == []


def test_an_own_ordering_question_is_edited_as_a_new_version(app, teacher, lesson):
    client, user = teacher
    assert _write(client, lesson, "ordering").status_code == 302
    with app.app_context():
        (own,) = _own(user.id)
        items = list(own.data["items"])
        number = edit_question(
            db.session,
            db.session.get(User, user.id),
            own,
            QuestionEdit("Put these trials in order, earliest first.", own.data["explanation"]),
            "clearer",
            own.version,
            clock.now(),
        )
        db.session.commit()
        edited = db.session.get(Question, own.id)
        assert number == 2 and edited.version == 2
        assert edited.data["prompt"] == "Put these trials in order, earliest first."
        assert edited.data["items"] == items and set(edited.data) == set(own.data)


def test_the_importance_filter_narrows_the_search_and_each_result_shows_it(app, teacher, lesson):
    client, user = teacher
    lesson_id, _ = lesson
    with app.app_context():
        acting = db.session.get(User, user.id)
        everything = teaching.search_questions(
            db.session, acting, teaching.QuestionFilter(source="nwe")
        ).total
        core = teaching.search_questions(
            db.session, acting, teaching.QuestionFilter(source="nwe", importance="core")
        )
        core_mcq = teaching.search_questions(
            db.session,
            acting,
            teaching.QuestionFilter(source="nwe", importance="core", type="mcq"),
        )
        wanted = (
            select(func.count())
            .select_from(Question)
            .where(
                Question.importance == "core",
                Question.type == "mcq",
                ~Question.retired,
                Question.owner_id.is_(None),
                Question.source_id == "nwe",
            )
        )
        assert 0 < core_mcq.total < core.total < everything
        assert all(q.importance == "core" for q in core.questions)
        assert core_mcq.total == db.session.scalar(wanted)
    page = client.get(f"/teach/lessons/{lesson_id}?q_source=nwe&q_importance=detail").get_data(
        as_text=True
    )
    assert '<option value="detail" selected>Detail</option>' in page
    picked = page.split('class="question-pick"', 1)[1].split("</ul>", 1)[0]
    shown = picked.count('name="question_id"')
    assert picked.count('<span class="tag">Detail</span>') == shown > 0
    assert '<span class="tag">Core</span>' not in picked
