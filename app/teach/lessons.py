"""Teachers: classes, lessons, assignments, gradebook, item analysis, reports."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from app import clock
from app.auth.decorators import teacher_required
from app.extensions import db
from app.forms import whole_number
from app.models import Question, Source
from app.services import NotFound, ServiceError, teaching, visibility
from app.services.feedback import FeedbackContext
from app.services.markdown import render_markdown
from app.services.reading import render_text, split_blocks
from app.teach.forms import (
    AssignForm,
    ButtonForm,
    ClassForm,
    LessonForm,
    OwnQuestionForm,
    PassageForm,
    TextForm,
)
from question_bank.question import TYPE_LABELS

bp = Blueprint("teach", __name__, url_prefix="/teach")


def _as_me(fn: Any, *args: Any) -> Any:
    """Call a service as the current user (its NotFound becomes a 404 page)."""
    return fn(db.session, current_user, *args)


def _class(class_id: int) -> Any:
    return _as_me(teaching.class_for_teacher, class_id)


def _lesson(lesson_id: int) -> Any:
    return _as_me(teaching.lesson_for_editing, lesson_id)


def _check_button() -> None:
    if not ButtonForm().validate_on_submit():
        abort(400)


def _source_choices() -> list[tuple[str, str]]:
    return [
        (sid, title)
        for sid, title in db.session.execute(
            select(Source.id, Source.title)
            .where(visibility.source_clause(current_user))
            .order_by(Source.title)
        )
    ]


@bp.get("/")
@teacher_required
def home() -> str:
    classes = teaching.classes_of_teacher(db.session, current_user)
    archived = teaching.classes_of_teacher(db.session, current_user, archived=True)
    lessons = teaching.lessons_of_teacher(db.session, current_user)
    reports = teaching.reports_for(db.session, current_user)
    own = Source.builtin.is_(False)
    if not current_user.is_admin:
        own = own & (Source.owner_id == current_user.id)
    own_sources = db.session.scalars(select(Source).where(own).order_by(Source.title)).all()
    return render_template(
        "teach/home.html",
        classes=classes,
        archived=archived,
        lessons=lessons,
        reports=reports,
        form=ClassForm(),
        own_sources=own_sources,
    )


# -- classes ------------------------------------------------------------------------
@bp.post("/classes")
@teacher_required
def create_class() -> Any:
    form = ClassForm()
    if form.validate_on_submit():
        classroom = teaching.create_class(db.session, current_user, form.name.data)
        db.session.commit()
        flash(f"Class “{classroom.name}” created. Give your students the join code.", "success")
        return redirect(url_for("teach.class_page", class_id=classroom.id))
    flash("Give the class a name (up to 120 characters).", "error")
    return redirect(url_for("teach.home"))


@bp.get("/classes/<int:class_id>")
@teacher_required
def class_page(class_id: int) -> str:
    classroom = _class(class_id)
    students = teaching.roster(db.session, classroom)
    book = teaching.gradebook(db.session, classroom, clock.now())
    return render_template(
        "teach/class.html",
        classroom=classroom,
        students=students,
        book=book,
        form=ButtonForm(),
        sources=_source_choices(),
    )


@bp.post("/classes/<int:class_id>/code")
@teacher_required
def join_code(class_id: int) -> Response:
    classroom = _class(class_id)
    _check_button()
    action = request.form.get("action")
    if action == "regenerate":
        teaching.regenerate_code(classroom)
        classroom.join_enabled = True
        flash("A new join code was made; the old one no longer works.", "success")
    elif action in ("disable", "enable"):
        classroom.join_enabled = action == "enable"
        flash("Joining is open." if classroom.join_enabled else "Joining is closed.", "success")
    db.session.commit()
    return redirect(url_for("teach.class_page", class_id=class_id))


@bp.post("/classes/<int:class_id>/archive")
@teacher_required
def archive(class_id: int) -> Response:
    classroom = _class(class_id)
    _check_button()
    classroom.archived = request.form.get("archived", "1") == "1"
    db.session.commit()
    flash("Class archived." if classroom.archived else "Class restored.", "success")
    return redirect(url_for("teach.home"))


@bp.post("/classes/<int:class_id>/students/<int:student_id>/remove")
@teacher_required
def remove_student(class_id: int, student_id: int) -> Response:
    classroom = _class(class_id)
    _check_button()
    teaching.remove_student(db.session, classroom, student_id)
    db.session.commit()
    flash("The student was removed from the class; their own work is kept.", "success")
    return redirect(url_for("teach.class_page", class_id=class_id))


@bp.get("/classes/<int:class_id>/gradebook.csv")
@teacher_required
def gradebook_csv(class_id: int) -> Response:
    classroom = _class(class_id)
    book = teaching.gradebook(db.session, classroom, clock.now())
    response = Response(teaching.gradebook_csv(book), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="gradebook-{classroom.id}.csv"'
    return response


@bp.get("/classes/<int:class_id>/students/<int:student_id>")
@teacher_required
def student_page(class_id: int, student_id: int) -> str:
    classroom = _class(class_id)
    student = teaching.student_in_class(db.session, classroom, student_id)
    attempts = teaching.student_attempts(db.session, classroom, student)
    return render_template(
        "teach/student.html", classroom=classroom, student=student, attempts=attempts
    )


@bp.get("/classes/<int:class_id>/attempts/<int:attempt_id>")
@teacher_required
def attempt_page(class_id: int, attempt_id: int) -> str:
    classroom = _class(class_id)
    attempt = teaching.attempt_in_class(db.session, classroom, attempt_id)
    context = FeedbackContext(db.session, attempt.answers)
    items = [(a, context.build(a)) for a in attempt.answers]
    student = db.session.get(teaching.User, attempt.user_id)
    return render_template(
        "teach/attempt.html", classroom=classroom, attempt=attempt, items=items, student=student
    )


@bp.get("/classes/<int:class_id>/assignments/<int:assignment_id>/analysis")
@teacher_required
def analysis(class_id: int, assignment_id: int) -> str:
    classroom = _class(class_id)
    assignment = teaching.assignment_in_class(db.session, classroom, assignment_id)
    lesson = db.session.get(teaching.Lesson, assignment.lesson_id)
    return render_template(
        "teach/analysis.html",
        classroom=classroom,
        assignment=assignment,
        lesson=lesson,
        rows=teaching.item_analysis(db.session, assignment),
    )


@bp.get("/classes/<int:class_id>/passages/<source_id>")
@teacher_required
def passages(class_id: int, source_id: str) -> str:
    classroom = _class(class_id)
    source = db.session.get(Source, source_id) or abort(404, "There is no such source.")
    errors = teaching.paragraph_errors(db.session, classroom, source.id)
    shaded = []
    for block in split_blocks(source.text):
        answered, wrong = errors.get(block.index, (0, 0))
        share = wrong / answered if answered else None
        level = 0 if share is None else 1 + min(3, int(share * 4))
        shaded.append(
            (block, render_text(source.text, block.start, block.end, []), answered, wrong, level)
        )
    worst = sorted((s for s in shaded if s[2]), key=lambda s: (-s[3] / s[2], -s[2]))[:5]
    return render_template(
        "teach/passages.html", classroom=classroom, source=source, blocks=shaded, worst=worst
    )


# -- lessons ---------------------------------------------------------------------------
@bp.route("/lessons/new", methods=["GET", "POST"])
@teacher_required
def new_lesson() -> Any:
    form = LessonForm()
    if form.validate_on_submit():
        lesson = teaching.create_lesson(
            db.session, current_user, form.title.data, form.introduction.data or ""
        )
        db.session.commit()
        return redirect(url_for("teach.lesson", lesson_id=lesson.id))
    return render_template("teach/lesson_new.html", form=form)


def _lesson_page(lesson: Any, **forms: Any) -> str:
    from app.services.browse import topics

    filters = teaching.QuestionFilter(
        source=request.args.get("q_source") or None,
        topic=request.args.get("q_topic") or None,
        person=request.args.get("q_person") or None,
        type=request.args.get("q_type") or None,
        text=(request.args.get("q_text") or "").strip()[:100] or None,
    )
    searched = any(vars(filters).values())
    passage_form = forms.get("passage_form") or PassageForm(prefix="passage")
    question_form = forms.get("question_form") or OwnQuestionForm(prefix="own")
    passage_form.source_id.choices = _source_choices()
    question_form.source_id.choices = _source_choices()
    assign_form = forms.get("assign_form") or AssignForm()
    assign_form.classroom_id.choices = [
        (c.id, c.name) for c in teaching.classes_of_teacher(db.session, current_user)
    ]
    return render_template(
        "teach/lesson.html",
        lesson=lesson,
        items=teaching.render_items(db.session, lesson),
        markdown=render_markdown,
        lesson_form=forms.get("lesson_form") or LessonForm(obj=lesson),
        passage_form=passage_form,
        text_form=forms.get("text_form") or TextForm(),
        edit_form=forms.get("edit_form"),
        edit_item_id=forms.get("edit_item_id"),
        question_form=question_form,
        assign_form=assign_form,
        button=ButtonForm(),
        filters=filters,
        found=teaching.search_questions(db.session, current_user, filters) if searched else [],
        topics=topics(db.session),
        sources=_source_choices(),
        type_labels=TYPE_LABELS,
        assignments=db.session.scalars(
            select(teaching.Assignment).where(teaching.Assignment.lesson_id == lesson.id)
        ).all(),
    )


@bp.get("/lessons/<int:lesson_id>")
@teacher_required
def lesson(lesson_id: int) -> str:
    return _lesson_page(_lesson(lesson_id))


@bp.post("/lessons/<int:lesson_id>")
@teacher_required
def edit_lesson(lesson_id: int) -> Any:
    lesson = _lesson(lesson_id)
    form = LessonForm()
    if form.validate_on_submit():
        lesson.title, lesson.introduction = form.title.data, form.introduction.data or ""
        db.session.commit()
        flash("Lesson saved.", "success")
        return redirect(url_for("teach.lesson", lesson_id=lesson.id))
    return _lesson_page(lesson, lesson_form=form), 400


def _after_item(lesson: Any, message: str) -> Response:
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("teach.lesson", lesson_id=lesson.id) + "#items")


@bp.post("/lessons/<int:lesson_id>/items/passage")
@teacher_required
def add_passage(lesson_id: int) -> Any:
    lesson = _lesson(lesson_id)
    form = PassageForm(prefix="passage")
    form.source_id.choices = _source_choices()
    if form.validate_on_submit():
        try:
            if form.fact_id.data:
                teaching.add_passage(db.session, lesson, form.fact_id.data)
            elif form.start.data and form.end.data:
                teaching.add_passage(
                    db.session,
                    lesson,
                    None,
                    form.source_id.data,
                    int(form.start.data),
                    int(form.end.data),
                )
            else:
                teaching.add_quoted_passage(
                    db.session, lesson, form.source_id.data or "", form.quote.data or ""
                )
        except (ServiceError, ValueError) as exc:
            form.quote.errors = [*form.quote.errors, str(exc)]
        else:
            return _after_item(lesson, "Passage added.")
    return _lesson_page(lesson, passage_form=form), 400


@bp.post("/lessons/add-passage")
@teacher_required
def add_passage_from_source() -> Response:
    """'Add to lesson' on a source page: the highlighted fact or selected range."""
    lesson = _lesson(whole_number(request.form.get("lesson_id")) or 0)
    _check_button()
    try:
        if request.form.get("fact_id"):
            teaching.add_passage(db.session, lesson, request.form["fact_id"])
        else:
            teaching.add_passage(
                db.session,
                lesson,
                None,
                request.form.get("source_id"),
                whole_number(request.form.get("start")),
                whole_number(request.form.get("end")),
            )
    except ServiceError as exc:
        flash(str(exc), "error")
        return redirect(url_for("teach.lesson", lesson_id=lesson.id))
    return _after_item(lesson, "Passage added from the source.")


@bp.post("/lessons/<int:lesson_id>/items/text")
@teacher_required
def add_text(lesson_id: int) -> Any:
    lesson = _lesson(lesson_id)
    form = TextForm()
    if form.validate_on_submit():
        try:
            teaching.add_text(db.session, lesson, form.body.data)
        except ServiceError as exc:
            form.body.errors = [*form.body.errors, str(exc)]
        else:
            return _after_item(lesson, "Text added.")
    return _lesson_page(lesson, text_form=form), 400


def _edit_text(lesson: Any, item_id: int) -> Any:
    """The same validators as a new text; a refused edit shows the page again
    with the text as it was typed and the reason beside it."""
    form = TextForm()
    if form.validate():
        try:
            teaching.edit_text(db.session, lesson, item_id, form.body.data)
        except ServiceError as exc:
            form.body.errors = [*form.body.errors, str(exc)]
        else:
            db.session.commit()
            return redirect(url_for("teach.lesson", lesson_id=lesson.id) + f"#item-{item_id}")
    return _lesson_page(lesson, edit_form=form, edit_item_id=item_id), 400


@bp.post("/lessons/<int:lesson_id>/items/questions")
@teacher_required
def add_questions(lesson_id: int) -> Any:
    lesson = _lesson(lesson_id)
    _check_button()
    ids = request.form.getlist("question_id")
    if request.form.get("all_on_passages"):
        ids = teaching.questions_on_passages(db.session, lesson)
        if not ids:
            flash(
                "Add passages chosen from the curated facts first: their questions are added then.",
                "error",
            )
            return redirect(url_for("teach.lesson", lesson_id=lesson.id))
    try:
        item = teaching.add_questions(db.session, current_user, lesson, ids)
    except ServiceError as exc:
        flash(str(exc), "error")
        return redirect(url_for("teach.lesson", lesson_id=lesson.id))
    return _after_item(lesson, f"{len(item.question_ids)} questions added.")


@bp.post("/lessons/<int:lesson_id>/items/own-question")
@teacher_required
def add_own_question(lesson_id: int) -> Any:
    lesson = _lesson(lesson_id)
    form = OwnQuestionForm(prefix="own")
    form.source_id.choices = _source_choices()
    if form.validate_on_submit():
        try:
            teaching.write_question(
                db.session,
                current_user,
                lesson,
                form.kind.data,
                form.prompt.data,
                form.answer.data,
                (form.accepted.data or "").split(";"),
                (form.distractors.data or "").splitlines(),
                form.source_id.data or "",
                form.quote.data,
            )
        except ServiceError as exc:
            form.quote.errors = [*form.quote.errors, str(exc)]
        else:
            return _after_item(lesson, "Your question was added.")
    return _lesson_page(lesson, question_form=form), 400


@bp.post("/lessons/<int:lesson_id>/items/<int:item_id>/<action>")
@teacher_required
def item_action(lesson_id: int, item_id: int, action: str) -> Any:
    lesson = _lesson(lesson_id)
    _check_button()
    try:
        if action == "up":
            teaching.move_item(db.session, lesson, item_id, -1)
        elif action == "down":
            teaching.move_item(db.session, lesson, item_id, +1)
        elif action == "remove":
            teaching.remove_item(db.session, lesson, item_id)
        elif action == "text":
            if teaching.item_of(lesson, item_id).kind != "text":
                raise ServiceError("Only text can be edited here.")
            return _edit_text(lesson, item_id)
        else:
            abort(404)
    except NotFound as exc:
        abort(404, str(exc))
    except ServiceError as exc:
        flash(str(exc), "error")
        return redirect(url_for("teach.lesson", lesson_id=lesson.id) + "#items")
    db.session.commit()
    return redirect(url_for("teach.lesson", lesson_id=lesson.id) + f"#item-{item_id}")


@bp.post("/lessons/<int:lesson_id>/publish")
@teacher_required
def publish(lesson_id: int) -> Response:
    lesson = _lesson(lesson_id)
    _check_button()
    try:
        teaching.publish(lesson, request.form.get("published") == "1")
    except ServiceError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(
            "Lesson published." if lesson.status == "published" else "Lesson back to draft.",
            "success",
        )
    return redirect(url_for("teach.lesson", lesson_id=lesson.id))


@bp.post("/lessons/<int:lesson_id>/share")
@teacher_required
def share(lesson_id: int) -> Response:
    lesson = _lesson(lesson_id)
    _check_button()
    lesson.shared = request.form.get("shared") == "1"
    db.session.commit()
    flash(
        "Other teachers can now see and copy this lesson."
        if lesson.shared
        else "The lesson is yours alone again.",
        "success",
    )
    return redirect(url_for("teach.lesson", lesson_id=lesson.id))


@bp.post("/lessons/<int:lesson_id>/duplicate")
@teacher_required
def duplicate(lesson_id: int) -> Response:
    original = _as_me(teaching.lesson_for_reading, lesson_id)
    if not current_user.is_teacher:
        abort(403)
    _check_button()
    copy = teaching.duplicate(db.session, current_user, original)
    db.session.commit()
    flash("A copy was made; it is a draft of your own.", "success")
    return redirect(url_for("teach.lesson", lesson_id=copy.id))


def _due_in_utc(due: datetime | None, tz_offset: str | None) -> datetime | None:
    """The due date typed in the teacher's local time, in UTC. `tz_offset` is
    what the browser's getTimezoneOffset() gives: minutes from local time to UTC."""
    if due is None:
        return None
    text = (tz_offset or "0").strip()
    minutes = whole_number(text.removeprefix("-"))
    if minutes is None or minutes > 24 * 60:
        raise ServiceError("Choose a due date again: your time zone could not be read.")
    try:
        return (due + timedelta(minutes=-minutes if text.startswith("-") else minutes)).replace(
            tzinfo=UTC
        )
    except OverflowError:
        raise ServiceError("Choose a due date between now and the year 9999.") from None


