"""`calma evaluate`: everything needed to judge one adapter, in one folder.

Order of work: check the inputs (cheap, one-line errors), load the base model once with
the adapter on it, score losses with the adapter on and off, read the training history,
generate answers with the adapter on and off, then write report.json, report.md and the
plots into a temporary folder that replaces REPORT_DIR only when everything succeeded.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from calma.config import CalmaConfig
from calma.atomic import staged_folder
from calma.errors import CalmaError
from calma.evaluate.answers import describe_decoding, generate_all, measure, per_question, pick_questions, repeated, samples_table
from calma.evaluate.history import History, history_warnings, load_history, loss_warnings
from calma.evaluate.loading import (
    AdapterInfo,
    choose_base,
    default_output,
    load_model,
    load_tokenizer_for,
    pick_device,
    read_adapter_info,
)
from calma.evaluate.plots import loss_curves, loss_distributions
from calma.evaluate.readiness import degeneration, generation_warnings, paired_difference, readiness
from calma.evaluate.scoring import difference_block, fixed_sample, loss_block, score
from calma.evaluate.stats import Interval, verdict
from calma.evaluate.textmetrics import MemorizationIndex

SPLITS = ("train_sample", "validation", "test")


def log(message: str) -> None:
    print(f"calma evaluate: {message}", file=sys.stderr, flush=True)


def read_prepared_report(data_dir: Path) -> dict:
    path = data_dir / "report.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def load_splits(data_dir: str | Path, tokenizer):
    """The prepared splits (validation and test must not be empty), via the data package's checks."""
    data_dir = Path(data_dir).expanduser()
    if not data_dir.is_dir():
        raise CalmaError(f"{data_dir}: prepared data folder not found (run `calma prepare --output {data_dir}` first)")
    from calma.data import load_prepared

    splits = load_prepared(data_dir, tokenizer)
    for name in ("train", "validation", "test"):
        if name not in splits or len(splits[name]) == 0:
            raise CalmaError(f"{data_dir}: split '{name}' is missing or empty; rerun `calma prepare`")
    return splits


def score_losses(model, splits, targets: dict[str, str | None], config: CalmaConfig, device) -> dict:
    """LossResult for each target (label -> adapter name, None = base) on each split."""
    ev = config.evaluate
    parts = {
        "train_sample": fixed_sample(splits["train"], ev.train_sample_size, ev.seed),
        "validation": splits["validation"],
        "test": splits["test"],
    }
    results: dict[str, dict] = {}
    for label, adapter in targets.items():
        results[label] = {}
        for split, data in parts.items():
            log(f"loss of {label} on {split} ({len(data)} examples)")
            results[label][split] = score(model, data, adapter, config.train.eval_batch_size, device, desc=f"{label}/{split}")
    return results


def loss_section(results: dict, config: CalmaConfig) -> dict:
    """Loss tables, the guide's difference and verdict, the real gap and the gain over base."""
    ev = config.evaluate
    boot = {"samples": ev.bootstrap_samples, "seed": ev.seed}
    adapter = results["adapter"]
    diff = difference_block(adapter["validation"], adapter["test"], paired=False, **boot)
    section = {
        "losses": {label: {split: loss_block(r, **boot) for split, r in splits.items()} for label, splits in results.items()},
        "difference": diff,
        "verdict": verdict(Interval(**diff), noisy_width=ev.noisy_interval_width).to_dict(),
        "generalization_gap": difference_block(adapter["train_sample"], adapter["validation"], paired=False, **boot),
    }
    if "base" in results:
        base = results["base"]
        section["base_difference"] = difference_block(base["validation"], base["test"], paired=False, **boot)
        # base - adapter on the same examples: positive means the adapter predicts answers better.
        section["improvement_over_base"] = {
            split: difference_block(adapter[split], base[split], paired=True, **boot) for split in ("validation", "test")
        }
    return section


def history_section(history: History | None) -> dict | None:
    if history is None:
        return None
    return {
        "source": history.source,
        "train_points": len(history.train),
        "validation_points": len(history.validation),
        "best_step": history.best_step,
        "last_step": history.last_step,
        "stopped_early": history.stopped_early,
        "best_validation_loss": min((v for _, v in history.validation), default=None),
    }


