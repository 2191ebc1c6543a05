"""axe-core on every kind of page, for every role: zero serious or critical
violations is the target.

    python -m harness.audit.a11y

Debian's Chromium, driven by Playwright, against the demo site served by
gunicorn on 127.0.0.1. For each role (anonymous, student, teacher, admin) the
audit follows the links of the site, visiting one page of each kind (one Flask
endpoint), then fills in forms the way a person would: forms sent with bad input
so that their error messages show, a quiz answered with its feedback shown, a
flashcard turned over, and the error pages (400, 403, 404, 405, the CSRF page,
the login page after too many failures). Closed <details> are opened before
each check so that the forms inside them are audited too. Students and visitors
are audited on a phone-sized screen, teachers and admins on a laptop's: the
layouts differ (tables that scroll sideways, the size of what is tapped). The
student's and the teacher's pages are then checked again in the dark theme (the
browser asking for `prefers-color-scheme: dark`), so that contrast is checked in
both themes."""

from __future__ import annotations

import sys
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from playwright.sync_api import Page, ViewportSize, sync_playwright

from harness.audit.browsing import SEVERE, Audit, Finding, PageKinds
from harness.audit.pages import (
    ANONYMOUS,
    CHROMIUM,
    CHROMIUM_FLAGS,
    ROLES,
    missing_tools,
)
from harness.server import demo_server

PHONE = ViewportSize(width=390, height=844)
LAPTOP = ViewportSize(width=1280, height=800)
VIEWPORTS = {ANONYMOUS: PHONE, "student": PHONE, "teacher": LAPTOP, "admin": LAPTOP}


# -- what each role does ----------------------------------------------------------


def error_pages(audit: Audit) -> None:
    """The error pages a person can reach by a wrong address or a stale form."""
    audit.visit("/no-such-page", "error 404")
    audit.visit("/logout", "error 405 (GET on a POST-only address)")
    audit.visit("/sources/?q=%00", "error 400 (NUL in the query)")
    stale_form = "form[method=post]:has(button[type=submit]):not(.inline)"
    audit.goto("/login" if audit.role == ANONYMOUS else "/account")
    audit.page.locator(f"{stale_form} input[name=csrf_token]").first.evaluate(
        "e => { e.value = 'stale'; }"
    )
    audit.send(stale_form, {}, "CSRF page (stale form sent again)")


def anonymous(audit: Audit) -> None:
    audit.crawl("/", "/login", "/register")
    audit.visit("/dashboard", "auth.login (sent there from a page that needs a login)")
    audit.goto("/login")
    audit.send_bad("main form", {}, "auth.login (empty form)")
    audit.send_bad(
        "main form",
        {"#username": "audit-visitor", "#password": "not-the-password"},
        "auth.login (wrong password)",
    )
    audit.goto("/register")
    audit.send_bad(
        "main form",
        {"#username": "a", "#password": "short", "#confirm": "other"},
        "auth.register",
    )
    error_pages(audit)


def too_many_failed_logins(audit: Audit) -> None:
    """The login page that asks to wait (429), reached with an account that
    does not exist so that no demo account is locked. Last: it uses up the
    address's allowance of failures too."""
    audit.goto("/login")
    for _ in range(20):  # 5 per account; the limiter counts per gunicorn worker
        audit.page.fill("#username", "audit-nobody")
        audit.page.fill("#password", "wrong-password")
        audit.click("main form button[type=submit]")
        if audit.status == 429:
            audit.check("auth.login (429: too many failed attempts)")
            return
    raise RuntimeError("the login page never answered 429 after 20 failed attempts")


def student(audit: Audit) -> None:
    audit.crawl("/dashboard")
    account_forms(audit)
    audit.goto("/classes/")
    audit.send_bad("main form:has(#code)", {"#code": ""}, "classes.index (empty code)")
    audit.send_bad("main form:has(#code)", {"#code": "NOSUCHCODE"}, "classes.index (unknown code)")
    flashcards(audit)
    quiz_forms(audit)
    general_quiz(audit)
    lesson_quiz(audit)
    audit.visit("/teach/", "error 403 (student on a teacher's page)")
    error_pages(audit)


def account_forms(audit: Audit) -> None:
    audit.goto("/account")
    audit.send_bad("main form:has(#display_name)", {"#display_name": ""}, "auth.account")
    audit.goto("/account/password")
    audit.send_bad(
        "main form",
        {"#current_password": "", "#password": "short", "#confirm": "other"},
        "auth.change_password",
    )


