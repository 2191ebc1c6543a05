"""Quizzes: every question type, feedback with sources, answers never lost."""

from __future__ import annotations

import random
import re
from datetime import timedelta

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import AttemptAnswer, Question, QuestionReport, QuizAttempt, Role
from app.services import quiz as quizzes
from tests.conftest import csrf_token
from tests.helpers import QueryCounter

MCQ = "nwe-second-trial-dates:mcq"
SHORT = "nwe-second-trial-dates:short"
CLOZE = "nwe-second-trial-date-intro:cloze"
TF_FALSE = "nwe-second-trial-dates:tf-false"
DISPUTED_SHORT = "nwe-second-trial-thirteen-shot:short"


def question(app, qid):
    with app.app_context():
        return db.session.get(Question, qid).data


def answer_form(app, attempt_id, position, response_fields):
    with app.app_context():
        slot = db.session.scalars(
            select(AttemptAnswer).where(
                AttemptAnswer.attempt_id == attempt_id, AttemptAnswer.position == position
            )
        ).one()
        return {"question_id": slot.question_id, **response_fields}, slot.display


def post_answer(client, attempt_id, position, fields, **kw):
    return client.post(
        f"/quiz/{attempt_id}/q/{position}",
        data={"csrf_token": csrf_token(client), **fields},
        **kw,
    )


def choose(display, text):
    return str(display["options"].index(text))


@pytest.fixture()
def student(login_as):
    return login_as(Role.STUDENT)


