"""Lessons: their items (passages, Markdown texts, questions), order, publishing,
copies, and the items ready to render."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, object_session

from app.models import (
    Fact,
    Lesson,
    LessonItem,
    Question,
    Source,
    User,
)
from app.services import NotFound, ServiceError
from app.services.teaching.common import passage_offsets, require_teacher

MAX_ITEMS = 100


def create_lesson(db: Session, teacher: User, title: str, introduction: str) -> Lesson:
    require_teacher(teacher)
    lesson = Lesson(teacher_id=teacher.id, title=title.strip(), introduction=introduction)
    db.add(lesson)
    db.flush()
    return lesson


def lessons_of_teacher(db: Session, teacher: User) -> list[Lesson]:
    query = select(Lesson).order_by(Lesson.updated_at.desc())
    if not teacher.is_admin:
        query = query.where(or_(Lesson.teacher_id == teacher.id, Lesson.shared.is_(True)))
    return list(db.scalars(query))


def _next_position(lesson: Lesson) -> int:
    if len(lesson.items) >= MAX_ITEMS:
        raise ServiceError(f"A lesson holds at most {MAX_ITEMS} items.")
    return max((i.position for i in lesson.items), default=0) + 1


def _teacher_may_use(db: Session, lesson: Lesson, source_id: str) -> bool:
    """A lesson quotes only sources its teacher may read: never another
    teacher's unpublished source."""
    from app.services import visibility

    teacher = db.get(User, lesson.teacher_id)
    source = db.get(Source, source_id)
    return source is not None and visibility.may_see_source(db, teacher, source)


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
        if fact is None or fact.retired or not _teacher_may_use(db, lesson, fact.source_id):
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
            or not _teacher_may_use(db, lesson, source.id)
            or start is None
            or end is None
            or not 0 <= start < end <= source.body_end
        ):
            raise ServiceError("Select a passage of a source first.")
        if end - start > 3000:
            raise ServiceError("A passage is at most 3,000 characters; select less.")
        item = LessonItem(kind="passage", source_id=source.id, start_offset=start, end_offset=end)
    if any(
        other.kind == "passage"
        and (other.source_id, other.start_offset, other.end_offset)
        == (item.source_id, item.start_offset, item.end_offset)
        for other in lesson.items
    ):
        raise ServiceError("That passage is in the lesson already.")
    item.position = _next_position(lesson)
    lesson.items.append(item)
    db.flush()
    return item


def add_quoted_passage(db: Session, lesson: Lesson, source_id: str, quote: str) -> LessonItem:
    """A passage given by its words, pasted from the source."""
    source = db.get(Source, source_id)
    if source is None or not _teacher_may_use(db, lesson, source.id):
        raise ServiceError("Choose the source the passage comes from.")
    start, end = passage_offsets(source.text, quote)
    return add_passage(db, lesson, None, source.id, start, end)


PASSAGES_PER_PAGE = 20


