"""Editing a question makes a new version of it; the id never changes.

A version is the same JSON as `Question.data`. Attempts keep the version they
were taken with (their copy of the question) until a teacher regrades them
(`regrade`). A question never edited has no stored versions: its version 1 is
its data."""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from app.models import Fact, Question, QuestionVersion, User
from app.services import NotFound, ServiceError
from app.services.teaching.common import require_teacher
from question_bank.grading import grade_text
from question_bank.question import CHOICE_TYPES, TEXT_TYPES

MAX_PROMPT, MAX_ANSWER, MAX_EXPLANATION, MAX_VERSION_NOTE = 1000, 300, 2000, 500
# choice questions whose options are fixed (True/False, the sources, the readings):
# an edit chooses which of them is right
FIXED_OPTION_TYPES = frozenset({"true_false", "attribution", "dispute"})


@dataclass(frozen=True)
class QuestionEdit:
    """What the edit form sends; fields a type has no use for are ignored."""

    prompt: str
    explanation: str
    answer: str = ""
    accepted: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()


@dataclass(frozen=True)
class VersionInfo:
    version: int
    data: dict[str, Any]
    note: str
    author: str | None
    created_at: datetime | None


def may_edit_question(user: User, question: Question) -> bool:
    """A teacher edits the questions they wrote; an admin also the bank's."""
    if user.is_admin:
        return True
    return bool(user.is_teacher and question.owner_id == user.id)


def question_for_editing(db: Session, user: User, question_id: str) -> Question:
    require_teacher(user)
    question = db.get(Question, question_id)
    if question is None or not may_edit_question(user, question):
        raise NotFound("There is no such question among yours.")
    return question


def editable_parts(question: Question) -> set[str]:
    """Which parts of the question an edit may change, by its type."""
    kind = question.type
    parts = {"prompt", "explanation"}
    if kind in TEXT_TYPES:
        parts |= {"answer", "accepted"}
    elif kind in FIXED_OPTION_TYPES:
        parts |= {"choice"}
    elif kind in CHOICE_TYPES:
        parts |= {"answer", "wrong"}
    return parts


def versions_of(db: Session, question: Question) -> list[VersionInfo]:
    """Every version, newest first."""
    rows = db.execute(
        select(QuestionVersion, User.display_name)
        .outerjoin(User, User.id == QuestionVersion.author_id)
        .where(QuestionVersion.question_id == question.id)
        .order_by(QuestionVersion.version.desc())
    ).all()
    if not rows:
        return [VersionInfo(question.version, question.data, "", None, None)]
    return [VersionInfo(v.version, v.data, v.note, name, v.created_at) for v, name in rows]