def test_start_a_quiz_from_the_form(app, student):
    client, user = student
    response = client.post(
        "/quiz/",
        data={
            "csrf_token": csrf_token(client),
            "scope": "topic:trial-1937",
            "count": "7",
            "types": ["mcq", "short", "true_false"],
            "feedback_mode": "end",
            "time_limit": "20",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/q/1")
    with app.app_context():
        attempt = db.session.scalars(
            select(QuizAttempt).where(QuizAttempt.user_id == user.id)
        ).one()
        assert attempt.total == 7 and attempt.feedback_mode == "end"
        assert attempt.deadline_at - attempt.started_at == timedelta(minutes=20)
        for a in attempt.answers:
            assert a.question_data["type"] in ("mcq", "short", "true_false")
            assert "trial-1937" in a.question_data["topics"]
        facts = [a.fact_id for a in attempt.answers]
        assert len(set(facts)) == len(facts), "two questions on one fact"


@pytest.mark.parametrize(
    ("count", "message"), [("4", "between 5 and 50"), ("51", "between 5 and 50")]
)
def test_start_form_refuses_bad_counts_and_keeps_the_choices(student, count, message):
    client, _ = student
    response = client.post(
        "/quiz/",
        data={
            "csrf_token": csrf_token(client),
            "scope": "topic:trial-1938",
            "count": count,
            "types": ["short"],
            "feedback_mode": "end",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Number must be between 5 and 50" in page
    import re

    option = re.search(r'<option[^>]*value="topic:trial-1938"[^>]*>', page)
    assert option and " selected" in option.group(0)


def test_mistakes_scope_without_mistakes_says_so(student):
    client, _ = student
    response = client.post(
        "/quiz/",
        data={
            "csrf_token": csrf_token(client),
            "scope": "mistakes:",
            "count": "5",
            "types": ["mcq"],
            "feedback_mode": "each",
        },
    )
    assert "no mistakes to practise yet" in response.get_data(as_text=True)


def test_mcq_right_and_wrong_with_the_distractor_explained(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ])
    data = question(app, MCQ)
    wrong = next(o for o in data["option_details"] if not o["correct"])
    fields, display = answer_form(app, attempt.id, 1, {})
    response = post_answer(
        client, attempt.id, 1, {**fields, "answer": choose(display, wrong["text"])}
    )
    assert response.status_code == 302
    page = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    assert "Not quite" in page
    assert "January 23-30, 1937" in page  # the right answer
    assert wrong["explanation"] in page  # why the chosen option is wrong
    assert "Reference work" in page  # the source's perspective
    # the passage, with a way back to this question
    back = f"back=/quiz/{attempt.id}/q/1"
    assert f"/sources/nwe?passage=nwe-second-trial-dates&amp;{back}#passage" in page
    assert '<mark class="answer">January 23-30, 1937</mark>' in page


def test_mcq_right(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ])
    fields, display = answer_form(app, attempt.id, 1, {})
    post_answer(client, attempt.id, 1, {**fields, "answer": choose(display, "January 23-30, 1937")})
    assert "✓ Right" in client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)


def _feedback_disclosure(page):
    """The <details> holding the passage and the "why" in a question's feedback."""
    import re

    found = re.search(
        r'<details class="passage-details feedback-more"[^>]*>.*?</details>', page, re.S
    )
    assert found, "no passage disclosure in the feedback"
    return found.group(0)


def test_feedback_puts_the_passage_and_why_in_a_disclosure_open_when_wrong(
    app, student, start_quiz
):
    client, user = student
    data = question(app, MCQ)
    wrong = next(o for o in data["option_details"] if not o["correct"])
    attempts = {}
    for label, text in (("wrong", wrong["text"]), ("right", "January 23-30, 1937")):
        attempt = start_quiz(user, [MCQ])
        fields, display = answer_form(app, attempt.id, 1, {})
        post_answer(client, attempt.id, 1, {**fields, "answer": choose(display, text)})
        attempts[label] = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    wrong_more = _feedback_disclosure(attempts["wrong"])
    assert " open>" in wrong_more.split("\n")[0]  # wrong: the why and the passage show at once
    assert wrong["explanation"] in wrong_more and "Read the passage in the source" in wrong_more
    assert "<summary>Why, and the passage <kbd>P</kbd></summary>" in wrong_more
    right_more = _feedback_disclosure(attempts["right"])
    assert " open" not in right_more.split("\n")[0]  # right: one click (or P) away
    assert "<summary>The passage <kbd>P</kbd></summary>" in right_more
    assert "Read the passage in the source" in right_more
    # the one line outside it: right or not, and the right answer after a wrong one
    before = attempts["wrong"].split('<details class="passage-details feedback-more"')[0]
    assert "Not quite" in before and "January 23-30, 1937" in before
    assert "show or hide the passage and why" in attempts["wrong"]  # the "?" list names P


def test_why_a_false_statement_is_false_does_not_quote_the_passage_shown_under_it(
    app, student, start_quiz
):
    client, user = student
    data = question(app, TF_FALSE)
    attempt = start_quiz(user, [TF_FALSE])
    fields, display = answer_form(app, attempt.id, 1, {})
    post_answer(client, attempt.id, 1, {**fields, "answer": choose(display, "True")})
    more = _feedback_disclosure(client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True))
    quote = data["source"]["quote"]
    # the passage once, under the why, not in the why and again under it
    assert more.count(quote[:40]) == 1
    assert "Why not “True”?" in more
    why = more.split('class="why-wrong">')[1].split("</p>")[0]
    assert "says:" not in why and len(why) > len("<strong>Why not “True”?</strong> ")


