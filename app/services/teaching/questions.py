"""Questions for lessons: searching the bank, and the teacher's own questions."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.models import (
    Fact,
    Lesson,
    Question,
    Source,
    User,
)
from app.services import ServiceError, visibility
from app.services.teaching.common import passage_offsets, require_teacher
from app.services.teaching.lessons import add_questions
from question_bank.grading import grade_text

LESSON_QUESTION_TYPES = ("mcq", "true_false", "cloze", "short", "attribution", "dispute")


@dataclass(frozen=True)
class QuestionFilter:
    """What the bank's search is narrowed to; every filter set applies at once."""

    source: str | None = None
    topic: str | None = None
    person: str | None = None
    type: str | None = None
    text: str | None = None

    def any(self) -> bool:
        return any(vars(self).values())


PAGE_SIZE = 50


@dataclass
class QuestionPage:
    """One page of what a search found, and how much it found in all."""

    questions: list[Question]
    total: int
    page: int
    per_page: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def search_questions(
    db: Session, teacher: User, flt: QuestionFilter, page: int = 1, per_page: int = PAGE_SIZE
) -> QuestionPage:
    """The bank's questions (and the teacher's own) that match every filter set,
    by source then passage, one page of them, with the true count."""
    from app.models import QuestionTag

    where = [
        ~Question.retired,
        Question.type.in_(LESSON_QUESTION_TYPES),
        or_(Question.owner_id.is_(None), Question.owner_id == teacher.id),
    ]
    for kind, value in (("source", flt.source), ("topic", flt.topic), ("person", flt.person)):
        if value:
            tagged = select(QuestionTag.question_id).where(
                QuestionTag.kind == kind, QuestionTag.value == value
            )
            where.append(Question.id.in_(tagged))
    if flt.type:
        where.append(Question.type == flt.type)
    if flt.text:
        where.append(Question.prompt.ilike(f"%{flt.text[:100]}%"))
    total = db.scalar(select(func.count()).select_from(Question).where(*where)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    found = db.scalars(
        select(Question)
        .where(*where)
        .order_by(Question.source_id, Question.fact_id, Question.type)
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    return QuestionPage(list(found), total, page, per_page)


def write_question(
    db: Session,
    teacher: User,
    lesson: Lesson,
    kind: str,
    prompt: str,
    answer: str,
    accepted: list[str],
    distractors: list[str],
    source_id: str,
    quote: str,
    add_to_lesson: bool = True,
    span: tuple[int, int] | None = None,
) -> Question:
    """A teacher's own question, pinned to a verbatim passage they chose. It joins
    the bank for this teacher's lessons and is graded like every other question.
    Written in the lesson editor or imported from a file, it is checked here.
    `span` pins it to that range of the source (one of the lesson's passages)
    instead of the quote's words."""
    require_teacher(teacher)
    source = db.scalars(
        visibility.visible_sources(teacher).where(Source.id == source_id)
    ).one_or_none()
    if source is None:
        raise ServiceError("Choose the source the passage comes from.")
    if span is not None and 0 <= span[0] < span[1] <= len(source.text):
        start, end = span
    else:
        start, end = passage_offsets(source.text, quote)
    answer = answer.strip()
    forms = [answer, *[a.strip() for a in accepted if a.strip()]]
    if kind not in ("mcq", "short"):
        raise ServiceError("Choose multiple choice or short answer.")
    if not prompt.strip() or not answer:
        raise ServiceError("Write the question and its answer.")
    wrong = [d.strip() for d in distractors if d.strip()]
    if kind == "mcq":
        if len(wrong) < 2:
            raise ServiceError("A multiple-choice question needs at least two wrong options.")
        if any(grade_text(w, forms).correct for w in wrong):
            raise ServiceError("A wrong option is the same as the answer.")
    question = create_own_question(
        db, teacher, source, (start, end), kind, prompt.strip(), forms, wrong
    )
    if add_to_lesson:
        add_questions(db, teacher, lesson, [question.id])
    return question


def create_own_question(
    db: Session,
    teacher: User,
    source: Source,
    span: tuple[int, int],
    kind: str,
    prompt: str,
    forms: list[str],
    wrong: list[str],
) -> Question:
    """Store a checked question of the teacher's own and the fact it rests on,
    both owned by the teacher: the fact quotes source.text[start:end], and
    `forms` are the answer then its accepted variants. Ids are new on each call,
    so the same question written twice is two questions."""
    start, end = span
    answer = forms[0]
    digest = hashlib.sha256(
        f"{teacher.id}|{prompt}|{answer}|{secrets.token_hex(4)}".encode()
    ).hexdigest()[:10]
    fact = Fact(
        id=f"t{teacher.id}-{digest}",
        source_id=source.id,
        section="Teacher's question",
        kind="fact",
        quote=source.text[start:end],
        start_offset=start,
        end_offset=end,
        statement=f"{prompt} {answer}",
        question=prompt,
        answer=answer,
        answer_type="term",
        accepted=forms[1:],
        topics=[],
        people=[],
        corroborated_by=[],
        content_hash=digest,
        retired=False,
        owner_id=teacher.id,
    )
    data = _question_data(fact, kind, forms, wrong, digest)
    refused = gate_reasons(data)
    if refused:
        raise ServiceError(
            "The question does not pass the bank's quality check: " + "; ".join(refused) + "."
        )
    question = Question(
        id=data["id"],
        type=kind,
        fact_id=fact.id,
        source_id=source.id,
        prompt=prompt,
        data=data,
        content_hash=hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest(),
        retired=False,
        owner_id=teacher.id,
    )
    db.add(fact)
    db.add(question)
    db.flush()
    return question


def _question_data(
    fact: Fact, kind: str, forms: list[str], wrong: list[str], digest: str
) -> dict[str, Any]:
    """The question in the bank's export form (as `Question.data` holds it)."""
    answer = forms[0]
    options = [answer, *wrong] if kind == "mcq" else []
    options.sort(key=lambda o: hashlib.sha256(f"{digest}{o}".encode()).hexdigest())
    link = {
        "source_id": fact.source_id,
        "start": fact.start_offset,
        "end": fact.end_offset,
        "quote": fact.quote,
        "fact_id": fact.id,
    }
    return {
        "id": f"{fact.id}:{kind}",
        "type": kind,
        "fact_id": fact.id,
        "fact_ids": [fact.id],
        "prompt": fact.question,
        "options": options,
        "option_details": [
            {
                "text": o,
                "correct": o == answer,
                "fact_id": fact.id if o == answer else None,
                "explanation": "",
            }
            for o in options
        ],
        "answer": answer,
        "accepted": forms if kind == "short" else [],
        "reject": [],
        "pairs": [],
        "items": [],
        "explanation": fact.statement,
        "source": link,
        "links": [],
        "topics": [],
        "people": [],
    }


@cache
def _gate_context() -> Any:
    """The gate's index of the curated fact base (names, people, disputes),
    read once per process: a few seconds the first time."""
    from question_bank.gate import GateContext
    from question_bank.loader import load_fact_base

    return GateContext.of(load_fact_base())


def gate_reasons(data: dict[str, Any]) -> list[str]:
    """Why the bank's quality gate (`question_bank.gate`) refuses a question in
    its exported form, as a teacher can read it; empty when it passes. Own
    questions pass the same rules as generated ones."""
    from question_bank.gate import failures
    from question_bank.question import Option, SourceLink
    from question_bank.question import Question as BankQuestion

    question = BankQuestion(
        id=data["id"],
        type=data["type"],
        fact_id=data["fact_id"],
        prompt=data["prompt"],
        answer=data["answer"],
        source=SourceLink(**data["source"]),
        explanation=data["explanation"],
        accepted=tuple(data["accepted"]),
        options=tuple(
            Option(o["text"], o["correct"], o["fact_id"], o["explanation"])
            for o in data["option_details"]
        ),
        fact_ids=tuple(data["fact_ids"]),
    )
    return [reason for _, reason in failures(question, _gate_context())]
