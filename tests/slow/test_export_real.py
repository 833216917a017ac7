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


def test_llama_cpp_loads_it_and_greedy_decodes_like_transformers(exported):
    llama_cpp = pytest.importorskip("llama_cpp", reason="llama-cpp-python not installed (make llamacpp)")
    from transformers import AutoModelForCausalLM, AutoTokenizer

    adapter, out = exported
    from peft import PeftModel

    from calma.models import resolve_model

    base_dir = resolve_model("smollm2-135m-instruct")
    model = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(base_dir), str(adapter)).merge_and_unload().eval()
    tokenizer = AutoTokenizer.from_pretrained(base_dir)
    prompt = tokenizer.apply_chat_template([{"role": "user", "content": "How can I sleep better before exams?"}],
                                           tokenize=False, add_generation_prompt=True)
    ids = tokenizer(prompt, return_tensors="pt", add_special_tokens=False)
    want = model.generate(**ids, max_new_tokens=4, do_sample=False)[0, ids["input_ids"].shape[1]:].tolist()
    llm = llama_cpp.Llama(str(out / "model.gguf"), n_ctx=512, verbose=False)
    tokens = llm.tokenize(prompt.encode(), add_bos=False, special=True)
    got = []
    for token in llm.generate(tokens, temp=0.0, top_k=1):
        got.append(token)
        if len(got) == 4:
            break
    assert got[:2] == want[:2]
