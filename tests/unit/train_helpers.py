"""Prepared-data folders for the training tests, built from our own hand-written pairs.

They follow the `calma prepare` contract (input_ids with the chat template, labels -100
except the answer and its closing end-of-turn token, length, no padding) so the training
tests do not depend on the data-preparation code.
"""

from __future__ import annotations

import json
from pathlib import Path

from calma.config import THERAPEUTIC_SYSTEM_PROMPT

PAIRS = [
    ("I can't fall asleep before exams.", "Exam nights are hard. Try a short wind-down routine and keep notes away from bed."),
    ("My friend stopped answering my messages.", "That silence hurts. You could send one kind note and give them some room."),
    ("I feel nervous in meetings at work.", "Many people do. Preparing one point in advance can make speaking up easier."),
    ("My parents argue all the time.", "Living with conflict is tiring. Is there a calm place where you can rest?"),
    ("I moved to a new city and feel alone.", "Moving is a big change. A weekly class or club can slowly build new ties."),
    ("I keep putting off my chores.", "Start with five minutes on one small task; momentum often follows."),
    ("I get angry at small things lately.", "Noticing that is a good first step. What tends to happen just before?"),
    ("I miss my grandmother who passed away.", "Grief shows how much she meant to you. Sharing memories can bring comfort."),
    ("I worry about my health every day.", "Constant worry is exhausting. A check-up and a worry time slot may help."),
    ("My partner and I barely talk now.", "Distance can creep in. A short daily check-in can reopen the conversation."),
    ("I compare myself with everyone online.", "Feeds show highlights only. Try noticing how you feel after scrolling."),
    ("I have no energy after work.", "Rest matters. A short walk or an early night might restore some energy."),
]

WORDS_A = "river stone maple cloud lantern meadow harbor violet ember willow".split()
WORDS_B = "pixel rocket gadget turbo laser quantum robot cipher vector neon".split()


def encode(tokenizer, question: str, answer: str, system: str = THERAPEUTIC_SYSTEM_PROMPT) -> dict:
    prompt = tokenizer.apply_chat_template(
        [{"role": "system", "content": system}, {"role": "user", "content": question}],
        add_generation_prompt=True,
        tokenize=True,
        return_dict=False,
    )
    answer_ids = tokenizer(answer + tokenizer.eos_token, add_special_tokens=False)["input_ids"]
    input_ids = list(prompt) + list(answer_ids)
    labels = [-100] * len(prompt) + list(answer_ids)
    return {"question": question, "answer": answer, "input_ids": input_ids, "labels": labels, "length": len(input_ids)}


def write_prepared(folder: Path, tokenizer, splits: dict[str, list[tuple[str, str]]], system: str = "You help.") -> Path:
    """Save `splits` (name → [(question, answer)]) as a prepared-data folder."""
    from datasets import Dataset

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, pairs in splits.items():
        rows = [dict(encode(tokenizer, q, a, system), group=i) for i, (q, a) in enumerate(pairs)]
        Dataset.from_list(rows).save_to_disk(str(folder / name))
    from calma.data import tokenizer_fingerprint

    report = {
        "source": "tests",
        "fingerprint": "test-fingerprint",
        "tokenizer_fingerprint": tokenizer_fingerprint(tokenizer, system, 512),
        "model": "tiny",
        "max_length": 512,
        "system_prompt": system,
        "splits": {name: {"rows": len(pairs)} for name, pairs in splits.items()},
    }
    (folder / "report.json").write_text(json.dumps(report), encoding="utf-8")
    return folder


def simple_splits(repeat: int = 2) -> dict[str, list[tuple[str, str]]]:
    """Train on most pairs, validate and test on the rest."""
    return {"train": PAIRS[:8] * repeat, "validation": PAIRS[8:10], "test": PAIRS[10:]}


def overfit_splits(n_train: int = 6, n_val: int = 4) -> dict[str, list[tuple[str, str]]]:
    """Train answers use one word list, validation answers another, so memorizing the
    training answers makes the validation loss go up after the first steps."""
    train = [(f"Tell me a story {i}.", " ".join(WORDS_A[(i + k) % 10] for k in range(12))) for i in range(n_train)]
    val = [(f"Tell me a story {i}.", " ".join(WORDS_B[(i + k) % 10] for k in range(12))) for i in range(n_val)]
    return {"train": train, "validation": val, "test": val}
