"""Benchmarks that print figures (`make bench`). Never asserted in the test suite."""
