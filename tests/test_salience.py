"""Salience: quizzes, new flashcards and lesson suggestions draw on core and
supporting facts; details come in when asked for, or to fill a narrow scope."""

from __future__ import annotations

import random
import re
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

import question_bank as qb
from app import clock
from app.extensions import db
from app.models import Fact, Question, QuestionTag, Role, StudySettings, User
from app.services import cards, teaching
from app.services import quiz as quizzes
from tests.conftest import csrf_token

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
WIDE_TOPIC = "topic:trial-generals"  # many core and supporting questions, some details


@pytest.fixture()
def student(login_as):
    return login_as(Role.STUDENT)


def _user(user):
    return db.session.get(User, user.id)


def _levels(question_ids):
    rows = db.session.execute(
        select(Question.id, Question.importance).where(Question.id.in_(question_ids))
    )
    return dict(rows.all())


def _start(user, scope, count, include_details=False, seed=7):
    attempt = quizzes.start_attempt(
        db.session,
        _user(user),
        quizzes.parse_scope(db.session, scope),
        count,
        list(quizzes.QUESTION_TYPES),
        "each",
        None,
        random.Random(seed),
        clock.now(),
        include_details=include_details,
    )
    db.session.commit()
    return [a.question_id for a in attempt.answers]


@contextmanager
def _narrowed_person(main=2):
    """A person of the bank made narrow for one test: `main` of their questions
    stay core or supporting and the rest become details; the levels are put back
    afterwards (the bank is shared by the whole test session)."""
    kind, value = db.session.execute(
        select(QuestionTag.kind, QuestionTag.value)
        .join(Question)
        .where(~Question.retired, QuestionTag.kind == "person")
        .group_by(QuestionTag.kind, QuestionTag.value)
        .having(func.count() >= 2 * quizzes.MIN_QUESTIONS)
        .order_by(QuestionTag.value)
    ).first()
    questions = db.session.scalars(
        select(Question)
        .join(QuestionTag)
        .where(~Question.retired, QuestionTag.kind == kind, QuestionTag.value == value)
        .order_by(Question.id)
    ).all()
    before = {q.id: q.importance for q in questions}
    for i, question in enumerate(questions):
        question.importance = "supporting" if i < main else "detail"
    db.session.commit()
    try:
        yield f"{kind}:{value}", main
    finally:
        for question in questions:
            question.importance = before[question.id]
        db.session.commit()


def test_the_bank_load_stores_each_question_and_facts_importance(app):
    bank = qb.default_bank()
    with app.app_context():
        stored = dict(db.session.execute(select(Question.id, Question.importance)).all())
        facts = dict(db.session.execute(select(Fact.id, Fact.importance)).all())
    assert {q.id: q.importance for q in bank.questions} == {
        q.id: stored[q.id] for q in bank.questions
    }
    assert all(facts[f.id] == f.importance for f in bank.base.facts.values())
    assert {"core", "supporting", "detail"} <= set(stored.values())


def test_a_teachers_own_question_is_supporting(app, login_as):
    _, teacher = login_as(Role.TEACHER)
    with app.app_context():
        lesson = teaching.create_lesson(db.session, _user(teacher), "L", "")
        question = teaching.write_question(
            db.session,
            _user(teacher),
            lesson,
            "short",
            "When was the second trial?",
            "January 1937",
            [],
            [],
            "nwe",
            "The second trial occurred between January 23-30, 1937.",
        )
        db.session.commit()
        assert question.importance == "supporting"
        assert db.session.get(Fact, question.fact_id).importance == "supporting"


def test_a_default_quiz_over_a_topic_holds_no_detail(app, student):
    _, user = student
    with app.app_context():
        for seed in range(3):
            chosen = _start(user, WIDE_TOPIC, quizzes.MAX_QUESTIONS, seed=seed)
            assert len(chosen) == quizzes.MAX_QUESTIONS
            assert "detail" not in _levels(chosen).values()


