"""In Chromium: a five-question quiz by keyboard only, a wrong answer, the source
link to the highlighted passage; and a reload in the middle keeps the answers."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Question, Role
from tests.browser import keyboard_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

QUESTIONS = [
    "nwe-second-trial-dates:mcq",
    "nwe-first-trial-ulrikh-presided:mcq",
    "nwe-dewey-commission-may-1937:mcq",
    "nwe-third-trial-march-1938:mcq",
    "nwe-trial-of-generals-june-1937:mcq",
]


def _mcq_ids(app, count=5):
    with app.app_context():
        wanted = [q for q in QUESTIONS if db.session.get(Question, q) is not None]
        if len(wanted) < count:
            extra = db.session.scalars(
                select(Question.id)
                .where(Question.type == "mcq", Question.source_id == "nwe")
                .order_by(Question.id)
            ).all()
            wanted += [q for q in extra if q not in wanted][: count - len(wanted)]
        return wanted[:count]


def _tab_to(page, predicate_js, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return !!el && ({predicate_js}); }})()"
        ):
            return
    raise AssertionError(f"could not reach {predicate_js} with the Tab key")


def _log_in_by_keyboard(page, base, username):
    keyboard_login(page, base, username, PASSWORD)


def test_keyboard_only_quiz_with_a_wrong_answer_and_the_source_link(
    app, live_server, page, make_user, start_quiz
):
    expect = pytest.importorskip("playwright.sync_api").expect
    user = make_user(Role.STUDENT)
    ids = _mcq_ids(app)
    attempt = start_quiz(user, ids, feedback_mode="each")
    with app.app_context():
        answers = [db.session.get(Question, q).data["answer"] for q in ids]
    _log_in_by_keyboard(page, live_server.url, user.username)
    page.goto(f"{live_server.url}/quiz/{attempt.id}")

    for position, (display, answer) in enumerate(
        zip(attempt.displays, answers, strict=True), start=1
    ):
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Question {position} of 5")
        right = display["options"].index(answer)
        choice = (
            (right + 1) % len(display["options"]) if position == 2 else right
        )  # question 2 wrong
        _tab_to(page, "el.type === 'radio'")
        page.keyboard.press(str(choice + 1))  # digits pick an option
        page.keyboard.press("Enter")  # submits the form
        feedback = page.locator("#feedback")
        expect(feedback).to_contain_text("Not quite" if position == 2 else "Right")
        # answered: the button that checked it goes, the way on stays
        expect(page.get_by_role("button", name="Check answer")).to_be_hidden()
        if position < 5:
            _tab_to(page, "el.textContent.includes('Next question')")
            page.keyboard.press("Enter")
    _tab_to(page, "el.textContent.includes('Finish the quiz')")
    page.keyboard.press("Enter")
    expect(page.get_by_text("4 of 5 right")).to_be_visible()

    # follow the source link of the wrong answer, by keyboard
    wrong_fact = ids[1].split(":")[0]
    _tab_to(page, f"el.href && el.href.includes('passage={wrong_fact}')", limit=120)
    page.keyboard.press("Enter")
    passage = page.locator("mark#passage")
    expect(passage).to_be_visible()
    expect(passage).to_be_in_viewport()
    assert f"passage={wrong_fact}" in page.url and page.url.endswith("#passage")


def test_a_reload_in_the_middle_of_a_quiz_keeps_the_answers(
    app, live_server, page, make_user, start_quiz
):
    expect = pytest.importorskip("playwright.sync_api").expect
    user = make_user(Role.STUDENT)
    attempt = start_quiz(user, _mcq_ids(app), feedback_mode="end")
    _log_in_by_keyboard(page, live_server.url, user.username)
    page.goto(f"{live_server.url}/quiz/{attempt.id}/q/1")
    page.get_by_role("radio").nth(2).check()
    page.get_by_role("button", name="Save and go on").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Question 2 of 5")
    page.get_by_role("radio").nth(1).check()  # saved as soon as it is chosen
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    page.reload()
    expect(page.get_by_role("radio").nth(1)).to_be_checked()
    page.goto(f"{live_server.url}/quiz/{attempt.id}")  # "resume" goes to the first unanswered
    expect(page.get_by_role("heading", level=1)).to_have_text("Question 3 of 5")
    page.goto(f"{live_server.url}/quiz/{attempt.id}/q/1")
    expect(page.get_by_role("radio").nth(2)).to_be_checked()


def test_ten_questions_by_keyboard_alone_with_the_keys_on_screen(
    app, live_server, page, make_user, start_quiz
):
    """Digits choose, Enter checks, Enter again goes on: no Tab at all. Right and
    wrong show on the options, the progress bar fills, "?" lists the keys, and the
    source passage links back to the question."""
    expect = pytest.importorskip("playwright.sync_api").expect
    user = make_user(Role.STUDENT)
    ids = _mcq_ids(app, 10)
    attempt = start_quiz(user, ids, feedback_mode="each")
    with app.app_context():
        answers = [db.session.get(Question, q).data["answer"] for q in ids]
    _log_in_by_keyboard(page, live_server.url, user.username)
    page.goto(f"{live_server.url}/quiz/{attempt.id}")
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Keyboard keys")).to_contain_text("the next question")
    page.keyboard.press("Escape")

    progress = page.get_by_role("progressbar", name="Questions answered")
    for position, (display, answer) in enumerate(
        zip(attempt.displays, answers, strict=True), start=1
    ):
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Question {position} of 10")
        expect(progress).to_have_attribute("value", str(position - 1))
        right = display["options"].index(answer)
        choice = (right + 1) % len(display["options"]) if position == 3 else right
        page.keyboard.press(str(choice + 1))
        page.keyboard.press("Enter")  # checks the answer
        expect(page.locator("#feedback")).to_contain_text("Not quite" if position == 3 else "Right")
        expect(progress).to_have_attribute("value", str(position))
        if position == 3:
            expect(page.locator("label.choice.is-wrong")).to_contain_text("✗ Your answer")
            expect(page.locator("label.choice.is-right")).to_contain_text("✓ The right answer")
            more = page.locator("#feedback-passage")
            expect(more).to_have_attribute("open", "")  # a wrong answer: the why shows
            page.keyboard.press("p")  # P closes it and opens it again
            expect(more).not_to_have_attribute("open", "")
            expect(page.locator("#feedback .why-wrong")).not_to_be_visible()
            page.keyboard.press("p")
            expect(page.locator("#feedback .why-wrong")).to_be_visible()
            page.locator("#feedback a", has_text="Read the passage").first.click()
            expect(page.locator("mark#passage")).to_be_in_viewport()
            page.get_by_role("link", name="← Back to the question").click()
            # the keys work once the page's scripts have run: on a busy machine the
            # heading can show before they do
            page.wait_for_load_state()
            expect(page.get_by_role("heading", level=1)).to_have_text("Question 3 of 10")
            expect(page.locator("label.choice.is-wrong")).to_be_visible()
        if position < 10:
            with page.expect_navigation():
                page.keyboard.press("Enter" if position % 2 else "ArrowRight")  # goes on
    page.keyboard.press("Enter")  # on the last question: to the Finish button
    expect(page.locator(".finish-button")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("9 of 10 right")).to_be_visible()


def test_an_answer_not_yet_sent_survives_a_reload_and_enter_checks_a_list(
    app, live_server, page, make_user, start_quiz
):
    expect = pytest.importorskip("playwright.sync_api").expect
    with app.app_context():
        ordering = db.session.scalars(
            select(Question.id).where(Question.type == "ordering", ~Question.retired).limit(1)
        ).one()
    user = make_user(Role.STUDENT)
    short = "nwe-holtzman-accused-copenhagen:short"
    attempt = start_quiz(user, [short, ordering], feedback_mode="each")
    _log_in_by_keyboard(page, live_server.url, user.username)
    page.goto(f"{live_server.url}/quiz/{attempt.id}/q/1")
    box = page.get_by_role("textbox")
    box.fill("Holtzman")
    page.reload()
    expect(page.get_by_role("textbox")).to_have_value("Holtzman")
    expect(page.get_by_role("status").filter(has_text="your answer was kept")).to_be_visible()
    page.get_by_role("textbox").press("Enter")
    expect(page.locator("#feedback")).to_contain_text("Right")
    page.goto(f"{live_server.url}/quiz/{attempt.id}/q/2")
    lists = page.locator("select")
    for i in range(lists.count()):
        lists.nth(i).select_option(index=i + 1)
    lists.nth(lists.count() - 1).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#feedback")).to_be_visible()


def test_the_start_page_says_what_the_chosen_topic_holds_as_it_changes(
    live_server, page, make_user
):
    expect = pytest.importorskip("playwright.sync_api").expect
    user = make_user(Role.STUDENT)
    _log_in_by_keyboard(page, live_server.url, user.username)
    page.goto(f"{live_server.url}/quiz/")
    count = page.locator("#scope-count")
    expect(count).to_contain_text("“A mix of everything” holds")
    everything = count.text_content()
    page.get_by_label("What to practise").select_option(label="Trial of the Generals (June 1937)")
    expect(count).to_contain_text("“Trial of the Generals (June 1937)” holds")
    assert count.text_content() != everything
