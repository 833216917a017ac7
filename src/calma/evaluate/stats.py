"""Bootstrap intervals for token-weighted losses, and the guide's generalization verdict.

A validation set of a few hundred answers gives a noisy mean loss: two runs that differ by
0.05 may be the same model. So every loss gets a bootstrap interval (resampling whole
examples, each weighted by its answer tokens, exactly like the point estimate), and the
verdict says "too noisy to tell" instead of pretending when the interval of the
validation/test difference spreads widely over a threshold.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

# The retraining guide's bands for |test loss - validation loss|.
GOOD_BELOW = 0.1
OVERFIT_ABOVE = 0.2
VERDICTS = {
    "good": "good generalization",
    "acceptable": "acceptable, monitor in production",
    "overfitting": "likely overfitting, retrain with more regularization",
    "noisy": "too noisy to tell",
}


@dataclass(frozen=True)
class Interval:
    """A point estimate with a percentile bootstrap interval."""

    value: float
    low: float
    high: float
    level: float = 0.95

    def to_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.value:.4f} [{self.low:.4f}, {self.high:.4f}]"


@dataclass(frozen=True)
class Verdict:
    """Which band the difference falls in, and how sure we are of it."""

    key: str  # good | acceptable | overfitting | noisy
    text: str
    point_key: str  # band of the point estimate, even when the verdict is "noisy"
    difference: Interval
    note: str

    def to_dict(self) -> dict:
        return {**asdict(self), "difference": self.difference.to_dict()}


def weighted_mean(per_example, tokens) -> float:
    """Mean loss over answer tokens, given each example's mean loss and token count."""
    losses = np.asarray(per_example, dtype=np.float64)
    weights = np.asarray(tokens, dtype=np.float64)
    total = weights.sum()
    if total <= 0:
        raise ValueError("no answer tokens to average over")
    return float((losses * weights).sum() / total)


def perplexity_of(loss: float) -> float:
    """exp(loss), capped so that a diverged model prints 'inf' instead of overflowing."""
    return math.exp(loss) if loss < 700 else math.inf


def _resampled_means(per_example, tokens, indices: np.ndarray) -> np.ndarray:
    sums = np.asarray(per_example, dtype=np.float64) * np.asarray(tokens, dtype=np.float64)
    weights = np.asarray(tokens, dtype=np.float64)
    return sums[indices].sum(axis=1) / np.maximum(weights[indices].sum(axis=1), 1e-12)


def _indices(rng: np.random.Generator, n: int, samples: int) -> np.ndarray:
    return rng.integers(0, n, size=(samples, n))


def _interval(value: float, draws: np.ndarray, level: float) -> Interval:
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(draws, [tail, 100.0 - tail])
    return Interval(float(value), float(low), float(high), level)


def bootstrap_loss(per_example, tokens, samples: int = 1000, seed: int = 0, level: float = 0.95) -> Interval:
    """Token-weighted mean loss with a percentile interval from resampling examples."""
    n = len(per_example)
    if n == 0:
        raise ValueError("no examples to bootstrap")
    rng = np.random.default_rng(seed)
    draws = _resampled_means(per_example, tokens, _indices(rng, n, samples))
    return _interval(weighted_mean(per_example, tokens), draws, level)


def bootstrap_difference(a, b, samples: int = 1000, seed: int = 0, level: float = 0.95, paired: bool = False) -> Interval:
    """Interval for mean(b) - mean(a); `a` and `b` are (per_example, tokens) pairs.

    Independent sets (validation vs test) are resampled independently; the same examples
    scored by two models (compare) are resampled together, which removes the examples'
    own difficulty from the noise.
    """
    (a_loss, a_tok), (b_loss, b_tok) = a, b
    rng = np.random.default_rng(seed)
    a_idx = _indices(rng, len(a_loss), samples)
    if paired:
        if len(a_loss) != len(b_loss):
            raise ValueError("a paired bootstrap needs the same examples on both sides")
        b_idx = a_idx
    else:
        b_idx = _indices(rng, len(b_loss), samples)
    draws = _resampled_means(b_loss, b_tok, b_idx) - _resampled_means(a_loss, a_tok, a_idx)
    value = weighted_mean(b_loss, b_tok) - weighted_mean(a_loss, a_tok)
    return _interval(value, draws, level)


def band(abs_difference: float) -> str:
    """The guide's band for an absolute validation/test difference."""
    if abs_difference < GOOD_BELOW:
        return "good"
    if abs_difference <= OVERFIT_ABOVE:
        return "acceptable"
    return "overfitting"


def _abs_range(diff: Interval) -> tuple[float, float]:
    """Range of |difference| over the interval (0 when the interval crosses zero)."""
    if diff.low <= 0.0 <= diff.high:
        return 0.0, max(-diff.low, diff.high)
    return min(abs(diff.low), abs(diff.high)), max(abs(diff.low), abs(diff.high))


def verdict(diff: Interval, noisy_width: float = 0.1) -> Verdict:
    """The guide's verdict on |test - validation|, honest about the interval.

    When the interval of |difference| lies in one band the verdict is that band. When it
    crosses a boundary but is narrower than `noisy_width` (the width of the "acceptable"
    band), the point estimate decides and the note says it is borderline. When it crosses a
    boundary and is wider than that, the data cannot tell the bands apart: "too noisy".
    """
    point = band(abs(diff.value))
    low, high = _abs_range(diff)
    low_band, high_band = band(low), band(high)
    if low_band == high_band:
        note = f"the whole {int(diff.level * 100)}% interval of |difference| ({low:.3f} to {high:.3f}) is in this band"
        return Verdict(point, VERDICTS[point], point, diff, note)
    if high - low > noisy_width:
        note = (
            f"|difference| could be anywhere from {low:.3f} ({VERDICTS[low_band]}) to {high:.3f} "
            f"({VERDICTS[high_band]}); the point estimate {abs(diff.value):.3f} leans to '{VERDICTS[point]}'. "
            "More validation/test examples would narrow it."
        )
        return Verdict("noisy", VERDICTS["noisy"], point, diff, note)
    note = f"borderline: the interval of |difference| ({low:.3f} to {high:.3f}) crosses a band boundary"
    return Verdict(point, VERDICTS[point], point, diff, note)
