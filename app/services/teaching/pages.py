"""What a teacher's pages show, gathered in one call per page: the home page
and the lesson editor."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.models import Assignment, Classroom, Lesson, Question, QuestionReport, Source, Topic, User
from app.services.browse import topics
from app.services.teaching.assignments import assignments_of_lesson
from app.services.teaching.classes import classes_of_teacher
from app.services.teaching.common import own_sources, source_choices
from app.services.teaching.lessons import RenderedItem, lessons_of_teacher, render_items
from app.services.teaching.questions import QuestionFilter, search_questions
from app.services.teaching.reports import reports_for


@dataclass
class TeacherHome:
    classes: list[Classroom]
    archived: list[Classroom]
    lessons: list[Lesson]
    reports: list[tuple[QuestionReport, Question, User]]
    own_sources: list[Source]


def teacher_home(db: Session, teacher: User) -> TeacherHome:
    return TeacherHome(
        classes=classes_of_teacher(db, teacher),
        archived=classes_of_teacher(db, teacher, archived=True),
        lessons=lessons_of_teacher(db, teacher),
        reports=reports_for(db, teacher),
        own_sources=own_sources(db, teacher),
    )


@dataclass
class LessonEditor:
    items: list[RenderedItem]
    sources: list[tuple[str, str]]
    classes: list[Classroom]
    assignments: list[Assignment]
    topics: list[Topic]
    found: list[Question] = field(default_factory=list)


def lesson_editor(
    db: Session, teacher: User, lesson: Lesson, filters: QuestionFilter
) -> LessonEditor:
    """The lesson's items, what its forms offer, and the bank's questions found
    by `filters` (none when no filter is set)."""
    searched = any(vars(filters).values())
    return LessonEditor(
        items=render_items(db, lesson),
        sources=source_choices(db, teacher),
        classes=classes_of_teacher(db, teacher),
        assignments=assignments_of_lesson(db, lesson),
        topics=topics(db, teacher),
        found=search_questions(db, teacher, filters) if searched else [],
    )
