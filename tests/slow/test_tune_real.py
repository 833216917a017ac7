"""`calma tune` end to end: a 4-trial Optuna search with the real embedded model on the demo data.

Each trial is a real `calma train` + `calma evaluate` of SmolLM2-135M; sizes are cut (a few
steps, short rows, two short answers) so that the four trials take minutes on 2 cores.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_four_trials_on_the_embedded_model_rank_a_winner_ready_to_promote(tmp_path, demo_data, embedded_model_dir, capsys):
    from calma.cli import main

    out = tmp_path / "tune"
    code = main([
        "tune", "--data", str(demo_data), "--output-dir", str(out), "--trials", "4", "--config", str(REPO / "configs" / "demo.yaml"),
        "--set", "train.max_steps=4", "--set", "train.eval_steps=2", "--set", "train.batch_size=4",
        "--set", "train.report_to=[]", "--set", "train.num_threads=1",
        "--set", "train.sequence_unlikelihood_phase_steps=0",
        "--set", "evaluate.generate_samples=2", "--set", "evaluate.samples_per_question=1",
        "--set", "evaluate.max_new_tokens=12", "--set", "evaluate.train_sample_size=12",
        "--set", "evaluate.bootstrap_samples=200", "--set", "evaluate.embedding_similarity=false",
    ])
    assert code == 0, capsys.readouterr().err
    saved = json.loads((out / "trials.json").read_text())
    trials = saved["trials"]
    assert len(trials) == 4 and all(t["state"] in ("complete", "pruned") for t in trials)
    complete = [t for t in trials if t["state"] == "complete"]
    assert complete, "every trial was pruned"
    for t in complete:
        # a real instruct model predicts counseling answers far better than chance (ln 49152 = 10.8)
        assert 0.5 < t["validation_loss"] < 6.0
        assert t["validation_interval"][0] <= t["validation_loss"] <= t["validation_interval"][1]
        assert set(t["settings"]) >= {"epochs", "learning_rate", "weight_decay", "lora_dropout", "lora_r", "data_share"}
    winner = next(t for t in trials if t["trial"] == saved["best"])
    assert winner["state"] == "complete"
    config = json.loads((out / "best" / "adapter_config.json").read_text())
    assert config["r"] == winner["settings"]["lora_r"]  # the winner's own adapter, ready for `calma promote`
    assert (out / "best" / "calma.json").is_file() and (out / "trials.png").stat().st_size > 0
    assert "**best**" in (out / "trials.md").read_text()
