"""Hand-made prepared data and adapter folders for the evaluation tests.

The prepared folder follows the `calma prepare` contract (chat template, answer-only
labels, question groups that never span splits); the adapter folder follows what
`calma train` writes into OUT/final (peft adapter, tokenizer, history.json, calma.json).
All text is ours.
"""

from __future__ import annotations

import json
from pathlib import Path

SYSTEM = "You are a calm, kind listener."

# (group, question, answer): several answers per question, like real counseling data.
TRAIN = [
    (0, "I can't fall asleep before exams.", "Exam nights are hard. A short wind-down routine and keeping notes away from bed can help."),
    (0, "I can't fall asleep before exams.", "Many students lie awake before a test. Slow breathing for a few minutes may settle your mind."),
    (1, "My friend stopped answering my messages.", "That silence hurts. You could send one kind note and then give them some room to reply."),
    (2, "I feel nervous in meetings at work.", "Many people do. Preparing one point in advance can make speaking up feel easier."),
    (3, "I moved to a new city and feel alone.", "Moving is a big change. A weekly class or club can slowly build new friendships."),
    (4, "I keep putting off my chores.", "Start with five minutes on one small task and let the momentum carry you forward."),
    # a long answer whose 12-word runs the memorization test plants in a generated reply
    (5, "I miss my grandmother who passed away.",
     "Grief is the other side of love and it shows how much she meant to you every single day of your life together."),
]
VALIDATION = [
    (10, "I get angry at small things lately.", "Noticing that is a good first step. What tends to happen just before you feel it?"),
    (10, "I get angry at small things lately.", "Irritability often grows when we are tired or stressed. How have you been sleeping?"),
    (11, "I worry about my health every day.", "Constant worry is exhausting. A check-up and a fixed worry time may help."),
    (12, "My partner and I barely talk now.", "Distance can creep in slowly. A short daily check-in can reopen the conversation."),
]
TEST = [
    (20, "I compare myself with everyone online.", "Feeds show highlights only. Try noticing how you feel after scrolling."),
    (20, "I compare myself with everyone online.", "Comparison steals joy. Muting a few accounts for a week can be a kind experiment."),
    (20, "I compare myself with everyone online.", "It makes sense to feel small next to curated lives. What do you value in yourself?"),
    (21, "I have no energy after work.", "Rest matters. A short walk or an early night might restore some of your energy."),
    (22, "My parents argue all the time.", "Living with conflict is tiring. Is there a calm place where you can rest?"),
]


def encode(tokenizer, question: str, answer: str, system: str = SYSTEM) -> dict:
    prompt = tokenizer.apply_chat_template(
        [{"role": "system", "content": system}, {"role": "user", "content": question}],
        add_generation_prompt=True, tokenize=True, return_dict=False,
    )
    answer_ids = tokenizer(answer + tokenizer.eos_token, add_special_tokens=False)["input_ids"]
    input_ids = list(prompt) + list(answer_ids)
    return {"question": question, "answer": answer, "input_ids": input_ids,
            "labels": [-100] * len(prompt) + list(answer_ids), "length": len(input_ids)}


def write_prepared(folder: Path, tokenizer, splits: dict | None = None) -> Path:
    from datasets import Dataset

    splits = splits or {"train": TRAIN, "validation": VALIDATION, "test": TEST}
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in splits.items():
        Dataset.from_list([dict(encode(tokenizer, q, a), group=g) for g, q, a in rows]).save_to_disk(str(folder / name))
    from calma.data import tokenizer_fingerprint

    report = {"source": "tests", "fingerprint": "eval-test-data", "model": "tiny", "system_prompt": SYSTEM, "max_length": 512,
              "tokenizer_fingerprint": tokenizer_fingerprint(tokenizer, SYSTEM, 512),
              "splits": {k: {"rows": len(v)} for k, v in splits.items()}}
    (folder / "report.json").write_text(json.dumps(report), encoding="utf-8")
    return folder


def rising_history() -> list[dict]:
    """A Trainer log_history where validation loss bottoms out at step 20 and then climbs."""
    log = []
    for step in range(5, 65, 5):
        log.append({"step": step, "epoch": step / 20, "loss": 3.0 - 0.03 * step, "learning_rate": 1e-4, "grad_norm": 1.0})
        if step % 10 == 0:
            log.append({"step": step, "epoch": step / 20, "eval_loss": {10: 2.8, 20: 2.5, 30: 2.6, 40: 2.75, 50: 2.9, 60: 3.0}[step]})
    log.append({"step": 60, "train_runtime": 10.0, "train_loss": 2.1})
    return log


def write_adapter(folder: Path, base_dir: Path, tokenizer, seed: int = 0, history: list[dict] | None = None,
                  meta: dict | None = None) -> Path:
    """A randomly initialised (non-zero) LoRA adapter on `base_dir`, saved like OUT/final."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_pretrained(base_dir)
    config = LoraConfig(r=4, lora_alpha=64, target_modules=["q_proj", "v_proj", "up_proj", "down_proj"], init_lora_weights=False,
                        task_type="CAUSAL_LM")  # large alpha: the adapter visibly changes the losses
    model = get_peft_model(model, config)
    folder = Path(folder)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    (folder / "history.json").write_text(json.dumps(history if history is not None else rising_history()), encoding="utf-8")
    calma = {"base_model": str(base_dir), "data_fingerprint": "eval-test-data", "global_step": 60, "max_steps": 100,
             "stopped_early": True, "early_stopping": {"best_step": 20, "best_metric": 2.5}}
    (folder / "calma.json").write_text(json.dumps({**calma, **(meta or {})}), encoding="utf-8")
    return folder
