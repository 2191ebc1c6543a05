"""The pure question bank: golden output, properties, checks and the CLI."""

from __future__ import annotations

import ast
import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import question_bank as qb
from question_bank.export import bank_to_dict, bank_to_json
from question_bank.grading import grade_text, normalise

FIXTURE = Path(__file__).parent / "fixtures" / "bank"
ROOT = Path(__file__).resolve().parent.parent


def fixture_bank(facts_dir: Path | None = None, seed: int = 7) -> qb.Bank:
    return qb.build_bank(facts_dir or FIXTURE / "facts", FIXTURE / "sources", seed=seed)


@pytest.fixture(scope="module")
def real_bank() -> qb.Bank:
    return qb.default_bank()


# -- golden -------------------------------------------------------------------------
def test_generator_output_matches_the_reviewed_golden_file():
    """Fixed facts, fixed seed: exactly the reviewed bank. Regenerate the golden
    file only after reading the diff."""
    assert bank_to_json(fixture_bank()) == (FIXTURE / "golden.json").read_text(encoding="utf-8")


def test_golden_bank_has_every_question_type():
    types = {q.type for q in fixture_bank().questions}
    assert types == set(qb.question.QUESTION_TYPES)


def test_golden_examples_read_as_a_student_would_see_them():
    bank = fixture_bank().by_id()
    cloze = bank["alpha-judge:cloze"]
    assert cloze.prompt == "The court of the first trial of 1936 was presided over by _____."
    assert cloze.answer == "Vasili Ulrikh"
    # widened from the quote "with sixteen defendants" to its whole sentence, and
    # copied from the source, so it names the source
    assert (
        bank["alpha-first-trial-defendants:cloze"].prompt
        == "Tester's chronicle says: “The first trial opened in August 1936 with _____ defendants.”"
    )
    # false statements are curated, never made by swapping in another answer
    false = bank["alpha-third-trial-defendants:tf-false"]
    assert false.prompt == "According to the chronicle, the third trial had sixteen defendants."
    assert false.answer == "False" and "twenty-one" in false.explanation
    assert "alpha-judge:tf-false" not in bank
    assert bank["alpha-first-trial-date:attribution"].answer == "Both sources"
    assert bank["alpha-radek-sentence:attribution"].answer == "The chronicle, “The Alpha Chronicle”"
    ordering = next(q for q in bank.values() if q.type == "ordering")
    assert ordering.items[-1] == "Khrushchev denounced the trials."


def test_mcq_distractors_are_of_the_keys_kind_and_never_another_spelling_of_one_answer():
    bank = fixture_bank()
    base = bank.base
    for q in (q for q in bank.questions if q.type == "mcq"):
        fact = base.facts[q.fact_id]
        wrong = [o for o in q.options if not o.correct]
        assert len(wrong) == 3
        curated = {d.text: d.why for d in fact.distractors}
        for option in wrong:
            if curated:  # hand-written: the why is shown to whoever picks it
                assert option.explanation == curated[option.text]
            else:  # drawn from another fact of the same kind: its statement says why
                assert base.facts[option.fact_id].answer_type == fact.answer_type
                assert option.explanation == base.facts[option.fact_id].statement
        people = [o.text for o in q.options]
        for a in people:
            for b in people:
                if a != b:
                    assert not grade_text(a, [b]).correct, (q.id, a, b)


# -- determinism and stable ids -------------------------------------------------------
def test_every_gap_to_fill_keeps_enough_of_the_source_to_answer_from(real_bank):
    """'Kirov, _____' or 'the “_____”' can only be guessed: such facts get no
    fill-the-gap question (their other questions stay)."""
    import re

    from question_bank.generator import BLANK
    from question_bank.types.cloze import CLOZE_CONTEXT_WORDS

    clozes = [q for q in real_bank.questions if q.type == "cloze"]
    # detail facts are asked once, as multiple choice; disputed facts and sentences
    # that do not say which trial they mean get no gap
    assert len(clozes) > 120  # trivia and open phrases are asked as multiple choice
    for question in clozes:
        around = question.prompt.replace(BLANK, " ")
        assert len(re.findall(r"\w+", around)) >= CLOZE_CONTEXT_WORDS, question.id
    # the quote "Defendant Ivan Smirnov was accused" alone says nothing: the gap sits
    # in the whole sentence around it, copied from the source and named as such
    smirnov = real_bank.by_id()["nwe-smirnov-accused-leader-of-center:cloze"]
    assert smirnov.prompt == (
        "The encyclopedia says: “Defendant _____ was accused by his co-defendants as the leader"
        " of the Center which planned Kirov's assassination, although he had been in prison"
        " since January 1933 and refused to confess.”"
    )