def test_asking_for_everything_can_draw_details(app, student):
    _, user = student
    with app.app_context():
        chosen = _start(user, WIDE_TOPIC, quizzes.MAX_QUESTIONS, include_details=True)
        assert "detail" in _levels(chosen).values()


def test_a_narrow_scope_is_filled_up_with_details_after_all_the_others(app, student):
    _, user = student
    with app.app_context():
        with _narrowed_person() as (scope, main):
            chosen = _start(user, scope, quizzes.MIN_QUESTIONS)
            levels = _levels(chosen)
        assert len(chosen) == quizzes.MIN_QUESTIONS
        assert sum(v != "detail" for v in levels.values()) == main  # every one of them
        assert sum(v == "detail" for v in levels.values()) == quizzes.MIN_QUESTIONS - main


def test_mistakes_are_practised_whatever_their_importance(app, student):
    _, user = student
    with app.app_context():
        detail_id = db.session.scalar(
            select(Question.id)
            .where(Question.importance == "detail", Question.type == "short", ~Question.retired)
            .order_by(Question.id)
        )
        ids = _start_chosen(user, [detail_id])
        attempt_answer = db.session.scalars(
            select(quizzes.AttemptAnswer).where(quizzes.AttemptAnswer.question_id == ids[0])
        ).one()
        quizzes.answer_question(
            db.session,
            _user(user),
            attempt_answer.attempt,
            attempt_answer,
            detail_id,
            "certainly not this",
            clock.now(),
        )
        db.session.commit()
        assert _levels(_start(user, "mistakes:", quizzes.MIN_QUESTIONS)) == {detail_id: "detail"}


def _start_chosen(user, question_ids):
    attempt = quizzes.start_attempt(
        db.session,
        _user(user),
        quizzes.Scope("questions", ",".join(question_ids), "Chosen"),
        len(question_ids),
        list(quizzes.QUESTION_TYPES),
        "each",
        None,
        random.Random(1),
        clock.now(),
        question_ids=question_ids,
    )
    db.session.commit()
    return [a.question_id for a in attempt.answers]


def _details_box(page):
    """The "Include details" checkbox's tag."""
    match = re.search(r'<input[^>]*name="include_details"[^>]*>', page)
    assert match, "no Include details checkbox"
    return match.group(0)


def test_the_start_page_says_what_a_choice_covers_and_remembers_details(app, student):
    client, user = student
    with app.app_context():
        main, everything = quizzes.scope_counts(
            db.session,
            _user(user),
            quizzes.parse_scope(db.session, WIDE_TOPIC),
            list(quizzes.QUESTION_TYPES),
        )
    assert 0 < main < everything
    page = client.get(f"/quiz/?scope={WIDE_TOPIC}").get_data(as_text=True)
    assert f"holds {main} such questions, {everything} with details" in page
    assert (
        'name="include_details"' in page and "checked" not in page.split("include_details")[1][:40]
    )
    form = {
        "csrf_token": csrf_token(client),
        "scope": WIDE_TOPIC,
        "count": "5",
        "types": list(quizzes.QUESTION_TYPES),
        "feedback_mode": "each",
        "include_details": "y",
    }
    assert client.post("/quiz/", data=form).status_code == 302
    with app.app_context():
        assert db.session.get(StudySettings, user.id).include_details is True
    page = client.get("/quiz/").get_data(as_text=True)
    assert "checked" in _details_box(page)


def test_a_decks_new_cards_come_from_core_and_supporting_facts(app, student):
    _, user = student
    with app.app_context():
        cards.update_settings(db.session, _user(user), 0.9, 20)
        db.session.commit()
        deck = cards.parse_deck(db.session, "topic:trial-1938")
        introduced = _learn_new_cards(user, deck)
        assert len(introduced) == 20
        levels = dict(
            db.session.execute(
                select(Fact.id, Fact.importance).where(Fact.id.in_(introduced))
            ).all()
        )
        assert "detail" not in levels.values()
        # details came before some of these in reading order: they were passed over
        position = {e.id: i for i, e in enumerate(cards.deck_facts(db.session, deck))}
        entries = cards.deck_facts(db.session, deck)
        first_detail = min(position[e.id] for e in entries if e.importance == "detail")
        assert first_detail < max(position[f] for f in introduced)


