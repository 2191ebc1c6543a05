"""In Chromium: a whole new source on another subject goes from upload to
curated facts to a generated quiz."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import QuizAttempt, Role, Source
from tests.browser import keyboard_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

TEXT = """The first balloon flights

On 4 June 1783 the brothers Joseph-Michel and Jacques-Étienne Montgolfier flew an unmanned hot-air balloon at Annonay.

On 19 September 1783 a sheep, a duck and a rooster flew for eight minutes before King Louis XVI at Versailles.

The first free flight with people aboard took place on 21 November 1783 in Paris.

Jacques Charles launched a hydrogen balloon from the Champ de Mars on 27 August 1783.
"""


def test_new_source_from_upload_to_curated_facts_to_a_quiz(
    app, live_server, browser, make_user, tmp_path
):
    expect = pytest.importorskip("playwright.sync_api").expect
    teacher = make_user(Role.TEACHER)
    page = browser.new_context(viewport={"width": 1000, "height": 900}).new_page()
    keyboard_login(page, live_server.url, teacher.username, PASSWORD)
    upload = tmp_path / "balloons.txt"
    upload.write_text(TEXT, encoding="utf-8")

    page.goto(live_server.url + "/teach/")
    page.get_by_role("link", name="Add a source").click()
    page.get_by_label("Title").fill("The first balloon flights")
    page.get_by_label("Author or publisher").fill("A. Teacher")
    page.get_by_label("What kind of source is it?").select_option("other")
    page.get_by_label("Licence or permission").fill("CC0")
    page.get_by_label("Upload a file").set_input_files(str(upload))
    page.get_by_role("button", name="Add the source").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Curate: The first balloon flights")

    # confirm three proposed facts, editing each as a curator would
    for sentence, answer, statement in (
        ("On 4 June 1783", "4 June 1783", "The Montgolfiers first flew a balloon on 4 June 1783."),
        (
            "On 19 September 1783",
            "19 September 1783",
            "A sheep, a duck and a rooster flew at Versailles on 19 September 1783.",
        ),
        (
            "The first free flight",
            "21 November 1783",
            "The first free flight with people aboard took place on 21 November 1783.",
        ),
    ):
        # a sentence may hold several proposals, each with other facts inside it:
        # the first proposal on the sentence, and its own form
        proposal = page.locator(
            "details.card", has=page.locator(":scope > summary", has_text=sentence)
        ).first
        proposal.locator(":scope > summary").click()
        form = proposal.locator(":scope > form")
        form.get_by_label("Answer", exact=True).fill(answer)
        form.get_by_label(re.compile("^Statement of the fact")).fill(statement)
        form.get_by_label("Question").fill(f"When? ({statement.split(' on ')[0]})")
        form.get_by_role("button", name=re.compile("^Add this fact")).click()
        expect(page.get_by_role("status")).to_contain_text("Fact added")
    expect(page.locator("#facts + ul li")).to_have_count(3)

    page.get_by_role("link", name="Quiz on this source").click()
    page.get_by_label("Number of questions").fill("5")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Question 1 of 5")
    attempt_id = int(re.search(r"/quiz/(\d+)/q/1", page.url).group(1))
    with app.app_context():
        attempt = db.session.get(QuizAttempt, attempt_id)
        sources = {a.question_data["source"]["source_id"] for a in attempt.answers}
        new_source = db.session.scalars(select(Source.id).where(Source.builtin.is_(False))).one()
        assert sources == {new_source}  # every question comes from the new source
    page.screenshot(path="test-artifacts/new-source-quiz.png")


def test_selecting_words_in_a_source_gives_the_passage_to_add_or_curate(
    live_server, page, make_user
):
    expect = pytest.importorskip("playwright.sync_api").expect
    teacher = make_user(Role.TEACHER)
    keyboard_login(page, live_server.url, teacher.username, PASSWORD)
    page.goto(live_server.url + "/sources/nwe")
    paragraph = page.locator("p", has_text="The second trial occurred between")
    # select the words "January 23-30, 1937" as a reader would with the mouse
    page.evaluate(
        """(p) => {
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.nodeValue.indexOf("January 23-30, 1937");
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + "January 23-30, 1937".length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
        }""",
        paragraph.element_handle(),
    )
    use = page.get_by_role("link", name="Use this passage")
    expect(use).to_be_visible()
    use.click()
    expect(page.locator("mark#passage")).to_have_text("January 23-30, 1937")
    expect(page.get_by_role("heading", name="Selected passage")).to_be_visible()