@bp.post("/lessons/<int:lesson_id>/assign")
@teacher_required
def assign(lesson_id: int) -> Any:
    lesson = _lesson(lesson_id)
    form = AssignForm()
    form.classroom_id.choices = [
        (c.id, c.name) for c in teaching.classes_of_teacher(db.session, current_user)
    ]
    due, valid = None, form.validate_on_submit()
    if valid:
        try:
            due = _due_in_utc(form.due_at.data, form.tz_offset.data)
        except ServiceError as exc:
            form.due_at.errors = [*form.due_at.errors, str(exc)]
    if valid and not form.due_at.errors:
        try:
            classroom = teaching.class_for_teacher(db.session, current_user, form.classroom_id.data)
            teaching.assign(
                db.session, current_user, lesson, classroom, due, form.time_limit.data, clock.now()
            )
        except NotFound:
            form.classroom_id.errors = [*form.classroom_id.errors, "Choose one of your classes."]
        except ServiceError as exc:
            form.classroom_id.errors = [*form.classroom_id.errors, str(exc)]
        else:
            db.session.commit()
            flash(f"Assigned to {classroom.name}.", "success")
            return redirect(url_for("teach.lesson", lesson_id=lesson.id))
    return _lesson_page(lesson, assign_form=form), 400


@bp.get("/lessons/<int:lesson_id>/preview")
@teacher_required
def preview(lesson_id: int) -> str:
    lesson = _as_me(teaching.lesson_for_reading, lesson_id)
    return render_template(
        "classes/lesson.html",
        lesson=lesson,
        items=teaching.render_items(db.session, lesson),
        markdown=render_markdown,
        preview=True,
        progress=None,
        assignment=None,
        button=ButtonForm(),
    )


