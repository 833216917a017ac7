"""Loss arithmetic, bootstrap intervals and the guide's verdict (no model needed)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from calma.evaluate.stats import Interval, band, bootstrap_difference, bootstrap_loss, perplexity_of, verdict, weighted_mean


def test_weighted_mean_is_the_mean_over_answer_tokens():
    # example 1: 2 tokens of loss 1.0 each; example 2: 6 tokens of loss 3.0 each -> (2 + 18) / 8
    assert weighted_mean([1.0, 3.0], [2, 6]) == pytest.approx(2.5)
    assert weighted_mean([1.0, 3.0], [2, 6]) != pytest.approx(np.mean([1.0, 3.0]))
    with pytest.raises(ValueError):
        weighted_mean([1.0], [0])


def test_perplexity_is_exp_of_loss_and_never_overflows():
    assert perplexity_of(math.log(4.0)) == pytest.approx(4.0)
    assert perplexity_of(0.0) == 1.0
    assert perplexity_of(5000.0) == math.inf


def test_bootstrap_interval_contains_the_estimate_and_narrows_with_more_examples():
    rng = np.random.default_rng(1)
    small_losses, small_tokens = rng.normal(2.0, 0.5, 30), rng.integers(20, 200, 30)
    big_losses, big_tokens = rng.normal(2.0, 0.5, 3000), rng.integers(20, 200, 3000)
    small = bootstrap_loss(small_losses, small_tokens, samples=500, seed=0)
    big = bootstrap_loss(big_losses, big_tokens, samples=500, seed=0)
    assert small.low < small.value < small.high
    assert small.value == pytest.approx(weighted_mean(small_losses, small_tokens))
    assert (big.high - big.low) < (small.high - small.low) / 5
    assert bootstrap_loss(small_losses, small_tokens, samples=500, seed=0) == small  # seeded: reproducible


def test_paired_difference_removes_the_examples_own_noise():
    rng = np.random.default_rng(2)
    difficulty = rng.normal(2.0, 1.0, 200)
    tokens = rng.integers(10, 100, 200)
    old, new = (difficulty, tokens), (difficulty - 0.05, tokens)  # new is uniformly 0.05 better
    paired = bootstrap_difference(old, new, samples=500, paired=True)
    unpaired = bootstrap_difference(old, new, samples=500, paired=False)
    assert paired.value == pytest.approx(-0.05)
    assert paired.high < 0  # the paired interval sees the improvement
    assert unpaired.low < 0 < unpaired.high  # separate intervals cannot


@pytest.mark.parametrize(("difference", "expected"), [(0.0222, "good"), (-0.05, "good"), (0.15, "acceptable"),
                                                      (-0.18, "acceptable"), (0.25, "overfitting"), (-0.4, "overfitting")])
def test_verdict_uses_the_guide_thresholds_when_the_interval_is_tight(difference, expected):
    result = verdict(Interval(difference, difference - 0.01, difference + 0.01))
    assert result.key == expected == band(abs(difference))
    assert "interval" in result.note


def test_verdict_is_too_noisy_to_tell_when_the_interval_spans_bands_widely():
    wide = verdict(Interval(0.12, -0.05, 0.31))  # |diff| anywhere from 0 to 0.31: good or overfitting
    assert wide.key == "noisy" and wide.text == "too noisy to tell"
    assert wide.point_key == "acceptable"
    assert "0.310" in wide.note and "likely overfitting" in wide.note


def test_verdict_is_borderline_not_noisy_when_a_narrow_interval_touches_a_boundary():
    narrow = verdict(Interval(0.105, 0.095, 0.115))
    assert narrow.key == "acceptable"
    assert "borderline" in narrow.note
    wider = verdict(Interval(0.105, 0.095, 0.115), noisy_width=0.01)  # the width limit is configurable
    assert wider.key == "noisy"