def test_same_facts_and_seed_give_byte_identical_output(real_bank):
    again = qb.generate(qb.load_fact_base(), random.Random(qb.DEFAULT_SEED))
    assert bank_to_json(again) == bank_to_json(real_bank)


def test_editing_a_statement_keeps_every_question_id(tmp_path):
    facts = tmp_path / "facts"
    shutil.copytree(FIXTURE / "facts", facts)
    path = facts / "alpha" / "01-trials.yaml"
    data = yaml.safe_load(path.read_text())
    data["facts"][2]["statement"] = "At the first trial, Vasili Ulrikh presided over the court."
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    before = {q.id for q in fixture_bank().questions}
    after_bank = fixture_bank(facts)
    assert {q.id for q in after_bank.questions} == before
    assert after_bank.by_id()["alpha-judge:tf-true"].prompt.startswith("At the first trial")


# -- the real bank ----------------------------------------------------------------------
def test_real_fact_base_passes_check(real_bank):
    problems = qb.check(real_bank)
    assert problems == [], "\n".join(map(str, problems[:20]))


def test_real_bank_covers_both_sources_and_every_type(real_bank):
    base = real_bank.base
    per_source = {sid: sum(f.source_id == sid for f in base.facts.values()) for sid in base.sources}
    assert per_source["nwe"] >= 300 and per_source["brookshaw"] >= 150
    assert {q.type for q in real_bank.questions} == set(qb.question.QUESTION_TYPES)
    kinds = {d.kind for d in base.disputes.values()}
    assert kinds == {"between-sources", "within-source"}


def test_the_disagreements_named_in_the_sources_readme_are_recorded(real_bank):
    notes = " ".join(d.title + " " + d.note for d in real_bank.base.disputes.values()).lower()
    for topic in ("second trial", "kirov", "piatakov", "millions", "dewey", "daily worker"):
        assert topic in notes, topic


def test_spelling_variants_of_both_sources_are_accepted(real_bank):
    short = [q for q in real_bank.questions if q.type in ("short", "cloze")]
    pairs = [
        ("Pyatakov", "Piatakov"),
        ("Holtzman", "Goltsman"),
        ("Vyshinsky", "Vishinsky"),
        ("Khrushchev", "Khruschev"),
        # Reingold alone is a detail fact, asked only as multiple choice; the pair
        # below still asks for both spellings.
        # "Which defendant was Pickel?" is multiple choice only now (answer_mode:
        # choice): any of the sixteen would be right typed; the pair asks for both names
        ("Reingold and Pickel", "Rejngold and Pikel"),
    ]
    for one, other in pairs:
        relevant = [q for q in short if normalise(one) in {normalise(a) for a in q.accepted}]
        assert relevant, one
        for q in relevant:
            assert q.grade(other)[0], (q.id, other)


def test_opinions_are_never_quizzed_as_fact(real_bank):
    base = real_bank.base
    for q in real_bank.questions:
        fact = base.facts[q.fact_id]
        if fact.is_opinion:
            # asked only as "which source makes this claim?" or in a dispute item
            assert q.type in ("attribution", "dispute"), q.id
            assert q.type == "dispute" or "source" in q.prompt, q.id


