import os

import pytest

from calma.errors import CalmaError
from calma.models import is_embedded, load_tokenizer, resolve_model


def test_embedded_default_is_a_normal_hf_folder(embedded_model_dir):
    assert (embedded_model_dir / "config.json").is_file()
    assert (embedded_model_dir / "model.safetensors").is_file()
    assert is_embedded("smollm2-135m-instruct") and not is_embedded("meta-llama/Llama-3.2-1B")


def test_tokenizer_has_chat_template_and_end_of_turn_pad(tokenizer):
    text = tokenizer.apply_chat_template(
        [{"role": "system", "content": "S"}, {"role": "user", "content": "hi"}],
        tokenize=False,
        add_generation_prompt=True,
    )
    assert text.endswith("<|im_start|>assistant\n")
    # SmolLM2 pads with its end-of-turn token: label masks must not be built from pad ids.
    assert tokenizer.pad_token == tokenizer.eos_token == "<|im_end|>"


@pytest.mark.slow
def test_embedded_conversion_is_atomic_and_cached(tmp_path, monkeypatch):
    """Convert into an empty cache: the folder appears whole, with no staging leftovers."""
    monkeypatch.setenv("CALMA_HOME", str(tmp_path))
    path = resolve_model("smollm2-135m-instruct")
    assert path == str(tmp_path / "models" / "smollm2-135m-instruct")
    leftovers = [p.name for p in (tmp_path / "models").iterdir() if p.name.startswith(".")]
    assert leftovers == []
    mtime = os.path.getmtime(os.path.join(path, "config.json"))
    assert resolve_model("smollm2-135m-instruct") == path  # second call: no reconversion
    assert os.path.getmtime(os.path.join(path, "config.json")) == mtime


def test_local_folder_and_errors(tiny_model_dir, tmp_path, monkeypatch):
    assert resolve_model(str(tiny_model_dir)) == str(tiny_model_dir)
    with pytest.raises(CalmaError, match="not a model folder"):
        resolve_model(str(tmp_path))
    with pytest.raises(CalmaError, match="model folder not found"):
        resolve_model("./no/such/model")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(CalmaError, match="--model smollm2-135m-instruct"):
        load_tokenizer("some-org/model-that-is-not-cached")


def test_pick_device_names_the_setting_of_an_unavailable_device():
    import torch

    from calma.models import pick_device

    assert pick_device("cpu") == "cpu"
    assert pick_device("auto") in {"cuda", "mps", "cpu"}
    if torch.cuda.is_available():
        pytest.skip("CUDA is available here")
    with pytest.raises(CalmaError, match=r"serve.device: 'cuda' is not available"):
        pick_device("cuda", "serve.device")
