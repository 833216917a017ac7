"""`calma pipeline` / train_with_hf_dataset.py on the bundled demo data with the tiny model."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from calma.config import load_config
from calma.errors import CalmaError
from calma.train.pipeline import Summary, run_pipeline
from train_helpers import simple_splits, write_prepared

REPO = Path(__file__).resolve().parents[2]


def pipeline_config(tiny_model_dir, **extra):
    overrides = {
        "model.name": str(tiny_model_dir), "data.dataset": "demo", "data.max_samples": 60,
        "train.max_steps": 2, "train.eval_steps": 1, "train.report_to": [], "train.batch_size": 4,
        "evaluate.generate_samples": 2, "evaluate.max_new_tokens": 6, "train.sequence_unlikelihood_phase_steps": 0, **extra,
    }
    return load_config(overrides=overrides)


def test_pipeline_with_report_prints_the_evaluation_once(tmp_path, tiny_model_dir, capsys):
    """--report (make demo) prints the summary from `calma evaluate`'s own numbers."""
    config = pipeline_config(tiny_model_dir, **{"evaluate.train_sample_size": 8, "evaluate.bootstrap_samples": 100,
                                                "evaluate.embedding_similarity": False})
    summary = run_pipeline(config, tmp_path / "out", tmp_path / "data", full_report=True)
    printed = capsys.readouterr().out
    report = json.loads((tmp_path / "out" / "evaluation" / "report.json").read_text())
    assert report["losses"]["adapter"]["validation"]["mean"] == pytest.approx(summary.validation_loss)
    assert f"Validation Loss: {summary.validation_loss:.4f}" in printed
    assert f"Loss Difference: {summary.difference:.4f}" in printed and "Verdict:" in printed
    assert printed.count("Validation Loss:") == 1  # scored once, not by the pipeline and again by evaluate
    assert printed.count("\nQ: ") == 2 and printed.count("adapter:") == 2 and printed.count("base:") == 2


def test_pipeline_prepares_trains_and_prints_the_guides_summary(tmp_path, tiny_model_dir, capsys):
    config = pipeline_config(tiny_model_dir)
    summary = run_pipeline(config, tmp_path / "out", tmp_path / "data")
    printed = capsys.readouterr().out
    assert re.search(r"^Validation Loss: \d+\.\d{4}$", printed, re.M)
    assert re.search(r"^Test Loss: \d+\.\d{4}$", printed, re.M)
    assert f"Loss Difference: {summary.difference:.4f}" in printed
    assert "Validation Perplexity:" in printed and "Test Perplexity:" in printed and "Verdict:" in printed
    assert printed.count("\nQ: ") == 2 and printed.count("adapter:") == 2 and printed.count("base:") == 2
    assert (tmp_path / "out" / "final" / "adapter_model.safetensors").is_file()
    # --skip-data-prep reuses the folder only when it was made from the same inputs
    again = run_pipeline(config, tmp_path / "out", tmp_path / "data", skip_data_prep=True)
    assert again.validation_loss == pytest.approx(summary.validation_loss, rel=1e-5)
    stale = pipeline_config(tiny_model_dir, **{"data.max_samples": 50})
    with pytest.raises(CalmaError, match="without --skip-data-prep"):
        run_pipeline(stale, tmp_path / "out", tmp_path / "data", skip_data_prep=True)


def test_skip_data_prep_refuses_a_folder_made_for_another_tokenizer(tmp_path, tiny_model_dir, tokenizer):
    data = write_prepared(tmp_path / "data", tokenizer, simple_splits())
    report = json.loads((data / "report.json").read_text())
    report["tokenizer_fingerprint"] = "0" * 32  # as if tokenized by another model's tokenizer
    (data / "report.json").write_text(json.dumps(report))
    with pytest.raises(CalmaError, match="another tokenizer"):
        run_pipeline(pipeline_config(tiny_model_dir), tmp_path / "out", data, skip_data_prep=True)


@pytest.mark.parametrize(
    "difference, verdict",
    [(0.05, "good generalization"), (0.15, "acceptable"), (0.25, "likely overfitting")],
)
def test_verdict_thresholds_follow_the_guide(difference, verdict):
    assert verdict in Summary(1.0, 1.0 + difference).verdict
    assert verdict in Summary(1.0 + difference, 1.0).verdict


def test_script_without_network_names_the_local_options(tmp_path, tiny_model_dir):
    done = subprocess.run(
        [sys.executable, "train_with_hf_dataset.py", "--model", str(tiny_model_dir), "--output-dir", str(tmp_path / "o"),
         "--data-dir", str(tmp_path / "d")],
        cwd=REPO, capture_output=True, text=True, timeout=120,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"},
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert "--dataset PATH" in lines[-1] and "make demo" in lines[-1]
    assert not (tmp_path / "d").exists()


def test_pipeline_runs_the_unlikelihood_phase_and_reports_on_its_adapter(tmp_path, tiny_model_dir, capsys):
    config = pipeline_config(tiny_model_dir, **{"train.sequence_unlikelihood_phase_steps": 2,
                                                "train.sequence_unlikelihood_tokens": 8})
    summary = run_pipeline(config, tmp_path / "out", tmp_path / "data")
    err = capsys.readouterr().err
    assert "then 2 steps of sequence-level unlikelihood" in err and "final-likelihood" in err
    meta = json.loads((tmp_path / "out" / "final" / "calma.json").read_text())
    assert meta["sequence_unlikelihood_phase"]["validation_loss_after"] == pytest.approx(summary.validation_loss, rel=1e-4)
    assert (tmp_path / "out" / "final-likelihood" / "adapter_model.safetensors").is_file()
