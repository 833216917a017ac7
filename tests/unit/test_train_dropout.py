"""The cheaper LoRA dropout keeps peft's semantics: probability, scaling, eval identity, seeding."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from calma.train.dropout import LoraInputDropout, use_fast_lora_dropout  # noqa: E402


def test_drops_with_probability_p_and_keeps_the_mean():
    torch.manual_seed(0)
    dropout = LoraInputDropout(0.15).train()
    x = torch.ones(200_000)
    y = dropout(x)
    dropped = (y == 0).float().mean().item()
    assert abs(dropped - 0.15) < 0.005
    kept = y[y != 0]
    assert torch.allclose(kept, torch.full_like(kept, 1 / 0.85))
    assert abs(y.mean().item() - 1.0) < 0.01


def test_eval_mode_and_p_zero_are_identity_and_gradients_follow_the_mask():
    x = torch.randn(4, 8, requires_grad=True)
    assert LoraInputDropout(0.15).eval()(x) is x
    assert LoraInputDropout(0.0).train()(x) is x
    torch.manual_seed(1)
    y = LoraInputDropout(0.5).train()(x)
    y.sum().backward()
    assert torch.equal(x.grad, (y != 0).float() * 2.0)


def test_same_seed_same_mask():
    dropout = LoraInputDropout(0.15).train()
    x = torch.randn(64, 64)
    torch.manual_seed(5)
    a = dropout(x)
    torch.manual_seed(5)
    assert torch.equal(a, dropout(x))
    with pytest.raises(ValueError):
        LoraInputDropout(1.0)


def test_swaps_every_lora_dropout_of_a_peft_model(tiny_model_dir):
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    base = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    targets = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
    model = get_peft_model(base, LoraConfig(r=4, lora_alpha=8, lora_dropout=0.15, target_modules=targets))
    assert use_fast_lora_dropout(model) == len(targets) * base.config.num_hidden_layers
    kinds = {type(m).__name__ for m in model.modules() if "Dropout" in type(m).__name__}
    assert kinds == {"LoraInputDropout"}
    ids = torch.tensor([[1, 2, 3, 4]])
    model.eval()
    with torch.no_grad():
        first, second = model(ids).logits, model(ids).logits
    assert torch.equal(first, second)  # eval: no dropout anywhere