def _clean(texts: tuple[str, ...] | list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for text in texts:
        text = " ".join(text.split())
        if text:
            seen.setdefault(text.casefold(), text)
    return list(seen.values())


def _check_length(label: str, text: str, limit: int) -> None:
    if len(text) > limit:
        raise ServiceError(f"{label} can be at most {limit} characters; it has {len(text)}.")


def _options(question_id: str, answer: str, wrong: list[str]) -> list[str]:
    """A stable, unpredictable order of the options (the answer is not always first)."""
    return sorted(
        [answer, *wrong], key=lambda o: hashlib.sha256(f"{question_id}|{o}".encode()).hexdigest()
    )


def _option_details(data: dict[str, Any], options: list[str], answer: str) -> list[dict[str, Any]]:
    """Each option's details, keeping why a kept wrong option is wrong."""
    old = {d["text"]: d for d in data.get("option_details", [])}
    details = []
    for text in options:
        known = old.get(text, {})
        details.append(
            {
                "text": text,
                "correct": text == answer,
                "fact_id": known.get("fact_id", data.get("fact_id") if text == answer else None),
                "explanation": known.get("explanation", "") if text != answer else "",
            }
        )
    return details


def edited_data(question: Question, edit: QuestionEdit) -> dict[str, Any]:
    """The question's data with the edit applied, checked as a new question is."""
    data = copy.deepcopy(question.data)
    parts = editable_parts(question)
    prompt = edit.prompt.strip()
    if not prompt:
        raise ServiceError("Write the question.")
    _check_length("The question", prompt, MAX_PROMPT)
    explanation = edit.explanation.strip()
    _check_length("The explanation", explanation, MAX_EXPLANATION)
    data["prompt"], data["explanation"] = prompt, explanation
    answer = " ".join(edit.answer.split())
    if "accepted" in parts:
        if not answer:
            raise ServiceError("Write the answer.")
        _check_length("The answer", answer, MAX_ANSWER)
        accepted = _clean([answer, *edit.accepted])
        for form in accepted:
            _check_length("An accepted answer", form, MAX_ANSWER)
        data["answer"], data["accepted"] = answer, accepted
    elif "wrong" in parts:
        if not answer:
            raise ServiceError("Write the answer.")
        _check_length("The answer", answer, MAX_ANSWER)
        wrong = [w for w in _clean(edit.wrong) if w.casefold() != answer.casefold()]
        if len(wrong) < 2:
            raise ServiceError("A multiple-choice question needs at least two wrong options.")
        for w in wrong:
            _check_length("A wrong option", w, MAX_ANSWER)
            if grade_text(w, [answer]).correct:
                raise ServiceError(f"The wrong option “{w}” is the same as the answer.")
        options = _options(question.id, answer, wrong)
        data["answer"], data["options"] = answer, options
        data["option_details"] = _option_details(data, options, answer)
    elif "choice" in parts:
        if answer not in data.get("options", []):
            raise ServiceError("Choose which option is right.")
        data["answer"] = answer
        data["option_details"] = _option_details(data, list(data["options"]), answer)
    return data


def edit_question(
    db: Session,
    user: User,
    question: Question,
    edit: QuestionEdit,
    note: str,
    base_version: int,
    now: datetime,
) -> int:
    """Store the edit as the question's next version; returns its number.

    `base_version` is the version the editor saw: if another edit was saved in
    between, nothing is stored and the editor is told to look again."""
    if not may_edit_question(user, question):
        raise NotFound("There is no such question among yours.")
    note = note.strip()
    _check_length("The note", note, MAX_VERSION_NOTE)
    if base_version != question.version:
        raise ServiceError(
            "This question was changed by someone else while you edited it; "
            "check the new version and make your change again."
        )
    data = edited_data(question, edit)
    if data == question.data:
        raise ServiceError("Nothing was changed: edit the question before saving a new version.")
    original, original_at = question.data, question.updated_at
    new = base_version + 1
    claimed = cast(
        CursorResult[Any],
        db.execute(
            update(Question)
            .where(Question.id == question.id, Question.version == base_version)
            .values(version=new, data=data, prompt=data["prompt"], updated_at=now)
            .execution_options(synchronize_session=False)
        ),
    ).rowcount
    if not claimed:
        raise ServiceError(
            "This question was changed by someone else while you edited it; "
            "check the new version and make your change again."
        )
    # the row is ours now (a concurrent edit waits, then finds the version moved on)
    has_versions = db.scalar(
        select(QuestionVersion.id).where(QuestionVersion.question_id == question.id).limit(1)
    )
    if has_versions is None:  # the first edit keeps the original as its version
        db.add(
            QuestionVersion(
                question_id=question.id,
                version=base_version,
                data=original,
                created_at=original_at,
            )
        )
    db.add(
        QuestionVersion(
            question_id=question.id,
            version=new,
            data=data,
            note=note,
            author_id=user.id,
            created_at=now,
        )
    )
    _follow_own_fact(db, question, data)
    db.flush()
    db.refresh(question)
    return new


def _follow_own_fact(db: Session, question: Question, data: dict[str, Any]) -> None:
    """A teacher's own question rests on a fact of its own, which is what its
    flashcard shows on the back: the fact follows the edited prompt and answer.
    (A bank fact is shared by several questions and stays as curated.)"""
    fact = db.get(Fact, question.fact_id)
    if fact is None or fact.owner_id is None or fact.owner_id != question.owner_id:
        return
    answer = str(data.get("answer", fact.answer))
    fact.question = data["prompt"]
    fact.answer = answer if len(answer) <= 300 else answer[:299] + "…"
    fact.statement = f"{data['prompt']} {answer}"
    if data.get("accepted"):
        fact.accepted = [form for form in data["accepted"] if form != answer]