# -- reports ------------------------------------------------------------------------------
@bp.get("/reports")
@teacher_required
def reports() -> str:
    status = request.args.get("status", "open")
    if status not in ("open", "resolved", "dismissed"):
        status = "open"
    return render_template(
        "teach/reports.html",
        rows=teaching.reports_for(db.session, current_user, status),
        status=status,
        form=ButtonForm(),
    )


@bp.post("/reports/<int:report_id>")
@teacher_required
def resolve_report(report_id: int) -> Response:
    _check_button()
    try:
        teaching.resolve_report(
            db.session, current_user, report_id, request.form.get("status", ""), clock.now()
        )
    except NotFound as exc:
        abort(404, str(exc))
    except ServiceError as exc:
        flash(str(exc), "error")
        return redirect(url_for("teach.reports"))
    db.session.commit()
    flash("Report closed.", "success")
    return redirect(url_for("teach.reports"))


@bp.route("/lessons/<int:lesson_id>/import", methods=["GET", "POST"])
@teacher_required
def import_questions(lesson_id: int) -> Any:
    """Preview first, then import all rows or none."""
    from app.services import imports

    lesson = _lesson(lesson_id)
    if request.method == "GET":
        return render_template(
            "teach/import.html",
            lesson=lesson,
            report=None,
            content="",
            fmt="csv",
            button=ButtonForm(),
            error=None,
        )
    _check_button()
    fmt = request.form.get("format", "csv")
    fmt = fmt if fmt in ("csv", "gift") else "csv"
    upload = request.files.get("file")
    error = None
    report = None
    content = request.form.get("content", "")
    try:
        if upload is not None and upload.filename:
            content = imports.decode(upload.read(imports.MAX_BYTES + 1))
        elif len(content.encode()) > imports.MAX_BYTES:
            raise ServiceError(f"The text is larger than {imports.MAX_BYTES // 1000} KB; split it.")
        if not content.strip():
            raise ServiceError("Choose a file or paste the questions first.")
        report = imports.parse_csv(content) if fmt == "csv" else imports.parse_gift(content)
        imports.validate(db.session, report)
        if request.form.get("action") == "confirm" and report.ok:
            created = imports.apply(db.session, current_user, lesson, report)
            db.session.commit()
            flash(f"{len(created)} questions imported into the lesson.", "success")
            return redirect(url_for("teach.lesson", lesson_id=lesson.id) + "#items")
    except ServiceError as exc:
        db.session.rollback()
        error = str(exc)
    status = 200 if report is not None and report.ok and error is None else 400
    return render_template(
        "teach/import.html",
        lesson=lesson,
        report=report,
        content=content,
        fmt=fmt,
        button=ButtonForm(),
        error=error,
    ), status


