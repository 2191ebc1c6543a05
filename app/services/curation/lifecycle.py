"""The end of a teacher's source: retired (out of quizzes, menus and new cards,
while students' history, results and cards on it stay readable) or, when no
student has history on it, deleted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.models import (
    AttemptAnswer,
    Dispute,
    Fact,
    Lesson,
    LessonItem,
    MemoryState,
    ProposalSkip,
    Question,
    QuestionReport,
    QuestionTag,
    QuestionVersion,
    ReviewLog,
    Source,
    Topic,
)
from app.services import ServiceError


@dataclass(frozen=True)
class History:
    """What students have done on a source: reasons it cannot be deleted."""

    answers: int
    cards: int
    reports: int

    @property
    def any(self) -> bool:
        return bool(self.answers or self.cards or self.reports)


def history(db: Session, source: Source) -> History:
    questions = select(Question.id).where(Question.source_id == source.id)
    facts = select(Fact.id).where(Fact.source_id == source.id)
    answers = db.scalar(
        select(func.count())
        .select_from(AttemptAnswer)
        .where(AttemptAnswer.question_id.in_(questions))
    )
    states = db.scalar(
        select(func.count()).select_from(MemoryState).where(MemoryState.fact_id.in_(facts))
    )
    reviews = db.scalar(
        select(func.count()).select_from(ReviewLog).where(ReviewLog.fact_id.in_(facts))
    )
    reports = db.scalar(
        select(func.count())
        .select_from(QuestionReport)
        .where(QuestionReport.question_id.in_(questions))
    )
    return History(answers or 0, (states or 0) + (reviews or 0), reports or 0)


def lessons_using(db: Session, source: Source, published_only: bool) -> list[str]:
    """The titles of the lessons that quote the source or ask its questions."""
    own_questions = set(db.scalars(select(Question.id).where(Question.source_id == source.id)))
    own_facts = set(db.scalars(select(Fact.id).where(Fact.source_id == source.id)))
    query = select(Lesson)
    if published_only:
        query = query.where(Lesson.status == "published")
    return sorted(
        lesson.title
        for lesson in db.scalars(query)
        if any(
            (i.kind == "passage" and (i.source_id == source.id or i.fact_id in own_facts))
            or (i.kind == "questions" and own_questions & set(i.question_ids))
            for i in lesson.items
        )
    )


def _named(titles: list[str]) -> str:
    return ", ".join(f"“{t}”" for t in titles[:5])


def retire_source(db: Session, source: Source) -> None:
    """Take the source out of use for good: its facts and questions are retired
    (quizzes, menus and new cards leave them; answers and cards keep them), and
    dispute items quoting it are withdrawn. Not while a published lesson uses
    it. The caller has checked that the user may curate it."""
    from app.services.curation.disputes import regenerate_compared
    from app.services.curation.facts import regenerate

    if source.builtin:
        raise ServiceError("The built-in sources cannot be retired.")
    if source.retired:
        return
    using = lessons_using(db, source, published_only=True)
    if using:
        raise ServiceError(
            f"Published lessons use this source ({_named(using)}): take them back to draft first."
        )
    source.retired = True
    db.flush()
    regenerate(db, source)
    db.execute(update(Fact).where(Fact.source_id == source.id).values(retired=True))
    db.flush()
    regenerate_compared(db, source)


def _quotes(data: dict[str, Any], source_id: str) -> bool:
    return any(link.get("source_id") == source_id for link in data.get("links") or [])


def without_passages(
    data: dict[str, Any], source_id: str, fact_ids: set[str], topic_ids: set[str]
) -> dict[str, Any]:
    """A question's exported form less what names a deleted source: its
    passages, facts and sections (grading reads none of them, so an answer's
    snapshot grades as before)."""
    return {
        **data,
        "links": [link for link in data.get("links") or [] if link.get("source_id") != source_id],
        "fact_ids": [f for f in data.get("fact_ids") or [] if f not in fact_ids],
        "topics": [t for t in data.get("topics") or [] if t not in topic_ids],
        "option_details": [
            {**o, "fact_id": None} if o.get("fact_id") in fact_ids else o
            for o in data.get("option_details") or []
        ],
    }


def _forget_passages(
    db: Session, source_id: str, fact_ids: set[str], topic_ids: set[str], others: set[str]
) -> None:
    """The items of other sources that quote the deleted source's passages
    (its disputes' items, live or withdrawn) go with it; one a student has
    answered or reported, or a lesson asks, stays retired for their history,
    without the passages, facts and sections that no longer exist."""
    tagged = select(QuestionTag.question_id).where(
        QuestionTag.kind == "source", QuestionTag.value == source_id
    )
    found = db.scalars(
        select(Question).where(
            Question.source_id != source_id,
            Question.id.in_(tagged) | Question.source_id.in_(others),
        )
    ).all()
    versions: dict[str, list[QuestionVersion]] = {}
    for version in db.scalars(
        select(QuestionVersion).where(QuestionVersion.question_id.in_([q.id for q in found]))
    ):
        versions.setdefault(version.question_id, []).append(version)
    quoting = [
        q
        for q in found
        if _quotes(q.data, source_id)
        or any(_quotes(v.data, source_id) for v in versions.get(q.id, []))
    ]
    if not quoting:
        return
    ids = {q.id for q in quoting}
    answered = set(
        db.scalars(select(AttemptAnswer.question_id).where(AttemptAnswer.question_id.in_(ids)))
    ) | set(
        db.scalars(select(QuestionReport.question_id).where(QuestionReport.question_id.in_(ids)))
    )
    asked = {
        qid
        for item in db.scalars(select(LessonItem).where(LessonItem.kind == "questions"))
        for qid in item.question_ids
        if qid in ids
    }
    kept = answered | asked
    for question in quoting:
        if question.id not in kept:
            continue
        question.data = without_passages(question.data, source_id, fact_ids, topic_ids)
        question.retired = True
        for version in versions.get(question.id, []):
            version.data = without_passages(version.data, source_id, fact_ids, topic_ids)
        question.tags = [
            t
            for t in question.tags
            if not (t.kind == "source" and t.value == source_id)
            and not (t.kind == "topic" and t.value in topic_ids)
        ]
    for answer in db.scalars(select(AttemptAnswer).where(AttemptAnswer.question_id.in_(kept))):
        answer.question_data = without_passages(
            answer.question_data, source_id, fact_ids, topic_ids
        )
    gone = ids - kept
    if gone:
        db.execute(delete(QuestionTag).where(QuestionTag.question_id.in_(gone)))
        db.execute(delete(QuestionVersion).where(QuestionVersion.question_id.in_(gone)))
        db.execute(delete(Question).where(Question.id.in_(gone)))
    db.flush()


def delete_source(db: Session, source: Source) -> None:
    """Delete a source no student has history on, with its facts, questions,
    topics, skipped proposals and the disputes that quote it (their items on
    other sources go too, or lose its passages where students have history on
    them); otherwise it can only be retired."""
    from app.services.curation.facts import regenerate

    if source.builtin:
        raise ServiceError("The built-in sources cannot be deleted.")
    done = history(db, source)
    if done.any:
        raise ServiceError(
            "Students have answered its questions or studied its cards, so it cannot be "
            "deleted: retire it instead (their history stays readable)."
        )
    using = lessons_using(db, source, published_only=False)
    if using:
        raise ServiceError(
            f"Lessons use this source ({_named(using)}): remove its passages and questions "
            "from them first."
        )
    fact_ids = set(db.scalars(select(Fact.id).where(Fact.source_id == source.id)))
    quoting = [
        d
        for d in db.scalars(select(Dispute).where(Dispute.owner_id.is_not(None)))
        if fact_ids & set(d.fact_ids)
    ]
    others = set(
        db.scalars(
            select(Fact.source_id).where(
                Fact.id.in_({f for d in quoting for f in d.fact_ids} - fact_ids)
            )
        )
    )
    for dispute in quoting:
        db.delete(dispute)
    topic_ids = set(db.scalars(select(Topic.id).where(Topic.source_id == source.id)))
    _forget_passages(db, source.id, fact_ids, topic_ids, others)
    questions = select(Question.id).where(
        (Question.source_id == source.id) | Question.fact_id.in_(fact_ids)
    )
    db.execute(delete(QuestionTag).where(QuestionTag.question_id.in_(questions)))
    db.execute(delete(QuestionVersion).where(QuestionVersion.question_id.in_(questions)))
    db.execute(
        delete(Question).where((Question.source_id == source.id) | Question.fact_id.in_(fact_ids))
    )
    db.execute(delete(Fact).where(Fact.source_id == source.id))
    db.execute(delete(Topic).where(Topic.source_id == source.id))
    db.execute(delete(LessonItem).where(LessonItem.source_id == source.id))
    db.execute(delete(ProposalSkip).where(ProposalSkip.source_id == source.id))
    db.delete(source)
    db.flush()
    for other in db.scalars(select(Source).where(Source.id.in_(others))):
        if not other.builtin:
            regenerate(db, other)


__all__ = [
    "History",
    "delete_source",
    "history",
    "lessons_using",
    "retire_source",
    "without_passages",
]
