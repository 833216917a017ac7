"""Evaluation: losses with intervals, the generalization verdict, warning signs from the
training history, generation metrics, safety checks on answers, report and comparison.

Names are imported on first use, so that `calma --help` (which imports this package for
its subcommands) does not pay for torch.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "run_evaluation": "calma.evaluate.report",
    "run_comparison": "calma.evaluate.compare",
    "dataset_loss": "calma.evaluate.losses",
    "perplexity": "calma.evaluate.losses",
    "LossResult": "calma.evaluate.losses",
    "Interval": "calma.evaluate.stats",
    "Verdict": "calma.evaluate.stats",
    "bootstrap_loss": "calma.evaluate.stats",
    "bootstrap_difference": "calma.evaluate.stats",
    "verdict": "calma.evaluate.stats",
    "weighted_mean": "calma.evaluate.stats",
    "History": "calma.evaluate.history",
    "WarningSign": "calma.evaluate.history",
    "load_history": "calma.evaluate.history",
    "history_warnings": "calma.evaluate.history",
    "loss_warnings": "calma.evaluate.history",
    "rouge_l": "calma.evaluate.textmetrics",
    "best_rouge_l": "calma.evaluate.textmetrics",
    "distinct_n": "calma.evaluate.textmetrics",
    "MemorizationIndex": "calma.evaluate.textmetrics",
    "text_metrics": "calma.evaluate.textmetrics",
    "best_similarity": "calma.evaluate.embed",
    "generate_answers": "calma.evaluate.generate",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'calma.evaluate' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
