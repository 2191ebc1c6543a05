"""Flashcards: fsrs scheduling, the study queue, undo, suspend, exams, integrity."""

from __future__ import annotations

import random
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import MemoryState, ReviewLog, Role, User
from app.services import cards
from tests.conftest import csrf_token

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture()
def student(login_as):
    return login_as(Role.STUDENT)


def _user(user):
    return db.session.get(User, user.id)


def _state(user, fact_id):
    return db.session.scalars(
        select(MemoryState).where(MemoryState.user_id == user.id, MemoryState.fact_id == fact_id)
    ).one_or_none()


def _version(user, fact_id):
    state = _state(user, fact_id)
    return state.version if state else 0


def _grade(user, fact_id, rating, now):
    log = cards.grade(
        db.session, _user(user), fact_id, rating, _version(user, fact_id), None, 4000, now
    )
    db.session.commit()
    return log


def test_golden_intervals_for_a_known_grade_sequence(app, student):
    """Fixed dates, fuzzing off: Good, Good, Good, Again, Good, Easy."""
    _, user = student
    fact = "nwe-second-trial-dates"
    now = T0
    seen = []
    with app.app_context():
        for rating in (3, 3, 3, 1, 3, 4):
            _grade(user, fact, rating, now)
            state = _state(user, fact)
            seen.append((cards.interval_label(state.due - now), state.state))
            now = state.due
        assert seen == [
            ("10 min", 1),
            ("2 d", 2),
            ("11 d", 2),
            ("10 min", 3),
            ("2 d", 2),
            ("8 d", 2),
        ]
        state = _state(user, fact)
        assert (state.reps, state.lapses) == (6, 1)
        assert round(state.stability, 4) == 7.8703 and round(state.difficulty, 4) == 6.4868


def test_every_question_of_a_fact_trains_one_memory(app, student):
    _, user = student
    fact = "nwe-second-trial-date-intro"  # asked as a short question and as a gap fill
    with app.app_context():
        views = set()
        for i in range(3):
            item = cards.QueueItem(fact, i == 0, _version(user, fact), i)
            views.add(cards.card_view(db.session, _user(user), item, T0).front)
            _grade(user, fact, 3, T0 + timedelta(days=30 * i))
        assert len(views) == 2  # the short question and the cloze take turns
        assert db.session.scalar(select(func.count()).select_from(MemoryState)) == 1


def test_due_cards_come_first_then_new_up_to_the_daily_limit(app, student):
    _, user = student
    with app.app_context():
        cards.update_settings(db.session, _user(user), 0.9, 3)
        db.session.commit()
        deck = cards.parse_deck(db.session, "topic:trial-1938")
        introduced = []
        now = T0
        while True:
            item, counts = cards.next_card(db.session, _user(user), deck, now)
            if item is None:
                break
            assert item.is_new
            introduced.append(item.fact_id)
            _grade(user, item.fact_id, 3, now)
        assert len(introduced) == 3  # the daily limit
        later = now + timedelta(minutes=11)  # the learning steps are done
        item, counts = cards.next_card(db.session, _user(user), deck, later)
        assert not item.is_new and item.fact_id in introduced and counts.due == 3
        tomorrow = now + timedelta(days=1, hours=1)
        for fid in introduced:
            _grade(user, fid, 3, later)
        item, _ = cards.next_card(db.session, _user(user), deck, tomorrow)
        assert item is not None and item.is_new  # a new day, new cards again


def test_cards_from_one_paragraph_are_spaced_apart(app, student):
    _, user = student
    with app.app_context():
        deck = cards.parse_deck(db.session, "topic:trial-1938")
        entries = cards.deck_facts(db.session, deck)
        order = []
        now = T0
        for _ in range(6):
            item, _ = cards.next_card(db.session, _user(user), deck, now)
            order.append(item.fact_id)
            _grade(user, item.fact_id, 3, now)
            now += timedelta(seconds=5)
        paragraph = {e.id: (e.source_id, e.paragraph) for e in entries}
        reading_order = [e.id for e in entries][:6]
        assert order != reading_order  # not simply the next fact of the same list
        for a, b in zip(order, order[1:], strict=False):
            assert paragraph[a] != paragraph[b], (a, b)


