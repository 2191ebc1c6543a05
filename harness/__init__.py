"""Harnesses for servers under test: start Sourcebook on a throwaway database,
drive it over HTTP or in a browser, and report what it did.

Each is a bounded run against 127.0.0.1 only:

    python -m harness.load      (make load)
    python -m harness.capacity  (make capacity)
    python -m harness.faults    (make faults)
    python -m harness.audit     (make audit)

`harness.server` starts and stops the servers, `harness.client` is the HTTP
client that logs in; `benchmarks/` and the browser tests use them too.
"""

from __future__ import annotations

import sys


def asked_for_help(description: str | None) -> bool:
    """True (after printing `description`) when the command line asks for
    --help, so that `python -m harness.load --help` explains the run instead
    of starting it."""
    if {"-h", "--help"} & set(sys.argv[1:]):
        print((description or "").strip())
        return True
    return False
