"""Quizzes: choosing questions, saving and grading answers, finishing attempts.

Every answer is saved the moment it is given and graded against the copy of
the question taken when the attempt started.

- `scopes`: what a quiz practises
- `choosing`: which questions an attempt gets, and their layout
- `attempts`: starting, finishing and expiring attempts
- `answers`: one question: saving and grading its answer, reporting it
- `history`: past attempts and accuracy per topic
"""

from app.models import AttemptAnswer, QuizAttempt
from app.services.quiz.answers import (
    MAX_ANSWER_LENGTH,
    REPORT_REASONS,
    QuizClosed,
    answer_question,
    answered_counts,
    check_question,
    grade_stored,
    mark_shown,
    next_unanswered,
    posted_question,
    progress,
    question_at,
    question_token,
    report_question,
    slot,
)
from app.services.quiz.attempts import (
    FEEDBACK_MODES,
    GRACE,
    MAX_QUESTIONS,
    MAX_TIME_LIMIT_MINUTES,
    MIN_QUESTIONS,
    abandon_attempt,
    check_open_attempts,
    expire_if_due,
    expire_overdue,
    finish_attempt,
    get_attempt,
    open_practice_attempts,
    rescore_attempt,
    start_attempt,
)
from app.services.quiz.choosing import _pool, choose_questions, draw, scope_counts
from app.services.quiz.history import TopicAccuracy, list_attempts, topic_accuracy
from app.services.quiz.scopes import Scope, parse_scope, scope_choices
from question_bank.question import QUESTION_TYPES, TYPE_LABELS

__all__ = [
    "FEEDBACK_MODES",
    "GRACE",
    "MAX_ANSWER_LENGTH",
    "MAX_QUESTIONS",
    "MAX_TIME_LIMIT_MINUTES",
    "MIN_QUESTIONS",
    "QUESTION_TYPES",
    "REPORT_REASONS",
    "TYPE_LABELS",
    "AttemptAnswer",
    "QuizAttempt",
    "QuizClosed",
    "Scope",
    "TopicAccuracy",
    "_pool",
    "abandon_attempt",
    "answer_question",
    "answered_counts",
    "check_open_attempts",
    "check_question",
    "posted_question",
    "question_token",
    "choose_questions",
    "draw",
    "expire_if_due",
    "expire_overdue",
    "finish_attempt",
    "get_attempt",
    "grade_stored",
    "list_attempts",
    "mark_shown",
    "next_unanswered",
    "open_practice_attempts",
    "parse_scope",
    "progress",
    "question_at",
    "scope_counts",
    "report_question",
    "rescore_attempt",
    "scope_choices",
    "slot",
    "start_attempt",
    "topic_accuracy",
]
