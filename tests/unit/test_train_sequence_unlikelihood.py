"""Sequence-level unlikelihood on the model's own greedy answers (train.sequence_unlikelihood)."""

from __future__ import annotations

import pytest
import torch

from calma.config import load_config
from calma.train.collator import left_padded, prompt_rows, repeated_ngram_mask, repetition_batch, unlikelihood_sum


def test_only_tokens_of_an_ngram_seen_before_are_candidates():
    #         0  1  2  3  4  5  6  7  8
    tokens = [1, 2, 3, 4, 9, 1, 2, 3, 4]
    assert repeated_ngram_mask(tokens, 4) == [False] * 5 + [True] * 4
    assert not any(repeated_ngram_mask([1, 2, 3, 4, 5, 6, 7], 4))
    assert not any(repeated_ngram_mask([1, 2, 3], 4))
    # a token repeated on its own is not a repeated 4-gram
    assert not any(repeated_ngram_mask([7, 1, 7, 2, 7, 3, 7, 4], 4))
    # overlapping repeats: 'a a a a a' repeats (a, a, a, a) from position 1 on
    assert repeated_ngram_mask([5, 5, 5, 5, 5], 4) == [False, True, True, True, True]


def test_prompts_end_before_the_first_answer_token_and_are_padded_on_the_left():
    batch = {"input_ids": torch.tensor([[10, 11, 12, 13, 0], [20, 21, 22, 0, 0], [30, 31, 32, 33, 34]]),
             "labels": torch.tensor([[-100, -100, 12, 13, -100], [-100, 21, 22, -100, -100], [-100, -100, -100, 33, 34]])}
    prompts = prompt_rows(batch, 2)
    assert [p.tolist() for p in prompts] == [[10, 11], [20]]
    enc = left_padded(prompts, pad_token_id=0)
    assert enc["input_ids"].tolist() == [[10, 11], [0, 20]]
    assert enc["attention_mask"].tolist() == [[1, 1], [0, 1]]


def test_the_batch_keeps_the_logits_that_predict_repeated_tokens_and_their_targets():
    prompts = [torch.tensor([100, 101]), torch.tensor([200])]
    continuations = [[1, 2, 3, 4, 1, 2, 3, 4], [5, 6, 7, 8]]  # the second never repeats: left out
    batch, targets = repetition_batch(prompts, continuations, pad_token_id=0)
    assert batch["input_ids"].tolist() == [[100, 101, 1, 2, 3, 4, 1, 2, 3, 4]]
    # positions 5..8 predict tokens 6..9 (the second 1, 2, 3, 4)
    assert batch["logits_to_keep"][0].nonzero().flatten().tolist() == [5, 6, 7, 8]
    assert targets.tolist() == [1, 2, 3, 4]
    assert repetition_batch(prompts[1:], continuations[1:], pad_token_id=0) is None


def test_the_penalty_is_minus_log_one_minus_p_and_pushes_the_repeated_token_down():
    torch.manual_seed(0)
    logits = torch.randn(3, 10, requires_grad=True)
    rows, targets = torch.tensor([0, 1, 2]), torch.tensor([4, 4, 7])
    probs = logits.softmax(-1)
    want = sum(-torch.log(1 - probs[r, t]) for r, t in zip(rows.tolist(), targets.tolist()))
    got = unlikelihood_sum(logits, rows, targets)
    assert float(got.detach()) == pytest.approx(float(want), rel=1e-5)
    got.backward()
    moved = (logits - 1.0 * logits.grad).softmax(-1)
    assert moved[0, 4] < probs[0, 4] and moved[2, 7] < probs[2, 7]


def test_off_by_default():
    assert load_config().train.sequence_unlikelihood == 0