# -- new sources curated in the app ----------------------------------------------------------
@bp.route("/sources/new", methods=["GET", "POST"])
@teacher_required
def new_source() -> Any:
    from app.services import curation
    from app.teach.forms import SourceForm

    form = SourceForm()
    form.perspective.choices = list(curation.PERSPECTIVES.items())
    if form.validate_on_submit():
        upload = request.files.get("file")
        raw = form.text.data or ""
        try:
            if upload is not None and upload.filename:
                data = upload.read(curation.MAX_CHARS * 4 + 1)
                if len(data) > curation.MAX_CHARS * 4:
                    raise ServiceError("The file is too large; add the text in parts.")
                try:
                    raw = data.decode("utf-8-sig")
                except UnicodeDecodeError as exc:
                    raise ServiceError(
                        "The file is not UTF-8 text; save it as UTF-8 and try again."
                    ) from exc
            source = curation.add_source(
                db.session,
                current_user,
                form.title.data,
                form.author.data or "",
                form.date.data or "",
                form.perspective.data,
                form.licence.data,
                raw,
                form.kind.data,
            )
        except ServiceError as exc:
            form.text.errors = [*form.text.errors, str(exc)]
        else:
            db.session.commit()
            flash("Source added. Now pick the facts worth learning from it.", "success")
            return redirect(url_for("teach.curate", source_id=source.id))
    return render_template("teach/source_new.html", form=form), 400 if form.errors else 200


