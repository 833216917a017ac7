"""Collator masks/padding and the answer-token loss (calma.evaluate.losses)."""

from __future__ import annotations

import math

import pytest
import torch
from datasets import Dataset
from transformers import AutoModelForCausalLM

from calma.evaluate.losses import dataset_loss, perplexity
from calma.train.collator import AnswerCollator, answer_loss
from train_helpers import PAIRS, encode


@pytest.fixture(scope="module")
def rows(tokenizer):
    return [encode(tokenizer, q, a) for q, a in PAIRS[:5]]


@pytest.fixture(scope="module")
def tiny_model(tiny_model_dir):
    return AutoModelForCausalLM.from_pretrained(tiny_model_dir).eval()


def test_helper_rows_match_the_tokenizers_own_chat_template(tokenizer):
    question, answer = PAIRS[0]
    row = encode(tokenizer, question, answer, system="You help.")
    answer_ids = [t for t, label in zip(row["input_ids"], row["labels"]) if label != -100]
    assert tokenizer.decode(answer_ids) == answer + "<|im_end|>"
    full = tokenizer.apply_chat_template(
        [
            {"role": "system", "content": "You help."},
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer},
        ],
        tokenize=True,
        return_dict=False,
    )
    assert list(full[: row["length"]]) == row["input_ids"]  # only the trailing newline differs


def test_collator_pads_per_batch_and_masks_by_length_not_pad_id(tokenizer, rows):
    pad = tokenizer.pad_token_id
    assert pad == tokenizer.eos_token_id  # why the mask must come from lengths
    batch = AnswerCollator(pad_token_id=pad)(rows[:3])
    lengths = [r["length"] for r in rows[:3]]
    assert batch["input_ids"].shape == (3, max(lengths))
    assert batch["attention_mask"].sum(dim=1).tolist() == lengths
    for i, row in enumerate(rows[:3]):
        n = row["length"]
        assert batch["input_ids"][i, :n].tolist() == row["input_ids"]
        assert batch["labels"][i, :n].tolist() == row["labels"]
        assert (batch["labels"][i, n:] == -100).all() and (batch["input_ids"][i, n:] == pad).all()
        # the answer's own <|im_end|> (== pad id) is attended to and trained on
        assert batch["attention_mask"][i, n - 1] == 1 and batch["labels"][i, n - 1] == pad
    keep = batch["logits_to_keep"]
    assert keep.sum() == (batch["labels"] != -100).sum()
    assert torch.equal(keep[:, :-1], batch["labels"][:, 1:] != -100)
    fixed = AnswerCollator(pad_token_id=pad, pad_to=512, answer_logits_only=False)(rows[:2])
    assert fixed["input_ids"].shape == (2, 512) and "logits_to_keep" not in fixed


def full_logits_loss(model, row):
    """Reference: the textbook shifted cross-entropy over answer tokens of one example."""
    ids = torch.tensor([row["input_ids"]])
    labels = torch.tensor([row["labels"]])
    with torch.no_grad():
        logits = model(input_ids=ids).logits
    return torch.nn.functional.cross_entropy(logits[0, :-1], labels[0, 1:], ignore_index=-100, reduction="sum").item()


def test_answer_only_logits_give_the_textbook_loss(tiny_model, rows):
    batch = AnswerCollator(pad_token_id=0)(rows[:3])
    labels = batch.pop("labels")
    with torch.no_grad():
        out = tiny_model(**batch)
    assert out.logits.shape[0] == (labels != -100).sum()  # only answer positions were projected
    expected = sum(full_logits_loss(tiny_model, r) for r in rows[:3]) / (labels != -100).sum().item()
    assert answer_loss(out, labels).item() == pytest.approx(expected, rel=1e-4)
    assert answer_loss(out, labels, num_items_in_batch=torch.tensor(10)).item() == pytest.approx(
        expected * (labels != -100).sum().item() / 10, rel=1e-4
    )


def test_dataset_loss_is_token_weighted_and_batch_size_invariant(tiny_model, rows):
    data = Dataset.from_list(rows)
    one = dataset_loss(tiny_model, data, batch_size=1, progress=False)
    four = dataset_loss(tiny_model, data, batch_size=4, progress=False)
    assert one.per_example == pytest.approx(four.per_example, rel=1e-4)
    assert one.tokens == [sum(l != -100 for l in r["labels"]) for r in rows]
    weighted = sum(l * n for l, n in zip(four.per_example, four.tokens)) / sum(four.tokens)
    assert four.mean == pytest.approx(weighted, rel=1e-6)
    reference = sum(full_logits_loss(tiny_model, r) for r in rows) / sum(four.tokens)
    assert four.mean == pytest.approx(reference, rel=1e-4)
    assert four.perplexity == pytest.approx(math.exp(four.mean))
    assert perplexity(1e6) == math.inf
    assert not tiny_model.training
