"""Model resolution: the embedded default, hub ids and local folders; base + adapter loading."""

from calma.models.device import pick_device
from calma.models.resolve import (
    EMBEDDED_ALIASES,
    calma_home,
    embedded_gguf_path,
    is_embedded,
    load_base_model,
    load_tokenizer,
    hub_reachable,
    resolve_model,
)

__all__ = [
    "EMBEDDED_ALIASES",
    "calma_home",
    "embedded_gguf_path",
    "is_embedded",
    "load_base_model",
    "load_tokenizer",
    "pick_device",
    "hub_reachable",
    "resolve_model",
]
