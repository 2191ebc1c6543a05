"""Choosing an attempt's questions, and how each is laid out for the student."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any, TypeVarTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.models import (
    AttemptAnswer,
    Question,
    QuestionTag,
    QuizAttempt,
    User,
)
from app.services.question_types import app_type
from app.services.quiz.scopes import Scope
from app.services.visibility import question_clause
from question_bank import giveaway

# The default draw: questions on core and supporting facts. Details (an exact
# date, a minor name) come in when the student asks for everything, or to fill a
# quiz that a narrow scope cannot fill without them.
MAIN_IMPORTANCE = ("core", "supporting")
DETAIL = "detail"
# Scopes of questions the student picked one by one: drawn whatever their importance.
PICKED_SCOPES = ("mistakes", "questions")
# Candidates drawn per question wanted, for `giveaway.apart` to skip among.
SPARE = 3


Row = TypeVarTuple("Row")


def _scoped(db: Session, user: User, scope: Scope, query: Select[*Row]) -> Select[*Row] | None:
    """The query narrowed to the scope; None when the scope holds nothing."""
    if scope.kind in ("topic", "source", "person"):
        return query.join(QuestionTag).where(
            QuestionTag.kind == scope.kind, QuestionTag.value == scope.value
        )
    if scope.kind == "disputed":
        return query.join(QuestionTag).where(
            QuestionTag.kind == "flag", QuestionTag.value == "disputed"
        )
    if scope.kind == "mistakes":
        wrong = _latest_wrong_question_ids(db, user)
        return query.where(Question.id.in_(wrong)) if wrong else None
    if scope.kind == "questions":
        return query.where(Question.id.in_(scope.value.split(",")))
    return query


def _pool(
    db: Session,
    user: User,
    scope: Scope,
    types: list[str],
    importance: tuple[str, ...] | None = None,
) -> list[tuple[str, str]]:
    """(question id, fact id) of every live question in the scope that the user
    may see: never a teacher's own question, nor one of an unpublished source.
    With `importance`, only questions of those levels."""
    query = select(Question.id, Question.fact_id).where(
        ~Question.retired, Question.type.in_(types), question_clause(user)
    )
    if importance is not None:
        query = query.where(Question.importance.in_(importance))
    scoped = _scoped(db, user, scope, query)
    if scoped is None:
        return []
    return [(qid, fid) for qid, fid in db.execute(scoped.order_by(Question.id))]


def draw(
    db: Session,
    user: User,
    scope: Scope,
    types: list[str],
    count: int,
    rng: random.Random,
    include_details: bool = False,
) -> list[Question]:
    """The questions of a new attempt, in order. By default from core and supporting
    questions only; details fill the rest when there are fewer than `count` of
    those. With `include_details`, or for questions the student picked (their
    mistakes), from every level alike. No question's prompt gives away another's
    answer while the scope has enough others (`giveaway.apart`)."""
    history = _history(db, user)
    spare = count * SPARE
    if include_details or scope.kind in PICKED_SCOPES:
        candidates = choose_questions(_pool(db, user, scope, types), history, spare, rng)
    else:
        main = _pool(db, user, scope, types, MAIN_IMPORTANCE)
        candidates = choose_questions(main, history, spare, rng)
        if len(candidates) < count:  # a narrow scope: details fill the quiz
            details = _pool(db, user, scope, types, (DETAIL,))
            candidates += choose_questions(details, history, spare - len(candidates), rng)
    rows = {q.id: q for q in db.scalars(select(Question).where(Question.id.in_(candidates)))}
    ordered = [{**rows[qid].data, "id": qid} for qid in candidates if qid in rows]
    return [rows[qid] for qid in giveaway.apart(ordered, count)]


def scope_counts(db: Session, user: User, scope: Scope, types: list[str]) -> tuple[int, int]:
    """(questions the default draw takes from, questions with details too) in the
    scope, for the start page to say what a choice covers."""
    query = select(Question.importance, func.count(Question.id)).where(
        ~Question.retired, Question.type.in_(types), question_clause(user)
    )
    scoped = _scoped(db, user, scope, query)
    if scoped is None:
        return 0, 0
    counts: dict[str, int] = {
        level: n for level, n in db.execute(scoped.group_by(Question.importance))
    }
    everything = sum(counts.values())
    return everything - counts.get(DETAIL, 0), everything


def _history(db: Session, user: User, practice_only: bool = False) -> dict[str, bool]:
    """Each question this user answered -> whether their latest answer was right."""
    query = (
        select(AttemptAnswer.question_id, AttemptAnswer.correct)
        .join(QuizAttempt)
        .where(QuizAttempt.user_id == user.id, AttemptAnswer.answered_at.is_not(None))
        .order_by(AttemptAnswer.answered_at)
    )
    if practice_only:
        query = query.where(QuizAttempt.assignment_id.is_(None))
    return {qid: bool(correct) for qid, correct in db.execute(query)}


def _latest_wrong_question_ids(db: Session, user: User) -> list[str]:
    """Assigned work is left out: a practice quiz shows every answer, and its
    answers are the teacher's to release (its results page offers to practise
    its mistakes once they are)."""
    return sorted(
        qid for qid, correct in _history(db, user, practice_only=True).items() if not correct
    )


def choose_questions(
    pool: list[tuple[str, str]], history: dict[str, bool], count: int, rng: random.Random
) -> list[str]:
    """Draw without repeats, preferring unseen questions, then ones got wrong, then
    the rest; no two questions on one fact unless the pool is too small."""
    buckets: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for qid, fid in pool:
        rank = 0 if qid not in history else (1 if not history[qid] else 2)
        buckets[rank].append((qid, fid))
    ordered: list[tuple[str, str]] = []
    for rank in sorted(buckets):
        items = buckets[rank]
        rng.shuffle(items)
        ordered.extend(items)
    chosen: list[str] = []
    used_facts: set[str] = set()
    for qid, fid in ordered:
        if len(chosen) == count:
            break
        if fid not in used_facts:
            chosen.append(qid)
            used_facts.add(fid)
    if len(chosen) < count:  # the pool is too small to keep facts apart
        taken = set(chosen)
        for qid, _fid in ordered:
            if len(chosen) == count:
                break
            if qid not in taken:
                chosen.append(qid)
                taken.add(qid)
    return chosen


def _display(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """How the question is laid out for this student, fixed for the attempt."""
    return app_type(data["type"]).layout(data, rng)


MULTIPLE_CHOICE = ("mcq", "attribution", "dispute")


def fewer_options(data: dict[str, Any], display: dict[str, Any], most: int) -> dict[str, Any]:
    """A multiple-choice layout cut to `most` options: the right answer and the
    first distractors, in the order the student already sees them."""
    options = list(display.get("options") or [])
    answer = data.get("answer")
    if data.get("type") not in MULTIPLE_CHOICE or len(options) <= most or answer not in options:
        return display
    distractors = [o for o in options if o != answer][: most - 1]
    return {**display, "options": [o for o in options if o == answer or o in distractors]}
