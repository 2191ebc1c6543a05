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
from app.services.teaching.lessons import (
    RenderedItem,
    lesson_questions,
    lessons_of_teacher,
    render_items,
)
from app.services.teaching.reports import reports_for
from app.services.teaching.search import QuestionFilter, QuestionPage, search_questions


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
    found: QuestionPage | None = None
    # questions of the lesson that Moodle XML and GIFT leave out, by type label
    left_out_of_moodle: dict[str, int] = field(default_factory=dict)


def lesson_editor(
    db: Session, teacher: User, lesson: Lesson, filters: QuestionFilter, page: int = 1
) -> LessonEditor:
    """The lesson's items, what its forms offer, and the page `page` of the
    bank's questions found by `filters` (none when no filter is set)."""
    from app.services.exports import left_out_of_moodle

    items = render_items(db, lesson)
    return LessonEditor(
        items=items,
        sources=source_choices(db, teacher),
        classes=classes_of_teacher(db, teacher),
        assignments=assignments_of_lesson(db, lesson),
        topics=topics(db, teacher),
        found=search_questions(db, teacher, filters, page) if filters.any() else None,
        left_out_of_moodle=left_out_of_moodle(lesson_questions(db, lesson, items)),
    )
