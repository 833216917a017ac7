"""The unlikelihood term against repeating an answer's own tokens, and NEFTune's switch."""

from __future__ import annotations

import pytest
import torch

from calma.config import load_config
from calma.train.collator import answer_loss, answer_positions, repeat_candidates, unlikelihood_loss

# two rows: answer tokens [5, 6, 5, 7, 5] and [8, 8, 9]
LABELS = torch.tensor([[-100, -100, 5, 6, 5, 7, 5], [-100, 8, 8, 9, -100, -100, -100]])
# (answer position, earlier token of the same answer other than the target)
PAIRS = [(1, 5), (2, 6), (3, 5), (3, 6), (4, 6), (4, 7), (7, 8)]


def test_candidates_are_earlier_tokens_of_the_same_answer_except_the_target():
    pos, tok = repeat_candidates(LABELS)
    pairs = sorted(zip(pos.tolist(), tok.tolist()))
    # position 2 (target 5) may not be pushed away from 5; row 2 never sees row 1's tokens
    assert pairs == PAIRS


def test_no_candidates_for_one_token_answers():
    pos, tok = repeat_candidates(torch.tensor([[-100, -100, 4]]))
    assert pos.numel() == 0 and tok.numel() == 0


def _brute_force(logits: torch.Tensor, weight: float) -> torch.Tensor:
    probs = logits.softmax(-1)
    penalty = sum(-torch.log(1 - probs[p, t]) for p, t in PAIRS)
    return answer_loss({"logits": logits}, LABELS) + weight * penalty / 8


def test_loss_adds_the_weighted_penalty_per_answer_token_while_training():
    torch.manual_seed(0)
    logits = torch.randn(int(answer_positions(LABELS).sum()), 12, requires_grad=True)
    got = unlikelihood_loss(0.5)({"logits": logits}, LABELS)
    assert torch.allclose(got, _brute_force(logits, 0.5), atol=1e-5)
    # with the Trainer's count of the accumulated batch's answer tokens, the same divisor for both terms
    got = unlikelihood_loss(0.5)({"logits": logits}, LABELS, num_items_in_batch=torch.tensor(16))
    assert torch.allclose(got, _brute_force(logits, 0.5) / 2, atol=1e-5)


def test_evaluation_sees_the_plain_loss():
    logits = torch.randn(int(answer_positions(LABELS).sum()), 12)
    with torch.no_grad():
        assert torch.equal(unlikelihood_loss(1.0)({"logits": logits}, LABELS), answer_loss({"logits": logits}, LABELS))


def test_a_step_on_the_penalty_lowers_the_repeats_and_not_the_target():
    torch.manual_seed(1)
    logits = torch.zeros(int(answer_positions(LABELS).sum()), 12, requires_grad=True)
    unlikelihood_loss(1.0)({"logits": logits}, LABELS).backward()
    moved = logits.detach() - 0.5 * logits.grad
    probs = moved.softmax(-1)
    assert probs[3, 5] < 1 / 12 and probs[3, 6] < 1 / 12  # earlier tokens of the answer pushed down
    assert probs[3, 7] > 1 / 12  # the target pulled up


def test_full_logits_are_reduced_to_answer_positions():
    torch.manual_seed(2)
    full = torch.randn(2, 7, 12, requires_grad=True)
    got = unlikelihood_loss(0.5)({"logits": full}, LABELS)
    assert torch.allclose(got, _brute_force(full[answer_positions(LABELS)], 0.5), atol=1e-5)


def test_neftune_and_unlikelihood_are_off_by_default_and_reach_the_trainer(tmp_path):
    from calma.train.recipe import training_arguments

    assert load_config().train.unlikelihood == 0 and load_config().train.neftune_alpha is None
    config = load_config(overrides={"train.neftune_alpha": 5.0})
    args = training_arguments(config, tmp_path, eval_steps=10, device="cpu", precision="fp32")
    assert args.neftune_noise_alpha == 5.0


