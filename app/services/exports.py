"""Exports that fit Sourcebook into other tools, each keeping the citation:
Anki decks (genanki), Moodle XML and GIFT quizzes, and printable worksheets.
A student's own data (CSV and JSON) is in `app.services.own_data`."""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.etree import ElementTree as ET

import genanki
from markupsafe import escape
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    Fact,
    MemoryState,
    Source,
    User,
)
from app.services import question_types
from app.services.question_types import AppType
from app.services.question_types.formats import gift_escape
from app.services.question_types.formats import html_text as _html
from app.services.question_types.formats import xml_text as _text
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


def anki_tags(fact: Fact) -> list[str]:
    """Anki tags (no spaces; '::' nests them) by source and topic, so a deck of
    everything can be filtered in Anki as in the app."""
    safe = [t.replace(" ", "-") for t in fact.topics or ()]
    return ["sourcebook", f"sourcebook::source::{fact.source_id}"] + [
        f"sourcebook::topic::{t}" for t in safe
    ]


def anki_package(
    facts: Iterable[Fact],
    sources: dict[str, Source],
    deck_key: str,
    deck_name: str,
    link_for: Any,
    schedule: Mapping[str, MemoryState] | None = None,
) -> bytes:
    """An .apkg with a basic note and, where the answer is in the quote, a cloze
    note per fact. Note guids come from the fact ids. With `schedule` (the
    student's memory states by fact id) the cards of studied facts keep their
    due date and interval instead of starting as new."""
    deck = genanki.Deck(stable_id(f"sourcebook:{deck_key}"), f"Sourcebook::{deck_name}")
    for fact in facts:
        if fact.kind != "fact":
            continue
        source = sources[fact.source_id]
        citation = f"{escape(source.title)} ({escape(source.author or source.publisher or '')})"
        link = link_for(fact)
        link_html = f'<a href="{escape(link)}">{escape(link)}</a>'
        tags = anki_tags(fact)
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
                tags=tags,
            )
        )
        cloze = _cloze(fact.quote, [fact.answer, *fact.accepted])
        if cloze:
            deck.add_note(
                genanki.Note(
                    model=CLOZE_MODEL,
                    fields=[cloze, citation, link_html],
                    guid=genanki.guid_for("sourcebook-cloze", fact.id),
                    tags=tags,
                )
            )
    fd, path = tempfile.mkstemp(suffix=".anki2")
    os.close(fd)
    try:
        connection = sqlite3.connect(path)
        try:
            genanki.Package(deck).write_to_db(
                connection.cursor(), time.time(), itertools.count(int(time.time() * 1000))
            )
            if schedule:
                _write_schedule(connection, schedule)
            connection.commit()
        finally:
            connection.close()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as package:
            package.write(path, "collection.anki2")
            package.writestr("media", "{}")
        return out.getvalue()
    finally:
        os.unlink(path)


def review_schedule(db: Session, user: User, fact_ids: Collection[str]) -> dict[str, MemoryState]:
    """The user's memory states of these facts, for an Anki deck that keeps them."""
    return {
        s.fact_id: s
        for s in db.scalars(
            select(MemoryState).where(
                MemoryState.user_id == user.id, MemoryState.fact_id.in_(list(fact_ids))
            )
        )
    }


# Anki's card types and queues (rslib/src/card/mod.rs): 0 new, 1 learning,
# 2 review, 3 relearning; the queue -1 is a suspended card.
_ANKI_TYPE = {1: 1, 2: 2, 3: 3}  # fsrs.State: learning, review, relearning


# Anki's day begins at 4 a.m. (its default "next day starts at"): a card due at 1 a.m. on
# the 6th is due on the Anki day of the 5th
ANKI_ROLLOVER = timedelta(hours=4)


def anki_day(moment: datetime, created: datetime) -> int:
    """The Anki day `moment` falls on, counted from the collection's creation, both
    read in UTC (the app's time) with Anki's day starting at 4 a.m."""
    return ((moment.astimezone(UTC) - ANKI_ROLLOVER).date() - (created - ANKI_ROLLOVER).date()).days


