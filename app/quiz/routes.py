"""Taking quizzes. Thin views: parse, call one service, commit, redirect."""

from __future__ import annotations

import random
import secrets
from typing import Any

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.blueprints import BlueprintSetupState
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app import clock
from app.auth import limits as attempt_limits
from app.errors import wants_json
from app.extensions import db
from app.forms import ButtonForm
from app.models import AttemptAnswer, QuizAttempt
from app.quiz import bp
from app.quiz.forms import (
    ReportForm,
    ResponseError,
    StartQuizForm,
    form_values,
    parse_response,
)
from app.quiz.question_map import question_map
from app.services import ServiceError, cards, catalogue, question_types, teaching
from app.services import quiz as quizzes
from app.services.feedback import FeedbackContext


@bp.record_once
def _template_globals(state: BlueprintSetupState) -> None:
    # the same on every page: globals of the templates, not a context processor
    # that every render would call
    state.app.jinja_env.globals.update(
        question_map=question_map,
        type_labels=quizzes.TYPE_LABELS,
        question_types=question_types.REGISTRY,
    )


def _rng() -> random.Random:
    return random.Random(secrets.randbits(64))


def _attempt(attempt_id: int) -> QuizAttempt:
    attempt = quizzes.get_attempt(db.session, current_user, attempt_id)
    if quizzes.expire_if_due(db.session, attempt, clock.now()):
        db.session.commit()
    return attempt


def _question_at(attempt_id: int, position: int) -> tuple[QuizAttempt, AttemptAnswer, list[bool]]:
    """`_attempt`, its question at `position` and which questions are answered."""
    attempt, answer, done = quizzes.question_at(db.session, current_user, attempt_id, position)
    if quizzes.expire_if_due(db.session, attempt, clock.now()):
        db.session.commit()
    return attempt, answer, done


@bp.route("/", methods=["GET", "POST"])
@login_required
def new() -> ResponseReturnValue:
    form = StartQuizForm()
    form.scope.choices = catalogue.marked_choices(
        db.session, quizzes.scope_choices(db.session, current_user)
    )
    if request.method == "GET":
        if request.args.get("scope"):
            form.scope.data = request.args["scope"]
        form.include_details.data = cards.settings_for(db.session, current_user).include_details
    status = 200
    if form.validate_on_submit():
        try:
            _may_start_practice()
            scope = quizzes.parse_scope(db.session, form.scope.data, current_user)
            attempt = quizzes.start_attempt(
                db.session,
                current_user,
                scope,
                form.count.data,
                form.types.data,
                form.feedback_mode.data,
                form.time_limit.data,
                _rng(),
                clock.now(),
                include_details=form.include_details.data,
            )
            cards.remember_include_details(db.session, current_user, form.include_details.data)
        except TooManyStarts as exc:
            form.scope.errors = [*form.scope.errors, str(exc)]
            status = 429
        except ServiceError as exc:
            form.scope.errors = [*form.scope.errors, str(exc)]
        else:
            db.session.commit()
            if attempt.total < form.count.data:
                flash(
                    f"You asked for {form.count.data} questions, but “{scope.label}” has only "
                    f"{attempt.total} of the types you chose, so this quiz has {attempt.total}. "
                    "Choose more question types or a wider topic for a longer quiz.",
                    "info",
                )
            return redirect(url_for("quiz.question", attempt_id=attempt.id, position=1))
    open_attempts = [
        a for a in quizzes.list_attempts(db.session, current_user, clock.now()) if not a.is_finished
    ]
    answered = quizzes.answered_counts(db.session, [a.id for a in open_attempts])
    counts = _scope_counts(form)
    db.session.commit()
    page = render_template(
        "quiz/new.html",
        form=form,
        counts=counts,
        open_attempts=open_attempts,
        answered=answered,
        button=ButtonForm(),
    )
    return page, status


@bp.get("/count")
@login_required
def count() -> ResponseReturnValue:
    """How many questions a choice on the start page holds, as it changes."""
    form = StartQuizForm(request.args, meta={"csrf": False})
    form.scope.data = request.args.get("scope", "all:")
    form.types.data = request.args.getlist("types") or None
    counts = _scope_counts(form)
    if counts is None:
        return jsonify(error="There is no such topic."), 400
    label, main, everything = counts
    return jsonify(label=label, main=main, all=everything)


def _scope_counts(form: StartQuizForm) -> tuple[str, int, int] | None:
    """The chosen scope's label and how many questions of the chosen types it
    holds, without and with details; None for a scope that cannot be read."""
    try:
        scope = quizzes.parse_scope(db.session, form.scope.data or "all:", current_user)
    except ServiceError:
        return None
    types = form.types.data if form.types.data is not None else list(quizzes.TYPE_LABELS)
    return (scope.label, *quizzes.scope_counts(db.session, current_user, scope, types))


