"""Fuzzing every route: whatever arrives in the path, the query string or the
form, the answer is a page, a redirect or a refusal, never a 500 or a traceback.

Every URL rule of the app is requested by every role that can reach its view
(the route table in tests/routes_table.py says who can, and gives a concrete
URL for it). Hypothesis draws the query parameters and form fields the view
reads (the names come from the view and its WTForms form, listed in READS) and
a few it does not, with values that mix plausible ones (taken from the table's
own rows) with hostile ones: NUL bytes, control characters, huge strings, any
Unicode, numbers as text (negative, huge, superscript digits). POSTs carry the
session's valid CSRF token so that the fuzz reaches the view.

FUZZ_EXAMPLES sets the examples per route and role (default 5); `make audit`
raises it."""

from __future__ import annotations

import io
import os
import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from wtforms import Form
from wtforms.fields.core import UnboundField

from app.admin.forms import NewUserForm, RoleForm
from app.auth.forms import ChangePasswordForm, LoginForm, ProfileForm, RegisterForm
from app.cards.forms import ExamForm, SettingsForm
from app.extensions import db
from app.models import AttemptAnswer, QuizAttempt
from app.quiz.forms import EmptyForm, ReportForm, StartQuizForm
from app.teach.forms import (
    AccommodationForm,
    AnnouncementForm,
    AssignForm,
    ClassForm,
    CommentForm,
    DisputeForm,
    FactForm,
    JoinForm,
    LessonForm,
    OverrideForm,
    OwnQuestionForm,
    PassageForm,
    QuestionEditForm,
    RenameSourceForm,
    SourceForm,
    TextForm,
)
from tests import test_routes
from tests.conftest import csrf_token
from tests.routes_table import ROLES

# The world the route table is built on (users, classes, lessons, attempts, a
# report) comes from the route × role test's fixtures rather than built twice.
other_student = test_routes.other_student
teaching_world = test_routes.teaching_world
make_private = test_routes.make_private
ids_for = test_routes.ids_for
table_for = test_routes.table_for
table = test_routes.table
client_for = test_routes.client_for

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))

# Statuses meaning the view itself was never reached for that role.
NOT_REACHED = ("login", 403)


def fields(form: type[Form], prefix: str = "") -> tuple[str, ...]:
    """The names under which a WTForms form reads a POST."""
    return tuple(
        prefix + name for name in dir(form) if isinstance(getattr(form, name), UnboundField)
    )


@dataclass(frozen=True)
class Reads:
    """What a view reads besides its path: query parameters, form fields, files,
    and what its pages send in fields the route table has no example of. Names
    may hold {path parameters}, as a form prefix built from an id does."""

    query: tuple[str, ...] = ()
    form: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    seeds: tuple[tuple[str, str], ...] = ()


LESSON_SEARCH = (
    "q_source",
    "q_topic",
    "q_person",
    "q_type",
    "q_text",
    "q_page",
    "p_source",
    "p_topic",
    "p_text",
    "p_page",
)
QUIZ_ANSWER = (
    "question_id",
    "answer",
    *(f"match-{i}" for i in range(6)),
    *(f"order-{i}" for i in range(6)),
)

