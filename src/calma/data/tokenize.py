"""Chat-template tokenization with labels on the assistant's answer only.

Each example is rendered by the model's own chat template (system prompt, user question,
assistant answer) and tokenized once; character offsets tell which tokens belong to the
answer and its closing end-of-turn token. Masking by offsets, never by token id, matters:
the embedded model's pad token is its end-of-turn token, so "mask the pad id" would also
mask the one token that teaches the model to stop. No padding here: batches pad in training.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Sequence

IGNORE_INDEX = -100
_BATCH = 256


@dataclass
class Encoded:
    input_ids: list[list[int]] = field(default_factory=list)
    labels: list[list[int]] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)  # indices of rows that produced an example
    truncated: int = 0
    prompt_too_long: int = 0


def messages_for(system_prompt: str, question: str, answer: str | None = None) -> list[dict[str, str]]:
    messages = [{"role": "system", "content": system_prompt}, {"role": "user", "content": question}]
    if answer is not None:
        messages.append({"role": "assistant", "content": answer})
    return messages


def render(tokenizer, system_prompt: str, question: str, answer: str) -> tuple[str, int, int]:
    """Full text, where the answer starts, and where it ends (before its end-of-turn token)."""
    prompt = tokenizer.apply_chat_template(
        messages_for(system_prompt, question), tokenize=False, add_generation_prompt=True
    )
    full = tokenizer.apply_chat_template(messages_for(system_prompt, question, answer), tokenize=False)
    if not full.startswith(prompt):
        raise ValueError("chat template renders the prompt differently once an answer follows")
    start = len(prompt)
    found = full.find(answer.strip(), start)
    end = found + len(answer.strip()) if found >= 0 else len(full.rstrip())
    return full, start, end


def _labels(ids: list[int], offsets: list[tuple[int, int]], start: int, end: int, special: set[int]) -> list[int]:
    """Answer tokens, plus the first special token after the answer (its end of turn)."""
    labels = [IGNORE_INDEX] * len(ids)
    for k, (token_start, token_end) in enumerate(offsets):
        if start <= token_start < end:
            labels[k] = ids[k]
        elif token_start >= end and token_end > token_start:
            if ids[k] in special:
                labels[k] = ids[k]
            break
    return labels


def encode_rows(
    tokenizer, system_prompt: str, questions: Sequence[str], answers: Sequence[str], max_length: int, progress=None
) -> Encoded:
    """Token ids and labels for every row; over-long rows are truncated and counted."""
    special = set(tokenizer.all_special_ids)
    out = Encoded()
    for begin in range(0, len(questions), _BATCH):
        rendered = [render(tokenizer, system_prompt, q, a) for q, a in zip(questions[begin : begin + _BATCH], answers[begin : begin + _BATCH])]
        batch = tokenizer([r[0] for r in rendered], add_special_tokens=False, return_offsets_mapping=True)
        for k, (full, start, end) in enumerate(rendered):
            ids = list(batch["input_ids"][k])
            labels = _labels(ids, batch["offset_mapping"][k], start, end, special)
            if len(ids) > max_length:
                ids, labels = ids[:max_length], labels[:max_length]
                if all(label == IGNORE_INDEX for label in labels):
                    out.prompt_too_long += 1
                    continue
                out.truncated += 1
            out.input_ids.append(ids)
            out.labels.append(labels)
            out.kept.append(begin + k)
        if progress is not None:
            progress.update(len(rendered))
    return out


def tokenizer_fingerprint(tokenizer, system_prompt: str, max_length: int) -> str:
    """Identifies what tokenization depends on: vocabulary, special tokens, chat template,
    system prompt and length limit. Two folders holding the same tokenizer agree."""
    payload = {
        "vocab": sorted(tokenizer.get_vocab().items()),
        "special": sorted(str(t) for t in tokenizer.all_special_tokens),
        "eos": tokenizer.eos_token,
        "chat_template": tokenizer.chat_template,
        "system_prompt": system_prompt,
        "max_length": int(max_length),
    }
    blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:32]
