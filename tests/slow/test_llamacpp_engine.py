"""The optional llama.cpp engine on the embedded Q4_1 GGUF, against the transformers engine.

Skips where llama-cpp-python is not installed (`make llamacpp` builds it; CI does not)."""

from __future__ import annotations

import threading

import pytest

from calma.serve.decoding import SamplingParams

pytest.importorskip("llama_cpp", reason="llama-cpp-python not installed (make llamacpp)")
torch = pytest.importorskip("torch")
pytestmark = pytest.mark.slow

PROMPT = [{"role": "user", "content": "Work has been stressful and I keep replaying every mistake at night."}]


@pytest.fixture(scope="module")
def adapter_dir(embedded_model_dir, tmp_path_factory):
    """A LoRA adapter on the embedded model with non-zero B on every projection (rsLoRA)."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(7)
    base = AutoModelForCausalLM.from_pretrained(embedded_model_dir)
    config = LoraConfig(r=8, lora_alpha=16, use_rslora=True, init_lora_weights=False,
                        target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"])
    model = get_peft_model(base, config)
    for name, param in model.named_parameters():
        if "lora_B" in name:
            torch.nn.init.normal_(param, std=0.06)  # big enough to stand out of the kernels' rounding
    out = tmp_path_factory.mktemp("adapter")
    model.save_pretrained(out)
    return out


@pytest.fixture(scope="module")
def engine(adapter_dir):
    from calma.serve.llamacpp import LlamaCppEngine

    eng = LlamaCppEngine("smollm2-135m-instruct", adapter_dir)
    yield eng
    eng.close()


def test_the_converted_adapter_changes_logits_as_peft_does(engine, embedded_model_dir, adapter_dir):
    """Same base weights (the Q4_1 GGUF, de-quantized for transformers): the adapter's effect on
    the next-token logits must be the same one, whatever the kernels' rounding."""
    from calma.serve.engine import TransformersEngine

    reference = TransformersEngine(str(embedded_model_dir), adapter_dir, device="cpu", quantize="none")
    try:
        want = reference.last_logits(PROMPT, "therapeutic") - reference.last_logits(PROMPT, "casual")
        base_want = reference.last_logits(PROMPT, "casual")
    finally:
        reference.close()
    casual = engine.last_logits(PROMPT, "casual")
    got = engine.last_logits(PROMPT, "therapeutic") - casual
    assert got.abs().max() > 0.5  # the adapter is applied at all
    # names, q/k row order and scale right: measured corr 0.99, ratio 0.95 (0.85 and 1.69 without the q/k reorder)
    assert torch.corrcoef(torch.stack([got, want]))[0, 1] > 0.95
    assert 0.8 < got.norm() / want.norm() < 1.25
    assert casual.argmax() == base_want.argmax()


def test_generation_streams_stops_and_cancels(engine):
    greedy = SamplingParams(temperature=0, max_new_tokens=12)
    whole = engine.generate(PROMPT, "therapeutic", greedy)
    assert whole.completion_tokens == 12 and whole.finish_reason == "length" and whole.adapter == engine.adapter_version
    pieces: list[str] = []
    streamed = engine.submit(PROMPT, "therapeutic", greedy, on_text=pieces.append).result(timeout=60)
    assert len(pieces) > 1 and "".join(pieces) == streamed.text
    # a warm cache (the same prompt again) may round differently, but the reply stays the model's
    assert streamed.text.split()[:2] == whole.text.split()[:2]
    casual = engine.generate(PROMPT, "casual", greedy)
    assert casual.adapter is None and casual.text != whole.text
    cancel = threading.Event()
    long = SamplingParams(temperature=0.8, max_new_tokens=2000, seed=1)
    result = engine.submit(PROMPT, "casual", long, on_text=lambda _: cancel.set(), cancel=cancel).result(timeout=60)
    assert result.finish_reason == "cancelled" and result.completion_tokens < 10


def test_adapter_swap_and_removal(engine, adapter_dir):
    engine.use_adapter(None)
    try:
        assert torch.equal(engine.last_logits(PROMPT, "therapeutic"), engine.last_logits(PROMPT, "casual"))
    finally:
        engine.use_adapter(adapter_dir, "again")
    assert engine.describe()["adapter_version"] == "again"
    assert not torch.equal(engine.last_logits(PROMPT, "therapeutic"), engine.last_logits(PROMPT, "casual"))
