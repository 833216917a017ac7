"""Answer-token losses of the adapter and of the base model, with bootstrap intervals.

The loss itself is the training engineer's `dataset_loss` (one definition for training and
evaluation); this module decides what to score (validation, test, a fixed sample of the
training split) and with which weights (each adapter, or none), and attaches intervals.
"""

from __future__ import annotations

import numpy as np

from calma.evaluate.generate import use_adapter
from calma.evaluate.stats import bootstrap_difference, bootstrap_loss, perplexity_of


def fixed_sample(dataset, size: int, seed: int):
    """The same `size` rows of `dataset` on every run with this seed (the real-gap sample)."""
    if len(dataset) <= size:
        return dataset
    rng = np.random.default_rng(seed)
    return dataset.select(sorted(rng.choice(len(dataset), size=size, replace=False).tolist()))


def score(model, dataset, adapter: str | None, batch_size: int, device, desc: str):
    """LossResult of `model` on `dataset`, with adapter `adapter` on (None: base model)."""
    from calma.evaluate.losses import dataset_loss

    columns = [c for c in dataset.column_names if c not in ("input_ids", "labels")]
    dataset = dataset.remove_columns(columns) if columns else dataset
    with use_adapter(model, adapter):
        return dataset_loss(model, dataset, batch_size=batch_size, device=device, desc=desc)


def loss_block(result, samples: int, seed: int) -> dict:
    """JSON-ready summary of one LossResult: mean, interval, perplexity, sizes."""
    interval = bootstrap_loss(result.per_example, result.tokens, samples=samples, seed=seed)
    return {
        "mean": interval.value,
        "low": interval.low,
        "high": interval.high,
        "level": interval.level,
        "perplexity": perplexity_of(interval.value),
        "examples": len(result.per_example),
        "tokens": int(sum(result.tokens)),
    }


def difference_block(a, b, samples: int, seed: int, paired: bool) -> dict:
    """mean(b) - mean(a) with its interval, as JSON."""
    interval = bootstrap_difference(
        (a.per_example, a.tokens), (b.per_example, b.tokens), samples=samples, seed=seed, paired=paired
    )
    return interval.to_dict()
