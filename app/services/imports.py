"""Importing teachers' own questions from CSV or GIFT: every row names a source
and a verbatim quote, problems are reported by line, and nothing is stored
unless every row is good (all or nothing, after a preview)."""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Lesson, Question, Source, User
from app.parsing import invisible_character_problem
from app.services import ServiceError, teaching
from question_bank.grading import grade_text
from question_bank.loader import locate

MAX_BYTES = 200_000
MAX_ROWS = 500
# One GIFT question (with its comment lines) longer than this is refused: no
# real question needs it, and it bounds the work done on one block.
MAX_GIFT_BLOCK = 20_000
CSV_COLUMNS = ["type", "question", "answer", "accepted", "wrong", "source", "quote"]


@dataclass
class Row:
    line: int
    kind: str
    prompt: str
    answer: str
    accepted: list[str]
    wrong: list[str]
    source_id: str
    quote: str


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ServiceError(
            f"The file is larger than {MAX_BYTES // 1000} KB; split it into smaller files."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ServiceError(
            "The file is not UTF-8 text. Save it as “CSV UTF-8” (or plain UTF-8 text) "
            "and try again."
        ) from exc


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def parse_csv(text: str) -> Report:
    report = Report()
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
    except csv.Error:
        header = None
    if header is None or [h.strip().lower() for h in header][: len(CSV_COLUMNS)] != CSV_COLUMNS:
        report.errors.append((1, "The first line must be the header: " + ",".join(CSV_COLUMNS)))
        return report
    number = 1
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as error:
            report.errors.append((reader.line_num, _csv_problem(error)))
            return report
        if cells is None:
            break
        number += 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < len(CSV_COLUMNS):
            report.errors.append(
                (number, f"expected {len(CSV_COLUMNS)} columns, found {len(cells)}")
            )
            continue
        if len(cells) > len(CSV_COLUMNS) and any(c.strip() for c in cells[len(CSV_COLUMNS) :]):
            # An unquoted comma splits a field in two: keeping the first seven
            # would cut the quote (or another field) short without a word.
            report.errors.append(
                (
                    number,
                    f"expected {len(CSV_COLUMNS)} columns, found {len(cells)}: put a field "
                    "that holds a comma inside double quotes",
                )
            )
            continue
        kind, prompt, answer, accepted, wrong, source_id, quote = (
            c.strip() for c in cells[: len(CSV_COLUMNS)]
        )
        report.rows.append(
            Row(
                number,
                kind.lower(),
                prompt,
                answer,
                _split(accepted),
                _split(wrong),
                source_id,
                quote,
            )
        )
        if len(report.rows) > MAX_ROWS:
            report.errors.append((number, f"more than {MAX_ROWS} questions; split the file"))
            break
    return report


def _csv_problem(error: csv.Error) -> str:
    """A line the csv module refuses, said so that a teacher can mend it."""
    if "field limit" in str(error):  # its own limit on one field, 128 KiB
        return (
            "a field is longer than 128 KiB or its quotes do not close; "
            "check the quotes near this line"
        )
    # for example a line break inside an unquoted field
    return (
        "This line cannot be read as CSV: put a field that holds a line break "
        "or a double quote inside double quotes."
    )


# Every pattern below is linear: an escaped character (backslash and any
# character) and a plain character are disjoint alternatives, so a run of
# backslashes is read one way only.
_GIFT_ESCAPE = re.compile(r"\\(.)", re.S)
_GIFT_META = re.compile(r"[ \t]*//[ \t]*(source|quote)[ \t]*:(.*)")
_GIFT_QUESTION = re.compile(
    r"(?:::(?P<title>(?:\\.|[^:\\])*)::)?"
    r"(?P<prompt>(?:\\.|[^{\\])*)"
    r"\{(?P<answers>(?:\\.|[^}\\])*)\}\s*",
    re.S,
)
_GIFT_FEEDBACK = re.compile(r"(?<!\\)####")
_GIFT_ANSWER_START = re.compile(r"(?<!\\)(?=[=~])")


def _unescape(text: str) -> str:
    """GIFT text is HTML in Moodle (and in Sourcebook's GIFT export): its
    entities are read back as the characters they stand for."""
    return html.unescape(_GIFT_ESCAPE.sub(r"\1", text)).strip()


def parse_gift(text: str) -> Report:
    """GIFT, with two comment lines before each question naming its passage:
    `// source: nwe` and `// quote: <the words exactly as in the source>`."""
    report = Report()
    line = 1
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        start = line
        line += block.count("\n") + 2
        if not block.strip():
            continue
        if len(block) > MAX_GIFT_BLOCK:
            report.errors.append(
                (
                    start,
                    f"this question is longer than {MAX_GIFT_BLOCK:,} characters; "
                    "shorten it or split it",
                )
            )
            continue
        meta: dict[str, str] = {}
        body_lines = []
        for raw in block.split("\n"):
            m = _GIFT_META.fullmatch(raw)
            if m:
                meta[m.group(1)] = m.group(2).strip()
            elif not raw.strip().startswith("//"):
                body_lines.append(raw)
        body = " ".join(body_lines).strip()
        m = _GIFT_QUESTION.fullmatch(body)
        if not m:
            report.errors.append(
                (start, "not a GIFT question of the form  Question text {=answer ~wrong}")
            )
            continue
        answers_text = _GIFT_FEEDBACK.split(m.group("answers"))[0]
        parts = [p for p in _GIFT_ANSWER_START.split(answers_text) if p.strip()]
        right = [_unescape(p[1:]) for p in parts if p.startswith("=")]
        wrong = [_unescape(p[1:]) for p in parts if p.startswith("~")]
        if any("->" in r for r in right) or answers_text.strip() in ("T", "F", "TRUE", "FALSE"):
            report.errors.append(
                (start, "only multiple-choice and short-answer questions can be imported")
            )
            continue
        kind = "mcq" if wrong else "short"
        report.rows.append(
            Row(
                start,
                kind,
                _unescape(m.group("prompt")),
                right[0] if right else "",
                right[1:],
                wrong,
                meta.get("source", ""),
                meta.get("quote", ""),
            )
        )
    return report


def validate(db: Session, report: Report) -> Report:
    """Add a problem for every row that would not import, without storing anything."""
    texts = {sid: text for sid, text in db.execute(select(Source.id, Source.text))}
    for row in report.rows:
        problems = []
        if row.kind not in ("mcq", "short"):
            problems.append("type must be mcq or short")
        if not row.prompt:
            problems.append("the question is empty")
        if not row.answer:
            problems.append("the answer is empty")
        if row.source_id not in texts:
            problems.append(
                f"unknown source {row.source_id!r} (use one of: {', '.join(sorted(texts))})"
            )
        elif not row.quote:
            problems.append("the quote is empty: every question needs its verbatim passage")
        else:
            located = locate(texts[row.source_id], row.quote)
            if isinstance(located, str):
                problems.append(located)
        if row.kind == "mcq":
            if len(row.wrong) < 2:
                problems.append("a multiple-choice question needs at least two wrong options")
            elif any(grade_text(w, [row.answer, *row.accepted]).correct for w in row.wrong):
                problems.append("a wrong option is the same as the answer")
        if len(row.prompt) > 1000 or len(row.answer) > 300:
            problems.append("the question or the answer is too long")
        for name, value in (
            ("type", row.kind),
            ("question", row.prompt),
            ("answer", row.answer),
            ("accepted answers", ";".join(row.accepted)),
            ("wrong options", ";".join(row.wrong)),
            ("source", row.source_id),
            ("quote", row.quote),
        ):
            hidden = invisible_character_problem(value, multiline=True)
            if hidden is not None:
                problems.append(f"remove the invisible character from the {name} ({hidden})")
        report.errors.extend((row.line, p) for p in problems)
    report.errors.sort()
    return report


def apply(db: Session, teacher: User, lesson: Lesson, report: Report) -> list[Question]:
    """Store every row or none: the caller commits only if this returns."""
    if not report.ok:
        raise ServiceError("Fix the problems listed first; nothing was imported.")
    created = []
    with db.begin_nested():
        for row in report.rows:
            created.append(
                teaching.write_question(
                    db,
                    teacher,
                    lesson,
                    row.kind,
                    row.prompt,
                    row.answer,
                    row.accepted,
                    row.wrong,
                    row.source_id,
                    row.quote,
                    add_to_lesson=False,
                )
            )
        teaching.add_questions(db, teacher, lesson, [q.id for q in created])
    return created
