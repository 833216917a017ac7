"""peft adapter -> GGUF LoRA file for the llama.cpp engine (no llama.cpp needed here)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from calma.errors import CalmaError
from calma.serve.gguf_lora import adapter_scaling, cached_gguf_lora, convert, rope_rows

gguf = pytest.importorskip("gguf")


def test_rope_rows_is_undone_by_the_gguf_loader_of_transformers():
    """transformers reads GGUF q/k weights back with its own reverse permutation: ours must be its inverse."""
    from transformers.modeling_gguf_pytorch_utils import LlamaTensorProcessor

    weight = np.arange(12 * 4 * 3, dtype=np.float32).reshape(12 * 4, 3)  # 4 heads of 12 rows
    for heads, kv_heads, rows in ((4, 4, 48), (4, 2, 24)):
        w = weight[:rows]
        processor = LlamaTensorProcessor(config={"num_attention_heads": heads, "num_key_value_heads": kv_heads})
        name = "blk.0.attn_q.weight" if rows == 48 else "blk.0.attn_k.weight"
        back = processor.process(rope_rows(w, kv_heads if rows == 24 else heads), name).weights
        assert np.array_equal(back, w)
        assert not np.array_equal(rope_rows(w, heads), w)


def test_scaling_follows_rslora():
    assert adapter_scaling({"r": 16, "lora_alpha": 32}) == 2.0
    assert adapter_scaling({"r": 16, "lora_alpha": 32, "use_rslora": True}) == 8.0


def _adapter(tmp_path, heads=4, kv_heads=2, hidden=32, rank=4):
    from safetensors.numpy import save_file

    rng = np.random.default_rng(0)
    head_dim = hidden // heads
    weights = {}
    for module, out in (("self_attn.q_proj", hidden), ("self_attn.k_proj", kv_heads * head_dim), ("mlp.down_proj", hidden)):
        prefix = f"base_model.model.model.layers.1.{module}"
        weights[f"{prefix}.lora_A.weight"] = rng.normal(size=(rank, hidden)).astype(np.float32)
        weights[f"{prefix}.lora_B.weight"] = rng.normal(size=(out, rank)).astype(np.float32)
    save_file(weights, str(tmp_path / "adapter_model.safetensors"))
    config = {"peft_type": "LORA", "r": rank, "lora_alpha": 8, "use_rslora": True}
    (tmp_path / "adapter_config.json").write_text(json.dumps(config))
    return weights


def test_convert_writes_named_tensors_alpha_and_type(tmp_path):
    weights = _adapter(tmp_path)
    out = convert(tmp_path, tmp_path / "out" / "lora.gguf", heads=4, kv_heads=2)
    reader = gguf.GGUFReader(str(out))
    tensors = {t.name: t for t in reader.tensors}
    assert set(tensors) == {f"blk.1.{m}.weight.lora_{x}" for m in ("attn_q", "attn_k", "ffn_down") for x in "ab"}
    a = weights["base_model.model.model.layers.1.mlp.down_proj.lora_A.weight"]
    assert np.array_equal(np.asarray(tensors["blk.1.ffn_down.weight.lora_a"].data).reshape(a.shape), a)
    b_k = weights["base_model.model.model.layers.1.self_attn.k_proj.lora_B.weight"]
    got = np.asarray(tensors["blk.1.attn_k.weight.lora_b"].data).reshape(b_k.shape)
    assert np.array_equal(got, rope_rows(b_k, 2))
    fields = reader.fields
    alpha = float(fields["adapter.lora.alpha"].parts[-1][0])
    assert alpha == pytest.approx(8 / 4 ** 0.5 * 4)  # llama.cpp's alpha / rank == peft's rsLoRA scaling
    assert bytes(fields["general.type"].parts[-1]).decode() == "adapter"
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temp file left behind


def test_cached_conversion_is_reused_and_bad_adapters_are_refused(tmp_path):
    _adapter(tmp_path)
    first = cached_gguf_lora(tmp_path, tmp_path / "cache", 4, 2)
    stamp = first.stat().st_mtime_ns
    assert cached_gguf_lora(tmp_path, tmp_path / "cache", 4, 2) == first and first.stat().st_mtime_ns == stamp
    (tmp_path / "adapter_config.json").write_text("{not json")
    with pytest.raises(CalmaError, match="adapter_config.json: not valid JSON"):
        convert(tmp_path, tmp_path / "x.gguf", 4, 2)
    with pytest.raises(CalmaError, match="not a peft LoRA adapter folder"):
        convert(tmp_path / "missing", tmp_path / "x.gguf", 4, 2)


def test_other_architectures_get_their_own_names_and_rotary_layout(tmp_path):
    """Qwen2 keeps Hugging Face's q/k row order in GGUF (llama.cpp's converter permutes Llama only),
    and the file names its architecture, which llama.cpp checks against the base model's."""
    weights = _adapter(tmp_path)
    out = convert(tmp_path, tmp_path / "qwen.gguf", heads=4, kv_heads=2, model_type="qwen2")
    reader = gguf.GGUFReader(str(out))
    assert bytes(reader.fields["general.architecture"].parts[-1]).decode() == "qwen2"
    tensors = {t.name: t for t in reader.tensors}
    b_k = weights["base_model.model.model.layers.1.self_attn.k_proj.lora_B.weight"]
    assert np.array_equal(np.asarray(tensors["blk.1.attn_k.weight.lora_b"].data).reshape(b_k.shape), b_k)
    llama = gguf.GGUFReader(str(convert(tmp_path, tmp_path / "llama.gguf", heads=4, kv_heads=2)))
    assert bytes(llama.fields["general.architecture"].parts[-1]).decode() == "llama"


def test_an_architecture_the_converter_does_not_know_is_one_line(tmp_path):
    _adapter(tmp_path)
    with pytest.raises(CalmaError, match="model type 'gpt2': .*convert_lora_to_gguf.py"):
        convert(tmp_path, tmp_path / "x.gguf", 4, 2, model_type="gpt2")
    assert not (tmp_path / "x.gguf").exists()
