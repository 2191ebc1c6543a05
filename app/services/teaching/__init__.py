"""Teaching: classes, lessons, assignments, the gradebook and item analysis.

Every function takes the acting user and checks that they may see or change
the object: a teacher sees their own classes and lessons (and lessons others
share), a student their own classes and assigned lessons, an admin everything.
Anything else is 'not found'.

One module per concept: classes, access (who may open a lesson or an
assignment), lessons, questions (the bank's and the teacher's own),
assignments, gradebook, analysis and reports; `common` holds what several
of them need. Import the names from this package, not from its modules."""

from __future__ import annotations

from app.models import (
    Assignment,
    Classroom,
    Lesson,
    QuizAttempt,
    Source,
    User,
)
from app.services.teaching.access import (
    WorkClosed,
    assigned_to,
    assignment_for_student,
    assignment_of_student,
    closed_reason,
    lesson_for_editing,
    lesson_for_reading,
    may_edit_lesson,
    may_see_answer_key,
)
from app.services.teaching.analysis import (
    ItemStats,
    analyse,
    item_analysis,
    paragraph_errors,
)
from app.services.teaching.assignments import (
    AssignedWork,
    AttemptSummary,
    assign,
    best_attempts,
    lessons_due_after,
    progress_of,
    record_progress,
    student_work,
    work_status,
)
from app.services.teaching.classes import (
    CODE_ALPHABET,
    class_for_teacher,
    classes_of_student,
    classes_of_teacher,
    create_class,
    join_class,
    new_join_code,
    regenerate_code,
    remove_student,
    roster,
)
from app.services.teaching.common import (
    passage_offsets,
    require_teacher,
)
from app.services.teaching.gradebook import (
    Cell,
    Gradebook,
    assignment_in_class,
    attempt_in_class,
    gradebook,
    gradebook_csv,
    student_attempts,
    student_in_class,
)
from app.services.teaching.lessons import (
    MAX_ITEMS,
    MAX_LESSON_MARKDOWN,
    RenderedItem,
    add_passage,
    add_questions,
    add_quoted_passage,
    add_text,
    create_lesson,
    duplicate,
    edit_text,
    item_of,
    lesson_fact_ids,
    lesson_question_ids,
    lessons_of_teacher,
    move_item,
    passage_fact_ids,
    publish,
    questions_on_passages,
    remove_item,
    render_items,
    usable_questions,
)
from app.services.teaching.questions import (
    LESSON_QUESTION_TYPES,
    QuestionFilter,
    search_questions,
    write_question,
)
from app.services.teaching.reports import (
    reports_for,
    resolve_report,
)

# The models are re-exported for callers that reach them through this package.
__all__ = [
    "AssignedWork",
    "Assignment",
    "AttemptSummary",
    "CODE_ALPHABET",
    "Cell",
    "Classroom",
    "Gradebook",
    "ItemStats",
    "LESSON_QUESTION_TYPES",
    "Lesson",
    "MAX_ITEMS",
    "MAX_LESSON_MARKDOWN",
    "QuestionFilter",
    "QuizAttempt",
    "RenderedItem",
    "Source",
    "User",
    "WorkClosed",
    "add_passage",
    "add_questions",
    "add_quoted_passage",
    "add_text",
    "analyse",
    "assign",
    "assigned_to",
    "assignment_for_student",
    "assignment_in_class",
    "assignment_of_student",
    "attempt_in_class",
    "best_attempts",
    "class_for_teacher",
    "classes_of_student",
    "classes_of_teacher",
    "closed_reason",
    "create_class",
    "create_lesson",
    "duplicate",
    "edit_text",
    "gradebook",
    "gradebook_csv",
    "item_analysis",
    "item_of",
    "join_class",
    "lesson_fact_ids",
    "lesson_for_editing",
    "lesson_for_reading",
    "lesson_question_ids",
    "lessons_due_after",
    "lessons_of_teacher",
    "may_edit_lesson",
    "may_see_answer_key",
    "move_item",
    "new_join_code",
    "paragraph_errors",
    "passage_fact_ids",
    "passage_offsets",
    "progress_of",
    "publish",
    "questions_on_passages",
    "record_progress",
    "regenerate_code",
    "remove_item",
    "remove_student",
    "render_items",
    "reports_for",
    "require_teacher",
    "resolve_report",
    "roster",
    "search_questions",
    "student_attempts",
    "student_in_class",
    "student_work",
    "usable_questions",
    "work_status",
    "write_question",
]
