"""Warning signs read from the training history, in words, each with the guide's remedy.

The guide tells its users to "watch for" three things while training; most never look at
the curves. This module reads the history that `calma train` saves next to the adapter
and says, for example, "validation loss rose from step 120 while training loss kept
falling", followed by the flags that address it.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

# The guide's "If still overfitting" advice as Calma flags (train_with_hf_dataset.py,
# `calma pipeline` and `calma train` accept them; `--set` forms for config files).
ADVICE = {
    "epochs": "fewer epochs: `--epochs 2` (`--set train.epochs=2`)",
    "regularize": "more regularization: `--weight-decay 0.02 --lora-dropout 0.2` (`--set train.weight_decay=0.02 --set lora.dropout=0.2`)",
    "learning_rate": "a lower learning rate: `--learning-rate 5e-5` (`--set train.learning_rate=5e-5`)",
    "less_data": "less data, growing step by step: `--max-samples 1000`, then `--max-samples 5000` if still good",
    "more_training": "more training or data: raise `--epochs` or drop `--max-samples`",
}

_TRAIN_KEYS = ("train_loss", "loss", "training_loss")
_EVAL_KEYS = ("eval_loss", "validation_loss", "val_loss")
_LR_KEYS = ("learning_rate", "lr")
HISTORY_FILES = ("history.json", "training_history.json", "metrics.json", "trainer_state.json", "history.csv", "training_history.csv", "metrics.csv")


@dataclass
class History:
    """Training history reduced to three step series plus what early stopping decided."""

    train: list[tuple[int, float]] = field(default_factory=list)
    validation: list[tuple[int, float]] = field(default_factory=list)
    learning_rate: list[tuple[int, float]] = field(default_factory=list)
    best_step: int | None = None
    last_step: int | None = None
    stopped_early: bool | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        if self.best_step is None and self.validation:
            self.best_step = min(self.validation, key=lambda p: p[1])[0]
        steps = [s for s, _ in self.train + self.validation]
        if self.last_step is None and steps:
            self.last_step = max(steps)


@dataclass
class WarningSign:
    """One warning sign: what was seen (in words), from which step, and what to try."""

    kind: str
    message: str
    step: int | None
    advice: list[str]

    def to_dict(self) -> dict:
        return asdict(self)


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number else None  # NaN counts as missing


def _first(record: dict, keys: tuple[str, ...]) -> float | None:
    for key in keys:
        if key in record and _number(record[key]) is not None:
            return _number(record[key])
    return None


def history_from_records(records: list[dict], **extra) -> History:
    """Build a History from per-step records (HF `log_history` style or Calma's own)."""
    train, validation, lrs = [], [], []
    for position, record in enumerate(records):
        if "train_runtime" in record:  # the Trainer's end-of-run summary: an average, not a step
            continue
        step = _number(record.get("step", record.get("global_step", position)))
        if step is None:
            continue
        step = int(step)
        if (loss := _first(record, _TRAIN_KEYS)) is not None:
            train.append((step, loss))
        if (loss := _first(record, _EVAL_KEYS)) is not None:
            validation.append((step, loss))
        if (lr := _first(record, _LR_KEYS)) is not None:
            lrs.append((step, lr))
    return History(train=train, validation=validation, learning_rate=lrs, **extra)


def _extra_from_state(state: dict) -> dict:
    extra = {}
    for key in ("best_step", "best_global_step"):
        if _number(state.get(key)) is not None:
            extra["best_step"] = int(state[key])
    if _number(state.get("global_step")) is not None:
        extra["last_step"] = int(state["global_step"])
    if _number(state.get("last_step")) is not None:
        extra["last_step"] = int(state["last_step"])
    for key in ("stopped_early", "early_stopped"):
        if isinstance(state.get(key), bool):
            extra["stopped_early"] = state[key]
    return extra


def load_history(folder: str | Path, meta: dict | None = None) -> History | None:
    """The history saved in an adapter folder (JSON or CSV), or None when there is none.

    `meta` is the folder's calma.json: it says what early stopping decided (best step,
    whether training stopped before its planned last step), which the raw log cannot.
    """
    history = _load_records(Path(folder))
    if history is None or not meta:
        return history
    stop = meta.get("early_stopping") if isinstance(meta.get("early_stopping"), dict) else {}
    state = {**meta, **{k: v for k, v in stop.items() if v is not None}}
    for key, value in _extra_from_state(state).items():
        setattr(history, key, value)
    return history


def _load_records(folder: Path) -> History | None:
    for name in HISTORY_FILES:
        path = folder / name
        if not path.is_file():
            continue
        if path.suffix == ".csv":
            with path.open(newline="", encoding="utf-8") as handle:
                return history_from_records(list(csv.DictReader(handle)), source=name)
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, list):
            return history_from_records(data, source=name)
        records = next((data[k] for k in ("history", "log_history", "records", "steps") if isinstance(data.get(k), list)), None)
        if records is not None:
            return history_from_records(records, source=name, **_extra_from_state(data))
    return None


