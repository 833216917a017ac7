"""Int8 weight-only quantization of the frozen base for CPU decoding.

Decoding one token at a time reads every weight once per token, so on a CPU its speed is the
memory bandwidth divided by the bytes of the weights. Measured on this 2-core machine: an fp32
(1 x 576) @ (576 x 49152) product streams ~11 GB/s (9.1 ms), while torch's int8 weight-only
kernel with bf16 activations does the same product in 2.5 ms; the embedded model decodes 17 ->
33 tokens/s with greedy output unchanged over 64 tokens. The kernel's cost grows with the rows
it multiplies, so prompts (prefill) and wide batches use the dequantized weights in fp32 instead.

Only the base model's ``nn.Linear`` layers are replaced; LoRA layers stay fp32, and the layer
is a ``nn.Linear`` subclass so peft wraps it like any other when an adapter is attached later.
Per-output-channel symmetric scales keep the error of a layer's output within bf16 rounding.
"""

from __future__ import annotations

import logging

import torch
from torch import nn

log = logging.getLogger("calma.serve")
QUANTIZE_CHOICES = ("auto", "none", "int8")
INT8_MAX_ROWS = 8  # above this many rows per product, dequantized fp32 is faster (measured)


def int8_kernel_available() -> bool:
    return hasattr(torch.ops.aten, "_weight_int8pack_mm")


class Int8Linear(nn.Linear):
    """A frozen linear layer stored as int8 rows and one fp32 scale per output channel."""

    def __init__(self, linear: nn.Linear, max_rows: int = INT8_MAX_ROWS):
        nn.Module.__init__(self)
        self.in_features, self.out_features, self.max_rows = linear.in_features, linear.out_features, max_rows
        weight = linear.weight.detach().float()
        scale = (weight.abs().amax(dim=1) / 127.0).clamp(min=1e-12)
        self.weight = nn.Parameter(torch.round(weight / scale[:, None]).to(torch.int8), requires_grad=False)
        self.register_buffer("scale", scale, persistent=False)
        self.register_buffer("scale_bf16", scale.to(torch.bfloat16), persistent=False)
        bias = None if linear.bias is None else nn.Parameter(linear.bias.detach().float().clone(), requires_grad=False)
        self.register_parameter("bias", bias)

    def dequantized(self, dtype=torch.float32) -> torch.Tensor:
        return self.weight.to(dtype) * self.scale[:, None].to(dtype)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        flat = x.reshape(-1, self.in_features)
        if flat.shape[0] <= self.max_rows:
            y = torch.ops.aten._weight_int8pack_mm(flat.to(torch.bfloat16), self.weight, self.scale_bf16).to(x.dtype)
        else:
            y = flat @ self.dequantized(x.dtype).T
        if self.bias is not None:
            y = y + self.bias.to(y.dtype)
        return y.reshape(*x.shape[:-1], self.out_features)


def quantize_int8(model: nn.Module) -> int:
    """Replace every plain ``nn.Linear`` of `model` in place (LoRA's own layers excluded); returns
    how many were replaced. A tied output layer gets its own int8 copy; the fp32 embedding stays."""
    replaced = 0
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if type(child) is nn.Linear and not _is_lora_part(parent, name):
                setattr(parent, name, Int8Linear(child))
                replaced += 1
    return replaced


def _is_lora_part(parent: nn.Module, name: str) -> bool:
    """peft keeps an adapter's A and B matrices in ModuleDicts named lora_A / lora_B."""
    return isinstance(parent, nn.ModuleDict) or name.startswith("lora_")


def resolve_quantize(setting: str, device: str, dtype: torch.dtype) -> str:
    """`auto` quantizes where it was measured faster: fp32 weights on a CPU with the kernel."""
    if setting not in QUANTIZE_CHOICES:
        raise ValueError(setting)
    if setting == "auto":
        return "int8" if device == "cpu" and dtype == torch.float32 and int8_kernel_available() else "none"
    if setting == "int8" and device != "cpu":
        log.warning("serve.quantize=int8 is a CPU decoding optimisation; on %s the weights stay as they are", device)
        return "none"
    return setting
