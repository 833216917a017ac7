"""The "ready to promote?" verdict must say "not ready" when the answers are bad, whatever the loss."""

from __future__ import annotations

import pytest

from calma.evaluate.readiness import (
    comparison_readiness,
    degeneration,
    generation_warnings,
    headline,
    is_looping,
    paired_difference,
    readiness,
    repeated_share,
)

VARIED = [
    "It sounds like the move has left you feeling unsettled. What part of the day feels hardest right now?",
    "Grief can come in waves. Would it help to set aside a quiet moment to remember her this week?",
    "Arguments at home wear anyone down. Is there somewhere calm you can go when voices rise?",
    "Feeling nervous before speaking is common. Preparing one small point ahead of time often helps.",
    "When energy is low, small steps count. A short walk after work might be a gentle start.",
    "Comparing yourself online is tiring. Try noticing how you feel before and after scrolling.",
]
LOOP = "I'm glad you're taking the first step. " * 10


def test_loops_are_caught_and_varied_answers_are_not():
    assert is_looping(LOOP)
    assert is_looping("you are not alone you are not alone you are not alone you are not alone you are not alone")
    assert not any(is_looping(text) for text in VARIED)
    assert repeated_share(LOOP) > 0.5 > repeated_share(VARIED[0])


def test_degeneration_counts_loops_unfinished_answers_and_openers():
    answers = [LOOP, LOOP, VARIED[0], "It sounds like a lot.", "It sounds like work is heavy."]
    deg = degeneration(answers, [False, False, True, True, True])
    assert deg["looping"] == 2 and deg["loop_rate"] == pytest.approx(0.4)
    assert deg["unfinished"] == 2
    assert deg["top_opener"] == "it sounds like" and deg["top_opener_share"] == pytest.approx(0.6)


def _report(adapter_answers, base_answers, adapter_rouge, base_rouge, gain=(0.26, 0.24, 0.29), band="good",
            adapter_finished=None):
    generation = {
        "questions": len(adapter_rouge),
        "max_new_tokens": 128,
        "adapter": {"degeneration": degeneration(adapter_answers, adapter_finished or [True] * len(adapter_answers))},
        "base": {"degeneration": degeneration(base_answers, [True] * len(base_answers))},
        "versus_base": {"rouge_l": paired_difference(adapter_rouge, base_rouge, samples=500, seed=1)},
    }
    report = {
        "verdict": {"key": band, "point_key": band},
        "improvement_over_base": {"test": {"value": gain[0], "low": gain[1], "high": gain[2]}},
        "generation": generation,
        "warnings": [],
    }
    report["warnings"] = [w.to_dict() for w in generation_warnings(generation)]
    return report


def test_a_planted_looping_generator_is_not_ready_even_with_a_better_loss():
    looping = [LOOP] * 8
    report = _report(looping, VARIED + VARIED[:2], [0.08] * 8, [0.13] * 8)
    kinds = {w["kind"] for w in report["warnings"]}
    assert "repetition_loops" in kinds
    verdict = readiness(report)
    assert not verdict["ready"] and verdict["text"] == "not ready to promote"
    assert any("repetition loop" in reason for reason in verdict["reasons"])


def test_better_loss_but_worse_answers_is_not_ready():
    adapter = [0.05, 0.07, 0.06, 0.08, 0.05, 0.06, 0.07, 0.05]
    base = [0.13, 0.12, 0.14, 0.13, 0.12, 0.15, 0.13, 0.14]
    report = _report(VARIED + VARIED[:2], VARIED + VARIED[:2], adapter, base)  # no loops, loss gain +0.26
    assert [w["kind"] for w in report["warnings"]] == ["worse_than_base_rouge_l"]
    verdict = readiness(report)
    assert not verdict["ready"]
    assert "ROUGE-L" in verdict["reasons"][0]


def test_answers_that_never_end_and_one_opener_are_named():
    same_opener = [f"I hear you. {text}" for text in VARIED]
    report = _report(same_opener, VARIED, [0.12] * 6, [0.12] * 6, adapter_finished=[False] * 4 + [True] * 2)
    kinds = {w["kind"] for w in report["warnings"]}
    assert {"never_ends", "opener_collapse"} <= kinds
    assert not readiness(report)["ready"]


