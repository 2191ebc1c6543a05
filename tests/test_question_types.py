"""Each question type has one place in the app: its partials, its layout,
reading a posted answer and showing it again, and its exports."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.models import Question
from app.services import exports
from app.services.question_types import REGISTRY, ResponseError, app_type
from question_bank.question import QUESTION_TYPES, grade_response


def _first_of(kind):
    return db.session.scalars(
        select(Question)
        .where(Question.type == kind, ~Question.retired, Question.owner_id.is_(None))
        .order_by(Question.id)
    ).first()


def _right_response(data):
    if data["type"] == "matching":
        return [right for _, right in data["pairs"]]
    if data["type"] == "ordering":
        return list(data["items"])
    return data["answer"]


def test_every_type_of_the_bank_has_its_partials(app):
    assert list(REGISTRY) == list(QUESTION_TYPES)
    for kind in REGISTRY.values():
        for name in (kind.answer_template, kind.feedback_template, kind.worksheet_template):
            app.jinja_env.get_template(name)  # raises if the partial is missing


@pytest.mark.parametrize("kind", list(QUESTION_TYPES))
def test_a_saved_answer_is_shown_again_and_reads_back_the_same(app, kind):
    with app.app_context():
        data = _first_of(kind).data
    handler = app_type(kind)
    display = handler.layout(data, random.Random(3))
    response = _right_response(data)
    form = MultiDict(handler.values(display, response))
    assert handler.parse(data, display, form, 300) == response
    assert grade_response(data, response)[0] is True
    assert handler.describe_response(data, response) == handler.describe_answer(data)


@pytest.mark.parametrize("kind", list(QUESTION_TYPES))
def test_an_empty_answer_is_refused_with_a_message(app, kind):
    with app.app_context():
        data = _first_of(kind).data
    handler = app_type(kind)
    display = handler.layout(data, random.Random(3))
    with pytest.raises(ResponseError) as refused:
        handler.parse(data, display, MultiDict(), 300)
    assert str(refused.value).startswith(("Choose", "Type"))


def test_exports_hold_every_exportable_type_and_leave_out_the_rest(app):
    with app.app_context():
        questions = [_first_of(kind).data for kind in QUESTION_TYPES]
        sources = {s.id: s for s in db.session.scalars(select(exports.Source))}
    xml = exports.moodle_xml(questions, sources, lambda data: "https://example.org/", "All")
    gift = exports.gift(questions, sources, lambda data: "https://example.org/")
    for kind, data in zip(QUESTION_TYPES, questions, strict=True):
        moodle_type = app_type(kind).moodle_type
        if moodle_type is None:
            assert data["id"] not in xml and data["id"] not in gift
        else:
            assert f'<question type="{moodle_type}">' in xml
            assert f"::{exports.gift_escape(data['id'])}::" in gift


def test_a_gap_heading_quotes_its_passage_once():
    cloze = app_type("cloze")
    framed = {"prompt": "The source “The Vasa” says: “In _____ the ship sank.”"}
    assert (
        cloze.heading(framed)
        == "Fill the gap: The source “The Vasa” says: “In _____ the ship sank.”"
    )
    bare = {"prompt": "In _____ the ship sank."}
    assert cloze.heading(bare) == "Fill the gap: “In _____ the ship sank.”"
