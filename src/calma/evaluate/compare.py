"""`calma compare OLD NEW`: two adapters (or an adapter and the base) on the same questions.

This replaces the guide's "edit the path in the code and run inference twice". Both sides
are loaded on ONE copy of the base model (peft keeps several named adapters), score the
same test examples, and answer the same held-out questions. Because the examples are the
same, the loss difference is bootstrapped in pairs, which makes it far less noisy than
comparing two separately computed intervals.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from calma.config import CalmaConfig
from calma.atomic import staged_folder
from calma.errors import CalmaError
from calma.evaluate.answers import pick_questions
from calma.evaluate.readiness import comparison_readiness, generation_warnings
from calma.evaluate.loading import BASE, choose_base, default_output, load_model, load_tokenizer_for, pick_device, read_adapter_info
from calma.evaluate.report import generation_section, load_splits, log
from calma.evaluate.scoring import difference_block, loss_block, score

LABELS = ("old", "new")


def _sides(old: str, new: str) -> dict:
    """label -> AdapterInfo, or None for the base model."""
    if old == BASE and new == BASE:
        raise CalmaError("compare: OLD and NEW are both 'base'; name at least one adapter folder")
    return {label: (None if spec == BASE else read_adapter_info(spec)) for label, spec in zip(LABELS, (old, new))}


def loss_outcome(diff: dict) -> str:
    """Which side predicts held-out answers better, or that the interval cannot tell."""
    if diff["high"] < 0:
        return "new is better: its test loss is lower and the whole interval of new − old is below zero"
    if diff["low"] > 0:
        return "old is better: the new test loss is higher and the whole interval of new − old is above zero"
    return "no clear difference: the interval of new − old includes zero"


def run_comparison(old: str, new: str, data_dir, model: str | None = None, output=None, config: CalmaConfig | None = None) -> dict:
    """Compare OLD and NEW (adapter folders or 'base') on the same test split; write compare.md/json."""
    config = config or CalmaConfig()
    ev = config.evaluate
    sides = _sides(old, new)
    infos = [i for i in sides.values() if i is not None]
    base = choose_base(infos, model, config.model.name)
    anchor = sides["new"] or sides["old"]
    output = Path(output).expanduser() if output else default_output(anchor.path, leaf="compare")
    tokenizer = load_tokenizer_for(base, config.model.cache_dir)
    splits = load_splits(data_dir, tokenizer)
    device = pick_device(config.train.device, config.train.num_threads)
    log(f"loading {base} with {', '.join(str(i.path) for i in infos)} on {device}")
    net = load_model(base, {label: info for label, info in sides.items() if info is not None}, device, config.model.cache_dir,
                     config.train.precision)
    targets = {label: (label if info is not None else None) for label, info in sides.items()}
    test = splits["test"]
    results = {}
    for label, adapter in targets.items():
        log(f"loss of {label} on test ({len(test)} examples)")
        results[label] = score(net, test, adapter, config.train.eval_batch_size, device, desc=f"{label}/test")
    boot = {"samples": ev.bootstrap_samples, "seed": ev.seed}
    diff = difference_block(results["old"], results["new"], paired=True, **boot)
    questions = pick_questions(test, ev.generate_samples, ev.seed)
    report = {
        "calma_comparison": 1,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "old": old if sides["old"] is None else str(sides["old"].path),
        "new": new if sides["new"] is None else str(sides["new"].path),
        "base_model": base,
        "data": {"dir": str(data_dir), "test_examples": len(test)},
        "device": device,
        "losses": {label: {"test": loss_block(r, **boot)} for label, r in results.items()},
        "difference": diff,
        "outcome": loss_outcome(diff),
        "generation": {"questions": 0},
        "samples": [],
        "settings": ev.model_dump(mode="json"),
    }
    if len(questions):
        system_prompt = _prepared_prompt(data_dir) or config.model.system_prompt
        report["generation"], report["samples"] = generation_section(
            net, tokenizer, splits, targets, config, system_prompt, device, subject="new", reference="old")
    warnings = generation_warnings(report["generation"], subject="new", reference="old")
    report["warnings"] = [w.to_dict() for w in warnings]
    report["readiness"] = comparison_readiness(report, warnings)
    write_comparison(output, report)
    report["output"] = str(output)
    log(f"comparison written to {output}/compare.md")
    return report


def _prepared_prompt(data_dir) -> str | None:
    from calma.evaluate.report import read_prepared_report

    return read_prepared_report(Path(data_dir).expanduser()).get("system_prompt")


def write_comparison(output: Path, report: dict) -> None:
    from calma.evaluate.render import render_comparison

    with staged_folder(output) as staging:
        (staging / "compare.json").write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
        (staging / "compare.md").write_text(render_comparison(report), encoding="utf-8")