def generation_section(model, tokenizer, splits, targets: dict[str, str | None], config: CalmaConfig,
                       system_prompt: str | None, device, subject: str = "adapter", reference: str = "base") -> tuple[dict, list[dict]]:
    """Answers of every target to the same held-out questions, with the product's decoding (a
    few seeded samples each) and greedily as a second column: metrics, loops, endings,
    openers, the paired difference to the base model, and a samples table."""
    ev = config.evaluate
    questions = pick_questions(splits["test"], ev.generate_samples, ev.seed)
    if not len(questions):
        return {"questions": 0}, []
    index = MemorizationIndex(splits["train"]["answer"], n=ev.memorization_words)
    section = {"questions": len(questions), "decoding": describe_decoding(config), "max_new_tokens": ev.max_new_tokens,
               "memorization_words": ev.memorization_words, "training_runs_indexed": len(index)}
    log(f"generating answers to {len(questions)} held-out test questions ({', '.join(targets)}; {section['decoding']})")
    answers, finished = generate_all(model, tokenizer, questions, targets, system_prompt, config, device)
    scores = {}
    for label in answers:
        flat = [a for rnd in answers[label] for a in rnd]
        ended = [e for rnd in finished[label] for e in rnd]
        section[label], flat_scores = measure(flat, repeated(questions, len(answers[label])), index, device,
                                              embeddings=ev.embedding_similarity)
        section[label]["degeneration"] = degeneration(flat, ended)
        scores[label] = {key: per_question(value, len(questions)) if value else value for key, value in flat_scores.items()}
        scores[label]["first"] = {key: value[: len(questions)] if value else value for key, value in flat_scores.items()}
    shown = {label: rounds[0] for label, rounds in answers.items()}
    shown_scores = {label: s["first"] for label, s in scores.items()}
    greedy_on = ev.greedy_column and not section["decoding"] == "greedy"
    if greedy_on:
        log("greedy answers to the same questions (second column)")
        g_answers, g_finished = generate_all(model, tokenizer, questions, targets, system_prompt, config, device, greedy=True)
        section["greedy"] = {}
        for label in g_answers:
            texts, ended = g_answers[label][0], g_finished[label][0]
            section["greedy"][label], g_scores = measure(texts, questions, index, device, embeddings=ev.embedding_similarity)
            section["greedy"][label]["degeneration"] = degeneration(texts, ended)
            shown[f"{label} (greedy)"], shown_scores[f"{label} (greedy)"] = texts, g_scores
    if subject in scores and reference in scores:  # subject - reference per question (adapter - base, new - old)
        boot = {"samples": ev.bootstrap_samples, "seed": ev.seed}

        def versus(label: str) -> dict:
            return {key: paired_difference(scores[label][key], scores[reference][key], **boot)
                    for key in ("rouge_l", "embedding_similarity") if scores[label].get(key) and scores[reference].get(key)}

        section["versus_base"] = versus(subject)
        others = [label for label in scores if label not in (subject, reference)]
        if others:  # more than two targets (benchmarks.decoding_study): each one against the reference
            section["versus"] = {label: versus(label) for label in [subject, *others]}
    return section, samples_table(questions, shown, shown_scores)


def write_plots(folder: Path, history: History | None, results: dict) -> list[str]:
    written = []
    if history is not None and (history.train or history.validation):
        written.append(loss_curves(history, folder / "loss_curves.png").name)
    adapter = results["adapter"]
    series = {split: (adapter[split].per_example, adapter[split].tokens) for split in ("validation", "test")}
    written.append(loss_distributions(series, folder / "loss_distribution.png").name)
    return written


def write_outputs(output: Path, report: dict, history: History | None, results: dict) -> None:
    """report.json, report.md and the PNG plots, all or nothing."""
    from calma.evaluate.render import render_report

    with staged_folder(output) as staging:
        report["files"] = ["report.json", "report.md", *write_plots(staging, history, results)]
        (staging / "report.json").write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
        (staging / "report.md").write_text(render_report(report), encoding="utf-8")


def _data_check(info: AdapterInfo, prepared: dict) -> dict:
    fingerprint = prepared.get("fingerprint")
    same = None if not (info.data_fingerprint and fingerprint) else info.data_fingerprint == fingerprint
    return {"fingerprint": fingerprint, "adapter_data_fingerprint": info.data_fingerprint, "same_data_as_training": same}


def run_evaluation(adapter, data_dir, model: str | None = None, output=None, config: CalmaConfig | None = None) -> dict:
    """Evaluate the adapter folder `adapter` on the prepared data in `data_dir`; return report.json's content.

    `model` overrides the base model recorded in the adapter (it must be the same model);
    `output` defaults to OUT/evaluation for OUT/final. Stable API: `calma pipeline` calls it.
    """
    config = config or CalmaConfig()
    info = read_adapter_info(adapter)
    data_dir = Path(data_dir).expanduser()
    base = choose_base([info], model, config.model.name)
    output = Path(output).expanduser() if output else default_output(info.path)
    tokenizer = load_tokenizer_for(base, config.model.cache_dir)
    splits = load_splits(data_dir, tokenizer)
    prepared = read_prepared_report(data_dir)
    device = pick_device(config.train.device, config.train.num_threads)
    log(f"loading {base} with the adapter {info.path} on {device}")
    net = load_model(base, {"adapter": info}, device, config.model.cache_dir, config.train.precision)
    targets = {"adapter": "adapter", "base": None}
    results = score_losses(net, splits, targets, config, device)
    history = load_history(info.path, info.meta)
    report = {
        "calma_evaluation": 1,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "adapter": str(info.path),
        "base_model": base,
        "data": {"dir": str(data_dir), **_data_check(info, prepared), "sizes": {k: len(v) for k, v in splits.items()}},
        "device": device,
        "precision": str(next(net.parameters()).dtype).replace("torch.", ""),
        **loss_section(results, config),
        "history": history_section(history),
        "sequence_unlikelihood_phase": (info.meta or {}).get("sequence_unlikelihood_phase"),
    }
    losses = report["losses"]
    report["warnings"] = [w.to_dict() for w in history_warnings(history) + loss_warnings(
        losses["adapter"]["validation"]["mean"], losses["adapter"]["test"]["mean"], losses["adapter"]["train_sample"]["mean"],
        losses["adapter"]["test"]["mean"], losses["base"]["test"]["mean"],
    )]
    system_prompt = prepared.get("system_prompt") or config.model.system_prompt
    report["generation"], report["samples"] = generation_section(net, tokenizer, splits, targets, config, system_prompt, device)
    report["warnings"] += [w.to_dict() for w in generation_warnings(report["generation"])]
    report["readiness"] = readiness(report)
    report["settings"] = config.evaluate.model_dump(mode="json")
    write_outputs(output, report, history, results)
    report["output"] = str(output)
    log(f"report written to {output}/report.md")
    return report
