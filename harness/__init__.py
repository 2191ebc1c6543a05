"""Harnesses for servers under test: start Sourcebook on a throwaway database,
drive it over HTTP or in a browser, and report what it did.

Each is a bounded run against 127.0.0.1 only:

    python -m harness.load      (make load)
    python -m harness.faults    (make faults)
    python -m harness.audit     (make audit)

`harness.server` starts and stops the servers, `harness.client` is the HTTP
client that logs in; `benchmarks/` and the browser tests use them too.
"""
