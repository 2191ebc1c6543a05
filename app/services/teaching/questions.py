"""A teacher's own questions for their lessons: checked, written and stored as
the bank's questions of their type."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from functools import cache
from typing import Any

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
from question_bank.gate.rules import BLANK
from question_bank.grading import grade_text


class QuestionFieldError(ServiceError):
    """An own question refused because of what one field holds, which it always
    names (`ServiceError.field`), so the message is shown next to it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field)


# The types a teacher writes: every type the bank has that rests on one passage
# of one source (attribution and dispute compare sources).
OWN_QUESTION_TYPES = ("mcq", "true_false", "cloze", "short", "ordering", "matching")
MIN_ITEMS, MAX_ITEMS = 3, 6
# a matching set's answers are all of one kind, so no stem's grammar picks its answer
PAIR_KINDS = {"person": "the person", "date": "the date", "place": "the place"}
ORDERING_PROMPT = "Put these events in chronological order, earliest first."
_MARKED_GAP = re.compile(r"\[\[(.+?)\]\]")
_GAP = re.compile(r"_{3,}")
_PAIR_SEPARATOR = re.compile(r"\s*(?:→|->|\|)\s*")


@dataclass(frozen=True)
class OwnQuestion:
    """What a teacher wrote, checked: the stored prompt, the answer and its
    accepted forms, and the parts of its type (options, items, pairs)."""

    kind: str
    prompt: str
    forms: list[str]
    wrong: list[str]
    items: list[str]
    pairs: list[tuple[str, str]]
    pair_kind: str = ""


def parse_pairs(lines: list[str]) -> list[tuple[str, str]]:
    """Matching pairs from lines like "Who led the prosecution? → Vyshinsky"."""
    pairs = []
    for n, line in enumerate((line.strip() for line in lines if line.strip()), start=1):
        parts = _PAIR_SEPARATOR.split(line, maxsplit=1)
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise QuestionFieldError(
                "pairs", f"Line {n} needs a question, an arrow (→ or ->) and its answer."
            )
        pairs.append((parts[0], parts[1]))
    return pairs


