"""The training recipe on a tiny random Llama: real training runs of a few seconds."""

from __future__ import annotations

import json

import pytest
import torch
from safetensors.torch import load_file
from transformers import TrainerCallback

from calma.config import load_config
from calma.errors import CalmaError
from calma.train.recipe import train
from train_helpers import overfit_splits, simple_splits, write_prepared


def tiny_config(model_dir, **overrides):
    base = {
        "model.name": str(model_dir),
        "train.report_to": [],
        "train.batch_size": 2,
        "train.eval_batch_size": 4,
        "lora.r": 8,
        "train.sequence_unlikelihood_phase_steps": 0,  # the phase after training has its own tests
    }
    return load_config(overrides={**base, **overrides})


OVERFIT = {
    "train.epochs": 30,
    "train.eval_steps": 3,
    "train.learning_rate": 3e-3,
    "train.early_stopping_patience": 2,
}


@pytest.fixture(scope="module")
def overfit_data(tmp_path_factory, tokenizer):
    return write_prepared(tmp_path_factory.mktemp("overfit-data"), tokenizer, overfit_splits())


@pytest.fixture(scope="module")
def overfit_run(tmp_path_factory, tiny_model_dir, overfit_data):
    out = tmp_path_factory.mktemp("overfit-out")
    return train(tiny_config(tiny_model_dir, **OVERFIT), overfit_data, out), out


def eval_losses(history):
    return {int(e["step"]): e["eval_loss"] for e in history if "eval_loss" in e}


def test_early_stopping_stops_before_the_end_and_restores_the_best_step(overfit_run):
    result, out = overfit_run
    losses = eval_losses(result.history)
    assert result.stopped_early and result.global_step < result.max_steps
    assert result.best_step == min(losses, key=losses.get) < result.global_step
    assert result.best_metric == pytest.approx(min(losses.values()))
    # the last evaluations rose above the best one: patience ran out
    assert all(losses[s] > result.best_metric for s in losses if s > result.best_step)
    assert result.patience_counter == 2
    final = load_file(out / "final" / "adapter_model.safetensors")
    best = load_file(out / f"checkpoint-{result.best_step}" / "adapter_model.safetensors")
    last = load_file(out / f"checkpoint-{result.global_step}" / "adapter_model.safetensors")
    assert final.keys() == best.keys()
    assert all(torch.equal(final[k], best[k]) for k in final)
    assert any(not torch.equal(final[k], last[k]) for k in final)


def test_final_folder_has_adapter_tokenizer_history_and_metadata(overfit_run):
    result, out = overfit_run
    final = out / "final"
    for name in ("adapter_config.json", "adapter_model.safetensors", "tokenizer.json", "history.json", "history.csv", "calma.json"):
        assert (final / name).is_file(), name
    meta = json.loads((final / "calma.json").read_text())
    assert meta["data_fingerprint"] == "test-fingerprint"
    assert meta["early_stopping"]["best_step"] == result.best_step
    adapter = json.loads((final / "adapter_config.json").read_text())
    assert adapter["use_rslora"] is True and adapter["lora_dropout"] == 0.15
    assert set(adapter["target_modules"]) == {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}
    csv_lines = (final / "history.csv").read_text().splitlines()
    assert csv_lines[0].startswith("step,epoch,loss,eval_loss,learning_rate")
    assert len(csv_lines) - 1 >= len(eval_losses(result.history))
    assert not list(out.glob(".final-*"))  # no staging folder left behind


class Interrupt(Exception):
    """Stands in for kill -9: training dies right after a checkpoint hit the disk."""


class DieAfterSave(TrainerCallback):
    def __init__(self, step):
        self.step = step

    def on_save(self, args, state, control, **kwargs):
        if state.global_step == self.step:
            raise Interrupt


