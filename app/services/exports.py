"""Exports that fit Sourcebook into other tools, each keeping the citation:
Anki decks (genanki), Moodle XML and GIFT quizzes, CSV and JSON of a
student's own data, and printable worksheets."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import tempfile
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from xml.etree import ElementTree as ET

import genanki
from markupsafe import escape
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    AttemptAnswer,
    Enrollment,
    Fact,
    MemoryState,
    QuizAttempt,
    ReviewLog,
    Source,
    StudySettings,
    User,
)
from app.services.spreadsheet import csv_text
from question_bank.folding import find_folded

# Fixed ids: re-importing a deck updates its notes instead of adding copies.
BASIC_MODEL_ID = 1_793_601_936
CLOZE_MODEL_ID = 1_793_601_937
CARD_CSS = ".card { font-family: Georgia, serif; font-size: 20px; } .quote { color: #444; }"

BASIC_MODEL = genanki.Model(
    BASIC_MODEL_ID,
    "Sourcebook fact",
    fields=[
        {"name": "Front"},
        {"name": "Back"},
        {"name": "Quote"},
        {"name": "Source"},
        {"name": "Link"},
    ],
    templates=[
        {
            "name": "Fact",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer"><b>{{Back}}</b><p class="quote">{{Quote}}</p>'
            "<p>{{Source}}<br>{{Link}}</p>",
        }
    ],
    css=CARD_CSS,
)

CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "Sourcebook cloze",
    fields=[{"name": "Text"}, {"name": "Source"}, {"name": "Link"}],
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": "{{cloze:Text}}<p>{{Source}}<br>{{Link}}</p>",
        }
    ],
    css=CARD_CSS,
    model_type=genanki.Model.CLOZE,
)


def stable_id(text: str) -> int:
    """A positive 31-bit id from a text (Anki deck ids must be stable per deck)."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) & 0x7FFFFFFF


def _cloze(quote: str, forms: list[str]) -> str | None:
    for form in sorted((f for f in forms if f), key=len, reverse=True):
        found = find_folded(quote, form)
        if found is not None:
            at, end = found
            hidden = quote[at:end].replace("}}", "} }")
            return f"{escape(quote[:at])}{{{{c1::{escape(hidden)}}}}}{escape(quote[end:])}"
    return None


def anki_package(
    facts: Iterable[Fact], sources: dict[str, Source], deck_key: str, deck_name: str, link_for: Any
) -> bytes:
    """An .apkg with a basic note and, where the answer is in the quote, a cloze
    note per fact. Note guids come from the fact ids."""
    deck = genanki.Deck(stable_id(f"sourcebook:{deck_key}"), f"Sourcebook::{deck_name}")
    for fact in facts:
        if fact.kind != "fact":
            continue
        source = sources[fact.source_id]
        citation = f"{escape(source.title)} ({escape(source.author or source.publisher or '')})"
        link = link_for(fact)
        link_html = f'<a href="{escape(link)}">{escape(link)}</a>'
        deck.add_note(
            genanki.Note(
                model=BASIC_MODEL,
                fields=[
                    str(escape(fact.question)),
                    str(escape(fact.answer)),
                    f"“{escape(fact.quote)}”",
                    citation,
                    link_html,
                ],
                guid=genanki.guid_for("sourcebook", fact.id),
            )
        )
        cloze = _cloze(fact.quote, [fact.answer, *fact.accepted])
        if cloze:
            deck.add_note(
                genanki.Note(
                    model=CLOZE_MODEL,
                    fields=[cloze, citation, link_html],
                    guid=genanki.guid_for("sourcebook-cloze", fact.id),
                )
            )
    fd, path = tempfile.mkstemp(suffix=".apkg")
    os.close(fd)
    try:
        genanki.Package(deck).write_to_file(path)
        with open(path, "rb") as fh:
            return fh.read()
    finally:
        os.unlink(path)


# -- Moodle XML ---------------------------------------------------------------------------
EXPORTABLE = {"mcq", "true_false", "attribution", "dispute", "short", "cloze", "matching"}


def _feedback(data: dict[str, Any], sources: dict[str, Source], link: str) -> str:
    src = data["source"]
    title = sources[src["source_id"]].title if src["source_id"] in sources else src["source_id"]
    return (
        f"<p>{escape(data.get('explanation', ''))}</p>"
        f"<blockquote>“{escape(src['quote'])}”</blockquote>"
        f'<p>{escape(title)} — <a href="{escape(link)}">{escape(link)}</a></p>'
    )


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag)
    if fmt:
        element.set("format", fmt)
    ET.SubElement(element, "text").text = value
    return element


MOODLE_TYPES = {
    "mcq": "multichoice",
    "attribution": "multichoice",
    "dispute": "multichoice",
    "true_false": "truefalse",
    "short": "shortanswer",
    "cloze": "cloze",
    "matching": "matching",
}


def left_out_of_moodle(questions: list[dict[str, Any]]) -> dict[str, int]:
    """How many questions of each type Moodle XML and GIFT cannot hold (Moodle
    has no core ordering type), by the type's label: what the export says."""
    from question_bank.question import TYPE_LABELS

    counts: dict[str, int] = {}
    for data in questions:
        if data["type"] not in EXPORTABLE:
            label = TYPE_LABELS.get(data["type"], data["type"])
            counts[label] = counts.get(label, 0) + 1
    return counts


