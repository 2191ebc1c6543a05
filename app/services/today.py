"""The signed-in home: what a student has to do now, and how their week went."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import AttemptAnswer, QuizAttempt, User
from app.services import cards, teaching
from app.services import quiz as quizzes
from app.services.teaching.assignments import AssignedWork

# Assigned work still to do, in the order the table lists it.
OPEN_WORK = ("in progress", "not started", "not read", "missing")


@dataclass(frozen=True)
class OpenQuiz:
    attempt: QuizAttempt
    answered: int


@dataclass(frozen=True)
class WeekDay:
    day: date
    reviews: int
    is_today: bool


@dataclass(frozen=True)
class Today:
    cards_due: int
    new_cards: int
    later: cards.LaterToday
    open_quizzes: list[OpenQuiz]
    work: list[AssignedWork]
    streak: int
    week: list[WeekDay]  # Monday to Sunday of this week
    week_reviews: int
    week_answers: int
    # What the one "Start" button does: "work", "quiz", "cards", "new" or "explore".
    next_step: str

    @property
    def work_to_do(self) -> list[AssignedWork]:
        return [w for w in self.work if w.status in OPEN_WORK]


def today(db: Session, user: User, now: datetime) -> Today:
    per_day = cards.reviews_per_day(db, user, now)
    day = now.astimezone(UTC).date()
    monday = day - timedelta(days=day.weekday())
    week = [
        WeekDay(
            monday + timedelta(days=i),
            per_day.get(monday + timedelta(days=i), 0),
            i == day.weekday(),
        )
        for i in range(7)
    ]
    open_attempts = [a for a in quizzes.list_attempts(db, user, now) if not a.is_finished]
    answered = quizzes.answered_counts(db, [a.id for a in open_attempts])
    open_quizzes = [OpenQuiz(a, answered.get(a.id, 0)) for a in open_attempts]
    work = teaching.student_work(db, user, now)
    due = cards.due_now(db, user, now)
    new = cards.new_available(db, user, now)
    week_start = datetime.combine(monday, datetime.min.time(), tzinfo=UTC)
    week_answers = int(
        db.scalar(
            select(func.count(AttemptAnswer.id))
            .join(QuizAttempt, QuizAttempt.id == AttemptAnswer.attempt_id)
            .where(QuizAttempt.user_id == user.id, AttemptAnswer.answered_at >= week_start)
        )
        or 0
    )
    to_do = [w for w in work if w.status in OPEN_WORK]
    if to_do and to_do[0].assignment.due_at is not None:
        next_step = "work"
    elif open_quizzes:
        next_step = "quiz"
    elif due:
        next_step = "cards"
    elif to_do:
        next_step = "work"
    elif new:
        next_step = "new"
    else:
        next_step = "explore"
    return Today(
        cards_due=due,
        new_cards=new,
        later=cards.later_today(db, user, now),
        open_quizzes=open_quizzes,
        work=work,
        streak=cards.streak(per_day, day),
        week=week,
        week_reviews=sum(d.reviews for d in week),
        week_answers=week_answers,
        next_step=next_step,
    )
