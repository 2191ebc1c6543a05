"""In Chromium: a teacher sets an assignment's rules and a student meets them
(one attempt, marks at the end, answers after the due date); an accommodation
gives one student more time on the quiz they are taking; missing and late
work show in the gradebook and count in the average."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import Assignment, QuizAttempt, Role
from tests.browser import keyboard_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
SHOTS = "test-artifacts"


def _finish_wrongly(page, expect):
    """Answer both questions of the lesson's quiz with something wrong, then finish."""
    for position in (1, 2):
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Question {position} of 2")
        radios = page.get_by_role("radio")
        if radios.count():
            radios.filter(has_not_text="January 23-30, 1937").first.check()
        else:
            page.get_by_label(re.compile("Your answer|The missing words")).fill("1900")
        page.get_by_role("button", name="Save and go on").click()
        expect(page.locator("#progress")).to_have_text(f"{position} of 2 answered")
        assert page.locator("#feedback").count() == 0  # no right or wrong before the end
    page.get_by_role("button", name=re.compile("Finish the quiz")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Results")


def test_one_attempt_marks_at_the_end_and_answers_after_the_due_date(
    app, live_server, browser, make_user, make_course
):
    expect = pytest.importorskip("playwright.sync_api").expect
    teacher = make_user(Role.TEACHER, display_name="Ms Ray")
    student = make_user(Role.STUDENT, display_name="Olga")
    course = make_course(teacher, [])
    make_course.enroll(course.classroom, student)
    base = live_server.url

    t = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    keyboard_login(t, base, teacher.username, PASSWORD)
    t.goto(f"{base}/teach/lessons/{course.lesson}")
    t.get_by_label("Class").select_option(label=f"Class of {teacher.username}")
    due = (clock.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    t.get_by_label("Due (optional, your local time)").fill(due)
    t.get_by_label("Attempts allowed").fill("1")
    t.get_by_label("During the quiz").select_option("end")
    t.get_by_label("The answers and the answer key are shown").select_option("due")
    t.get_by_role("button", name="Assign").click()
    expect(t.get_by_role("status")).to_contain_text("Assigned to")
    expect(
        t.get_by_text(re.compile("1 attempt; marks at the end; answers after the due date"))
    ).to_be_visible()

    s = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    keyboard_login(s, base, student.username, PASSWORD)
    s.goto(f"{base}/lessons/{course.lesson}")
    rules = s.get_by_role("region", name="The quiz’s rules")
    expect(rules).to_contain_text("1 attempt (0 used)")
    expect(rules).to_contain_text("Answers after the due date")
    # the due date is shown in the student's own time zone, not as UTC
    expect(rules.locator("time.local-time").last).not_to_contain_text("UTC")
    s.get_by_role("button", name="Take the lesson's quiz").click()
    # marks at the end: nothing is said about right or wrong while answering
    _finish_wrongly(s, expect)
    expect(s.locator(".score")).to_contain_text("0 of 2 right")
    expect(s.get_by_text("The answers are not shown yet.")).to_be_visible()
    assert s.get_by_text("January 23-30, 1937").count() == 0
    assert s.get_by_role("button", name="Retake").count() == 0
    s.screenshot(path=f"{SHOTS}/rules-results-before-release.png", full_page=True)
    s.goto(f"{base}/lessons/{course.lesson}")
    expect(s.get_by_text("You have used your 1 attempt at this quiz.")).to_be_visible()
    assert s.get_by_role("button", name="Take the lesson's quiz").count() == 0

    with app.app_context():  # the due date passes
        db.session.get(Assignment, course.assignment).due_at = clock.now() - timedelta(minutes=1)
        db.session.commit()
    s.goto(f"{base}/quiz/history")
    s.get_by_role("link", name=re.compile("Lesson of")).first.click()
    expect(s.get_by_text("January 23-30, 1937").first).to_be_visible()


def test_an_accommodation_gives_one_student_more_time_on_a_quiz_in_progress(
    app, live_server, browser, make_user, make_course
):
    expect = pytest.importorskip("playwright.sync_api").expect
    teacher = make_user(Role.TEACHER, display_name="Ms Ray")
    student = make_user(Role.STUDENT, display_name="Olga")
    other = make_user(Role.STUDENT, display_name="Boris")
    course = make_course(teacher, [])
    make_course.enroll(course.classroom, student)
    make_course.enroll(course.classroom, other)
    with app.app_context():
        db.session.get(Assignment, course.assignment).time_limit_minutes = 10
        db.session.commit()
    base = live_server.url

    s = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    keyboard_login(s, base, student.username, PASSWORD)
    s.goto(f"{base}/lessons/{course.lesson}")
    s.get_by_role("button", name="Take the lesson's quiz").click()
    expect(s.get_by_role("timer")).to_contain_text(re.compile(r"Time left: (9|10) min"))

    t = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    keyboard_login(t, base, teacher.username, PASSWORD)
    t.goto(f"{base}/teach/classes/{course.classroom}")
    t.get_by_role("link", name="Olga").click()
    t.get_by_label("Extra time: minutes added").fill("20")
    t.get_by_role("button", name="Save the accommodation").click()
    expect(t.get_by_role("status")).to_contain_text("It applies to the quiz they have in progress")
    t.goto(f"{base}/teach/classes/{course.classroom}")
    olga = t.get_by_role("row", name=re.compile("Olga"))
    expect(olga).to_contain_text("accommodation")
    expect(olga).to_contain_text("in progress")
    assert "accommodation" not in t.get_by_role("row", name=re.compile("Boris")).inner_text()
    t.screenshot(path=f"{SHOTS}/rules-gradebook-accommodation.png", full_page=True)

    s.reload()
    expect(s.get_by_role("timer")).to_contain_text(re.compile(r"Time left: (29|30) min"))
    s.goto(f"{base}/lessons/{course.lesson}")
    expect(s.get_by_text("Your teacher has allowed you:")).to_be_visible()
    expect(s.get_by_role("region", name="The quiz’s rules")).to_contain_text("30 minutes")
    b = browser.new_context().new_page()
    keyboard_login(b, base, other.username, PASSWORD)
    b.goto(f"{base}/lessons/{course.lesson}")
    expect(b.get_by_role("region", name="The quiz’s rules")).to_contain_text("10 minutes")
    assert b.get_by_text("Your teacher has allowed you:").count() == 0


def test_missing_and_late_work_show_in_the_gradebook_and_count(
    app, live_server, browser, make_user, make_course
):
    expect = pytest.importorskip("playwright.sync_api").expect
    teacher = make_user(Role.TEACHER, display_name="Ms Ray")
    late = make_user(Role.STUDENT, display_name="Lev")
    absent = make_user(Role.STUDENT, display_name="Nina")
    course = make_course(teacher, [])
    make_course.enroll(course.classroom, late)
    make_course.enroll(course.classroom, absent)
    base = live_server.url

    s = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    keyboard_login(s, base, late.username, PASSWORD)
    s.goto(f"{base}/lessons/{course.lesson}")
    s.get_by_role("button", name="Take the lesson's quiz").click()
    _finish_wrongly(s, expect)
    with app.app_context():  # it was due an hour before Lev handed it in
        db.session.get(Assignment, course.assignment).due_at = clock.now() - timedelta(hours=1)
        attempt = db.session.scalars(
            select(QuizAttempt).where(QuizAttempt.user_id == late.id)
        ).one()
        attempt.score, attempt.finished_at = 0.5, clock.now()
        db.session.commit()

    t = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    keyboard_login(t, base, teacher.username, PASSWORD)
    t.goto(f"{base}/teach/classes/{course.classroom}")
    lev = t.get_by_role("row", name=re.compile("Lev"))
    expect(lev).to_contain_text("50%")
    expect(lev.locator(".tag", has_text="late")).to_be_visible()
    nina = t.get_by_role("row", name=re.compile("Nina"))
    expect(nina.locator(".tag", has_text="missing")).to_be_visible()
    expect(nina).to_contain_text("counts 0%")
    expect(nina.locator("td").nth(1)).to_have_text("0%")  # the average counts the missing 0
    t.screenshot(path=f"{SHOTS}/rules-gradebook-missing-late.png", full_page=True)
