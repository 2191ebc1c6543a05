"""The curation screen of a teacher's source: the text beside the proposed
facts and the teacher's own, a preview of what a fact will generate before it
is saved, and a fact prefilled from words selected in the text. Every action
answers JSON to the page's script and works as a plain form post without it."""

from __future__ import annotations

import re
from typing import Any

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.decorators import teacher_required
from app.errors import wants_json
from app.extensions import db
from app.forms import ButtonForm
from app.services.reading import (
    Highlight,
    inline_markdown,
    markdown_blocks,
    render_text,
    split_blocks,
)
from app.teach import bp

_PREFIX = re.compile(r"own|c(\d{1,3})")


def form_errors(form: Any) -> dict[str, list[str]]:
    """Each field's errors, by the id of its input (the script shows them there)."""
    errors: dict[str, list[str]] = {}
    for name, messages in form.errors.items():
        key = "csrf_token" if name == "csrf_token" else form[name].id
        errors[key] = [str(m) for m in messages]
    if "csrf_token" in errors:
        errors["csrf_token"] = [
            "Your session changed since this page was opened: reload it, your entries are kept."
        ]
    return errors


def _blocks(source: Any, facts: list[Any]) -> list[tuple[Any, Any]]:
    """The source's paragraphs, with the quotes of curated facts marked."""
    marks = [Highlight(f.start, f.end, "curated", None, "Already a fact") for f in facts]
    if source.format == "markdown":
        return [
            (b, inline_markdown(render_text(source.text, b.start, b.end, marks)))
            for b in markdown_blocks(source.text)
        ]
    return [(b, render_text(source.text, b.start, b.end, marks)) for b in split_blocks(source.text)]


def screen(
    source_id: str,
    form: Any = None,
    rename_form: Any = None,
    preview: Any = None,
) -> str:
    """The curation screen. `form` is a fact form sent back with its errors (or
    previewed): in place of its proposal when it is one, else as the teacher's
    own fact; `preview` is what it will generate."""
    from app.services import curation
    from app.services.curation.skips import proposal_key
    from app.services.proposals import for_selection
    from app.teach.forms import RenameSourceForm
    from app.teach.sources import _fact_form

    page = curation.curation_page(db.session, current_user, source_id)

    def proposal_form(c: Any, prefix: str) -> Any:
        return _fact_form(
            page.topics,
            formdata=None,
            quote=c.sentence,
            answer=c.answer,
            answer_type=c.answer_type,
            statement=c.statement,
            question=c.question,
            accepted="; ".join(c.accepted),
            false_statement=c.false_statement,
            prefix=prefix,
        )

    sent = form._prefix[:-1] if form is not None else None
    proposals = []
    # the skipped ones follow, hidden, so bringing one back needs no reload
    for i, c in enumerate([*page.proposals, *page.skipped]):
        prefix = f"c{i}"
        own_form = form if sent == prefix else proposal_form(c, prefix)
        proposals.append(
            (
                c,
                own_form,
                preview if sent == prefix else None,
                proposal_key(c),
                i >= len(page.proposals),
            )
        )
    placed = any(p[1] is form for p in proposals)
    own = form if form is not None and not placed else None  # nothing typed is dropped
    own_preview = preview if own is not None else None
    if own is None:
        start, end = request.args.get("start", type=int), request.args.get("end", type=int)
        if start is not None and end is not None and 0 <= start < end <= len(page.source.text):
            chosen = for_selection(
                page.source.text, start, end, page.source.title, curation.text_answers(page.source)
            )
            own = proposal_form(chosen, "own")
        elif request.args.get("quote"):
            own = _fact_form(
                page.topics, formdata=None, quote=request.args["quote"][:3000], prefix="own"
            )
    return render_template(
        "teach/curate.html",
        source=page.source,
        facts=page.facts,
        blocks=_blocks(page.source, page.facts),
        proposals=proposals,
        shown_count=len(page.proposals),
        skipped_count=len(page.skipped),
        form=own or _fact_form(page.topics, prefix="own"),
        own_preview=own_preview,
        question_count=page.question_count,
        button=ButtonForm(),
        rename_form=rename_form or RenameSourceForm(formdata=None, title=page.source.title),
    )


