"""Benchmarks: each prints one final figure line. Run as `python -m bench.NAME`."""
