"""Students' reports on questions, as the teacher who should act on them sees them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import (
    Lesson,
    Question,
    QuestionReport,
    QuizAttempt,
    User,
)
from app.services import NotFound, ServiceError
from app.services.teaching.common import require_teacher


def reports_for(
    db: Session, user: User, status: str = "open"
) -> list[tuple[QuestionReport, Question, User]]:
    """Reports a teacher should act on: those made while taking one of their
    lessons, or on a question they wrote. Admins see every report, including
    reports on the bank made outside lessons."""
    require_teacher(user)
    query = (
        select(QuestionReport, Question, User)
        .join(Question, Question.id == QuestionReport.question_id)
        .join(User, User.id == QuestionReport.user_id)
        .outerjoin(QuizAttempt, QuizAttempt.id == QuestionReport.attempt_id)
        .outerjoin(Lesson, Lesson.id == QuizAttempt.lesson_id)
        .where(QuestionReport.status == status)
        .order_by(QuestionReport.created_at.desc())
    )
    if not user.is_admin:
        query = query.where(or_(Lesson.teacher_id == user.id, Question.owner_id == user.id))
    return [(row[0], row[1], row[2]) for row in db.execute(query)]


def resolve_report(db: Session, user: User, report_id: int, status: str, now: datetime) -> None:
    if status not in ("resolved", "dismissed"):
        raise ServiceError("Resolve or dismiss the report.")
    visible = {r.id for r, _, _ in reports_for(db, user)}
    report = db.get(QuestionReport, report_id)
    if report is None or report.id not in visible:
        raise NotFound("There is no such report among yours.")
    report.status, report.resolved_by_id, report.resolved_at = status, user.id, now