@bp.post("/sources/<source_id>/facts/preview")
@teacher_required
def preview_fact(source_id: str) -> Any:
    """What the posted fact will generate, without saving it. A button of an
    alternative (`use`) first fills the form with that other fact of the sentence."""
    from app.services import curation
    from app.services.curation.skips import offered_proposal
    from app.services.fact_preview import preview_fact as make_preview
    from app.teach.sources import _fact_form

    source = curation.source_for_curation(db.session, current_user, source_id)
    prefix = request.form.get("prefix", "own")
    matched = _PREFIX.fullmatch(prefix)
    prefix = prefix if matched else "own"
    topics = curation.fact_topics(db.session, source)
    form = _fact_form(topics, prefix=prefix)
    use = request.form.get("use", type=int)
    if matched and matched.group(1) is not None and use is not None:
        # the proposal by its key, not its place: skips move the others up
        found = offered_proposal(db.session, source, request.form.get("proposal", ""))
        if found is not None and 0 <= use < len(found.alternatives):
            other = found.alternatives[use]
            form.answer.data, form.answer_type.data = other.answer, other.answer_type
            form.question.data, form.statement.data = other.question, other.statement
            form.accepted.data = "; ".join(other.accepted)
            form.false_statement.data = other.false_statement
    if not form.validate_on_submit():
        if wants_json():
            return jsonify({"ok": False, "errors": form_errors(form)}), 400
        return screen(source.id, form=form), 400
    preview = make_preview(
        db.session,
        source,
        form.quote.data or "",
        form.statement.data or "",
        form.question.data or "",
        form.answer.data or "",
        form.answer_type.data or "",
        (form.accepted.data or "").split(";"),
        [form.topics.data or ""],
        kind="opinion" if form.opinion.data else "fact",
        false_statement=form.false_statement.data or "",
    )
    db.session.rollback()  # a preview stores nothing
    if wants_json():
        return jsonify(preview.to_dict())
    return screen(source.id, form=form, preview=preview)


@bp.get("/sources/<source_id>/facts/for-selection")
@teacher_required
def fact_for_selection(source_id: str) -> Response:
    """A fact prefilled from the characters start..end of the source."""
    from app.services import curation
    from app.services.proposals import for_selection

    source = curation.source_for_curation(db.session, current_user, source_id)
    start, end = request.args.get("start", type=int), request.args.get("end", type=int)
    if start is None or end is None or not 0 <= start < end <= len(source.text):
        response = jsonify({"ok": False, "error": "Select words inside the source's text."})
        response.status_code = 400
        return response
    quote = request.args.get("q", "")[:3000]
    if quote and source.text[start:end] != quote:
        # rendered Markdown hides its marks: find the words themselves near the offsets
        found = source.text.find(quote, max(0, start - 400))
        if found >= 0:
            start, end = found, found + len(quote)
    chosen = for_selection(source.text, start, end, source.title, curation.text_answers(source))
    return jsonify(
        {
            "ok": True,
            "quote": chosen.sentence,
            "question": chosen.question,
            "answer": chosen.answer,
            "answer_type": chosen.answer_type,
            "statement": chosen.statement,
            "accepted": "; ".join(chosen.accepted),
            "false_statement": chosen.false_statement,
        }
    )


@bp.post("/sources/<source_id>/proposals/skip")
@teacher_required
def skip_proposal(source_id: str) -> Any:
    """Skip a proposal for good: it stays skipped on the next visit, on any
    device, until it is brought back. The form posts its key as `proposal`."""
    return _skip(source_id, undo=False)


@bp.post("/sources/<source_id>/proposals/unskip")
@teacher_required
def unskip_proposal(source_id: str) -> Any:
    """Bring a skipped proposal back among the proposals."""
    return _skip(source_id, undo=True)


def _skip(source_id: str, undo: bool) -> Any:
    from app.services import ServiceError, curation
    from app.services.curation import skips

    source = curation.source_for_curation(db.session, current_user, source_id)
    key = request.form.get("proposal", "")[:64]
    try:
        if undo:
            skips.unskip_proposal(db.session, source, key)
        else:
            skips.skip_proposal(db.session, current_user, source, key)
    except ServiceError as exc:
        db.session.rollback()
        if wants_json():
            return jsonify({"ok": False, "message": str(exc)}), 400
        flash(str(exc), "error")
        return redirect(url_for("teach.curate", source_id=source.id) + "#proposals-h")
    db.session.commit()
    message = (
        "Brought back among the proposals."
        if undo
        else "Skipped: it stays skipped on your next visit; “Show skipped” brings it back."
    )
    if wants_json():
        return jsonify({"ok": True, "key": key, "message": message})
    flash(message, "success")
    return redirect(url_for("teach.curate", source_id=source.id) + "#proposals-h")


def fact_saved(source_id: str, fact: Any) -> Response:
    """The JSON answer to a fact saved from the screen."""
    from sqlalchemy import func, select

    from app.models import Fact, Question

    count = db.session.scalar(
        select(func.count())
        .select_from(Question)
        .where(Question.source_id == source_id, ~Question.retired)
    )
    facts = db.session.scalar(
        select(func.count()).select_from(Fact).where(Fact.source_id == source_id, ~Fact.retired)
    )
    return jsonify(
        {
            "ok": True,
            "fact": {
                "id": fact.id,
                "statement": fact.statement,
                "answer": fact.answer,
                "opinion": fact.kind == "opinion",
                "start": fact.start_offset,
                "end": fact.end_offset,
            },
            "facts": facts or 0,
            "questions": count or 0,
            "message": "Fact added; its questions were generated.",
        }
    )


__all__ = [
    "fact_for_selection",
    "fact_saved",
    "form_errors",
    "preview_fact",
    "screen",
    "skip_proposal",
    "unskip_proposal",
]
