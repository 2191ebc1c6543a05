"""Flashcards: study sessions, undo, browse, settings and the self-study dashboard."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app import clock
from app.cards.forms import ExamForm, SettingsForm
from app.errors import wants_json
from app.extensions import db
from app.forms import ButtonForm
from app.security import safe_next
from app.services import NotFound, ServiceError, cards
from app.services import quiz as quizzes
from app.services.reading import highlight_answer

bp = Blueprint("cards", __name__, url_prefix="/cards")


def _deck(raw: str | None) -> cards.Deck:
    return cards.parse_deck(db.session, raw, current_user)


def _choices() -> list[tuple[str, list[tuple[str, str]]]]:
    choices = cards.deck_choices(db.session, current_user)
    lessons = cards.lesson_decks(db.session, current_user, clock.now())
    return [choices[0], ("Assigned lessons", lessons), *choices[1:]] if lessons else choices


@bp.get("/")
@login_required
def dashboard() -> str:
    now = clock.now()
    accuracy = {t.topic_id: t.accuracy for t in quizzes.topic_accuracy(db.session, current_user)}
    data = cards.dashboard(db.session, current_user, now, accuracy)
    due_now = cards.due_now(db.session, current_user, now)
    later = cards.later_today(db.session, current_user, now)
    db.session.commit()
    today = now.date()
    return render_template(
        "cards/dashboard.html",
        data=data,
        due_now=due_now,
        later=later,
        cells=cards.heatmap(data.reviews_by_day, today),
        months=_months(data.reviews_by_day),
        forecast_max=max((f.due for f in data.forecast), default=0),
        deck_choices=_choices(),
        exam_form=ExamForm(),
        today=today,
    )


def _months(per_day: dict[date, int]) -> list[tuple[str, int, int]]:
    """The heatmap as text: reviews and active days per month, oldest first."""
    months: dict[str, list[int]] = {}
    for day in sorted(per_day):
        cell = months.setdefault(day.strftime("%B %Y"), [0, 0])
        cell[0] += per_day[day]
        cell[1] += 1
    return [(month, reviews, days) for month, (reviews, days) in months.items()]


@bp.get("/study")
@login_required
def study() -> ResponseReturnValue:
    deck = _deck(request.args.get("deck"))
    now = clock.now()
    item, counts = cards.next_card(db.session, current_user, deck, now)
    can_undo = counts.reviewed_recently or _can_undo()
    if item is None:
        fact_ids = [e.id for e in cards.deck_facts(db.session, deck, current_user)]
        later = cards.later_today(db.session, current_user, now, fact_ids)
        db.session.commit()
        return render_template(
            "cards/done.html", deck=deck, can_undo=can_undo, later=later, now=now
        )
    view = cards.card_view(db.session, current_user, item, now)
    done_today = cards.reviews_today(db.session, current_user, now)
    db.session.commit()
    forms = [view.fact.answer, *view.fact.accepted]
    return render_template(
        "cards/study.html",
        deck=deck,
        item=item,
        view=view,
        counts=counts,
        done_today=done_today,
        quote_html=highlight_answer(view.fact.quote, forms),
        revealed=request.args.get("show") == "1",
        shown_at=now.timestamp(),
        form=ButtonForm(),
        ratings=cards.RATINGS,
        can_undo=can_undo,
    )


def _can_undo() -> bool:
    from sqlalchemy import select

    from app.models import ReviewLog

    return (
        db.session.scalar(select(ReviewLog.id).where(ReviewLog.user_id == current_user.id).limit(1))
        is not None
    )


@bp.post("/review")
@login_required
def review() -> ResponseReturnValue:
    deck_key = request.form.get("deck", "all:")
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        rating = int(request.form.get("rating", "0"))
        version = int(request.form.get("version", "-1"))
        shown_at = float(request.form.get("shown_at", "0"))
    except ValueError:
        abort(400, "That grade could not be read; grade the card again.")
    question_id = request.form.get("question_id") or None
    if question_id is not None and len(question_id) > cards.MAX_KEY:
        abort(400, "There is no such question; grade the card again.")
    now = clock.now()
    elapsed = now.timestamp() - shown_at
    # False for nan and the infinities too, which float() reads from "nan" and "inf"
    plausible = 0 <= elapsed <= 24 * 3600
    duration = int(elapsed * 1000) if shown_at and plausible else None
    try:
        log = cards.grade(
            db.session,
            current_user,
            request.form.get("fact_id", ""),
            rating,
            version,
            question_id,
            duration,
            now,
        )
    except NotFound:
        raise  # the app's handler answers 404
    except ServiceError as exc:
        if wants_json():
            return jsonify(error=str(exc)), 400
        flash(str(exc), "error")
        return redirect(url_for("cards.study", deck=deck_key))
    db.session.commit()
    next_url = url_for("cards.study", deck=deck_key)
    if wants_json():
        # `recorded` is false when this grade had already been recorded (a
        # retry after a lost response, or a second tab): it is stored once.
        return jsonify(recorded=log is not None, next_url=next_url)
    if log is None:
        flash("That card was already graded (in another tab or by a double click).", "info")
    return redirect(next_url)


@bp.post("/undo")
@login_required
def undo() -> Response:
    if not ButtonForm().validate_on_submit():
        abort(400)
    fact_id = cards.undo_last(db.session, current_user)
    db.session.commit()
    flash("The last grade was undone." if fact_id else "There is nothing to undo.", "info")
    return redirect(url_for("cards.study", deck=request.form.get("deck", "all:")))


@bp.get("/browse")
@login_required
def browse() -> str:
    deck = _deck(request.args.get("deck"))
    text = (request.args.get("q") or "").strip()[:100] or None
    status = request.args.get("status") or None
    if status not in (None, "new", "learning", "review", "relearning", "suspended"):
        status = None
    rows = cards.browse(db.session, current_user, deck, text, status)
    db.session.commit()
    return render_template(
        "cards/browse.html",
        rows=rows,
        deck=deck,
        deck_choices=_choices(),
        chosen={"deck": deck.key, "q": text or "", "status": status or ""},
        form=ButtonForm(),
        now=clock.now(),
    )


@bp.post("/<fact_id>/suspend")
@login_required
def suspend(fact_id: str) -> Response:
    if not ButtonForm().validate_on_submit():
        abort(400)
    suspended = request.form.get("suspended") == "1"
    cards.set_suspended(db.session, current_user, fact_id, suspended, clock.now())
    db.session.commit()
    flash(
        "Card suspended: it will not come up until you resume it."
        if suspended
        else "Card resumed.",
        "success",
    )
    back = safe_next(request.form.get("next")) or ""  # no line breaks, no other site
    return redirect(back if back.startswith("/cards/") else url_for("cards.browse"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings() -> ResponseReturnValue:
    current = cards.settings_for(db.session, current_user)
    form = SettingsForm(obj=current)
    if form.validate_on_submit():
        try:
            cards.update_settings(
                db.session,
                current_user,
                float(form.desired_retention.data),
                form.daily_new_limit.data if form.daily_new_limit.data is not None else 20,
                include_details=form.include_details.data,
            )
        except ServiceError as exc:
            form.desired_retention.errors = [*form.desired_retention.errors, str(exc)]
        else:
            db.session.commit()
            flash("Study settings saved.", "success")
            return redirect(url_for("cards.settings"))
    sizes = cards.deck_sizes(db.session, cards.parse_deck(db.session, "all:"), current_user)
    db.session.commit()
    return render_template("cards/settings.html", form=form, sizes=sizes)


@bp.post("/exam")
@login_required
def exam() -> Response:
    form = ExamForm()
    if not form.validate_on_submit():
        flash("Give the exam date as a date (YYYY-MM-DD).", "error")
        return redirect(url_for("cards.dashboard"))
    deck = _deck(form.deck.data)
    try:
        cards.set_exam_date(db.session, current_user, deck, form.exam_on.data, clock.now().date())
    except ServiceError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(
            f"Exam date for “{deck.label}” saved." if form.exam_on.data else "Exam date removed.",
            "success",
        )
    return redirect(url_for("cards.dashboard"))
