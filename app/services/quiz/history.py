"""A student's past attempts and accuracy per topic."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    AttemptAnswer,
    QuizAttempt,
    Topic,
    User,
)
from app.services.quiz.attempts import expire_overdue


def list_attempts(db: Session, user: User, now: datetime) -> list[QuizAttempt]:
    expire_overdue(db, now, user.id)
    return list(
        db.scalars(
            select(QuizAttempt)
            .where(QuizAttempt.user_id == user.id)
            .order_by(QuizAttempt.started_at.desc())
        )
    )


@dataclass
class TopicAccuracy:
    topic_id: str
    title: str
    answered: int
    correct: int
    by_week: list[tuple[str, int, int]]  # (ISO week, answered, correct)

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


def topic_accuracy(db: Session, user: User) -> list[TopicAccuracy]:
    """Accuracy per topic over time, from every answered question."""
    titles = dict(db.execute(select(Topic.id, Topic.title)).all())
    rows = db.execute(
        select(AttemptAnswer.question_data, AttemptAnswer.correct, AttemptAnswer.answered_at)
        .join(QuizAttempt)
        .where(QuizAttempt.user_id == user.id, AttemptAnswer.answered_at.is_not(None))
    )
    per_topic: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for data, correct, answered_at in rows:
        year, week, _ = answered_at.isocalendar()
        for topic in data.get("topics", []):
            cell = per_topic[topic][f"{year}-W{week:02d}"]
            cell[0] += 1
            cell[1] += int(bool(correct))
    result = []
    for topic, weeks in per_topic.items():
        series = [(w, a, c) for w, (a, c) in sorted(weeks.items())]
        result.append(
            TopicAccuracy(
                topic,
                titles.get(topic, topic),
                sum(a for _, a, _ in series),
                sum(c for _, _, c in series),
                series,
            )
        )
    result.sort(key=lambda t: (t.accuracy, -t.answered))
    return result
