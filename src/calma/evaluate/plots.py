"""The two pictures a person checks first: the loss curves and the per-example losses.

matplotlib's Agg backend draws without a display, so the plots work on a headless server.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from calma.evaluate.history import History
from calma.evaluate.stats import weighted_mean


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def loss_curves(history: History, path: Path) -> Path:
    """Training and validation loss against steps, best step and early stop marked."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=110)
    if history.train:
        steps, losses = zip(*history.train)
        ax.plot(steps, losses, color="#8aa4c8", linewidth=1.2, label="training loss")
    if history.validation:
        steps, losses = zip(*history.validation)
        ax.plot(steps, losses, "o-", color="#c0392b", linewidth=1.6, markersize=4, label="validation loss")
    if history.best_step is not None:
        best = dict(history.validation).get(history.best_step)
        ax.axvline(history.best_step, color="#27ae60", linestyle="--", linewidth=1, label=f"best step ({history.best_step})")
        if best is not None:
            ax.plot([history.best_step], [best], "*", color="#27ae60", markersize=14)
    if history.stopped_early and history.last_step is not None:
        ax.axvline(history.last_step, color="#7f8c8d", linestyle=":", linewidth=1.5, label=f"early stop ({history.last_step})")
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("loss (answer tokens)")
    ax.set_title("Training and validation loss")
    ax.grid(alpha=0.3)
    ax.legend(loc="best", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def loss_distributions(series: dict[str, tuple[list[float], list[int]]], path: Path) -> Path:
    """Histogram of per-example losses for each split (e.g. validation vs test).

    `series` maps a label to (per-example losses, answer tokens); the dashed line is the
    token-weighted mean, i.e. the loss the report prints.
    """
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=110)
    values = {}
    for label, (losses, tokens) in series.items():
        keep = [(x, t) for x, t in zip(losses, tokens) if np.isfinite(x) and t > 0]
        if keep:
            values[label] = (np.asarray([x for x, _ in keep]), np.asarray([t for _, t in keep]))
    every = np.concatenate([v[0] for v in values.values()]) if values else np.zeros(1)
    bins = np.linspace(float(every.min()), float(every.max()) + 1e-6, 30)
    colors = ["#c0392b", "#2c7fb8", "#7f8c8d", "#27ae60"]
    for (label, (data, tokens)), color in zip(values.items(), colors):
        ax.hist(data, bins=bins, alpha=0.45, color=color, label=f"{label} (n={len(data)})", density=True)
        ax.axvline(weighted_mean(data, tokens), color=color, linewidth=1.5, linestyle="--")
    ax.set_xlabel("per-example loss (mean over its answer tokens)")
    ax.set_ylabel("density")
    ax.set_title("Per-example loss; dashed: the reported (token-weighted) mean")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