def test_topics_carry_a_coloured_mark_with_their_name(app, student, start_quiz):
    import re

    from app.models import Fact
    from app.services import catalogue

    client, user = student
    with app.app_context():
        topics = db.session.get(Fact, "nwe-second-trial-dates").topics
        marks = catalogue.topic_marks(db.session)
        from app.models import Topic

        bank = db.session.scalars(
            select(Topic.id).where(Topic.source_id.is_(None)).order_by(Topic.position)
        ).all()
    assert topics
    # the bank's first six trials and themes all differ in hue
    assert len({marks[t].hue for t in bank[:6]}) == min(6, len(bank)) > 1
    attempt = start_quiz(user, [MCQ])
    fields, _display = answer_form(app, attempt.id, 1, {"answer": "0"})
    post_answer(client, attempt.id, 1, fields)  # a question's topics show once it is answered
    page = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    for topic_id in topics:
        mark = marks[topic_id]
        assert f'<span class="tag topic-tag {mark.hue}">{mark.title}</span>' in page
    start = client.get("/quiz/").get_data(as_text=True)
    first = marks[topics[0]]
    option = re.search(
        rf'<option class="topic-option (hue-\d)"[^>]*value="topic:{topics[0]}"', start
    )
    option = option or re.search(
        rf'<option[^>]*value="topic:{topics[0]}"[^>]*class="topic-option (hue-\d)"', start
    )
    assert option and option.group(1) == first.hue


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("january 1937", True),
        ("Jan 1937", True),
        ("january 23-30 1937", True),
        ("Janury 1937", True),
        ("January 1936", False),
        ("August 1936", False),
        # equivalent forms of the key, though the bank lists the first as rejected
        ("23rd to the 30th of January 1937", True),
        ("from 23 to 30 January 1937", True),
        ("01/1937", True),
        # the year alone, or one day of the trial, is not the answer
        ("1937", False),
        ("29 January 1937", False),
    ],
)
def test_short_answers_are_graded_leniently(app, student, start_quiz, typed, right):
    client, user = student
    attempt = start_quiz(user, [SHORT])
    fields, _ = answer_form(app, attempt.id, 1, {"answer": typed})
    post_answer(client, attempt.id, 1, fields)
    with app.app_context():
        saved = db.session.scalars(
            select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt.id)
        ).one()
        assert saved.correct is right
        assert saved.response == typed


def test_cloze_true_false_matching_ordering_attribution_and_dispute(app, student, start_quiz):
    client, user = student
    bank = {}
    with app.app_context():
        for kind in ("matching", "ordering", "attribution", "dispute"):
            bank[kind] = db.session.scalars(
                select(Question.id).where(Question.type == kind).order_by(Question.id)
            ).first()
    ids = [
        CLOZE,
        TF_FALSE,
        bank["matching"],
        bank["ordering"],
        bank["attribution"],
        bank["dispute"],
    ]
    attempt = start_quiz(user, ids, feedback_mode="end")
    for position, qid in enumerate(ids, start=1):
        data = question(app, qid)
        fields, display = answer_form(app, attempt.id, position, {})
        if data["type"] == "cloze":
            fields["answer"] = "January 1937"
        elif data["type"] in ("true_false", "attribution", "dispute"):
            fields["answer"] = choose(display, data["answer"])
        elif data["type"] == "matching":
            for i, (_, right) in enumerate(data["pairs"]):
                fields[f"match-{i}"] = str(display["rights"].index(right))
        elif data["type"] == "ordering":
            for i, item in enumerate(data["items"]):
                fields[f"order-{i}"] = str(display["items"].index(item))
        assert post_answer(client, attempt.id, position, fields).status_code == 302
    client.post(f"/quiz/{attempt.id}/finish", data={"csrf_token": csrf_token(client)})
    with app.app_context():
        done = db.session.get(QuizAttempt, attempt.id)
        assert [a.correct for a in done.answers] == [True] * len(ids)
        assert done.score == 1.0 and done.correct_count == len(ids)


def test_matching_and_ordering_half_right_get_partial_credit(app, student, start_quiz):
    client, user = student
    with app.app_context():
        ordering = db.session.scalars(
            select(Question.id).where(Question.type == "ordering")
        ).first()
    attempt = start_quiz(user, [ordering], feedback_mode="end")
    data = question(app, ordering)
    fields, display = answer_form(app, attempt.id, 1, {})
    swapped = [data["items"][1], data["items"][0], *data["items"][2:]]
    for i, item in enumerate(swapped):
        fields[f"order-{i}"] = str(display["items"].index(item))
    post_answer(client, attempt.id, 1, fields)
    with app.app_context():
        saved = db.session.scalars(
            select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt.id)
        ).one()
        assert saved.correct is False and saved.score == pytest.approx(
            (len(swapped) - 2) / len(swapped)
        )


