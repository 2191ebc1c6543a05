"""The database models, one module per concept; import them from here.

`Fact`, `Source`, `Question`, `Person`, `Topic` and `Dispute` each name two things:
a pure dataclass in `question_bank` (the bank as read from its files) and the ORM
model here (its rows in the database, loaded by app.services.bank)."""

from app.models.bank import (
    Dispute,
    Fact,
    Person,
    ProposalSkip,
    Question,
    QuestionTag,
    QuestionVersion,
    Source,
    Topic,
)
from app.models.base import Base, UTCDateTime, utcnow
from app.models.cards import ExamDate, MemoryState, ReviewLog, StudySettings
from app.models.messages import Announcement, AttemptComment
from app.models.quiz import AttemptAnswer, QuestionReport, QuizAttempt
from app.models.teaching import (
    Accommodation,
    Assignment,
    Classroom,
    Enrollment,
    Lesson,
    LessonItem,
    LessonProgress,
)
from app.models.user import Role, User, UserSession

__all__ = [
    "Accommodation",
    "Announcement",
    "Assignment",
    "AttemptComment",
    "Classroom",
    "Enrollment",
    "Lesson",
    "LessonItem",
    "LessonProgress",
    "AttemptAnswer",
    "Base",
    "Dispute",
    "ExamDate",
    "Fact",
    "MemoryState",
    "Person",
    "ProposalSkip",
    "Question",
    "QuestionReport",
    "QuestionTag",
    "QuestionVersion",
    "QuizAttempt",
    "ReviewLog",
    "Role",
    "Source",
    "StudySettings",
    "Topic",
    "UTCDateTime",
    "User",
    "UserSession",
    "utcnow",
]