@dataclass
class PassagePage:
    """Curated passages found for the lesson editor's picker, one page of them."""

    facts: list[Fact]
    total: int
    page: int
    per_page: int = PASSAGES_PER_PAGE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def find_passages(
    db: Session,
    teacher: User,
    source_id: str | None,
    words: str | None,
    topic: str | None = None,
    page: int = 1,
) -> PassagePage:
    """The curated passages of the sources the teacher may see, in source order:
    of one source or all, with these words in the quote or the fact's statement,
    on a trial or theme. Teachers' own questions' passages are left out."""
    from app.services import visibility

    where = [
        visibility.fact_clause(teacher),
        ~Fact.retired,
        Fact.section != "Teacher's question",
    ]
    if source_id:
        where.append(Fact.source_id == source_id)
    if words:
        pattern = f"%{words[:100]}%"
        where.append(or_(Fact.quote.ilike(pattern), Fact.statement.ilike(pattern)))
    query = select(Fact).where(*where).order_by(Fact.source_id, Fact.start_offset)
    if topic:  # topics are a JSON list: filtered here, on a few hundred facts at most
        facts = [f for f in db.scalars(query) if topic in (f.topics or [])]
        total = len(facts)
    else:
        total = db.scalar(select(func.count()).select_from(Fact).where(*where)) or 0
    pages = max(1, -(-total // PASSAGES_PER_PAGE))
    page = min(max(page, 1), pages)
    start = (page - 1) * PASSAGES_PER_PAGE
    if topic:
        return PassagePage(facts[start : start + PASSAGES_PER_PAGE], total, page)
    return PassagePage(list(db.scalars(query.offset(start).limit(PASSAGES_PER_PAGE))), total, page)


def reorder_items(db: Session, lesson: Lesson, item_ids: list[int]) -> None:
    """Put the lesson's items in the order given (every item exactly once)."""
    items = {i.id: i for i in lesson.items}
    if sorted(item_ids) != sorted(items):
        raise ServiceError("The lesson changed meanwhile: reload the page and try again.")
    for position, item_id in enumerate(item_ids, start=1):
        items[item_id].position = position
    db.flush()


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


# The kinds of question "all questions on the passages" takes, best first: one
# per fact unless more are asked for.
PASSAGE_QUESTION_ORDER = ("mcq", "short", "cloze", "true_false")


def questions_on_passages(
    db: Session, teacher: User, lesson: Lesson, per_fact: int = 1, include_details: bool = False
) -> list[str]:
    """Questions on the facts that the lesson's passages show, however each
    passage was chosen (a curated fact, a selection, a pasted quote): a fact
    counts when at least half of its quote lies inside a passage. `per_fact`
    questions of each fact, of the kinds in PASSAGE_QUESTION_ORDER, best first;
    none that the lesson holds already. Questions on details are left out unless
    `include_details`, or unless the passages hold nothing else."""
    spans = [
        (i.source_id, i.start_offset or 0, i.end_offset or 0)
        for i in lesson.items
        if i.kind == "passage" and i.source_id
    ]
    if not spans:
        return []
    near = [
        and_(
            Fact.source_id == source_id,
            Fact.start_offset < end,
            Fact.end_offset > start,
        )
        for source_id, start, end in spans
    ]
    facts = [
        fact
        for fact in db.scalars(
            select(Fact)
            .where(~Fact.retired, or_(*near))
            .order_by(Fact.source_id, Fact.start_offset)
        )
        if any(
            fact.source_id == sid
            and 2 * (min(fact.end_offset, end) - max(fact.start_offset, start))
            >= fact.end_offset - fact.start_offset
            for sid, start, end in spans
        )
    ]
    if not facts:
        return []
    where = [
        Question.fact_id.in_([f.id for f in facts]),
        ~Question.retired,
        Question.type.in_(PASSAGE_QUESTION_ORDER),
    ]
    if not teacher.is_admin:
        where.append(or_(Question.owner_id.is_(None), Question.owner_id == teacher.id))
    rows = db.execute(
        select(Question.id, Question.fact_id, Question.type, Question.importance).where(*where)
    ).all()
    if not include_details and any(r.importance != "detail" for r in rows):
        rows = [r for r in rows if r.importance != "detail"]
    taken = set(lesson_question_ids(lesson))
    by_fact: dict[str, list[tuple[int, str]]] = {}
    for qid, fact_id, kind, _importance in rows:
        if qid not in taken:
            by_fact.setdefault(fact_id, []).append((PASSAGE_QUESTION_ORDER.index(kind), qid))
    chosen = []
    for fact in facts:
        chosen += [qid for _, qid in sorted(by_fact.get(fact.id, []))[: max(1, per_fact)]]
    return chosen


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


def unpublished_sources(db: Session, lesson: Lesson) -> list[Source]:
    """Teachers' sources the lesson quotes or asks about that students may not
    read yet: its passages would lead them to a page they cannot open."""
    ids = {i.source_id for i in lesson.items if i.kind == "passage" and i.source_id}
    questions = lesson_question_ids(lesson)
    if questions:
        ids |= set(db.scalars(select(Question.source_id).where(Question.id.in_(questions))))
    if not ids:
        return []
    return list(
        db.scalars(
            select(Source)
            .where(Source.id.in_(ids), Source.builtin.is_(False), Source.published.is_(False))
            .order_by(Source.title)
        )
    )


def publish(lesson: Lesson, published: bool) -> None:
    if published and not lesson_question_ids(lesson) and not lesson.items:
        raise ServiceError("Add at least one item before publishing.")
    db = object_session(lesson)
    if published and db is not None and (hidden := unpublished_sources(db, lesson)):
        raise ServiceError(
            "Publish the source "
            + ", ".join(f"“{s.title}”" for s in hidden)
            + " first: students cannot read it yet."
        )
    lesson.status = "published" if published else "draft"


def edit_lesson(db: Session, lesson: Lesson, title: str, introduction: str) -> None:
    lesson.title, lesson.introduction = title, introduction
    db.flush()


def share_lesson(db: Session, lesson: Lesson, shared: bool) -> None:
    """Let other teachers see and copy the lesson, or make it the owner's alone again."""
    lesson.shared = shared
    db.flush()


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


def lesson_questions(
    db: Session, lesson: Lesson, items: list[RenderedItem] | None = None
) -> list[dict[str, Any]]:
    """The data of the lesson's questions, in lesson order and each once; taken
    from `items` when the lesson was rendered already, else loaded."""
    ids = lesson_question_ids(lesson)
    loaded: Iterable[Question]
    if items is None:
        loaded = db.scalars(select(Question).where(Question.id.in_(ids)))
    else:
        loaded = (q for item in items for q in item.questions)
    rows = {q.id: q.data for q in loaded}
    return [rows[i] for i in ids if i in rows]


def delete_lesson(db: Session, lesson: Lesson) -> bool:
    """Delete a lesson, or retire it when students have attempts on its quiz:
    back to draft and no longer shared, so it leaves their lists while their
    results stay in the gradebook. True when it was deleted."""
    from app.models import QuizAttempt

    worked = db.scalar(select(QuizAttempt.id).where(QuizAttempt.lesson_id == lesson.id).limit(1))
    if worked is not None:
        lesson.status, lesson.shared = "draft", False
        db.flush()
        return False
    db.delete(lesson)
    db.flush()
    return True
