"""`make audit`: accessibility, front-end weight and security, each against a
local server on a throwaway database. Exits non-zero if any target is missed."""

from __future__ import annotations

import sys
import time

from harness import asked_for_help
from harness.audit import a11y, lighthouse, security


def main() -> int:
    if asked_for_help(__doc__):
        return 0
    results = {}
    for name, module in (("axe-core", a11y), ("Lighthouse", lighthouse), ("security", security)):
        started = time.monotonic()
        results[name] = module.run()
        print(
            f"-- {name}: {'passed' if results[name] else 'FAILED'} ({time.monotonic() - started:.0f} s)\n"
        )
    print(
        "audit: "
        + ", ".join(f"{name} {'passed' if ok else 'FAILED'}" for name, ok in results.items())
    )
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