def check_own_question(
    kind: str,
    prompt: str,
    answer: str,
    accepted: list[str],
    distractors: list[str],
    truth: str = "",
    items: list[str] | None = None,
    pairs: list[tuple[str, str]] | None = None,
    pair_kind: str = "",
) -> OwnQuestion:
    """The teacher's question of any type, or a `QuestionFieldError` saying
    which field to fix and how."""
    if kind not in OWN_QUESTION_TYPES:
        raise QuestionFieldError("kind", "Choose the type of question.")
    prompt, answer = " ".join(prompt.split()), " ".join(answer.split())
    more = [" ".join(a.split()) for a in accepted if a.strip()]
    wrong = [" ".join(d.split()) for d in distractors if d.strip()]
    if kind == "true_false":
        if not prompt:
            raise QuestionFieldError("prompt", "Write the statement to judge true or false.")
        if truth not in ("true", "false"):
            raise QuestionFieldError("truth", "Say whether the statement is true or false.")
        return OwnQuestion(kind, prompt, [truth.capitalize()], [], [], [])
    if kind == "cloze":
        marked = _MARKED_GAP.findall(prompt)
        if len(marked) > 1 or len(_GAP.findall(prompt)) + len(marked) > 1:
            raise QuestionFieldError("prompt", "Leave one gap in the sentence, not several.")
        if marked:
            gap = " ".join(marked[0].split())
            if answer and answer.casefold() != gap.casefold():
                raise QuestionFieldError(
                    "answer",
                    f"The gap in the sentence is “{gap}” but the answer says “{answer}”: "
                    "keep one of them.",
                )
            answer, prompt = gap, _MARKED_GAP.sub(BLANK, prompt)
        elif _GAP.search(prompt):
            prompt = _GAP.sub(BLANK, prompt)
            if not answer:
                raise QuestionFieldError("answer", "Write the words that fill the gap.")
        else:
            raise QuestionFieldError(
                "prompt",
                "Mark the gap: put its words in [[double brackets]], or write _____ "
                "where they go and the words as the answer.",
            )
        return OwnQuestion(kind, prompt, [answer, *more], [], [], [])
    if kind == "ordering":
        events = [" ".join(i.split()) for i in items or [] if i.strip()]
        if not MIN_ITEMS <= len(events) <= MAX_ITEMS:
            raise QuestionFieldError(
                "items",
                f"Write {MIN_ITEMS} to {MAX_ITEMS} events, one per line, earliest first "
                f"({len(events)} written).",
            )
        if len({e.casefold() for e in events}) < len(events):
            raise QuestionFieldError("items", "Two events are the same; write each once.")
        return OwnQuestion(kind, prompt or ORDERING_PROMPT, [" → ".join(events)], [], events, [])
    if kind == "matching":
        pairs = list(pairs or [])
        if not MIN_ITEMS <= len(pairs) <= MAX_ITEMS:
            raise QuestionFieldError(
                "pairs",
                f"Write {MIN_ITEMS} to {MAX_ITEMS} pairs, one per line ({len(pairs)} written).",
            )
        if pair_kind not in PAIR_KINDS:
            raise QuestionFieldError(
                "pair_kind", "Say what the answers are: people, dates or places."
            )
        for side, name in ((0, "questions"), (1, "answers")):
            if len({p[side].casefold() for p in pairs}) < len(pairs):
                raise QuestionFieldError(
                    "pairs", f"Two {name} are the same; each pair needs its own."
                )
        prompt = prompt or f"Match each question to {PAIR_KINDS[pair_kind]} it asks for."
        joined = "; ".join(f"{left} → {right}" for left, right in pairs)
        return OwnQuestion(kind, prompt, [joined], [], [], pairs, pair_kind)
    if not prompt:
        raise QuestionFieldError("prompt", "Write the question.")
    if not answer:
        raise QuestionFieldError("answer", "Write the answer.")
    forms = [answer, *more]
    if kind == "mcq":
        if len(wrong) < 2:
            raise QuestionFieldError(
                "distractors", "A multiple-choice question needs at least two wrong options."
            )
        if any(grade_text(w, forms).correct for w in wrong):
            raise QuestionFieldError("distractors", "A wrong option is the same as the answer.")
    return OwnQuestion(kind, prompt, forms, wrong if kind == "mcq" else [], [], [])


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
    *,
    truth: str = "",
    items: list[str] | None = None,
    pairs: list[tuple[str, str]] | None = None,
    pair_kind: str = "",
) -> Question:
    """A teacher's own question of any type in OWN_QUESTION_TYPES, pinned to a
    verbatim passage they chose. It joins the bank for this teacher's lessons and
    is graded like every other question. Written in the lesson editor or imported
    from a file, it is checked here. `span` pins it to that range of the source
    (one of the lesson's passages) instead of the quote's words."""
    require_teacher(teacher)
    source = db.scalars(
        visibility.visible_sources(teacher).where(Source.id == source_id)
    ).one_or_none()
    if source is None:
        raise QuestionFieldError("source_id", "Choose the source the passage comes from.")
    if span is not None and 0 <= span[0] < span[1] <= len(source.text):
        start, end = span
    else:
        try:
            start, end = passage_offsets(source.text, quote)
        except ServiceError as exc:
            raise QuestionFieldError("quote", str(exc)) from exc
    own = check_own_question(
        kind, prompt, answer, accepted, distractors, truth, items, pairs, pair_kind
    )
    question = create_own_question(
        db,
        teacher,
        source,
        (start, end),
        own.kind,
        own.prompt,
        own.forms,
        own.wrong,
        items=own.items,
        pairs=own.pairs,
        pair_kind=own.pair_kind,
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
    *,
    items: list[str] | None = None,
    pairs: list[tuple[str, str]] | None = None,
    pair_kind: str = "",
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
        answer=answer if len(answer) <= 300 else answer[:299] + "…",
        answer_type=pair_kind or "term",
        accepted=forms[1:],
        topics=[],
        people=[],
        corroborated_by=[],
        content_hash=digest,
        retired=False,
        owner_id=teacher.id,
    )
    data = _question_data(fact, kind, forms, wrong, digest, items or [], pairs or [])
    refused = gate_reasons(data, pair_kind)
    if refused:
        raise QuestionFieldError(
            _GATE_FIELDS.get(kind, "prompt"),
            "The question does not pass the bank's quality check: " + "; ".join(refused) + ".",
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


# where the gate's refusal is shown: the field whose text it is most about
_GATE_FIELDS = {"ordering": "items", "matching": "pairs"}


def _question_data(
    fact: Fact,
    kind: str,
    forms: list[str],
    wrong: list[str],
    digest: str,
    items: list[str],
    pairs: list[tuple[str, str]],
) -> dict[str, Any]:
    """The question in the bank's export form (as `Question.data` holds it),
    the shape the generated questions of its type have."""
    answer = forms[0]
    proof = f"The source says: “{fact.quote}”"
    explanation = fact.statement
    details: list[dict[str, Any]] = []
    if kind == "true_false":
        options = ["True", "False"]  # in this order, as the bank's are
        explanation = f"{answer}. {proof}"
        details = [
            {
                "text": o,
                "correct": o == answer,
                "fact_id": fact.id,
                "explanation": "" if o == answer else f"It is {answer.lower()}. {proof}",
            }
            for o in options
        ]
    else:
        options = [answer, *wrong] if kind == "mcq" else []
        options.sort(key=lambda o: hashlib.sha256(f"{digest}{o}".encode()).hexdigest())
        details = [
            {
                "text": o,
                "correct": o == answer,
                "fact_id": fact.id if o == answer else None,
                "explanation": "",
            }
            for o in options
        ]
    if kind in ("ordering", "matching"):
        explanation = proof
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
        "option_details": details,
        "answer": answer,
        "accepted": forms if kind in ("short", "cloze") else [],
        "reject": [],
        "pairs": [list(p) for p in pairs],
        "items": list(items),
        "explanation": explanation,
        "source": link,
        "links": [],
        "topics": [],
        "people": [],
        "importance": "supporting",
    }