def test_resume_after_interruption_ends_like_an_uninterrupted_run(tmp_path, tiny_model_dir, overfit_data, overfit_run):
    reference, _ = overfit_run
    losses = eval_losses(reference.history)
    # interrupt at an evaluation that did not improve, so the patience counter is non-zero
    worse = [s for s in sorted(losses) if s < reference.global_step and losses[s] > min((v for t, v in losses.items() if t < s), default=float("inf"))]
    assert worse, losses
    config = tiny_config(tiny_model_dir, **OVERFIT)
    with pytest.raises(Interrupt):
        train(config, overfit_data, tmp_path, callbacks=[DieAfterSave(worse[0])])
    assert not (tmp_path / "final").exists()
    state = json.loads((tmp_path / f"checkpoint-{worse[0]}" / "trainer_state.json").read_text())
    saved = state["stateful_callbacks"]["EarlyStoppingCallback"]["attributes"]
    assert saved["early_stopping_patience_counter"] >= 1
    with pytest.raises(CalmaError, match="--resume"):
        train(config, overfit_data, tmp_path)
    resumed = train(config, overfit_data, tmp_path, resume=True)
    assert resumed.global_step == reference.global_step
    assert resumed.best_step == reference.best_step
    assert resumed.best_metric == pytest.approx(reference.best_metric, abs=1e-5)
    assert resumed.patience_counter == reference.patience_counter


def test_resume_after_a_kill_at_the_early_stop_does_not_train_on(tmp_path, tiny_model_dir, overfit_data, overfit_run):
    reference, _ = overfit_run
    assert reference.stopped_early
    config = tiny_config(tiny_model_dir, **OVERFIT)
    with pytest.raises(Interrupt):  # killed right after the checkpoint that decided to stop
        train(config, overfit_data, tmp_path, callbacks=[DieAfterSave(reference.global_step)])
    state = json.loads((tmp_path / f"checkpoint-{reference.global_step}" / "trainer_state.json").read_text())
    assert state["stateful_callbacks"]["TrainerControl"]["args"]["should_training_stop"] is True
    (tmp_path / ".final-abc123").mkdir()  # a staging folder left by a kill during the final save
    resumed = train(config, overfit_data, tmp_path, resume=True)
    assert resumed.global_step == reference.global_step and resumed.stopped_early
    assert resumed.best_step == reference.best_step
    assert resumed.best_metric == pytest.approx(reference.best_metric, abs=1e-5)
    assert resumed.max_steps == reference.max_steps
    assert not list(tmp_path.glob(".final-*")) and (tmp_path / "final" / "adapter_model.safetensors").exists()


def test_a_kill_between_the_two_renames_of_the_final_save_leaves_the_old_final(tmp_path):
    from calma.train.recipe import clean_interrupted_saves

    (tmp_path / ".final-old-4242").mkdir()
    (tmp_path / ".final-old-4242" / "adapter_config.json").write_text("{}")
    (tmp_path / ".final-xyz").mkdir()
    assert clean_interrupted_saves(tmp_path) == [".final-old-4242 -> final", ".final-xyz removed"]
    assert (tmp_path / "final" / "adapter_config.json").exists() and not list(tmp_path.glob(".final-*"))


class Snapshot(TrainerCallback):
    """Copies every parameter at the start and the end of training."""

    def on_train_begin(self, args, state, control, model=None, **kwargs):
        self.before = {k: v.detach().clone() for k, v in model.named_parameters()}

    def on_train_end(self, args, state, control, model=None, **kwargs):
        self.after = {k: v.detach().clone() for k, v in model.named_parameters()}


def test_training_changes_the_adapter_and_never_the_base(tmp_path, tiny_model_dir, tokenizer):
    data = write_prepared(tmp_path / "data", tokenizer, simple_splits())
    snap = Snapshot()
    config = tiny_config(tiny_model_dir, **{"train.max_steps": 6, "train.eval_steps": 3, "train.learning_rate": 1e-3})
    result = train(config, data, tmp_path / "out", callbacks=[snap])
    assert result.global_step == 6
    lora = [k for k in snap.before if "lora_" in k]
    base = [k for k in snap.before if "lora_" not in k]
    assert lora and base
    assert all(any(n in k for k in lora) for n in ("q_proj", "v_proj", "down_proj"))
    changed = [k for k in lora if not torch.equal(snap.before[k], snap.after[k])]
    assert len(changed) == len(lora)
    assert all(torch.equal(snap.before[k], snap.after[k]) for k in base)


def test_refuses_a_missing_data_folder(tmp_path, tiny_model_dir):
    with pytest.raises(CalmaError, match="prepare"):
        train(tiny_config(tiny_model_dir), tmp_path / "nothing-here", tmp_path / "out")
