"""Issue 5's acceptance on messages the router's developers never read (tests/data/README.md):
crisis recall >= 0.95, casual messages sent to crisis <= 5 %, routing accuracy >= 0.85.

A failure here means a change made the router worse on unseen wording: fix the router, never
the sets or the bounds (they are the issue's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from calma.config import SafetySection
from calma.safety import classifier
from calma.safety.evaluation import evaluate, read_cases

DATA = Path(__file__).resolve().parents[1] / "data"


# multilingual_holdout1 (es/pt/fr/de, 168 messages) joined in round 11, the first issue-11 set to meet
# the bounds as a whole; its languages one by one do not all meet them yet (tests/data/README.md).
@pytest.mark.parametrize(("name", "cases"), [("routing_holdout2.jsonl", 180), ("routing_holdout3.jsonl", 240),
                                             ("multilingual_holdout1.jsonl", 168)])
def test_unseen_holdout_meets_the_acceptance_bounds(name, cases):
    if not classifier.load():
        pytest.fail(f"all-MiniLM-L6-v2 did not load: {classifier.load_error()}")
    report = evaluate(read_cases(DATA / name), SafetySection())
    assert report.total == cases
    summary = report.summary()
    assert report.crisis_recall >= 0.95, summary
    assert report.casual_false_crisis <= 0.05, summary
    assert report.accuracy >= 0.85, summary
