"""Teaching: classes, lessons, assignments, the gradebook and item analysis.

Every function takes the acting user and checks that they may see or change
the object: a teacher sees their own classes and lessons (and lessons others
share), a student their own classes and assigned lessons, an admin everything.
Anything else is 'not found'."""

from __future__ import annotations

import hashlib
import json
import secrets
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from app.models import (
    Assignment,
    AttemptAnswer,
    Classroom,
    Enrollment,
    Fact,
    Lesson,
    LessonItem,
    LessonProgress,
    Question,
    QuestionReport,
    QuizAttempt,
    Source,
    User,
)
from app.services import NotFound, PermissionDenied, ServiceError, visibility
from app.services.spreadsheet import csv_text
from question_bank.grading import grade_text
from question_bank.loader import locate

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
LESSON_QUESTION_TYPES = ("mcq", "true_false", "cloze", "short", "attribution", "dispute")
MAX_ITEMS = 100


def passage_offsets(text: str, quote: str) -> tuple[int, int]:
    """Where a quote stands in a source; it must be there verbatim, exactly once."""
    located = locate(text, quote.strip())
    if isinstance(located, str):
        raise ServiceError("The passage must be copied exactly from the source: " + located + ".")
    return located


def _require_teacher(user: User) -> None:
    if not user.is_teacher:
        raise PermissionDenied("Only teachers can do this.")


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


# -- classes -------------------------------------------------------------------------
def create_class(db: Session, teacher: User, name: str) -> Classroom:
    _require_teacher(teacher)
    classroom = Classroom(teacher_id=teacher.id, name=name.strip(), join_code=new_join_code())
    db.add(classroom)
    db.flush()
    return classroom


def classes_of_teacher(db: Session, teacher: User, archived: bool = False) -> list[Classroom]:
    query = select(Classroom).where(Classroom.archived.is_(archived)).order_by(Classroom.name)
    if not teacher.is_admin:
        query = query.where(Classroom.teacher_id == teacher.id)
    return list(db.scalars(query))


def class_for_teacher(db: Session, user: User, class_id: int) -> Classroom:
    classroom = db.get(Classroom, class_id)
    if classroom is None or not (user.is_admin or classroom.teacher_id == user.id):
        raise NotFound("There is no such class among yours.")
    return classroom


def regenerate_code(classroom: Classroom) -> None:
    classroom.join_code = new_join_code()


def join_class(db: Session, student: User, code: str) -> Classroom:
    code = "".join(code.split()).upper()
    classroom = db.scalars(select(Classroom).where(Classroom.join_code == code)).one_or_none()
    if classroom is None or classroom.archived:
        raise ServiceError("No class has that code. Check it with your teacher.")
    if not classroom.join_enabled:
        raise ServiceError("This class is not taking new students; ask your teacher.")
    if classroom.teacher_id == student.id:
        raise ServiceError("You teach this class.")
    existing = db.scalars(
        select(Enrollment).where(
            Enrollment.classroom_id == classroom.id, Enrollment.student_id == student.id
        )
    ).one_or_none()
    if existing is None:
        db.add(Enrollment(classroom_id=classroom.id, student_id=student.id))
        db.flush()
    return classroom


def roster(db: Session, classroom: Classroom) -> list[User]:
    return list(
        db.scalars(
            select(User)
            .join(Enrollment, Enrollment.student_id == User.id)
            .where(Enrollment.classroom_id == classroom.id)
            .order_by(User.display_name)
        )
    )


def remove_student(db: Session, classroom: Classroom, student_id: int) -> None:
    enrollment = db.scalars(
        select(Enrollment).where(
            Enrollment.classroom_id == classroom.id, Enrollment.student_id == student_id
        )
    ).one_or_none()
    if enrollment is None:
        raise NotFound("That student is not in this class.")
    db.delete(enrollment)
    db.flush()


def classes_of_student(db: Session, student: User) -> list[Classroom]:
    return list(
        db.scalars(
            select(Classroom)
            .join(Enrollment, Enrollment.classroom_id == Classroom.id)
            .where(Enrollment.student_id == student.id, ~Classroom.archived)
            .order_by(Classroom.name)
        )
    )