def flashcards(audit: Audit) -> None:
    """A card's front, its answer, the next card; the settings form; then no new
    cards allowed, which leaves nothing to study today."""
    audit.visit("/cards/study?deck=all:", "cards.study (front)")
    audit.page.click("#show-answer")
    audit.check("cards.study (answer shown)")
    audit.click("#card-back button.grade-3")
    audit.check("cards.study (next card, undo offered)")
    audit.goto("/cards/settings")
    settings = "main form"
    audit.send_bad(
        settings, {"#desired_retention": "2", "#daily_new_limit": "-1"}, "cards.settings"
    )
    audit.send(settings, {"#desired_retention": "0.9", "#daily_new_limit": "0"}, "cards.settings")
    audit.visit("/cards/study?deck=all:", "cards.study (nothing left today)")


def quiz_forms(audit: Audit) -> None:
    audit.goto("/quiz/")
    values: dict[str, str | bool] = {"#count": "0", "#time_limit": "9999"}
    for box in audit.page.locator("input[name=types]").all():
        values[f"#{box.get_attribute('id')}"] = False
    audit.send_bad("main form.narrow", values, "quiz.new")


def general_quiz(audit: Audit) -> None:
    """A timed quiz of every type: each kind of question with the feedback to an
    answer, the report form, the results."""
    audit.goto("/quiz/")
    audit.send(
        "main form.narrow",
        {"#count": "30", "#time_limit": "60", "#feedback_mode-0": True},
        "quiz.question (timed)",
    )
    first = audit.page.url
    audit.page.locator("form.quiz-form button[type=submit]").click()  # no answer given
    audit.page.locator("form.quiz-form .error-summary").wait_for()
    audit.check("quiz.question (no answer: error shown)")
    total = int(audit.page.locator("h1#question-heading").inner_text().rsplit(" ", 1)[-1])
    seen_types: set[str] = set()
    for position in range(1, total + 1):
        audit.goto(first.rsplit("/", 1)[0] + f"/{position}")
        kind = audit.page.locator("h1 + p.question-tags > .tag").first.inner_text()
        if kind not in seen_types:
            seen_types.add(kind)
            audit.check(f"quiz.question [{kind}]")
            answer_question(audit.page)
            audit.check(f"quiz.question [{kind}] (feedback shown)")
    audit.goto(first)
    audit.click("a[href$='/report']")
    audit.check("quiz.report")
    # longer than the field allows: set directly, as typing stops at its maxlength
    audit.page.locator("#comment").evaluate("(e, text) => { e.value = text; }", "x" * 2001)
    audit.send_bad("main form", {}, "quiz.report")
    audit.send("main form", {"#comment": "Checking the report form."}, "quiz.question (reported)")
    audit.click(".finish-button")
    audit.check("quiz.results")
    audit.visit("/quiz/history", "quiz.history (with a finished quiz)")


def answer_question(page: Page) -> None:
    """Give some answer (right or wrong) to the question on the page, through
    the page's own script, and wait until the page shows it was taken: its
    feedback, an error, or (a quiz whose rules show no feedback until the end)
    the question marked answered in the question map, on this page or on the
    next question's, where "Save and go on" leads."""
    form = page.locator("form.quiz-form")
    radios = form.locator("input[type=radio]")
    if radios.count():
        radios.first.check()
    for text in form.locator("input[type=text]").all():
        text.fill("1937")
    for i, select in enumerate(form.locator("select").all()):
        select.select_option(index=i + 1)  # every option once: a complete answer
    answered = urllib.parse.urlsplit(page.url).path
    form.locator("button[type=submit]").click()
    page.locator(
        f"#feedback, .error-summary, .question-map a.answered[href='{answered}']"
    ).first.wait_for()


def lesson_quiz(audit: Audit) -> None:
    """The assigned lesson, read and its quiz answered and finished, so that the
    teacher's gradebook and attempt pages have something to show."""
    audit.goto("/dashboard")
    audit.click("#work-h ~ .table-wrap a")
    audit.click("form[action*='/progress'] button")
    audit.check("classes.lesson (read)")
    audit.click("form[action*='/assignments/'] button")
    while True:
        before = audit.page.url
        answer_question(audit.page)
        if audit.page.locator(".question-map a:not(.answered)").count() == 0:
            break  # every question answered
        if audit.page.url != before:
            continue  # "Save and go on" went to the next question
        if audit.page.locator(".quiz-nav a.next-link").count() == 0:
            break
        audit.click(".quiz-nav a.next-link")
    audit.click(".finish-button")
    audit.check("quiz.results (lesson quiz)")