def test_with_details_new_cards_come_in_reading_order(app, student):
    _, user = student
    with app.app_context():
        cards.update_settings(db.session, _user(user), 0.9, 20, include_details=True)
        db.session.commit()
        deck = cards.parse_deck(db.session, "topic:trial-1938")
        introduced = _learn_new_cards(user, deck)
        entries = {e.id: e for e in cards.deck_facts(db.session, deck)}
        assert any(entries[f].importance == "detail" for f in introduced)


def test_a_deck_of_details_only_still_has_new_cards(app, student):
    _, user = student
    with app.app_context():
        person = next(
            p
            for p in sorted({p for e in cards.catalogue(db.session) for p in e.people})
            if (
                entries := cards.deck_facts(db.session, cards.parse_deck(db.session, f"person:{p}"))
            )
            and all(e.importance == "detail" for e in entries)
        )
        deck = cards.parse_deck(db.session, f"person:{person}")
        item, counts = cards.next_card(db.session, _user(user), deck, T0)
        assert item is not None and item.is_new and counts.new >= 1


def _learn_new_cards(user, deck):
    introduced = []
    while True:
        item, _ = cards.next_card(db.session, _user(user), deck, T0)
        if item is None or not item.is_new:
            return introduced
        introduced.append(item.fact_id)
        cards.grade(db.session, _user(user), item.fact_id, 3, 0, None, 4000, T0)
        db.session.commit()


def test_study_settings_keep_the_choice_of_details(app, student):
    client, user = student
    page = client.get("/cards/settings").get_data(as_text=True)
    assert "Include details in new cards and quizzes" in page
    form = {
        "csrf_token": csrf_token(client),
        "desired_retention": "0.90",
        "daily_new_limit": "20",
        "include_details": "y",
    }
    assert client.post("/cards/settings", data=form).status_code == 302
    with app.app_context():
        assert db.session.get(StudySettings, user.id).include_details is True
    del form["include_details"]
    form["csrf_token"] = csrf_token(client)
    assert client.post("/cards/settings", data=form).status_code == 302
    with app.app_context():
        assert db.session.get(StudySettings, user.id).include_details is False


def _fact_of_level(main: bool):
    """A bank fact with suggestable questions, all of one kind of importance."""
    level = Question.importance != "detail" if main else Question.importance == "detail"
    return db.session.scalar(
        select(Question.fact_id)
        .where(
            Question.owner_id.is_(None),
            ~Question.retired,
            Question.type.in_(("mcq", "short", "cloze")),
            level,
        )
        .order_by(Question.fact_id)
    )


def test_lesson_suggestions_leave_out_details_unless_asked(app, login_as):
    _, teacher = login_as(Role.TEACHER)
    with app.app_context():
        lesson = teaching.create_lesson(db.session, _user(teacher), "L", "")
        teaching.add_passage(db.session, lesson, _fact_of_level(main=True))
        teaching.add_passage(db.session, lesson, _fact_of_level(main=False))
        db.session.flush()
        suggested = _levels(teaching.questions_on_passages(db.session, _user(teacher), lesson))
        everything = _levels(
            teaching.questions_on_passages(db.session, _user(teacher), lesson, include_details=True)
        )
        assert suggested and "detail" not in suggested.values()
        assert "detail" in everything.values() and set(suggested) < set(everything)


def test_a_lesson_of_detail_passages_still_gets_suggestions(app, login_as):
    _, teacher = login_as(Role.TEACHER)
    with app.app_context():
        lesson = teaching.create_lesson(db.session, _user(teacher), "L", "")
        teaching.add_passage(db.session, lesson, _fact_of_level(main=False))
        db.session.flush()
        suggested = _levels(teaching.questions_on_passages(db.session, _user(teacher), lesson))
        assert suggested and set(suggested.values()) == {"detail"}
