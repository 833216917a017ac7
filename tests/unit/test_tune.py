"""`calma tune` on the tiny model: a small Optuna search, its table and winner, resume, progressive."""

from __future__ import annotations

import json

import pytest

from calma.config import load_config
from calma.errors import CalmaError
from calma.tune import _sizes, ranked, tune
from train_helpers import simple_splits, write_prepared


@pytest.fixture(scope="module")
def data(tmp_path_factory, tokenizer):
    return write_prepared(tmp_path_factory.mktemp("tune-data"), tokenizer, simple_splits(repeat=3))


def config_for(model_dir):
    return load_config(overrides={
        "model.name": str(model_dir), "train.report_to": [], "train.batch_size": 4, "train.eval_steps": 2,
        "train.epochs": 2, "train.precision": "fp32", "evaluate.generate_samples": 2, "evaluate.max_new_tokens": 4,
        "evaluate.bootstrap_samples": 100, "evaluate.train_sample_size": 4, "evaluate.samples_per_question": 1,
        "evaluate.embedding_similarity": False, "train.sequence_unlikelihood_phase_steps": 0,
    })


def test_a_search_ranks_by_validation_loss_among_good_verdicts_and_resumes(tmp_path, tiny_model_dir, data, monkeypatch):
    config = config_for(tiny_model_dir)
    rows = tune(config, data, tmp_path, trials=3)
    assert len(rows) == 3 and all(r["state"] in ("complete", "pruned") for r in rows)
    saved = json.loads((tmp_path / "trials.json").read_text())
    best = ranked(rows)[0]
    assert saved["best"] == best["trial"]
    assert all(best["validation_loss"] <= r["validation_loss"] for r in ranked(rows) if r["verdict"] == best["verdict"])
    assert (tmp_path / "best" / "adapter_config.json").is_file() and (tmp_path / "trials.png").is_file()
    table = (tmp_path / "trials.md").read_text()
    assert "validation loss [95%]" in table and "**best**" in table and "learning_rate" in table

    import calma.tune as module

    calls = []
    monkeypatch.setattr(module, "run_trial", lambda *a, **k: calls.append(a) or pytest.fail("a finished trial was redone"))
    again = tune(config, data, tmp_path, trials=3)  # everything already done: nothing trains
    assert [r["trial"] for r in again] == [r["trial"] for r in rows] and calls == []


def test_progressive_grows_the_data_and_stops_when_the_verdict_worsens(tmp_path, tiny_model_dir, data, monkeypatch):
    import calma.tune as module

    verdicts = iter(["good", "acceptable", "good"])

    def fake_trial(config, data_dir, folder, callbacks=()):
        from datasets import load_from_disk

        folder.mkdir(parents=True)
        (folder / "adapter_config.json").write_text("{}")
        verdict = next(verdicts)
        return {"adapter": str(folder), "validation_loss": 2.0, "validation_interval": [1.9, 2.1], "gap": 0.01,
                "verdict": verdict, "verdict_text": verdict, "ready": True,
                "steps": len(load_from_disk(str(data_dir / "train"))), "seconds": 1.0}

    monkeypatch.setattr(module, "run_trial", fake_trial)
    rows = tune(config_for(tiny_model_dir), data, tmp_path, progressive=_sizes("4,8,all"))
    assert [r["settings"]["training_rows"] for r in rows] == [4, 8]  # stopped: good -> acceptable
    assert [r["steps"] for r in rows] == [4, 8]  # each trial saw that many training rows
    assert json.loads((tmp_path / "trials.json").read_text())["best"] == 0


def test_bad_progressive_sizes_are_one_line():
    with pytest.raises(CalmaError, match="'lots' is not a row count"):
        _sizes("1000,lots")
    assert _sizes("1000, 5000, all") == [1000, 5000, None]