# -- properties ---------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_quote_is_the_exact_source_slice(real_bank, data):
    q = data.draw(st.sampled_from(real_bank.questions))
    for link in (q.source, *q.links):
        text = real_bank.base.sources[link.source_id].text
        assert text[link.start : link.end] == link.quote


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_choice_question_has_exactly_one_correct_option(real_bank, data):
    choice = [q for q in real_bank.questions if q.options]
    q = data.draw(st.sampled_from(choice))
    assert sum(o.correct for o in q.options) == 1
    assert q.grade(q.answer)[0]
    for option in q.options:
        assert q.grade(option.text)[0] is option.correct


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_lenient_grading_accepts_every_accepted_answer_and_rejects_every_distractor(
    real_bank, data
):
    by_id = real_bank.by_id()
    q = data.draw(st.sampled_from([q for q in real_bank.questions if q.type in ("short", "cloze")]))
    for answer in q.accepted:
        assert q.grade(answer)[0], (q.id, answer)
        assert q.grade(answer.upper())[0], (q.id, answer)
    mcq = by_id.get(f"{q.fact_id}:mcq")
    for option in mcq.options if mcq else ():
        if not option.correct:
            assert not q.grade(option.text)[0], (q.id, option.text)
    for rival in q.reject:
        # a rejected answer is right only as an accepted answer in another form
        # ("Jan 1937" for "January 1937"), never by the tolerance for typos
        correct, _, reason = q.grade(rival)
        assert not (correct and "spelling" in reason), (q.id, rival)


@pytest.mark.parametrize(
    ("typed", "accepted", "reject", "ok"),
    [
        ("vyshinksy", ["Andrei Vyshinsky"], [], True),  # small typo
        ("VYSHINSKY", ["Andrei Vyshinsky"], [], True),  # surname alone, case
        ("sixteen", ["16"], [], True),  # number words
        ("twenty one", ["21"], [], True),
        ("the Dewey Commission", ["Dewey Commission"], [], True),  # article
        ("Léon Trotsky", ["Leon Trotsky"], [], True),  # accents
        ("1937", ["1936"], [], False),  # digits never fuzzy
        ("Lurye", ["Nathan Lurye"], ["Moissei Lurye"], False),  # ambiguous surname
        ("Moissei Lurye", ["Nathan Lurye"], ["Moissei Lurye"], False),  # another fact's answer
        ("", ["Radek"], [], False),
    ],
)
def test_lenient_grading_examples(typed, accepted, reject, ok):
    assert grade_text(typed, accepted, reject).correct is ok


# -- check and loader failures ------------------------------------------------------------
def _broken_copy(tmp_path: Path, edit) -> Path:
    facts = tmp_path / "facts"
    shutil.copytree(FIXTURE / "facts", facts)
    path = facts / "alpha" / "01-trials.yaml"
    data = yaml.safe_load(path.read_text())
    edit(data["facts"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return facts


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda f: f[0].update(quote="The first trial opened in Augustus 1936"),
            "not in the source verbatim",
        ),
        (lambda f: f[0].update(quote="trial"), "occurs"),
        (
            lambda f: f[2].update(answer="Yezhov", accepted=[], statement="Yezhov presided."),
            "not supported by the quote",
        ),
        (lambda f: f[2].update(statement="Someone presided."), "does not contain the answer"),
        (lambda f: f[3].update(corroborated_by=["beta-nothing"]), "unknown fact 'beta-nothing'"),
        (lambda f: f[3].update(people=["nobody"]), "unknown person"),
        (lambda f: f[3].update(topics=["no-topic"]), "unknown topic"),
        (lambda f: f.append(dict(f[0])), "duplicate fact id"),
        (lambda f: f[1].update(answer_type="colour"), "answer_type"),
    ],
)
def test_check_reports_each_kind_of_problem(tmp_path, edit, message):
    problems = qb.check(fixture_bank(_broken_copy(tmp_path, edit)))
    assert any(message in str(p) for p in problems), [str(p) for p in problems]


def test_a_detail_fact_is_asked_once_as_multiple_choice():
    """Trivia is reachable but not drilled: the fixture's detail fact has its
    multiple-choice item and no true/false, gap-fill or typed one."""
    bank = fixture_bank()
    types = {q.type for q in bank.questions if q.fact_id == "alpha-bukharin"}
    assert types == {"mcq"}
    assert not [
        q.id for q in bank.questions if q.type == "matching" and "alpha-bukharin" in q.fact_ids
    ]