def test_ordering_with_an_event_used_twice_is_refused_and_keeps_the_choices(
    app, student, start_quiz
):
    client, user = student
    with app.app_context():
        ordering = db.session.scalars(
            select(Question.id).where(Question.type == "ordering")
        ).first()
    attempt = start_quiz(user, [ordering])
    fields, display = answer_form(app, attempt.id, 1, {f"order-{i}": "0" for i in range(4)})
    response = post_answer(client, attempt.id, 1, fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Use each event once" in page
    assert page.count('value="0" selected') == 4


def test_disputed_facts_show_both_sources_passages(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [DISPUTED_SHORT])
    fields, _ = answer_form(app, attempt.id, 1, {"answer": "nobody"})
    post_answer(client, attempt.id, 1, fields)
    page = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    assert "The sources disagree" in page
    assert "Partisan essay" in page and "Reference work" in page
    assert "the defendants were all taken out and shot" in page  # the other source


def test_reload_resumes_where_the_student_was_with_answers_kept(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, count=5, feedback_mode="end", types=["mcq"])
    fields, display = answer_form(app, attempt.id, 1, {})
    fields["answer"] = "2"
    post_answer(client, attempt.id, 1, fields)
    # "closing the tab" and logging in on another device
    response = client.get(f"/quiz/{attempt.id}")
    assert response.headers["Location"].endswith(f"/quiz/{attempt.id}/q/2")
    page = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    assert 'value="2" checked' in page
    listing = client.get("/quiz/").get_data(as_text=True)
    assert "1 of 5 answered" in listing


def test_exam_mode_lets_an_answer_change_until_the_end(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ], feedback_mode="end")
    fields, display = answer_form(app, attempt.id, 1, {})
    post_answer(client, attempt.id, 1, {**fields, "answer": "0"})
    post_answer(client, attempt.id, 1, {**fields, "answer": choose(display, "January 23-30, 1937")})
    with app.app_context():
        saved = db.session.scalars(
            select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt.id)
        ).one()
        assert saved.correct is True
    # no answers shown before the end
    assert "✓ Right" not in client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)


def test_double_submit_stores_one_answer_and_one_finish(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ, SHORT])
    fields, display = answer_form(app, attempt.id, 1, {})
    first = post_answer(client, attempt.id, 1, {**fields, "answer": "0"})
    second = post_answer(
        client, attempt.id, 1, {**fields, "answer": "1"}
    )  # second click, other option
    assert first.status_code == second.status_code == 302
    token = csrf_token(client)
    client.post(f"/quiz/{attempt.id}/finish", data={"csrf_token": token})
    client.post(f"/quiz/{attempt.id}/finish", data={"csrf_token": token})
    with app.app_context():
        rows = db.session.scalars(
            select(AttemptAnswer)
            .where(AttemptAnswer.attempt_id == attempt.id)
            .order_by(AttemptAnswer.position)
        ).all()
        assert len(rows) == 2
        assert rows[0].response == display["options"][0]  # the first answer stands
        done = db.session.get(QuizAttempt, attempt.id)
        finished = done.finished_at
    client.post(f"/quiz/{attempt.id}/finish", data={"csrf_token": token})
    with app.app_context():
        assert db.session.get(QuizAttempt, attempt.id).finished_at == finished


