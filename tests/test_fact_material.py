"""Curated item material on facts: parsed into the fact model, checked readably."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import question_bank as qb
from question_bank.fact import Distractor, FalseStatement, cloze_parts

FIXTURE = Path(__file__).parent / "fixtures" / "bank"


def _copy_with(tmp_path: Path, edit) -> Path:
    facts = tmp_path / "facts"
    shutil.copytree(FIXTURE / "facts", facts)
    path = facts / "alpha" / "01-trials.yaml"
    data = yaml.safe_load(path.read_text())
    edit({f["id"]: f for f in data["facts"]})
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return facts


def _base(facts: Path) -> qb.FactBase:
    return qb.load_fact_base(facts, FIXTURE / "sources")


def test_curated_material_is_parsed_into_the_fact_model(tmp_path):
    def edit(facts):
        facts["alpha-first-trial-defendants"].update(
            importance="core",
            distractors=[
                {"text": "seventeen", "why": "Seventeen stood trial in January 1937."},
                {"text": "twenty-one", "why": "Twenty-one stood trial in March 1938."},
            ],
            false_statements=[
                {
                    "text": "According to the essay, the first trial had no prosecutor.",
                    "why": "The essay names the prosecutor, Vishinsky.",
                    "quote": "The prosecutor, Vishinsky, ranted.",
                    "source": "beta",
                }
            ],
            cloze="The first trial opened in August 1936 with [[sixteen]] defendants.",
        )
        facts["alpha-greatest-injustice"].update(claim="The trials were the worst injustice.")

    base = _base(_copy_with(tmp_path, edit))
    assert base.problems == []
    fact = base.facts["alpha-first-trial-defendants"]
    assert fact.importance == "core"
    assert fact.distractors[0] == Distractor("seventeen", "Seventeen stood trial in January 1937.")
    (false,) = fact.false_statements
    assert isinstance(false, FalseStatement) and false.source_id == "beta"
    assert base.sources["beta"].text[false.start : false.end] == false.quote
    assert cloze_parts(fact.cloze) == (
        "The first trial opened in August 1936 with ",
        "sixteen",
        " defendants.",
    )
    assert base.facts["alpha-greatest-injustice"].claim.startswith("The trials")
    # a fact without the keys: supporting, nothing curated
    plain = base.facts["alpha-judge"]
    assert (plain.importance, plain.distractors, plain.false_statements) == ("supporting", (), ())


def test_a_false_statement_without_its_own_quote_is_pinned_to_the_facts_quote(tmp_path):
    def edit(facts):
        facts["alpha-radek-sentence"]["false_statements"] = [
            {"text": "Karl Radek was sentenced to death.", "why": "He got ten years."}
        ]

    fact = _base(_copy_with(tmp_path, edit)).facts["alpha-radek-sentence"]
    (false,) = fact.false_statements
    assert (false.quote, false.start, false.end, false.source_id) == (
        fact.quote,
        fact.start,
        fact.end,
        "alpha",
    )


@pytest.mark.parametrize(
    ("fact_id", "keys", "message"),
    [
        ("alpha-judge", {"importance": "vital"}, "importance 'vital' is not one of"),
        (
            "alpha-judge",
            {"distractors": [{"text": "Ulrich", "why": "x"}]},
            "distractor 'Ulrich' is an accepted answer",
        ),
        (
            "alpha-prosecutor",
            {"distractors": [{"text": "Karl Radek"}]},
            "distractor 'Karl Radek' needs a `why`",
        ),
        (
            "alpha-radek-sentence",
            {"distractors": [{"text": "Radek", "why": "x"}]},
            "distractor 'Radek' is an accepted answer",
        ),
        (
            "alpha-judge",
            {"false_statements": [{"text": "Yezhov presided.", "why": "x", "quote": "Yezhov"}]},
            "its quote is not in 'alpha' verbatim",
        ),
        (
            "alpha-judge",
            {"false_statements": [{"text": "X.", "why": "y", "source": "gamma"}]},
            "unknown source 'gamma'",
        ),
        ("alpha-judge", {"cloze": "The court was presided over by Vasili Ulrikh."}, "[[answer]]"),
        (
            "alpha-judge",
            {"cloze": "The court was presided over by [[Andrei Vyshinsky]]."},
            "neither the answer nor an accepted form",
        ),
        (
            "alpha-greatest-injustice",
            {"claim": "The Alpha Chronicle calls it the greatest injustice."},
            "the claim names a source",
        ),
        (
            "alpha-greatest-injustice",
            {"claim": "The essay calls it the greatest injustice."},
            "the claim names a source ('essay')",
        ),
    ],
)
def test_check_reports_each_problem_of_curated_material(tmp_path, fact_id, keys, message):
    base = _base(_copy_with(tmp_path, lambda facts: facts[fact_id].update(keys)))
    assert any(message in str(p) and fact_id in str(p) for p in base.problems), [
        str(p) for p in base.problems
    ]


def test_a_distractor_that_is_another_spelling_of_the_answers_person_is_refused(tmp_path):
    def edit(facts):
        # the people index knows "Vishinsky"; the fact does not accept it
        facts["alpha-prosecutor"].update(
            accepted=["Vyshinsky"], distractors=[{"text": "Vishinsky", "why": "x"}]
        )

    problems = [str(p) for p in _base(_copy_with(tmp_path, edit)).problems]
    assert any("'Vishinsky' is a recorded variant of Andrei Vyshinsky" in p for p in problems)


def test_a_claim_about_the_moscow_trials_does_not_count_as_naming_a_source():
    """One source is titled "Moscow trials", which is also what every claim is about."""
    from question_bank.material import names_a_source, source_names

    names = source_names(qb.load_fact_base())
    assert names_a_source("The Moscow trials were the greatest frame-up in history.", names) is None
    assert names_a_source("Brookshaw calls them a frame-up.", names) == "Brookshaw"
    assert names_a_source("The encyclopedia calls them show trials.", names) == "encyclopedia"
