"""Benchmarks that `make bench` runs (`python -m benchmarks.run`); each bench_*.py exposes
`run(quick: bool = False) -> list[dict]`, one dict per benchmark (see run.py)."""