def test_json_answers_return_feedback_in_place(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ])
    fields, display = answer_form(app, attempt.id, 1, {})
    response = post_answer(
        client,
        attempt.id,
        1,
        {**fields, "answer": choose(display, "January 23-30, 1937")},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json["correct"] is True and "Right" in response.json["feedback_html"]
    assert response.json["answered"] == 1


def test_time_limit_finishes_the_attempt_even_if_the_student_never_returns(
    app, student, start_quiz, monkeypatch
):
    client, user = student
    attempt = start_quiz(user, [MCQ, SHORT, CLOZE], time_limit=1, feedback_mode="end")
    fields, display = answer_form(app, attempt.id, 1, {})
    post_answer(client, attempt.id, 1, {**fields, "answer": choose(display, "January 23-30, 1937")})
    later = clock.now() + timedelta(minutes=30)
    monkeypatch.setattr(clock, "now", lambda: later)
    with app.app_context():
        finished = quizzes.expire_overdue(db.session, later)
        db.session.commit()
        assert finished == 1
        done = db.session.get(QuizAttempt, attempt.id)
        assert done.finished_reason == "time-up"
        assert done.finished_at == done.deadline_at
        assert done.correct_count == 1 and done.score == pytest.approx(1 / 3)
    # an answer arriving now is refused with a clear message, nothing saved
    fields, _ = answer_form(app, attempt.id, 2, {"answer": "January 1937"})
    response = post_answer(client, attempt.id, 2, fields, follow_redirects=True)
    assert "Time is up" in response.get_data(as_text=True)
    with app.app_context():
        assert (
            db.session.scalars(
                select(AttemptAnswer).where(
                    AttemptAnswer.attempt_id == attempt.id, AttemptAnswer.position == 2
                )
            )
            .one()
            .response
            is None
        )


def test_expire_command_finishes_overdue_attempts(app, student, start_quiz, runner, monkeypatch):
    _, user = student
    attempt = start_quiz(user, [MCQ], time_limit=1)
    later = clock.now() + timedelta(minutes=5)
    monkeypatch.setattr(clock, "now", lambda: later)
    result = runner.invoke(args=["quiz", "expire"])
    assert result.exit_code == 0 and "1 " in result.output
    with app.app_context():
        assert db.session.get(QuizAttempt, attempt.id).finished_reason == "time-up"


def test_answers_after_the_end_are_refused(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ, SHORT])
    client.post(f"/quiz/{attempt.id}/finish", data={"csrf_token": csrf_token(client)})
    fields, _ = answer_form(app, attempt.id, 2, {"answer": "January 1937"})
    response = post_answer(client, attempt.id, 2, fields, headers={"Accept": "application/json"})
    assert response.status_code == 409 and "finished" in response.json["error"]
    page = post_answer(client, attempt.id, 2, fields, follow_redirects=True).get_data(as_text=True)
    assert "This quiz is finished" in page


def test_another_users_attempt_is_not_found_and_unchanged(app, login_as, start_quiz):
    owner_client, owner = login_as(Role.STUDENT)
    attempt = start_quiz(owner, [MCQ])
    intruder, _ = login_as(Role.TEACHER)
    fields, _ = answer_form(app, attempt.id, 1, {"answer": "0"})
    assert intruder.get(f"/quiz/{attempt.id}/q/1").status_code == 404
    assert post_answer(intruder, attempt.id, 1, fields).status_code == 404
    assert (
        intruder.post(
            f"/quiz/{attempt.id}/finish", data={"csrf_token": csrf_token(intruder)}
        ).status_code
        == 404
    )
    with app.app_context():
        slot = db.session.scalars(
            select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt.id)
        ).one()
        assert slot.response is None
        assert db.session.get(QuizAttempt, attempt.id).finished_at is None


