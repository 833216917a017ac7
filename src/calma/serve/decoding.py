"""A batched sampling loop with per-request settings, streaming and cancellation.

`model.generate` takes one set of sampling settings for the whole batch and streams only
batch 1; a server batches requests that each carry their own temperature, top-p, stop
strings and client. So the loop is written out here: left-padded prefill, one token per row
per step, per-row repetition penalty / temperature / top-p, incremental detokenisation, stop
strings held back until they cannot be a stop, and rows dropped from the KV cache as soon as
they finish (their compute is not wasted on padding).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # torch loads only when generation runs: importing the service stays cheap
    import torch


@dataclass(frozen=True)
class SamplingParams:
    """How one reply is sampled; temperature 0 means greedy."""

    temperature: float = 0.5  # generation.temperature's default
    top_p: float = 0.9
    max_new_tokens: int = 256
    repetition_penalty: float = 1.1
    stop: tuple[str, ...] = ()
    seed: int | None = None

    @classmethod
    def from_config(cls, generation, **overrides) -> "SamplingParams":
        values = dict(
            temperature=generation.temperature,
            top_p=generation.top_p,
            max_new_tokens=generation.max_new_tokens,
            repetition_penalty=generation.repetition_penalty,
            stop=tuple(generation.stop),
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        values["stop"] = tuple(values["stop"])
        return cls(**values)


@dataclass
class Completion:
    text: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str  # stop | length | cancelled
    adapter: str | None = None  # the adapter version that generated it (None: base weights)


@dataclass
class Row:
    """One request inside a batch: its prompt, settings, output so far and where text goes."""

    prompt_ids: list[int]
    params: SamplingParams
    on_text: Callable[[str], None] | None = None
    cancelled: threading.Event = field(default_factory=threading.Event)
    tokens: list[int] = field(default_factory=list)
    text: str = ""  # decoded so far
    sent: int = 0  # characters of `text` already handed to on_text
    finish_reason: str | None = None
    on_done: Callable[[Completion], None] | None = None  # called once, as soon as the row ends

    def completion(self) -> Completion:
        end = len(self.text)
        for stop in self.params.stop:
            cut = self.text.find(stop)
            if cut >= 0:
                end = min(end, cut)
        return Completion(self.text[:end], len(self.prompt_ids), len(self.tokens), self.finish_reason or "length")


def _held_back(text: str, stops: tuple[str, ...]) -> int:
    """How many trailing characters might be the start of a stop string (not safe to emit yet)."""
    hold = 0
    for stop in stops:
        for k in range(min(len(stop) - 1, len(text)), 0, -1):
            if text.endswith(stop[:k]):
                hold = max(hold, k)
                break
    return hold


def _advance_text(row: Row, tokenizer) -> None:
    """Decode the row's tokens, apply stop strings, and emit whatever is now final."""
    text = tokenizer.decode(row.tokens, skip_special_tokens=True)
    if text.endswith("\ufffd"):  # half of a multi-byte character: wait for the next token
        return
    row.text = text
    stop_at = min((i for i in (text.find(s) for s in row.params.stop) if i >= 0), default=-1)
    if stop_at >= 0:
        row.text = text[:stop_at]
        row.finish_reason = "stop"
        ready = len(row.text)
    elif row.finish_reason:
        ready = len(text)
    else:
        ready = len(text) - _held_back(text, row.params.stop)
    if ready > row.sent and row.on_text is not None:
        row.on_text(row.text[row.sent : ready])
    row.sent = max(row.sent, ready)


def accept_token(row: Row, token: int, eos_ids: set[int], tokenizer, limit: int | None = None) -> bool:
    """Give `row` its next token (or end it: cancelled, end of turn, `limit` or max_new_tokens
    reached), emit the text that is now final; True while the row goes on."""
    if row.cancelled.is_set():
        row.finish_reason = "cancelled"
    elif token in eos_ids:
        row.finish_reason = "stop"
    else:
        row.tokens.append(token)
        if len(row.tokens) >= (limit if limit is not None else row.params.max_new_tokens):
            row.finish_reason = "length"
    _advance_text(row, tokenizer)
    return row.finish_reason is None


