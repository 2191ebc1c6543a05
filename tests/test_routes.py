"""The route × role table, and what every response must carry."""

from __future__ import annotations

import pytest

from app.models import Role
from tests.conftest import csrf_token
from tests.private_work import make_private  # noqa: F401  (fixture)
from tests.routes_table import ANON, ROLES, rows, secrets

EXPECTED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


@pytest.fixture()
def other_student(make_user):
    return make_user(Role.STUDENT, username="someone-else")


def _merge_private(course, private):
    """The course's ids, and the private work's under names of their own."""
    private = dict(vars(private))
    course.draft_lesson = private.pop("lesson")
    vars(course).update(private)


def _unassigned_lesson(app, teacher):
    """A published lesson of the teacher's that no class was given."""
    from app.extensions import db
    from app.models import User
    from app.services import teaching

    with app.app_context():
        acting = db.session.get(User, teacher.id)
        lesson = teaching.create_lesson(db.session, acting, "Not given to anyone", "")
        teaching.add_questions(db.session, acting, lesson, ["nwe-second-trial-dates:short"])
        teaching.publish(lesson, True)
        db.session.commit()
        return lesson.id


@pytest.fixture()
def teaching_world(app, make_user, other_student, make_course, make_private):  # noqa: F811
    """Another teacher's class (the other student and the acting student in it),
    with a published, assigned lesson, a finished attempt and a report; the
    teacher's private work (a question of their own in a draft lesson, an
    unpublished source with a curated fact) and a lesson given to no class."""
    other_teacher = make_user(Role.TEACHER, username="other-teacher")
    world = make_course(other_teacher, [other_student])
    _merge_private(world, make_private(other_teacher))
    world.unassigned_lesson = _unassigned_lesson(app, other_teacher)
    return world


@pytest.fixture()
def ids_for(app, other_student, start_quiz, teaching_world, make_course, make_private):  # noqa: F811
    """The objects the table names, as seen by one acting user (None: anonymous)."""
    theirs = start_quiz(other_student)

    def make(user):
        own = start_quiz(user) if user is not None else theirs
        ids = {
            "other_user_id": other_student.id,
            "own_attempt": own.id,
            "own_question": own.first_question,
            "other_attempt": theirs.id,
            **{f"their_{k}": v for k, v in vars(teaching_world).items()},
        }
        if user is not None and user.role in ("teacher", "admin"):
            mine = make_course(user, [other_student])
            _merge_private(mine, make_private(user))
        else:
            mine = teaching_world
            if user is not None:
                make_course.enroll(teaching_world.classroom, user)
        ids.update({f"my_{k}": v for k, v in vars(mine).items()})
        return ids

    return make


@pytest.fixture()
def table_for(ids_for):
    """The table as seen by one acting user (None: anonymous)."""
    return lambda user: rows(ids_for(user))


@pytest.fixture()
def secrets_for(ids_for):
    """secrets() as seen by one acting user."""
    return lambda user: secrets(ids_for(user))


@pytest.fixture()
def table(table_for):
    return table_for(None)


@pytest.fixture()
def client_for(app, login_as):
    def make(role):
        if role == ANON:
            return app.test_client(), None
        return login_as(Role(role))

    return make


def _request(client, method, url, data):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": csrf_token(client), **(data or {})})


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_expected(app, table_for, client_for, role):
    client, user = client_for(role)
    table = table_for(user)
    failures = []
    # logging out ends the role's session, so it goes last
    ordered = sorted(table, key=lambda row: row[0] == "/logout")
    for _rule, method, url, data, expected in ordered:
        response = _request(client, method, url, data)
        want = expected[role]
        got = response.status_code
        if want == "login":
            ok = got == 302 and "/login" in response.headers["Location"]
        else:
            ok = got == want
        if not ok:
            failures.append(f"{method} {url}: expected {want}, got {got}")
        for name, value in EXPECTED_HEADERS.items():
            if response.headers.get(name) != value:
                failures.append(f"{method} {url}: header {name} is {response.headers.get(name)!r}")
        csp = response.headers.get("Content-Security-Policy", "")
        if (
            "default-src 'self'" not in csp
            or "unsafe-inline" in csp
            or "frame-ancestors 'none'" not in csp
        ):
            failures.append(f"{method} {url}: weak CSP {csp!r}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ROLES)
def test_private_work_and_answer_keys_show_only_to_whom_they_belong(
    app, secrets_for, client_for, role
):
    client, user = client_for(role)
    failures = []
    for url, text, readers in secrets_for(user):
        response = client.get(url)
        shown = response.status_code == 200 and text in response.get_data(as_text=True)
        if role in readers and not shown:
            failures.append(f"{url}: {role} should see {text!r} (got {response.status_code})")
        if role not in readers and shown:
            failures.append(f"{url}: {role} sees {text!r}")
    assert not failures, "\n".join(failures)


def test_every_route_is_in_the_table(app, table):
    covered = {(rule, method) for rule, method, *_ in table}
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if (rule.rule, method) not in covered:
                missing.append(f"{method} {rule.rule}")
    assert not missing, "routes without a row in tests/routes_table.py: " + ", ".join(missing)


def test_every_post_route_refuses_a_missing_or_forged_csrf_token(app, table, login_as):
    client, _ = login_as(Role.ADMIN)
    posts = [(url, data) for _, method, url, data, _ in table if method == "POST"]
    assert posts
    for url, data in posts:
        missing = client.post(url, data=data or {})
        forged = client.post(url, data={**(data or {}), "csrf_token": "forged"})
        assert missing.status_code == 400, url
        assert forged.status_code == 400, url
        assert "Please send this again" in missing.get_data(as_text=True), url