def test_undo_restores_the_previous_state_exactly_and_removes_the_log(app, student):
    _, user = student
    fact = "nwe-second-trial-dates"
    with app.app_context():
        _grade(user, fact, 3, T0)
        _grade(user, fact, 3, T0 + timedelta(minutes=10))
        before = {
            k: getattr(_state(user, fact), k)
            for k in (
                "state",
                "step",
                "stability",
                "difficulty",
                "due",
                "last_review",
                "reps",
                "lapses",
            )
        }
        _grade(user, fact, 1, T0 + timedelta(days=2))
        assert cards.undo_last(db.session, _user(user)) == fact
        db.session.commit()
        after = {k: getattr(_state(user, fact), k) for k in before}
        assert after == before
        assert db.session.scalar(select(func.count()).select_from(ReviewLog)) == 2
        cards.undo_last(db.session, _user(user))
        cards.undo_last(db.session, _user(user))
        db.session.commit()
        assert _state(user, fact) is None  # back to a new card
        assert cards.undo_last(db.session, _user(user)) is None


def test_suspended_cards_never_come_up_until_resumed(app, student):
    _, user = student
    with app.app_context():
        deck = cards.parse_deck(db.session, "person:radek")
        first, _ = cards.next_card(db.session, _user(user), deck, T0)
        cards.set_suspended(db.session, _user(user), first.fact_id, True, T0)
        db.session.commit()
        seen = set()
        for _ in range(len(cards.deck_facts(db.session, deck)) + 2):
            item, _ = cards.next_card(db.session, _user(user), deck, T0)
            if item is None:
                break
            seen.add(item.fact_id)
            _grade(user, item.fact_id, 4, T0)
        assert first.fact_id not in seen
        rows = cards.browse(db.session, _user(user), deck, None, "suspended")
        assert [r.fact.id for r in rows] == [first.fact_id]
        cards.set_suspended(db.session, _user(user), first.fact_id, False, T0)
        db.session.commit()
        item, _ = cards.next_card(db.session, _user(user), deck, T0)
        assert item.fact_id == first.fact_id