def teacher(audit: Audit) -> None:
    audit.crawl("/dashboard")
    audit.goto("/teach/")
    # spaces pass the browser's own check of a required field; the server refuses them
    audit.send_bad("form[action$='/teach/classes']", {"#name": "   "}, "teach.home (class name)")
    audit.goto("/teach/lessons/new")
    audit.send_bad("main form", {"#title": ""}, "teach.new_lesson")
    lesson_editor(audit)
    curation(audit)
    audit.visit("/admin/users", "error 403 (teacher on an admin page)")
    error_pages(audit)


def lesson_editor(audit: Audit) -> None:
    """The demo lesson's editor: the question finder with results, each of its
    forms sent with bad input, the import of questions."""
    audit.goto("/teach/")
    audit.click("a[href*='/teach/lessons/']:not([href$='/new'])")
    editor = audit.page.url
    audit.send(
        "form[aria-label='Find questions']", {"#q_text": "trial"}, "teach.lesson (questions found)"
    )
    audit.send_in_place(
        "form[aria-label='Find passages']",
        {"#p_text": "trial"},
        "#passage-results ul.passage-pick li",
        "teach.lesson (passages found)",
    )
    forms: list[tuple[str, str, dict[str, str | bool]]] = [
        ("title", f"form[action='{urllib.parse.urlsplit(editor).path}']", {"#title": ""}),
        ("passage", "form[action$='/items/passage']", {"#passage-quote": "Not in the source."}),
        ("text", "form[action$='/items/text']", {"#body": ""}),
        ("own question", "form[action$='/items/own-question']", {"#own-prompt": ""}),
        ("assign", "form[action$='/assign']", {"#time_limit": "0"}),
    ]
    # the passage and text forms are sent by the editor's script, which shows
    # the error in the page's status region instead of loading a page
    in_place = {"passage", "text"}
    for name, form, values in forms:
        audit.goto(editor)
        audit.send_bad(form, values, f"teach.lesson ({name} form)", in_place=name in in_place)
    audit.goto(editor)
    audit.click("a[href$='/import']")
    audit.send_bad("main form.narrow", {"#content": ""}, "teach.import_questions (nothing)")
    audit.send(
        "main form.narrow",
        {"#content": "mcq;When did the first trial open?;1936;1935;1937"},
        "teach.import_questions (preview)",
    )


def curation(audit: Audit) -> None:
    """A source added by the teacher, its curation page and its reading page."""
    audit.goto("/teach/sources/new")
    audit.send_bad("main form", {"#title": "", "#licence": ""}, "teach.new_source")
    audit.send(
        "main form",
        {
            "#title": "An audit source",
            "#licence": "public domain",
            "#text": "On 19 August 1936 the first trial opened in Moscow. "
            "Sixteen defendants were tried; all sixteen were shot.",
        },
        "teach.curate (a new source)",
    )
    # the curation screen's script sends the fact and shows each error by its field
    audit.send_bad(
        "main form:has(#own-quote)",
        {"#own-quote": "", "#own-question": ""},
        "teach.curate",
        in_place=".js-error",
    )
    audit.click("main a[href^='/sources/']")
    audit.check("sources.show (a teacher's source)")


def admin(audit: Audit) -> None:
    audit.crawl("/dashboard", "/admin/users")
    audit.goto("/admin/users/new")
    audit.send_bad(
        "main form",
        {"#username": "", "#display_name": "", "#password": "short"},
        "admin.new_user",
    )
    error_pages(audit)


def dark_student(audit: Audit) -> None:
    """The student's pages in the dark theme: one of each kind, a question with
    its feedback, a card turned over."""
    audit.crawl("/dashboard")
    audit.goto("/quiz/")
    audit.send("main form.narrow", {"#count": "5", "#feedback_mode-0": True}, "quiz.question")
    answer_question(audit.page)
    audit.check("quiz.question (feedback shown)")
    audit.visit("/cards/study?deck=all:", "cards.study (front)")
    if audit.page.locator("#show-answer").count():
        audit.page.click("#show-answer")
        audit.check("cards.study (answer shown)")


def dark_teacher(audit: Audit) -> None:
    """The teacher's pages in the dark theme, one of each kind."""
    audit.crawl("/dashboard")


Flow = Callable[[Audit], None]


@dataclass(frozen=True)
class Run:
    role: str
    flow: Flow
    theme: str = "light"