def test_a_question_page_does_not_give_its_answer_away_in_its_form(app, student, start_quiz):
    """The question's id says whether a true/false statement is true ("...:tf-false")
    or which source a dispute item is about: the form sends a token instead."""
    client, user = student
    attempt = start_quiz(user, [TF_FALSE, MCQ])
    page = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    assert "tf-false" not in page and TF_FALSE not in page
    token = re.search(r'name="question_id" value="([^"]+)"', page).group(1)
    _fields, display = answer_form(app, attempt.id, 1, {})
    answer = choose(display, "False")
    response = post_answer(client, attempt.id, 1, {"question_id": token, "answer": answer})
    assert response.status_code == 302
    # the token of one question does not answer another
    response = post_answer(client, attempt.id, 2, {"question_id": token, "answer": "0"})
    assert response.status_code == 400
    assert "different question" in response.get_data(as_text=True)
    with app.app_context():
        first, second = db.session.scalars(
            select(AttemptAnswer)
            .where(AttemptAnswer.attempt_id == attempt.id)
            .order_by(AttemptAnswer.position)
        )
        assert first.correct is True and second.response is None


def test_an_answer_for_a_question_not_in_the_attempt_is_refused(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ])
    response = post_answer(client, attempt.id, 1, {"question_id": SHORT, "answer": "January 1937"})
    assert response.status_code == 400
    assert "different question" in response.get_data(as_text=True)
    assert (
        post_answer(client, attempt.id, 2, {"question_id": SHORT, "answer": "x"}).status_code == 404
    )


def test_a_finished_score_survives_later_changes_to_the_question(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ])
    fields, display = answer_form(app, attempt.id, 1, {})
    post_answer(client, attempt.id, 1, {**fields, "answer": choose(display, "January 23-30, 1937")})
    client.post(f"/quiz/{attempt.id}/finish", data={"csrf_token": csrf_token(client)})
    with app.app_context():
        row = db.session.get(Question, MCQ)
        original = row.data
        row.data = {**original, "answer": "May 1988"}
        db.session.commit()
    try:
        page = client.get(f"/quiz/{attempt.id}/results").get_data(as_text=True)
        assert "1 of 1 right" in page
    finally:
        with app.app_context():
            db.session.get(Question, MCQ).data = original
            db.session.commit()


def test_results_page_lists_every_question_with_feedback_and_next_steps(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ, SHORT, CLOZE])
    fields, _ = answer_form(app, attempt.id, 2, {"answer": "1938"})
    post_answer(client, attempt.id, 2, fields)
    client.post(f"/quiz/{attempt.id}/finish", data={"csrf_token": csrf_token(client)})
    page = client.get(f"/quiz/{attempt.id}/results").get_data(as_text=True)
    assert "0 of 3 right" in page and "Not answered." in page and "Retake" in page
    assert "Practise my mistakes" in page and "time taken" in page
    response = client.post(f"/quiz/{attempt.id}/mistakes", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 302
    with app.app_context():
        newest = db.session.scalars(select(QuizAttempt).order_by(QuizAttempt.id.desc())).first()
        assert {a.question_id for a in newest.answers} == {MCQ, SHORT, CLOZE}


def test_history_lists_attempts_and_topic_accuracy(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ, SHORT])
    fields, display = answer_form(app, attempt.id, 1, {})
    post_answer(client, attempt.id, 1, {**fields, "answer": choose(display, "January 23-30, 1937")})
    client.post(f"/quiz/{attempt.id}/finish", data={"csrf_token": csrf_token(client)})
    page = client.get("/quiz/history").get_data(as_text=True)
    assert "1/2 (50%)" in page
    assert "Second trial: the Seventeen (January 1937)" in page and "100% of 1" in page


def test_reporting_a_question_stores_it_for_teachers(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ])
    response = client.post(
        f"/quiz/{attempt.id}/q/1/report",
        data={
            "csrf_token": csrf_token(client),
            "reason": "unsupported",
            "comment": "The passage says 1936?",
        },
        follow_redirects=True,
    )
    assert "your report was sent" in response.get_data(as_text=True)
    with app.app_context():
        report = db.session.scalars(select(QuestionReport)).one()
        assert (report.question_id, report.reason, report.status) == (MCQ, "unsupported", "open")
        assert report.comment == "The passage says 1936?"