# -- lessons ---------------------------------------------------------------------------
def create_lesson(db: Session, teacher: User, title: str, introduction: str) -> Lesson:
    _require_teacher(teacher)
    lesson = Lesson(teacher_id=teacher.id, title=title.strip(), introduction=introduction)
    db.add(lesson)
    db.flush()
    return lesson


def lessons_of_teacher(db: Session, teacher: User) -> list[Lesson]:
    query = select(Lesson).order_by(Lesson.updated_at.desc())
    if not teacher.is_admin:
        query = query.where(or_(Lesson.teacher_id == teacher.id, Lesson.shared.is_(True)))
    return list(db.scalars(query))


def lesson_for_editing(db: Session, user: User, lesson_id: int) -> Lesson:
    lesson = db.get(Lesson, lesson_id)
    if lesson is None or not may_edit_lesson(user, lesson):
        raise NotFound("There is no such lesson among yours.")
    return lesson


def lesson_for_reading(db: Session, user: User, lesson_id: int) -> Lesson:
    """Owner and admins always; other teachers if shared; students if it is
    work they may open (`_assigned_to`). A student whose work was closed (the
    lesson went back to draft, the class was archived) is told why."""
    lesson = db.get(Lesson, lesson_id)
    if lesson is None:
        raise NotFound("There is no such lesson.")
    if user.is_admin or lesson.teacher_id == user.id:
        return lesson
    if user.is_teacher and lesson.shared:
        return lesson
    if assignment_for_student(db, user, lesson.id) is not None:
        return lesson
    reason = closed_reason(db, user, lesson_id=lesson.id)
    if reason is not None:
        raise WorkClosed(reason)
    raise NotFound("There is no such lesson.")


def may_edit_lesson(user: User, lesson: Lesson) -> bool:
    return bool(user.is_admin or lesson.teacher_id == user.id)


def may_see_answer_key(user: User, lesson: Lesson) -> bool:
    """Whether the worksheet (or anything else) may show this lesson's answers,
    accepted variants and quotes: only to people who may edit the lesson."""
    return may_edit_lesson(user, lesson)


def _next_position(lesson: Lesson) -> int:
    if len(lesson.items) >= MAX_ITEMS:
        raise ServiceError(f"A lesson holds at most {MAX_ITEMS} items.")
    return max((i.position for i in lesson.items), default=0) + 1