def _train_loss_near(history: History, step: int, window: int = 3) -> float | None:
    """Mean of the few training losses logged at or before `step` (single steps are noisy)."""
    before = [loss for s, loss in history.train if s <= step][-window:]
    return sum(before) / len(before) if before else None


def rising_validation(history: History, tolerance: float = 0.01) -> WarningSign | None:
    """Validation loss went up after its best point, for 2+ evaluations, while training loss fell."""
    val = history.validation
    if len(val) < 3:
        return None
    best_i = min(range(len(val)), key=lambda i: val[i][1])
    best_step, best_loss = val[best_i]
    after = [(s, v) for s, v in val[best_i + 1 :] if v > best_loss + tolerance]
    if len(after) < 2:
        return None
    train_at_best, train_last = _train_loss_near(history, best_step), _train_loss_near(history, val[-1][0])
    if train_at_best is None or train_last is None or train_last >= train_at_best:
        return None
    start = after[0][0]
    message = (
        f"validation loss rose from {best_loss:.4f} (step {best_step}) to {max(v for _, v in after):.4f} "
        f"from step {start} on, while training loss kept falling ({train_at_best:.4f} to {train_last:.4f}): overfitting"
    )
    return WarningSign("rising_validation", message, start, [ADVICE["epochs"], ADVICE["regularize"]])


def early_plateau(history: History, share: float = 0.5, min_after: int = 3) -> WarningSign | None:
    """Validation loss stopped improving in the first `share` of training, yet training went on."""
    val = history.validation
    if len(val) < min_after + 2 or not history.last_step:
        return None
    first, best = val[0][1], min(v for _, v in val)
    improvement = first - best
    margin = max(0.01, 0.05 * improvement)
    plateau_step = next(s for s, v in val if v <= best + margin)
    evals_after = sum(1 for s, _ in val if s > plateau_step)
    if plateau_step > share * history.last_step or evals_after < min_after:
        return None
    message = (
        f"validation loss reached {best:.4f} (within {margin:.3f}) at step {plateau_step} of {history.last_step} "
        f"and did not improve over the {evals_after} evaluations after it: training went on without benefit"
    )
    return WarningSign("early_plateau", message, plateau_step, [ADVICE["epochs"], ADVICE["learning_rate"]])


def history_warnings(history: History | None) -> list[WarningSign]:
    """Every warning sign visible in the history alone."""
    if history is None:
        return []
    rising = rising_validation(history)
    if rising is not None:
        return [rising]  # a rise after the best step is also "no improvement": report the worse sign only
    plateau = early_plateau(history)
    return [plateau] if plateau is not None else []


def loss_warnings(validation: float, test: float, train_sample: float | None, adapter_test: float | None = None,
                  base_test: float | None = None, gap_threshold: float = 0.1) -> list[WarningSign]:
    """WarningSign signs visible in the measured losses: splits disagree, big real gap, no gain over base."""
    found = []
    if abs(test - validation) > gap_threshold:
        found.append(WarningSign(
            "validation_test_gap",
            f"validation and test loss differ by {abs(test - validation):.4f} (> {gap_threshold}): the model does not behave "
            "the same on two held-out sets",
            None, [ADVICE["regularize"], ADVICE["less_data"]],
        ))
    if train_sample is not None and validation - train_sample > 2 * gap_threshold:
        found.append(WarningSign(
            "generalization_gap",
            f"loss on training examples ({train_sample:.4f}) is {validation - train_sample:.4f} below validation loss "
            f"({validation:.4f}), both in eval mode: the adapter fits its training answers much better than new ones",
            None, [ADVICE["epochs"], ADVICE["regularize"]],
        ))
    if adapter_test is not None and base_test is not None and adapter_test >= base_test:
        found.append(WarningSign(
            "no_gain_over_base",
            f"the adapter's test loss ({adapter_test:.4f}) is not below the base model's ({base_test:.4f}): "
            "the training did not help on held-out answers",
            None, [ADVICE["learning_rate"], ADVICE["more_training"]],
        ))
    return found