def _sample(logits: "torch.Tensor", rows: list[Row], seen: "torch.Tensor", generators) -> "torch.Tensor":
    """Next token per row with its own repetition penalty, temperature and top-p."""
    import torch

    logits = logits.float()
    penalty = torch.tensor([r.params.repetition_penalty for r in rows], device=logits.device)[:, None]
    picked = logits.gather(1, seen)
    logits = logits.scatter(1, seen, torch.where(picked > 0, picked / penalty, picked * penalty))
    out = torch.empty(len(rows), dtype=torch.long, device=logits.device)
    for i, row in enumerate(rows):
        p = row.params
        if p.temperature <= 0:
            out[i] = logits[i].argmax()
            continue
        probs = torch.softmax(logits[i] / p.temperature, dim=-1)
        if p.top_p < 1.0:
            candidates, weights = _nucleus(probs, p.top_p)
            out[i] = candidates[torch.multinomial(weights, 1, generator=generators[i])[0]]
        else:
            out[i] = torch.multinomial(probs, 1, generator=generators[i])[0]
    return out


def _nucleus(probs, top_p: float):
    """The smallest set of most likely tokens holding `top_p` of the mass, and their weights.

    The nucleus almost always lies in the top few hundred tokens, so a top-k is tried first
    (exact when it already holds `top_p` of the mass), sparing a sort of the vocabulary; and
    sampling among those few instead of over all 49k entries saved ~1 ms per row and step
    (10 % of a batch-8 decode step here)."""
    k = min(256, probs.numel())
    top, order = probs.topk(k)
    if float(top.sum()) < top_p:
        top, order = probs.sort(descending=True)
    keep = top.cumsum(0) - top < top_p
    return order[keep], top[keep]