def test_exam_date_caps_intervals_so_every_card_is_reviewed_before_it(app, student):
    _, user = student
    fact = "nwe-second-trial-dates"
    with app.app_context():
        deck = cards.parse_deck(db.session, "topic:trial-1937")
        cards.set_exam_date(db.session, _user(user), deck, date(2026, 1, 12), T0.date())
        db.session.commit()
        _grade(user, fact, 3, T0)
        _grade(user, fact, 3, T0 + timedelta(minutes=10))
        _grade(user, fact, 4, T0 + timedelta(days=2))  # would be weeks away
        state = _state(user, fact)
        assert state.due == datetime(2026, 1, 11, tzinfo=UTC)
        assert cards.replay_mismatches(db.session, user.id) == []
        ((exam, _deck, days_left, unseen, per_day, on_track),) = cards.exam_progress(
            db.session, _user(user), T0
        )
        total = len(cards.deck_facts(db.session, deck))
        assert days_left == 7 and unseen == total - 1
        assert per_day == -(-unseen // 6) and on_track is (per_day <= 20)


def test_exam_date_must_be_in_the_future(app, student):
    _, user = student
    with app.app_context():
        deck = cards.parse_deck(db.session, "all:")
        with pytest.raises(cards.ServiceError):
            cards.set_exam_date(db.session, _user(user), deck, T0.date(), T0.date())


def test_higher_desired_retention_gives_shorter_intervals(app, login_as):
    _, low = login_as(Role.STUDENT)
    _, high = login_as(Role.STUDENT)
    fact = "nwe-second-trial-dates"
    with app.app_context():
        cards.update_settings(db.session, _user(low), 0.75, 20)
        cards.update_settings(db.session, _user(high), 0.97, 20)
        db.session.commit()
        for user in (low, high):
            _grade(user, fact, 3, T0)
            _grade(user, fact, 3, T0 + timedelta(minutes=10))
            _grade(user, fact, 3, T0 + timedelta(days=3))
        assert _state(high, fact).due < _state(low, fact).due
        with pytest.raises(cards.ServiceError):
            cards.update_settings(db.session, _user(low), 0.99, 20)


def test_double_submit_records_one_review(app, student):
    client, user = student
    client.get("/cards/study")
    token = csrf_token(client)
    with app.app_context():
        item, _ = cards.next_card(
            db.session, _user(user), cards.parse_deck(db.session, "all:"), clock.now()
        )
    form = {
        "csrf_token": token,
        "fact_id": item.fact_id,
        "version": str(item.version),
        "rating": "3",
        "shown_at": "0",
        "deck": "all:",
    }
    first = client.post("/cards/review", data=form)
    second = client.post("/cards/review", data={**form, "rating": "1"}, follow_redirects=True)
    assert first.status_code == 302
    assert "already graded" in second.get_data(as_text=True)
    with app.app_context():
        logs = db.session.scalars(select(ReviewLog)).all()
        assert [(log.fact_id, log.rating) for log in logs] == [(item.fact_id, 3)]


def test_a_script_is_told_whether_its_grade_was_recorded(app, student):
    """A client that lost the response and sends the grade again learns that
    it was stored once, instead of guessing from a redirect."""
    client, user = student
    client.get("/cards/study")
    with app.app_context():
        item, _ = cards.next_card(
            db.session, _user(user), cards.parse_deck(db.session, "all:"), clock.now()
        )
    form = {
        "csrf_token": csrf_token(client),
        "fact_id": item.fact_id,
        "version": str(item.version),
        "rating": "3",
        "shown_at": "0",
        "deck": "all:",
    }
    json_accept = {"Accept": "application/json"}
    first = client.post("/cards/review", data=form, headers=json_accept)
    retry = client.post("/cards/review", data=form, headers=json_accept)
    assert first.status_code == 200 and first.get_json()["recorded"] is True
    assert retry.status_code == 200 and retry.get_json()["recorded"] is False
    assert first.get_json()["next_url"] == "/cards/study?deck=all:"
    bad = client.post("/cards/review", data={**form, "rating": "9"}, headers=json_accept)
    assert bad.status_code == 400 and bad.get_json()["error"]
    with app.app_context():
        assert db.session.scalar(select(func.count(ReviewLog.id))) == 1


def test_concurrent_grading_in_two_tabs_never_corrupts_a_memory_state(app, login_as):
    """Fuzz: two tabs of one student grade the same few cards at once, each with
    the version it last saw; afterwards every stored state equals its replay."""
    _, user = login_as(Role.STUDENT)
    with app.app_context():
        deck = cards.parse_deck(db.session, "topic:trial-1938")
        facts = [e.id for e in cards.deck_facts(db.session, deck)][:4]
    errors = []

    def tab(seed):
        rng = random.Random(seed)
        try:
            with app.app_context():
                for step in range(25):
                    fact = rng.choice(facts)
                    version = _version(user, fact)
                    db.session.rollback()
                    now = T0 + timedelta(minutes=step * 7 + rng.random())
                    cards.grade(
                        db.session, _user(user), fact, rng.randint(1, 4), version, None, 1000, now
                    )
                    db.session.commit()
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))
        finally:
            with app.app_context():
                db.session.remove()

    threads = [threading.Thread(target=tab, args=(seed,)) for seed in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReviewLog)) > 0
        assert cards.replay_mismatches(db.session, user.id) == []


def test_the_study_page_works_without_javascript(app, student):
    client, user = student
    page = client.get("/cards/study").get_data(as_text=True)
    assert "Show the answer" in page and 'id="card-back" class="card-back" hidden' in page
    revealed = client.get("/cards/study?show=1").get_data(as_text=True)
    assert (
        'id="card-back" class="card-back" >' in revealed
        or 'id="card-back" class="card-back"  aria-label' in revealed
    )
    for label in ("Again", "Hard", "Good", "Easy"):
        assert label in revealed
    assert "10 min" in revealed  # "Good" on a new card


def test_dashboard_shows_due_new_streak_and_charts(app, student, monkeypatch):
    client, user = student
    now = clock.now()
    with app.app_context():
        facts = [e.id for e in cards.deck_facts(db.session, cards.parse_deck(db.session, "all:"))]
        for fact in facts[:3]:
            _grade(user, fact, 3, now - timedelta(days=1))  # due again 10 minutes later
        _grade(user, facts[3], 4, now)
    page = client.get("/cards/").get_data(as_text=True)
    assert "3</strong> due today" in page
    assert "2</strong> days streak" in page
    assert "19</strong> new available" in page  # one new card introduced today
    assert "4 reviews on 2 days" in page
    assert 'role="img"' in page and "<title>" in page
    assert "Due in the next 30 days" in page


