"""python -m question_bank check [--strict] | quality | export --format json"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from question_bank import build_bank, check
from question_bank.export import bank_to_json
from question_bank.quality import quality_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m question_bank")
    sub = parser.add_subparsers(dest="command", required=True)
    checking = sub.add_parser("check", help="validate the facts and gate the generated bank")
    checking.add_argument(
        "--strict",
        action="store_true",
        help=(
            "also fail when the gate refuses any item, or a fact or a question type is no "
            "longer reached by a published item"
        ),
    )
    sub.add_parser("quality", help="per type: items checked, rejected and published")
    export = sub.add_parser("export", help="print the whole published bank")
    export.add_argument("--format", choices=["json"], default="json")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    bank = build_bank()
    if args.command == "export":
        sys.stdout.write(bank_to_json(bank))
        return 0
    if args.command == "quality":
        sys.stdout.write(quality_report(bank))
        return 0
    problems = check(bank, strict=args.strict)
    elapsed = time.perf_counter() - started
    if bank.rejected:
        ids = {r.question.id for r in bank.rejected}
        print(f"{len(ids)} item(s) fail the quality gate and are not published:", file=sys.stderr)
        for rejection in bank.rejected:
            print(f"  - {rejection}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    base = bank.base
    per_source = Counter(f.source_id for f in base.facts.values())
    per_type = Counter(q.type for q in bank.questions)
    print(
        f"OK: {len(base.facts)} facts "
        f"({', '.join(f'{k} {v}' for k, v in sorted(per_source.items()))}), "
        f"{len(base.people)} people, {len(base.disputes)} disputes, "
        f"{len(bank.questions)} questions "
        f"({', '.join(f'{k} {v}' for k, v in sorted(per_type.items()))}) in {elapsed:.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
