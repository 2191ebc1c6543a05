"""What teachers write to students: a comment on an attempt (for the student
who made it), an announcement to a class (for its students), and what a
student finds on their dashboard: those, and the marks changed by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    Announcement,
    AttemptAnswer,
    AttemptComment,
    Classroom,
    Enrollment,
    QuizAttempt,
    User,
)
from app.services import NotFound, ServiceError
from app.services.teaching.gradebook import attempt_in_class

MAX_COMMENT, MAX_ANNOUNCEMENT = 2000, 1000
SHOWN = 10  # of each kind on the dashboard, newest first


def _checked(label: str, body: str, limit: int) -> str:
    body = body.strip()
    if not body:
        raise ServiceError(f"Write the {label.lower()} first.")
    if len(body) > limit:
        raise ServiceError(f"{label} can be at most {limit} characters; it has {len(body)}.")
    return body


def comment_on_attempt(
    db: Session, user: User, classroom: Classroom, attempt_id: int, body: str, now: datetime
) -> AttemptComment:
    """A comment to the student, on an attempt at this class's work."""
    attempt = attempt_in_class(db, classroom, attempt_id)
    comment = AttemptComment(
        attempt_id=attempt.id,
        author_id=user.id,
        body=_checked("A comment", body, MAX_COMMENT),
        created_at=now,
    )
    db.add(comment)
    db.flush()
    return comment


def comments_on(db: Session, attempt: QuizAttempt) -> list[tuple[AttemptComment, str | None]]:
    """An attempt's comments, oldest first, with their author's name."""
    return [
        (comment, name)
        for comment, name in db.execute(
            select(AttemptComment, User.display_name)
            .outerjoin(User, User.id == AttemptComment.author_id)
            .where(AttemptComment.attempt_id == attempt.id)
            .order_by(AttemptComment.created_at, AttemptComment.id)
        )
    ]


def announce(
    db: Session, user: User, classroom: Classroom, body: str, now: datetime
) -> Announcement:
    """An announcement to the class (the view has checked the class is the user's)."""
    if classroom.archived:
        raise ServiceError("This class is archived; restore it to write to its students.")
    announcement = Announcement(
        classroom_id=classroom.id,
        author_id=user.id,
        body=_checked("An announcement", body, MAX_ANNOUNCEMENT),
        created_at=now,
    )
    db.add(announcement)
    db.flush()
    return announcement


def announcements_of(db: Session, classroom: Classroom) -> list[Announcement]:
    return list(
        db.scalars(
            select(Announcement)
            .where(Announcement.classroom_id == classroom.id)
            .order_by(Announcement.created_at.desc(), Announcement.id.desc())
        )
    )


def delete_announcement(db: Session, classroom: Classroom, announcement_id: int) -> None:
    announcement = db.get(Announcement, announcement_id)
    if announcement is None or announcement.classroom_id != classroom.id:
        raise NotFound("There is no such announcement in this class.")
    db.delete(announcement)
    db.flush()


@dataclass(frozen=True)
class StudentMessages:
    # (announcement, class name, author's name)
    announcements: list[tuple[Announcement, str, str | None]]
    # (comment, the attempt's label, author's name)
    comments: list[tuple[AttemptComment, QuizAttempt, str | None]]
    # answers whose mark a teacher changed by hand, with the attempt
    marks: list[tuple[AttemptAnswer, QuizAttempt]]

    def __bool__(self) -> bool:
        return bool(self.announcements or self.comments or self.marks)


def messages_for_student(db: Session, student: User) -> StudentMessages:
    """What teachers wrote to this student: announcements of the classes they
    are in (not archived), comments and marks by hand on their own attempts."""
    announcements: list[tuple[Announcement, str, str | None]] = [
        (a, name, author)
        for a, name, author in db.execute(
            select(Announcement, Classroom.name, User.display_name)
            .join(Classroom, Classroom.id == Announcement.classroom_id)
            .join(Enrollment, Enrollment.classroom_id == Classroom.id)
            .outerjoin(User, User.id == Announcement.author_id)
            .where(Enrollment.student_id == student.id, ~Classroom.archived)
            .order_by(Announcement.created_at.desc(), Announcement.id.desc())
            .limit(SHOWN)
        )
    ]
    comments: list[tuple[AttemptComment, QuizAttempt, str | None]] = [
        (c, attempt, author)
        for c, attempt, author in db.execute(
            select(AttemptComment, QuizAttempt, User.display_name)
            .join(QuizAttempt, QuizAttempt.id == AttemptComment.attempt_id)
            .outerjoin(User, User.id == AttemptComment.author_id)
            .where(QuizAttempt.user_id == student.id)
            .order_by(AttemptComment.created_at.desc(), AttemptComment.id.desc())
            .limit(SHOWN)
        )
    ]
    marks = [
        (answer, attempt)
        for answer, attempt in db.execute(
            select(AttemptAnswer, QuizAttempt)
            .join(QuizAttempt, QuizAttempt.id == AttemptAnswer.attempt_id)
            .where(QuizAttempt.user_id == student.id, AttemptAnswer.overridden_at.is_not(None))
            .order_by(AttemptAnswer.overridden_at.desc())
            .limit(SHOWN)
        )
    ]
    return StudentMessages(announcements, comments, marks)