# endpoint -> what its view reads (grep request.args, request.form, request.files
# and the forms in app/). A new endpoint fails test_every_route_is_fuzzed until
# it has a line here.
READS: dict[str, Reads] = {
    "main.index": Reads(),
    "main.dashboard": Reads(),
    "main.healthz": Reads(),
    "auth.login": Reads(query=("next",), form=fields(LoginForm)),
    "auth.register": Reads(form=fields(RegisterForm)),
    "auth.logout": Reads(),
    "auth.account": Reads(form=fields(ProfileForm)),
    "auth.change_password": Reads(form=fields(ChangePasswordForm)),
    "admin.users": Reads(),
    "admin.change_role": Reads(form=fields(RoleForm, "u{user_id}-")),
    "admin.new_user": Reads(form=fields(NewUserForm)),
    "sources.index": Reads(),
    "sources.show": Reads(query=("passage", "start", "end")),
    "sources.facts": Reads(query=("source", "topic", "q", "page")),
    "sources.people": Reads(),
    "sources.person": Reads(),
    "sources.timeline": Reads(),
    "sources.disputes": Reads(),
    "quiz.new": Reads(query=("scope",), form=fields(StartQuizForm)),
    "quiz.resume": Reads(),
    "quiz.question": Reads(),
    "quiz.answer": Reads(form=QUIZ_ANSWER),
    "quiz.finish": Reads(form=fields(EmptyForm)),
    "quiz.results": Reads(),
    "quiz.retake": Reads(form=fields(EmptyForm)),
    "quiz.mistakes": Reads(form=fields(EmptyForm)),
    "quiz.abandon": Reads(form=fields(EmptyForm)),
    "quiz.report": Reads(form=fields(ReportForm)),
    "quiz.history": Reads(),
    "quiz.count": Reads(query=("scope", "types")),
    "cards.dashboard": Reads(),
    "cards.study": Reads(query=("deck", "show")),
    "cards.review": Reads(form=("deck", "rating", "version", "shown_at", "fact_id", "question_id")),
    "cards.undo": Reads(form=("deck",)),
    "cards.browse": Reads(query=("deck", "q", "status")),
    "cards.suspend": Reads(
        form=("suspended", "next"), seeds=(("next", "/cards/browse?deck=all%3A&status=new"),)
    ),
    "cards.settings": Reads(form=fields(SettingsForm)),
    "cards.exam": Reads(form=fields(ExamForm)),
    "classes.index": Reads(form=fields(JoinForm)),
    "classes.join_link": Reads(),
    "classes.lesson": Reads(),
    "classes.progress": Reads(
        form=("position", "complete", "anchor"), seeds=(("anchor", "#item-1"),)
    ),
    "classes.start_assignment": Reads(),
    "teach.home": Reads(),
    "teach.create_class": Reads(form=fields(ClassForm)),
    "teach.class_page": Reads(),
    "teach.join_code": Reads(form=("action",)),
    "teach.archive": Reads(form=("archived",)),
    "teach.remove_student": Reads(),
    "teach.gradebook_csv": Reads(),
    "teach.student_page": Reads(),
    "teach.attempt_page": Reads(),
    "teach.analysis": Reads(),
    "teach.passages": Reads(),
    "teach.new_lesson": Reads(form=fields(LessonForm)),
    # the lesson page (shown again with the errors after a refused POST) reads
    # the question search from the query string
    "teach.lesson": Reads(query=LESSON_SEARCH),
    "teach.edit_lesson": Reads(query=LESSON_SEARCH, form=fields(LessonForm)),
    "teach.add_passage": Reads(query=LESSON_SEARCH, form=fields(PassageForm, "passage-")),
    "teach.add_passage_from_source": Reads(
        form=("lesson_id", "fact_id", "start", "end", "source_id")
    ),
    "teach.add_text": Reads(query=LESSON_SEARCH, form=fields(TextForm)),
    "teach.add_questions": Reads(form=("question_id", "all_on_passages", "per_fact")),
    "teach.find_passages": Reads(query=("p_source", "p_topic", "p_text", "p_page")),
    "teach.reorder": Reads(form=("order",)),
    "teach.delete_lesson": Reads(form=("confirm",)),
    "teach.copy_to_class": Reads(form=("classroom_id",)),
    "teach.rename_class": Reads(form=fields(ClassForm)),
    "teach.delete_class": Reads(form=("confirm",)),
    "teach.add_own_question": Reads(query=LESSON_SEARCH, form=fields(OwnQuestionForm, "own-")),
    "teach.item_action": Reads(form=("body",)),
    "teach.publish": Reads(form=("published", "confirm")),
    "teach.share": Reads(form=("shared",)),
    "teach.duplicate": Reads(),
    "teach.assign": Reads(query=LESSON_SEARCH, form=fields(AssignForm)),
    "teach.preview": Reads(),
    "teach.reports": Reads(query=("status",)),
    "teach.resolve_report": Reads(form=("status",)),
    "teach.import_questions": Reads(form=("format", "content", "action"), files=("file",)),
    "teach.new_source": Reads(form=fields(SourceForm), files=("file",)),
    "teach.curate": Reads(query=("quote", "start", "end")),
    "teach.add_fact": Reads(form=("prefix", *fields(FactForm, "own-"), *fields(FactForm, "c0-"))),
    "teach.preview_fact": Reads(
        form=("prefix", "use", "proposal", *fields(FactForm, "own-"), *fields(FactForm, "c0-"))
    ),
    "teach.fact_for_selection": Reads(query=("start", "end", "q")),
    "teach.skip_proposal": Reads(form=("proposal",)),
    "teach.unskip_proposal": Reads(form=("proposal",)),
    "teach.publish_source": Reads(form=("published", "back")),
    "teach.edit_question": Reads(query=("report",), form=fields(QuestionEditForm)),
    "teach.regrade": Reads(query=("report",), form=("version", "report")),
    "teach.mark_answer": Reads(form=("mark", *fields(OverrideForm, "mark{position}-"))),
    "teach.comment": Reads(form=fields(CommentForm, "comment-")),
    "teach.announce": Reads(form=fields(AnnouncementForm, "announce-")),
    "teach.delete_announcement": Reads(),
    "teach.save_accommodation": Reads(form=fields(AccommodationForm)),
    "teach.remove_accommodation": Reads(),
    "teach.rename_source": Reads(form=fields(RenameSourceForm)),
    "teach.review_source": Reads(),
    "teach.review_item": Reads(form=("question_id", "rejected")),
    "teach.edit_fact": Reads(form=fields(FactForm, "own-")),
    "teach.remove_fact": Reads(),
    "teach.edit_dispute": Reads(query=("fact",), form=fields(DisputeForm)),
    "teach.remove_dispute": Reads(),
    "teach.retire_source": Reads(),
    "teach.delete_source": Reads(form=("confirm",)),
    "exports.anki": Reads(query=("deck",)),
    "exports.moodle": Reads(query=("lesson", "topic")),
    "exports.gift": Reads(query=("lesson", "topic")),
    "exports.worksheet": Reads(),
    "exports.history_csv": Reads(),
    "exports.data_json": Reads(),
}

