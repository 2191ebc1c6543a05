"""The question bank: curated facts pinned to verbatim passages, and a pure,
deterministic generator that turns them into questions. No Flask, no SQLAlchemy."""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

from question_bank.check import check
from question_bank.fact import Dispute, Fact, Person, Topic
from question_bank.generator import Bank, generate
from question_bank.grading import grade_text, normalise
from question_bank.loader import FACTS_DIR, SOURCES_DIR, FactBase, Problem, load_fact_base
from question_bank.question import Option, Question, SourceLink, grade_response
from question_bank.source import Source

# The published bank is generated with this seed; changing it reshuffles every option.
DEFAULT_SEED = 1936


def build_bank(
    facts_dir: Path = FACTS_DIR, sources_dir: Path = SOURCES_DIR, seed: int = DEFAULT_SEED
) -> Bank:
    return generate(load_fact_base(facts_dir, sources_dir), random.Random(seed))


@cache
def default_bank() -> Bank:
    """The built-in bank, generated once per process."""
    return build_bank()


__all__ = [
    "DEFAULT_SEED",
    "Bank",
    "Dispute",
    "Fact",
    "FactBase",
    "Option",
    "Person",
    "Problem",
    "Question",
    "Source",
    "SourceLink",
    "Topic",
    "build_bank",
    "check",
    "default_bank",
    "generate",
    "grade_response",
    "grade_text",
    "load_fact_base",
    "normalise",
]