def test_real_bank_asks_detail_facts_once_and_keeps_every_fact_reachable(real_bank):
    base = real_bank.base
    per_fact: dict[str, list[str]] = {}
    for q in real_bank.questions:
        if q.type in ("mcq", "short", "cloze", "true_false"):
            per_fact.setdefault(q.fact_id, []).append(q.type)
    for fact_id, types in per_fact.items():
        if base.facts[fact_id].importance == "detail":
            # one way of asking it (a true and a false statement where no mcq fits)
            assert len(set(types)) == 1, (fact_id, types)
    assert qb.check(real_bank, strict=True) == []


def test_real_matching_sets_pair_answers_of_one_form_and_no_trivia(real_bank):
    from question_bank.kinds import fine_kind
    from question_bank.types.matching import MATCHABLE

    sets = [q for q in real_bank.questions if q.type == "matching"]
    assert len(sets) >= 15
    for q in sets:
        facts = [real_bank.base.facts[f] for f in q.fact_ids]
        kinds = {fine_kind(f.answer, f.answer_type) for f in facts}
        assert len(kinds) == 1 and kinds <= MATCHABLE, (q.id, kinds)
        assert all(f.importance != "detail" for f in facts), q.id


def test_real_ordering_items_are_dated_events_of_different_years(real_bank):
    items = [q for q in real_bank.questions if q.type == "ordering"]
    assert len(items) >= 15
    for q in items:
        facts = [real_bank.base.facts[f] for f in q.fact_ids]
        years = [(f.date or "")[:4] for f in facts]
        assert years == sorted(years) and len(set(years)) == 4, (q.id, years)
        for text in q.items:
            assert not text.startswith(("The essay says", "The encyclopedia says")), text
            assert " said " not in text and "According to" not in text, text


def test_strict_check_fails_while_any_item_is_refused_and_lists_it(tmp_path):
    """An item the gate refuses is a flaw to fix: the strict check names it, the
    lenient one does not fail the build for it."""
    assert qb.check(fixture_bank(), strict=True) == []
    broken = fixture_bank(
        _broken_copy(tmp_path, lambda f: f[2].update(question="who presided over the court"))
    )
    problems = [str(p) for p in qb.check(broken, strict=True)]
    assert any(
        p.startswith("alpha-judge:short:") and "refused by the gate [complete-sentence]" in p
        for p in problems
    ), problems
    assert not [p for p in map(str, qb.check(broken)) if "refused by the gate" in p]


def test_an_edited_source_text_is_refused(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURE / "sources", sources)
    (sources / "beta.txt").write_text("Beta Essay, quietly edited.\n")
    base = qb.load_fact_base(FIXTURE / "facts", sources)
    assert any("SHA-256" in str(p) for p in base.problems)


