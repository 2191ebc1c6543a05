"""Choosing an attempt's questions, and how each is laid out for the student."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    AttemptAnswer,
    Question,
    QuestionTag,
    QuizAttempt,
    User,
)
from app.services.quiz.scopes import Scope
from app.services.visibility import question_clause


def _pool(db: Session, user: User, scope: Scope, types: list[str]) -> list[tuple[str, str]]:
    """(question id, fact id) of every live question in the scope that the user
    may see: never a teacher's own question, nor one of an unpublished source."""
    query = select(Question.id, Question.fact_id).where(
        ~Question.retired, Question.type.in_(types), question_clause(user)
    )
    if scope.kind in ("topic", "source", "person"):
        query = query.join(QuestionTag).where(
            QuestionTag.kind == scope.kind, QuestionTag.value == scope.value
        )
    elif scope.kind == "disputed":
        query = query.join(QuestionTag).where(
            QuestionTag.kind == "flag", QuestionTag.value == "disputed"
        )
    elif scope.kind == "mistakes":
        wrong = _latest_wrong_question_ids(db, user)
        if not wrong:
            return []
        query = query.where(Question.id.in_(wrong))
    elif scope.kind == "questions":
        query = query.where(Question.id.in_(scope.value.split(",")))
    return [(qid, fid) for qid, fid in db.execute(query.order_by(Question.id))]


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
    if data["type"] == "matching":
        rights = [right for _, right in data["pairs"]]
        rng.shuffle(rights)
        return {"lefts": [left for left, _ in data["pairs"]], "rights": rights}
    if data["type"] == "ordering":
        items = list(data["items"])
        while len(items) > 1 and items == data["items"]:
            rng.shuffle(items)
        return {"items": items}
    return {"options": list(data.get("options", []))}