def test_a_good_adapter_is_ready_and_an_overfit_or_no_gain_one_is_not():
    rouge_a = [0.15, 0.16, 0.14, 0.17, 0.15, 0.16] * 2
    rouge_b = [0.13, 0.12, 0.14, 0.13, 0.12, 0.15] * 2
    assert readiness(_report(VARIED * 2, VARIED * 2, rouge_a, rouge_b))["ready"]
    few = readiness(_report(VARIED, VARIED, rouge_a[:6], rouge_b[:6]))
    assert not few["ready"] and "too few" in few["reasons"][0]
    assert not readiness(_report(VARIED * 2, VARIED * 2, rouge_a, rouge_b, band="overfitting"))["ready"]
    no_gain = readiness(_report(VARIED * 2, VARIED * 2, rouge_a, rouge_b, gain=(0.01, -0.02, 0.04)))
    assert not no_gain["ready"] and "base model" in no_gain["reasons"][0]


def test_compare_uses_the_same_evidence():
    generation = {"questions": 8, "max_new_tokens": 128,
                  "new": {"degeneration": degeneration([LOOP] * 8, [False] * 8)},
                  "old": {"degeneration": degeneration(VARIED + VARIED[:2], [True] * 8)}}
    warnings = generation_warnings(generation, subject="new", reference="old")
    verdict = comparison_readiness({"difference": {"value": -0.2, "low": -0.25, "high": -0.15}, "generation": generation}, warnings)
    assert not verdict["ready"] and any("loop" in r for r in verdict["reasons"])


def test_ready_with_tied_answers_says_they_are_not_shown_better():
    rouge_a = [0.15, 0.11, 0.14, 0.12, 0.13, 0.12] * 2
    rouge_b = [0.13, 0.13, 0.12, 0.14, 0.12, 0.13] * 2  # the mean difference is zero, the interval spans it
    verdict = readiness(_report(VARIED * 2, VARIED * 2, rouge_a, rouge_b))
    assert verdict["ready"]
    assert len(verdict["notes"]) == 1 and "not shown better than the base model's on ROUGE-L" in verdict["notes"][0]
    assert headline(verdict).startswith("yes: ready to promote (but its answers are not shown better")
    better = readiness(_report(VARIED * 2, VARIED * 2, [0.15, 0.16, 0.14, 0.17, 0.15, 0.16] * 2, rouge_b))
    assert better["ready"] and better["notes"] == [] and headline(better) == "yes: ready to promote"
    worse = readiness(_report(VARIED * 2, VARIED * 2, [0.05] * 12, rouge_b))
    assert headline(worse).startswith("no: not ready to promote (ROUGE-L")


def test_several_adapters_each_get_their_own_difference_to_the_base(monkeypatch):
    """benchmarks.decoding_study answers with several adapters and the base model once: each adapter's
    paired difference is its own, and the first one's stays the report's versus_base."""
    import calma.evaluate.report as report_module
    from calma.config import load_config

    questions = [f"question {i} about a hard week at work and at home" for i in range(12)]
    references = [f"a reply about work stress and rest, number {i}" for i in range(12)]
    split = {"question": questions, "answer": references, "group": list(range(12))}
    planted = {"adapter": references, "adapter2": ["nothing in common here"] * 12, "base": VARIED * 2}

    def fake_generate_all(model, tokenizer, picked, targets, system_prompt, config, device, greedy=False):
        order = {q: i for i, q in enumerate(questions)}
        texts = {label: [[planted[label][order[q]] for q in picked.questions]] for label in targets}
        return texts, {label: [[True] * len(picked.questions)] for label in targets}

    monkeypatch.setattr(report_module, "generate_all", fake_generate_all)
    config = load_config(overrides={"evaluate.generate_samples": 12, "evaluate.greedy_column": False,
                                    "evaluate.embedding_similarity": False, "evaluate.samples_per_question": 1})
    section, _ = report_module.generation_section(None, None, {"test": split, "train": {"answer": ["unrelated"]}},
                                                  {"adapter": "adapter", "adapter2": "adapter2", "base": None},
                                                  config, None, "cpu")
    assert section["versus"]["adapter"] == section["versus_base"]
    assert section["versus"]["adapter"]["rouge_l"]["low"] > 0  # the copies of the references beat the base
    assert section["versus"]["adapter2"]["rouge_l"]["high"] <= section["versus"]["adapter"]["rouge_l"]["low"]
