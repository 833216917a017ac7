"""Find what an adapter folder was trained from, and load it onto its base model once.

Every check here turns a confusing failure deep inside peft or a silently wrong number
into one line: a missing folder, a folder that is not an adapter, or an adapter asked to
run on a different base model than the one it was trained on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from calma.errors import CalmaError
from calma.models import pick_device as shared_pick_device

BASE = "base"  # the name `calma compare` accepts for "the base model, no adapter"


@dataclass
class AdapterInfo:
    """An adapter folder and what `calma train` recorded about it."""

    path: Path
    base_model: str | None
    data_fingerprint: str | None
    meta: dict = field(default_factory=dict)



def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CalmaError(f"{path}: cannot read ({exc.__class__.__name__}: {str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise CalmaError(f"{path}: expected a JSON object")
    return data


def read_adapter_info(adapter: str | Path) -> AdapterInfo:
    """Check that `adapter` is a peft adapter folder and read its calma.json, if any."""
    path = Path(adapter).expanduser()
    if not path.is_dir():
        raise CalmaError(f"{path}: adapter folder not found (train one with `calma train --output-dir OUT`, then use OUT/final)")
    if not (path / "adapter_config.json").is_file():
        raise CalmaError(f"{path}: not a peft adapter folder (no adapter_config.json)")
    peft_config = _read_json(path / "adapter_config.json")
    meta = _read_json(path / "calma.json") if (path / "calma.json").is_file() else {}
    base = meta.get("base_model") or meta.get("model") or peft_config.get("base_model_name_or_path")
    data = meta.get("data") if isinstance(meta.get("data"), dict) else {}
    fingerprint = meta.get("data_fingerprint") or meta.get("fingerprint") or data.get("fingerprint")
    return AdapterInfo(path, base, fingerprint, meta)


def _same_model(a: str, b: str) -> bool:
    from calma.models import is_embedded, resolve_model

    if a == b or (is_embedded(a) and is_embedded(b)):
        return True
    try:
        return Path(resolve_model(a)).resolve() == Path(resolve_model(b)).resolve()
    except CalmaError:
        return False


def choose_base(infos: list[AdapterInfo], requested: str | None, default: str) -> str:
    """The base model to load: --model if given, else the adapters' own; all must agree."""
    recorded = [(i.path, i.base_model) for i in infos if i.base_model]
    base = requested or (recorded[0][1] if recorded else default)
    for path, name in recorded:
        if not _same_model(name, base):
            raise CalmaError(f"{path}: adapter was trained on base model '{name}', not '{base}' (drop --model or pass --model {name})")
    return base


def pick_device(name: str = "auto", num_threads: int | None = None) -> str:
    """The shared device rule (`calma.models.pick_device`), plus `train.num_threads`.

    On a CPU shared with other jobs, fewer torch threads can be several times faster
    (threads spin waiting for each other), hence the setting.
    """
    import torch

    if num_threads:
        torch.set_num_threads(num_threads)
    return shared_pick_device(name, "train.device")


def load_tokenizer_for(base: str, cache_dir=None):
    """The base model's tokenizer: the one `calma prepare` and `calma train` used for it.

    (The copy saved beside the adapter is the same; the base's is the one the prepared
    data's tokenizer fingerprint is checked against.)
    """
    from calma.models import load_tokenizer

    return load_tokenizer(base, cache_dir=cache_dir)


def load_model(base: str, adapters: dict[str, AdapterInfo], device: str, cache_dir=None, precision: str = "auto"):
    """The base model with every adapter in `adapters` loaded under its key, in eval mode.

    `precision` is `train.precision`: auto is bf16 on GPUs that have it and on CPUs with native
    bf16 matmuls (as in training, whose validation losses are computed that way), else fp32.
    The LoRA layers use the fused branch (calma.train.fused_lora) when one adapter is active."""
    import torch

    from calma.models import load_base_model
    from calma.train.recipe import pick_precision

    chosen = pick_precision(precision, device) if device in ("cpu", "cuda") else "fp32"
    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(chosen, torch.float32)
    model = load_base_model(base, cache_dir=cache_dir, dtype=dtype, device=device)
    if adapters:
        from peft import PeftModel

        names = list(adapters)
        try:
            model = PeftModel.from_pretrained(model, str(adapters[names[0]].path), adapter_name=names[0])
            for name in names[1:]:
                model.load_adapter(str(adapters[name].path), adapter_name=name)
        except (RuntimeError, ValueError) as exc:
            reason = str(exc).strip().splitlines()[0][:200]
            raise CalmaError(f"cannot load adapter on base model '{base}' ({reason}); was it trained on another base?") from None
        model.set_adapter(names[0])
        model.to(device)
        from calma.train.fused_lora import use_fused_lora

        use_fused_lora(model)
    model.eval()
    return model


def default_output(adapter: str | Path, leaf: str = "evaluation") -> Path:
    """OUT/final -> OUT/evaluation; any other adapter folder X -> X-evaluation (never inside it)."""
    path = Path(adapter).expanduser()
    if path.name == "final":
        return path.parent / leaf
    return path.with_name(f"{path.name}-{leaf}")