def _fact_form(source_text: str | None = None, **data: Any) -> Any:
    from app.services.browse import topics
    from app.teach.forms import FactForm
    from question_bank.fact import ANSWER_TYPES

    form = FactForm(**data)
    form.answer_type.choices = [(t, t) for t in ANSWER_TYPES]
    # the neutral topic first: a new source is usually about something else
    ordered = sorted(topics(db.session), key=lambda t: t.id != "general")
    form.topics.choices = [(t.id, t.title) for t in ordered]
    return form


@bp.get("/sources/<source_id>/curate")
@teacher_required
def curate(source_id: str, form: Any = None) -> Any:
    from app.services import curation

    source = curation.source_for_curation(db.session, current_user, source_id)
    facts = curation.curated_facts(db.session, source)
    proposals = curation.candidates(source.text, {f.quote for f in facts})
    forms = [
        _fact_form(
            formdata=None,
            quote=c.sentence,
            answer=c.answer,
            answer_type=c.answer_type,
            statement=c.sentence,
            question=c.sentence.replace(c.answer, "…", 1),
            prefix=f"c{i}",
        )
        for i, c in enumerate(proposals)
    ]
    question_count = db.session.scalar(
        select(func.count())
        .select_from(Question)
        .where(Question.source_id == source.id, ~Question.retired)
    )
    if form is None and request.args.get("quote"):
        form = _fact_form(formdata=None, quote=request.args["quote"][:3000], prefix="own")
    return render_template(
        "teach/curate.html",
        source=source,
        facts=facts,
        proposals=list(zip(proposals, forms, strict=True)),
        form=form or _fact_form(prefix="own"),
        question_count=question_count,
        button=ButtonForm(),
    )


