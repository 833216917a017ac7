"""Quality filters: one reason per rejected row; huge rows are cheap to reject."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from calma.config import DataSection
from calma.data.filters import check_clean, check_raw, copies_question, is_repetitive

DATA = DataSection()
GOOD_Q = "How can I stop worrying at night?"
GOOD_A = "Try writing your worries down an hour before bed, then set the list aside until morning."


@pytest.mark.parametrize(
    "question, answer, reason",
    [
        (None, GOOD_A, "missing_question"),
        (GOOD_Q, None, "missing_answer"),
        (42, GOOD_A, "non_text_question"),
        (GOOD_Q, ["a", "list"], "non_text_answer"),
        (GOOD_Q, "x" * 100_000, "too_long"),
        (GOOD_Q, GOOD_A, None),
    ],
)
def test_raw_checks(question, answer, reason):
    assert check_raw(question, answer, DATA) == reason


@pytest.mark.parametrize(
    "question, answer, reason",
    [
        ("", GOOD_A, "empty_question"),
        (GOOD_Q, "", "empty_answer"),
        ("Help?", GOOD_A, "question_too_short"),
        (GOOD_Q, "Go to bed.", "answer_too_short"),
        (GOOD_Q, "word " * 5000, "too_long"),
        (GOOD_Q, "You are doing fine. " * 12, "repetitive_answer"),
        (GOOD_Q, "how can I stop worrying at night", "answer_copies_question"),
        (GOOD_Q, GOOD_A, None),
    ],
)
def test_clean_checks(question, answer, reason):
    assert check_clean(question, answer, DATA) == reason


def test_repetition_and_copy_detectors_leave_normal_answers():
    assert not is_repetitive(GOOD_A * 1)
    assert is_repetitive("sad sad sad sad sad sad sad")
    assert not copies_question(GOOD_Q, GOOD_A)


def test_two_million_character_answer_is_rejected_fast_and_flat():
    huge = "<p>" + "a" * 2_000_000 + "</p>"
    tracemalloc.start()
    started = time.perf_counter()
    reason = check_raw(GOOD_Q, huge, DATA)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert reason == "too_long"
    assert elapsed < 0.01 and peak < 100_000
