"""Bounded training memory: token-budget micro-batches, exact gradients, the plan, OOM retry."""

from __future__ import annotations

import pytest
import torch

from calma.config import load_config
from calma.train.collator import AnswerCollator, answer_loss
from calma.train.memory import GIB, MemoryPlan, per_token_bytes, plan_memory, split_rows, take_rows
from calma.train.recipe import build_model, make_trainer_class
from train_helpers import PAIRS, encode


@pytest.mark.parametrize("budget", [40, 100, 256, 10_000])
def test_split_rows_covers_every_row_once_within_the_budget(budget):
    lengths = [37, 120, 5, 64, 64, 300, 1, 99, 18]
    groups = split_rows(lengths, budget)
    assert sorted(i for g in groups for i in g) == list(range(len(lengths)))
    for group in groups:
        width = max(lengths[i] for i in group)
        assert len(group) * width <= budget or len(group) == 1
    assert groups[0][0] == lengths.index(max(lengths))  # the longest row comes first
    if budget >= len(lengths) * max(lengths):
        assert len(groups) == 1


def test_take_rows_crops_to_the_longest_chosen_row(tokenizer):
    rows = [encode(tokenizer, q, a) for q, a in PAIRS[:4]]
    batch = AnswerCollator(pad_token_id=tokenizer.pad_token_id)(rows)
    shortest = min(range(4), key=lambda i: rows[i]["length"])
    part = take_rows(batch, [shortest])
    assert part["input_ids"].shape == (1, rows[shortest]["length"])
    assert part["input_ids"][0].tolist() == rows[shortest]["input_ids"]
    assert part["logits_to_keep"].shape == part["labels"].shape


def _trainer(tiny_model_dir, tmp_path, budget, device="cpu"):
    from transformers import TrainingArguments

    config = load_config(overrides={"model.name": str(tiny_model_dir), "lora.dropout": 0.0, "lora.r": 4})
    torch.manual_seed(0)
    model = build_model(config, "fp32")
    for name, param in model.named_parameters():
        if "lora_B" in name:
            param.data.normal_(0, 0.05)  # non-zero B so that every LoRA weight gets a gradient
    plan = MemoryPlan(budget, False, 8 * GIB, 0, 0, 1, "test")
    args = TrainingArguments(output_dir=str(tmp_path), report_to=[], use_cpu=True, remove_unused_columns=False)
    trainer = make_trainer_class()(model=model, args=args, compute_loss_func=answer_loss, memory_plan=plan, device=device)
    return trainer, model


def _grads(model):
    return {n: p.grad.clone() for n, p in model.named_parameters() if p.grad is not None}


def test_micro_batches_give_the_unsplit_batchs_gradient_and_loss(tiny_model_dir, tmp_path, tokenizer):
    rows = [encode(tokenizer, q, a) for q, a in PAIRS[:6]]
    batch = AnswerCollator(pad_token_id=tokenizer.pad_token_id)(rows)
    items = (batch["labels"][:, 1:] != -100).sum()
    results = {}
    for budget in (100_000, 120):  # one micro-batch, then one or two rows at a time
        trainer, model = _trainer(tiny_model_dir, tmp_path, budget)
        loss = trainer.training_step(model, dict(batch), items)
        results[budget] = (float(loss), _grads(model), trainer.real_tokens)
    whole, split = results[100_000], results[120]
    assert len(split_rows(batch["attention_mask"].sum(1).tolist(), 120)) > 2
    assert split[0] == pytest.approx(whole[0], rel=1e-5)
    assert whole[1].keys() == split[1].keys() and len(whole[1]) > 0
    for name in whole[1]:
        torch.testing.assert_close(split[1][name], whole[1][name], rtol=1e-4, atol=1e-7)
    assert split[2] == whole[2] == sum(r["length"] for r in rows)


def test_eval_micro_batches_give_the_batch_mean(tiny_model_dir, tmp_path, tokenizer):
    rows = [encode(tokenizer, q, a) for q, a in PAIRS[:6]]
    batch = AnswerCollator(pad_token_id=tokenizer.pad_token_id)(rows)
    means = []
    for budget in (100_000, 60):
        trainer, model = _trainer(tiny_model_dir, tmp_path, budget)
        model.eval()
        loss, _, _ = trainer.prediction_step(model, dict(batch), prediction_loss_only=True)
        means.append(float(loss))
    assert means[1] == pytest.approx(means[0], rel=1e-5)