def _left_pad(rows: list[Row], pad_id: int, device) -> tuple["torch.Tensor", "torch.Tensor"]:
    import torch

    width = max(len(r.prompt_ids) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        n = len(row.prompt_ids)
        ids[i, width - n :] = torch.tensor(row.prompt_ids)
        mask[i, width - n :] = 1
    return ids.to(device), mask.to(device)


def _generators(rows: list[Row], device) -> list:
    import torch

    gens = []
    for row in rows:
        if row.params.seed is None:
            gens.append(None)
        else:
            gen = torch.Generator(device=device)
            gen.manual_seed(row.params.seed)
            gens.append(gen)
    return gens


Admit = Callable[[int], list[Row]]


def generate_batch(model, tokenizer, rows: list[Row], eos_ids: set[int], admit: Admit | None = None,
                   max_rows: int = 8) -> list[Completion]:
    """Generate every row to its end (eos, stop string, max tokens or cancel) in one batch.

    Between two decoding steps `admit(free_slots)` may hand over new rows (continuous
    batching): they are prefilled on their own and joined to the running batch, so a request
    that arrives mid-batch starts at once instead of waiting for the longest reply to end.
    Each row's `on_done` fires as soon as that row finishes. Returns the completions of the
    initial rows, then of the admitted ones, in order.
    """
    import torch

    with torch.inference_mode():
        batch = _Batch(torch, model, tokenizer, eos_ids)
        batch.join(rows)
        while batch.live:
            batch.step()
            if admit is not None and batch.live and len(batch.live) < max_rows:
                newcomers = admit(max_rows - len(batch.live))
                if newcomers:
                    batch.join(newcomers)
        return [row.completion() for row in batch.rows]


class _Batch:
    """The running rows of one role: a shared KV cache, masks, positions and pending tokens.

    Rows are left-padded to a common width. Finished rows leave the cache at once; columns
    that only padding uses any more are cut off, so attention never pays for departed rows.
    """

    def __init__(self, torch, model, tokenizer, eos_ids: set[int]):
        self.torch, self.model, self.tokenizer, self.eos_ids = torch, model, tokenizer, eos_ids
        self.device = next(model.parameters()).device
        self.rows: list[Row] = []  # every row ever joined, for the return value
        self.live: list[Row] = []  # rows still generating, in cache order
        self.cache = self.mask = self.last_pos = self.pending = self.seen = None
        self.gens: list = []

    def join(self, rows: list[Row]) -> None:
        torch = self.torch
        self.rows += rows
        ids, mask = _left_pad(rows, self.tokenizer.pad_token_id, self.device)
        positions = (mask.cumsum(-1) - 1).clamp(min=0)
        out = self.model(input_ids=ids, attention_mask=mask, position_ids=positions, use_cache=True, logits_to_keep=1)
        # padding in `seen` repeats a prompt token, so the repetition penalty sees only real tokens
        seen = torch.where(mask.bool(), ids, ids[:, -1:])
        gens = _generators(rows, self.device)
        pending = _sample(out.logits[:, -1, :], rows, seen, gens)
        start = len(self.live)
        if self.live:
            self._merge(out.cache, mask, positions[:, -1], seen, pending, rows, gens)
        else:
            self.cache, self.mask, self.last_pos, self.seen = out.cache, mask, positions[:, -1], seen
            self.pending, self.live, self.gens = pending, list(rows), gens
        self._settle(start)

    def step(self) -> None:
        """Feed every pending token, sample the next ones."""
        torch = self.torch
        self.seen = torch.cat([self.seen, self.pending[:, None]], dim=1)
        self.mask = torch.cat([self.mask, torch.ones_like(self.mask[:, :1])], dim=1)
        self.last_pos = self.last_pos + 1
        out = self.model(input_ids=self.pending[:, None], attention_mask=self.mask,
                         position_ids=self.last_pos[:, None], cache=self.cache, use_cache=True)
        self.cache = out.cache
        self.pending = _sample(out.logits[:, -1, :], self.live, self.seen, self.gens)
        self._settle()

    def _settle(self, start: int = 0) -> None:
        """Append each pending token from row `start` on to its row, finish rows, drop finished ones."""
        keep = list(range(start))
        tokens = self.pending.tolist()
        for j in range(start, len(self.live)):
            row = self.live[j]
            if accept_token(row, tokens[j], self.eos_ids, self.tokenizer):
                keep.append(j)
            elif row.on_done is not None:
                row.on_done(row.completion())
        if len(keep) < len(self.live):
            self._select(keep)

    def _select(self, keep: list[int]) -> None:
        torch = self.torch
        self.live = [self.live[j] for j in keep]
        self.gens = [self.gens[j] for j in keep]
        if not keep:
            return
        index = torch.tensor(keep, device=self.device)
        self.cache.batch_select_indices(index)
        self.mask, self.seen = self.mask[index], self.seen[index]
        self.pending, self.last_pos = self.pending[index], self.last_pos[index]
        used = self.mask.any(dim=0).nonzero()
        cut = int(used[0]) if len(used) else 0
        if cut > 0:  # leading columns only departed rows needed
            self.mask, self.seen = self.mask[:, cut:], self.seen[:, cut:]
            for layer in self.cache.layers:
                layer.keys, layer.values = layer.keys[..., cut:, :], layer.values[..., cut:, :]

    def _merge(self, cache, mask, last_pos, seen, pending, rows, gens) -> None:
        """Join freshly prefilled rows to the running batch, left-padding the narrower side.
        Padding in `seen` repeats one of the row's own tokens (see `join`)."""
        torch = self.torch
        width = max(self.mask.shape[1], mask.shape[1])

        def pad(t, dim, value=0):
            missing = width - t.shape[dim]
            if missing <= 0:
                return t
            shape = list(t.shape)
            shape[dim] = missing
            return torch.cat([t.new_full(shape, value), t], dim=dim)

        for old, new in zip(self.cache.layers, cache.layers):
            old.keys = torch.cat([pad(old.keys, -2), pad(new.keys, -2)], dim=0)
            old.values = torch.cat([pad(old.values, -2), pad(new.values, -2)], dim=0)
        self.mask = torch.cat([pad(self.mask, 1), pad(mask, 1)], dim=0)
        self.seen = torch.cat([pad(self.seen, 1, -1), pad(seen, 1, -1)], dim=0)
        self.seen = torch.where(self.seen < 0, self.seen.max(dim=1, keepdim=True).values, self.seen)
        self.last_pos = torch.cat([self.last_pos, last_pos])
        self.pending = torch.cat([self.pending, pending])
        self.live += rows
        self.gens += gens
