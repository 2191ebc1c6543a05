"""Proposals on a fixture source: how many pass the gate as proposed, the kinds
found, and the questions the accepted proposals generate per type.

    .venv/bin/python -m benchmarks.proposals [FILE ...]

Without a file it reads tests/fixtures/suez_canal.md."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from app.services.proposal_trial import run_trial

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "suez_canal.md"


def report(path: Path, verbose: bool) -> None:
    text = path.read_text(encoding="utf-8")
    began = time.perf_counter()
    trial = run_trial(text, path.stem.replace("_", " ").capitalize())
    took = time.perf_counter() - began
    total = len(trial.proposals)
    print(f"{path.name}: {len(text.split())} words, {total} proposals ({took:.2f} s)")
    print(f"  pass the gate unchanged: {len(trial.passed)}/{total} ({trial.share_passed:.0%})")
    doubted = Counter(p.doubt.split(":")[0] for p in trial.proposals if p.doubt)
    print(
        f"  drafts to finish (a doubt, listed after the others): {sum(doubted.values())}"
        + (" (" + "; ".join(f"{k}: {n}" for k, n in doubted.most_common()) + ")" if doubted else "")
    )
    print("  kinds: " + ", ".join(f"{k} {n}" for k, n in trial.kinds.most_common()))
    print(
        "  questions per type: "
        + ", ".join(f"{k} {n}" for k, n in sorted(trial.questions_by_type.items()))
    )
    if trial.rejected_by_rule:
        print(
            "  refused by the gate: "
            + ", ".join(f"{k} {n}" for k, n in trial.rejected_by_rule.most_common())
        )
    if verbose:
        passed = {id(p) for p in trial.passed}
        for p in trial.proposals:
            mark = "ok " if id(p) in passed else "-- "
            print(f"  {mark}[{p.answer_type}] {p.question} -> {p.answer}")
            if p.doubt:
                print(f"       check: {p.doubt}")
        for p, why in trial.invalid:
            print(f"  invalid: {p.question}: {why}")


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    paths = [Path(a) for a in argv if a != "-v"] or [DEFAULT]
    for path in paths:
        report(path, verbose)


if __name__ == "__main__":
    main(sys.argv[1:])
