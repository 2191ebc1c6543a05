"""Fixing questions and marks: versions, regrading after a dry run, marks by
hand, comments on attempts and announcements to a class."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.models import (
    AttemptAnswer,
    Question,
    QuestionReport,
    QuestionVersion,
    QuizAttempt,
    Role,
    User,
)
from app.services import teaching
from tests.conftest import login, post
from tests.marks_world import BANK_QUESTION


def _client(app, user):
    client = app.test_client()
    assert login(client, user.username).status_code == 302
    return client


def _own_answer(app, attempt_id):
    """(answer to the teacher's question, its attempt) as stored."""
    with app.app_context():
        answer = db.session.scalars(
            select(AttemptAnswer).where(
                AttemptAnswer.attempt_id == attempt_id, AttemptAnswer.position == 2
            )
        ).one()
        attempt = db.session.get(QuizAttempt, attempt_id)
        db.session.expunge_all()
        return answer, attempt


def _edit_form(version=1, **changes):
    form = {
        "prompt": "How were the defendants of the first trial executed?",
        "answer": "shot",
        "accepted": "murdered",
        "explanation": "The encyclopedia says they were shot in the cellars of Lubyanka.",
        "note": "Students who wrote “murdered” were right.",
        "base_version": str(version),
    }
    form.update(changes)
    return form


def test_editing_a_question_makes_a_new_version_and_keeps_its_id(app, marked_course):
    course = marked_course({"Anna": "murdered"})
    client = _client(app, course.teacher)
    edit_url = f"/teach/questions/{course.question}/edit"
    page = client.get(edit_url).get_data(as_text=True)
    assert "How were the defendants of the first trial executed?" in page and "version 1" in page
    response = post(client, edit_url, _edit_form())
    assert response.status_code == 302
    assert f"/teach/questions/{course.question}/regrade" in response.headers["Location"]
    with app.app_context():
        question = db.session.get(Question, course.question)
        assert question.version == 2 and question.data["accepted"] == ["shot", "murdered"]
        versions = db.session.scalars(
            select(QuestionVersion)
            .where(QuestionVersion.question_id == course.question)
            .order_by(QuestionVersion.version)
        ).all()
        assert [v.version for v in versions] == [1, 2]
        assert versions[0].data["accepted"] == ["shot"]
        assert versions[1].note == "Students who wrote “murdered” were right."
    # the attempt keeps the version it was taken with until it is regraded
    answer, attempt = _own_answer(app, course.attempts["Anna"])
    assert answer.question_version == 1 and answer.question_data["accepted"] == ["shot"]
    assert answer.correct is False and attempt.score == 0.5
    history = client.get(edit_url).get_data(as_text=True)
    assert "Version 2" in history and "Version 1" in history and "were right" in history


def test_editing_a_teachers_own_question_changes_the_back_of_its_flashcard(app, marked_course):
    course = marked_course({"Anna": "murdered"})
    client = _client(app, course.teacher)
    post(
        client,
        f"/teach/questions/{course.question}/edit",
        _edit_form(prompt="How were the Sixteen executed?", answer="shot dead", accepted="shot"),
    )
    with app.app_context():
        fact_id = db.session.get(Question, course.question).fact_id
    # the teacher's own card of it, as a student of the lesson's deck would see it
    card = client.get(f"/cards/study?deck=facts:{fact_id}&show=1").get_data(as_text=True)
    assert '<p class="card-answer">shot dead</p>' in card
    assert "How were the Sixteen executed? shot dead" in card


def test_an_attempt_started_after_an_edit_is_taken_with_the_new_version(
    app, marked_course, start_quiz
):
    course = marked_course({"Anna": "murdered"})
    client = _client(app, course.teacher)
    post(client, f"/teach/questions/{course.question}/edit", _edit_form())
    later = start_quiz(course.students["Anna"], question_ids=[course.question])
    with app.app_context():
        answer = db.session.scalars(
            select(AttemptAnswer).where(AttemptAnswer.attempt_id == later.id)
        ).one()
        assert answer.question_version == 2 and "murdered" in answer.question_data["accepted"]


def test_a_refused_edit_keeps_what_was_typed_and_stores_nothing(app, marked_course):
    course = marked_course({"Anna": "murdered"})
    client = _client(app, course.teacher)
    url = f"/teach/questions/{course.question}/edit"
    typed = "How exactly were the defendants of the first trial executed?"
    empty_answer = post(client, url, _edit_form(prompt=typed, answer=""))
    assert empty_answer.status_code == 400
    page = empty_answer.get_data(as_text=True)
    assert "Write the answer." in page and typed in page
    long_note = post(client, url, _edit_form(prompt=typed, note="x" * 501))
    assert long_note.status_code == 400
    assert "at most 500 characters" in long_note.get_data(as_text=True)
    assert typed in long_note.get_data(as_text=True)
    with app.app_context():
        explanation = db.session.get(Question, course.question).data["explanation"]
    unchanged = post(client, url, _edit_form(accepted="", explanation=explanation))
    assert "Nothing was changed" in unchanged.get_data(as_text=True)
    assert post(client, url, _edit_form()).status_code == 302
    # a form opened before that edit is refused, not saved over it
    stale = post(client, url, _edit_form(version=1, prompt=typed))
    assert stale.status_code == 400
    assert "changed by someone else" in stale.get_data(as_text=True)
    assert typed in stale.get_data(as_text=True)
    with app.app_context():
        question = db.session.get(Question, course.question)
        assert question.version == 2 and question.prompt != typed


def test_a_dry_run_shows_each_students_marks_and_applying_regrades(app, marked_course):
    course = marked_course({"Anna": "murdered", "Boris": "poisoned", "Clara": "murdered"})
    client = _client(app, course.teacher)
    # the teacher had already given Clara's answer its mark by hand
    clara = course.attempts["Clara"]
    mark_url = f"/teach/classes/{course.classroom}/attempts/{clara}/answers/2/mark"
    post(client, mark_url, {"mark2-mark": "wrong", "mark2-note": "Say how, not who."})
    assert post(client, f"/teach/questions/{course.question}/edit", _edit_form()).status_code == 302

    url = f"/teach/questions/{course.question}/regrade"
    dry = client.get(url).get_data(as_text=True)
    rows = {
        name: re.search(rf"<th scope=\"row\">{name}</th>(.*?)</tr>", dry, re.S).group(1)
        for name in ("Anna", "Boris", "Clara")
    }
    assert re.search(r"<td>0%</td>\s*<td>100% <span class=\"tag\">changes", rows["Anna"])
    assert "50% → 100%" in rows["Anna"]
    assert re.search(r"<td>0%</td>\s*<td>0%</td>", rows["Boris"]) and "50% → 50%" in rows["Boris"]
    assert "kept: marked by hand" in rows["Clara"]
    assert "changes <strong>1</strong> marks" in dry
    # the dry run changed nothing
    answer, attempt = _own_answer(app, course.attempts["Anna"])
    assert answer.correct is False and answer.question_version == 1 and attempt.score == 0.5
    before = client.get(f"/teach/classes/{course.classroom}").get_data(as_text=True)
    assert re.search(r"Anna</a></th>.*?>50%</a>", before, re.S)

    applied = post(client, url, {"version": "2", "report": str(course.report)})
    assert applied.status_code == 302
    answer, attempt = _own_answer(app, course.attempts["Anna"])
    assert answer.correct is True and answer.score == 1.0 and answer.question_version == 2
    assert attempt.score == 1.0 and attempt.correct_count == 2
    assert _own_answer(app, course.attempts["Boris"])[1].score == 0.5
    clara_answer, clara_attempt = _own_answer(app, clara)
    assert clara_answer.correct is False and clara_attempt.score == 0.5  # the hand mark won
    assert clara_answer.question_version == 2
    after = client.get(f"/teach/classes/{course.classroom}").get_data(as_text=True)
    assert re.search(r"Anna</a></th>.*?>100%</a>", after, re.S)
    with app.app_context():
        assert db.session.get(QuestionReport, course.report).status == "resolved"
    # nothing is left to regrade, and a preview of an older version is refused
    assert "No past answers" in client.get(url).get_data(as_text=True)
    again = post(client, url, {"version": "1"}, follow_redirects=True)
    assert "edited again since this preview" in again.get_data(as_text=True)


def test_only_the_owner_edits_a_question_and_only_an_admin_the_banks(app, marked_course, login_as):
    course = marked_course({"Anna": "murdered"})
    other, _ = login_as(Role.TEACHER)
    admin, _ = login_as(Role.ADMIN)
    student = _client(app, course.students["Anna"])
    own = f"/teach/questions/{course.question}/edit"
    bank = f"/teach/questions/{BANK_QUESTION}/edit"
    assert other.get(own).status_code == 404
    assert post(other, own, _edit_form()).status_code == 404
    assert other.get(f"/teach/questions/{course.question}/regrade").status_code == 404
    assert student.get(own).status_code == 403
    assert _client(app, course.teacher).get(bank).status_code == 404
    assert admin.get(own).status_code == 200 and admin.get(bank).status_code == 200
    with app.app_context():
        original = db.session.get(Question, BANK_QUESTION).data
    form = {
        "prompt": original["prompt"],
        "answer": original["answer"],
        "wrong": "\n".join(o for o in original["options"] if o != original["answer"])
        + "\nMay 1-5, 1937",
        "explanation": original["explanation"],
        "base_version": "1",
    }
    assert post(admin, bank, form).status_code == 302
    with app.app_context():
        edited = db.session.get(Question, BANK_QUESTION)
        assert edited.version == 2 and "May 1-5, 1937" in edited.data["options"]
        assert len(edited.data["option_details"]) == 5
        assert edited.data["answer"] == original["answer"]


def test_a_mark_by_hand_shows_the_student_the_new_mark_and_the_note(app, marked_course):
    course = marked_course({"Anna": "murdered", "Boris": "poisoned"})
    teacher = _client(app, course.teacher)
    anna = course.attempts["Anna"]
    url = f"/teach/classes/{course.classroom}/attempts/{anna}/answers/2/mark"
    page_url = f"/teach/classes/{course.classroom}/attempts/{anna}"
    note = "“Murdered” is right <b>too</b>: the source says they were shot."
    refused = post(teacher, url, {"mark2-mark": "right", "mark2-note": note + "x" * 500})
    assert refused.status_code == 400
    assert "at most 500 characters" in refused.get_data(as_text=True)
    assert "is right &lt;b&gt;too&lt;/b&gt;" in refused.get_data(as_text=True)  # kept, escaped
    no_note = post(teacher, url, {"mark2-mark": "right", "mark2-note": ""})
    assert no_note.status_code == 400 and "Write the note." in no_note.get_data(as_text=True)
    assert _own_answer(app, anna)[1].score == 0.5
    before = teacher.get(f"/teach/classes/{course.classroom}").get_data(as_text=True)
    assert re.search(r"Anna</a></th>.*?>50%</a>.*?<td data-sort=\"0.5\">50%</td>", before, re.S)

    assert post(teacher, url, {"mark2-mark": "right", "mark2-note": note}).status_code == 302
    answer, attempt = _own_answer(app, anna)
    assert answer.correct is True and answer.is_overridden and attempt.score == 1.0
    book = teacher.get(f"/teach/classes/{course.classroom}").get_data(as_text=True)
    assert re.search(r"Anna</a></th>.*?<td data-sort=\"1.0\">100%</td>", book, re.S)

    student = _client(app, course.students["Anna"])
    results = student.get(f"/quiz/{anna}/results").get_data(as_text=True)
    assert "2 of 2 right" in results and "Mark changed by the teacher" in results
    assert "is right &lt;b&gt;too&lt;/b&gt;" in results and "<b>too</b>" not in results
    dashboard = student.get("/dashboard").get_data(as_text=True)
    assert "Mark changed" in dashboard and "the quiz now scores 100%" in dashboard
    boris = _client(app, course.students["Boris"]).get("/dashboard").get_data(as_text=True)
    assert "is right" not in boris

    # given back to grading, the answer is graded as it was answered
    assert post(teacher, url, {"mark": "clear"}).status_code == 302
    answer, attempt = _own_answer(app, anna)
    assert answer.correct is False and not answer.is_overridden and attempt.score == 0.5
    assert "Mark changed" not in teacher.get(page_url).get_data(as_text=True)


def test_a_mark_waits_until_the_quiz_is_finished(app, marked_course, start_quiz):
    course = marked_course({"Anna": "murdered"})
    with app.app_context():
        attempt = db.session.get(QuizAttempt, course.attempts["Anna"])
        attempt.finished_at = None
        db.session.commit()
    teacher = _client(app, course.teacher)
    url = f"/teach/classes/{course.classroom}/attempts/{course.attempts['Anna']}/answers/2/mark"
    response = post(teacher, url, {"mark2-mark": "right", "mark2-note": "Fine."})
    assert response.status_code == 400 and "still taking this quiz" in response.get_data(
        as_text=True
    )
    assert not _own_answer(app, course.attempts["Anna"])[0].is_overridden


def test_a_comment_reaches_only_the_student_it_is_for(app, marked_course, login_as):
    course = marked_course({"Anna": "murdered", "Boris": "poisoned"})
    teacher = _client(app, course.teacher)
    anna = course.attempts["Anna"]
    url = f"/teach/classes/{course.classroom}/attempts/{anna}/comments"
    too_long = "Well argued. " + "x" * 2000
    refused = post(teacher, url, {"comment-body": too_long})
    assert refused.status_code == 400
    assert "at most 2000 characters" in refused.get_data(as_text=True)
    assert too_long in refused.get_data(as_text=True)
    body = "Well argued, **Anna**. <script>alert(1)</script>"
    assert post(teacher, url, {"comment-body": body}).status_code == 302
    page = _client(app, course.students["Anna"]).get("/dashboard").get_data(as_text=True)
    assert "Well argued, <strong>Anna</strong>." in page and "<script>alert" not in page
    results = _client(app, course.students["Anna"]).get(f"/quiz/{anna}/results")
    assert "Well argued, <strong>Anna</strong>." in results.get_data(as_text=True)
    assert "Well argued" not in _client(app, course.students["Boris"]).get("/dashboard").get_data(
        as_text=True
    )
    # another teacher cannot comment on this class's attempts, nor through a class of theirs
    other, other_user = login_as(Role.TEACHER)
    assert post(other, url, {"comment-body": "Hello"}).status_code == 404
    with app.app_context():
        mine = teaching.create_class(db.session, db.session.get(User, other_user.id), "Mine")
        db.session.commit()
        mine_id = mine.id
    through = f"/teach/classes/{mine_id}/attempts/{anna}/comments"
    assert post(other, through, {"comment-body": "Hello"}).status_code == 404
    with app.app_context():
        from app.models import AttemptComment

        assert len(db.session.scalars(select(AttemptComment)).all()) == 1


def test_an_announcement_reaches_the_class_and_nobody_else(app, marked_course, login_as):
    course = marked_course({"Anna": "murdered"})
    teacher = _client(app, course.teacher)
    outsider, _ = login_as(Role.STUDENT)
    url = f"/teach/classes/{course.classroom}/announcements"
    too_long = "Test on *Friday*. " + "y" * 1000
    refused = post(teacher, url, {"announce-body": too_long})
    assert refused.status_code == 400
    assert "at most 1000 characters" in refused.get_data(as_text=True)
    assert too_long in refused.get_data(as_text=True)
    assert post(teacher, url, {"announce-body": "Test on *Friday*."}).status_code == 302
    anna = _client(app, course.students["Anna"])
    assert "Test on <em>Friday</em>." in anna.get("/dashboard").get_data(as_text=True)
    assert "Test on" not in outsider.get("/dashboard").get_data(as_text=True)
    # another teacher cannot post to a class that is not theirs
    other, _ = login_as(Role.TEACHER)
    assert post(other, url, {"announce-body": "Hijacked"}).status_code == 404
    assert "Hijacked" not in anna.get("/dashboard").get_data(as_text=True)
    # an archived class's announcements are no longer shown
    post(teacher, f"/teach/classes/{course.classroom}/archive", {"archived": "1"})
    assert "Test on" not in anna.get("/dashboard").get_data(as_text=True)
    post(teacher, f"/teach/classes/{course.classroom}/archive", {"archived": "0"})
    with app.app_context():
        from app.models import Announcement

        announcement_id = db.session.scalars(select(Announcement.id)).one()
    delete = f"/teach/classes/{course.classroom}/announcements/{announcement_id}/delete"
    assert post(other, delete).status_code == 404
    assert post(teacher, delete).status_code == 302
    assert "Test on" not in anna.get("/dashboard").get_data(as_text=True)
