"""flask bank load: upsert, idempotent, retire instead of delete."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from flask_migrate import upgrade
from sqlalchemy import func, select

import question_bank as qb
from app import create_app
from app.extensions import db
from app.models import Fact, Question, QuestionTag
from app.services.bank import load_bank
from tests.conftest import base_config

FIXTURE = Path(__file__).parent / "fixtures" / "bank"


def _count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_load_is_idempotent_and_retires_what_disappeared(fresh_database, tmp_path):
    app = create_app(base_config(fresh_database))
    with app.app_context():
        upgrade()
        bank = qb.build_bank(FIXTURE / "facts", FIXTURE / "sources", seed=7)
        first = load_bank(db.session, bank)
        db.session.commit()
        assert first.questions_added == len(bank.questions)
        again = load_bank(db.session, bank)
        db.session.commit()
        assert (
            again.questions_added,
            again.questions_updated,
            again.facts_added,
            again.facts_updated,
        ) == (0, 0, 0, 0)
        assert again.unchanged == len(bank.questions)

        # remove one fact and edit another's statement
        facts = tmp_path / "facts"
        shutil.copytree(FIXTURE / "facts", facts)
        path = facts / "alpha" / "01-trials.yaml"
        data = yaml.safe_load(path.read_text())
        data["facts"] = [f for f in data["facts"] if f["id"] != "alpha-bukharin"]
        judge = next(f for f in data["facts"] if f["id"] == "alpha-judge")
        judge["statement"] = "At the first trial, Vasili Ulrikh presided over the court."
        path.write_text(yaml.safe_dump(data, allow_unicode=True))
        edited = qb.build_bank(facts, FIXTURE / "sources", seed=7)
        report = load_bank(db.session, edited)
        db.session.commit()

        assert report.facts_retired == 1
        gone = db.session.get(Fact, "alpha-bukharin")
        assert gone is not None and gone.retired
        retired = db.session.scalars(
            select(Question).where(Question.fact_id == "alpha-bukharin")
        ).all()
        assert retired and all(q.retired for q in retired)
        tf = db.session.get(Question, "alpha-judge:tf-true")
        assert not tf.retired and tf.prompt.startswith("At the first trial")
        assert _count(Question, ~Question.retired) == len(edited.questions)
        # putting the fact back brings its questions back, same ids
        load_bank(db.session, bank)
        db.session.commit()
        assert not db.session.get(Question, "alpha-bukharin:mcq").retired
        db.engine.dispose()


def test_questions_are_tagged_for_choosing_quizzes(app):
    with app.app_context():
        tags = set(
            db.session.execute(
                select(QuestionTag.kind, QuestionTag.value).where(
                    QuestionTag.question_id == "brookshaw-second-trial-all-shot:tf-true"
                )
            ).all()
        )
        assert ("source", "brookshaw") in tags
        assert ("topic", "trial-1937") in tags
        assert ("flag", "disputed") in tags
        disputed = _count(QuestionTag, QuestionTag.kind == "flag", QuestionTag.value == "disputed")
        assert disputed > 20


def test_bank_load_command_is_idempotent(runner):
    result = runner.invoke(args=["bank", "load"])
    assert result.exit_code == 0, result.output
    assert "questions +0 ~0 retired 0" in result.output


def test_loading_the_bank_again_keeps_teachers_own_questions(app, make_user, runner):
    from app.models import Role, User
    from app.services import teaching

    teacher = make_user(Role.TEACHER)
    with app.app_context():
        acting = db.session.get(User, teacher.id)
        lesson = teaching.create_lesson(db.session, acting, "L", "")
        own = teaching.write_question(
            db.session,
            acting,
            lesson,
            "short",
            "When?",
            "1937",
            [],
            [],
            "nwe",
            "The second trial occurred between January 23-30, 1937.",
        )
        db.session.commit()
        own_id = own.id
    assert runner.invoke(args=["bank", "load"]).exit_code == 0
    with app.app_context():
        assert not db.session.get(Question, own_id).retired
        assert not db.session.get(Fact, own.fact_id).retired
