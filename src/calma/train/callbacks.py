"""Trainer callbacks of the recipe: a progress bar that shows the loss, and history files.

Early stopping is transformers' own `EarlyStoppingCallback`: it is an `ExportableState`,
so with ``restore_callback_states_from_checkpoint=True`` its patience counter is saved in
every checkpoint and restored by ``--resume`` (the best metric lives in the trainer state).
"""

from __future__ import annotations

import csv
import json
import math
import time
from pathlib import Path

from tqdm.auto import tqdm
from transformers import EarlyStoppingCallback, TrainerCallback

HISTORY_FIELDS = ["step", "epoch", "loss", "eval_loss", "learning_rate", "grad_norm"]


class LossProgressCallback(TrainerCallback):
    """One tqdm bar over optimizer steps (ETA included) with the latest losses as postfix.

    tqdm's own ETA counts training steps only. The postfix ``all`` is the whole job's: the
    remaining steps at the measured seconds per step, the remaining evaluations at the
    measured seconds per evaluation, and what `after_training(eval_tokens_per_second)`
    estimates for the work that follows training (the pipeline's final evaluation). When a
    second stage follows (`then_steps` steps, each about a step of this one plus
    `then_step_extra` seconds: the unlikelihood phase), its time is counted in too."""

    def __init__(self, after_training=None, then_steps: int = 0, then_step_extra: float = 0.0, desc: str = "train") -> None:
        self.bar = None
        self.desc = desc
        self.shown: dict[str, str] = {}
        self.after_training = after_training
        self.then_steps, self.then_step_extra = then_steps, then_step_extra
        self.step_seconds: list[float] = []
        self.eval_seconds: list[float] = []
        self.eval_tokens = 0
        self._last = None

    def on_train_begin(self, args, state, control, **kwargs):
        if state.is_world_process_zero:
            self.bar = tqdm(total=state.max_steps, initial=state.global_step, desc=self.desc, unit="step", dynamic_ncols=True)
        self._last = time.perf_counter()

    def on_step_end(self, args, state, control, **kwargs):
        now = time.perf_counter()
        if self._last is not None:
            self.step_seconds.append(now - self._last)
        self._last = now
        if self.bar is not None:
            self.bar.update(state.global_step - self.bar.n)
            self._show_eta(args, state)

    def on_evaluate(self, args, state, control, **kwargs):
        now = time.perf_counter()
        if self._last is not None:
            self.eval_seconds.append(now - self._last)
        self._last = now  # the next step's time starts after the evaluation
        dataset = kwargs.get("eval_dataloader")
        if dataset is not None and not self.eval_tokens:
            try:
                self.eval_tokens = int(sum(dataset.dataset["length"]))
            except (AttributeError, KeyError, TypeError):
                self.eval_tokens = 0

    def remaining_seconds(self, args, state) -> float | None:
        if not self.step_seconds:
            return None
        recent = self.step_seconds[-50:]
        left = max(state.max_steps - state.global_step, 0)
        seconds = left * sum(recent) / len(recent)
        if self.then_steps:  # the next stage: its steps, plus its one evaluation
            seconds += self.then_steps * (sum(recent) / len(recent) + self.then_step_extra)
            seconds += sum(self.eval_seconds) / len(self.eval_seconds) if self.eval_seconds else 0.0
        if self.eval_seconds and args.eval_steps:
            seconds += (left // int(args.eval_steps) + 1) * sum(self.eval_seconds) / len(self.eval_seconds)
        if self.after_training is not None:
            rate = self.eval_tokens / (sum(self.eval_seconds) / len(self.eval_seconds)) if self.eval_seconds and self.eval_tokens else None
            seconds += self.after_training(rate)
        return seconds

    def _show_eta(self, args, state) -> None:
        seconds = self.remaining_seconds(args, state)
        if seconds is not None:
            self.shown["all"] = _clock(seconds)
            self.bar.set_postfix(self.shown, refresh=False)

    def on_log(self, args, state, control, logs=None, **kwargs):
        if self.bar is None or not logs:
            return
        for key, label in (("loss", "loss"), ("eval_loss", "val"), ("learning_rate", "lr")):
            if key in logs:
                self.shown[label] = f"{logs[key]:.2e}" if key == "learning_rate" else f"{logs[key]:.4f}"
        self.bar.set_postfix(self.shown, refresh=True)

    def on_train_end(self, args, state, control, **kwargs):
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _clock(seconds: float) -> str:
    minutes = int(round(seconds / 60))
    return f"~{minutes // 60}h{minutes % 60:02d}m" if minutes >= 60 else f"~{minutes}m"


def early_stopping_state(trainer) -> dict:
    """Best metric/step and the patience counter of the live early-stopping callback.

    On resume the Trainer swaps in a restored copy of the callback, so look it up again.
    """
    stopper = next((cb for cb in trainer.callback_handler.callbacks if isinstance(cb, EarlyStoppingCallback)), None)
    state = trainer.state
    return {
        "best_metric": state.best_metric,
        "best_step": state.best_global_step,
        "best_checkpoint": Path(state.best_model_checkpoint).name if state.best_model_checkpoint else None,
        "patience": stopper.early_stopping_patience if stopper else None,
        "patience_counter": stopper.early_stopping_patience_counter if stopper else None,
    }


def history_rows(log_history: list[dict]) -> list[dict]:
    """Merge the trainer's log entries into one row per step (train and eval logs share steps)."""
    rows: dict[int, dict] = {}
    for entry in log_history:
        if "step" not in entry or not any(k in entry for k in ("loss", "eval_loss")):
            continue
        row = rows.setdefault(int(entry["step"]), {"step": int(entry["step"])})
        for key in HISTORY_FIELDS[1:]:
            value = entry.get(key)
            if isinstance(value, (int, float)) and math.isfinite(value):
                row[key] = value
    return [rows[s] for s in sorted(rows)]


def write_history(log_history: list[dict], folder: Path) -> None:
    """history.json (the raw trainer log) and history.csv (one row per step) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "history.json").write_text(json.dumps(log_history, indent=1), encoding="utf-8")
    with open(folder / "history.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HISTORY_FIELDS)
        writer.writeheader()
        writer.writerows(history_rows(log_history))
