"""Batching for answer-only causal-LM training.

Prepared examples carry no padding: each batch is padded here to its own longest row
(dynamic padding), so a batch of short answers costs short-answer time. The attention
mask comes from the row lengths, never from the pad id: the pad token of our chat models
is also their end-of-turn token, which does appear inside the answers we train on.

``logits_to_keep`` is a boolean mask of the positions whose next token is an answer
token. transformers then gathers only those hidden states before the output layer, so
the 49k-entry vocabulary projection (a fifth of a 135M model's FLOPs) and the loss run on
answer positions only, instead of on the system prompt, the question and the padding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch

IGNORE_INDEX = -100


@dataclass
class AnswerCollator:
    """Pad a list of prepared rows (``input_ids``, ``labels``) into one training batch.

    ``pad_to`` pads every batch to a fixed length instead (only the naive benchmark
    baseline uses it); ``answer_logits_only=False`` keeps the full logits tensor.
    """

    pad_token_id: int
    pad_to: int | None = None
    answer_logits_only: bool = True

    def __call__(self, rows: list[dict[str, Any]]) -> dict[str, torch.Tensor]:
        lengths = [len(row["input_ids"]) for row in rows]
        width = self.pad_to or max(lengths)
        input_ids = torch.full((len(rows), width), self.pad_token_id, dtype=torch.long)
        labels = torch.full((len(rows), width), IGNORE_INDEX, dtype=torch.long)
        attention_mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, row in enumerate(rows):
            n = min(lengths[i], width)
            input_ids[i, :n] = torch.as_tensor(row["input_ids"][:n], dtype=torch.long)
            labels[i, :n] = torch.as_tensor(row["labels"][:n], dtype=torch.long)
            attention_mask[i, :n] = 1
        batch = {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels}
        if self.answer_logits_only:
            batch["logits_to_keep"] = answer_positions(labels)
        return batch


def answer_positions(labels: torch.Tensor) -> torch.Tensor:
    """Boolean mask of positions t whose target labels[t + 1] is an answer token."""
    keep = torch.zeros_like(labels, dtype=torch.bool)
    keep[:, :-1] = labels[:, 1:] != IGNORE_INDEX
    return keep


def answer_targets(labels: torch.Tensor) -> torch.Tensor:
    """The answer tokens, in the row-major order `answer_positions` selects hidden states."""
    shifted = labels[:, 1:]
    return shifted[shifted != IGNORE_INDEX]


def answer_logits(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Answer-position logits (N, V): as they are, or selected from full logits (B, T, V) of a
    model that ignored logits_to_keep."""
    return logits[answer_positions(labels)] if logits.dim() == 3 else logits


