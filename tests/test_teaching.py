"""Teachers: classes, lessons, assignments, gradebook, item analysis, reports."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import Enrollment, Fact, Lesson, Question, Role, User
from app.services import ServiceError, cards, teaching
from app.services.markdown import render_markdown
from tests.conftest import post
from tests.helpers import QueryCounter

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "<iframe src=//evil.example></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "![x](javascript:alert(1))",
    "<b onmouseover=alert(1)>hover</b>",
    "<<script>script>alert(1)<</script>/script>",
    "[x](vbscript:msgbox(1))",
    "<form action=//evil.example><button>go</button></form>",
]


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize("payload", XSS)
def test_markdown_sanitisation_removes_every_xss_payload(payload):
    html = str(render_markdown(f"Some **text** {payload} and [a link](https://example.org)."))
    parser = Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag not in ("script", "iframe", "svg", "form", "img", "object", "embed", "style"), (
            html
        )
        for name, value in attrs.items():
            assert not name.startswith("on") and name != "style", html
            if name in ("href", "src"):
                assert (value or "").split(":")[0].lower() in ("http", "https", "mailto"), html
    assert "<strong>text</strong>" in html
    assert 'href="https://example.org"' in html and "noopener" in html


@pytest.fixture()
def teacher(login_as):
    return login_as(Role.TEACHER)


def _ctx(app, user):
    return db.session.get(User, user.id)


def test_join_with_code_regenerate_and_close(app, teacher, login_as):
    t_client, t_user = teacher
    with app.app_context():
        classroom = teaching.create_class(db.session, _ctx(app, t_user), "History 11B")
        db.session.commit()
        code, class_id = classroom.join_code, classroom.id
    s_client, s_user = login_as(Role.STUDENT)
    response = post(s_client, "/classes/", {"code": code.lower()}, follow_redirects=True)
    assert "You joined History 11B" in response.get_data(as_text=True)
    again = post(s_client, "/classes/", {"code": code})  # joining twice is harmless
    assert again.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Enrollment)) == 1
    post(t_client, f"/teach/classes/{class_id}/code", {"action": "regenerate"})
    other, _ = login_as(Role.STUDENT)
    stale = post(other, "/classes/", {"code": code})
    assert "No class has that code" in stale.get_data(as_text=True)
    post(t_client, f"/teach/classes/{class_id}/code", {"action": "disable"})
    with app.app_context():
        new_code = db.session.get(teaching.Classroom, class_id).join_code
    closed = post(other, "/classes/", {"code": new_code})
    assert "not taking new students" in closed.get_data(as_text=True)
    roster = t_client.get(f"/teach/classes/{class_id}").get_data(as_text=True)
    assert s_user.display_name in roster


def test_a_join_link_fills_in_the_code(app, teacher, login_as):
    _, t_user = teacher
    with app.app_context():
        classroom = teaching.create_class(db.session, _ctx(app, t_user), "History 11B")
        db.session.commit()
        code = classroom.join_code
    s_client, _ = login_as(Role.STUDENT)
    page = s_client.get(f"/join/{code}").get_data(as_text=True)
    assert f'value="{code}"' in page


def test_a_teachers_question_without_a_verbatim_passage_is_refused(app, teacher):
    client, user = teacher
    with app.app_context():
        lesson = teaching.create_lesson(db.session, _ctx(app, user), "L", "")
        db.session.commit()
        lesson_id = lesson.id
    form = {
        "own-kind": "short",
        "own-prompt": "When was the second trial?",
        "own-answer": "January 1937",
        "own-source_id": "nwe",
        "own-quote": "The second trial happened in early 1937.",
    }
    response = post(client, f"/teach/lessons/{lesson_id}/items/own-question", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "must be copied exactly from the source" in page
    assert "When was the second trial?" in page  # nothing typed is lost
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count()).select_from(Question).where(Question.owner_id == user.id)
            )
            == 0
        )
    form["own-quote"] = "The second trial occurred between January 23-30, 1937."
    assert post(client, f"/teach/lessons/{lesson_id}/items/own-question", form).status_code == 302
    with app.app_context():
        own = db.session.scalars(select(Question).where(Question.owner_id == user.id)).one()
        fact = db.session.get(Fact, own.fact_id)
        source_text = db.session.get(teaching.Source, "nwe").text
        assert source_text[fact.start_offset : fact.end_offset] == form["own-quote"]
        assert own.data["accepted"] == ["January 1937"]


def test_mcq_written_by_a_teacher_needs_two_distinct_wrong_options(app, teacher):
    _, user = teacher
    with app.app_context():
        lesson = teaching.create_lesson(db.session, _ctx(app, user), "L", "")
        with pytest.raises(ServiceError, match="two wrong options"):
            teaching.write_question(
                db.session,
                _ctx(app, user),
                lesson,
                "mcq",
                "Who?",
                "Radek",
                [],
                ["Bukharin"],
                "nwe",
                "The second trial occurred between January 23-30, 1937.",
            )
        with pytest.raises(ServiceError, match="same as the answer"):
            teaching.write_question(
                db.session,
                _ctx(app, user),
                lesson,
                "mcq",
                "Who?",
                "Karl Radek",
                [],
                ["Radek", "Bukharin"],
                "nwe",
                "The second trial occurred between January 23-30, 1937.",
            )


def test_lesson_editing_moves_items_and_drafts_are_invisible_to_students(
    app, teacher, login_as, make_course
):
    client, user = teacher
    with app.app_context():
        lesson = teaching.create_lesson(db.session, _ctx(app, user), "Draft", "")
        a = teaching.add_text(db.session, lesson, "first")
        b = teaching.add_text(db.session, lesson, "second")
        db.session.commit()
        lesson_id, a_id, b_id = lesson.id, a.id, b.id
    post(client, f"/teach/lessons/{lesson_id}/items/{b_id}/up")
    with app.app_context():
        ordered = [
            i.id for i in sorted(db.session.get(Lesson, lesson_id).items, key=lambda i: i.position)
        ]
        assert ordered == [b_id, a_id]
    student_client, _ = login_as(Role.STUDENT)
    assert student_client.get(f"/lessons/{lesson_id}").status_code == 404
    preview = client.get(f"/teach/lessons/{lesson_id}/preview").get_data(as_text=True)
    assert "this is what a student sees" in preview and "first" in preview


def test_assigning_needs_a_published_lesson_and_one_without_questions_is_reading(app, teacher):
    _, user = teacher
    with app.app_context():
        acting = _ctx(app, user)
        classroom = teaching.create_class(db.session, acting, "C")
        lesson = teaching.create_lesson(db.session, acting, "L", "")
        teaching.add_text(db.session, lesson, "x")
        with pytest.raises(ServiceError, match="Publish"):
            teaching.assign(db.session, acting, lesson, classroom, None, None, clock.now())
        teaching.publish(lesson, True)
        assignment = teaching.assign(db.session, acting, lesson, classroom, None, None, clock.now())
        assert teaching.describe_rules(assignment, has_quiz=False) == "reading only"
        assignment.time_limit_minutes = 20
        assert teaching.describe_rules(assignment, has_quiz=True) == (
            "1 attempt; 20 min each; marks at the end; answers after the due date"
        )


def test_student_sees_assigned_work_with_status_and_due_date(app, make_user, login_as, make_course):
    s_client, student = login_as(Role.STUDENT)
    t = make_user(Role.TEACHER)
    course = make_course(t, [])
    with app.app_context():
        db.session.add(Enrollment(classroom_id=course.classroom, student_id=student.id))
        assignment = db.session.get(teaching.Assignment, course.assignment)
        assignment.due_at = clock.now() + timedelta(days=3)
        db.session.commit()
    page = s_client.get("/dashboard").get_data(as_text=True)
    assert "Assigned work" in page and "not started" in page and 'class="local-time"' in page
    lesson_page = s_client.get(f"/lessons/{course.lesson}").get_data(as_text=True)
    assert "Take the lesson's quiz" in lesson_page and "Read **carefully**" not in lesson_page
    assert "<strong>carefully</strong>" in lesson_page
    start = post(s_client, f"/assignments/{course.assignment}/start")
    assert "/quiz/" in start.headers["Location"]
    assert "in progress" in s_client.get("/classes/").get_data(as_text=True)
    # starting again resumes the same attempt
    again = post(s_client, f"/assignments/{course.assignment}/start")
    assert again.headers["Location"].rsplit("/", 1)[0] in start.headers["Location"]
    post(s_client, f"/lessons/{course.lesson}/progress", {"position": "3", "complete": "1"})
    assert "You have read this lesson" in s_client.get(f"/lessons/{course.lesson}").get_data(
        as_text=True
    )


def test_an_assignment_due_date_is_the_exam_date_of_the_lessons_flashcards(
    app, make_user, login_as, make_course
):
    _, student = login_as(Role.STUDENT)
    t = make_user(Role.TEACHER)
    course = make_course(t, [])
    due = clock.now() + timedelta(days=4)
    with app.app_context():
        db.session.add(Enrollment(classroom_id=course.classroom, student_id=student.id))
        db.session.get(teaching.Assignment, course.assignment).due_at = due
        db.session.commit()
        acting = db.session.get(User, student.id)
        deck = cards.parse_deck(db.session, f"lesson:{course.lesson}", acting)
        assert deck.members == frozenset({"nwe-second-trial-dates"})
        now = clock.now()
        cards.grade(db.session, acting, "nwe-second-trial-dates", 3, 0, None, 1, now)
        state = db.session.scalars(select(cards.MemoryState)).one()
        cards.grade(
            db.session,
            acting,
            "nwe-second-trial-dates",
            4,
            state.version,
            None,
            1,
            now + timedelta(minutes=10),
        )
        db.session.commit()
        state = db.session.scalars(select(cards.MemoryState)).one()
        assert state.due <= due - timedelta(days=1) + timedelta(seconds=1)


# -- gradebook --------------------------------------------------------------------------
def _class_with_results(app, make_user, make_course, scores):
    """A class where student i answered the two lesson questions with `scores[i]`."""
    teacher = make_user(Role.TEACHER)
    students = [make_user(Role.STUDENT) for _ in scores]
    course = make_course(teacher, [])
    from app.services import quiz as quizzes

    with app.app_context():
        for student, (first, second) in zip(students, scores, strict=True):
            db.session.add(Enrollment(classroom_id=course.classroom, student_id=student.id))
            attempt = quizzes.start_attempt(
                db.session,
                db.session.get(User, student.id),
                quizzes.Scope("lesson", "1", "L"),
                2,
                ["mcq", "short"],
                "end",
                None,
                __import__("random").Random(1),
                clock.now(),
                question_ids=["nwe-second-trial-dates:mcq", "nwe-second-trial-dates:short"],
                assignment_id=course.assignment,
            )
            for answer, right in zip(attempt.answers, (first, second), strict=True):
                answer.correct, answer.score, answer.answered_at = right, float(right), clock.now()
                answer.response = (
                    answer.question_data["answer"]
                    if right
                    else ("May 1988" if answer.position == 1 else "1936")
                )
                answer.time_taken_ms = 10_000 if right else 20_000
            db.session.flush()
            quizzes.finish_attempt(db.session, attempt, clock.now())
        db.session.commit()
    return teacher, course, students


def test_item_analysis_matches_a_hand_computed_example(app, make_user, make_course):
    # Four students. Q1: right for the two strongest and one weak student;
    # Q2: right only for the strongest.  Totals: A 2, B 1, C 0, D 1 (D got Q1).
    scores = [(True, True), (True, False), (False, False), (True, False)]
    teacher, course, _ = _class_with_results(app, make_user, make_course, scores)
    with app.app_context():
        rows = {
            r.question_id.split(":")[1]: r
            for r in teaching.item_analysis(
                db.session, db.session.get(teaching.Assignment, course.assignment)
            )
        }
    q1, q2 = rows["mcq"], rows["short"]
    assert q1.answered == 4 and q1.facility == 0.75
    assert q2.facility == 0.25
    # groups of round(4 * 0.27) = 1: upper = A (score 1.0), lower = C (score 0)
    assert q1.discrimination == 1.0 and q2.discrimination == 1.0
    assert q1.common_wrong == "May 1988" and q1.common_wrong_count == 1
    assert q2.common_wrong == "1936" and q2.common_wrong_count == 3
    assert q1.mean_seconds == pytest.approx((10 * 3 + 20) / 4)
    assert q1.flags == [] and q2.flags == []


def test_item_analysis_flags_negative_discrimination():
    rows = [  # attempt, score, question, data, response, correct, ms
        (1, 1.0, "q", {"prompt": "Q"}, "x", False, 1000),
        (2, 0.0, "q", {"prompt": "Q"}, "a", True, 1000),
        (3, 0.5, "q", {"prompt": "Q"}, "x", False, 1000),
    ]
    (stats,) = teaching.analyse(rows)
    assert stats.discrimination == -1.0
    assert any("negative discrimination" in f for f in stats.flags)


def test_gradebook_and_item_analysis_run_constant_queries_for_10_and_200_students(
    app, make_user, make_course, login_as
):
    counts = []
    for size in (10, 200):
        teacher, course, _ = _class_with_results(
            app, make_user, make_course, [(True, False)] * size
        )
        from tests.conftest import login

        client = app.test_client()
        login(client, teacher.username)
        with app.app_context():
            engine = db.engine
        # each request in an app context, and so a database session, of its own: one
        # shared would answer the second request from what the first one loaded, as
        # far as the garbage collector had left it
        with QueryCounter(engine) as book:
            assert client.get(f"/teach/classes/{course.classroom}").status_code == 200
        with QueryCounter(engine) as analysis:
            assert (
                client.get(
                    f"/teach/classes/{course.classroom}/assignments/{course.assignment}/analysis"
                ).status_code
                == 200
            )
        counts.append((book.count, analysis.count))
    assert counts[0] == counts[1], counts


def test_gradebook_csv_has_the_same_data_and_defuses_formulas(
    app, make_user, make_course, login_as
):
    teacher, course, students = _class_with_results(
        app, make_user, make_course, [(True, True), (False, False)]
    )
    with app.app_context():
        db.session.get(User, students[1].id).display_name = '=HYPERLINK("http://evil")'
        db.session.commit()
    from tests.conftest import login

    client = app.test_client()
    login(client, teacher.username)
    text = client.get(f"/teach/classes/{course.classroom}/gradebook.csv").get_data(as_text=True)
    lines = text.strip().splitlines()
    assert lines[0].startswith("student,username,")
    assert any(",100%," in line for line in lines) and any(",0%," in line for line in lines)
    assert "'=HYPERLINK" in text


def test_passage_view_shades_the_misread_paragraph(app, make_user, make_course):
    teacher, course, _ = _class_with_results(
        app, make_user, make_course, [(False, False), (False, True)]
    )
    from tests.conftest import login

    client = app.test_client()
    login(client, teacher.username)
    page = client.get(f"/teach/classes/{course.classroom}/passages/nwe").get_data(as_text=True)
    with app.app_context():
        paragraph = db.session.get(Fact, "nwe-second-trial-dates").paragraph
    assert f'<p id="p{paragraph}" class="shade shade-4">' in page  # 3 of 4 wrong
    assert "3 of 4 answers wrong" in page


def test_reports_reach_the_lesson_owner_who_resolves_them(app, make_user, make_course):
    owner = make_user(Role.TEACHER)
    student = make_user(Role.STUDENT)
    course = make_course(owner, [student])
    from tests.conftest import login

    client = app.test_client()
    login(client, owner.username)
    page = client.get("/teach/reports").get_data(as_text=True)
    assert "on which dates was the second Moscow trial held?" in page
    post(client, f"/teach/reports/{course.report}", {"status": "resolved"})
    assert "No open reports" in client.get("/teach/reports").get_data(as_text=True)
    assert "on which dates was the second" in client.get("/teach/reports?status=resolved").get_data(
        as_text=True
    )


def test_duplicate_and_share(app, make_user, make_course, login_as):
    owner = make_user(Role.TEACHER)
    course = make_course(owner, [])
    other_client, other = login_as(Role.TEACHER)
    assert other_client.get(f"/teach/lessons/{course.lesson}/preview").status_code == 404
    with app.app_context():
        db.session.get(Lesson, course.lesson).shared = True
        db.session.commit()
    assert other_client.get(f"/teach/lessons/{course.lesson}/preview").status_code == 200
    response = post(other_client, f"/teach/lessons/{course.lesson}/duplicate")
    assert response.status_code == 302
    with app.app_context():
        copy = db.session.scalars(select(Lesson).where(Lesson.teacher_id == other.id)).one()
        assert copy.status == "draft" and len(copy.items) == 3 and copy.title.endswith("(copy)")


def test_removing_a_student_keeps_their_work_but_hides_the_class(app, make_user, make_course):
    teacher = make_user(Role.TEACHER)
    student = make_user(Role.STUDENT)
    course = make_course(teacher, [student])
    from tests.conftest import login

    client = app.test_client()
    login(client, teacher.username)
    post(client, f"/teach/classes/{course.classroom}/students/{student.id}/remove")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Enrollment)) == 0
        assert db.session.get(teaching.QuizAttempt, course.attempt) is not None


def test_demo_creates_a_class_with_an_assigned_lesson(app, runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        student = db.session.scalars(select(User).where(User.username == "student")).one()
        work = teaching.student_work(db.session, student, clock.now())
        assert len(work) == 1 and work[0].lesson.status == "published"
        assert work[0].assignment.due_at is not None
        lesson = work[0].lesson
        kinds = {i.kind for i in lesson.items}
        assert kinds == {"passage", "text", "questions"}


def test_gradebook_csv_defuses_lesson_titles_and_usernames_too(app, make_user, make_course):
    """Display names were defused, titles in the header and usernames were not."""
    import csv
    import io

    teacher = make_user(Role.TEACHER)
    student = make_user(Role.STUDENT, username="@sum(a1)")
    course = make_course(teacher, [student])
    with app.app_context():
        db.session.get(Lesson, course.lesson).title = '=HYPERLINK("http://evil")'
        db.session.commit()
    from tests.conftest import login

    client = app.test_client()
    login(client, teacher.username)
    text = client.get(f"/teach/classes/{course.classroom}/gradebook.csv").get_data(as_text=True)
    header, row = list(csv.reader(io.StringIO(text)))[:2]
    assert header[2] == '\'=HYPERLINK("http://evil")'
    assert row[1] == "'@sum(a1)"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_csv_cell_that_would_start_a_formula_is_defused(start):
    import csv
    import io

    from app.services.spreadsheet import csv_text

    rows = list(csv.reader(io.StringIO(csv_text([[f"{start}1+1", "plain", 3, None]]))))
    assert rows == [[f"'{start}1+1", "plain", "3", ""]]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("x" * 20_001, "Field cannot be longer than 20000 characters."),
        ("Read \u202egnikcah\u202c this.", "Remove the invisible control characters"),
        ("A bell\x07 here.", "Remove the invisible control characters"),
    ],
    ids=["too-long", "bidi-override", "control"],
)
def test_editing_a_lesson_text_is_validated_like_a_new_one(
    app, make_user, make_course, body, message
):
    """The edit action stored the raw form body: 450 kB and bidi overrides went in."""
    from tests.conftest import login, post

    teacher = make_user(Role.TEACHER)
    course = make_course(teacher, [])
    with app.app_context():
        item = next(i for i in db.session.get(Lesson, course.lesson).items if i.kind == "text")
        item_id, before = item.id, item.body
    client = app.test_client()
    login(client, teacher.username)
    added = post(client, f"/teach/lessons/{course.lesson}/items/text", {"body": body})
    edited = post(client, f"/teach/lessons/{course.lesson}/items/{item_id}/text", {"body": body})
    for response in (added, edited):
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    # the refused edit is shown again as typed, nothing lost, nothing stored
    assert f">{body[:50]}" in edited.get_data(as_text=True).replace("&#39;", "'")
    with app.app_context():
        texts = [i.body for i in db.session.get(Lesson, course.lesson).items if i.kind == "text"]
        assert texts == [before]


def test_a_lessons_markdown_is_capped_and_rendered_once_per_text(
    app, make_user, make_course, monkeypatch
):
    from app.services import markdown
    from tests.conftest import login, post

    teacher = make_user(Role.TEACHER)
    course = make_course(teacher, [])
    client = app.test_client()
    login(client, teacher.username)
    for body in ["y " * 9_999] * 4 + ["v" * 19_900]:  # 99,911 characters with the first
        assert (
            post(client, f"/teach/lessons/{course.lesson}/items/text", {"body": body}).status_code
            == 302
        )
    with app.app_context():
        item_id = max(i.id for i in db.session.get(Lesson, course.lesson).items)
    over = post(client, f"/teach/lessons/{course.lesson}/items/text", {"body": "z" * 100})
    assert over.status_code == 400
    assert "The lesson&#39;s texts would be longer than 100,000 characters" in over.get_data(
        as_text=True
    )
    longer = post(
        client, f"/teach/lessons/{course.lesson}/items/{item_id}/text", {"body": "w" * 20_000}
    )
    assert longer.status_code == 400 and "100,000 characters" in longer.get_data(as_text=True)

    calls = []
    real = markdown._md.render
    monkeypatch.setattr(markdown._md, "render", lambda text: calls.append(text) or real(text))
    body = "A text **only this test** renders."
    post(client, f"/teach/lessons/{course.lesson}/items/{item_id}/text", {"body": body})
    for _ in range(3):
        assert "<strong>only this test</strong>" in client.get(
            f"/teach/lessons/{course.lesson}/preview"
        ).get_data(as_text=True)
    assert calls.count(body) == 1


def test_passage_view_with_every_answer_right_lists_no_paragraph_as_misread(
    app, make_user, make_course
):
    teacher, course, _ = _class_with_results(app, make_user, make_course, [(True, True)])
    from tests.conftest import login

    client = app.test_client()
    login(client, teacher.username)
    page = client.get(f"/teach/classes/{course.classroom}/passages/nwe").get_data(as_text=True)
    assert "Most misread" not in page
    assert "No answer on this source was wrong." in page


def test_passage_view_of_a_markdown_source_shows_its_headings_as_headings(
    app, make_user, make_course
):
    from app.services import curation

    teacher = make_user(Role.TEACHER)
    course = make_course(teacher, [])
    with app.app_context():
        source = curation.add_source(
            db.session,
            db.session.get(User, teacher.id),
            "The penny post",
            "",
            "",
            "reference",
            "CC0",
            "# The penny post\n\n## Before 1840\n\nA letter was paid for by its *receiver*.\n",
            "markdown",
        )
        db.session.commit()
        source_id = source.id
    from tests.conftest import login

    client = app.test_client()
    login(client, teacher.username)
    page = client.get(f"/teach/classes/{course.classroom}/passages/{source_id}").get_data(
        as_text=True
    )
    assert ">Before 1840</h2>" in page and "## Before" not in page
    assert "<em>receiver</em>" in page
