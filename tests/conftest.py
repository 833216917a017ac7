"""Shared fixtures.

Unit tests run on a tiny randomly initialised Llama built from a config, with the real
embedded tokenizer (so chat templates and label masks are the real ones). The embedded
model is converted once per machine into $CALMA_HOME (default ~/.cache/calma).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATASETS = REPO.parent / "shared" / "datasets"

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
# Idle OpenMP threads sleep instead of spinning (set before torch loads): on a shared 2-core
# machine spinning made torch up to 5x slower (see docs/training.md).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def shared_dataset(relative: str) -> Path:
    """Path of a file under ../shared/datasets, or skip the test with the reason."""
    path = SHARED_DATASETS / relative
    if not path.exists():
        pytest.skip(f"{path} absent: real counseling data is only in the Calma workplace")
    return path


@pytest.fixture(scope="session")
def embedded_model_dir() -> Path:
    from calma.models import resolve_model

    return Path(resolve_model("smollm2-135m-instruct"))


@pytest.fixture(scope="session")
def tokenizer(embedded_model_dir):
    from calma.models import load_tokenizer

    return load_tokenizer(str(embedded_model_dir))


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory, tokenizer) -> Path:
    """A 2-layer random Llama with the real tokenizer, saved like any model folder."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=2048,
        tie_word_embeddings=True,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    model = LlamaForCausalLM(config)
    out = tmp_path_factory.mktemp("tiny-llama")
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory):
    """The bundled demo data prepared at max_length 384 (short rows keep real-model tests quick)."""
    from calma.cli import main

    out = tmp_path_factory.mktemp("demo") / "prepared"
    assert main(["prepare", "--dataset", "demo", "--output", str(out), "--quiet", "--set", "data.max_length=384"]) == 0
    return out
