"""Int8 weight-only base for CPU decoding: close to fp32, LoRA still attaches and still matters."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from calma.serve.quant import Int8Linear, int8_kernel_available, quantize_int8, resolve_quantize  # noqa: E402

pytestmark = pytest.mark.skipif(not int8_kernel_available(), reason="this torch build has no int8 weight-only kernel")


@pytest.mark.parametrize("rows", [1, 3, 8, 9, 40])
def test_int8_linear_matches_fp32_on_both_paths(rows):
    torch.manual_seed(0)
    linear = torch.nn.Linear(64, 96, bias=True)
    q = Int8Linear(linear)
    x = torch.randn(rows, 64)
    expected, got = linear(x), q(x)
    assert got.shape == expected.shape and got.dtype == torch.float32
    # int8 rows + bf16 activations: within 2% of the output scale, never an unrelated answer
    assert (got - expected).abs().max() < 0.02 * expected.abs().max()
    assert q.weight.dtype == torch.int8 and not q.weight.requires_grad


def test_resolve_quantize():
    assert resolve_quantize("auto", "cpu", torch.float32) == "int8"
    assert resolve_quantize("auto", "cpu", torch.bfloat16) == "none"
    assert resolve_quantize("auto", "cuda", torch.float32) == "none"
    assert resolve_quantize("none", "cpu", torch.float32) == "none"
    assert resolve_quantize("int8", "cuda", torch.float32) == "none"


def _model(tiny_model_dir):
    from transformers import AutoModelForCausalLM

    return AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32).eval()


def test_quantized_model_keeps_next_token_and_lora_attaches_after(tiny_model_dir, tmp_path):
    from peft import LoraConfig, PeftModel, get_peft_model

    torch.manual_seed(3)
    trained = get_peft_model(_model(tiny_model_dir), LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj", "down_proj"],
                                                                init_lora_weights=False))
    for name, param in trained.named_parameters():
        if "lora_B" in name:
            torch.nn.init.normal_(param, std=0.5)
    trained.save_pretrained(tmp_path)

    ids = torch.tensor([[1, 5, 9, 33, 70, 12, 4]])
    reference = PeftModel.from_pretrained(_model(tiny_model_dir), str(tmp_path)).eval()
    base = _model(tiny_model_dir)
    replaced = quantize_int8(base)
    n_layers = base.config.num_hidden_layers
    assert replaced == 7 * n_layers + 1  # every projection and the output layer
    model = PeftModel.from_pretrained(base, str(tmp_path)).eval()
    assert type(model.base_model.model.model.layers[0].self_attn.q_proj.base_layer) is Int8Linear
    with torch.inference_mode():
        want, got = reference(ids).logits[0], model(ids).logits[0]
        with model.disable_adapter():
            plain = model(ids).logits[0]
    assert torch.allclose(got, want, atol=0.05 * want.abs().max().item())
    assert (got[-1].argmax() == want[-1].argmax()).item()
    assert (got - plain).abs().max() > 0.1  # the adapter still changes the output


def test_engine_reports_quantization_and_decodes_like_fp32(tiny_model_dir):
    from calma.serve.decoding import SamplingParams
    from calma.serve.engine import TransformersEngine

    greedy = SamplingParams(temperature=0, max_new_tokens=8)
    prompt = [{"role": "user", "content": "good morning, how are you?"}]
    engines = [TransformersEngine(str(tiny_model_dir), None, device="cpu", quantize=q) for q in ("int8", "none")]
    try:
        assert [e.describe()["quantize"] for e in engines] == ["int8", "none"]
        first = [e.last_logits(prompt, "casual") for e in engines]
        assert first[0].argmax() == first[1].argmax()
        assert all(e.generate(prompt, "casual", greedy).completion_tokens == 8 for e in engines)
    finally:
        for e in engines:
            e.close()
