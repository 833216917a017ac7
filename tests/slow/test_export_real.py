"""`calma export --format gguf/ollama` on the real embedded model: a GGUF llama.cpp can load."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from evaluate_helpers import write_adapter  # noqa: E402

from calma.config import load_config  # noqa: E402
from calma.export import export  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def exported(tmp_path_factory, embedded_model_dir, tokenizer):
    folder = tmp_path_factory.mktemp("export")
    adapter = write_adapter(folder / "run" / "final", embedded_model_dir, tokenizer, seed=5,
                            meta={"base_model": "smollm2-135m-instruct"})
    out = export(str(adapter), "ollama", folder / "ollama", load_config())
    return adapter, out


def test_the_gguf_keeps_the_metadata_and_holds_the_merged_weights(exported, embedded_model_dir):
    import gguf
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    from calma.models.resolve import embedded_gguf_path
    from calma.serve.gguf_lora import rope_rows

    adapter, out = exported
    reader = gguf.GGUFReader(str(out / "model.gguf"))
    source = gguf.GGUFReader(str(embedded_gguf_path()))
    assert [t.name for t in reader.tensors] == [t.name for t in source.tensors]
    assert reader.fields["tokenizer.chat_template"].contents() == source.fields["tokenizer.chat_template"].contents()
    assert reader.fields["general.file_type"].contents() == int(gguf.LlamaFileType.MOSTLY_Q8_0)
    merged = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(embedded_model_dir), str(adapter)).merge_and_unload()
    state = merged.state_dict()
    base = AutoModelForCausalLM.from_pretrained(embedded_model_dir).state_dict()
    tensors = {t.name: t for t in reader.tensors}
    for gguf_name, hf_name, heads in (("blk.0.attn_q.weight", "model.layers.0.self_attn.q_proj.weight", 9),
                                      ("blk.3.ffn_up.weight", "model.layers.3.mlp.up_proj.weight", None)):
        t = tensors[gguf_name]
        got = gguf.quants.dequantize(t.data, t.tensor_type).reshape(state[hf_name].shape)
        want = state[hf_name].float().numpy()
        if heads:
            want = rope_rows(want, heads)
        scale = np.abs(want).max()
        assert np.abs(got - want).max() < 0.01 * scale  # q8_0 rounding only
        if "up_proj" in hf_name:  # the adapter (on up_proj) is merged in, not the plain base
            assert np.abs(got - base[hf_name].float().numpy()).max() > 0.05 * scale
    modelfile = (out / "Modelfile").read_text()
    assert "FROM ./model.gguf" in modelfile and 'PARAMETER stop "<|im_end|>"' in modelfile and "<|im_start|>" in modelfile
    assert "crisis gate" in (out / "README.md").read_text()


@pytest.fixture(scope="module")
def gentle_export(tmp_path_factory, embedded_model_dir, tokenizer):
    """An adapter of a trained one's strength: the random one above (scale 16) turns the model into
    noise whose top two tokens are nearly tied, so q8_0 rounding alone would flip greedy choices."""
    from safetensors.torch import load_file, save_file

    folder = tmp_path_factory.mktemp("gentle")
    adapter = write_adapter(folder / "run" / "final", embedded_model_dir, tokenizer, seed=5,
                            meta={"base_model": "smollm2-135m-instruct"})
    weights = load_file(adapter / "adapter_model.safetensors")
    save_file({k: v * 0.02 if "lora_B" in k else v for k, v in weights.items()}, adapter / "adapter_model.safetensors")
    return adapter, export(str(adapter), "gguf", folder / "gguf", load_config())


def test_llama_cpp_loads_it_and_greedy_decodes_like_transformers(gentle_export):
    """Teacher-forced on transformers' greedy answer: llama.cpp picks the same token wherever
    transformers' choice is clear (top-1 ahead by 0.5 logit or more), and its logits track
    transformers' at every step. (Free-running greedy equality is not a fair test: llama.cpp also
    rounds activations to 8 bits, and this model's first tokens are often near ties; measured on
    the base model itself, transformers and llama.cpp part at the first token on some prompts.)"""
    llama_cpp = pytest.importorskip("llama_cpp", reason="llama-cpp-python not installed (make llamacpp)")
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from calma.models import resolve_model

    adapter, out = gentle_export
    base_dir = resolve_model("smollm2-135m-instruct")
    model = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(base_dir), str(adapter)).merge_and_unload().eval()
    tokenizer = AutoTokenizer.from_pretrained(base_dir)
    llm = llama_cpp.Llama(str(out / "model.gguf"), n_ctx=512, verbose=False, logits_all=True)
    steps = 8
    clear = 0
    for question in ("How can I sleep better before exams?", "I feel lonely since I moved. What can I do?"):
        prompt = tokenizer.apply_chat_template([{"role": "user", "content": question}], tokenize=False, add_generation_prompt=True)
        ids = tokenizer(prompt, return_tensors="pt", add_special_tokens=False)["input_ids"]
        with torch.no_grad():
            full = model.generate(input_ids=ids, max_new_tokens=steps, do_sample=False, repetition_penalty=1.0)
            want = model(input_ids=full).logits[0, ids.shape[1] - 1 : ids.shape[1] - 1 + steps].float().numpy()
        tokens = llm.tokenize(prompt.encode(), add_bos=False, special=True)
        assert tokens == ids[0].tolist()  # the GGUF's tokenizer is the model's
        llm.reset()
        llm.eval(full[0].tolist())
        got = np.asarray(llm.scores[ids.shape[1] - 1 : ids.shape[1] - 1 + steps])
        for step in range(steps):
            top2 = np.sort(want[step])[-2:]
            correlation = np.corrcoef(want[step], got[step])[0, 1]
            assert correlation > 0.99, (question, step, correlation)
            if top2[1] - top2[0] >= 0.5:
                clear += 1
                assert got[step].argmax() == want[step].argmax(), (question, step, tokenizer.decode(full[0, ids.shape[1]:]))
    assert clear >= steps  # most steps are clear choices: the comparison says something
