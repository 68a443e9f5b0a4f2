"""Benchmarks: `python -m tests.benchmarks` (see README「性能」). Not collected by pytest."""
