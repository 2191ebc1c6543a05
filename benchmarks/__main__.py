"""python -m benchmarks [section ...]: print the project's performance figures."""

from __future__ import annotations

import sys

from benchmarks import bank, gradebook, hot, http, instructions, queue

SECTIONS = {
    "bank": bank.run,
    "hot": hot.run,
    "instructions": instructions.run,
    "http": http.run,
    "queue": queue.run,
    "gradebook": gradebook.run,
}


def main(argv: list[str]) -> int:
    chosen = argv or list(SECTIONS)
    for name in chosen:
        SECTIONS[name]()
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
