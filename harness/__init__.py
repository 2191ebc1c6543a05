"""Operational checks that need a running server: load, faults and audits.

Each is a bounded run against 127.0.0.1 only:

    python -m ops.load      (make load)
    python -m ops.faults    (make faults)
    python -m ops.audit     (make audit)
"""
