"""Warning signs read from hand-made training histories and measured losses."""

from __future__ import annotations

import csv
import json

from calma.evaluate.history import History, history_from_records, history_warnings, load_history, loss_warnings
from evaluate_helpers import rising_history


def kinds(warnings):
    return [w.kind for w in warnings]


def healthy() -> History:
    train = [(s, 3.0 - 0.02 * s) for s in range(5, 105, 5)]
    val = [(s, 3.0 - 0.015 * s) for s in range(10, 110, 10)]  # still improving at the end
    return History(train=train, validation=val)


def test_a_healthy_history_has_no_warning_signs():
    assert history_warnings(healthy()) == []
    assert history_warnings(None) == []


def test_rising_validation_loss_is_reported_from_the_step_it_started():
    history = history_from_records(rising_history())
    warnings = history_warnings(history)
    assert "rising_validation" in kinds(warnings)
    rising = next(w for w in warnings if w.kind == "rising_validation")
    assert rising.step == 30 and "step 30" in rising.message and "(step 20)" in rising.message
    assert any("--epochs 2" in a for a in rising.advice)
    assert any("--weight-decay 0.02 --lora-dropout 0.2" in a for a in rising.advice)


def test_rising_validation_needs_training_loss_to_fall():
    history = history_from_records(rising_history())
    history.train = [(s, 2.0 + 0.01 * s) for s, _ in history.train]  # both rise: not the overfitting pattern
    assert "rising_validation" not in kinds(history_warnings(history))


def test_one_noisy_bump_is_not_a_rise():
    val = [(10, 2.8), (20, 2.5), (30, 2.6), (40, 2.45), (50, 2.4)]
    history = History(train=[(s, 3 - 0.02 * s) for s in range(5, 55, 5)], validation=val)
    assert "rising_validation" not in kinds(history_warnings(history))


def test_early_plateau_while_training_went_on():
    val = [(10, 3.0), (20, 2.2), (30, 2.01), (40, 2.0), (50, 2.0), (60, 2.005), (70, 2.0), (80, 2.0), (90, 2.0), (100, 2.0)]
    history = History(train=[(s, 3.0 - 0.02 * s) for s in range(5, 105, 5)], validation=val)
    warnings = history_warnings(history)
    plateau = next(w for w in warnings if w.kind == "early_plateau")
    assert plateau.step == 30 and "step 30 of 100" in plateau.message
    assert any("--learning-rate 5e-5" in a for a in plateau.advice)
    late = History(train=history.train, validation=[(s, 3.0 - 0.01 * s) for s, _ in val])
    assert "early_plateau" not in kinds(history_warnings(late))


def test_large_validation_test_gap_and_real_gap_and_no_gain_over_base():
    assert loss_warnings(2.0, 2.05, 1.95) == []
    warnings = loss_warnings(validation=2.0, test=2.15, train_sample=1.5, adapter_test=2.15, base_test=2.1)
    assert kinds(warnings) == ["validation_test_gap", "generalization_gap", "no_gain_over_base"]
    assert "0.1500" in warnings[0].message
    assert any("--max-samples" in a for a in warnings[0].advice)


def test_histories_load_from_trainer_json_and_csv_with_early_stopping_from_calma_json(tmp_path):
    (tmp_path / "history.json").write_text(json.dumps(rising_history()))
    meta = {"global_step": 60, "stopped_early": True, "early_stopping": {"best_step": 20}}
    history = load_history(tmp_path, meta)
    assert history.source == "history.json"
    assert history.validation[1] == (20, 2.5) and history.best_step == 20 and history.last_step == 60
    assert history.stopped_early is True
    assert (60, 2.1) not in history.train  # the end-of-run average is not a step

    csv_dir = tmp_path / "csv"
    csv_dir.mkdir()
    with open(csv_dir / "history.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["step", "epoch", "loss", "eval_loss", "learning_rate", "grad_norm"])
        writer.writeheader()
        writer.writerow({"step": 10, "loss": 2.0, "eval_loss": "", "learning_rate": 1e-4})
        writer.writerow({"step": 20, "loss": 1.8, "eval_loss": 2.1})
    from_csv = load_history(csv_dir)
    assert from_csv.train == [(10, 2.0), (20, 1.8)] and from_csv.validation == [(20, 2.1)]
    assert load_history(tmp_path / "nothing-here") is None
