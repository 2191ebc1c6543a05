"""The item-quality gate: each rule refuses a bad item and passes a good one, and
every published item of the real bank passes every rule."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import question_bank as qb
from question_bank.gate import GateContext, failures, rules_for
from question_bank.gate import rules as common
from question_bank.kinds import fine_kind, open_phrase
from question_bank.norm import normalise
from question_bank.question import Option, Question, SourceLink
from question_bank.types import (
    REGISTRY,
    attribution,
    cloze,
    dispute,
    matching,
    ordering,
    short,
    true_false,
)

FIXTURE = Path(__file__).parent / "fixtures" / "bank"


@pytest.fixture(scope="module")
def fixture() -> qb.Bank:
    return qb.build_bank(FIXTURE / "facts", FIXTURE / "sources", seed=7)


@pytest.fixture(scope="module")
def ctx(fixture) -> GateContext:
    return GateContext.of(fixture.base)


@pytest.fixture(scope="module")
def real_bank() -> qb.Bank:
    return qb.default_bank()


def item(fixture: qb.Bank, qid: str, **changes) -> Question:
    return replace(fixture.by_id()[qid], **changes)


def options(key: str, *wrong: str) -> tuple[Option, ...]:
    return (Option(key, True), *(Option(w, False) for w in wrong))


# -- one bad and one good example per rule ----------------------------------------------
CASES = [
    # (rule, question id in the fixture, changes making it bad, changes keeping it good)
    (
        common.complete_sentence,
        "alpha-judge:cloze",
        {"prompt": "who would later express _____"},
        {"prompt": "_____ presided over the court."},
    ),
    (
        common.complete_sentence,
        "alpha-judge:tf-true",
        {"prompt": "He was eventually beaten to death in the camp."},
        {"prompt": "It was Vasili Ulrikh who presided over the court."},
    ),
    (
        common.no_ellipsis,
        "alpha-judge:short",
        {"prompt": "Who presided over the … at the first trial?"},
        {},
    ),
    (
        common.blank_only_in_cloze,
        "alpha-judge:short",
        {"prompt": "Who was _____ at the first trial?"},
        {},
    ),
    (
        common.no_templating_scars,
        "alpha-judge:tf-true",
        {"prompt": "The essay says the a third organization presided."},
        {"prompt": "The judge had had a long career."},
    ),
    (
        common.no_templating_scars,
        "alpha-judge:tf-true",
        {"prompt": "Ulrikh presided in in a few months earlier."},
        {},
    ),
    (
        common.no_templating_scars,
        "alpha-radek-sentence:attribution",
        {"prompt": "What does Beta Essay say? Radek was sentenced to ten years."},
        {"prompt": "What does the essay “Beta Essay” say? Radek was sentenced to ten years."},
    ),
    (
        common.low_value_is_detail,
        "alpha-judge:short",
        {"prompt": "Which Vasili is listed fourth among the judges?", "importance": "core"},
        {"prompt": "Which Vasili is listed fourth among the judges?", "importance": "detail"},
    ),
    (common.importance_known, "alpha-judge:short", {"importance": "vital"}, {}),
    (  # a template's full stop after the quote's own
        common.no_doubled_punctuation,
        "alpha-judge:short",
        {"explanation": "Ulrikh presided. The chronicle says: “Ulrikh presided.”."},
        {"explanation": "Ulrikh presided. The chronicle says: “Ulrikh presided.”"},
    ),
    (
        common.no_doubled_punctuation,
        "alpha-judge:mcq",
        {"options": (Option("Vasili Ulrikh", True, None, "He presided?."),)},
        {"options": (Option("Vasili Ulrikh", True, None, "He presided…"),)},
    ),
    (  # any other defendant of the list fills the gap as well
        cloze.gap_not_a_list_member,
        "alpha-judge:cloze",
        {"prompt": "The defendants included Zinoviev, _____, Smirnov and others."},
        {"prompt": "The hero of the Civil War, _____, was arrested in April 1936."},
    ),
    (  # "his" names no one the sentence has named
        cloze.cloze_stands_alone,
        "alpha-first-trial-defendants:cloze",
        {"prompt": "The court heard that his trial opened with _____ defendants."},
        {"prompt": "Radek heard that his trial opened with _____ defendants."},
    ),
    (
        common.options_of_one_kind,
        "alpha-first-trial-defendants:mcq",
        {"options": options("16", "17", "21", "eight months")},
        {"options": options("16", "17", "21", "13")},
    ),
    (
        common.options_of_one_kind,
        "alpha-first-trial-date:mcq",
        {"options": options("August 1936", "January 1937", "1938", "March 1938")},
        {"options": options("August 1936", "January 1937", "December 1934", "March 1938")},
    ),
    (
        common.key_not_odd_one_out,
        "alpha-first-trial-defendants:mcq",
        {"options": options("16", "seventeen", "twenty-one", "thirteen")},
        {"options": options("16", "17", "21", "13")},
    ),
    (  # the middle of a scale: 150, 1,500, 15,000 give the key away
        common.key_not_odd_one_out,
        "alpha-first-trial-defendants:mcq",
        {"answer": "1,500", "options": options("1,500", "15,000", "150", "5,000")},
        {"answer": "1,500", "options": options("1,500", "3,000", "500", "5,000")},
    ),
    (  # the only option without "the"
        common.key_not_odd_one_out,
        "alpha-first-trial-defendants:mcq",
        {
            "answer": "foreign powers",
            "options": options("foreign powers", "the Mensheviks", "the Rightists", "the Whites"),
        },
        {
            "answer": "foreign powers",
            "options": options(
                "foreign powers", "exiled Mensheviks", "the Rightists", "the Whites"
            ),
        },
    ),
    (
        common.key_not_odd_one_out,
        "alpha-judge:mcq",
        {
            "options": options(
                "Vasili Vasilievich Ulrikh of the Military Collegium", "Radek", "Yezhov", "Yagoda"
            ),
            "answer": "Vasili Vasilievich Ulrikh of the Military Collegium",
        },
        {},
    ),
    (
        common.no_option_also_correct,
        "alpha-judge:mcq",
        {"options": options("Vasili Ulrikh", "Ulrich", "Karl Radek", "Andrei Vyshinsky")},
        {},
    ),
    (  # the other source's answer to the same fact is right too
        common.no_option_also_correct,
        "alpha-prosecutor:mcq",
        {"options": options("Andrei Vyshinsky", "Vishinsky", "Karl Radek", "Vasili Ulrikh")},
        {},
    ),
    (
        common.no_option_ruled_out_by_prompt,
        "alpha-judge:mcq",
        {"prompt": "Besides Karl Radek, who presided over the court at the first trial?"},
        {},
    ),
    (  # "Which Vasili": only the key is a Vasili
        common.no_option_ruled_out_by_prompt,
        "alpha-judge:mcq",
        {"prompt": "Which Vasili presided over the court at the first trial?"},
        {
            "prompt": "Which Vasili presided over the court at the first trial?",
            "options": options("Vasili Ulrikh", "Vasili Blokhin", "Vasili Yegorov", "Vasili Putna"),
        },
    ),
    (  # an open phrase has right paraphrases no accepted list foresees: asked by choice
        short.typed_answer_is_fixed,
        "alpha-judge:short",
        {"answer": "to ascertain the truth", "accepted": ("to ascertain the truth",)},
        {"answer": "Ulrikh", "accepted": ("Ulrikh", "Vasili Ulrikh")},
    ),
    (
        short.typed_answer_is_fixed,
        "alpha-judge:cloze",
        {"answer": "the presiding judge", "accepted": ("the presiding judge", "the judge")},
        {"answer": "Vasili Ulrikh", "accepted": ("Vasili Ulrikh", "Ulrikh")},
    ),
    (
        short.rejects_are_wrong,
        "alpha-prosecutor:short",
        {"reject": ("Vishinsky", "Yezhov")},
        {"reject": ("Yezhov",)},
    ),
    (
        short.accepts_person_variants,
        "alpha-prosecutor:short",
        {"accepted": ("Andrei Vyshinsky",), "reject": ("Vishinsky",)},
        {},
    ),
    (
        true_false.false_statement_is_curated,
        "alpha-judge:tf-true",
        {"prompt": "Karl Radek presided over the court at the first trial.", "answer": "False"},
        {},
    ),
    (
        true_false.explanation_says_why,
        "alpha-judge:tf-true",
        {"explanation": "Vasili Ulrikh presided over the court at the first trial."},
        {},
    ),
    (
        cloze.gap_not_given_away,
        "alpha-judge:cloze",
        {"prompt": "The court was presided over by _____; Vasili Ulrikh was strict."},
        {},
    ),
    (cloze.gap_has_context, "alpha-judge:cloze", {"prompt": "Judge _____."}, {}),
    (
        common.no_source_named,
        "alpha-radek-sentence:attribution",
        {"prompt": "Which source makes this claim? The essay says Radek was sentenced."},
        {},
    ),
    (
        attribution.both_only_when_corroborated,
        "alpha-radek-sentence:attribution",
        {"answer": attribution.BOTH_SOURCES},
        {},
    ),
    (
        attribution.four_source_options,
        "alpha-radek-sentence:attribution",
        {"options": options("The chronicle, “The Alpha Chronicle”", "Both sources")},
        {},
    ),
    (
        matching.matching_stems_independent,
        "match:chronology:date:03bef23c5b",
        {
            "pairs": (
                ("When did the first trial open, before January 1937?", "August 1936"),
                ("When was the second trial?", "January 1937"),
                ("When was the third trial?", "March 1938"),
            )
        },
        {},
    ),
    (
        matching.matching_stems_independent,
        "match:chronology:date:03bef23c5b",
        {
            "pairs": (
                ("Which signatory had the initials H. N.?", "H. N. Brailsford"),
                ("When was the second trial?", "January 1937"),
                ("When was the third trial?", "March 1938"),
            )
        },
        {},
    ),
    (
        matching.matching_answers_of_one_kind,
        "match:chronology:date:03bef23c5b",
        {
            "pairs": (
                ("When did the first trial open?", "August 1936"),
                ("When was the second trial?", "January 1937"),
                ("When was the third trial?", "a few months earlier"),
            )
        },
        {},
    ),
    (  # a detail fact is trivia in a matching set
        matching.matching_not_trivia,
        "match:chronology:date:03bef23c5b",
        {"fact_ids": ("alpha-first-trial-date", "alpha-second-trial-date", "alpha-bukharin")},
        {},
    ),
    (  # a set of terms: each stem's grammar picks its answer
        matching.matching_answers_of_one_kind,
        "match:chronology:date:03bef23c5b",
        {
            "fact_ids": ("alpha-radek-sentence",) * 3,
            "pairs": (
                ("What was Radek sentenced to?", "ten years"),
                ("What did the court do?", "convicted him"),
                ("What were the defendants called?", "the Sixteen"),
            ),
        },
        {},
    ),
    (  # what a source says is not an event to put in order
        ordering.ordering_items_are_events,
        "order:2cbf85cceb",
        {"items": ("The chronicle says the judge was strict.", "The second trial was held.")},
        {},
    ),
    (  # "the next day" places an event only by one the set does not show
        ordering.ordering_items_are_events,
        "order:2cbf85cceb",
        {"items": ("Radek changed his plea the next day.", "The second trial was held.")},
        {},
    ),
    (
        ordering.ordering_items_complete,
        "order:2cbf85cceb",
        {"items": ("Rose Cohen was born in …", "The second trial was held.")},
        {"items": ("Rose Cohen was born.", "The second trial was held.")},
    ),
    (  # copied from the source with what it points back to left out
        cloze.cloze_names_its_referents,
        "alpha-judge:cloze",
        {"prompt": "For example, _____ presided over the court."},
        {"prompt": "_____ presided over the court of the first trial of 1936."},
    ),
    (
        cloze.cloze_names_its_referents,
        "alpha-judge:cloze",
        {"prompt": "_____ presided over the final trial."},
        {"prompt": "_____ presided over the final Moscow trial."},
    ),
    (
        cloze.cloze_names_its_referents,
        "alpha-judge:cloze",
        {"prompt": "_____ headed its Commission of Inquiry."},
        {"prompt": "_____ headed the court of the first trial of 1936."},
    ),
    (
        cloze.cloze_names_its_referents,
        "alpha-judge:cloze",
        {"prompt": "_____ presided over this socialist court!"},
        {},
    ),
    (  # names nothing that says what it is about
        cloze.cloze_is_anchored,
        "alpha-judge:cloze",
        {"prompt": "Scarcity would inevitably produce _____ and privilege."},
        {"prompt": "Scarcity, Trotsky wrote, would inevitably produce _____ and privilege."},
    ),
    (  # the chronicle and the essay disagree on Radek: the prompt says whose account
        common.disputed_names_source,
        "alpha-radek-sentence:short",
        {"prompt": "Which defendant of the second trial was sentenced to ten years?"},
        {},
    ),
    (  # "Comrade Stalin" and "by torture" say the key and more: they are not wrong
        short.rejects_do_not_contain_key,
        "alpha-judge:short",
        {"reject": ("Judge Vasili Ulrikh",)},
        {"reject": ("Vasili Vyshinsky",)},
    ),
    (  # "Both sources" shown with one source's passage proves only that one says it
        attribution.both_quotes_both,
        "alpha-first-trial-date:attribution",
        {"explanation": "Both sources say so. The chronicle says: “The first trial opened.”"},
        {},
    ),
    (  # "immediately" among "a week later", "six months later", "a year later"
        common.key_shares_the_options_wording,
        "alpha-judge:mcq",
        {"options": options("Vasili Ulrikh", "Judge Ivanov", "Judge Petrov", "Judge Sidorov")},
        {"options": options("Vasili Ulrikh", "Ivan Ivanov", "Pyotr Petrov", "Judge Sidorov")},
    ),
    (
        ordering.ordering_dates_undisputed,
        "order:2cbf85cceb",
        {"fact_ids": ("alpha-radek-sentence", "alpha-first-trial-date")},
        {},
    ),
    (
        dispute.dispute_readings,
        "dispute:radek-fate:alpha",
        {"options": options("One reading.", "Another reading.")},
        {},
    ),
    (  # "There is no problem" is ruled out by the prompt that sets the problem out
        dispute.dispute_options_are_readings,
        "dispute:radek-fate:alpha",
        {
            "options": options(
                "The chronicle has Radek in a camp, the essay has him shot: check the records.",
                "There is no problem: both say Radek was sentenced to ten years in a camp.",
                "The essay counts Radek among the shot because his camp term was a death sentence.",
                "The chronicle names Radek only as a witness, so the passages concern two roles.",
            )
        },
        {},
    ),
    (  # the key alone hedges: its cautious tone gives it away
        dispute.dispute_key_not_hedged,
        "dispute:radek-fate:alpha",
        {
            "options": options(
                "The chronicle has Radek in a camp, the essay has him shot: the records decide.",
                "The essay counts Radek among the shot because his camp term was a death sentence.",
                "The chronicle names Radek only as a witness, so the passages concern two roles.",
                "The essay means only those sentenced to death, so the passages agree on Radek.",
            )
        },
        {
            "options": options(
                "The chronicle has Radek in a camp, while the essay has every defendant shot.",
                "The essay counts Radek among the shot because his camp term was a death sentence.",
                "The chronicle names Radek only as a witness, so the passages concern two roles.",
                "The essay means only those sentenced to death, so the passages agree on Radek.",
            )
        },
    ),
    (  # the careful-sounding key is much longer than every wrong reading
        dispute.dispute_key_not_longest,
        "dispute:radek-fate:alpha",
        {
            "options": options(
                "The chronicle has Radek sent to a camp and the essay has him shot, so a historian "
                "would check the verdicts, the later records and what became of him afterwards.",
                "The essay counts Radek among the shot because his camp term was a death sentence.",
                "The chronicle names Radek only as a witness, so the passages concern two roles.",
                "The essay means only those sentenced to death, so the passages agree on Radek.",
            )
        },
        {},
    ),
    (
        dispute.dispute_not_solvable_by_form,
        "dispute:radek-fate:alpha",
        {
            "options": options(
                "The essay and the chronicle disagree about Radek's sentence, so check.",
                "Radek was sentenced to ten years and later released from the camp.",
                "Every defendant of the second trial was shot within a day of it.",
                "The second trial had two different defendants who were called Radek.",
            )
        },
        {},
    ),
]


@pytest.mark.parametrize(
    ("check", "qid", "bad", "good"), CASES, ids=lambda v: getattr(v, "name", "")
)
def test_each_rule_refuses_a_bad_item_and_passes_a_good_one(fixture, ctx, check, qid, bad, good):
    assert check in rules_for(fixture.by_id()[qid].type), f"{check.name} is not applied to {qid}"
    assert check(item(fixture, qid, **bad), ctx), f"{check.name} passed a bad item"
    assert check(item(fixture, qid, **good), ctx) is None, f"{check.name} refused a good item"


def test_every_rule_has_a_bad_and_a_good_example():
    tested = {case[0].name for case in CASES}
    every = {r.name for t in REGISTRY for r in rules_for(t)}
    assert every <= tested, sorted(every - tested)


@pytest.mark.parametrize(
    ("answer", "answer_type", "kind"),
    [
        ("Sixteen", "number", "number:count"),
        ("1,108", "number", "number:count"),
        ("eight months", "number", "number:duration"),
        ("$40,000,000 gold dollars", "number", "number:money"),
        ("tens of thousands", "number", "number:magnitude"),
        ("1936", "date", "date:year"),
        ("28 November 1937", "date", "date:full-date"),
        ("March 1, 1938", "date", "date:full-date"),
        ("August 1936", "date", "date:month-year"),
        ("August 19-24, 1936", "date", "date:date-range"),
        ("1936 and 1938", "date", "date:year-range"),
        ("the 1950s", "date", "date:decade"),
        ("a few months earlier", "date", "date:relative"),
        ("Germany", "place", "place:country"),
        ("Oslo", "place", "place:named"),
        ("the front row", "place", "place:common"),
        ("Andrei Vyshinsky", "person", "person:person"),
        ("Radek", "person", "person:surname"),
        ("Beatrice Webb", "person", "person:woman"),
        ("his young wife and infant son", "person", "person:description"),
    ],
)
def test_answers_are_classified_by_fine_kind(answer, answer_type, kind):
    assert fine_kind(answer, answer_type) == kind


# -- the real bank ------------------------------------------------------------------------
@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_every_published_item_of_the_real_bank_passes_the_gate(real_bank, data):
    ctx = GateContext.of(real_bank.base)
    q = data.draw(st.sampled_from(real_bank.questions))
    assert failures(q, ctx) == [], q.id


def test_no_published_item_fails_and_no_refused_item_is_published(real_bank):
    ctx = GateContext.of(real_bank.base)
    assert [q.id for q in real_bank.questions if failures(q, ctx)] == []
    published = {q.id for q in real_bank.questions}
    assert not {r.question.id for r in real_bank.rejected} & published


def test_every_checkable_fact_stays_reachable(real_bank):
    """Each non-opinion fact has at least one published question, each opinion an
    attribution item, and every type keeps items."""
    reached: dict[str, set[str]] = {}
    for q in real_bank.questions:
        for fid in q.fact_ids:
            reached.setdefault(fid, set()).add(q.type)
    for fact in real_bank.base.facts.values():
        if fact.duplicate_of:  # a marked duplicate is reached through its stronger fact
            assert fact.duplicate_of in reached, fact.id
        elif fact.is_opinion:
            assert "attribution" in reached.get(fact.id, set()), fact.id
        else:
            assert reached.get(fact.id), fact.id
    per_type = {t: sum(q.type == t for q in real_bank.questions) for t in REGISTRY}
    assert min(per_type.values()) >= 8, per_type


def test_false_statements_come_only_from_curated_material(real_bank):
    base = real_bank.base
    for q in real_bank.questions:
        if q.type == "true_false" and q.answer == "False":
            fact = base.facts[q.fact_id]
            # a disputed fact's statement may be asked with its source named in front
            bare = q.prompt.split(", ", 1)[-1] if q.prompt.startswith("According to") else ""
            texts = {f.text for f in fact.false_statements}
            assert q.prompt in texts or bare[:1].upper() + bare[1:] in texts, q.id
            proof = base.sources[q.source.source_id].text[q.source.start : q.source.end]
            assert proof == q.source.quote, q.id
            # shown in its whole sentence, without the encyclopedia's note markers
            shown = normalise(re.sub(r"\[\d+\]", "", q.source.quote))
            assert shown in normalise(q.explanation), q.id


def test_every_item_carries_its_facts_importance(real_bank):
    base = real_bank.base
    for q in real_bank.questions:
        if q.type in ("mcq", "short", "cloze", "true_false", "attribution"):
            assert q.importance in (base.facts[q.fact_id].importance, "detail"), q.id


def test_a_cloze_keeps_the_exact_proof_pinned(real_bank):
    base = real_bank.base
    for q in (q for q in real_bank.questions if q.type == "cloze"):
        fact = base.facts[q.fact_id]
        assert (q.source.start, q.source.end, q.source.quote) == (fact.start, fact.end, fact.quote)


def _edited_fixture(tmp_path, fact_id, **changes) -> qb.Bank:
    import shutil

    import yaml

    facts = tmp_path / "facts"
    shutil.copytree(FIXTURE / "facts", facts)
    path = facts / "alpha" / "01-trials.yaml"
    data = yaml.safe_load(path.read_text())
    next(f for f in data["facts"] if f["id"] == fact_id).update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return qb.build_bank(facts, FIXTURE / "sources", seed=7)


def test_an_item_that_fails_is_refused_with_its_rule_and_not_published(tmp_path):
    bank = _edited_fixture(tmp_path, "alpha-judge", question="who presided over the court")
    refused = {(r.question.id, r.rule) for r in bank.rejected}
    assert ("alpha-judge:short", "complete-sentence") in refused
    assert "alpha-judge:short" not in bank.by_id()
    assert "alpha-judge:cloze" in bank.by_id()  # the fact's other items stay


def test_a_curated_cloze_the_gate_refuses_falls_back_to_the_source_sentence(tmp_path):
    bank = _edited_fixture(
        tmp_path, "alpha-first-trial-defendants", cloze="For example, [[sixteen]] stood trial."
    )
    assert (
        bank.by_id()["alpha-first-trial-defendants:cloze"].prompt
        == "Tester's chronicle says: “The first trial opened in August 1936 with _____ defendants.”"
    )  # a sentence copied from the source names the source it is copied from


def test_a_source_sentence_that_does_not_say_which_court_gets_no_gap(tmp_path):
    """'The court was presided over by _____.' does not say which court: without a
    curated cloze the fact gets no gap to fill, and keeps its other questions."""
    bank = _edited_fixture(tmp_path, "alpha-judge", cloze=None)
    assert "alpha-judge:cloze" not in bank.by_id()
    assert "alpha-judge:short" in bank.by_id()


def test_a_templated_item_that_fails_is_not_published(fixture):
    question = fixture.by_id()["alpha-judge:short"]
    bad = replace(question, prompt="who presided")
    passed, rejected = qb.generator.run_gate([bad, question], fixture.base)
    assert passed == (question,)
    assert {r.rule for r in rejected} == {"complete-sentence"}
    assert "alpha-judge:short: [complete-sentence]" in str(rejected[0])


def test_source_link_of_a_false_statement_points_at_its_contradicting_passage(fixture):
    q = fixture.by_id()["alpha-third-trial-defendants:tf-false"]
    text = fixture.base.sources[q.source.source_id].text
    assert text[q.source.start : q.source.end] == q.source.quote
    assert isinstance(q.source, SourceLink)


def _edit_facts(tmp_path, edits: dict[str, dict]) -> qb.Bank:
    import shutil

    import yaml

    facts = tmp_path / "facts"
    shutil.copytree(FIXTURE / "facts", facts)
    path = facts / "alpha" / "01-trials.yaml"
    data = yaml.safe_load(path.read_text())
    for fact in data["facts"]:
        fact.update(edits.get(fact["id"], {}))
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return qb.build_bank(facts, FIXTURE / "sources", seed=7)


def test_a_choice_only_fact_gets_no_typed_question(tmp_path):
    bank = _edit_facts(tmp_path, {"alpha-judge": {"answer_mode": "choice"}})
    types = {q.type for q in bank.questions if q.fact_id == "alpha-judge"}
    assert "short" not in types and "cloze" not in types and "mcq" in types


def test_a_marked_duplicate_gets_no_questions_but_stays_loaded(tmp_path):
    bank = _edit_facts(tmp_path, {"alpha-judge": {"duplicate_of": "alpha-prosecutor"}})
    assert "alpha-judge" in bank.base.facts
    assert not [q.id for q in bank.questions if "alpha-judge" in q.fact_ids]
    assert qb.check(bank, strict=True) == []
    broken = _edit_facts(tmp_path / "b", {"alpha-judge": {"duplicate_of": "alpha-nothing"}})
    assert any("duplicate_of names no other fact" in str(p) for p in broken.base.problems)


def test_members_of_one_list_are_never_each_others_wrong_options(tmp_path):
    people = ("alpha-judge", "alpha-prosecutor", "alpha-radek-sentence", "alpha-bukharin")
    bank = _edit_facts(tmp_path, {f: {"group": "trial-people"} for f in people})
    for q in bank.questions:
        if q.type == "mcq" and q.fact_id in people:
            assert not {o.fact_id for o in q.options if not o.correct} & set(people), q.id
        if q.type == "matching":
            assert len(set(q.fact_ids) & set(people)) <= 1, q.id
    ctx = GateContext.of(bank.base)
    judge = qb.build_bank(FIXTURE / "facts", FIXTURE / "sources", seed=7).by_id()["alpha-judge:mcq"]
    assert common.no_option_also_correct(judge, ctx), "a same-list option must be refused"


@pytest.mark.parametrize(
    ("answer", "answer_type", "accepted"),
    [
        ("a pretext for a massive purge", "term", ()),
        ("withdrew his confession", "event", ("withdrew it",)),
        ("by torture", "term", ("torture",)),
        ("Hitler's agents", "term", ("Hitler",)),  # a name accepted does not make it one
        ("a military tribunal", "organisation", ()),
        ("thousands", "number", ()),
        ("the next day", "date", ()),
        ("the investigative judges", "person", ()),
        ("Germany or Japan", "place", ()),
    ],
)
def test_an_open_phrase_is_never_typed(answer, answer_type, accepted):
    assert open_phrase(answer, answer_type, accepted)


@pytest.mark.parametrize(
    ("answer", "answer_type", "accepted"),
    [
        ("Andrei Vyshinsky", "person", ()),
        ("28 November 1937", "date", ()),
        ("seventeen", "number", ("17",)),
        ("the Gestapo", "organisation", ()),
        ("Trial of the Sixteen", "event", ()),
        ("Bolshevik – Leninist Opposition", "organisation", ()),
        ("Article 58", "term", ()),
        ("show trials", "term", ()),
        ("Stalin's personality cult", "term", ("personality cult",)),
        ("Darkness at Noon", "work", ()),
    ],
)
def test_a_name_date_number_or_fixed_term_may_be_typed(answer, answer_type, accepted):
    assert open_phrase(answer, answer_type, accepted) is None


def test_no_published_typed_item_asks_for_an_open_phrase(real_bank):
    typed = [q for q in real_bank.questions if q.type in ("short", "cloze")]
    assert len(typed) > 300
    for question in typed:
        fact = real_bank.base.facts[question.fact_id]
        assert open_phrase(question.answer, fact.answer_type, question.accepted) is None, (
            question.id
        )
    # the open phrases the readers could not type are asked by choice instead
    ids = real_bank.by_id()
    assert "nwe-dewey-finding-no-attempt-truth:short" not in ids
    assert "nwe-bukharin-withdrew-confession:cloze" not in ids


@pytest.mark.parametrize(
    ("sentence", "unbalanced"),
    [
        ("The Times noted the absurdity: 'It is as if twenty years after Yorktown.", True),
        ("He said “the trials were fair and the charges true.", True),
        ("The Times called it 'a farce' in an editorial.", False),
        ("The “Who’s who” of the October Revolution stood trial.", False),
    ],
)
def test_a_gap_is_never_cut_into_a_quotation_that_runs_past_its_sentence(sentence, unbalanced):
    assert cloze.unbalanced_quotes(sentence) is unbalanced


def test_an_answer_another_fact_accepts_beside_the_key_is_never_rejected(real_bank):
    # the essay's "Bolshevik – Leninist Opposition" is accepted as the Left Opposition
    left = real_bank.by_id()["brookshaw-repression-left-opposition:short"]
    assert "Left Opposition" in left.accepted
    assert not any("Leninist" in rejected for rejected in left.reject)


def test_a_name_with_an_elided_article_is_a_name_like_any_other():
    # the curated wrong options of "in which hotel" were refused as "common" places,
    # and drawn ones (Lubyanka Prison, House of the Unions) offered instead
    assert fine_kind("Hotel d'Angleterre", "place") == fine_kind("Hotel Bristol", "place")


@pytest.mark.parametrize(
    "item",
    [
        "The South Sea Company was founded in 1711 by Robert Harley.",
        "The Vasa sank on its maiden voyage in 1628.",
        "The canal was widened again in 2015.",
    ],
)
def test_an_event_to_put_in_order_gives_no_year_of_any_century_away(item):
    from question_bank.types.ordering import clause_flaw

    assert "gives its year away" in (clause_flaw(item) or "")
    assert clause_flaw("The Vasa sank on its maiden voyage in the harbour of Stockholm.") is None
