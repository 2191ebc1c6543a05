"""In Chromium: a whole new source on another subject goes from upload to
curated facts to a generated quiz."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Fact, Question, QuizAttempt, Role, Source
from tests.browser import keyboard_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

TEXT = """The first balloon flights

On 4 June 1783 the brothers Joseph-Michel and Jacques-Étienne Montgolfier flew an unmanned hot-air balloon at Annonay.

On 19 September 1783 a sheep, a duck and a rooster flew for eight minutes before King Louis XVI at Versailles.

The first free flight with people aboard took place on 21 November 1783 in Paris.

Jacques Charles launched a hydrogen balloon from the Champ de Mars on 27 August 1783.
"""


def _select(page, blocks, words):
    """Select `words` in the first of `blocks` holding them, as a reader does with the mouse."""
    page.locator(blocks, has_text=words).first.evaluate(
        """(p, words) => {
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.nodeValue.indexOf(words);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + words.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
        }""",
        words,
    )


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

    # three facts: one proposal as it is, one edited, one from words selected in the text
    first = page.locator(".proposal.current")
    expect(first.locator("[data-preview]")).to_contain_text("It will generate")
    first.get_by_role("button", name=re.compile("^Accept")).click()
    expect(page.locator("#curate-status")).to_contain_text("Fact added")
    edited = page.locator(".proposal.current")
    edited.locator("summary").click()
    edited.get_by_label("Question").fill(
        "On what date did a sheep, a duck and a rooster fly at Versailles?"
    )
    expect(edited.locator("[data-preview]")).to_contain_text("a sheep, a duck and a rooster fly")
    edited.get_by_role("button", name=re.compile("^Accept")).click()
    expect(page.locator("[data-count=facts]").first).to_have_text("2")
    _select(page, ".curate-source p", "took place on 21 November 1783")
    page.get_by_role("link", name="Start a fact from the selection").click()
    own = page.locator("form.own-fact")
    expect(own.get_by_label(re.compile("^Passage"))).to_have_value("took place on 21 November 1783")
    expect(own.get_by_label("Answer", exact=True)).to_have_value("21 November 1783")
    expect(own.locator("[data-preview]")).to_contain_text("It will generate")
    # a false statement gives the fact its true-or-false items, one true, one false
    statement = own.get_by_label(re.compile("^Statement")).input_value()
    assert "21 November 1783" in statement
    own.get_by_label(re.compile("^A false statement")).fill(
        statement.replace("21 November 1783", "21 November 1785")
    )
    expect(own.locator("[data-preview]")).to_contain_text("21 November 1785")
    own.get_by_role("button", name="Add the fact").click()
    expect(page.locator("[data-count=facts]").first).to_have_text("3")
    expect(page.locator("#fact-list li")).to_have_count(3)
    with app.app_context():
        questions = {f.question for f in db.session.scalars(select(Fact))}
        assert "On what date did a sheep, a duck and a rooster fly at Versailles?" in questions

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


FIXTURE = Path(__file__).parent / "fixtures" / "broad_street_cholera.md"


def _upload(page, url, title, path):
    """The form for a new source, filled with a Markdown file, not yet sent."""
    page.goto(url + "/teach/sources/new")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Author or publisher").fill("A. Teacher")
    page.get_by_label("Licence or permission").fill("CC0")
    page.get_by_label("Markdown").check()
    page.get_by_label("Upload a file").set_input_files(str(path))


def test_a_teacher_curates_fifteen_facts_with_the_keyboard_alone(
    app, live_server, browser, make_user
):
    """Upload through the form, then keys only: j/k to move, e to edit, a to accept,
    s to skip what would generate nothing; every fact's preview is read before it is
    saved. Fifteen facts are saved and every question students can see passes the gate."""
    expect = pytest.importorskip("playwright.sync_api").expect
    from question_bank.gate import GateContext, failures

    teacher = make_user(Role.TEACHER)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    keyboard_login(page, live_server.url, teacher.username, PASSWORD)
    _upload(page, live_server.url, "The Broad Street cholera outbreak of 1854", FIXTURE)
    page.get_by_label("What kind of source is it?").select_option("reference")
    with page.expect_navigation():
        page.get_by_label("Licence or permission").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Curate: The Broad Street cholera outbreak of 1854"
    )
    began = time.perf_counter()
    facts = page.locator("[data-count=facts]").first
    current = page.locator(".proposal.current")

    page.keyboard.press("?")  # the list of keys
    expect(page.get_by_role("dialog", name="Keyboard keys")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Keyboard keys")).to_be_hidden()
    first = current.get_attribute("id")
    page.keyboard.press("j")
    expect(current).not_to_have_id(first)
    page.keyboard.press("k")
    expect(current).to_have_id(first)
    expect(page.locator(f"#{first}")).to_be_focused()

    saved, skipped, edited_question = 0, 0, ""
    while saved < 15:
        preview = current.locator("[data-preview]")
        expect(preview).to_contain_text(re.compile("It will generate|cannot be saved"))
        if (
            "It will generate 0" in preview.inner_text()
            or "cannot be saved" in preview.inner_text()
        ):
            page.keyboard.press("s")
            skipped += 1
            continue
        if saved == 4:  # a teacher's own wording for one question
            page.keyboard.press("e")
            question = current.get_by_label("Question")
            expect(question).to_be_focused()
            asked = question.input_value()
            edited_question = "According to the source, " + asked[0].lower() + asked[1:]
            page.keyboard.type(edited_question)
            expect(preview).to_contain_text("According to the source")  # previewed as typed
            page.keyboard.press("Enter")
        else:
            page.keyboard.press("a")
        saved += 1
        expect(facts).to_have_text(str(saved))
        expect(page.locator("#curate-status")).to_contain_text("Fact added")
    page.screenshot(path="test-artifacts/curation-keyboard.png")

    # a skip lasts: s, then a reload (another sitting) and it is still skipped
    key = current.get_attribute("data-key")
    asked = current.locator(".proposal-question").inner_text()
    page.keyboard.press("s")
    skipped += 1
    expect(page.locator("#curate-status")).to_contain_text("Skipped")
    expect(page.locator(f'.proposal[data-key="{key}"]')).to_be_hidden()
    expect(page.locator("[data-count=skipped]")).to_have_text(str(skipped))
    show = page.get_by_text(re.compile(r"^Show skipped \(\d+\)$"))
    show.click()
    back = page.get_by_role("button", name=re.compile("^Bring back.*" + re.escape(asked[:40])))
    back.click()  # undone in the same sitting: the proposal comes back where it was
    proposal = page.locator(f'.proposal[data-key="{key}"]')
    expect(proposal).to_be_visible()
    expect(page.locator("[data-count=skipped]")).to_have_text(str(skipped - 1))
    proposal.focus()
    page.keyboard.press("s")
    expect(proposal).to_be_hidden()
    shown = page.locator("[data-count=proposals]").first.inner_text()
    page.wait_for_load_state("networkidle")  # the skip has reached the server
    page.reload()
    expect(page.locator(f'.proposal[data-key="{key}"]')).to_be_hidden()
    expect(page.locator("[data-count=proposals]").first).to_have_text(shown)
    expect(show).to_have_text(f"Show skipped ({skipped})")  # every s of the loop, too
    show.click()
    expect(back).to_be_visible()
    back.click()  # in place, no reload
    expect(page.locator(f'.proposal[data-key="{key}"]')).to_be_visible()
    expect(page.locator("[data-count=skipped]")).to_have_text(str(skipped - 1))
    expect(page.locator("#curate-status")).to_contain_text("Brought back")
    page.wait_for_load_state("networkidle")
    page.reload()
    expect(page.locator(f'.proposal[data-key="{key}"]')).to_be_visible()

    publish = page.get_by_role("button", name="Publish")
    publish.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Source published")).to_be_visible()
    print(
        f"\n15 facts curated with the keyboard in {time.perf_counter() - began:.1f} s ({skipped} skipped)"
    )

    with app.app_context():
        from app.services import curation

        source = db.session.scalars(select(Source).where(Source.builtin.is_(False))).one()
        assert source.published
        stored = db.session.scalars(
            select(Fact).where(Fact.source_id == source.id, ~Fact.retired)
        ).all()
        assert len(stored) == 15
        assert edited_question in {f.question for f in stored}
        # what students can see: the published source's live questions
        visible = db.session.scalars(
            select(Question).where(Question.source_id == source.id, ~Question.retired)
        ).all()
        assert visible
        bank = curation.source_bank(db.session, source)
        passed = bank.by_id()
        ctx = GateContext.of(bank.base)
        for question in visible:
            assert question.id in passed, question.id  # the generator published it
            assert question.prompt == passed[question.id].prompt
            assert failures(passed[question.id], ctx) == [], question.id
        assert {r.question.id for r in bank.rejected}.isdisjoint(q.id for q in visible)
        # accepted as shown, the proposals' false versions became true-or-false items
        # with a false side, each a fact's statement with its date or count swapped
        falsified = [f for f in stored if f.false_statements]
        assert len(falsified) >= 5
        false_sides = {
            q.prompt for q in visible if q.type == "true_false" and q.data["answer"] == "False"
        }
        assert {f.false_statements[0] for f in falsified} <= false_sides


def test_what_to_check_leaves_a_draft_once_its_question_is_rewritten(
    app, live_server, browser, make_user
):
    expect = pytest.importorskip("playwright.sync_api").expect
    teacher = make_user(Role.TEACHER)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    keyboard_login(page, live_server.url, teacher.username, PASSWORD)
    _upload(page, live_server.url, "The Suez Canal", FIXTURE.with_name("suez_canal.md"))
    with page.expect_navigation():
        page.get_by_role("button", name="Add the source").click()
    draft = page.locator(".proposal.draft").first
    check = draft.locator("[data-doubt-box]")
    expect(check).to_be_visible()
    expect(check).to_contain_text("It says only")
    question = draft.get_by_label("Question")
    question.fill("Which forced labour did Ismail Pasha object to on the Suez Canal?")
    expect(check).to_be_hidden()
