"""The fused LoRA branch computes peft's LoRA (dropout, A, B, scaling) and its gradients."""

from __future__ import annotations

import copy

import pytest
import torch

from calma.config import load_config
from calma.train.fused_lora import LoraBranch, keep_mask, use_fused_lora
from calma.train.recipe import build_model


def test_keep_mask_keeps_with_probability_one_minus_p():
    torch.manual_seed(0)
    mask = keep_mask(torch.empty(400_000), 0.15)
    assert mask.dtype == torch.bool
    assert mask.float().mean().item() == pytest.approx(0.85, abs=0.003)


def test_branch_equals_inverted_dropout_then_a_then_b_with_the_same_mask():
    torch.manual_seed(1)
    x = torch.randn(3, 7, 16, dtype=torch.float64, requires_grad=True)
    a = torch.randn(4, 16, dtype=torch.float64, requires_grad=True)
    b = torch.randn(5, 4, dtype=torch.float64, requires_grad=True)
    p, scale = 0.3, 1.7
    torch.manual_seed(7)
    out = LoraBranch.apply(x, a, b, p, scale)
    torch.manual_seed(7)
    mask = keep_mask(x, p)
    reference = ((x * mask / (1 - p)) @ a.t() @ b.t()) * scale
    torch.testing.assert_close(out, reference)
    grad = torch.randn_like(out)
    got = torch.autograd.grad(out, (x, a, b), grad)
    want = torch.autograd.grad(reference, (x, a, b), grad)
    for g, w in zip(got, want):
        torch.testing.assert_close(g, w)


def test_no_dropout_branch_passes_gradcheck():
    torch.manual_seed(2)
    x = torch.randn(2, 3, 6, dtype=torch.float64, requires_grad=True)
    a = torch.randn(2, 6, dtype=torch.float64, requires_grad=True)
    b = torch.randn(4, 2, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda x, a, b: LoraBranch.apply(x, a, b, 0.0, 0.5), (x, a, b))


@pytest.mark.parametrize("precision", ["fp32", "bf16"])
def test_fused_model_matches_peft_losses_and_gradients(tiny_model_dir, precision):
    config = load_config(overrides={"model.name": str(tiny_model_dir), "lora.dropout": 0.0, "train.fused_lora": False})
    torch.manual_seed(0)
    peft_model = build_model(config, precision)
    for name, param in peft_model.named_parameters():
        if "lora_B" in name:
            param.data.normal_(0, 0.05)
    fused = copy.deepcopy(peft_model)
    assert use_fused_lora(fused) == 7 * 2
    ids = torch.randint(0, 1000, (2, 24))
    losses, grads = [], []
    for model in (peft_model, fused):
        model.train()
        out = model(input_ids=ids, labels=ids)
        out.loss.backward()
        losses.append(float(out.loss))
        grads.append({n: p.grad.float() for n, p in model.named_parameters() if p.grad is not None})
    tol = {"fp32": (1e-5, 1e-6), "bf16": (3e-2, 2e-3)}[precision]
    assert losses[1] == pytest.approx(losses[0], rel=tol[0])
    assert grads[0].keys() == grads[1].keys() and len(grads[0]) == 2 * 7 * 2  # A and B of 7 projections in 2 layers
    for name in grads[0]:
        torch.testing.assert_close(grads[1][name], grads[0][name], rtol=tol[0] * 10, atol=tol[1])
    assert all(p.grad.dtype == torch.float32 for n, p in fused.named_parameters() if p.grad is not None)
    fused.eval()
    with torch.no_grad(), fused.disable_adapter():  # disabled adapter: peft's own path, the base alone
        base = fused(input_ids=ids).logits
    with torch.no_grad():
        tuned = fused(input_ids=ids).logits
    assert not torch.allclose(base, tuned)