def test_a_run_with_both_switches_trains_and_reports_plain_validation_loss(tmp_path, tiny_model_dir, tokenizer):
    from calma.train.recipe import train
    from train_helpers import simple_splits, write_prepared

    data = write_prepared(tmp_path / "data", tokenizer, simple_splits())
    overrides = {"model.name": str(tiny_model_dir), "train.report_to": [], "train.batch_size": 2, "lora.r": 8,
                 "train.max_steps": 4, "train.eval_steps": 2, "train.learning_rate": 1e-3,
                 "train.sequence_unlikelihood_phase_steps": 0}
    plain = train(load_config(overrides=overrides), data, tmp_path / "plain")
    both = train(load_config(overrides={**overrides, "train.unlikelihood": 1.0, "train.neftune_alpha": 5.0}), data, tmp_path / "both")
    assert both.global_step == plain.global_step == 4

    def losses(result, key):
        return [e[key] for e in result.history if key in e]

    # the first validation loss (same seed, same data) differs only by what 2 steps of training changed,
    # while the training loss carries the extra unlikelihood term from the first step on
    assert losses(both, "loss")[0] > losses(plain, "loss")[0]
    assert abs(losses(both, "eval_loss")[0] - losses(plain, "eval_loss")[0]) < 0.5


def test_kl_to_base_is_zero_for_the_same_logits_and_matches_a_direct_sum():
    from calma.train.collator import kl_to_base_sum

    torch.manual_seed(2)
    n = int(answer_positions(LABELS).sum())
    base = torch.randn(n, 12)
    assert float(kl_to_base_sum(base.clone(), base, LABELS)) == pytest.approx(0.0, abs=1e-5)
    logits = torch.randn(n, 12)
    p, q = base.softmax(-1), logits.softmax(-1)
    assert float(kl_to_base_sum(logits, base, LABELS)) == pytest.approx(float((p * (p.log() - q.log())).sum()), rel=1e-5)


def _kl_trainer(tiny_model_dir, tmp_path, weight, perturb: bool):
    from transformers import TrainingArguments

    from calma.train.memory import GIB, MemoryPlan
    from calma.train.recipe import build_model, make_trainer_class

    config = load_config(overrides={"model.name": str(tiny_model_dir), "lora.dropout": 0.0, "lora.r": 4})
    torch.manual_seed(0)
    model = build_model(config, "fp32")
    if perturb:
        for name, param in model.named_parameters():
            if "lora_B" in name:
                param.data.normal_(0, 0.5)
    args = TrainingArguments(output_dir=str(tmp_path), report_to=[], use_cpu=True, remove_unused_columns=False)
    plan = MemoryPlan(100_000, False, 8 * GIB, 0, 0, 1, "test")
    trainer = make_trainer_class()(model=model, args=args, compute_loss_func=answer_loss, memory_plan=plan, device="cpu",
                                   kl_to_base=weight)
    return trainer, model


def test_the_kl_term_adds_nothing_at_the_start_and_charges_a_moved_adapter_for_its_distance(tiny_model_dir, tmp_path, tokenizer):
    from calma.train.collator import AnswerCollator
    from train_helpers import PAIRS as QA, encode

    batch = AnswerCollator(pad_token_id=tokenizer.pad_token_id)([encode(tokenizer, q, a) for q, a in QA[:3]])
    items = (batch["labels"][:, 1:] != -100).sum()
    losses, evaluated = {}, {}
    for perturb in (False, True):
        for weight in (0.0, 2.0):
            trainer, model = _kl_trainer(tiny_model_dir, tmp_path, weight, perturb)
            model.train()
            losses[perturb, weight] = float(trainer.compute_loss(model, dict(batch), num_items_in_batch=items).detach())
            model.eval()
            with torch.no_grad():
                evaluated[perturb, weight] = float(trainer.compute_loss(model, dict(batch), num_items_in_batch=items))
    # LoRA starts as the identity (B = 0): the adapter is the base, KL 0
    assert losses[False, 2.0] == pytest.approx(losses[False, 0.0], rel=1e-6)
    # a moved adapter pays for its distance from the base
    assert losses[True, 2.0] > losses[True, 0.0] + 1e-3
    # evaluation sees the plain loss, comparable with runs without the term
    assert evaluated[True, 2.0] == pytest.approx(evaluated[True, 0.0], rel=1e-6)