@cache
def _gate_context() -> Any:
    """The gate's index of the curated fact base (names, people, disputes),
    read once per process: a few seconds the first time."""
    from question_bank.gate import GateContext
    from question_bank.loader import load_fact_base

    return GateContext.of(load_fact_base())


def gate_reasons(data: dict[str, Any], pair_kind: str = "") -> list[str]:
    """Why the bank's quality gate (`question_bank.gate`) refuses a question in
    its exported form, as a teacher can read it; empty when it passes. Own
    questions pass the same rules as generated ones. The teacher is the curator
    of their own fact: the gate knows it as it knows a curated fact when a rule
    reads the fact (a false statement is one its author wrote against the
    passage; a matching set's answers are of the kind the teacher named)."""
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
        reject=tuple(data.get("reject", ())),
        options=tuple(
            Option(o["text"], o["correct"], o["fact_id"], o["explanation"])
            for o in data["option_details"]
        ),
        pairs=tuple((left, right) for left, right in data.get("pairs", ())),
        items=tuple(data.get("items", ())),
        # a matching rule reads one fact per pair: every pair rests on the one passage
        fact_ids=tuple(data["fact_ids"]) * max(1, len(data.get("pairs", ()))),
        importance=data.get("importance", "supporting"),
    )
    ctx = _gate_context()
    if data["type"] == "matching" or (data["type"] == "true_false" and data["answer"] == "False"):
        ctx = _with_own_fact(ctx, data, pair_kind)
    return [reason for _, reason in failures(question, ctx)]


def _with_own_fact(ctx: Any, data: dict[str, Any], answer_type: str) -> Any:
    """The gate's context, knowing the teacher's fact as a curated one."""
    from dataclasses import replace

    from question_bank.fact import Fact as BankFact
    from question_bank.fact import FalseStatement

    link = data["source"]
    false: tuple[FalseStatement, ...] = ()
    if data["type"] == "true_false":
        false = (
            FalseStatement(
                data["prompt"],
                "",
                link["quote"],
                link["source_id"],
                link["start"],
                link["end"],
            ),
        )
    fact = BankFact(
        id=data["fact_id"],
        source_id=link["source_id"],
        section="Teacher's question",
        kind="fact",
        quote=link["quote"],
        start=link["start"],
        end=link["end"],
        statement=data["explanation"],
        topics=(),
        question=data["prompt"],
        answer=data["answer"],
        answer_type=answer_type,
        false_statements=false,
    )
    base = replace(ctx.base, facts={**ctx.base.facts, fact.id: fact})
    return replace(ctx, base=base)