class TooManyStarts(ServiceError):
    """Quizzes started faster than QUIZ_START_LIMIT allows."""


def count_start() -> None:
    """Count a quiz start by the current user; refuse one over QUIZ_START_LIMIT."""
    if not attempt_limits.begin_quota("quiz-start", current_user.id).allowed:
        raise TooManyStarts(
            "You started several quizzes within the last minute. Wait a minute, or "
            "resume one of your unfinished quizzes."
        )


def _may_start_practice() -> None:
    """Refuse a practice quiz over the start rate or the cap on open quizzes."""
    quizzes.check_open_attempts(
        db.session, current_user, clock.now(), int(current_app.config["QUIZ_MAX_OPEN"])
    )
    count_start()


@bp.post("/<int:attempt_id>/abandon")
@login_required
def abandon(attempt_id: int) -> ResponseReturnValue:
    attempt = _attempt(attempt_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    answered = sum(quizzes.progress(db.session, attempt))
    if request.form.get("ask") == "1" and answered and not attempt.is_finished:
        return render_template(
            "quiz/confirm.html",
            attempt=attempt,
            heading="Abandon the quiz?",
            message=f"Its {answered} answer{'' if answered == 1 else 's'} will be deleted, "
            "and the quiz leaves your history.",
            back_url=url_for("quiz.resume", attempt_id=attempt.id),
            back_label="Go back to the quiz",
            action_url=url_for("quiz.abandon", attempt_id=attempt.id),
            action_label="Abandon it",
        )
    try:
        quizzes.abandon_attempt(db.session, current_user, attempt)
    except ServiceError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(f"The quiz “{attempt.scope['label']}” is abandoned.", "info")
    return redirect(url_for("quiz.new"))


@bp.get("/<int:attempt_id>")
@login_required
def resume(attempt_id: int) -> Response:
    attempt = _attempt(attempt_id)
    if attempt.is_finished:
        return redirect(url_for("quiz.results", attempt_id=attempt.id))
    position = quizzes.next_unanswered(quizzes.progress(db.session, attempt)) or attempt.total
    return redirect(url_for("quiz.question", attempt_id=attempt.id, position=position))


def _render_question(
    attempt: QuizAttempt,
    answer: AttemptAnswer,
    done: list[bool],
    posted: Any = None,
    error: str | None = None,
    status: int = 200,
    already_answered: bool = False,
) -> ResponseReturnValue:
    # what the student may see matters only for an answered question (assigned
    # work reads its assignment and rules for it)
    view = (
        teaching.attempt_view(db.session, current_user, attempt, clock.now())
        if answer.is_answered
        else None
    )
    context = FeedbackContext(db.session, [answer]) if view and view.marks else None
    marks = [_mark(a) for a in attempt.answers] if attempt.is_finished else None
    return (
        render_template(
            "quiz/question.html",
            attempt=attempt,
            answer=answer,
            done=done,
            data=answer.question_data,
            values=form_values(answer, posted),
            feedback=view.shown(context.build(answer)) if view and context else None,
            locked=attempt.is_finished or (attempt.feedback_mode == "each" and answer.is_answered),
            error=error,
            now=clock.now(),
            marks=marks,
            already_answered=already_answered,
            question_token=quizzes.question_token(answer.question_id, _token_key()),
            # a question's address is this followed by its position
            question_base=url_for("quiz.question", attempt_id=attempt.id, position=0)[:-1],
        ),
        status,
    )


def _token_key() -> bytes:
    key = current_app.secret_key
    return key if isinstance(key, bytes) else str(key).encode()


def _mark(answer: AttemptAnswer) -> str:
    """How the question map shows a question once the quiz is over."""
    if not answer.is_answered:
        return ""
    if answer.correct:
        return "right"
    return "partly" if (answer.score or 0) > 0 else "wrong"


@bp.get("/<int:attempt_id>/q/<int:position>")
@login_required
def question(attempt_id: int, position: int) -> ResponseReturnValue:
    attempt, answer, done = _question_at(attempt_id, position)
    if not attempt.is_finished and answer.shown_at is None:
        quizzes.mark_shown(answer, clock.now())
        db.session.commit()
    # set by answer() below when another tab had answered first
    already = request.args.get("already") == "1" and answer.is_answered
    return _render_question(attempt, answer, done, already_answered=already)


@bp.post("/<int:attempt_id>/q/<int:position>")
@login_required
def answer(attempt_id: int, position: int) -> ResponseReturnValue:
    attempt, slot, done = _question_at(attempt_id, position)
    question_id = quizzes.posted_question(slot, request.form.get("question_id", ""), _token_key())
    try:
        quizzes.check_question(slot, question_id)
        response = parse_response(slot, request.form)
        now = clock.now()
        saved = quizzes.answer_question(
            db.session,
            current_user,
            attempt,
            slot,
            question_id,
            response,
            now,
        )
    except quizzes.QuizClosed as exc:
        db.session.commit()
        if wants_json():
            return jsonify(
                error=str(exc), results_url=url_for("quiz.results", attempt_id=attempt.id)
            ), 409
        flash(str(exc), "error")
        return redirect(url_for("quiz.results", attempt_id=attempt.id))
    except (ResponseError, ServiceError) as exc:
        if wants_json():
            return jsonify(error=str(exc)), 400
        return _render_question(
            attempt, slot, done, posted=request.form, error=str(exc), status=400
        )
    # In "after each question" mode the first answer stands: one from another tab
    # (stored earlier, or a moment before this one) is shown with a word about it.
    already = attempt.feedback_mode == "each" and saved.answered_at != now
    db.session.commit()
    # Progress as read with the question, and this one now answered (by this
    # request or, a moment before, by another tab): no second read after the commit.
    done[position - 1] = True
    next_position = quizzes.next_unanswered(done)
    if attempt.feedback_mode == "each":
        target = url_for("quiz.question", attempt_id=attempt.id, position=position)
    elif position < attempt.total:
        target = url_for("quiz.question", attempt_id=attempt.id, position=position + 1)
    else:
        target = url_for("quiz.question", attempt_id=attempt.id, position=next_position or position)
    if wants_json():
        payload: dict[str, Any] = {
            "saved": True,
            "answered": sum(done),
            "total": attempt.total,
            "next_url": target,
        }
        if (
            attempt.feedback_mode == "each"
            and (
                view := teaching.attempt_view(db.session, current_user, attempt, clock.now())
            ).marks
        ):
            context = FeedbackContext(db.session, [saved])
            payload["correct"] = saved.correct
            payload["already_answered"] = already
            payload["response"] = form_values(saved, None)
            data = saved.question_data
            if "options" in saved.display:
                payload["right_option"] = str(data.get("answer"))
                payload["given_option"] = str(saved.response)
            payload["feedback_html"] = render_template(
                "quiz/_feedback.html",
                feedback=view.shown(context.build(saved)),
                answer=saved,
                attempt=attempt,
            )
        return jsonify(payload)
    if already:
        target += "?already=1"
    return redirect(target + ("#feedback" if attempt.feedback_mode == "each" else ""))


@bp.post("/<int:attempt_id>/finish")
@login_required
def finish(attempt_id: int) -> ResponseReturnValue:
    attempt = _attempt(attempt_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    # The question page's button asks first when questions are unanswered: one
    # stray tap must not end an assigned quiz that allows one attempt.
    if request.form.get("ask") == "1" and not attempt.is_finished:
        done = quizzes.progress(db.session, attempt)
        if not all(done):
            left, first = done.count(False), quizzes.next_unanswered(done)
            time_note = ", and the time left is given up" if attempt.time_limit_seconds else ""
            return render_template(
                "quiz/confirm.html",
                attempt=attempt,
                heading="Finish the quiz?",
                message=f"{left} of {attempt.total} questions "
                f"{'is' if left == 1 else 'are'} not answered yet. Once you finish, "
                f"no answer can change{time_note}.",
                back_url=url_for("quiz.question", attempt_id=attempt.id, position=first),
                back_label=f"Answer question {first}",
                action_url=url_for("quiz.finish", attempt_id=attempt.id),
                action_label=f"Finish with {left} unanswered",
            )
    quizzes.finish_attempt(db.session, attempt, clock.now())
    db.session.commit()
    return redirect(url_for("quiz.results", attempt_id=attempt.id))


@bp.route("/<int:attempt_id>/q/<int:position>/report", methods=["GET", "POST"])
@login_required
def report(attempt_id: int, position: int) -> ResponseReturnValue:
    attempt = _attempt(attempt_id)
    form = ReportForm()
    if request.method == "GET":
        answer = quizzes.slot(db.session, attempt, position)
        return render_template(
            "quiz/report.html", attempt=attempt, position=position, report_form=form, answer=answer
        )
    if form.validate_on_submit():
        answer = quizzes.slot(db.session, attempt, position)
        try:
            _, updated = quizzes.report_question(
                db.session,
                current_user,
                attempt,
                answer,
                form.reason.data,
                form.comment.data or "",
            )
        except ServiceError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            if updated:
                flash(
                    "You had already reported this question: your report is updated "
                    "with what you wrote now.",
                    "success",
                )
            else:
                flash("Thank you: your report was sent to the teachers.", "success")
        return redirect(url_for("quiz.question", attempt_id=attempt.id, position=position))
    # keep the comment they typed: the report form again, with the message
    return render_template(
        "quiz/report.html", attempt=attempt, position=position, report_form=form
    ), 400