@bp.post("/sources/<source_id>/publish")
@teacher_required
def publish_source(source_id: str) -> Response:
    """Publish the source, its facts and questions to everyone, or take them back."""
    from app.services import curation

    source = curation.source_for_curation(db.session, current_user, source_id)
    _check_button()
    published = request.form.get("published") == "1"
    visibility.set_published(source, published)
    db.session.commit()
    flash(
        "Source published: everyone can read it and practise its facts."
        if published
        else "Source unpublished: only you (and admins) see it and its facts.",
        "success",
    )
    return redirect(url_for("teach.curate", source_id=source.id))


@bp.post("/sources/<source_id>/facts")
@teacher_required
def add_fact(source_id: str) -> Any:
    from app.services import curation

    source = curation.source_for_curation(db.session, current_user, source_id)
    prefix = request.form.get("prefix", "own")
    prefix = prefix if re.fullmatch(r"own|c\d{1,3}", prefix) else "own"
    form = _fact_form(prefix=prefix)
    if form.validate_on_submit():
        try:
            curation.add_fact(
                db.session,
                current_user,
                source,
                form.quote.data,
                form.statement.data,
                form.question.data,
                form.answer.data,
                form.answer_type.data,
                (form.accepted.data or "").split(";"),
                [form.topics.data],
            )
        except ServiceError as exc:
            form.quote.errors = [*form.quote.errors, str(exc)]
        else:
            db.session.commit()
            flash("Fact added; its questions were generated.", "success")
            return redirect(url_for("teach.curate", source_id=source.id) + "#facts")
    return curate(source.id, form=form), 400
