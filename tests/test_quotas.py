"""Quotas: join-code guesses, quiz starts, open quizzes, reports."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import QuestionReport, QuizAttempt, Role, User
from app.services import teaching
from tests.conftest import post

QUESTION = "nwe-second-trial-dates:mcq"


def from_address(client, address):
    client.environ_base["REMOTE_ADDR"] = address
    return client


def make_class(app, make_user):
    teacher = make_user(Role.TEACHER)
    with app.app_context():
        classroom = teaching.create_class(db.session, db.session.get(User, teacher.id), "11B")
        db.session.commit()
        return classroom.join_code


def test_join_code_guesses_are_limited_per_student(app, make_user, login_as):
    code = make_class(app, make_user)
    guesser, _ = login_as()
    statuses = [post(guesser, "/classes/", {"code": f"WRONG{i:03}"}).status_code for i in range(10)]
    assert statuses == [200] * 10
    refused = post(guesser, "/classes/", {"code": "WRONG999"})
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert "Too many wrong codes" in page and "WRONG999" in page
    # even the right code waits; another student at the same address is not held up
    assert post(guesser, "/classes/", {"code": code}).status_code == 429
    classmate, _ = login_as()
    assert post(classmate, "/classes/", {"code": code}).status_code == 302


def test_join_code_guesses_are_limited_per_address(app, make_user, login_as):
    app.config["JOIN_LIMIT_PER_ADDRESS"] = "15 per 10 minutes"
    code = make_class(app, make_user)
    statuses = []
    for _ in range(2):
        client, _ = login_as()
        from_address(client, "192.0.2.5")
        statuses += [
            post(client, "/classes/", {"code": f"BAD{i:05}"}).status_code for i in range(8)
        ]
    assert statuses.count(200) == 15 and statuses[-1] == 429
    elsewhere, _ = login_as()
    assert (
        post(from_address(elsewhere, "192.0.2.6"), "/classes/", {"code": code}).status_code == 302
    )


def start(client, count=5):
    return post(
        client,
        "/quiz/",
        {"scope": "all:", "count": str(count), "types": ["mcq"], "feedback_mode": "each"},
    )


def attempts_of(app, user):
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(QuizAttempt).where(QuizAttempt.user_id == user.id)
        )


def test_quiz_starts_are_limited_per_user(app, login_as):
    app.config["QUIZ_MAX_OPEN"] = 100
    client, user = login_as()
    statuses = [start(client).status_code for _ in range(8)]
    assert statuses == [302] * 6 + [429] * 2
    assert attempts_of(app, user) == 6
    assert "several quizzes within the last minute" in start(client).get_data(as_text=True)
    other, _ = login_as()
    assert start(other).status_code == 302


def test_open_quizzes_are_capped_with_a_way_to_resume_or_abandon(app, login_as):
    client, user = login_as()
    assert [start(client).status_code for _ in range(5)] == [302] * 5
    refused = start(client)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert "You have 5 unfinished quizzes" in page
    assert "Resume" in page and "Abandon" in page
    assert attempts_of(app, user) == 5
    with app.app_context():
        newest = db.session.scalars(
            select(QuizAttempt.id).where(QuizAttempt.user_id == user.id).order_by(QuizAttempt.id)
        ).all()[-1]
    abandoned = post(client, f"/quiz/{newest}/abandon", follow_redirects=True)
    assert "is abandoned" in abandoned.get_data(as_text=True)
    assert attempts_of(app, user) == 4
    assert start(client).status_code == 302


def test_a_second_identical_report_updates_the_first(app, login_as, start_quiz):
    client, user = login_as()
    attempt = start_quiz(user, question_ids=[QUESTION])
    for comment in ("a typo in the date", "a typo in the date", "and in the name"):
        response = post(
            client,
            f"/quiz/{attempt.id}/q/1/report",
            {"reason": "typo", "comment": comment},
            follow_redirects=True,
        )
        assert response.status_code == 200
    assert "your report is updated" in response.get_data(as_text=True)
    with app.app_context():
        reports = db.session.scalars(select(QuestionReport)).all()
        assert [(r.question_id, r.comment) for r in reports] == [(QUESTION, "and in the name")]
        # once a teacher has dealt with it, a new report is a new one
        reports[0].status = "resolved"
        db.session.commit()
    post(client, f"/quiz/{attempt.id}/q/1/report", {"reason": "other", "comment": "again"})
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(QuestionReport)) == 2