# -- values -----------------------------------------------------------------------------
HOSTILE = [
    "",
    " ",
    "\x00",
    "nul\x00byte",
    "bell\x07 and escape\x1b",
    "right-to-left \u202e override",
    "zero\u200bwidth",
    "\r\nSet-Cookie: evil=1",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "%00",
    "../../../../etc/passwd",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "#top",
    "Ünïcødé 名前 اسم",
    "\ud7ff\ue000\uffff",
    "🙂" * 50,
]
# Numbers as text: signs, spaces, exponents, what str.isdigit() accepts and int()
# does not ('²'), other scripts' digits, values past every integer column, and
# more digits than int() converts.
ODD_NUMBERS = [
    "-1",
    "-0",
    " 7 ",
    "1e309",
    "nan",
    "-inf",
    "0x1f",
    "²",
    "١٢",
    "Ⅻ",
    "½",
    str(2**31),
    str(2**63),
    str(-(2**63) - 1),
    "9" * 5000,
]
# What a person might plausibly send to any field, for the fields the table has
# no example of.
PLAUSIBLE = [
    "0",
    "1",
    "2",
    "3",
    "4",
    "all:",
    "on",
    "y",
    "csv",
    "gift",
    "confirm",
    "mcq",
    "short",
    "student",
    "teacher",
    "admin",
    "typo",
    "resolved",
    "dismissed",
    "open",
    "regenerate",
    "2099-01-01",
    "2099-01-01T10:00",
    "nwe",
    "trial-1938",
    "bukharin",
    "nwe-second-trial-dates",
    "topic:trial-1936",
    "source:nwe",
    "person:radek",
    "general",
    "text",
    "markdown",
    "html",
    "reference",
    "name",
    "/dashboard",
    "/cards/browse",
    "#items",
]

numbers_as_text = st.one_of(
    st.sampled_from(ODD_NUMBERS),
    st.integers().map(str),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
DIGITS = re.compile(r"\d+")


def hostile(longest: int) -> st.SearchStrategy[str]:
    huge = st.tuples(st.text(min_size=1, max_size=3), st.integers(1_000, longest)).map(
        lambda pair: pair[0] * (pair[1] // len(pair[0]))
    )
    return st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40), numbers_as_text, huge)


# A URL longer than gunicorn's request line (4094 bytes) never reaches the app;
# a form body may, up to MAX_CONTENT_LENGTH (2 MB).
IN_QUERY = hostile(longest=6_000)
IN_FORM = hostile(longest=60_000)
field_names = st.text(alphabet=string.ascii_letters + string.digits + "-_[].", max_size=12)


