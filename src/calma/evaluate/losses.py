"""Loss and perplexity over answer tokens, the numbers the retraining guide compares.

Only the assistant's answer tokens count (the labels from `calma prepare`), so a long
system prompt or question cannot dilute the loss. The mean is token-weighted: the total
answer-token negative log-likelihood divided by the total number of answer tokens, which
is also the token-weighted mean of the per-example losses. Examples are batched by
similar length (less padding) and scored in eval mode, without dropout or gradients.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import torch
from tqdm.auto import tqdm

from calma.train.collator import AnswerCollator, token_losses


@dataclass
class LossResult:
    """Token-weighted mean loss, plus each example's own mean and answer-token count."""

    mean: float
    per_example: list[float] = field(default_factory=list)
    tokens: list[int] = field(default_factory=list)

    @property
    def perplexity(self) -> float:
        return perplexity(self.mean)

    @property
    def total_tokens(self) -> int:
        return sum(self.tokens)


def perplexity(loss: float) -> float:
    """exp(loss); inf rather than an OverflowError for a hopeless model."""
    try:
        return math.exp(loss)
    except OverflowError:
        return math.inf


def _model_device(model) -> torch.device:
    return next(model.parameters()).device


def _pad_id(model) -> int:
    config = getattr(model, "config", None)
    pad = getattr(config, "pad_token_id", None)
    if pad is None:
        pad = getattr(config, "eos_token_id", 0)
    if isinstance(pad, list):
        pad = pad[0]
    return int(pad or 0)


# Most tokens (rows x padded length) scored in one forward pass: the answer-position logits
# (fp32 copy and log-softmax included) take ~0.6 MB per token on a 49k vocabulary, so this
# keeps an evaluation batch near 2.5 GB whatever eval_batch_size and max_length are.
EVAL_MAX_TOKENS = 4096


def token_batches(lengths: list[int], batch_size: int, max_tokens: int) -> list[list[int]]:
    """Row indices, shortest first, in batches of at most `batch_size` rows and `max_tokens`
    tokens (rows x longest row); a row longer than `max_tokens` is scored alone."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    batches: list[list[int]] = []
    for i in order:
        last = batches[-1] if batches else None
        if last and len(last) < batch_size and (len(last) + 1) * lengths[i] <= max_tokens:
            last.append(i)
        else:
            batches.append([i])
    return batches


@torch.inference_mode()
def dataset_loss(model, dataset, batch_size: int = 8, device=None, progress: bool = True, desc: str = "loss",
                 max_tokens: int = EVAL_MAX_TOKENS) -> LossResult:
    """Answer-token loss of `model` on a prepared split (rows with ``input_ids`` and ``labels``)."""
    device = torch.device(device) if device is not None else _model_device(model)
    collate = AnswerCollator(pad_token_id=_pad_id(model))
    lengths = [len(ids) for ids in dataset["input_ids"]]
    order = list(range(len(lengths)))
    nll = [0.0] * len(order)
    counts = [0] * len(order)
    was_training = model.training
    model.eval()
    try:
        batches = token_batches(lengths, batch_size, max_tokens)
        for idx in tqdm(batches, desc=desc, unit="batch", disable=not progress, leave=False):
            batch = collate([dataset[i] for i in idx])
            labels = batch.pop("labels")
            batch = {k: v.to(device) for k, v in batch.items()}
            logits = model(**batch).logits
            losses = token_losses(logits, labels.to(device)).cpu()
            per_row = (labels[:, 1:] != -100).sum(dim=1).tolist()
            for i, chunk in zip(idx, torch.split(losses, per_row)):
                nll[i], counts[i] = float(chunk.sum()), len(chunk)
    finally:
        model.train(was_training)
    total = sum(counts)
    if total == 0:
        raise ValueError("no answer tokens to score: every label is masked")
    per_example = [n / c if c else float("nan") for n, c in zip(nll, counts)]
    return LossResult(mean=sum(nll) / total, per_example=per_example, tokens=counts)