def test_out_of_memory_on_a_gpu_halves_the_budget_and_redoes_the_step(tiny_model_dir, tmp_path, tokenizer, capsys):
    rows = [encode(tokenizer, q, a) for q, a in PAIRS[:6]]
    batch = AnswerCollator(pad_token_id=tokenizer.pad_token_id)(rows)
    items = (batch["labels"][:, 1:] != -100).sum()
    reference, ref_model = _trainer(tiny_model_dir, tmp_path, 100_000)
    reference.training_step(ref_model, dict(batch), items)

    trainer, model = _trainer(tiny_model_dir, tmp_path, 100_000, device="cuda")  # labelled a GPU run
    forward = model.forward

    def small_memory(*args, **kwargs):  # a device that holds at most 150 tokens
        if kwargs["input_ids"].numel() > 150:
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return forward(*args, **kwargs)

    model.forward = small_memory
    trainer.training_step(model, dict(batch), items)
    assert trainer.oom_retries >= 1 and trainer.memory_plan.budget_tokens < 400
    out = capsys.readouterr().out
    assert "out of cuda memory at step 1" in out and "retrying the step" in out
    expected = _grads(ref_model)
    for name, grad in _grads(model).items():  # nothing of the failed attempts left in the grads
        torch.testing.assert_close(grad, expected[name], rtol=1e-4, atol=1e-7)


def test_the_plan_fits_the_limit_and_checkpoints_only_when_one_row_would_not_fit():
    cfg = type("Cfg", (), {"num_hidden_layers": 30, "hidden_size": 576, "intermediate_size": 1536, "vocab_size": 49152})()
    roomy = plan_memory(cfg, "cpu", 2, 1024, fixed_bytes=2 * GIB, limit_gb=16)
    assert roomy.budget_tokens == 2048 and not roomy.gradient_checkpointing
    assert roomy.estimated_peak_bytes <= roomy.limit_bytes
    tight = plan_memory(cfg, "cpu", 2, 1024, fixed_bytes=2 * GIB, limit_gb=5.0)
    assert 1024 <= tight.budget_tokens < 2048 and not tight.gradient_checkpointing
    assert tight.estimated_peak_bytes <= tight.limit_bytes
    tiny = plan_memory(cfg, "cpu", 4, 1024, fixed_bytes=2 * GIB, limit_gb=3.0)
    assert tiny.gradient_checkpointing and tiny.budget_tokens >= 1024
    assert per_token_bytes(cfg, 2, True) < per_token_bytes(cfg, 2, False) / 3  # the logits stay
    forced = plan_memory(cfg, "cpu", 2, 1024, fixed_bytes=2 * GIB, limit_gb=16, budget=512, checkpointing=False)
    assert forced.budget_tokens == 512
    assert "micro-batches of at most 512 tokens" in forced.describe()


def test_evaluation_batches_are_bounded_by_tokens_too():
    from calma.evaluate.losses import token_batches

    lengths = [1024, 900, 30, 40, 50, 60, 1000, 20]
    batches = token_batches(lengths, batch_size=4, max_tokens=2048)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= 4
        assert len(batch) * max(lengths[i] for i in batch) <= 2048 or len(batch) == 1


class _FakeLibc:
    """Records mallopt and malloc_trim calls instead of changing this process's allocator."""

    def __init__(self):
        self.options, self.trims = [], 0

    def mallopt(self, option, value):
        self.options.append((option, value))
        return 1

    def malloc_trim(self, pad):
        self.trims += 1
        return 1


@pytest.mark.parametrize(("setting", "options", "trim_every"), [
    (None, [(-3, 1 << 20)], 1),  # the default: bounded
    ("bounded", [(-3, 1 << 20)], 1),
    ("balanced", [(-3, 16 << 20), (-1, 256 << 20)], 8),
    ("0", [], 1),  # glibc's own threshold, trimmed as before: measures the threshold alone
    ("no-such-mode", [(-3, 1 << 20)], 1),  # an unknown name falls back to the default, never to no bound
])
def test_allocator_modes_set_the_threshold_and_trim_as_often_as_they_say(monkeypatch, setting, options, trim_every):
    from calma.train import memory

    fake = _FakeLibc()
    monkeypatch.setattr(memory, "_LIBC", fake)
    monkeypatch.setattr(memory, "_STEPS", 0)
    monkeypatch.setattr(memory, "jemalloc_loaded", lambda: False)
    if setting is None:
        monkeypatch.delenv("CALMA_MALLOC_TUNE", raising=False)
    else:
        monkeypatch.setenv("CALMA_MALLOC_TUNE", setting)
    monkeypatch.setattr(memory, "_TRIM_EVERY", 1)
    assert memory.tune_allocator() is bool(options)
    assert fake.options == options
    for _ in range(16):
        memory.release_memory("cpu")
    assert fake.trims == 16 // trim_every


def test_under_jemalloc_glibc_is_neither_tuned_nor_trimmed(monkeypatch):
    from calma.train import memory

    fake = _FakeLibc()
    monkeypatch.setattr(memory, "_LIBC", fake)
    monkeypatch.setattr(memory, "_STEPS", 0)
    monkeypatch.setattr(memory, "jemalloc_loaded", lambda: True)
    monkeypatch.delenv("CALMA_MALLOC_TUNE", raising=False)
    assert memory.tune_allocator() is False
    for _ in range(8):
        memory.release_memory("cpu")
    assert fake.options == [] and fake.trims == 0
    assert memory.allocator_name() == "jemalloc"


