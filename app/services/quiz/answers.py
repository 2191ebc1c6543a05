"""One question of an attempt: showing it, saving and grading the answer, reporting it."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, String, Table, and_, bindparam, func, select, update
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.attributes import set_committed_value

from app.models import (
    AttemptAnswer,
    QuestionReport,
    QuizAttempt,
    User,
)
from app.services import NotFound, ServiceError
from app.services.quiz.attempts import expire_if_due
from question_bank.question import grade_response

REPORT_REASONS = {
    "unsupported": "The source does not support this answer",
    "ambiguous": "The question is ambiguous",
    "typo": "There is a typo",
    "other": "Something else",
}
MAX_ANSWER_LENGTH = 300


class QuizClosed(ServiceError):
    """The attempt is finished (submitted or out of time): no more answers."""


def slot(db: Session, attempt: QuizAttempt, position: int) -> AttemptAnswer:
    """One question of the attempt (loads that row only, not the whole quiz)."""
    answer = None
    if 1 <= position <= attempt.total:
        answer = db.scalars(
            select(AttemptAnswer).where(
                AttemptAnswer.attempt_id == attempt.id, AttemptAnswer.position == position
            )
        ).one_or_none()
    if answer is None:
        raise NotFound(f"This quiz has no question {position}.")
    return answer


_other = aliased(AttemptAnswer)
# The attempt, its question at one position (None when there is no such
# position) and the positions answered so far, as "1,4,5": one query for what
# showing or saving one answer reads. Built once; only its parameters vary.
_QUESTION_AT = (
    select(
        QuizAttempt,
        AttemptAnswer,
        select(func.aggregate_strings(sql_cast(_other.position, String), ","))
        .where(_other.attempt_id == QuizAttempt.id, _other.answered_at.is_not(None))
        .scalar_subquery(),
    )
    .outerjoin(
        AttemptAnswer,
        and_(
            AttemptAnswer.attempt_id == QuizAttempt.id,
            AttemptAnswer.position == bindparam("position"),
        ),
    )
    .where(QuizAttempt.id == bindparam("attempt_id"))
)


def question_at(
    db: Session, user: User, attempt_id: int, position: int
) -> tuple[QuizAttempt, AttemptAnswer, list[bool]]:
    """The user's own attempt (anybody else's is 'not found', never revealed), its
    question at `position` and whether each of its questions is answered, in
    order (what `get_attempt`, `slot` and `progress` give, in one query)."""
    row = db.execute(_QUESTION_AT, {"attempt_id": attempt_id, "position": position}).one_or_none()
    if row is None or row[0].user_id != user.id:
        raise NotFound("There is no such quiz in your account.")
    attempt, answer, answered = row
    if answer is None:
        raise NotFound(f"This quiz has no question {position}.")
    done = {int(p) for p in answered.split(",")} if answered else set()
    return attempt, answer, [p in done for p in range(1, attempt.total + 1)]


def progress(db: Session, attempt: QuizAttempt) -> list[bool]:
    """Whether each question is answered, in order (one light query)."""
    rows = db.execute(
        select(AttemptAnswer.answered_at.is_not(None))
        .where(AttemptAnswer.attempt_id == attempt.id)
        .order_by(AttemptAnswer.position)
    )
    return [bool(answered) for (answered,) in rows]


def question_token(question_id: str, key: bytes) -> str:
    """What a question's form sends to say which question it showed. Not the id
    itself: ids give answers away ("...:tf-true", a dispute's "...:brookshaw").
    Keyed, so that a student who guesses ids cannot test them against it."""
    return hmac.new(key, question_id.encode(), hashlib.sha256).hexdigest()[:24]


def posted_question(answer: AttemptAnswer, posted: str, key: bytes) -> str:
    """The question id a form posted: its token read back, or an id as sent
    (a client that knows the id may send it), checked by `check_question`."""
    if hmac.compare_digest(posted.encode(), question_token(answer.question_id, key).encode()):
        return answer.question_id
    return posted


def check_question(answer: AttemptAnswer, question_id: str) -> None:
    """A stale tab may post an answer meant for another question: refuse it."""
    if answer.question_id != question_id:
        raise ServiceError("That answer was for a different question; nothing was saved.")


def mark_shown(answer: AttemptAnswer, now: datetime) -> None:
    if answer.shown_at is None:
        answer.shown_at = now


def answer_question(
    db: Session,
    user: User,
    attempt: QuizAttempt,
    answer: AttemptAnswer,
    question_id: str,
    response: Any,
    now: datetime,
) -> AttemptAnswer:
    """Save and grade one answer, given its `slot()` (which the view has already
    read to parse the response). Saying the same thing twice is harmless; in
    'after each question' mode the first answer stands."""
    if attempt.user_id != user.id or answer.attempt_id != attempt.id:
        raise NotFound("There is no such quiz in your account.")
    expire_if_due(db, attempt, now)
    if attempt.finished_at is not None:
        if attempt.finished_reason == "time-up":
            raise QuizClosed("Time is up: this quiz was finished with the answers saved before.")
        raise QuizClosed("This quiz is finished; its answers can no longer change.")
    check_question(answer, question_id)
    if answer.is_answered and attempt.feedback_mode == "each":
        return answer  # a double submit, or a retry after a timeout
    correct, score, message = grade_response(answer.question_data, response)
    taken = None
    if answer.shown_at is not None:
        taken = max(0, int((now - answer.shown_at).total_seconds() * 1000))
    values = {
        "response": response,
        "correct": correct,
        "score": score,
        "message": message,
        "answered_at": now,
        "time_taken_ms": taken,
    }
    statement = _SAVE_FIRST_ANSWER if attempt.feedback_mode == "each" else _SAVE_ANSWER
    if db.autoflush:
        db.flush()  # as the session would before a statement
    # on the session's connection (its transaction), without the ORM's work per
    # statement: the answer object is brought up to date just below
    result = cast(
        CursorResult[Any],
        db.connection().execute(
            statement, {"answer_id": answer.id, **{f"new_{k}": v for k, v in values.items()}}
        ),
    )
    if result.rowcount:
        for key, value in values.items():
            set_committed_value(answer, key, value)
    else:
        db.refresh(answer)  # another request answered first: show what it stored
    return answer


_answer_table = cast(Table, AttemptAnswer.__table__)
_answer = _answer_table.c
# Saving an answer, built once: only the parameters vary. In "after each
# question" mode only the first answer is stored.
_SAVE_ANSWER = (
    update(_answer_table)
    .where(_answer.id == bindparam("answer_id"))
    .values(
        {
            name: bindparam(f"new_{name}")
            for name in ("response", "correct", "score", "message", "answered_at", "time_taken_ms")
        }
    )
)
_SAVE_FIRST_ANSWER = _SAVE_ANSWER.where(_answer.answered_at.is_(None))


def grade_stored(data: dict[str, Any], response: Any) -> tuple[bool, float, str]:
    """Grade a stored response against a version of its question, as answering does."""
    return grade_response(data, response)


def next_unanswered(done: list[bool]) -> int | None:
    """The first unanswered position, given `progress()`."""
    return next((i for i, answered in enumerate(done, start=1) if not answered), None)


def report_question(
    db: Session,
    user: User,
    attempt: QuizAttempt,
    answer: AttemptAnswer,
    reason: str,
    comment: str,
) -> tuple[QuestionReport, bool]:
    """Report the question of `answer` (a `slot()` of the attempt)."""
    if attempt.user_id != user.id or answer.attempt_id != attempt.id:
        raise NotFound("There is no such quiz in your account.")
    if reason not in REPORT_REASONS:
        raise ServiceError("Choose what is wrong with the question.")
    # One open report per student and question: reporting again updates it.
    report = db.scalars(
        select(QuestionReport).where(
            QuestionReport.user_id == user.id,
            QuestionReport.question_id == answer.question_id,
            QuestionReport.status == "open",
        )
    ).first()
    updated = report is not None
    if report is None:
        report = QuestionReport(user_id=user.id, question_id=answer.question_id)
        db.add(report)
    report.attempt_id = attempt.id
    report.reason = reason
    report.comment = comment.strip()
    db.flush()
    return report, updated


def answered_counts(db: Session, attempt_ids: list[int]) -> dict[int, int]:
    """How many questions of each attempt are answered (one query)."""
    if not attempt_ids:
        return {}
    rows = db.execute(
        select(AttemptAnswer.attempt_id, func.count())
        .where(AttemptAnswer.attempt_id.in_(attempt_ids), AttemptAnswer.answered_at.is_not(None))
        .group_by(AttemptAnswer.attempt_id)
    )
    return {attempt_id: count for attempt_id, count in rows}