# Run in turn, the flows of a phase side by side: the teacher's and the admin's
# pages show the student's quiz, lesson and report; the flood of failed logins
# would lock everyone else out, so it comes last.
PHASES: tuple[tuple[Run, ...], ...] = (
    (Run("student", student), Run(ANONYMOUS, anonymous)),
    (Run("teacher", teacher), Run("admin", admin)),
    (Run("student", dark_student, "dark"), Run("teacher", dark_teacher, "dark")),
    (Run(ANONYMOUS, too_many_failed_logins),),
)


# -- running and reporting -----------------------------------------------------------


def audit_role(base_url: str, kinds: PageKinds, run: Run) -> Audit:
    """One role's flow in its own Chromium (Playwright wants one per thread); CSP
    is bypassed so that axe can be injected (the site allows no inline script)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(
                bypass_csp=True, viewport=VIEWPORTS[run.role], color_scheme=run.theme
            )
            context.set_default_timeout(15_000)
            audit = Audit(context.new_page(), run.role, base_url, kinds, theme=run.theme)
            try:
                if run.role != ANONYMOUS:
                    audit.log_in()
                run.flow(audit)
            except Exception as exc:  # one broken flow must not hide the others' results
                message = " ".join(str(exc).split())[:300]
                audit.broken = (
                    f"{audit.label}: stopped at {audit.path}: {type(exc).__name__}: {message}"
                )
            return audit
        finally:
            browser.close()


def audit_site(base_url: str) -> tuple[list[Finding], list[str]]:
    """Every role's pages, and the flows that could not be completed."""
    kinds = PageKinds.of_app()
    audits: list[Audit] = []
    for phase in PHASES:
        with ThreadPoolExecutor(max_workers=len(phase)) as pool:
            runs = [pool.submit(audit_role, base_url, kinds, run) for run in phase]
            audits.extend(run.result() for run in runs)
    audits.sort(key=lambda audit: ROLES.index(audit.role))  # stable: phases stay in order
    findings = [finding for audit in audits for finding in audit.findings]
    return findings, [audit.broken for audit in audits if audit.broken]


def report(findings: list[Finding]) -> None:
    if not findings:
        return
    screens = (f"{role} {VIEWPORTS[role]['width']}×{VIEWPORTS[role]['height']}" for role in ROLES)
    print("screen sizes: " + ", ".join(screens))
    width = max(len(f.page) for f in findings)
    print(f"{'role':<16} {'page':<{width}} {'status':>6} {'critical':>8} {'serious':>7}  other")
    for f in findings:
        other = len(f.violations) - len(f.severe)
        status = f.status if f.status is not None else "-"
        print(
            f"{f.role:<16} {f.page:<{width}} {status:>6} "
            f"{f.count('critical'):>8} {f.count('serious'):>7}  {other}"
        )
    failing = [f for f in findings if f.severe]
    if failing:
        print("\nSerious and critical violations:")
    for f in failing:
        print(f"  {f.role} · {f.page} · {f.path}")
        for v in f.severe:
            targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            more = f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
            print(f"    [{v['impact']}] {v['id']}: {v['help']} — {targets}{more}")
    lesser: dict[tuple[str, str, str], set[str]] = {}
    for f in findings:
        for v in f.violations:
            if v["impact"] not in SEVERE:
                lesser.setdefault((v["impact"], v["id"], v["help"]), set()).add(f.page)
    if lesser:
        print("\nModerate and minor violations (reported, not counted against the target):")
    for (impact, rule, text), pages in sorted(lesser.items()):
        print(f"  [{impact}] {rule}: {text} — on {', '.join(sorted(pages))}")


def run() -> bool:
    """Audit every role's pages; True when none has a serious or critical violation."""
    print("== accessibility: axe-core on every kind of page, every role ==")
    missing = missing_tools()
    if missing:
        print("not run; missing: " + "; ".join(missing))
        return False
    started = time.monotonic()
    with demo_server() as base_url:
        findings, broken = audit_site(base_url)
    report(findings)
    for problem in broken:
        print(f"\nNOT COMPLETED: {problem}")
    severe = sum(len(f.severe) for f in findings)
    print(
        f"\n{len(findings)} page states checked for {len(ROLES)} roles (students' and "
        f"teachers' pages in both themes) in "
        f"{time.monotonic() - started:.0f} s: {severe} serious or critical violations "
        f"(target 0), on {sum(1 for f in findings if f.severe)} of them."
    )
    return severe == 0 and not broken


if __name__ == "__main__":
    sys.exit(0 if run() else 1)
