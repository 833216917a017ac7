"""Which torch device to run on: one rule for training, evaluation and serving."""

from __future__ import annotations

from calma.errors import CalmaError


def pick_device(requested: str = "auto", setting: str = "train.device") -> str:
    """'auto' → CUDA, then Apple MPS, then CPU; an explicit choice must be available.

    `setting` names the config key the choice came from, so the error points at it.
    """
    import torch

    available = {
        "cuda": torch.cuda.is_available(),
        "mps": getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available(),
        "cpu": True,
    }
    if requested == "auto":
        return next(name for name in ("cuda", "mps", "cpu") if available[name])
    if not available.get(requested, False):
        raise CalmaError(f"{setting}: '{requested}' is not available on this machine (use auto or cpu)")
    return requested
