"""In Chromium: every page a student or a teacher sees, on a phone (360x740) and a desktop
(1280x800), in the light and the dark theme, fits the screen's width and has no text
under 12 px."""

from __future__ import annotations

import os
import re

import pytest

from app.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
THEMES = ("light", "dark")
SHOTS = os.environ.get("LAYOUT_SHOTS")  # a folder to keep a screenshot of each page in

# Everything wider than the screen, and every visible text under 12 px. SVG text is
# measured as drawn, after the chart is scaled to its box.
MEASURE = """() => {
  const out = {overflow: [], small: []};
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 1 && box.width > 0 && getComputedStyle(el).position !== 'fixed') {
        out.overflow.push(el.tagName + '.' + el.className + ' right=' + Math.round(box.right));
        if (out.overflow.length > 5) break;
      }
    }
    if (!out.overflow.length) out.overflow.push('scrollWidth ' + document.documentElement.scrollWidth);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || !el.checkVisibility() || el.closest('.visually-hidden, title, details:not([open]) > :not(summary)')) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.getScreenCTM()) size *= el.getScreenCTM().a;
    if (size < 11.99) out.small.push(el.tagName + ' "' + node.textContent.trim().slice(0, 30) + '" ' + size.toFixed(1) + 'px');
  }
  return out;
}"""


def _pages(course, attempt_id, role, own=None):
    if role == "teacher":
        c = course.classroom
        return [
            *(own or []),
            "/dashboard",
            "/teach/",
            f"/teach/classes/{c}",
            f"/teach/classes/{c}/students/{course.student}",
            f"/teach/classes/{c}/attempts/{course.attempt}",
            f"/teach/classes/{c}/assignments/{course.assignment}/analysis",
            f"/teach/classes/{c}/passages/nwe",
            f"/teach/lessons/{course.lesson}",
            f"/teach/lessons/{course.lesson}/preview",
            "/teach/lessons/new",
            "/teach/reports",
            "/teach/sources/new",
            "/quiz/",
            "/cards/",
            "/account",
        ]
    return [
        "/dashboard",
        "/quiz/",
        f"/quiz/{attempt_id}/q/1",
        f"/quiz/{attempt_id}/q/2",
        "/quiz/history",
        f"/quiz/{course.attempt}/results",
        "/cards/",
        "/cards/study?deck=all:",
        "/cards/browse?deck=all:",
        "/cards/settings",
        "/classes/",
        f"/lessons/{course.lesson}",
        "/sources/",
        "/sources/nwe?passage=nwe-second-trial-dates#passage",
        "/sources/brookshaw",
        "/sources/facts",
        "/sources/people",
        "/sources/people/bukharin",
        "/sources/timeline",
        "/sources/disagreements",
        "/account",
        "/account/password",
    ]


def _log_in(browser, base, username):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/dashboard$"))
    state = context.storage_state()
    context.close()
    return state


def _teachers_own_pages(app, teacher, course):
    """The pages of a teacher's own material: a source of their own (curation and
    review) and a question they wrote (editing it, regrading with it)."""
    import io
    from pathlib import Path

    from sqlalchemy import select

    from app.extensions import db
    from app.models import Source, User
    from app.services import teaching
    from tests.conftest import csrf_token, login

    text = (Path(__file__).parent / "fixtures" / "suez_canal.md").read_bytes()
    with app.test_client() as client:
        login(client, teacher.username)
        form = {
            "csrf_token": csrf_token(client),
            "title": "The Suez canal",
            "author": "",
            "date": "",
            "perspective": "reference",
            "licence": "CC0",
            "kind": "text",
            "text": "",
            "file": (io.BytesIO(text), "suez_canal.md"),
        }
        added = client.post("/teach/sources/new", data=form, content_type="multipart/form-data")
        assert added.status_code == 302, added.get_data(as_text=True)
    with app.app_context():
        source = db.session.scalars(select(Source).where(Source.title == "The Suez canal")).one()
        acting = db.session.get(User, teacher.id)
        lesson = db.session.get(teaching.Lesson, course.lesson)
        question = teaching.write_question(
            db.session,
            acting,
            lesson,
            "short",
            "How were the defendants of the first Moscow trial executed?",
            "shot",
            [],
            [],
            "nwe",
            "All of the defendants were sentenced to death and were subsequently shot in the "
            "cellars of Lubyanka Prison",
            add_to_lesson=False,
        )
        from tests.suez_world import add_suez_facts

        add_suez_facts(db.session, acting, source)  # the disagreement form lists them
        db.session.commit()
        return [
            f"/teach/sources/{source.id}/curate",
            f"/teach/sources/{source.id}/review",
            f"/teach/sources/{source.id}/disputes/new",
            f"/teach/questions/{question.id}/edit",
            f"/teach/questions/{question.id}/regrade",
        ]


def test_every_page_fits_a_phone_and_a_desktop_in_both_themes(
    app, live_server, browser, make_user, make_course, start_quiz
):
    student = make_user(Role.STUDENT)
    teacher = make_user(Role.TEACHER)
    course = make_course(teacher, [student])
    attempt = start_quiz(student, count=5, feedback_mode="each", types=["mcq", "matching"])
    with app.test_client() as client:  # one answered question, so page 1 shows feedback
        from tests.conftest import login, post

        login(client, student.username)
        post(
            client,
            f"/quiz/{attempt.id}/q/1",
            {"question_id": attempt.first_question, "answer": "0"},
        )

    own = _teachers_own_pages(app, teacher, course)

    problems = []
    for role, user in (("student", student), ("teacher", teacher)):
        state = _log_in(browser, live_server.url, user.username)
        for theme in THEMES:
            for name, viewport in VIEWPORTS.items():
                context = browser.new_context(
                    viewport=viewport, color_scheme=theme, storage_state=state
                )
                page = context.new_page()
                page.set_default_timeout(10_000)
                for path in _pages(course, attempt.id, role, own):
                    response = page.goto(live_server.url + path)
                    assert response is not None and response.status == 200, (role, path)
                    found = page.evaluate(MEASURE)
                    for kind in ("overflow", "small"):
                        if found[kind]:
                            problems.append((role, theme, name, path, kind, found[kind][:3]))
                    if SHOTS:
                        os.makedirs(SHOTS, exist_ok=True)
                        slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
                        page.screenshot(path=f"{SHOTS}/{role}-{slug}-{name}-{theme}.png")
                context.close()
    assert not problems, "\n".join(map(str, problems))
