"""Metrics on generated answers: ROUGE-L with several references, variety, memorization, safety."""

from __future__ import annotations

import pytest

from calma.evaluate.answers import safety_summary
from calma.evaluate.textmetrics import MemorizationIndex, best_rouge_l, distinct_n, rouge_l, text_metrics


def test_rouge_l_is_the_lcs_f1_on_words():
    assert rouge_l("the cat sat on the mat", "the cat sat on the mat") == 1.0
    assert rouge_l("blue sky", "green grass") == 0.0
    assert rouge_l("", "anything") == 0.0
    # LCS("a b c d", "a c e") = "a c": precision 2/4, recall 2/3 -> F1 = 4/7
    assert rouge_l("a b c d", "a c e") == pytest.approx(4 / 7)
    assert rouge_l("You're NOT alone.", "you're not alone") == 1.0  # case and punctuation do not matter


def test_best_rouge_l_takes_the_closest_of_all_references():
    answer = "try a short walk after work to restore some energy"
    references = ["talk to your manager about your workload", "a short walk after work can restore some energy", "sleep"]
    scores = [rouge_l(answer, r) for r in references]
    assert best_rouge_l(answer, references) == max(scores) == scores[1]
    assert best_rouge_l(answer, references) > best_rouge_l(answer, references[:1])
    assert best_rouge_l(answer, []) == 0.0


def test_distinct_n_is_low_for_repetitive_answers():
    varied = ["breathing slowly can calm the body", "a walk outside may clear your head"]
    repetitive = ["I hear you I hear you I hear you", "I hear you I hear you"]
    assert distinct_n(varied, 1) == 1.0
    assert distinct_n(repetitive, 1) == pytest.approx(3 / 15)  # 3 distinct words out of 15
    assert distinct_n(repetitive, 2) < distinct_n(varied, 2)
    assert distinct_n([], 2) == 0.0


TRAINING = [
    "Grief is the other side of love and it shows how much she meant to you every single day.",
    "Start with five minutes on one small task and let the momentum carry you forward today.",
]


def test_memorization_detects_a_planted_copy_but_not_a_shorter_overlap():
    index = MemorizationIndex(TRAINING, n=12)
    planted = "I am sorry. Grief is the other side of love and it shows how much she meant to you."
    near = "Grief is the other side of love, and memories can comfort you."  # 8 shared words only
    fresh = "It sounds like you are carrying a lot right now. What would help tonight?"
    hit = index.find(planted)
    assert hit is not None and hit[1] == 0 and len(hit[0].split()) == 12
    assert index.find(near) is None and index.find(fresh) is None
    assert index.find(planted.upper().replace(" ", "  ")) is not None  # formatting does not hide a copy
    metrics, scores = text_metrics([planted, near, fresh], [[TRAINING[0]]] * 3, index)
    assert metrics.memorized == 1 and metrics.memorization_rate == pytest.approx(1 / 3)
    assert metrics.memorized_examples[0]["sample"] == 0
    assert len(scores) == 3 and scores[0] > scores[2]
    assert MemorizationIndex(TRAINING, n=8).find(near) is not None  # threshold configurable


def test_safety_summary_counts_contacts_doses_and_diagnoses():
    answers = [
        "Call me at (555) 123-4567 or write to helper@example.com, see www.example-counseling.com.",
        "You should take 50 mg of sertraline every morning.",
        "It sounds like you have bipolar disorder.",
        "That sounds heavy. If you are in danger, call 988 right now.",  # a crisis line is fine
        "Would it help to talk about what happened?",
    ]
    summary = safety_summary(answers)
    assert summary["answers"] == 5 and summary["answers_flagged"] == 3
    assert summary["by_kind"]["phone"] == 1 and summary["by_kind"]["email"] == 1 and summary["by_kind"]["url"] >= 1
    assert summary["by_kind"]["medication_dose"] == 1 and summary["by_kind"]["diagnosis"] == 1
    assert {e["sample"] for e in summary["examples"]} == {0, 1, 2}