def _library(tmp_path):
    library = tmp_path / "libjemalloc.so.2"
    library.write_bytes(b"")
    return str(library)


def test_jemalloc_environment_preloads_the_library_once(monkeypatch, tmp_path):
    from calma.train import memory

    monkeypatch.setattr(memory, "jemalloc_loaded", lambda: False)
    library = _library(tmp_path)
    env = memory.jemalloc_environment({"CALMA_JEMALLOC": library, "LD_PRELOAD": "/opt/other.so", "HOME": "/h"})
    assert env["LD_PRELOAD"] == f"{library}:/opt/other.so" and env["HOME"] == "/h"
    assert memory.jemalloc_environment(env) is None  # the guard: one try, never a loop
    assert memory.jemalloc_environment({"CALMA_JEMALLOC": library})["LD_PRELOAD"] == library


@pytest.mark.parametrize("mode", ["bounded", "balanced", "0"])
def test_a_glibc_mode_asked_for_keeps_glibc(monkeypatch, tmp_path, mode):
    from calma.train import memory

    monkeypatch.setattr(memory, "jemalloc_loaded", lambda: False)
    assert memory.jemalloc_environment({"CALMA_JEMALLOC": _library(tmp_path), "CALMA_MALLOC_TUNE": mode}) is None


def test_no_jemalloc_or_already_loaded_runs_as_it_is(monkeypatch, tmp_path, capsys):
    from calma.train import memory

    monkeypatch.setattr(memory, "JEMALLOC_PATHS", (str(tmp_path / "absent.so"),))
    monkeypatch.setattr(memory, "jemalloc_loaded", lambda: False)
    assert memory.jemalloc_environment({}) is None
    assert memory.jemalloc_environment({"CALMA_JEMALLOC": str(tmp_path / "missing.so")}) is None
    assert "CALMA_JEMALLOC=" in capsys.readouterr().err  # a named library that is not there is said, once
    monkeypatch.setattr(memory, "jemalloc_loaded", lambda: True)
    assert memory.jemalloc_environment({"CALMA_JEMALLOC": _library(tmp_path)}) is None


def test_only_the_long_jobs_on_the_real_command_line_restart(monkeypatch):
    from calma import cli

    assert cli._command_of(["-v", "train", "--data", "x"]) == "train"
    assert cli._command_of(["--verbose"]) is None
    restarts = []
    monkeypatch.setattr("calma.train.memory.restart_under_jemalloc", lambda: restarts.append(1))
    monkeypatch.setattr("sys.argv", ["calma", "route", "hello"])
    with pytest.raises(SystemExit):
        cli.main(["train", "--help"])  # a call from Python never restarts the interpreter
    assert restarts == []
    monkeypatch.setattr("sys.argv", ["calma", "train", "--help"])
    with pytest.raises(SystemExit):
        cli.main()
    assert restarts == [1]
    monkeypatch.setattr("sys.argv", ["calma", "--help"])
    with pytest.raises(SystemExit):
        cli.main()
    assert restarts == [1]


@pytest.mark.parametrize("allocator", ["jemalloc", "glibc (bounded)"])
def test_calma_train_from_the_command_line_runs_under_the_allocator_it_reports(tmp_path, tiny_model_dir, tokenizer, allocator):
    import json
    import os
    import subprocess
    import sys

    from calma.train.memory import find_jemalloc
    from train_helpers import simple_splits, write_prepared

    env = {k: v for k, v in os.environ.items() if k not in ("CALMA_MALLOC_TUNE", "CALMA_ALLOCATOR_REEXEC", "LD_PRELOAD")}
    if allocator == "jemalloc":
        if find_jemalloc() is None:
            pytest.skip("no jemalloc on this system (Debian/Ubuntu: apt install libjemalloc2)")
    else:
        env["CALMA_MALLOC_TUNE"] = "bounded"
    data = write_prepared(tmp_path / "data", tokenizer, simple_splits())
    out = tmp_path / "out"
    command = [sys.executable, "-m", "calma", "train", "--data", str(data), "--output-dir", str(out),
               "--model", str(tiny_model_dir), "--max-steps", "2", "--device", "cpu",
               "--set", "train.batch_size=2", "--set", "train.report_to=[]", "--set", "train.num_threads=1",
               "--set", "train.sequence_unlikelihood_phase_steps=0"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, env={**env, "OMP_NUM_THREADS": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"{allocator} allocator" in done.stdout
    assert json.loads((out / "final" / "calma.json").read_text())["allocator"] == allocator