def _write_schedule(connection: sqlite3.Connection, schedule: Mapping[str, MemoryState]) -> None:
    """Turn the cards of studied facts from new into learning or review cards.
    genanki writes every card as new; Anki's own columns say the rest: a review
    card is due on a day counted from the collection's creation (`col.crt`),
    a learning card at a moment (seconds since 1970); the interval is in days."""
    (created,) = connection.execute("SELECT crt FROM col").fetchone()
    created_at = datetime.fromtimestamp(created, UTC)
    guids = {genanki.guid_for("sourcebook", fid): fid for fid in schedule}
    guids |= {genanki.guid_for("sourcebook-cloze", fid): fid for fid in schedule}
    rows = connection.execute(
        "SELECT cards.id, notes.guid FROM cards JOIN notes ON notes.id = cards.nid"
    )
    updates = []
    for card_id, guid in rows.fetchall():
        state = schedule.get(guids.get(guid, ""))
        if state is None or state.state not in _ANKI_TYPE:
            continue
        kind = _ANKI_TYPE[state.state]
        interval = 0
        if state.last_review is not None:
            interval = max(0, round((state.due - state.last_review).total_seconds() / 86400))
        if kind == 2:
            due = anki_day(state.due, created_at)
            interval = max(1, interval)
        else:
            due = int(state.due.timestamp())
        queue = -1 if state.suspended else (2 if kind == 2 else 1)
        updates.append(
            (kind, queue, due, interval, state.reps, state.lapses, 1 if kind != 2 else 0, card_id)
        )
    connection.executemany(
        "UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, factor = 2500, reps = ?,"
        " lapses = ?, left = ? WHERE id = ?",
        updates,
    )


# -- Moodle XML ---------------------------------------------------------------------------
# The per-type parts (Moodle's type, question text, answers; GIFT's answers) are
# the question types' own: app.services.question_types.


def _feedback(data: dict[str, Any], sources: dict[str, Source], link: str) -> str:
    src = data["source"]
    title = sources[src["source_id"]].title if src["source_id"] in sources else src["source_id"]
    return (
        f"<p>{escape(data.get('explanation', ''))}</p>"
        f"<blockquote>“{escape(src['quote'])}”</blockquote>"
        f'<p>{escape(title)} — <a href="{escape(link)}">{escape(link)}</a></p>'
    )


def _exportable(questions: list[dict[str, Any]]) -> Iterable[tuple[AppType, dict[str, Any]]]:
    """Each question with its type, leaving out the types that cannot be exported."""
    for data in questions:
        kind = question_types.REGISTRY.get(data["type"])
        if kind is not None and kind.exportable:
            yield kind, data


def left_out_of_moodle(questions: list[dict[str, Any]]) -> dict[str, int]:
    """How many questions of each type Moodle XML and GIFT cannot hold (Moodle
    has no core ordering type), by the type's label: what the export says."""
    from question_bank.question import TYPE_LABELS

    counts: dict[str, int] = {}
    for data in questions:
        kind = question_types.REGISTRY.get(data["type"])
        if kind is None or not kind.exportable:
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
    for number, (kind, data) in enumerate(_exportable(questions), start=1):
        q = ET.SubElement(quiz, "question", type=str(kind.moodle_type))
        name = ET.SubElement(q, "name")
        ET.SubElement(name, "text").text = moodle_name(number, data)
        # the stable id stays, where Moodle keeps an id of one's own
        ET.SubElement(q, "idnumber").text = data["id"]
        _text(q, "questiontext", kind.moodle_question_text(data))
        _text(q, "generalfeedback", _feedback(data, sources, link_for(data)))
        ET.SubElement(q, "defaultgrade").text = "1"
        kind.moodle_answers(q, data)
    ET.indent(quiz)
    # Characters XML 1.0 cannot hold at all (ElementTree writes them as they
    # are): left out, so a text stored before they were refused cannot make
    # the whole file unreadable.
    body = _NOT_XML.sub("", ET.tostring(quiz, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# -- GIFT ---------------------------------------------------------------------------------
def gift(questions: list[dict[str, Any]], sources: dict[str, Source], link_for: Any) -> str:
    blocks = []
    for kind, data in _exportable(questions):
        src = data["source"]
        title = sources[src["source_id"]].title if src["source_id"] in sources else src["source_id"]
        feedback = gift_escape(f"“{src['quote']}” — {title}, {link_for(data)}")
        head = f"::{gift_escape(data['id'])}::"
        prompt = gift_escape(data["prompt"])
        blocks.append(f"{head}{prompt} {{{kind.gift_answers(data)} ####{feedback}}}")
    return "\n\n".join(blocks) + "\n"
