"""An assignment's rules: attempts allowed, which attempt counts, what the
student sees during the quiz, when the answers are released, late and missing
work, timed attempts closed without a scheduled job, reading-only work,
accommodations, and the question asked before an assigned lesson goes back
to draft."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from app import clock
from app.extensions import db
from app.models import Accommodation, Assignment, Lesson, Question, QuizAttempt, Role, User
from app.services import teaching
from app.services.quiz.choosing import fewer_options
from app.services.teaching.rules import AttemptRow, counted_score, standing
from tests.conftest import csrf_token, login, post

MCQ = "nwe-second-trial-dates:mcq"


@pytest.fixture()
def course(app, make_user, make_course):
    """A class with one student and no attempt yet, its lesson assigned with two
    questions under the default rules (1 attempt, marks at the end, answers
    after the due date)."""
    teacher = make_user(Role.TEACHER, display_name="Ms Ray")
    student = make_user(Role.STUDENT, display_name="Olga")
    made = make_course(teacher, [])
    make_course.enroll(made.classroom, student)
    made.teacher, made.student = teacher, student
    return made


def _client(app, user):
    client = app.test_client()
    login(client, user.username)
    return client


def _rules(app, assignment_id, **values):
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        for key, value in values.items():
            setattr(assignment, key, value)
        db.session.commit()


def _answer(app, question_id):
    with app.app_context():
        return db.session.get(Question, question_id).data["answer"]


def _take(app, client, assignment_id):
    """Start the assigned quiz, answer every question wrongly, finish it."""
    response = post(client, f"/assignments/{assignment_id}/start")
    assert response.status_code == 302, response.status_code
    attempt_id = int(re.search(r"/quiz/(\d+)/", response.headers["Location"]).group(1))
    with app.app_context():
        slots = [
            (a.position, a.question_id, a.display.get("options"), a.question_data["answer"])
            for a in db.session.get(QuizAttempt, attempt_id).answers
        ]
    for position, qid, options, right in slots:
        client.get(f"/quiz/{attempt_id}/q/{position}")
        wrong = next(str(i) for i, o in enumerate(options) if o != right) if options else "x"
        post(client, f"/quiz/{attempt_id}/q/{position}", {"question_id": qid, "answer": wrong})
    post(client, f"/quiz/{attempt_id}/finish")
    return attempt_id


def _attempts(app, student_id):
    with app.app_context():
        return list(
            db.session.scalars(select(QuizAttempt).where(QuizAttempt.user_id == student_id))
        )


def test_the_counted_attempt_follows_the_rule():
    assert counted_score("first", [0.5, 1.0, 0.0]) == 0.5
    assert counted_score("last", [0.5, 1.0, 0.0]) == 0.0
    assert counted_score("best", [0.5, 1.0, 0.0]) == 1.0
    assert counted_score("mean", [0.5, 1.0, 0.0]) == pytest.approx(0.5)
    assert counted_score("best", []) is None


def test_one_attempt_means_no_retake(app, course):
    client = _client(app, course.student)
    _take(app, client, course.assignment)
    response = post(client, f"/assignments/{course.assignment}/start", follow_redirects=True)
    assert "You have used your 1 attempt at this quiz." in response.get_data(as_text=True)
    assert len(_attempts(app, course.student.id)) == 1
    lesson_page = client.get(f"/lessons/{course.lesson}").get_data(as_text=True)
    assert "Take the lesson&#39;s quiz" not in lesson_page
    assert "1 attempt (1 used)" in lesson_page


def test_answers_stay_hidden_everywhere_until_the_due_date(app, course):
    due = clock.now() + timedelta(days=2)
    _rules(app, course.assignment, due_at=due)
    answer = _answer(app, MCQ)
    client = _client(app, course.student)
    lesson_page = client.get(f"/lessons/{course.lesson}").get_data(as_text=True)
    assert "Answers after the due date" in lesson_page and due.isoformat() in lesson_page
    attempt_id = _take(app, client, course.assignment)

    results = client.get(f"/quiz/{attempt_id}/results").get_data(as_text=True)
    assert "of 2 right" in results  # marks at the end
    assert "The answers are not shown yet" in results
    assert answer not in results and "<dt>The answer</dt>" not in results
    assert "Read the passage in the source" not in results
    assert "Retake" not in results and "Practise my mistakes" not in results
    assert "Review these as flashcards" not in results
    question = client.get(f"/quiz/{attempt_id}/q/1").get_data(as_text=True)
    assert answer not in question.split('id="feedback-slot"')[1]
    assert 'id="feedback"' in question  # right and wrong, without the answer

    for action in ("retake", "mistakes"):
        response = post(client, f"/quiz/{attempt_id}/{action}", follow_redirects=True)
        assert "once your teacher" in response.get_data(as_text=True)
    assert len(_attempts(app, course.student.id)) == 1

    history = list(
        csv.reader(io.StringIO(client.get("/account/history.csv").get_data(as_text=True)))
    )
    assert all(answer not in row for row in history[1:]) and history[1][6] == "not released yet"
    data = json.loads(client.get("/account/data.json").get_data(as_text=True))
    assert answer not in json.dumps(data["quiz_attempts"])
    worksheet = client.get(f"/lessons/{course.lesson}/worksheet").get_data(as_text=True)
    assert "Answer key" not in worksheet
    mistakes = post(
        client,
        "/quiz/",
        {"scope": "mistakes:", "count": "5", "types": "mcq", "feedback_mode": "each"},
    )
    assert "You have no mistakes to practise yet" in mistakes.get_data(as_text=True)

    _rules(app, course.assignment, due_at=clock.now() - timedelta(minutes=1))
    results = client.get(f"/quiz/{attempt_id}/results").get_data(as_text=True)
    assert answer in results and "Retake" in results
    worksheet = client.get(f"/lessons/{course.lesson}/worksheet").get_data(as_text=True)
    assert "Answer key" in worksheet


def test_no_feedback_means_no_marks_and_no_score_until_release(app, course):
    _rules(app, course.assignment, feedback="none", answers_released="never")
    client = _client(app, course.student)
    attempt_id = _take(app, client, course.assignment)
    results = client.get(f"/quiz/{attempt_id}/results").get_data(as_text=True)
    assert "Your answers are handed in" in results
    assert "of 2 right" not in results and "Not quite" not in results
    question = client.get(f"/quiz/{attempt_id}/q/1").get_data(as_text=True)
    assert 'id="feedback"' not in question


def test_answers_after_each_attempt_show_once_it_is_finished(app, course):
    _rules(app, course.assignment, answers_released="attempt", attempts_allowed=2)
    answer = _answer(app, MCQ)
    client = _client(app, course.student)
    attempt_id = _take(app, client, course.assignment)
    assert answer in client.get(f"/quiz/{attempt_id}/results").get_data(as_text=True)
    assert post(client, f"/assignments/{course.assignment}/start").status_code == 302
    assert len(_attempts(app, course.student.id)) == 2


def test_missing_work_counts_zero_and_late_work_is_marked(app, course, make_user, make_course):
    late = make_user(Role.STUDENT, display_name="Late Lev")
    make_course.enroll(course.classroom, late)
    teacher = _client(app, course.teacher)
    _take(app, _client(app, late), course.assignment)
    _rules(app, course.assignment, due_at=clock.now() - timedelta(hours=1))
    with app.app_context():  # Lev finished after the due date
        attempt = db.session.scalars(
            select(QuizAttempt).where(QuizAttempt.user_id == late.id)
        ).one()
        attempt.finished_at = clock.now()
        db.session.commit()
    page = teacher.get(f"/teach/classes/{course.classroom}").get_data(as_text=True)
    olga = page.split("Olga")[1].split("</tr>")[0]
    assert "missing" in olga and "counts 0%" in olga
    assert re.search(r'<td data-sort="0(\.0)?">0%</td>', olga), olga  # the average counts the 0
    lev = page.split("Late Lev")[1].split("</tr>")[0]
    assert '<span class="tag">late</span>' in lev
    csv_text = teacher.get(f"/teach/classes/{course.classroom}/gradebook.csv").get_data(
        as_text=True
    )
    assert "missing (0%)" in csv_text and "(late)" in csv_text and "1 attempt" in csv_text


def test_late_work_not_accepted_cannot_be_started(app, course):
    _rules(app, course.assignment, due_at=clock.now() - timedelta(hours=1), accept_late=False)
    client = _client(app, course.student)
    page = post(client, f"/assignments/{course.assignment}/start", follow_redirects=True)
    assert "does not accept late work" in page.get_data(as_text=True)
    assert _attempts(app, course.student.id) == []


def test_an_expired_attempt_reads_as_timed_out_in_the_gradebook(app, course):
    _rules(app, course.assignment, time_limit_minutes=5)
    client = _client(app, course.student)
    post(client, f"/assignments/{course.assignment}/start")
    with app.app_context():
        attempt = db.session.scalars(
            select(QuizAttempt).where(QuizAttempt.user_id == course.student.id)
        ).one()
        attempt.started_at = clock.now() - timedelta(minutes=30)
        attempt.deadline_at = clock.now() - timedelta(minutes=25)
        db.session.commit()
    teacher = _client(app, course.teacher)
    page = teacher.get(f"/teach/classes/{course.classroom}").get_data(as_text=True)
    assert "timed out" in page.split("Olga")[1].split("</tr>")[0]
    assert "in progress" not in page.split("Olga")[1].split("</tr>")[0]
    (attempt,) = _attempts(app, course.student.id)
    assert attempt.finished_reason == "time-up" and attempt.finished_at is not None


def test_an_accommodation_gives_extra_time_to_a_quiz_in_progress(
    app, course, make_user, make_course
):
    other = make_user(Role.STUDENT, display_name="Boris")
    make_course.enroll(course.classroom, other)
    _rules(app, course.assignment, time_limit_minutes=10)
    client = _client(app, course.student)
    post(client, f"/assignments/{course.assignment}/start")
    (attempt,) = _attempts(app, course.student.id)
    assert attempt.deadline_at - attempt.started_at == timedelta(minutes=10)
    teacher = _client(app, course.teacher)
    response = post(
        teacher,
        f"/teach/classes/{course.classroom}/students/{course.student.id}/accommodations",
        {
            "assignment_id": "0",
            "time_multiplier": "1.5",
            "extra_minutes": "",
            "max_options": "2",
            "extra_attempts": "1",
        },
        follow_redirects=True,
    )
    assert "It applies to the quiz they have in progress" in response.get_data(as_text=True)
    with app.app_context():
        attempt = db.session.scalars(
            select(QuizAttempt).where(QuizAttempt.user_id == course.student.id)
        ).one()
        assert attempt.deadline_at - attempt.started_at == timedelta(minutes=15)
        options = next(a for a in attempt.answers if a.question_id == MCQ).display["options"]
    assert len(options) == 2 and _answer(app, MCQ) in options
    gradebook = teacher.get(f"/teach/classes/{course.classroom}").get_data(as_text=True)
    assert "accommodation" in gradebook.split("Olga")[1].split("</tr>")[0]
    assert "accommodation" not in gradebook.split("Boris")[1].split("</tr>")[0]
    mine = client.get(f"/lessons/{course.lesson}").get_data(as_text=True)
    assert "Your teacher has allowed you:" in mine and "time × 1.5" in mine
    assert "2 attempts" in mine
    theirs = _client(app, other).get(f"/lessons/{course.lesson}").get_data(as_text=True)
    assert "allowed you" not in theirs and "1.5" not in theirs


def test_an_accommodation_given_before_the_start_shapes_the_new_attempt(app, course):
    """Extra time and fewer options are there from the first question, and the
    student's classmates keep the class's terms."""
    _rules(app, course.assignment, time_limit_minutes=10)
    teacher = _client(app, course.teacher)
    post(
        teacher,
        f"/teach/classes/{course.classroom}/students/{course.student.id}/accommodations",
        {
            "assignment_id": "0",
            "time_multiplier": "1.25",
            "extra_minutes": "",
            "max_options": "2",
            "extra_attempts": "",
        },
    )
    client = _client(app, course.student)
    post(client, f"/assignments/{course.assignment}/start")
    (attempt,) = _attempts(app, course.student.id)
    assert attempt.time_limit_seconds == 750  # 12.5 minutes, not rounded to 12 or 13
    assert attempt.deadline_at - attempt.started_at == timedelta(minutes=12, seconds=30)
    with app.app_context():
        answers = db.session.get(QuizAttempt, attempt.id).answers
        options = next(a for a in answers if a.question_id == MCQ).display["options"]
    assert len(options) == 2 and _answer(app, MCQ) in options
    page = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    assert 'Time left: <span class="timer-value">12 min</span>' in page


def test_an_accommodation_form_with_nothing_chosen_keeps_what_was_typed(app, course):
    teacher = _client(app, course.teacher)
    response = post(
        teacher,
        f"/teach/classes/{course.classroom}/students/{course.student.id}/accommodations",
        {"assignment_id": "0", "time_multiplier": "1", "max_options": "0"},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Choose at least one thing to allow this student." in page
    assert re.search(r'name="time_multiplier"[^>]*value="1', page)  # what was typed stays
    bad = post(
        teacher,
        f"/teach/classes/{course.classroom}/students/{course.student.id}/accommodations",
        {"assignment_id": "0", "time_multiplier": "9", "max_options": "0"},
    )
    assert bad.status_code == 400 and "Multiply the time by 1 to 5." in bad.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Accommodation)).all() == []


def test_a_lesson_without_questions_is_reading_only_work(app, course):
    with app.app_context():
        lesson = db.session.get(Lesson, course.lesson)
        for item in list(lesson.items):
            if item.kind == "questions":
                lesson.items.remove(item)
        db.session.commit()
    client = _client(app, course.student)
    page = client.get(f"/lessons/{course.lesson}").get_data(as_text=True)
    assert "Reading only" in page and "Take the lesson" not in page
    teacher = _client(app, course.teacher)
    assert "not read" in teacher.get(f"/teach/classes/{course.classroom}").get_data(as_text=True)
    post(client, f"/lessons/{course.lesson}/progress", {"position": "2", "complete": "1"})
    book = teacher.get(f"/teach/classes/{course.classroom}").get_data(as_text=True)
    row = book.split("Olga")[1].split("</tr>")[0]
    assert '<span class="tag">read</span>' in row and "–" in row  # no average from reading


def test_going_back_to_draft_asks_first_and_says_what_is_lost(app, course):
    teacher = _client(app, course.teacher)
    post(_client(app, course.student), f"/assignments/{course.assignment}/start")
    page = post(teacher, f"/teach/lessons/{course.lesson}/publish", {"published": "0"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "back to draft?" in text
    assert "1 student cannot open the lesson" in text and "1 quiz in progress" in text
    with app.app_context():
        assert db.session.get(Lesson, course.lesson).status == "published"
    post(teacher, f"/teach/lessons/{course.lesson}/publish", {"published": "0", "confirm": "1"})
    with app.app_context():
        assert db.session.get(Lesson, course.lesson).status == "draft"


def test_standing_of_a_late_attempt_not_accepted_counts_zero(app, course):
    now = clock.now()
    with app.app_context():
        assignment = db.session.get(Assignment, course.assignment)
        assignment.due_at, assignment.accept_late = now - timedelta(hours=1), False
        terms = teaching.terms_for(db.session, course.student.id, assignment)
        late = AttemptRow(1, course.student.id, assignment.id, 1.0, now, "submitted")
        place = standing(terms, [late], True, None, now)
        assert (place.status, place.grade) == ("late, not accepted", 0.0)
        db.session.rollback()


def test_fewer_options_keeps_the_right_answer_and_the_order():
    data = {"type": "mcq", "answer": "C"}
    assert fewer_options(data, {"options": ["A", "B", "C", "D"]}, 2) == {"options": ["A", "C"]}
    assert fewer_options(data, {"options": ["C", "B"]}, 3) == {"options": ["C", "B"]}
    assert fewer_options(
        {"type": "true_false", "answer": "True"}, {"options": ["True", "False"]}, 2
    )


def _queries_to_start(app, client, assignment_id):
    """The statements a start sends, but for the inserts of the attempt's questions
    (one statement for all of them on PostgreSQL, one each on SQLite)."""
    statements = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    token = csrf_token(client)
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            response = client.post(
                f"/assignments/{assignment_id}/start", data={"csrf_token": token}
            )
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
    assert response.status_code == 302 and "/quiz/" in response.headers["Location"]
    return [s for s in statements if not s.startswith("INSERT INTO attempt_answer")]


def test_starting_assigned_work_takes_the_same_few_queries_whatever_the_lesson(
    app, make_user, make_course
):
    """A whole class starts within seconds: the start reads the assignment, the
    attempts so far, the lesson with its items, the accommodations and the
    questions once each, however long the lesson and however many attempts."""
    teacher = make_user(Role.TEACHER)
    short, long = make_user(Role.STUDENT), make_user(Role.STUDENT)
    small = make_course(teacher, [short])
    big = make_course(teacher, [long])
    with app.app_context():
        ids = list(
            db.session.scalars(
                select(Question.id)
                .where(Question.type == "mcq", Question.owner_id.is_(None))
                .order_by(Question.id)
                .limit(12)
            )
        )
        acting = db.session.get(User, teacher.id)
        teaching.add_questions(db.session, acting, db.session.get(Lesson, big.lesson), ids)
        db.session.get(Assignment, big.assignment).attempts_allowed = 3
        db.session.get(Assignment, small.assignment).attempts_allowed = 3
        db.session.commit()
    few = _queries_to_start(app, _client(app, short), small.assignment)
    many = _queries_to_start(app, _client(app, long), big.assignment)
    assert len(few) == len(many), (few, many)
    assert len(many) <= 8, many


def test_no_time_limit_and_extra_time_together_are_refused_with_what_was_typed(app, course):
    teacher = _client(app, course.teacher)
    response = post(
        teacher,
        f"/teach/classes/{course.classroom}/students/{course.student.id}/accommodations",
        {
            "assignment_id": "0",
            "time_multiplier": "1.5",
            "extra_minutes": "10",
            "untimed": "y",
            "max_options": "0",
        },
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "No time limit and extra time cannot go together" in page
    assert re.search(r'name="extra_minutes"[^>]*value="10"', page)
    # said beside the box it is about, not beside "Applies to"
    assert '<p class="error" id="untimed-error">No time limit and extra time' in page
    assert 'id="assignment_id-error"' not in page
