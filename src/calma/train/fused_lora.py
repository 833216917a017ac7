"""One autograd step for a LoRA branch: dropout, down-projection, up-projection, scaling.

peft computes ``lora_B(lora_A(dropout(x.float()))) * scaling`` module by module: on a bf16
base that is a fp32 copy of the input, a fp32 dropout mask, a fp32 dropout output and two
fp32 matmuls per projection, and autograd keeps the copy, the mask and the dropout output
of all 210 projections alive until the backward pass. On the embedded model at 1,024 tokens
that was ~1.8 MB of saved tensors per token, the larger part of the training peak.

`LoraBranch` computes the same function with what it really needs:

- the dropout mask is drawn as 15-bit random integers compared with ``p * 2**15`` (the same
  Bernoulli(1 - p) keep probability to 3e-5, and the same inverted 1 / (1 - p) scaling as
  ``nn.Dropout``), four of them cut from each 63-bit draw of torch's generator (the generator,
  not the comparison, was the cost: a fifth of a CPU step with one 31-bit draw per value), and
  kept as a **bool** tensor, one byte an input value; it is turned into the input's dtype once
  per pass for the products (a bf16 x bool product runs ~3x slower than bf16 x bf16);
- the matmuls run in the input's dtype (bf16 on a bf16 base, as autocast would) with the
  fp32 LoRA weights cast down for the product; gradients are returned in fp32;
- for the backward it saves the input (already alive: the base layer's input), the bool mask
  and the rank-r hidden state; the dropped-out input is rebuilt from them when needed.

On an fp32 base everything stays fp32 and the result equals peft's to rounding (tested).
In eval mode the same branch runs without dropout. Merged or disabled adapters, extra
arguments and peft variants (DoRA, ...) use peft's own forward.
"""

from __future__ import annotations

import types

import torch
from torch import nn

_BITS = 15


def keep_mask(x: torch.Tensor, p: float) -> torch.Tensor:
    """Bool mask, True with probability 1 - p, from torch's default generator."""
    n = x.numel()
    # random_() on int64 is uniform in [0, 2**63): four int16 views of it, each masked to 15 bits
    bits = torch.empty((n + 3) // 4, dtype=torch.int64, device=x.device).random_().view(torch.int16)[:n]
    return (bits.bitwise_and_((1 << _BITS) - 1) >= round(p * (1 << _BITS))).view(x.shape)


class LoraBranch(torch.autograd.Function):
    """y = ((dropout_p(x) @ A^T) @ B^T) * scale, saving a bool mask instead of fp32 copies."""

    @staticmethod
    def forward(ctx, x, weight_a, weight_b, p: float, scale: float):
        dtype = x.dtype
        a, b = weight_a.to(dtype), weight_b.to(dtype)
        mask = keep_mask(x, p) if p > 0 else None
        # The 1 / (1 - p) of inverted dropout is applied to the rank-r hidden state, not to x.
        hidden = (x * mask.to(dtype) if mask is not None else x) @ a.t()
        if mask is not None:
            hidden = hidden * (1.0 / (1.0 - p))
        out = (hidden @ b.t()) * scale
        ctx.p, ctx.scale = p, scale
        ctx.save_for_backward(x, mask if mask is not None else torch.empty(0), hidden, weight_a, weight_b)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, mask, hidden, weight_a, weight_b = ctx.saved_tensors
        p, scale = ctx.p, ctx.scale
        dtype = x.dtype
        use_mask = mask.numel() > 0
        if use_mask:
            mask = mask.to(dtype)
        a, b = weight_a.to(dtype), weight_b.to(dtype)
        grad = grad.to(dtype)
        flat_grad, flat_hidden = grad.reshape(-1, grad.shape[-1]), hidden.reshape(-1, hidden.shape[-1])
        grad_b = (flat_grad.t() @ flat_hidden).to(weight_b.dtype) * scale if ctx.needs_input_grad[2] else None
        # d loss / d (masked x @ A^T): the dropout scale folded in here, once, at rank r
        grad_hidden = (grad @ b) * (scale / (1.0 - p) if use_mask else scale)
        grad_a = grad_x = None
        if ctx.needs_input_grad[1]:
            kept = x * mask if use_mask else x
            grad_a = (grad_hidden.reshape(-1, grad_hidden.shape[-1]).t() @ kept.reshape(-1, x.shape[-1])).to(weight_a.dtype)
        if ctx.needs_input_grad[0]:
            grad_x = grad_hidden @ a
            if use_mask:
                grad_x = grad_x * mask
        return grad_x, grad_a, grad_b, None, None


def _dropout_p(module: nn.Module) -> float:
    p = getattr(module, "p", 0.0)
    return float(p) if isinstance(module, nn.Module) and not isinstance(module, nn.Identity) else 0.0


def _fused_forward(self, x: torch.Tensor, *args, **kwargs):
    """peft's lora.Linear.forward, with the vanilla single-adapter training case fused."""
    adapters = [name for name in self.active_adapters if name in self.lora_A]
    plain = (
        not self.disable_adapters
        and not self.merged
        and not args
        and not kwargs
        and len(adapters) == 1
        and adapters[0] not in getattr(self, "lora_variant", {})
        and getattr(self.lora_B[adapters[0]], "bias", None) is None
    )
    if not plain:
        return self._calma_peft_forward(x, *args, **kwargs)
    name = adapters[0]
    result = self.base_layer(x)
    delta = LoraBranch.apply(
        x, self.lora_A[name].weight, self.lora_B[name].weight, _dropout_p(self.lora_dropout[name]) if self.training else 0.0, float(self.scaling[name])
    )
    return result + delta.to(result.dtype)


def use_fused_lora(model: nn.Module) -> int:
    """Route every peft LoRA Linear's training forward through `LoraBranch`; returns how many."""
    from peft.tuners.lora.layer import Linear as LoraLinear

    count = 0
    for module in model.modules():
        if isinstance(module, LoraLinear) and not hasattr(module, "_calma_peft_forward"):
            module._calma_peft_forward = module.forward
            module.forward = types.MethodType(_fused_forward, module)
            count += 1
    return count