def test_check_command_passes_on_the_real_bank():
    done = subprocess.run(
        [sys.executable, "-m", "question_bank", "check"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK:")


def test_export_json_has_the_documented_schema():
    done = subprocess.run(
        [sys.executable, "-m", "question_bank", "export", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    data = json.loads(done.stdout)
    texts = {}
    for source in data["sources"]:
        assert {"id", "title", "sha256"} <= source.keys()
        texts[source["id"]] = (
            ROOT / "question_bank" / "sources" / f"{source['id']}.txt"
        ).read_text(encoding="utf-8")
    assert data["facts"] and data["questions"]
    for q in data["questions"]:
        assert {
            "id",
            "type",
            "prompt",
            "options",
            "answer",
            "accepted",
            "fact_id",
            "source",
        } <= q.keys()
        s = q["source"]
        assert texts[s["source_id"]][s["start"] : s["end"]] == s["quote"]


def test_export_of_the_fixture_matches_bank_to_dict():
    bank = fixture_bank()
    assert json.loads(bank_to_json(bank)) == json.loads(json.dumps(bank_to_dict(bank)))


def test_question_bank_imports_neither_flask_nor_sqlalchemy():
    for path in (ROOT / "question_bank").glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in {"flask", "sqlalchemy", "app"}, (path.name, name)


def test_a_claim_the_other_source_makes_too_is_keyed_both_sources(real_bank):
    ids = real_bank.by_id()
    # an opinion the encyclopedia shares ("all confessions were extracted under the
    # most severe torture") is not the essay's alone
    torture = ids["brookshaw-mountain-of-evidence-torture:attribution"]
    assert torture.answer == "Both sources"
    # "Pyatakov was shot": the essay has every defendant of January 1937 shot, so
    # the encyclopedia's fact is not asked as the encyclopedia's alone
    assert "nwe-pyatakov-shot:attribution" not in ids
    # what the sources disagree on stays with the source that says it
    assert ids["nwe-second-trial-thirteen-shot:attribution"].answer.startswith("The encyclopedia")


def test_a_source_named_in_front_reads_as_one_sentence(real_bank):
    ids = real_bank.by_id()
    assert ids["nwe-1934-congress-delegates-arrested:tf-false"].prompt.startswith(
        "According to the encyclopedia, fewer than half"
    )
    assert ids["nwe-red-army-officers-arrested:tf-true"].prompt.startswith(
        "According to the encyclopedia, several thousands"
    )
    for question in real_bank.questions:  # never two sources stacked in front
        assert not re.match(r"According to [^,]+, According to", question.prompt), question.id


def test_one_member_of_a_list_is_never_typed(real_bank):
    """Any other of the Sixteen answers "Which Old Bolshevik does the essay list, with
    Trotsky, Zinoviev, Kamenev and Piatakov ...?": a typed answer cannot be fair."""
    base = real_bank.base
    for question in real_bank.questions:
        if question.type in ("short", "cloze"):
            assert not base.facts[question.fact_id].group, question.id
    ids = real_bank.by_id()
    assert "brookshaw-first-trial-smirnov:short" not in ids
    assert "brookshaw-first-trial-smirnov:mcq" in ids


def test_a_bare_name_of_a_list_is_proved_with_the_sentence_that_leads_into_the_list(real_bank):
    holtzman = real_bank.by_id()["nwe-first-trial-defendant-holtzman:tf-true"]
    assert "The full list of defendants is: … Eduard Holtzman." in holtzman.explanation


def test_a_sentence_ends_before_a_note_marker_and_an_asterisk():
    from question_bank.text import sentence_bounds

    text = "They signed it for Soviet Russia Today.[36] In the 1930s it mattered. Then more."
    start = text.index("signed")
    assert text[slice(*sentence_bounds(text, start, start + 6))] == (
        "They signed it for Soviet Russia Today.[36]"
    )
    text = "He was guilty of some offense.* It is generally accepted."
    assert text[slice(*sentence_bounds(text, 0, 2))] == "He was guilty of some offense.*"


def test_a_quotation_inside_a_quoted_passage_takes_single_marks():
    from question_bank.passages import quoted

    assert quoted("The encyclopedia", 'Pollitt wrote that "the trials represent a triumph."') == (
        "The encyclopedia says: “Pollitt wrote that ‘the trials represent a triumph.’”"
    )
    assert quoted("The essay", "“The party: from the organisation.”") == (
        "The essay says: “‘The party: from the organisation.’”"
    )


def test_an_explanation_shows_what_a_sentence_ending_in_a_colon_leads_into(real_bank):
    davies = real_bank.by_id()["nwe-davies-us-ambassador:mcq"]
    assert "wrote in Mission to Moscow: In view of the character of the accused" in (
        davies.explanation
    )
    assert ":…" not in davies.explanation


def test_a_matching_prompt_never_joins_two_colons(real_bank):
    """'First trial: the Sixteen (August 1936): match each …' read as a scar."""
    prompts = [q.prompt for q in real_bank.questions if q.type == "matching"]
    assert prompts and all(p.count(":") <= 1 for p in prompts), prompts
