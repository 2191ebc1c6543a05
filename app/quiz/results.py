"""After a quiz: its results, retaking it, practising its mistakes, and the
history of a student's quizzes."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app import clock
from app.extensions import db
from app.forms import ButtonForm
from app.models import QuizAttempt
from app.quiz import bp
from app.quiz.routes import _attempt, _may_start_practice, _rng
from app.services import ServiceError, teaching
from app.services import quiz as quizzes
from app.services.feedback import FeedbackContext
from app.services.markdown import render_markdown
from app.services.teaching import comments_on


@bp.get("/<int:attempt_id>/results")
@login_required
def results(attempt_id: int) -> ResponseReturnValue:
    attempt = _attempt(attempt_id)
    if not attempt.is_finished:
        flash("Finish the quiz to see your results; your answers so far are saved.", "info")
        return redirect(url_for("quiz.resume", attempt_id=attempt.id))
    view = teaching.attempt_view(db.session, current_user, attempt, clock.now())
    context = FeedbackContext(db.session, attempt.answers)
    items = [(a, view.shown(context.build(a))) for a in attempt.answers] if view.marks else []
    fact_ids = list(dict.fromkeys(f for a in attempt.answers for f in a.question_data["fact_ids"]))
    review_url = url_for("cards.study", deck="facts:" + ",".join(fact_ids[:100]))
    if not view.answers:
        review_url = ""  # flashcards show the answers too
    return render_template(
        "quiz/results.html",
        attempt=attempt,
        items=items,
        form=ButtonForm(),
        review_url=review_url,
        comments=comments_on(db.session, attempt),
        markdown=render_markdown,
        view=view,
    )


def _may_practise_from(attempt: QuizAttempt) -> None:
    """Assigned work is practised again only once its answers are released: a
    practice quiz shows every answer."""
    if not teaching.attempt_view(db.session, current_user, attempt, clock.now()).answers:
        raise ServiceError(
            "This is assigned work: practise its questions once your teacher's rules "
            "release the answers."
        )


def _start_from(attempt: QuizAttempt, question_ids: list[str], label: str) -> Response:
    _may_start_practice()
    scope = quizzes.Scope("questions", ",".join(question_ids), label)
    new_attempt = quizzes.start_attempt(
        db.session,
        current_user,
        scope,
        len(question_ids),
        attempt.question_types,
        attempt.feedback_mode,
        (attempt.time_limit_seconds or 0) // 60 or None,
        _rng(),
        clock.now(),
        question_ids=question_ids,
    )
    db.session.commit()
    return redirect(url_for("quiz.question", attempt_id=new_attempt.id, position=1))


@bp.post("/<int:attempt_id>/retake")
@login_required
def retake(attempt_id: int) -> Response:
    attempt = _attempt(attempt_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        _may_practise_from(attempt)
        return _start_from(
            attempt, [a.question_id for a in attempt.answers], f"Retake: {attempt.scope['label']}"
        )
    except ServiceError as exc:
        flash(str(exc), "error")
        return redirect(url_for("quiz.results", attempt_id=attempt.id))


@bp.post("/<int:attempt_id>/mistakes")
@login_required
def mistakes(attempt_id: int) -> Response:
    attempt = _attempt(attempt_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    wrong = [a.question_id for a in attempt.answers if not a.correct]
    if not wrong:
        flash("No mistakes in this quiz to practise.", "info")
        return redirect(url_for("quiz.results", attempt_id=attempt.id))
    try:
        _may_practise_from(attempt)
        return _start_from(attempt, wrong, f"Mistakes from: {attempt.scope['label']}")
    except ServiceError as exc:
        flash(str(exc), "error")
        return redirect(url_for("quiz.results", attempt_id=attempt.id))


@bp.get("/history")
@login_required
def history() -> str:
    attempts = quizzes.list_attempts(db.session, current_user, clock.now())
    accuracy = quizzes.topic_accuracy(db.session, current_user)
    db.session.commit()
    return render_template("quiz/history.html", attempts=attempts, accuracy=accuracy)