def add_passage(
    db: Session,
    lesson: Lesson,
    fact_id: str | None,
    source_id: str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> LessonItem:
    if fact_id:
        fact = db.get(Fact, fact_id)
        if fact is None or fact.retired:
            raise ServiceError("Choose a passage from the list.")
        item = LessonItem(
            kind="passage",
            fact_id=fact.id,
            source_id=fact.source_id,
            start_offset=fact.start_offset,
            end_offset=fact.end_offset,
        )
    else:
        source = db.get(Source, source_id or "")
        if (
            source is None
            or start is None
            or end is None
            or not 0 <= start < end <= source.body_end
        ):
            raise ServiceError("Select a passage of a source first.")
        if end - start > 3000:
            raise ServiceError("A passage is at most 3,000 characters; select less.")
        item = LessonItem(kind="passage", source_id=source.id, start_offset=start, end_offset=end)
    item.position = _next_position(lesson)
    lesson.items.append(item)
    db.flush()
    return item


def add_quoted_passage(db: Session, lesson: Lesson, source_id: str, quote: str) -> LessonItem:
    """A passage given by its words, pasted from the source."""
    source = db.get(Source, source_id)
    if source is None:
        raise ServiceError("Choose the source the passage comes from.")
    start, end = passage_offsets(source.text, quote)
    return add_passage(db, lesson, None, source.id, start, end)


# Markdown of one lesson, its texts together: every student's view renders it.
MAX_LESSON_MARKDOWN = 100_000


def _check_markdown_total(lesson: Lesson, body: str, replacing: LessonItem | None = None) -> None:
    total = len(body) + sum(
        len(i.body or "") for i in lesson.items if i.kind == "text" and i is not replacing
    )
    if total > MAX_LESSON_MARKDOWN:
        raise ServiceError(
            f"The lesson's texts would be longer than {MAX_LESSON_MARKDOWN:,} characters "
            "together; shorten them or split the lesson in two."
        )


def add_text(db: Session, lesson: Lesson, body: str) -> LessonItem:
    if not body.strip():
        raise ServiceError("Write something first.")
    _check_markdown_total(lesson, body)
    item = LessonItem(kind="text", body=body, position=_next_position(lesson))
    lesson.items.append(item)
    db.flush()
    return item


def usable_questions(db: Session, teacher: User, ids: list[str]) -> list[str]:
    rows = db.execute(
        select(Question.id, Question.owner_id).where(Question.id.in_(ids), ~Question.retired)
    ).all()
    allowed = {
        qid for qid, owner in rows if owner is None or owner == teacher.id or teacher.is_admin
    }
    return [qid for qid in dict.fromkeys(ids) if qid in allowed]


def add_questions(
    db: Session, teacher: User, lesson: Lesson, question_ids: list[str]
) -> LessonItem:
    chosen = usable_questions(db, teacher, question_ids)
    if not chosen:
        raise ServiceError("Choose at least one question.")
    item = LessonItem(kind="questions", question_ids=chosen, position=_next_position(lesson))
    lesson.items.append(item)
    db.flush()
    return item


def passage_fact_ids(lesson: Lesson) -> list[str]:
    return [i.fact_id for i in lesson.items if i.kind == "passage" and i.fact_id]


def questions_on_passages(db: Session, lesson: Lesson) -> list[str]:
    facts = passage_fact_ids(lesson)
    if not facts:
        return []
    return list(
        db.scalars(
            select(Question.id)
            .where(
                Question.fact_id.in_(facts),
                ~Question.retired,
                Question.owner_id.is_(None),
                Question.type.in_(("mcq", "short", "cloze")),
            )
            .order_by(Question.fact_id, Question.type)
        )
    )


@dataclass(frozen=True)
class QuestionFilter:
    source: str | None = None
    topic: str | None = None
    person: str | None = None
    type: str | None = None
    text: str | None = None


def search_questions(
    db: Session, teacher: User, flt: QuestionFilter, limit: int = 60
) -> list[Question]:
    from app.models import QuestionTag

    query = select(Question).where(~Question.retired, Question.type.in_(LESSON_QUESTION_TYPES))
    query = query.where(or_(Question.owner_id.is_(None), Question.owner_id == teacher.id))
    for kind, value in (("source", flt.source), ("topic", flt.topic), ("person", flt.person)):
        if value:
            tagged = select(QuestionTag.question_id).where(
                QuestionTag.kind == kind, QuestionTag.value == value
            )
            query = query.where(Question.id.in_(tagged))
    if flt.type:
        query = query.where(Question.type == flt.type)
    if flt.text:
        query = query.where(Question.prompt.ilike(f"%{flt.text[:100]}%"))
    return list(db.scalars(query.order_by(Question.fact_id, Question.type).limit(limit)))


def write_question(
    db: Session,
    teacher: User,
    lesson: Lesson,
    kind: str,
    prompt: str,
    answer: str,
    accepted: list[str],
    distractors: list[str],
    source_id: str,
    quote: str,
    add_to_lesson: bool = True,
) -> Question:
    """A teacher's own question, pinned to a verbatim passage they chose. It joins
    the bank for this teacher's lessons and is graded like every other question."""
    _require_teacher(teacher)
    source = db.scalars(
        visibility.visible_sources(teacher).where(Source.id == source_id)
    ).one_or_none()
    if source is None:
        raise ServiceError("Choose the source the passage comes from.")
    start, end = passage_offsets(source.text, quote)
    answer = answer.strip()
    forms = [answer, *[a.strip() for a in accepted if a.strip()]]
    if kind not in ("mcq", "short"):
        raise ServiceError("Choose multiple choice or short answer.")
    if not prompt.strip() or not answer:
        raise ServiceError("Write the question and its answer.")
    wrong = [d.strip() for d in distractors if d.strip()]
    if kind == "mcq":
        if len(wrong) < 2:
            raise ServiceError("A multiple-choice question needs at least two wrong options.")
        if any(grade_text(w, forms).correct for w in wrong):
            raise ServiceError("A wrong option is the same as the answer.")
    digest = hashlib.sha256(
        f"{teacher.id}|{prompt}|{answer}|{secrets.token_hex(4)}".encode()
    ).hexdigest()[:10]
    fact_id = f"t{teacher.id}-{digest}"
    fact = Fact(
        id=fact_id,
        source_id=source.id,
        section="Teacher's question",
        kind="fact",
        quote=source.text[start:end],
        start_offset=start,
        end_offset=end,
        statement=f"{prompt.strip()} {answer}",
        question=prompt.strip(),
        answer=answer,
        answer_type="term",
        accepted=forms[1:],
        topics=[],
        people=[],
        corroborated_by=[],
        content_hash=digest,
        retired=False,
        owner_id=teacher.id,
    )
    link = {
        "source_id": source.id,
        "start": start,
        "end": end,
        "quote": source.text[start:end],
        "fact_id": fact_id,
    }
    options = [answer, *wrong] if kind == "mcq" else []
    if options:
        options.sort(key=lambda o: hashlib.sha256(f"{digest}{o}".encode()).hexdigest())
    data = {
        "id": f"{fact_id}:{kind}",
        "type": kind,
        "fact_id": fact_id,
        "fact_ids": [fact_id],
        "prompt": prompt.strip(),
        "options": options,
        "option_details": [
            {
                "text": o,
                "correct": o == answer,
                "fact_id": fact_id if o == answer else None,
                "explanation": "",
            }
            for o in options
        ],
        "answer": answer,
        "accepted": forms if kind == "short" else [],
        "reject": [],
        "pairs": [],
        "items": [],
        "explanation": f"{prompt.strip()} {answer}",
        "source": link,
        "links": [],
        "topics": [],
        "people": [],
    }
    question = Question(
        id=data["id"],
        type=kind,
        fact_id=fact_id,
        source_id=source.id,
        prompt=data["prompt"],
        data=data,
        content_hash=hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest(),
        retired=False,
        owner_id=teacher.id,
    )
    db.add(fact)
    db.add(question)
    db.flush()
    if add_to_lesson:
        add_questions(db, teacher, lesson, [question.id])
    return question


def item_of(lesson: Lesson, item_id: int) -> LessonItem:
    for item in lesson.items:
        if item.id == item_id:
            return item
    raise NotFound("That item is not in this lesson.")


def move_item(db: Session, lesson: Lesson, item_id: int, direction: int) -> None:
    items = sorted(lesson.items, key=lambda i: i.position)
    index = next((n for n, i in enumerate(items) if i.id == item_id), None)
    if index is None:
        raise NotFound("That item is not in this lesson.")
    other = index + direction
    if 0 <= other < len(items):
        items[index].position, items[other].position = items[other].position, items[index].position
    db.flush()


def remove_item(db: Session, lesson: Lesson, item_id: int) -> None:
    item = item_of(lesson, item_id)
    lesson.items.remove(item)
    db.flush()


def edit_text(db: Session, lesson: Lesson, item_id: int, body: str) -> None:
    item = item_of(lesson, item_id)
    if item.kind != "text":
        raise ServiceError("Only text can be edited here.")
    if not body.strip():
        raise ServiceError("Write something, or remove the item.")
    _check_markdown_total(lesson, body, replacing=item)
    item.body = body
    db.flush()


def lesson_question_ids(lesson: Lesson) -> list[str]:
    return list(
        dict.fromkeys(q for i in lesson.items if i.kind == "questions" for q in i.question_ids)
    )


def lesson_fact_ids(db: Session, lesson: Lesson) -> list[str]:
    ids = passage_fact_ids(lesson)
    questions = lesson_question_ids(lesson)
    if questions:
        ids += list(db.scalars(select(Question.fact_id).where(Question.id.in_(questions))))
    return list(dict.fromkeys(ids))


def publish(lesson: Lesson, published: bool) -> None:
    if published and not lesson_question_ids(lesson) and not lesson.items:
        raise ServiceError("Add at least one item before publishing.")
    lesson.status = "published" if published else "draft"


def duplicate(db: Session, teacher: User, lesson: Lesson) -> Lesson:
    copy = create_lesson(db, teacher, f"{lesson.title} (copy)"[:200], lesson.introduction)
    for item in sorted(lesson.items, key=lambda i: i.position):
        copy.items.append(
            LessonItem(
                kind=item.kind,
                position=item.position,
                fact_id=item.fact_id,
                source_id=item.source_id,
                start_offset=item.start_offset,
                end_offset=item.end_offset,
                body=item.body,
                question_ids=list(item.question_ids),
            )
        )
    db.flush()
    return copy


@dataclass
class RenderedItem:
    item: LessonItem
    source: Source | None = None
    quote: str = ""
    questions: list[Question] = field(default_factory=list)


def render_items(db: Session, lesson: Lesson) -> list[RenderedItem]:
    items = sorted(lesson.items, key=lambda i: i.position)
    source_ids = {i.source_id for i in items if i.source_id}
    sources = (
        {s.id: s for s in db.scalars(select(Source).where(Source.id.in_(source_ids)))}
        if source_ids
        else {}
    )
    qids = [q for i in items if i.kind == "questions" for q in i.question_ids]
    questions = (
        {q.id: q for q in db.scalars(select(Question).where(Question.id.in_(qids)))} if qids else {}
    )
    result = []
    for item in items:
        rendered = RenderedItem(item)
        if item.kind == "passage" and item.source_id in sources:
            rendered.source = sources[item.source_id]
            rendered.quote = rendered.source.text[item.start_offset or 0 : item.end_offset or 0]
        if item.kind == "questions":
            rendered.questions = [questions[q] for q in item.question_ids if q in questions]
        result.append(rendered)
    return result


# -- assignments -----------------------------------------------------------------------
def assign(
    db: Session,
    teacher: User,
    lesson: Lesson,
    classroom: Classroom,
    due_at: datetime | None,
    time_limit: int | None,
    now: datetime,
) -> Assignment:
    if lesson.status != "published":
        raise ServiceError("Publish the lesson before assigning it.")
    if not lesson_question_ids(lesson):
        raise ServiceError(
            "Add questions to the lesson before assigning it: its quiz would be empty."
        )
    if due_at is not None and due_at <= now:
        raise ServiceError("The due date must be in the future.")
    existing = db.scalars(
        select(Assignment).where(
            Assignment.lesson_id == lesson.id, Assignment.classroom_id == classroom.id
        )
    ).one_or_none()
    if existing is not None:
        existing.due_at, existing.time_limit_minutes = due_at, time_limit
        return existing
    assignment = Assignment(
        lesson_id=lesson.id, classroom_id=classroom.id, due_at=due_at, time_limit_minutes=time_limit
    )
    db.add(assignment)
    db.flush()
    return assignment


class WorkClosed(NotFound):
    """Work the student was given but may no longer open; the message says why."""


def assignment_for_student(db: Session, student: User, lesson_id: int) -> Assignment | None:
    """The student's open assignment of this lesson (the one due first)."""
    return db.scalars(
        _assigned_to(student, Assignment)
        .where(Assignment.lesson_id == lesson_id)
        .order_by(Assignment.due_at)
        .limit(1)
    ).first()


def assignment_of_student(db: Session, student: User, assignment_id: int) -> Assignment:
    assignment: Assignment | None = db.scalars(
        _assigned_to(student, Assignment).where(Assignment.id == assignment_id)
    ).one_or_none()
    if assignment is not None:
        return assignment
    reason = closed_reason(db, student, assignment_id=assignment_id)
    if reason is not None:
        raise WorkClosed(reason)
    raise NotFound("There is no such assignment.")


def closed_reason(
    db: Session, student: User, assignment_id: int | None = None, lesson_id: int | None = None
) -> str | None:
    """Why work given to this student's classes is not open (any more), or None
    when it was never theirs: what they read instead of a bare 'not found'."""
    query = (
        select(Lesson.status, Classroom.archived)
        .select_from(Assignment)
        .join(Lesson, Lesson.id == Assignment.lesson_id)
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .join(Enrollment, Enrollment.classroom_id == Classroom.id)
        .where(Enrollment.student_id == student.id)
    )
    if assignment_id is not None:
        query = query.where(Assignment.id == assignment_id)
    if lesson_id is not None:
        query = query.where(Assignment.lesson_id == lesson_id)
    rows = db.execute(query).all()
    if not rows:
        return None
    if all(archived for _, archived in rows):
        return "This class has been archived by your teacher: its work is closed."
    return (
        "Your teacher has taken this lesson back to draft: it cannot be opened "
        "until it is published again."
    )


@dataclass
class AssignedWork:
    assignment: Assignment
    lesson: Lesson
    classroom: Classroom
    status: str  # not started | in progress | done | late
    score: float | None
    attempt_id: int | None


def _status(attempt: AttemptSummary | None, due_at: datetime | None, now: datetime) -> str:
    if attempt is None:
        return "missing" if due_at and now > due_at else "not started"
    if attempt.finished_at is None:
        return "in progress"
    if due_at and attempt.finished_at > due_at:
        return "late"
    return "done"


def _assigned_to(student: User, *columns: Any) -> Select[Any]:
    """`columns` of what is assigned to the student: published lessons, in the
    classes they are enrolled in that are not archived."""
    return (
        select(*columns)
        .select_from(Assignment)
        .join(Lesson, Lesson.id == Assignment.lesson_id)
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .join(Enrollment, Enrollment.classroom_id == Classroom.id)
        .where(
            Enrollment.student_id == student.id, ~Classroom.archived, Lesson.status == "published"
        )
    )


def student_work(db: Session, student: User, now: datetime) -> list[AssignedWork]:
    rows = db.execute(
        _assigned_to(student, Assignment, Lesson, Classroom).order_by(
            Assignment.due_at.is_(None), Assignment.due_at
        )
    ).all()
    ids = [a.id for a, _, _ in rows]
    best = _best_attempts(db, ids, [student.id])
    work = []
    for assignment, lesson, classroom in rows:
        attempt = best.get((student.id, assignment.id))
        work.append(
            AssignedWork(
                assignment,
                lesson,
                classroom,
                _status(attempt, assignment.due_at, now),
                attempt.score if attempt and attempt.finished_at else None,
                attempt.id if attempt else None,
            )
        )
    return work


def lessons_due_after(
    db: Session, student: User, moment: datetime
) -> list[tuple[Lesson, datetime]]:
    """The student's assigned lessons that are due after `moment`, with their due
    dates: what a flashcard's interval must not overshoot."""
    rows = db.execute(
        _assigned_to(student, Lesson, Assignment.due_at).where(Assignment.due_at > moment)
    )
    return [(lesson, due) for lesson, due in rows if due is not None]


@dataclass(frozen=True)
class AttemptSummary:
    id: int
    user_id: int
    assignment_id: int
    score: float | None
    finished_at: datetime | None


def _best_attempts(
    db: Session, assignment_ids: list[int], student_ids: list[int]
) -> dict[tuple[int, int], AttemptSummary]:
    """Per (student, assignment): the best finished attempt, else the open one.
    Loads five columns, not whole attempts: a class of 200 has thousands."""
    if not assignment_ids or not student_ids:
        return {}
    best: dict[tuple[int, int], AttemptSummary] = {}
    rows = db.execute(
        select(
            QuizAttempt.id,
            QuizAttempt.user_id,
            QuizAttempt.assignment_id,
            QuizAttempt.score,
            QuizAttempt.finished_at,
        )
        .where(QuizAttempt.assignment_id.in_(assignment_ids), QuizAttempt.user_id.in_(student_ids))
        .order_by(QuizAttempt.started_at)
    )
    for row in rows:
        attempt = AttemptSummary(row[0], row[1], row[2] or 0, row[3], row[4])
        key = (attempt.user_id, attempt.assignment_id)
        current = best.get(key)
        if current is None or _better(attempt, current):
            best[key] = attempt
    return best


def _better(a: AttemptSummary, b: AttemptSummary) -> bool:
    if a.finished_at and not b.finished_at:
        return True
    if a.finished_at and b.finished_at:
        return (a.score or 0) > (b.score or 0)
    return False


def record_progress(
    db: Session, student: User, lesson: Lesson, position: int, complete: bool, now: datetime
) -> None:
    progress = db.scalars(
        select(LessonProgress).where(
            LessonProgress.lesson_id == lesson.id, LessonProgress.student_id == student.id
        )
    ).one_or_none()
    if progress is None:
        progress = LessonProgress(lesson_id=lesson.id, student_id=student.id, read_position=0)
        db.add(progress)
    progress.read_position = max(progress.read_position or 0, position)
    if complete and progress.completed_at is None:
        progress.completed_at = now
    db.flush()


def progress_of(db: Session, student: User, lesson: Lesson) -> LessonProgress | None:
    return db.scalars(
        select(LessonProgress).where(
            LessonProgress.lesson_id == lesson.id, LessonProgress.student_id == student.id
        )
    ).one_or_none()


# -- gradebook --------------------------------------------------------------------------
@dataclass
class Cell:
    status: str
    score: float | None
    attempt_id: int | None


@dataclass
class Gradebook:
    classroom: Classroom
    students: list[User]
    assignments: list[tuple[Assignment, Lesson]]
    cells: dict[tuple[int, int], Cell]

    def average(self, student_id: int) -> float | None:
        scores = [
            c.score for (s, _), c in self.cells.items() if s == student_id and c.score is not None
        ]
        return sum(scores) / len(scores) if scores else None


def gradebook(db: Session, classroom: Classroom, now: datetime) -> Gradebook:
    """Students × assignments in a constant number of queries."""
    students = roster(db, classroom)
    assignments = db.execute(
        select(Assignment, Lesson)
        .join(Lesson, Lesson.id == Assignment.lesson_id)
        .where(Assignment.classroom_id == classroom.id)
        .order_by(Assignment.created_at)
    ).all()
    best = _best_attempts(db, [a.id for a, _ in assignments], [s.id for s in students])
    cells = {}
    for student in students:
        for assignment, _lesson in assignments:
            attempt = best.get((student.id, assignment.id))
            cells[(student.id, assignment.id)] = Cell(
                _status(attempt, assignment.due_at, now),
                attempt.score if attempt and attempt.finished_at else None,
                attempt.id if attempt else None,
            )
    return Gradebook(classroom, students, [(a, lesson) for a, lesson in assignments], cells)


def gradebook_csv(book: Gradebook) -> str:
    rows: list[list[Any]] = [
        ["student", "username", *[lesson.title for _, lesson in book.assignments], "average"]
    ]
    for student in book.students:
        row: list[Any] = [student.display_name, student.username]
        for assignment, _ in book.assignments:
            cell = book.cells[(student.id, assignment.id)]
            row.append(
                f"{cell.score * 100:.0f}%" + (" (late)" if cell.status == "late" else "")
                if cell.score is not None
                else cell.status
            )
        average = book.average(student.id)
        row.append(f"{average * 100:.0f}%" if average is not None else "")
        rows.append(row)
    return csv_text(rows)


def student_in_class(db: Session, classroom: Classroom, student_id: int) -> User:
    student = db.scalars(
        select(User)
        .join(Enrollment, Enrollment.student_id == User.id)
        .where(Enrollment.classroom_id == classroom.id, User.id == student_id)
    ).one_or_none()
    if student is None:
        raise NotFound("That student is not in this class.")
    return student


def student_attempts(
    db: Session, classroom: Classroom, student: User
) -> list[tuple[QuizAttempt, Lesson]]:
    return [
        (row[0], row[1])
        for row in db.execute(
            select(QuizAttempt, Lesson)
            .join(Assignment, Assignment.id == QuizAttempt.assignment_id)
            .join(Lesson, Lesson.id == Assignment.lesson_id)
            .where(Assignment.classroom_id == classroom.id, QuizAttempt.user_id == student.id)
            .order_by(QuizAttempt.started_at.desc())
        )
    ]


def attempt_in_class(db: Session, classroom: Classroom, attempt_id: int) -> QuizAttempt:
    attempt = db.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.assignment_id is None:
        raise NotFound("There is no such attempt in this class.")
    assignment = db.get(Assignment, attempt.assignment_id)
    if assignment is None or assignment.classroom_id != classroom.id:
        raise NotFound("There is no such attempt in this class.")
    return attempt


def assignment_in_class(db: Session, classroom: Classroom, assignment_id: int) -> Assignment:
    assignment = db.get(Assignment, assignment_id)
    if assignment is None or assignment.classroom_id != classroom.id:
        raise NotFound("There is no such assignment in this class.")
    return assignment


# -- item analysis ------------------------------------------------------------------------
@dataclass
class ItemStats:
    question_id: str
    prompt: str
    answered: int
    facility: float | None
    discrimination: float | None
    common_wrong: str | None
    common_wrong_count: int
    mean_seconds: float | None
    flags: list[str]


def item_analysis(db: Session, assignment: Assignment) -> list[ItemStats]:
    """Per question of an assignment's finished attempts: facility (share right),
    discrimination (upper 27% minus lower 27% by total score), the most chosen
    wrong answer and the mean time. One query, whatever the class size."""
    rows = db.execute(
        select(
            QuizAttempt.id,
            QuizAttempt.score,
            AttemptAnswer.question_id,
            AttemptAnswer.question_data,
            AttemptAnswer.response,
            AttemptAnswer.correct,
            AttemptAnswer.time_taken_ms,
        )
        .join(AttemptAnswer, AttemptAnswer.attempt_id == QuizAttempt.id)
        .where(QuizAttempt.assignment_id == assignment.id, QuizAttempt.finished_at.is_not(None))
        .order_by(QuizAttempt.id, AttemptAnswer.position)
    ).all()
    return analyse(rows)


def analyse(rows: Sequence[Any]) -> list[ItemStats]:
    scores = {attempt_id: score or 0.0 for attempt_id, score, *_ in rows}
    ranked = sorted(scores, key=lambda a: (scores[a], a))
    n = len(ranked)
    group = max(1, round(n * 0.27)) if n >= 2 else 0
    lower, upper = set(ranked[:group]), set(ranked[n - group :]) if group else set()
    per_question: dict[str, list[Any]] = defaultdict(list)
    prompts: dict[str, str] = {}
    order: list[str] = []
    for attempt_id, _score, qid, data, response, correct, taken in rows:
        if qid not in per_question:
            order.append(qid)
        per_question[qid].append((attempt_id, response, bool(correct), taken))
        prompts[qid] = data.get("prompt", "")
    result = []
    for qid in order:
        answers = per_question[qid]
        facility = sum(c for _, _, c, _ in answers) / len(answers)
        discrimination = None
        if group:
            up = [c for a, _, c, _ in answers if a in upper]
            low = [c for a, _, c, _ in answers if a in lower]
            if up and low:
                discrimination = sum(up) / len(up) - sum(low) / len(low)
        wrong = Counter(
            json.dumps(r, ensure_ascii=False) if isinstance(r, list) else str(r)
            for _, r, c, _ in answers
            if not c and r is not None
        )
        common, count = wrong.most_common(1)[0] if wrong else (None, 0)
        times = [t / 1000 for _, _, _, t in answers if t is not None]
        flags = []
        if discrimination is not None and discrimination < 0:
            flags.append("negative discrimination: strong students miss it more than weak ones")
        if facility < 0.2 and len(answers) >= 5:
            flags.append("almost nobody got it right")
        result.append(
            ItemStats(
                qid,
                prompts[qid],
                len(answers),
                facility,
                discrimination,
                common,
                count,
                statistics.mean(times) if times else None,
                flags,
            )
        )
    return result


# -- where the class went wrong -----------------------------------------------------------
def paragraph_errors(
    db: Session, classroom: Classroom, source_id: str
) -> dict[int, tuple[int, int]]:
    """paragraph -> (answers, wrong answers) for questions on this source, from
    the class's assignment attempts."""
    rows = db.execute(
        select(
            Fact.paragraph,
            func.count(),
            func.sum(case((AttemptAnswer.correct.is_(False), 1), else_=0)),
        )
        .select_from(AttemptAnswer)
        .join(QuizAttempt, QuizAttempt.id == AttemptAnswer.attempt_id)
        .join(Assignment, Assignment.id == QuizAttempt.assignment_id)
        .join(Fact, Fact.id == AttemptAnswer.fact_id)
        .where(
            Assignment.classroom_id == classroom.id,
            Fact.source_id == source_id,
            AttemptAnswer.answered_at.is_not(None),
        )
        .group_by(Fact.paragraph)
    ).all()
    return {p: (int(n), int(w or 0)) for p, n, w in rows if p is not None}


# -- reports ----------------------------------------------------------------------------------
def reports_for(
    db: Session, user: User, status: str = "open"
) -> list[tuple[QuestionReport, Question, User]]:
    """Reports a teacher should act on: those made while taking one of their
    lessons, or on a question they wrote. Admins see every report, including
    reports on the bank made outside lessons."""
    _require_teacher(user)
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
