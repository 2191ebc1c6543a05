"""A student's own data, as they may take it away: every answer as CSV, and
everything the app holds about them as JSON (attempts, reviews, memory states)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    AttemptAnswer,
    Enrollment,
    MemoryState,
    QuizAttempt,
    ReviewLog,
    StudySettings,
    User,
)
from app.services.feedback import describe_answer
from app.services.spreadsheet import csv_text


def readable_response(data: dict[str, Any], display: dict[str, Any], response: Any) -> Any:
    """An answer as the student gave it, in words: a matching as "left → right"
    pairs, an order as "first → second → ..."."""
    if not isinstance(response, list):
        return response
    if data.get("type") == "matching":
        lefts = display.get("lefts") or [left for left, _ in data.get("pairs", [])]
        return "; ".join(
            f"{left} → {right or '(none)'}" for left, right in zip(lefts, response, strict=False)
        )
    return " → ".join(str(item) for item in response)


def history_csv(db: Session, user: User, withheld: Collection[int] = ()) -> str:
    """Every answer the user gave. For the attempts in `withheld` (assigned work
    whose answers the teacher has not released) the marks and answers are left out."""
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
                    readable_response(answer.question_data, answer.display, answer.response),
                    *(
                        ["", "not released yet", "", ""]
                        if attempt.id in withheld
                        else [
                            "" if answer.correct is None else ("yes" if answer.correct else "no"),
                            describe_answer(answer.question_data),
                            answer.question_data["source"]["source_id"],
                            answer.question_data["source"]["quote"],
                        ]
                    ),
                ]
                for attempt, answer in rows
            ),
        ]
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def personal_data(db: Session, user: User, withheld: Collection[int] = ()) -> dict[str, Any]:
    """Everything Sourcebook keeps about the user's learning, as plain JSON (the
    answers of the attempts in `withheld` left out until they are released)."""
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
        "quiz_attempts": _attempts_data(db, user, withheld),
        "reviews": _reviews_data(db, user),
        "memory_states": _memory_states_data(db, user),
    }


def _attempts_data(db: Session, user: User, withheld: Collection[int] = ()) -> list[dict[str, Any]]:
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
                        "question": _question_shown(a.question_data, attempt.id in withheld),
                        "response": a.response,
                        "correct": None if attempt.id in withheld else a.correct,
                        "answered_at": _iso(a.answered_at),
                        "time_taken_ms": a.time_taken_ms,
                    }
                    for a in attempt.answers
                ],
            }
        )
    return attempts


def _question_shown(data: dict[str, Any], withheld: bool) -> dict[str, Any]:
    """The question as exported: without its answer while the answers are withheld."""
    if not withheld:
        return data
    return {key: data[key] for key in ("type", "prompt") if key in data}


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
