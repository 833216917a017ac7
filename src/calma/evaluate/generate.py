"""Batched greedy answers to held-out questions, with the adapter on and off.

One model copy serves both: peft's `disable_adapter()` turns the LoRA layers off for the
base model's answers, so the comparison costs no second copy of the weights. Prompts are
padded on the left so every row's answer starts right after its own prompt.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from tqdm.auto import tqdm


def use_adapter(model, name: str | None):
    """Context in which `model` runs with adapter `name`, or as its base model when None.

    A plain (non-peft) model is always the base model and ignores this.
    """
    if not hasattr(model, "disable_adapter"):
        return contextlib.nullcontext()
    if name is None:
        return model.disable_adapter()
    model.set_adapter(name)
    return contextlib.nullcontext()


def chat_prompts(tokenizer, questions: Sequence[str], system_prompt: str | None) -> list[str]:
    """The questions in the tokenizer's own chat template, ending where the answer begins."""
    prompts = []
    for question in questions:
        messages = [{"role": "system", "content": system_prompt}] if system_prompt else []
        messages.append({"role": "user", "content": question})
        prompts.append(tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True))
    return prompts


def generate_answers(model, tokenizer, questions: Sequence[str], system_prompt: str | None, max_new_tokens: int = 128,
                     batch_size: int = 8, device=None, desc: str = "generating", sampling: dict | None = None,
                     finished: list | None = None) -> list[str]:
    """Answers to `questions`, in order; similar-length prompts share a batch.

    Greedy unless `sampling` gives {"temperature", "top_p", "seed"} (and optionally
    "repetition_penalty"), seeded so that two runs sample the same answers; temperature 0 is
    greedy with the repetition penalty (as `calma serve` answers it). When `finished`
    is a list, it receives, per answer, whether the model ended its turn before
    `max_new_tokens` (an answer that never ends is a warning sign of its own).
    """
    import torch

    decoding = {"do_sample": False}
    if sampling:
        torch.manual_seed(sampling.get("seed", 0))
        if sampling["temperature"] > 0:
            decoding = {"do_sample": True, "temperature": sampling["temperature"], "top_p": sampling["top_p"]}
        if sampling.get("repetition_penalty", 1.0) != 1.0:
            decoding["repetition_penalty"] = sampling["repetition_penalty"]
    ended: list[bool] = [False] * len(questions)

    device = device or next(model.parameters()).device
    prompts = chat_prompts(tokenizer, questions, system_prompt)
    order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
    answers: list[str] = [""] * len(prompts)
    side = tokenizer.padding_side
    tokenizer.padding_side = "left"
    was_training = model.training
    model.eval()
    try:
        with tqdm(total=len(prompts), desc=desc, unit="answer", leave=False) as bar:
            for start in range(0, len(order), batch_size):
                chunk = order[start : start + batch_size]
                enc = tokenizer([prompts[i] for i in chunk], return_tensors="pt", padding=True, add_special_tokens=False).to(device)
                with torch.inference_mode():
                    out = model.generate(
                        **enc,
                        **decoding,
                        max_new_tokens=max_new_tokens,
                        pad_token_id=tokenizer.pad_token_id,
                        eos_token_id=tokenizer.eos_token_id,
                    )
                new_tokens = out[:, enc["input_ids"].shape[1] :]
                for i, row in zip(chunk, new_tokens, strict=True):
                    answers[i] = tokenizer.decode(row, skip_special_tokens=True).strip()
                    ended[i] = bool((row == tokenizer.eos_token_id).any())
                bar.update(len(chunk))
    finally:
        tokenizer.padding_side = side
        model.train(was_training)
    if finished is not None:
        finished[:] = ended
    return answers