def moodle_name(number: int, data: dict[str, Any]) -> str:
    """A name a teacher can read in Moodle's question bank: the number, the
    start of the prompt (cut at a word) and the type."""
    from question_bank.question import TYPE_LABELS

    prompt = " ".join(str(data["prompt"]).split())
    if len(prompt) > 80:
        prompt = prompt[:80].rsplit(" ", 1)[0] + "…"
    # escaped like every other text: markup in a teacher's prompt stays text
    return _html(f"{number}. {prompt} ({TYPE_LABELS.get(data['type'], data['type'])})")


def moodle_xml(
    questions: list[dict[str, Any]], sources: dict[str, Source], link_for: Any, category: str
) -> str:
    quiz = ET.Element("quiz")
    left_out = left_out_of_moodle(questions)
    if left_out:
        quiz.append(
            ET.Comment(
                " Left out, as Moodle has no such question type: "
                + ", ".join(f"{n} {label.lower()}" for label, n in left_out.items())
                + " "
            )
        )
    cat = ET.SubElement(quiz, "question", type="category")
    ET.SubElement(ET.SubElement(cat, "category"), "text").text = f"$course$/Sourcebook/{category}"
    number = 0
    for data in questions:
        kind = data["type"]
        if kind not in EXPORTABLE:
            continue
        number += 1
        moodle_type = MOODLE_TYPES[kind]
        q = ET.SubElement(quiz, "question", type=moodle_type)
        name = ET.SubElement(q, "name")
        ET.SubElement(name, "text").text = moodle_name(number, data)
        # the stable id stays, where Moodle keeps an id of one's own
        ET.SubElement(q, "idnumber").text = data["id"]
        link = link_for(data)
        if kind == "cloze":
            answers = [data["answer"], *[a for a in data["accepted"] if a != data["answer"]]]
            embedded = "~".join(f"%100%{_cloze_escape(_html(a))}" for a in answers)
            question_text = str(escape(data["prompt"])).replace(
                "_____", f"{{1:SHORTANSWER:{embedded}}}"
            )
            _text(q, "questiontext", question_text)
        else:
            _text(q, "questiontext", str(escape(data["prompt"])))
        _text(q, "generalfeedback", _feedback(data, sources, link))
        ET.SubElement(q, "defaultgrade").text = "1"
        _moodle_answers(q, moodle_type, data)
    ET.indent(quiz)
    # Characters XML 1.0 cannot hold at all (ElementTree writes them as they
    # are): left out, so a text stored before they were refused cannot make
    # the whole file unreadable.
    body = _NOT_XML.sub("", ET.tostring(quiz, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _moodle_answers(q: ET.Element, moodle_type: str, data: dict[str, Any]) -> None:
    """The answers of one question (a cloze holds its own in the question text)."""
    if moodle_type == "multichoice":
        ET.SubElement(q, "single").text = "true"
        ET.SubElement(q, "shuffleanswers").text = "true"
        for option in data["option_details"]:
            answer = _text(q, "answer", str(escape(option["text"])))
            answer.set("fraction", "100" if option["correct"] else "0")
            if option.get("explanation"):
                _text(answer, "feedback", str(escape(option["explanation"])))
    elif moodle_type == "truefalse":
        for value in ("true", "false"):
            answer = _text(q, "answer", value, fmt="moodle_auto_format")
            answer.set("fraction", "100" if data["answer"].lower() == value else "0")
    elif moodle_type == "shortanswer":
        ET.SubElement(q, "usecase").text = "0"
        for accepted in dict.fromkeys([data["answer"], *data["accepted"]]):
            answer = _text(q, "answer", _html(accepted), fmt="moodle_auto_format")
            answer.set("fraction", "100")
    elif moodle_type == "matching":
        ET.SubElement(q, "shuffleanswers").text = "true"
        for left, right in data["pairs"]:
            sub = _text(q, "subquestion", str(escape(left)))
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = _html(right)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _html(text: str) -> str:
    """Text as Moodle must receive everything it renders as HTML (question text,
    answers, feedback): markup in a teacher's text stays text. Quotes are left
    alone, so no entity brings a '#' into GIFT or cloze syntax."""
    return html.escape(text, quote=False)


def _cloze_escape(text: str) -> str:
    """Moodle's embedded answers treat these characters as syntax."""
    return re.sub(r"([}#~/\"\\=])", r"\\\1", text)


# -- GIFT ---------------------------------------------------------------------------------
def gift_escape(text: str) -> str:
    """GIFT's syntax characters escaped, after the HTML escape: Moodle renders
    GIFT text as HTML."""
    return re.sub(r"([~=#{}:\\])", r"\\\1", _html(text.replace("\n", " ")))


def gift(questions: list[dict[str, Any]], sources: dict[str, Source], link_for: Any) -> str:
    blocks = []
    for data in questions:
        kind = data["type"]
        if kind not in EXPORTABLE:
            continue
        src = data["source"]
        title = sources[src["source_id"]].title if src["source_id"] in sources else src["source_id"]
        feedback = gift_escape(f"“{src['quote']}” — {title}, {link_for(data)}")
        head = f"::{gift_escape(data['id'])}::"
        prompt = gift_escape(data["prompt"])
        if kind in ("mcq", "attribution", "dispute"):
            options = " ".join(
                ("=" if o["correct"] else "~") + gift_escape(o["text"])
                for o in data["option_details"]
            )
            body = f"{{{options} ####{feedback}}}"
        elif kind == "true_false":
            body = f"{{{'T' if data['answer'] == 'True' else 'F'} ####{feedback}}}"
        elif kind in ("short", "cloze"):
            answers = " ".join(
                "=" + gift_escape(a) for a in dict.fromkeys([data["answer"], *data["accepted"]])
            )
            body = f"{{{answers} ####{feedback}}}"
        else:  # matching
            pairs = " ".join(
                f"={gift_escape(left)} -> {gift_escape(right)}" for left, right in data["pairs"]
            )
            body = f"{{{pairs} ####{feedback}}}"
        blocks.append(f"{head}{prompt} {body}")
    return "\n\n".join(blocks) + "\n"


# -- a student's own data --------------------------------------------------------------------
def history_csv(db: Session, user: User) -> str:
    header = [
        "started",
        "quiz",
        "position",
        "question",
        "your answer",
        "correct",
        "answer",
        "source",
        "quote",
    ]
    rows = db.execute(
        select(QuizAttempt, AttemptAnswer)
        .join(AttemptAnswer, AttemptAnswer.attempt_id == QuizAttempt.id)
        .where(QuizAttempt.user_id == user.id)
        .order_by(QuizAttempt.started_at, AttemptAnswer.position)
    )
    return csv_text(
        [
            header,
            *(
                [
                    attempt.started_at.isoformat(timespec="seconds"),
                    attempt.scope.get("label"),
                    answer.position,
                    answer.question_data["prompt"],
                    json.dumps(answer.response, ensure_ascii=False)
                    if isinstance(answer.response, list)
                    else answer.response,
                    "" if answer.correct is None else ("yes" if answer.correct else "no"),
                    answer.question_data["answer"],
                    answer.question_data["source"]["source_id"],
                    answer.question_data["source"]["quote"],
                ]
                for attempt, answer in rows
            ),
        ]
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def personal_data(db: Session, user: User) -> dict[str, Any]:
    """Everything Sourcebook keeps about the user's learning, as plain JSON."""
    settings = db.get(StudySettings, user.id)
    classes = [
        e.classroom_id
        for e in db.scalars(select(Enrollment).where(Enrollment.student_id == user.id))
    ]
    return {
        "account": {
            "username": user.username,
            "display_name": user.display_name,
            "role": user.role,
            "created_at": _iso(user.created_at),
        },
        "study_settings": {
            "desired_retention": settings.desired_retention,
            "daily_new_limit": settings.daily_new_limit,
        }
        if settings
        else None,
        "classes": classes,
        "quiz_attempts": _attempts_data(db, user),
        "reviews": _reviews_data(db, user),
        "memory_states": _memory_states_data(db, user),
    }


def _attempts_data(db: Session, user: User) -> list[dict[str, Any]]:
    attempts = []
    for attempt in db.scalars(
        select(QuizAttempt).where(QuizAttempt.user_id == user.id).order_by(QuizAttempt.id)
    ):
        attempts.append(
            {
                "id": attempt.id,
                "scope": attempt.scope,
                "started_at": _iso(attempt.started_at),
                "finished_at": _iso(attempt.finished_at),
                "score": attempt.score,
                "total": attempt.total,
                "answers": [
                    {
                        "position": a.position,
                        "question_id": a.question_id,
                        "question": a.question_data,
                        "response": a.response,
                        "correct": a.correct,
                        "answered_at": _iso(a.answered_at),
                        "time_taken_ms": a.time_taken_ms,
                    }
                    for a in attempt.answers
                ],
            }
        )
    return attempts


def _reviews_data(db: Session, user: User) -> list[dict[str, Any]]:
    return [
        {
            "fact_id": r.fact_id,
            "rating": r.rating,
            "reviewed_at": _iso(r.reviewed_at),
            "duration_ms": r.duration_ms,
            "state_before": r.state_before,
            "state_after": r.state_after,
        }
        for r in db.scalars(
            select(ReviewLog).where(ReviewLog.user_id == user.id).order_by(ReviewLog.id)
        )
    ]


def _memory_states_data(db: Session, user: User) -> list[dict[str, Any]]:
    return [
        {
            "fact_id": s.fact_id,
            "state": s.state,
            "stability": s.stability,
            "difficulty": s.difficulty,
            "due": _iso(s.due),
            "last_review": _iso(s.last_review),
            "reps": s.reps,
            "lapses": s.lapses,
            "suspended": s.suspended,
        }
        for s in db.scalars(
            select(MemoryState).where(MemoryState.user_id == user.id).order_by(MemoryState.fact_id)
        )
    ]
