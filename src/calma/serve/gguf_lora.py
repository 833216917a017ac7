"""A peft LoRA adapter written as a GGUF LoRA file, so llama.cpp can apply it at run time.

llama.cpp keeps the base weights (the embedded model's own Q4_1 GGUF) and adds ``B @ A`` per
projection with a scale it can change per context: scale 0 is the casual role, the configured
scale the therapeutic one, with one copy of the base weights, as in the transformers engine.

Three details make the file mean the same thing as the peft adapter:
- names: peft's ``model.layers.{i}.self_attn.q_proj.lora_A.weight`` is
  ``blk.{i}.attn_q.weight.lora_a`` (same shapes: A is rank x in, B is out x rank), by the tensor
  name map of the maintained ``gguf`` package for the base model's architecture (Llama, Mistral,
  Qwen2/3, Gemma 1-3: those whose LoRA targets are plain projections);
- rotary layout: for the Llama architecture (Llama, Mistral, SmolLM2) GGUF stores q and k rows in
  the interleaved order llama.cpp's rope expects, so B's rows of q_proj and k_proj are reordered
  the same way (A's columns are inputs: kept); the other architectures keep Hugging Face's order;
- scale: llama.cpp multiplies by alpha / rank; peft by alpha / rank, or alpha / sqrt(rank) with
  rsLoRA, so the alpha written is peft's scaling x rank.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

import numpy as np

from calma.errors import CalmaError

# Hugging Face model_type -> (GGUF architecture, q/k rows interleaved for llama.cpp's rope), as
# llama.cpp's convert_hf_to_gguf.py writes those models (its LlamaModel permutes, the others do not).
ARCHITECTURES = {
    "llama": ("llama", True), "mistral": ("llama", True),
    "qwen2": ("qwen2", False), "qwen3": ("qwen3", False),
    "gemma": ("gemma", False), "gemma2": ("gemma2", False), "gemma3_text": ("gemma3", False),
}
_NAME = re.compile(r"(?:base_model\.model\.)?(.*layers\.(\d+)\.(?:self_attn|mlp)\.(\w+_proj))\.lora_([AB])(?:\.default)?\.weight$")


def gguf_architecture(model_type: str) -> tuple[str, bool]:
    """The GGUF architecture of a base model and whether its q/k rows are interleaved."""
    try:
        return ARCHITECTURES[model_type]
    except KeyError:
        known = ", ".join(sorted(ARCHITECTURES))
        raise CalmaError(f"model type '{model_type}': Calma's GGUF LoRA converter knows {known}; for another base use "
                         "llama.cpp's convert_lora_to_gguf.py (in the llama.cpp sources)") from None


def adapter_scaling(config: dict) -> float:
    rank, alpha = config["r"], config.get("lora_alpha", config["r"])
    return alpha / rank ** 0.5 if config.get("use_rslora") else alpha / rank


def rope_rows(weight: np.ndarray, heads: int) -> np.ndarray:
    """Reorder output rows from the Hugging Face rotary layout (two halves per head) to GGUF's
    (pairs interleaved per head)."""
    rows = weight.shape[0]
    half = rows // heads // 2
    return weight.reshape(heads, 2, half, *weight.shape[1:]).swapaxes(1, 2).reshape(weight.shape)


def read_adapter(path: Path) -> tuple[dict, dict[str, np.ndarray]]:
    from safetensors.numpy import load_file

    path = Path(path)
    config_file, weights_file = path / "adapter_config.json", path / "adapter_model.safetensors"
    if not config_file.is_file() or not weights_file.is_file():
        raise CalmaError(f"{path}: not a peft LoRA adapter folder (adapter_config.json and adapter_model.safetensors needed)")
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        raise CalmaError(f"{config_file}: not valid JSON") from None
    if config.get("peft_type", "LORA") != "LORA":
        raise CalmaError(f"{config_file}: peft_type {config.get('peft_type')!r} is not LORA")
    return config, load_file(str(weights_file))


def gguf_tensors(config: dict, weights: dict[str, np.ndarray], heads: int, kv_heads: int,
                 model_type: str = "llama") -> dict[str, np.ndarray]:
    """GGUF LoRA tensor name -> float32 array, for every LoRA matrix of the adapter."""
    import gguf

    arch, interleaved = gguf_architecture(model_type)
    layers = 1 + max((int(m.group(2)) for m in map(_NAME.search, weights) if m), default=0)
    names = gguf.get_tensor_name_map({v: k for k, v in gguf.MODEL_ARCH_NAMES.items()}[arch], layers)
    out = {}
    for name, value in weights.items():
        match = _NAME.search(name)
        target = names.get_name(f"{match.group(1)}.weight", try_suffixes=(".weight",)) if match else None
        if target is None:
            raise CalmaError(f"adapter tensor {name}: not a LoRA matrix of a {arch} projection this converter knows")
        _, _, module, which = match.groups()
        value = np.asarray(value, dtype=np.float32)
        if interleaved and which == "B" and module in ("q_proj", "k_proj"):
            value = rope_rows(value, heads if module == "q_proj" else kv_heads)
        out[f"{target}.lora_{which.lower()}"] = np.ascontiguousarray(value)
    if not out:
        raise CalmaError("the adapter has no LoRA weights")
    return out


def convert(adapter: Path, out_file: Path, heads: int, kv_heads: int, model_type: str = "llama") -> Path:
    """Write the GGUF LoRA file for `adapter` (atomically); `model_type` is the base model's."""
    import gguf

    config, weights = read_adapter(adapter)
    tensors = gguf_tensors(config, weights, heads, kv_heads, model_type)
    out_file = Path(out_file)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{out_file.name}.", dir=out_file.parent)
    os.close(fd)
    try:
        writer = gguf.GGUFWriter(temp, gguf_architecture(model_type)[0])  # llama.cpp checks it against the base
        writer.add_type(gguf.GGUFType.ADAPTER)
        writer.add_string(gguf.Keys.Adapter.TYPE, "lora")
        writer.add_float32(gguf.Keys.Adapter.LORA_ALPHA, float(adapter_scaling(config) * config["r"]))
        for name, value in sorted(tensors.items()):
            writer.add_tensor(name, value)
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
        writer.close()
        os.replace(temp, out_file)  # a crash never leaves a half-written file under the real name
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return out_file


def cached_gguf_lora(adapter: Path, cache_dir: Path, heads: int, kv_heads: int) -> Path:
    """The GGUF file of `adapter`, converted once per adapter content."""
    digest = hashlib.sha256()
    for name in ("adapter_config.json", "adapter_model.safetensors"):
        file = Path(adapter) / name
        if file.is_file():
            digest.update(file.read_bytes())
    target = Path(cache_dir) / f"lora-{digest.hexdigest()[:16]}.gguf"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        convert(Path(adapter), target, heads, kv_heads)
    return target