def numbers_swapped(seed: str) -> st.SearchStrategy[str]:
    """The seed with its numbers replaced by odd ones: 'lesson:7' -> 'lesson:²'."""
    if not DIGITS.search(seed):
        return st.just(seed)
    return numbers_as_text.map(lambda number: DIGITS.sub(lambda _: number, seed))


# Characters that end a line, a header or a field, to put inside a plausible value.
BREAKS = ["\r\n", "\n", "\r", "\t", "\x0b", "\x85", "\u2028", '"', "'", "<", ";", "&"]


def value_for(seeds: Iterable[str], hostile: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A plausible value (the table's examples for this field first), one of
    them with odd numbers in it or with a line break and more after it, or a
    hostile value."""
    plausible = st.sampled_from(sorted(set(seeds)) or PLAUSIBLE)
    return st.one_of(
        plausible,
        plausible.flatmap(numbers_swapped),
        st.tuples(plausible, st.sampled_from(BREAKS), hostile).map("".join),
        hostile,
    )


def path_value(current: Any) -> st.SearchStrategy[Any]:
    """Another value for a path parameter: ids near and far beyond the real ones."""
    if isinstance(current, int):
        return st.one_of(st.integers(0, 12), st.integers(2**31 - 1, 2**80))
    return IN_QUERY


# -- targets ------------------------------------------------------------------------------
@dataclass
class Target:
    """One rule as one role requests it: a concrete URL from the route table, and
    every example value the table's rows for the rule hold, by field name."""

    rule: str
    method: str
    endpoint: str
    path_values: dict[str, Any]
    seeds: dict[str, set[str]]

    def __str__(self) -> str:
        return f"{self.method} {self.rule}"


def targets(app: Flask, role: str, rows: list[tuple[Any, ...]]) -> list[Target]:
    """The rules the role reaches (not sent to log in, not refused by role),
    each at the URL of the first row where the role gets furthest into the view."""
    adapter = app.url_map.bind("localhost")
    by_rule: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    for row in rows:
        by_rule.setdefault((row[0], row[1]), []).append(row)
    found = []
    for (rule, method), candidates in by_rule.items():
        reaching = [row for row in candidates if row[4][role] not in NOT_REACHED]
        if not reaching:
            continue
        # a row where the object is the role's own beats one answering 404
        url = min(reaching, key=lambda row: row[4][role] == 404)[2]
        endpoint, path_values = adapter.match(urlsplit(url).path, method=method)
        seeds: dict[str, set[str]] = {}
        for _, _, example, data, _ in candidates:
            for name, value in [*parse_qsl(urlsplit(example).query), *(data or {}).items()]:
                seeds.setdefault(name, set()).add(str(value))
        found.append(Target(rule, method, endpoint, path_values, seeds))
    # logging out ends the role's session, so it goes last
    return sorted(found, key=lambda t: t.endpoint == "auth.logout")


@dataclass(frozen=True)
class Upload:
    content: bytes
    filename: str

    def __repr__(self) -> str:
        return f"<file {self.filename!r}, {len(self.content)} bytes>"


@dataclass
class Request:
    path: str
    method: str
    query: list[tuple[str, str]]
    form: list[tuple[str, str | Upload]]
    accept: str

    def __str__(self) -> str:
        def short(value: Any) -> str:
            text = repr(value)
            return text if len(text) <= 80 else f"{text[:60]}… ({len(text)} chars)"

        query = ", ".join(f"{k}={short(v)}" for k, v in self.query)
        form = ", ".join(f"{k}={short(v)}" for k, v in self.form if k != "csrf_token")
        return f"{self.method} {self.path!r} query[{query}] form[{form}] Accept: {self.accept}"

    def send(self, client: FlaskClient) -> Any:
        form = MultiDict(
            [
                (k, (io.BytesIO(v.content), v.filename) if isinstance(v, Upload) else v)
                for k, v in self.form
            ]
        )
        return client.open(
            self.path,
            method=self.method,
            query_string=self.query,
            data=form if self.method == "POST" else None,
            headers={"Accept": self.accept},
        )


@st.composite
def requests(draw: st.DrawFn, app: Flask, target: Target, token: str) -> Request:
    values = dict(target.path_values)
    if values and draw(st.integers(0, 3)) == 0:  # a quarter of the time, a fuzzed path
        values = {name: draw(path_value(v), label=name) for name, v in values.items()}
    path = app.url_map.bind("localhost").build(target.endpoint, values, method=target.method)
    reads = READS.get(target.endpoint, Reads())  # a missing entry fails the coverage test

    def fields_drawn(
        names: Iterable[str], hostile: st.SearchStrategy[str]
    ) -> list[tuple[str, str]]:
        drawn: list[tuple[str, str]] = []
        for template in names:
            name = template.format(**target.path_values)
            seeds = {*target.seeds.get(name, ()), *(v for n, v in reads.seeds if n == name)}
            strategy = value_for(seeds, hostile)
            drawn += [(name, v) for v in draw(st.lists(strategy, max_size=2), label=name)]
        unread = st.lists(st.tuples(field_names, hostile), max_size=2)
        return drawn + draw(unread, label="unread")

    query = fields_drawn(reads.query, IN_QUERY)
    form: list[tuple[str, str | Upload]] = []
    if target.method == "POST":
        form = [("csrf_token", token), *fields_drawn(reads.form, IN_FORM)]
        for name in reads.files:
            if draw(st.booleans(), label=f"send {name}"):
                content = draw(st.one_of(st.binary(max_size=2000), IN_FORM.map(str.encode)))
                filename = draw(st.sampled_from(["questions.csv", "source.txt", "", "../x"]))
                form.append((name, Upload(content, filename)))
    accept = draw(st.sampled_from(["text/html", "application/json", "*/*"]))
    return Request(path, target.method, query, form, accept)


def fuzz(app: Flask, client: FlaskClient, token: str, target: Target) -> int:
    """The number of requests sent. Raises with the request that failed, shrunk,
    if any request gets a 500 or shows a traceback."""
    sent = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(request=requests(app, target, token))
    def run(request: Request) -> None:
        nonlocal sent
        sent += 1
        try:
            response = request.send(client)
        except Exception as exc:
            raise AssertionError(f"{request}\n  raised {exc!r}") from exc
        assert response.status_code < 500, f"{request}\n  answered {response.status_code}"
        assert b"Traceback" not in response.data, f"{request}\n  shows a traceback"

    run()
    return sent


def own_question_ids(app: Flask, user_id: int | None) -> set[str]:
    """The questions of the acting user's attempts: the only ones an answer is taken for."""
    if user_id is None:
        return set()
    with app.app_context():
        query = (
            select(AttemptAnswer.question_id)
            .join(QuizAttempt, QuizAttempt.id == AttemptAnswer.attempt_id)
            .where(QuizAttempt.user_id == user_id)
        )
        return set(db.session.scalars(query))


@pytest.mark.parametrize("role", ROLES)
def test_no_input_to_any_route_gets_a_server_error(
    app, table_for, client_for, role, record_property
):
    client, user = client_for(role)
    rows = table_for(user)
    token = csrf_token(client)
    answers = own_question_ids(app, user.id if user else None)
    chosen = targets(app, role, rows)
    failures, sent = [], 0
    for target in chosen:
        if target.endpoint == "quiz.answer":
            target.seeds.setdefault("question_id", set()).update(answers)
        try:
            sent += fuzz(app, client, token, target)
        except Exception as exc:  # hypothesis raises the shrunk failing example's error
            found = exc.exceptions if isinstance(exc, ExceptionGroup) else (exc,)
            failures += [f"{target} as {role}: {error}" for error in found]
    # figures for `make audit` (python -m harness.audit.security reads them from JUnit XML)
    record_property("routes", len(chosen))
    record_property("requests", sent)
    assert not failures, f"{len(failures)} routes failed:\n" + "\n".join(failures)


def app_routes(app: Flask) -> Iterator[tuple[str, str, str]]:
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.rule, method, rule.endpoint


def test_every_route_is_fuzzed(app, table, record_property):
    fuzzed = {(t.rule, t.method) for role in ROLES for t in targets(app, role, table)}
    record_property("rules", len(fuzzed))
    missing = [
        f"{method} {rule}" for rule, method, _ in app_routes(app) if (rule, method) not in fuzzed
    ]
    unread = sorted({e for _, _, e in app_routes(app)} - set(READS))
    stale = sorted(set(READS) - {e for _, _, e in app_routes(app)})
    assert not missing, "routes no role can reach in tests/routes_table.py: " + ", ".join(missing)
    assert not unread, "endpoints without a READS entry in tests/test_fuzz.py: " + ", ".join(unread)
    assert not stale, "READS entries for endpoints that no longer exist: " + ", ".join(stale)
