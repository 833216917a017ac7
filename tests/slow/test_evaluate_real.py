"""`calma evaluate` end to end with the real embedded model on the bundled demo data.

The adapter is a freshly initialised peft adapter with small non-zero weights (training
the 135M model takes minutes on a shared 2-core CPU; `calma train` has its own real-model
test). Sizes are cut so the run stays well under two minutes.
"""

from __future__ import annotations

import json
import math

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_adapter(tmp_path_factory, embedded_model_dir):
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_pretrained(embedded_model_dir)
    config = LoraConfig(r=8, lora_alpha=16, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM")
    model = get_peft_model(model, config)
    with torch.no_grad():
        for name, param in model.named_parameters():
            if "lora_B" in name:
                param.normal_(0.0, 0.01)  # small but non-zero: the adapter must change the losses
    folder = tmp_path_factory.mktemp("run") / "final"
    model.save_pretrained(folder)
    (folder / "calma.json").write_text(json.dumps({"base_model": "smollm2-135m-instruct"}))
    return folder


def test_evaluate_the_embedded_model_on_demo_data(demo_data, demo_adapter, capsys):
    from calma.cli import main

    code = main([
        "evaluate", "--adapter", str(demo_adapter), "--data", str(demo_data), "--samples", "2",
        "--set", "evaluate.max_new_tokens=24", "--set", "evaluate.train_sample_size=12",
        "--set", "evaluate.bootstrap_samples=300", "--set", "train.device=cpu",
        "--set", "train.num_threads=1",  # on a shared 2-core CPU one thread is far faster than two spinning
    ])
    out = capsys.readouterr().out
    assert code == 0 and "Validation Loss:" in out and "Verdict:" in out
    report = json.loads((demo_adapter.parent / "evaluation" / "report.json").read_text())
    losses = report["losses"]
    for label in ("adapter", "base"):
        for split in ("train_sample", "validation", "test"):
            block = losses[label][split]
            # a real instruct model predicts counseling answers far better than chance (ln 49152 = 10.8)
            assert 0.5 < block["mean"] < 6.0 and block["low"] <= block["mean"] <= block["high"]
            assert block["perplexity"] == pytest.approx(math.exp(block["mean"]))
    assert losses["adapter"]["test"]["mean"] != pytest.approx(losses["base"]["test"]["mean"], abs=1e-5)
    generation = report["generation"]
    assert generation["questions"] == 2
    for label in ("adapter", "base"):
        assert generation[label]["mean_words"] > 3  # a real model writes words
        assert generation[label]["embedding_similarity"] > 0.1  # and on topic
    assert report["verdict"]["key"] in {"good", "acceptable", "overfitting", "noisy"}
    files = set(report["files"])
    assert {"report.json", "report.md", "loss_distribution.png"} <= files