def test_a_report_with_a_bad_reason_keeps_the_comment(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ])
    response = client.post(
        f"/quiz/{attempt.id}/q/1/report",
        data={
            "csrf_token": csrf_token(client),
            "reason": "nonsense",
            "comment": "my careful comment",
        },
    )
    assert response.status_code == 400
    assert "my careful comment" in response.get_data(as_text=True)


# -- choosing questions -------------------------------------------------------------
def test_choose_prefers_unseen_then_wrong_and_keeps_facts_apart():
    pool = [("a1", "A"), ("a2", "A"), ("b1", "B"), ("c1", "C"), ("d1", "D")]
    history = {"b1": True, "c1": False}
    chosen = quizzes.choose_questions(pool, history, 3, random.Random(3))
    assert chosen[:2] in (["a1", "d1"], ["a2", "d1"], ["d1", "a1"], ["d1", "a2"])
    assert chosen[2] == "c1"  # wrong before right
    everything = quizzes.choose_questions(pool, history, 5, random.Random(3))
    assert sorted(everything) == sorted(q for q, _ in pool)  # pool too small: same fact twice


def test_disputed_scope_draws_only_disputed_questions(app, student, start_quiz):
    _, user = student
    attempt = start_quiz(user, scope="disputed:", count=10)
    with app.app_context():
        for a in db.session.get(QuizAttempt, attempt.id).answers:
            flagged = db.session.execute(
                select(func.count())
                .select_from(Question)
                .join(Question.tags)
                .where(Question.id == a.question_id)
            ).scalar()
            assert flagged


# -- queries per request --------------------------------------------------------------
def _queries_for_a_question_round(app, client, user, start_quiz, size, past):
    for _ in range(past):
        old = start_quiz(user, count=5, types=["mcq"])
        with app.app_context():
            quizzes.finish_attempt(db.session, db.session.get(QuizAttempt, old.id), clock.now())
            db.session.commit()
    attempt = start_quiz(user, count=size, types=["mcq"])
    token = csrf_token(client)
    fields, _ = answer_form(app, attempt.id, 1, {"answer": "0"})
    with app.app_context():
        engine = db.engine
    # each request with a database session of its own, as in the server (one
    # shared app context would let the second reuse what the first loaded)
    with QueryCounter(engine) as show:
        client.get(f"/quiz/{attempt.id}/q/1")
    with QueryCounter(engine) as save:
        client.post(f"/quiz/{attempt.id}/q/1", data={"csrf_token": token, **fields})
    return show.count, save.count


def test_show_and_save_run_a_constant_number_of_queries(app, login_as, start_quiz):
    small_client, small_user = login_as(Role.STUDENT)
    big_client, big_user = login_as(Role.STUDENT)
    small = _queries_for_a_question_round(app, small_client, small_user, start_quiz, 5, 0)
    big = _queries_for_a_question_round(app, big_client, big_user, start_quiz, 50, 6)
    assert small == big, f"5 questions/no history: {small}; 50 questions/6 past attempts: {big}"
    print(f"queries per request (show, save): {big}")
    assert max(big) <= 12


def test_finishing_with_questions_unanswered_asks_first(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ, SHORT])
    page = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    assert 'name="ask" value="1"' in page  # the question page's Finish button asks
    asked = client.post(
        f"/quiz/{attempt.id}/finish", data={"csrf_token": csrf_token(client), "ask": "1"}
    )
    text = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "2 of 2 questions are not answered yet" in text
    assert f'href="/quiz/{attempt.id}/q/1"' in text
    with app.app_context():
        assert db.session.get(QuizAttempt, attempt.id).finished_at is None
    fields, display = answer_form(app, attempt.id, 1, {"answer": "0"})
    post_answer(client, attempt.id, 1, fields)
    asked = client.post(
        f"/quiz/{attempt.id}/finish", data={"csrf_token": csrf_token(client), "ask": "1"}
    )
    assert "1 of 2 questions is not answered yet" in asked.get_data(as_text=True)
    # the confirmation's own button finishes
    finished = client.post(f"/quiz/{attempt.id}/finish", data={"csrf_token": csrf_token(client)})
    assert finished.status_code == 302 and finished.headers["Location"].endswith("/results")
    with app.app_context():
        assert db.session.get(QuizAttempt, attempt.id).finished_at is not None


