"""Training: the LoRA recipe (`train`), its batching and callbacks, and the guide's pipeline.

Heavy libraries (torch, transformers, peft) load when these functions run, not on import.
"""

from calma.train.pipeline import Summary, run_pipeline
from calma.train.recipe import TrainResult, pick_device, pick_precision, train

__all__ = ["Summary", "TrainResult", "pick_device", "pick_precision", "run_pipeline", "train"]
