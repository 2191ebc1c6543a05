"""No text beside a question, nor another question of the same quiz, gives its
answer away."""

from __future__ import annotations

import random
import re

from app.extensions import db
from app.models import Question, Role
from app.services import quiz as quizzes
from question_bank import giveaway
from tests.conftest import csrf_token

DATE_GAP = {"id": "a:cloze", "type": "cloze", "prompt": "Trotsky was killed in Mexico in ____.",
            "answer": "1940", "accepted": ["1940"]}  # fmt: skip
KILLED = {"id": "b:tf-true", "type": "true_false", "answer": "True",
          "prompt": "Trotsky was killed by a Soviet agent in Mexico in 1940."}  # fmt: skip
OTHER = {"id": "c:mcq", "type": "mcq", "prompt": "Who presided over the first trial?",
         "answer": "Vasili Ulrikh", "accepted": []}  # fmt: skip


def test_a_topic_name_or_a_prompt_that_holds_the_answer_gives_it_away():
    tag = "First trial: the Sixteen (August 1936)"
    assert giveaway.gives_away(tag, {"type": "cloze", "answer": "August 1936"})
    assert giveaway.gives_away(tag, {"type": "short", "answer": "the Sixteen"})
    assert not giveaway.gives_away(tag, {"type": "short", "answer": "January 1937"})
    # words compared whole, and a true/false item's "True" is no answer a text holds
    assert not giveaway.gives_away("Trotskyists", {"type": "short", "answer": "Trotsky"})
    assert not giveaway.gives_away("It is true.", KILLED)


def test_a_name_is_given_away_by_its_surname_and_a_matching_set_by_its_answers():
    named = {"type": "mcq", "answer": "Alexander Beloborodov", "accepted": []}
    assert giveaway.gives_away("Beloborodov confessed and was tried alongside Radek.", named)
    pairs = {"type": "matching", "pairs": [["When was the second trial held?", "January 1937"]]}
    assert giveaway.gives_away("Second trial: the Seventeen (January 1937)", pairs)
    # beside a topic's short name, a short answer counts too
    short = {"type": "short", "answer": "21", "accepted": []}
    assert not giveaway.gives_away("Third trial: the Twenty-One (March 1938)", short)
    assert giveaway.gives_away("Third trial: the Twenty-One (March 1938)", short, 1)


def test_a_quiz_keeps_apart_questions_that_answer_each_other():
    assert giveaway.apart([KILLED, DATE_GAP, OTHER], 2) == ["b:tf-true", "c:mcq"]
    assert giveaway.apart([DATE_GAP, KILLED, OTHER], 2) == ["a:cloze", "c:mcq"]
    # with nothing else to draw, the quiz is filled all the same
    assert giveaway.apart([KILLED, DATE_GAP, OTHER], 3) == ["b:tf-true", "c:mcq", "a:cloze"]


def test_drawn_quizzes_hold_no_question_that_answers_another(app, make_user):
    with app.app_context():
        user = db.session.merge(make_user(Role.STUDENT))
        scope = quizzes.parse_scope(db.session, "all:", user)
        types = ["mcq", "short", "cloze", "true_false"]
        for seed in range(8):
            drawn = quizzes.draw(db.session, user, scope, types, 10, random.Random(seed))
            assert len(drawn) == 10
            for q in drawn:
                for other in drawn:
                    if other is not q:
                        assert not giveaway.gives_away(other.prompt, q.data), (
                            f"{other.prompt!r} answers {q.prompt!r}"
                        )


def test_topic_marks_wait_until_the_question_is_answered(app, login_as, start_quiz):
    client, user = login_as(Role.STUDENT)
    with app.app_context():
        assert db.session.get(Question, "nwe-first-trial-date-intro:cloze") is not None
    attempt = start_quiz(user, ["nwe-first-trial-date-intro:cloze"])
    page = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    assert "First trial: the Sixteen (August 1936)" not in page
    token = re.search(r'name="question_id" value="([^"]+)"', page).group(1)
    client.post(
        f"/quiz/{attempt.id}/q/1",
        data={"csrf_token": csrf_token(client), "question_id": token, "answer": "August 1936"},
    )
    page = client.get(f"/quiz/{attempt.id}/q/1").get_data(as_text=True)
    assert "First trial: the Sixteen (August 1936)" in page