def test_a_run_generates_penalises_its_own_repeats_and_reports_plain_validation_loss(tmp_path, tiny_model_dir, tokenizer):
    from calma.train.recipe import train
    from train_helpers import simple_splits, write_prepared

    data = write_prepared(tmp_path / "data", tokenizer, simple_splits())
    overrides = {"model.name": str(tiny_model_dir), "train.report_to": [], "train.batch_size": 2, "lora.r": 8,
                 "train.max_steps": 4, "train.eval_steps": 2, "train.learning_rate": 1e-3,
                 "train.sequence_unlikelihood_phase_steps": 0}
    plain = train(load_config(overrides=overrides), data, tmp_path / "plain")
    seq = train(load_config(overrides={**overrides, "train.sequence_unlikelihood": 1.0, "train.sequence_unlikelihood_tokens": 24,
                                       "train.sequence_unlikelihood_every": 2}), data, tmp_path / "seq")
    assert seq.global_step == plain.global_step == 4
    import json

    stats = json.loads((tmp_path / "seq" / "final" / "calma.json").read_text())["sequence_unlikelihood"]
    assert stats["continuations"] == 2 * 2  # steps 0 and 2, two questions each
    assert 0 < stats["generated_tokens"] <= 4 * 24
    # a random tiny model repeats itself under greedy decoding: there is something to penalise
    assert stats["repeating"] >= 1 and stats["repeated_tokens"] >= 4
    assert json.loads((tmp_path / "plain" / "final" / "calma.json").read_text())["sequence_unlikelihood"] is None

    def losses(result, key):
        return [e[key] for e in result.history if key in e]

    # evaluation (no grad) sees the plain answer loss: same seed, same data, only 2 steps apart
    assert abs(losses(seq, "eval_loss")[0] - losses(plain, "eval_loss")[0]) < 0.5


def test_init_adapter_starts_from_a_finished_runs_weights_and_refuses_another_rank(tmp_path, tiny_model_dir, tokenizer):
    from safetensors.torch import load_file

    from calma.errors import CalmaError
    from calma.train.recipe import build_model, train
    from train_helpers import simple_splits, write_prepared

    data = write_prepared(tmp_path / "data", tokenizer, simple_splits())
    overrides = {"model.name": str(tiny_model_dir), "train.report_to": [], "train.batch_size": 2, "lora.r": 8,
                 "train.max_steps": 2, "train.eval_steps": 2, "train.learning_rate": 1e-3,
                 "train.sequence_unlikelihood_phase_steps": 0}
    train(load_config(overrides=overrides), data, tmp_path / "first")
    saved = load_file(str(tmp_path / "first" / "final" / "adapter_model.safetensors"))
    model = build_model(load_config(overrides={**overrides, "train.init_adapter": str(tmp_path / "first" / "final")}), "fp32")
    weights = {k: v for k, v in model.state_dict().items() if "lora_B" in k}
    assert weights and all(float(v.abs().sum()) > 0 for v in weights.values())  # not LoRA's zero init
    assert sum(float(v.abs().sum()) for v in weights.values()) == pytest.approx(
        sum(float(v.abs().sum()) for k, v in saved.items() if "lora_B" in k), rel=1e-5)
    with pytest.raises(CalmaError, match="init_adapter"):
        build_model(load_config(overrides={**overrides, "lora.r": 4, "train.init_adapter": str(tmp_path / "first" / "final")}), "fp32")
    with pytest.raises(CalmaError, match="not found"):
        build_model(load_config(overrides={**overrides, "train.init_adapter": str(tmp_path / "nowhere")}), "fp32")


PHASE = {"train.sequence_unlikelihood_phase_steps": 3, "train.sequence_unlikelihood_tokens": 16}


def _phase_overrides(tiny_model_dir):
    return {"model.name": str(tiny_model_dir), "train.report_to": [], "train.batch_size": 2, "lora.r": 8,
            "train.max_steps": 4, "train.eval_steps": 2, "train.learning_rate": 1e-3, **PHASE}


