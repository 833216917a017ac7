"""`calma export`: merged weights equal base + adapter, a GGUF LoRA llama.cpp can read, atomic output."""

from __future__ import annotations

import json

import pytest
import torch

from calma.cli import main
from calma.config import load_config
from calma.errors import CalmaError
from calma.export import export
from evaluate_helpers import write_adapter


@pytest.fixture(scope="module")
def adapter_dir(tmp_path_factory, tiny_model_dir, tokenizer):
    return write_adapter(tmp_path_factory.mktemp("run") / "final", tiny_model_dir, tokenizer, seed=3)


def config_for(model_dir):
    return load_config(overrides={"model.name": str(model_dir)})


def test_merged_export_loads_without_peft_and_matches_base_plus_adapter(tmp_path, adapter_dir, tiny_model_dir):
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    out = export(str(adapter_dir), "merged", tmp_path / "merged", config_for(tiny_model_dir))
    assert (out / "model.safetensors").is_file() and not (out / "adapter_config.json").exists()
    merged = AutoModelForCausalLM.from_pretrained(out).eval()
    reference = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(tiny_model_dir), str(adapter_dir)).eval()
    ids = torch.randint(0, 1000, (2, 16))
    with torch.no_grad():
        want, got = reference(input_ids=ids).logits, merged(input_ids=ids).logits
        base = AutoModelForCausalLM.from_pretrained(tiny_model_dir).eval()(input_ids=ids).logits
    torch.testing.assert_close(got, want, rtol=1e-4, atol=1e-5)
    assert not torch.allclose(got, base, atol=1e-3)  # the adapter is in there
    tokenizer = AutoTokenizer.from_pretrained(out)
    assert tokenizer.apply_chat_template([{"role": "user", "content": "hi"}], tokenize=False, add_generation_prompt=True)
    card = (out / "README.md").read_text()
    assert "eval-test-data" in card and "crisis gate" in card and str(tiny_model_dir) in card
    generation = merged.generation_config  # plain generate() decodes as calma serve does, penalty included
    assert generation.do_sample and generation.temperature == 0.5 and generation.repetition_penalty == 1.1


def test_gguf_lora_export_is_a_gguf_adapter_with_the_right_scale(tmp_path, adapter_dir, tiny_model_dir):
    import gguf

    from calma.serve.gguf_lora import adapter_scaling

    out = export(str(adapter_dir), "gguf-lora", tmp_path / "lora", config_for(tiny_model_dir))
    reader = gguf.GGUFReader(str(out / "adapter.gguf"))
    names = {t.name for t in reader.tensors}
    assert "blk.0.attn_q.weight.lora_a" in names and "blk.1.ffn_down.weight.lora_b" in names
    alpha = reader.fields[gguf.Keys.Adapter.LORA_ALPHA]
    config = json.loads((adapter_dir / "adapter_config.json").read_text())
    assert float(alpha.parts[alpha.data[0]][0]) == pytest.approx(adapter_scaling(config) * config["r"])
    assert "llama-server" in (out / "README.md").read_text()


def test_bad_input_is_one_line_and_a_failed_export_leaves_nothing(tmp_path, tiny_model_dir, adapter_dir, capsys, monkeypatch):
    assert main(["export", str(tmp_path), "--format", "merged", "--output", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert "not a peft adapter folder" in err and len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit):
        main(["export", str(adapter_dir), "--format", "onnx", "--output", str(tmp_path / "x")])
    with pytest.raises(CalmaError, match="needs an adapter"):
        export("base", "gguf-lora", tmp_path / "y", config_for(tiny_model_dir))
    import calma.export as module

    monkeypatch.setattr(module, "model_card", lambda *a: (_ for _ in ()).throw(RuntimeError("disk full")))
    with pytest.raises(RuntimeError):
        export(str(adapter_dir), "merged", tmp_path / "z", config_for(tiny_model_dir))
    assert not (tmp_path / "z").exists() and not list(tmp_path.glob(".z*"))
