"""In Chromium: a teacher uploads a text, a Markdown and a PDF source, curates
facts (one of them an opinion), reviews, marks a disagreement between two of
them and publishes; a student takes a quiz on the Markdown source with every
question type in it, and follows the PDF passage's link to its page."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import QuizAttempt, Role, Source, User
from app.services.quiz import QUESTION_TYPES
from tests.browser import keyboard_login
from tests.conftest import PASSWORD
from tests.pdf_maker import make_pdf
from tests.suez_world import FACTS, SUEZ, add_suez_facts

pytestmark = pytest.mark.browser

NOTES = """Notes on the canal zone

Ismailia was founded in 1862 on the shore of Lake Timsah.
"""


def _add_source(page: object, base: str, title: str, path: object, kind: str) -> None:
    page.goto(base + "/teach/sources/new")  # type: ignore[attr-defined]
    page.get_by_label("Title").fill(title)  # type: ignore[attr-defined]
    page.get_by_label("What kind of source is it?").select_option("reference")  # type: ignore[attr-defined]
    page.get_by_label("Licence or permission").fill("CC0")  # type: ignore[attr-defined]
    page.get_by_label(kind, exact=True).check()  # type: ignore[attr-defined]
    page.get_by_label("Upload a file").set_input_files(str(path))  # type: ignore[attr-defined]
    page.get_by_role("button", name="Add the source").click()  # type: ignore[attr-defined]


def _write_fact(
    page, expect, quote, statement, question="", answer="", kind="date", opinion=False, false=""
):
    form = page.locator("form", has=page.locator("input[name=prefix][value=own]"))
    form.get_by_label(re.compile("^Passage")).fill(quote)
    if opinion:
        form.get_by_label(re.compile("An opinion of the source")).check()
    else:
        form.get_by_label("Question", exact=True).fill(question)
        form.get_by_label("Answer", exact=True).fill(answer)
        form.get_by_label("Kind of answer").select_option(kind)
    form.get_by_label(re.compile("^Statement of the fact")).fill(statement)
    if false:
        form.get_by_label(re.compile("^A false statement")).fill(false)
    form.get_by_role("button", name="Add the fact").click()
    expect(page.locator("#curate-status")).to_contain_text("Fact added")
    if opinion:
        expect(page.locator("#fact-list")).to_contain_text(
            f"{statement} (an opinion of the source)"
        )


def test_a_teachers_sources_from_upload_to_a_students_quiz_of_every_type(
    app, live_server, browser, make_user, tmp_path
):
    expect = pytest.importorskip("playwright.sync_api").expect
    base = live_server.url
    teacher = make_user(Role.TEACHER)
    page = browser.new_context(viewport={"width": 1000, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    keyboard_login(page, base, teacher.username, PASSWORD)

    # a plain text, with one fact written by hand
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    _add_source(page, base, "Notes on the canal zone", notes, "Plain text")
    expect(page.get_by_role("heading", level=1)).to_have_text("Curate: Notes on the canal zone")
    _write_fact(
        page,
        expect,
        "Ismailia was founded in 1862 on the shore of Lake Timsah.",
        "Ismailia was founded in 1862 on the shore of Lake Timsah.",
        "When was Ismailia founded on the shore of Lake Timsah?",
        "1862",
    )
    notes_url = page.url.split("#")[0]

    # the later account, as a PDF of two pages
    later = FACTS["later"]
    pdf = tmp_path / "later.pdf"
    pdf.write_bytes(make_pdf(later["pages"]))
    _add_source(page, base, later["title"], pdf, "Plain text")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Curate: {later['title']}")
    _write_fact(
        page, expect, later["quote"], later["statement"], later["question"], later["answer"]
    )
    later_url = page.url.split("#")[0]

    # the history of the canal, in Markdown: the fixture's facts as curated
    # before, then the opening's date and an opinion curated here
    history = tmp_path / "suez.md"
    history.write_text(SUEZ, encoding="utf-8")
    _add_source(page, base, "The building of the Suez Canal", history, "Markdown")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Curate: The building of the Suez Canal"
    )
    with app.app_context():
        suez = db.session.scalars(
            select(Source).where(Source.title == "The building of the Suez Canal")
        ).one()
        add_suez_facts(db.session, db.session.get(User, teacher.id), suez)
        db.session.commit()
        suez_id = suez.id
    page.reload()
    opening = FACTS["opening"]
    # with a false statement: its true-or-false items, the one true, the other false
    false = opening["statement"].replace(opening["answer"], "17 November 1871")
    assert false != opening["statement"]
    _write_fact(
        page,
        expect,
        opening["quote"],
        opening["statement"],
        opening["question"],
        opening["answer"],
        false=false,
    )
    opinion = FACTS["opinion"]
    _write_fact(page, expect, opinion["quote"], opinion["statement"], opinion=True)

    # review, then mark the disagreement with the later account
    page.get_by_role("link", name="Review its questions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Review: The building of the Suez Canal"
    )
    page.get_by_role("link", name="Mark a disagreement").click()
    dispute = FACTS["dispute"]
    page.get_by_label("A passage of this source").select_option(label=opening["statement"])
    page.get_by_label("The passage it disagrees with").select_option(label=later["statement"])
    page.get_by_label("Title of the disagreement").fill(dispute["title"])
    page.get_by_label("What each passage says").fill(dispute["note"])
    page.get_by_label("The question students answer").fill(dispute["question"])
    page.get_by_label("The right reading").fill(dispute["right"])
    page.get_by_label("Why it is right").fill(dispute["right_why"])
    for n, wrong in enumerate(dispute["wrong"], start=1):
        page.get_by_label(f"Wrong reading {n}", exact=True).fill(wrong["text"])
        page.get_by_label(f"Why wrong reading {n} is wrong").fill(wrong["why"])
    page.get_by_role("button", name="Save the disagreement").click()
    expect(page.locator(".flashes[role=status]")).to_contain_text("Disagreement saved")
    item = page.locator("#disputes section")
    expect(item.first).to_contain_text(dispute["question"])
    expect(item.first).to_contain_text("(right answer)")
    page.get_by_role("button", name="Publish the source").click()
    # the page's message, not the curation screen's live region, which its script may fill
    expect(page.locator(".flashes[role=status]")).to_contain_text("Source published")
    for url in (later_url, notes_url):
        page.goto(url)
        page.get_by_role("button", name="Publish", exact=True).click()
        # the page's message, beside the curation screen's own live region
        expect(page.locator(".flashes[role=status]")).to_contain_text("Source published")

    # a student's quiz on the history holds every type of question
    student = make_user(Role.STUDENT)
    learner = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    learner.set_default_timeout(15_000)
    keyboard_login(learner, base, student.username, PASSWORD)
    learner.goto(base + "/sources/disagreements")
    expect(learner.get_by_role("heading", name=dispute["title"])).to_be_visible()
    learner.goto(base + f"/quiz/?scope=source:{suez_id}")
    learner.get_by_label("Number of questions").fill("50")
    learner.get_by_role("button", name="Start the quiz").click()
    expect(learner.get_by_role("heading", level=1)).to_contain_text("Question 1 of")
    attempt_id = int(re.search(r"/quiz/(\d+)/q/1", learner.url).group(1))
    with app.app_context():
        attempt = db.session.get(QuizAttempt, attempt_id)
        types = {a.question_data["type"]: a.position for a in attempt.answers}
        sources = {a.question_data["source"]["source_id"] for a in attempt.answers}
    assert set(types) == set(QUESTION_TYPES), set(QUESTION_TYPES) - set(types)
    assert sources == {suez_id}

    # the disagreement's item: its feedback cites the PDF's page, and the link
    # opens the passage highlighted on the source's page
    learner.goto(base + f"/quiz/{attempt_id}/q/{types['dispute']}")
    learner.get_by_label(dispute["right"]).check()
    learner.get_by_role("button", name="Check answer").click()
    feedback = learner.locator("#feedback")
    expect(feedback).to_contain_text("Right")
    feedback.locator("summary").click()  # the passages, closed after a right answer
    expect(feedback).to_contain_text(f"{later['title']}, p. 2")
    feedback.get_by_role("link", name=f"Read the passage in the source ({later['title']})").click()
    passage = learner.locator("mark#passage")
    expect(passage).to_contain_text("16 November 1869")
    expect(passage).to_be_in_viewport()
    expect(learner.locator("main")).to_contain_text("p. 2")
    learner.screenshot(path="test-artifacts/teacher-source-pdf-passage.png")


def test_a_paste_or_a_file_over_the_limit_is_named_before_it_is_sent_and_stays(
    live_server, page, make_user, tmp_path
):
    expect = pytest.importorskip("playwright.sync_api").expect
    from app.services.curation.texts import MAX_CHARS

    teacher = make_user(Role.TEACHER)
    keyboard_login(page, live_server.url, teacher.username, PASSWORD)
    page.goto(live_server.url + "/teach/sources/new")
    page.get_by_label("Title").fill("A very long text")
    page.get_by_label("Licence or permission").fill("CC0")
    text = "The canal was dug by hand. " * (MAX_CHARS // 20)
    page.get_by_label("Paste the text").fill(text)
    page.get_by_role("button", name="Add the source").click()
    expect(page.get_by_role("alert").filter(has_text="add it in parts")).to_be_visible()
    assert page.url.endswith("/teach/sources/new")  # nothing was sent
    assert page.get_by_label("Paste the text").input_value() == text
    assert page.get_by_label("Title").input_value() == "A very long text"
    # a file over its limit likewise, named as soon as it is chosen
    page.get_by_label("Paste the text").fill("")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (6 * 1024 * 1024))
    page.get_by_label("Upload a file").set_input_files(str(big))
    expect(
        page.get_by_role("alert").filter(has_text="“big.txt” is larger than 5 MB")
    ).to_be_visible()
    page.get_by_role("button", name="Add the source").click()
    assert page.url.endswith("/teach/sources/new")