def test_the_phase_after_training_replaces_final_and_keeps_the_first_adapter(tmp_path, tiny_model_dir, tokenizer):
    import json

    from safetensors.torch import load_file

    from calma.train.recipe import train
    from train_helpers import simple_splits, write_prepared

    data = write_prepared(tmp_path / "data", tokenizer, simple_splits())
    overrides = _phase_overrides(tiny_model_dir)
    alone = train(load_config(overrides={**overrides, "train.sequence_unlikelihood_phase_steps": 0}), data, tmp_path / "alone")
    out = tmp_path / "out"
    result = train(load_config(overrides=overrides), data, out)
    assert result.final_dir == out / "final" and result.global_step == 4 and result.phase_steps == 3
    assert result.phase_validation_loss is not None and result.phase_seconds > 0
    first = load_file(str(out / "final-likelihood" / "adapter_model.safetensors"))
    same_run = load_file(str(alone.final_dir / "adapter_model.safetensors"))
    final = load_file(str(out / "final" / "adapter_model.safetensors"))
    assert all(torch.equal(first[k], same_run[k]) for k in first)  # the first stage is the run without the phase
    assert any(not torch.equal(first[k], final[k]) for k in first)  # the phase moved the weights
    meta = json.loads((out / "final" / "calma.json").read_text())
    phase = meta["sequence_unlikelihood_phase"]
    assert phase["steps"] == 3 and phase["weight"] == 1.0 and phase["likelihood_adapter"] == "final-likelihood"
    assert phase["validation_loss_before"] == pytest.approx(result.best_metric)
    assert phase["learning_rate"] == 1e-3  # unset: the first stage's
    assert phase["stats"]["continuations"] == 3 * 2
    assert meta["global_step"] == 4  # the first stage's schedule and history stay what the report reads
    steps = [e["step"] for e in json.loads((out / "final" / "history.json").read_text()) if "step" in e]
    assert max(steps) == 4
    assert (out / "final" / "tokenizer.json").is_file()
    assert not (alone.final_dir.parent / "final-likelihood").exists()


def test_the_phase_runs_at_its_own_learning_rate_when_one_is_set(tmp_path, tiny_model_dir, tokenizer):
    import json

    from safetensors.torch import load_file

    from calma.train.recipe import train
    from train_helpers import simple_splits, write_prepared

    data = write_prepared(tmp_path / "data", tokenizer, simple_splits())
    overrides = _phase_overrides(tiny_model_dir)
    moved = {}
    for name, rate in (("same", None), ("slow", 1e-5)):
        out = tmp_path / name
        train(load_config(overrides={**overrides, "train.sequence_unlikelihood_phase_learning_rate": rate}), data, out)
        phase = json.loads((out / "final" / "calma.json").read_text())["sequence_unlikelihood_phase"]
        assert phase["learning_rate"] == (rate or 1e-3)
        first = load_file(str(out / "final-likelihood" / "adapter_model.safetensors"))
        final = load_file(str(out / "final" / "adapter_model.safetensors"))
        moved[name] = sum(float((final[k] - first[k]).abs().sum()) for k in first)
    assert 0 < moved["slow"] < moved["same"] / 10  # 100x lower peak rate: the phase moves the weights far less


def test_resuming_a_finished_run_with_the_phase_trains_nothing_more(tmp_path, tiny_model_dir, tokenizer):
    import json
    from safetensors.torch import load_file

    from calma.train.recipe import train
    from train_helpers import simple_splits, write_prepared

    data = write_prepared(tmp_path / "data", tokenizer, simple_splits())
    config = load_config(overrides=_phase_overrides(tiny_model_dir))
    out = tmp_path / "out"
    train(config, data, out)
    before = load_file(str(out / "final" / "adapter_model.safetensors"))
    again = train(config, data, out, resume=True)
    assert again.phase_steps == 3 and again.global_step == 4
    assert again.restored and not again.stopped_early  # it ran all its steps; nothing was trained again
    after = load_file(str(out / "final" / "adapter_model.safetensors"))
    assert all(torch.allclose(before[k], after[k]) for k in before)


def test_the_whole_job_eta_counts_the_phase_steps():
    from types import SimpleNamespace

    from calma.train.callbacks import LossProgressCallback

    args, state = SimpleNamespace(eval_steps=None), SimpleNamespace(max_steps=10, global_step=5)
    alone, with_phase = LossProgressCallback(), LossProgressCallback(then_steps=4, then_step_extra=3.0)
    for cb in (alone, with_phase):
        cb.step_seconds = [2.0] * 5
    assert alone.remaining_seconds(args, state) == pytest.approx(5 * 2.0)
    assert with_phase.remaining_seconds(args, state) == pytest.approx(5 * 2.0 + 4 * (2.0 + 3.0))