def test_finishing_with_every_question_answered_does_not_ask(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ])
    fields, _display = answer_form(app, attempt.id, 1, {"answer": "0"})
    post_answer(client, attempt.id, 1, fields)
    finished = client.post(
        f"/quiz/{attempt.id}/finish", data={"csrf_token": csrf_token(client), "ask": "1"}
    )
    assert finished.status_code == 302


def test_an_answer_accepted_as_a_misspelling_shows_the_right_spelling(app, student, start_quiz):
    client, user = student
    qid = "nwe-holtzman-accused-copenhagen:short"
    attempt = start_quiz(user, [qid, MCQ])
    fields, _display = answer_form(app, attempt.id, 1, {"answer": "Holtzmann"})
    post_answer(client, attempt.id, 1, fields)
    page = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    assert "check the spelling" in page
    assert "<dt>The answer</dt><dd><strong>Eduard Holtzman</strong>" in page
    # an answer chosen as it is written shows no second line
    fields, display = answer_form(app, attempt.id, 2, {})
    right = question(app, MCQ)["answer"]
    post_answer(client, attempt.id, 2, {**fields, "answer": choose(display, right)})
    page = client.get(f"/quiz/{attempt.id}/q/2").get_data(as_text=True)
    assert "✓ Right" in page and "<dt>The answer</dt>" not in page


def test_abandoning_a_quiz_with_answers_in_it_asks_first(app, student, start_quiz):
    client, user = student
    attempt = start_quiz(user, [MCQ, SHORT])
    fields, _display = answer_form(app, attempt.id, 1, {"answer": "0"})
    post_answer(client, attempt.id, 1, fields)
    page = client.get("/quiz/").get_data(as_text=True)
    assert 'name="ask" value="1"' in page
    asked = client.post(
        f"/quiz/{attempt.id}/abandon", data={"csrf_token": csrf_token(client), "ask": "1"}
    )
    assert asked.status_code == 200
    assert "Its 1 answer will be deleted" in asked.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(QuizAttempt, attempt.id) is not None
    gone = client.post(f"/quiz/{attempt.id}/abandon", data={"csrf_token": csrf_token(client)})
    assert gone.status_code == 302
    with app.app_context():
        assert db.session.get(QuizAttempt, attempt.id) is None
    # a quiz with nothing answered in it goes at once: nothing is lost
    empty = start_quiz(user, [MCQ])
    at_once = client.post(
        f"/quiz/{empty.id}/abandon", data={"csrf_token": csrf_token(client), "ask": "1"}
    )
    assert at_once.status_code == 302


def test_a_topic_with_nothing_to_practise_is_not_offered(app, student):
    client, _ = student
    quiz_menu = client.get("/quiz/").get_data(as_text=True)
    decks = client.get("/cards/").get_data(as_text=True)
    # the bank's topic for teachers' material, while no teacher's source is published
    assert "Other material" not in quiz_menu and "Other material" not in decks
    assert "First trial: the Sixteen (August 1936)" in quiz_menu
    assert "First trial: the Sixteen (August 1936)" in decks


def test_a_gap_in_a_sentence_given_with_its_source_has_one_pair_of_quotation_marks(
    app, student, start_quiz
):
    client, user = student
    qid = "brookshaw-first-trial-summer-1936:cloze"
    prompt = question(app, qid)["prompt"]
    assert "says: “" in prompt
    attempt = start_quiz(user, [qid])
    page = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    assert f'<blockquote class="quote cloze">{escape(prompt)}</blockquote>' in page
