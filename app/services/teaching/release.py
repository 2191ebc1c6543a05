"""What a student may see of an attempt at assigned work while they take it
and afterwards: right and wrong (the assignment's feedback rule), and the
answers themselves (its release rule, through `may_see_answer_key`). A quiz
the student chose for practice shows everything, as it always has."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Assignment, Lesson, QuizAttempt, User
from app.services.feedback import Feedback
from app.services.teaching.access import may_see_answer_key
from app.services.teaching.rules import FEEDBACK, RELEASE, Terms, terms_for


@dataclass(frozen=True)
class AttemptView:
    attempt: QuizAttempt
    terms: Terms | None  # None: a practice quiz
    answers: bool  # the right answers, quotes and explanations may be shown

    @property
    def assigned(self) -> bool:
        return self.terms is not None

    @property
    def marks(self) -> bool:
        """Whether right and wrong may be shown for the answered questions now."""
        if self.terms is None or self.answers:
            return self.attempt.feedback_mode == "each" or self.attempt.is_finished
        if self.terms.feedback == "each":
            return True
        return self.terms.feedback == "end" and self.attempt.is_finished

    @property
    def score(self) -> bool:
        """Whether the results page may give the score."""
        return self.terms is None or self.answers or self.terms.feedback != "none"

    @property
    def rules(self) -> str:
        """The rules in words, for the student's results page ('' for practice)."""
        if self.terms is None:
            return ""
        allowed = self.terms.attempts_allowed
        text = (
            f"Assigned work: {allowed} attempt{'s' if allowed != 1 else ''}; "
            f"{FEEDBACK[self.terms.feedback]}; {RELEASE[self.terms.release]}."
        )
        if not self.answers and self.terms.release != "never":
            text += " The answers are not shown yet."
        return text

    def shown(self, feedback: Feedback) -> Feedback:
        """The feedback as this student may see it: without the answers until released."""
        if self.answers:
            return feedback
        return replace(
            feedback,
            message="",
            right_answer="",
            why_wrong="",
            passages=[],
            disputes=[],
            explanation="",
        )


def attempt_view(db: Session, user: User, attempt: QuizAttempt, now: datetime) -> AttemptView:
    if attempt.assignment_id is None:
        return AttemptView(attempt, None, True)
    assignment = db.get(Assignment, attempt.assignment_id)
    lesson = db.get(Lesson, attempt.lesson_id) if attempt.lesson_id is not None else None
    if assignment is None or lesson is None:
        return AttemptView(attempt, None, True)
    terms = terms_for(db, attempt.user_id, assignment)
    return AttemptView(attempt, terms, may_see_answer_key(user, lesson, db, now, attempt))


def withheld_attempt_ids(db: Session, user: User, now: datetime) -> set[int]:
    """The user's attempts at assigned work whose answers are not released yet:
    what exports of their own data leave the answers out of."""
    assigned = db.scalars(
        select(QuizAttempt).where(
            QuizAttempt.user_id == user.id, QuizAttempt.assignment_id.is_not(None)
        )
    )
    return {a.id for a in assigned if not attempt_view(db, user, a, now).answers}