def token_losses(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Per-answer-token NLL (float32), for answer-only logits (N, V) or full logits (B, T, V)."""
    logits = answer_logits(logits, labels)
    targets = answer_targets(labels).to(logits.device)
    return torch.nn.functional.cross_entropy(logits.float(), targets, reduction="none")


def answer_loss(outputs, labels: torch.Tensor, num_items_in_batch=None) -> torch.Tensor:
    """Mean NLL over answer tokens; over the whole accumulated batch when the Trainer counts it."""
    logits = outputs["logits"] if isinstance(outputs, dict) else outputs[0]
    losses = token_losses(logits, labels)
    return per_answer_token(losses.sum(), losses.numel(), num_items_in_batch)


def per_answer_token(total: torch.Tensor, tokens: int, num_items_in_batch=None) -> torch.Tensor:
    """`total` over the accumulated batch's answer tokens when the Trainer counts them, else over `tokens`."""
    if num_items_in_batch is None:
        return total / max(tokens, 1)
    if isinstance(num_items_in_batch, torch.Tensor):
        num_items_in_batch = num_items_in_batch.to(total.device)
    return total / num_items_in_batch


def repeat_candidates(labels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(answer position, token) pairs: at each answer position, the tokens of the same answer
    before it, except the target itself (positions numbered as `answer_targets` orders them)."""
    shifted = labels[:, 1:]
    rows_pos, rows_tok, offset = [], [], 0
    for row in shifted:
        targets = row[row != IGNORE_INDEX]
        n = targets.numel()
        if n > 1:
            j, i = torch.tril_indices(n, n, offset=-1)  # i < j: token i precedes position j
            tokens = targets[i]
            keep = tokens != targets[j]
            rows_pos.append(j[keep] + offset)
            rows_tok.append(tokens[keep])
        offset += n
    if not rows_pos:
        empty = torch.zeros(0, dtype=torch.long)
        return empty, empty
    pos, tok = torch.cat(rows_pos), torch.cat(rows_tok)
    width = int(tok.max()) + 1
    pair = torch.unique(pos * width + tok)  # each token once per position
    return pair // width, pair % width


def unlikelihood_sum(logits: torch.Tensor, rows: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    """Sum of -log(1 - p(tokens[i])) under the distribution at logits[rows[i]] (float32)."""
    logits = logits.float()
    logp = logits[rows, tokens] - torch.logsumexp(logits, dim=-1)[rows]  # rows repeat: one logsumexp per row
    return -torch.log1p(-logp.exp().clamp(max=1 - 1e-5)).sum()


def repeated_ngram_mask(tokens: list[int], n: int = 4) -> list[bool]:
    """Which tokens of a generated sequence belong to an n-gram that already occurred in it:
    the negative candidates of sequence-level unlikelihood (Welleck et al., 2019)."""
    mask = [False] * len(tokens)
    seen: set[tuple[int, ...]] = set()
    for start in range(len(tokens) - n + 1):
        gram = tuple(tokens[start : start + n])
        if gram in seen:
            mask[start : start + n] = [True] * n
        seen.add(gram)
    return mask


def prompt_rows(batch: dict[str, torch.Tensor], count: int) -> list[torch.Tensor]:
    """The prompts (everything before the first answer token) of the batch's first `count` rows."""
    prompts = []
    for ids, labels in zip(batch["input_ids"][:count], batch["labels"][:count], strict=True):
        answer = (labels != IGNORE_INDEX).nonzero()
        if answer.numel() and int(answer[0]) > 0:
            prompts.append(ids[: int(answer[0])])
    return prompts


def left_padded(prompts: list[torch.Tensor], pad_token_id: int) -> dict[str, torch.Tensor]:
    """Prompts padded on the left, so that generation continues each right after its own end."""
    width = max(p.numel() for p in prompts)
    input_ids = torch.full((len(prompts), width), pad_token_id, dtype=torch.long)
    attention_mask = torch.zeros((len(prompts), width), dtype=torch.long)
    for i, p in enumerate(prompts):
        input_ids[i, width - p.numel() :] = p
        attention_mask[i, width - p.numel() :] = 1
    return {"input_ids": input_ids, "attention_mask": attention_mask}


def repetition_batch(prompts: list[torch.Tensor], continuations: list[list[int]], pad_token_id: int,
                     n: int = 4) -> tuple[dict[str, torch.Tensor], torch.Tensor] | None:
    """Prompt + own continuation rows (right-padded) whose continuation repeats an n-gram, with
    ``logits_to_keep`` marking the positions that predict a repeated token and those tokens as
    targets (row-major, as the model returns the kept logits). None when nothing repeats."""
    rows = []
    for prompt, cont in zip(prompts, continuations, strict=True):
        mask = repeated_ngram_mask(cont, n)
        if any(mask):
            rows.append((prompt.tolist() + list(cont), [False] * prompt.numel() + mask))
    if not rows:
        return None
    width = max(len(ids) for ids, _ in rows)
    input_ids = torch.full((len(rows), width), pad_token_id, dtype=torch.long)
    attention_mask = torch.zeros((len(rows), width), dtype=torch.long)
    keep = torch.zeros((len(rows), width), dtype=torch.bool)
    for i, (ids, mask) in enumerate(rows):
        input_ids[i, : len(ids)] = torch.as_tensor(ids)
        attention_mask[i, : len(ids)] = 1
        keep[i, : len(ids) - 1] = torch.as_tensor(mask[1:])  # position t predicts token t + 1
    targets = input_ids[:, 1:][keep[:, :-1]]
    return {"input_ids": input_ids, "attention_mask": attention_mask, "logits_to_keep": keep}, targets


def unlikelihood_loss(weight: float):
    """`answer_loss` plus `weight` x token-level unlikelihood (Welleck et al., 2019) while training:
    -log(1 - p(c)) for every token c the answer already used, except the target; divided by the
    same answer-token count as the likelihood term. Evaluation (no grad) gets `answer_loss` alone,
    so validation and test losses stay comparable with runs without it."""

    def loss(outputs, labels: torch.Tensor, num_items_in_batch=None) -> torch.Tensor:
        nll = answer_loss(outputs, labels, num_items_in_batch)
        if not torch.is_grad_enabled():
            return nll
        logits = answer_logits(outputs["logits"] if isinstance(outputs, dict) else outputs[0], labels)
        pos, tok = repeat_candidates(labels.cpu())
        if not pos.numel():
            return nll
        pos, tok = pos.to(logits.device), tok.to(logits.device)
        penalty = unlikelihood_sum(logits, pos, tok)
        return nll + weight * per_answer_token(penalty, answer_targets(labels).numel(), num_items_in_batch)

    return loss


def kl_to_base_sum(logits: torch.Tensor, base_logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Sum over answer positions of KL(base || adapter): the base model's next-token
    distribution as a soft target, so the adapter keeps what the base does well where the
    counselors' answers do not say otherwise. Both logits answer-only (N, V) or full (B, T, V)."""
    base = torch.log_softmax(answer_logits(base_logits, labels).float(), dim=-1)
    adapter = torch.log_softmax(answer_logits(logits, labels).float(), dim=-1)
    return torch.nn.functional.kl_div(adapter, base, log_target=True, reduction="sum")
