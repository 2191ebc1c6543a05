"""Item analysis of an assignment, and where a class went wrong in a source."""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.models import (
    Assignment,
    AttemptAnswer,
    Classroom,
    Fact,
    QuizAttempt,
    Source,
)
from app.services import NotFound
from app.services.reading import Block, shown_blocks


@dataclass
class ItemStats:
    question_id: str
    prompt: str
    answered: int
    facility: float | None
    discrimination: float | None
    common_wrong: str | None
    common_wrong_count: int
    mean_seconds: float | None
    flags: list[str]


def item_analysis(db: Session, assignment: Assignment) -> list[ItemStats]:
    """Per question of an assignment's finished attempts: facility (share right),
    discrimination (upper 27% minus lower 27% by total score), the most chosen
    wrong answer and the mean time. One query, whatever the class size."""
    rows = db.execute(
        select(
            QuizAttempt.id,
            QuizAttempt.score,
            AttemptAnswer.question_id,
            AttemptAnswer.question_data,
            AttemptAnswer.response,
            AttemptAnswer.correct,
            AttemptAnswer.time_taken_ms,
        )
        .join(AttemptAnswer, AttemptAnswer.attempt_id == QuizAttempt.id)
        .where(QuizAttempt.assignment_id == assignment.id, QuizAttempt.finished_at.is_not(None))
        .order_by(QuizAttempt.id, AttemptAnswer.position)
    ).all()
    return analyse(rows)


def analyse(rows: Sequence[Any]) -> list[ItemStats]:
    scores = {attempt_id: score or 0.0 for attempt_id, score, *_ in rows}
    ranked = sorted(scores, key=lambda a: (scores[a], a))
    n = len(ranked)
    group = max(1, round(n * 0.27)) if n >= 2 else 0
    lower, upper = set(ranked[:group]), set(ranked[n - group :]) if group else set()
    per_question: dict[str, list[Any]] = defaultdict(list)
    prompts: dict[str, str] = {}
    order: list[str] = []
    for attempt_id, _score, qid, data, response, correct, taken in rows:
        if qid not in per_question:
            order.append(qid)
        per_question[qid].append((attempt_id, response, bool(correct), taken))
        prompts[qid] = data.get("prompt", "")
    result = []
    for qid in order:
        answers = per_question[qid]
        facility = sum(c for _, _, c, _ in answers) / len(answers)
        discrimination = None
        if group:
            up = [c for a, _, c, _ in answers if a in upper]
            low = [c for a, _, c, _ in answers if a in lower]
            if up and low:
                discrimination = sum(up) / len(up) - sum(low) / len(low)
        wrong = Counter(
            json.dumps(r, ensure_ascii=False) if isinstance(r, list) else str(r)
            for _, r, c, _ in answers
            if not c and r is not None
        )
        common, count = wrong.most_common(1)[0] if wrong else (None, 0)
        times = [t / 1000 for _, _, _, t in answers if t is not None]
        flags = []
        if discrimination is not None and discrimination < 0:
            flags.append("negative discrimination: strong students miss it more than weak ones")
        if facility < 0.2 and len(answers) >= 5:
            flags.append("almost nobody got it right")
        result.append(
            ItemStats(
                qid,
                prompts[qid],
                len(answers),
                facility,
                discrimination,
                common,
                count,
                statistics.mean(times) if times else None,
                flags,
            )
        )
    return result


def paragraph_errors(
    db: Session, classroom: Classroom, source_id: str
) -> dict[int, tuple[int, int]]:
    """paragraph -> (answers, wrong answers) for questions on this source, from
    the class's assignment attempts."""
    rows = db.execute(
        select(
            Fact.paragraph,
            func.count(),
            func.sum(case((AttemptAnswer.correct.is_(False), 1), else_=0)),
        )
        .select_from(AttemptAnswer)
        .join(QuizAttempt, QuizAttempt.id == AttemptAnswer.attempt_id)
        .join(Assignment, Assignment.id == QuizAttempt.assignment_id)
        .join(Fact, Fact.id == AttemptAnswer.fact_id)
        .where(
            Assignment.classroom_id == classroom.id,
            Fact.source_id == source_id,
            AttemptAnswer.answered_at.is_not(None),
        )
        .group_by(Fact.paragraph)
    ).all()
    return {p: (int(n), int(w or 0)) for p, n, w in rows if p is not None}


@dataclass
class ShadedSource:
    source: Source
    # (block, its HTML, answers, wrong answers, shade 0-4) per paragraph
    blocks: list[tuple[Block, Markup, int, int, int]]
    worst: list[tuple[Block, Markup, int, int, int]]


def shaded_source(db: Session, classroom: Classroom, source_id: str) -> ShadedSource:
    """The source paragraph by paragraph, shaded by the share of the class's
    answers on it that were wrong (0 unanswered, 1-4 from few to most), and the
    five paragraphs the class got wrong most often."""
    from app.models import User
    from app.services import visibility

    source = db.get(Source, source_id)
    # the class's teacher sees the sources they may read, not any source by id
    if source is None or not visibility.may_see_source(
        db, db.get(User, classroom.teacher_id), source
    ):
        raise NotFound("There is no such source.")
    errors = paragraph_errors(db, classroom, source.id)
    shaded = []
    for block, html in shown_blocks(source.text, source.format, []):
        answered, wrong = errors.get(block.index, (0, 0))
        share = wrong / answered if answered else None
        level = 0 if share is None else 1 + min(3, int(share * 4))
        shaded.append((block, html, answered, wrong, level))
    # the paragraphs got wrong at all, most often first
    worst = sorted((s for s in shaded if s[3]), key=lambda s: (-s[3] / s[2], -s[2]))[:5]
    return ShadedSource(source, shaded, worst)
