"""End to end with the real embedded SmolLM2-135M: a few LoRA steps lower the answer loss."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from datasets import load_from_disk
from peft import PeftModel

from calma.config import load_config
from calma.evaluate.losses import dataset_loss
from calma.models import load_base_model
from calma.train.recipe import train

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from train_helpers import PAIRS, write_prepared  # noqa: E402


@pytest.mark.slow
def test_a_few_steps_on_the_real_model_lower_the_loss_and_final_loads(tmp_path, tokenizer):
    pairs = PAIRS[:4]
    data = write_prepared(tmp_path / "data", tokenizer, {"train": pairs, "validation": pairs, "test": pairs})
    config = load_config(overrides={
        "train.max_steps": 6, "train.eval_steps": 3, "train.batch_size": 4, "train.learning_rate": 1e-3,
        "train.warmup_ratio": 0.0, "train.report_to": [], "train.precision": "fp32", "train.sequence_unlikelihood_phase_steps": 0,
    })
    validation = load_from_disk(str(data / "validation"))
    before = dataset_loss(load_base_model(config.model.name), validation, batch_size=4, progress=False)
    result = train(config, data, tmp_path / "out")
    assert result.global_step == 6
    meta = json.loads((result.final_dir / "calma.json").read_text())
    assert meta["base_model"] == "smollm2-135m-instruct"
    model = PeftModel.from_pretrained(load_base_model(config.model.name), str(result.final_dir))
    after = dataset_loss(model, validation, batch_size=4, progress=False)
    assert after.mean < before.mean - 0.1, (before.mean, after.mean)
    with model.disable_adapter():
        assert dataset_loss(model, validation, batch_size=4, progress=False).mean == pytest.approx(before.mean, rel=1e-4)