def test_settings_form_explains_and_validates_retention(student):
    client, _ = student
    page = client.get("/cards/settings").get_data(as_text=True)
    assert "more reviews each day" in page
    response = client.post(
        "/cards/settings",
        data={
            "csrf_token": csrf_token(client),
            "desired_retention": "0.99",
            "daily_new_limit": "20",
        },
    )
    assert "Number must be between 0.7 and 0.97" in response.get_data(as_text=True)
    ok = client.post(
        "/cards/settings",
        data={
            "csrf_token": csrf_token(client),
            "desired_retention": "0.85",
            "daily_new_limit": "5",
        },
        follow_redirects=True,
    )
    assert "Study settings saved" in ok.get_data(as_text=True)


def test_browse_lists_cards_with_state_and_search(app, student):
    client, user = student
    with app.app_context():
        _grade(user, "nwe-second-trial-dates", 3, clock.now())
    page = client.get(
        "/cards/browse?deck=topic:trial-1937&q=second+Moscow+trial&status=learning"
    ).get_data(as_text=True)
    assert "1 cards" in page or "cards in" in page
    assert "learning" in page


def test_quiz_results_link_to_the_same_facts_as_flashcards(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, ["nwe-second-trial-dates:mcq"])
    client.post(f"/quiz/{attempt.id}/finish", data={"csrf_token": csrf_token(client)})
    page = client.get(f"/quiz/{attempt.id}/results").get_data(as_text=True)
    assert "/cards/study?deck=facts:nwe-second-trial-dates" in page
    study = client.get("/cards/study?deck=facts:nwe-second-trial-dates").get_data(as_text=True)
    assert "second" in study.lower()


def test_my_cards_deck_is_a_deck_the_flashcard_pages_know(app, student):
    """The account page offers the deck 'mine:' (the cards studied so far) for
    Anki; browsing or studying it once answered 404, as the deck parser did not
    know the kind it was offered."""
    client, user = student
    with app.app_context():
        _grade(user, "nwe-second-trial-dates", 3, clock.now())
    page = client.get("/cards/browse?deck=mine:")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "1 cards in “My cards”" in text and "The second Moscow trial was held" in text
    with app.app_context():
        studied = cards.deck_facts(db.session, cards.parse_deck(db.session, "mine:", _user(user)))
    assert [e.id for e in studied] == ["nwe-second-trial-dates"]
    assert client.get("/cards/study?deck=mine:").status_code == 200


def test_a_card_and_the_mastery_rows_carry_their_topics_mark(app, student):
    from app.models import Fact
    from app.services import catalogue

    client, user = student
    fact_id = "nwe-second-trial-dates"
    with app.app_context():
        topics = db.session.get(Fact, fact_id).topics
        marks = catalogue.topic_marks(db.session)
    study = client.get(f"/cards/study?deck=facts:{fact_id}&show=1").get_data(as_text=True)
    for topic_id in topics:
        mark = marks[topic_id]
        assert f'<span class="tag topic-tag {mark.hue}">{mark.title}</span>' in study
    with app.app_context():
        cards.grade(db.session, _user(user), fact_id, 3, 0, None, 1, clock.now())
        db.session.commit()
    dashboard = client.get("/cards/").get_data(as_text=True)
    mark = marks[topics[0]]
    assert f'<th scope="row" class="topic-row {mark.hue}">{mark.title}</th>' in dashboard


def test_a_gap_card_of_a_sentence_given_with_its_source_has_one_pair_of_quotation_marks(
    app, student
):
    client, _ = student
    fact_id = "brookshaw-first-trial-summer-1936"
    page = client.get(f"/cards/study?deck=facts:{fact_id}").get_data(as_text=True)
    front = page.split('id="card-front"', 1)[1].split("</h1>", 1)[0]
    assert "Fill the gap: Brookshaw&#39;s essay says: “The first big" in front
    assert "“Brookshaw" not in front and "””" not in front
