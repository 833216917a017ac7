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

    temperature: float = 0.7
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
            probs = _top_p(torch, probs, p.top_p)
        out[i] = torch.multinomial(probs, 1, generator=generators[i])[0]
    return out


def _top_p(torch, probs, top_p: float):
    """Nucleus filter. The nucleus almost always lies in the top few hundred tokens, so a
    top-k is tried first (exact when it already holds `top_p` of the mass), sparing a sort of
    the whole vocabulary on every step."""
    k = min(256, probs.numel())
    top, order = probs.topk(k)
    if float(top.sum()) < top_p:
        top, order = probs.sort(descending=True)
    keep = top.cumsum(0) - top < top_p
    return torch.zeros_like(probs).scatter(0, order[keep], top[keep])


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


def generate_batch(model, tokenizer, rows: list[Row], eos_ids: set[int]) -> list[Completion]:
    """Generate every row to its end (eos, stop string, max tokens or cancel) in one batch."""
    import torch

    with torch.inference_mode():
        return _generate(torch, model, tokenizer, rows, eos_ids)


def _generate(torch, model, tokenizer, rows: list[Row], eos_ids: set[int]) -> list[Completion]:
    device = next(model.parameters()).device
    pad_id = tokenizer.pad_token_id
    ids, mask = _left_pad(rows, pad_id, device)
    positions = (mask.cumsum(-1) - 1).clamp(min=0)
    out = model(input_ids=ids, attention_mask=mask, position_ids=positions, use_cache=True, logits_to_keep=1)
    cache, logits = out.cache, out.logits[:, -1, :]
    seen, live = ids, list(range(len(rows)))  # `live`: indices into rows, in cache order
    gens = _generators(rows, device)
    last_pos = positions[:, -1]
    step = 0
    while live:
        active = [rows[i] for i in live]
        nxt = _sample(logits, active, seen, [gens[i] for i in live])
        keep = []
        for j, (row, token) in enumerate(zip(active, nxt.tolist())):
            if row.cancelled.is_set():
                row.finish_reason = "cancelled"
            elif token in eos_ids:
                row.finish_reason = "stop"
            else:
                row.tokens.append(token)
                if len(row.tokens) >= row.params.max_new_tokens:
                    row.finish_reason = "length"
            _advance_text(row, tokenizer)
            if row.finish_reason is None:
                keep.append(j)
        step += 1
        if not keep:
            break
        if len(keep) < len(live):  # drop finished rows from everything the next step reads
            index = torch.tensor(keep, device=device)
            cache.batch_select_indices(index)
            nxt, seen, mask, last_pos = nxt[index], seen[index], mask[index], last_pos[index]
            live = [live[j] for j in keep]
        seen = torch.cat([seen, nxt[:, None]], dim=1)
        mask = torch.cat([mask, torch.ones_like(mask[:, :1])], dim=1)
        last_pos = last_pos + 1
        out = model(
            input_ids=nxt[:, None], attention_mask=mask, position_ids=last_pos[:, None],
            cache=cache, use_cache=True,
        )
        cache, logits = out.cache, out.logits[:, -1, :]
    return [row.completion() for row in rows]
