"""Promotion, rollback and versions: atomic switch, content hash, metrics from the report."""

from __future__ import annotations

import json
import os

import pytest

from calma.cli import main
from calma.errors import CalmaError
from calma.serve.registry import Registry, content_hash


def fake_adapter(folder, weights: bytes = b"weights-1", report: dict | None = None):
    """An adapter-shaped folder (the registry copies and hashes files; it never loads them)."""
    folder.mkdir(parents=True)
    (folder / "adapter_config.json").write_text(json.dumps({"base_model_name_or_path": "tiny"}))
    (folder / "adapter_model.safetensors").write_bytes(weights)
    meta = {"base_model": "smollm2-135m-instruct", "global_step": 40, "early_stopping": {"best_metric": 1.2345678}}
    (folder / "calma.json").write_text(json.dumps(meta))
    if report is not None:
        (folder.parent / "evaluation").mkdir()
        (folder.parent / "evaluation" / "report.json").write_text(json.dumps(report))
    return folder


@pytest.fixture
def registry(tmp_path):
    return Registry(tmp_path / "models" / "registry", tmp_path / "models" / "calma-final")


def test_promote_rollback_versions(registry, tmp_path):
    report = {"losses": {"adapter": {"test": {"mean": 1.5, "perplexity": 4.48}}}, "verdict": {"key": "good"}}
    a = fake_adapter(tmp_path / "run1" / "final", report=report)
    b = fake_adapter(tmp_path / "run2" / "final", b"weights-2")
    v1 = registry.promote(a)
    assert v1.id == "v1" and v1.sha256 == content_hash(a) and v1.base_model == "smollm2-135m-instruct"
    assert v1.metrics["best_eval_loss"] == 1.2346 and v1.metrics["test_loss"] == 1.5 and v1.metrics["steps"] == 40
    assert v1.metrics["test_perplexity"] == 4.48
    assert v1.metrics["verdict"] == "good"
    prod = registry.production
    assert prod.is_symlink() and (prod / "adapter_model.safetensors").read_bytes() == b"weights-1"
    registry.promote(b)
    assert registry.current_id() == "v2" and (prod / "adapter_model.safetensors").read_bytes() == b"weights-2"
    (b / "adapter_model.safetensors").write_bytes(b"changed later")  # the registry kept its own copy
    assert (prod / "adapter_model.safetensors").read_bytes() == b"weights-2"
    assert registry.rollback().id == "v1"
    assert registry.current_id() == "v1" and (prod / "adapter_model.safetensors").read_bytes() == b"weights-1"
    assert [v.id for v in registry.versions()] == ["v1", "v2"]
    with pytest.raises(CalmaError, match="no earlier version"):
        registry.rollback()
    assert not [p for p in registry.root.iterdir() if p.name.startswith(".incoming")]


def test_promote_refuses_bad_input(registry, tmp_path):
    with pytest.raises(CalmaError, match="not a LoRA adapter folder"):
        registry.promote(tmp_path)
    a = fake_adapter(tmp_path / "a")
    registry.promote(a)
    with pytest.raises(CalmaError, match="same content"):
        registry.promote(a)
    with pytest.raises(CalmaError, match="already the production adapter"):
        registry.promote(registry.production)


def test_plain_production_folder_is_not_overwritten(registry, tmp_path):
    registry.production.mkdir(parents=True)
    (registry.production / "keep.txt").write_text("user's files")
    with pytest.raises(CalmaError, match="plain folder"):
        registry.promote(fake_adapter(tmp_path / "a"))
    assert (registry.production / "keep.txt").read_text() == "user's files"


def test_switch_is_one_atomic_replace(registry, tmp_path, monkeypatch):
    """Readers see the old or the new target, never a missing link: only os.replace touches it."""
    registry.promote(fake_adapter(tmp_path / "a"))
    calls = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (calls.append(str(dst)), real_replace(src, dst)))
    monkeypatch.setattr(os, "unlink", lambda *a, **k: pytest.fail("the production link was removed"))
    registry.promote(fake_adapter(tmp_path / "b", b"other"))
    assert str(registry.production) in calls and registry.production.is_symlink()


def test_cli_commands(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    fake_adapter(tmp_path / "out" / "final")
    fake_adapter(tmp_path / "out2" / "final", b"two")
    assert main(["versions"]) == 0 and "no versions" in capsys.readouterr().out
    assert main(["promote", "out/final"]) == 0
    assert "promoted out/final as v1" in capsys.readouterr().out
    assert main(["promote", "out2/final"]) == 0
    capsys.readouterr()
    assert main(["versions"]) == 0
    listing = capsys.readouterr().out
    assert "* v2" in listing and "  v1" in listing and "best_eval_loss=1.2346" in listing
    assert main(["rollback"]) == 0 and "v1" in capsys.readouterr().out
    assert os.readlink("models/calma-final").endswith("versions/v1")
    assert main(["promote", "nowhere"]) == 2
    assert "not a LoRA adapter folder" in capsys.readouterr().err
