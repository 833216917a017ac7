"""The built-in engine on a tiny random Llama: batching, streaming, stops, cancel, adapter on/off."""

from __future__ import annotations

import threading

import pytest

from calma.serve.decoding import Row, SamplingParams, _advance_text

torch = pytest.importorskip("torch")

GREEDY = SamplingParams(temperature=0, max_new_tokens=10, repetition_penalty=1.3)
PROMPTS = [[{"role": "user", "content": "hello " * k + "how are things?"}] for k in range(1, 5)]


@pytest.fixture(scope="module")
def lora_dirs(tiny_model_dir, tmp_path_factory):
    """Two freshly initialised LoRA adapters with non-zero B (so they change the output)."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    dirs = []
    for seed in (1, 2):
        torch.manual_seed(seed)
        base = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
        config = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj", "o_proj"], init_lora_weights=False)
        model = get_peft_model(base, config)
        for name, param in model.named_parameters():
            if "lora_B" in name:
                torch.nn.init.normal_(param, std=0.5)
        out = tmp_path_factory.mktemp(f"adapter{seed}")
        model.save_pretrained(out)
        dirs.append(out)
    return dirs


@pytest.fixture(scope="module")
def engine(tiny_model_dir, lora_dirs):
    from calma.serve.engine import TransformersEngine

    eng = TransformersEngine(str(tiny_model_dir), lora_dirs[0], device="cpu", batch_window_ms=50)
    yield eng
    eng.close()


def test_concurrent_requests_share_one_batch_and_match_sequential(engine):
    sequential = [engine.generate(p, "therapeutic", GREEDY) for p in PROMPTS]
    before = engine.batches
    futures = [engine.submit(p, "therapeutic", GREEDY) for p in PROMPTS]
    batched = [f.result(timeout=60) for f in futures]
    assert engine.batches - before < len(PROMPTS)  # at least two requests decoded together
    # left padding + position ids are right: a padded row decodes exactly like it does alone
    assert [b.text for b in batched] == [s.text for s in sequential]
    assert all(b.completion_tokens == GREEDY.max_new_tokens for b in batched)


def test_a_request_arriving_mid_batch_joins_it_and_leaves_when_done(engine):
    """Continuous batching: the newcomer is decoded with the running row (no second batch),
    finishes first although it came second, and both match their sequential replies."""
    long = SamplingParams(temperature=0, max_new_tokens=60, repetition_penalty=1.3)
    short = SamplingParams(temperature=0, max_new_tokens=4, repetition_penalty=1.3)
    alone = [engine.generate(PROMPTS[3], "therapeutic", long), engine.generate(PROMPTS[0], "therapeutic", short)]
    started = threading.Event()
    before = engine.batches
    first = engine.submit(PROMPTS[3], "therapeutic", long, on_text=lambda _: started.set())
    assert started.wait(60)
    second = engine.submit(PROMPTS[0], "therapeutic", short)
    short_result = second.result(timeout=60)
    assert not first.done()  # the short reply did not wait for the long one
    long_result = first.result(timeout=60)
    assert engine.batches - before == 1
    assert [long_result.text, short_result.text] == [a.text for a in alone]
    assert short_result.completion_tokens == 4 and long_result.completion_tokens == 60


def test_the_other_role_waits_for_the_batch_to_drain_then_runs(engine):
    long = SamplingParams(temperature=0, max_new_tokens=30)
    started = threading.Event()
    first = engine.submit(PROMPTS[1], "therapeutic", long, on_text=lambda _: started.set())
    assert started.wait(60)
    other = engine.submit(PROMPTS[2], "casual", SamplingParams(temperature=0, max_new_tokens=3))
    late = engine.submit(PROMPTS[0], "therapeutic", SamplingParams(temperature=0, max_new_tokens=3))
    assert other.result(timeout=60).completion_tokens == 3 and first.done()  # no interleaving of roles
    assert late.result(timeout=60).completion_tokens == 3


def test_stream_pieces_join_to_the_completion(engine):
    whole = engine.generate(PROMPTS[0], "casual", GREEDY)
    pieces = list(engine.stream_sync(PROMPTS[0], "casual", GREEDY))
    assert len(pieces) > 1 and "".join(pieces) == whole.text


def test_max_new_tokens_and_usage(engine):
    result = engine.generate(PROMPTS[1], "casual", SamplingParams(temperature=0.8, max_new_tokens=3, seed=5))
    assert result.completion_tokens == 3 and result.finish_reason == "length"
    assert result.prompt_tokens == len(engine._prompt_ids(PROMPTS[1]))


def test_cancel_stops_generation(engine):
    cancel = threading.Event()
    long = SamplingParams(temperature=0.8, max_new_tokens=2000, seed=1)
    future = engine.submit(PROMPTS[0], "casual", long, on_text=lambda _: cancel.set(), cancel=cancel)
    result = future.result(timeout=60)
    assert result.finish_reason == "cancelled" and result.completion_tokens < 10


def test_adapter_on_and_off_change_the_logits(engine, tiny_model_dir, lora_dirs):
    from transformers import AutoModelForCausalLM

    therapeutic = engine.last_logits(PROMPTS[0], "therapeutic")
    casual = engine.last_logits(PROMPTS[0], "casual")
    assert not torch.allclose(therapeutic, casual, atol=1e-4)
    from calma.serve.quant import quantize_int8

    base = AutoModelForCausalLM.from_pretrained(tiny_model_dir).eval()
    if engine.quantized == "int8":  # the default on CPU: the same int8 base, quantized the same way
        quantize_int8(base)
    ids = torch.tensor([engine._prompt_ids(PROMPTS[0])])
    with torch.inference_mode():
        expected = base(input_ids=ids).logits[0, -1]
    assert torch.allclose(casual, expected, atol=1e-5)  # adapter disabled = exactly the base weights


def test_hot_swap_between_batches(engine, lora_dirs):
    first = engine.last_logits(PROMPTS[0], "therapeutic")
    engine.use_adapter(lora_dirs[1], "v2")
    try:
        assert engine.adapter_version == "v2"
        assert not torch.allclose(engine.last_logits(PROMPTS[0], "therapeutic"), first, atol=1e-4)
        assert len(engine.model.peft_config) == 1  # the old adapter was dropped, not kept around
    finally:
        engine.use_adapter(lora_dirs[0], "v1")
    assert torch.allclose(engine.last_logits(PROMPTS[0], "therapeutic"), first, atol=1e-6)


def test_bad_adapter_swap_keeps_serving_the_old_one(engine, tmp_path):
    from calma.errors import CalmaError

    with pytest.raises(CalmaError, match="adapter"):
        engine.use_adapter(tmp_path / "missing", "bad")
    assert engine.adapter_version == "v1"
    assert engine.generate(PROMPTS[0], "therapeutic", GREEDY).completion_tokens > 0


class _CharTokenizer:
    """Each token id is one character: enough to test stop strings and hold-back."""

    def decode(self, ids, skip_special_tokens=True):
        return "".join(chr(i) for i in ids)


def test_stop_strings_are_cut_and_never_leak_in_the_stream():
    sent: list[str] = []
    row = Row([1], SamplingParams(stop=("END",)), on_text=sent.append)
    for ch in "Hi there EN":
        row.tokens.append(ord(ch))
        _advance_text(row, _CharTokenizer())
    assert "".join(sent) == "Hi there "  # "EN" held back: it may start a stop string
    for ch in "D more":
        row.tokens.append(ord(ch))
        _advance_text(row, _CharTokenizer())
        if row.finish_reason:
            break
    assert row.finish_reason == "stop" and "".join(sent) == "Hi there " and row.completion().text == "Hi there "


def test_sampling_respects_seed(engine):
    params = SamplingParams(temperature=1.0, top_p=0.9, max_new_tokens=8, seed=11)
    a = engine.generate(PROMPTS[2], "casual", params)
    b = engine.generate(PROMPTS[2], "casual", params)
    c = engine.generate(PROMPTS[2], "casual", SamplingParams(temperature=1.0, top_p=0.9, max_new_tokens=8, seed=12))
    assert a.text == b.text and c.text != a.text


def test_top_p_samples_only_the_nucleus_in_proportion():
    from calma.serve.decoding import _nucleus, _sample

    probs = torch.tensor([0.05, 0.5, 0.15, 0.3])
    tokens, weights = _nucleus(probs, 0.8)
    assert tokens.tolist() == [1, 3] and torch.allclose(weights, torch.tensor([0.5, 0.3]))
    rows = [Row([0], SamplingParams(temperature=1.0, top_p=0.8, repetition_penalty=1.0))]
    gen = torch.Generator().manual_seed(0)
    logits = probs.log()[None, :]
    draws = [int(_sample(logits, rows, torch.tensor([[0]]), [gen])[0]) for _ in range(2000)]
    assert set(draws) == {1, 3}
    assert abs(draws.count(1) / 2000 - 0.5 / 0.8) < 0.04


def test_a_request_with_unusable_settings_fails_alone_and_its_batch_goes_on(engine):
    bad = SamplingParams(temperature=0.7, max_new_tokens=4, seed=2**70)  # past torch's seed range
    good = [engine.submit(p, "therapeutic", GREEDY) for p in PROMPTS[:2]]
    failing = engine.submit(PROMPTS[2], "therapeutic", bad)
    later = engine.submit(PROMPTS[3], "therapeutic", GREEDY)
    with pytest.raises((RuntimeError, ValueError, OverflowError)):
        failing.result(timeout=60)
    assert all(f.result(timeout=60).completion_tokens == GREEDY.max_new_tokens for f in [*good, later])
