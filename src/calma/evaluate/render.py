"""Markdown pages a person reads: report.md (one adapter) and compare.md (two models).

The verdict comes first, in words, with what to do about it; tables follow; sample answers
close the page, side by side with a reference answer, because numbers alone never told
anyone whether a counseling answer is kind and on topic.
"""

from __future__ import annotations

from calma.evaluate.stats import VERDICTS

METRIC_ROWS = [
    ("rouge_l", "ROUGE-L vs best reference", "{:.3f}"),
    ("embedding_similarity", "embedding similarity vs best reference", "{:.3f}"),
    ("distinct_1", "distinct-1 (word variety)", "{:.3f}"),
    ("distinct_2", "distinct-2", "{:.3f}"),
    ("mean_words", "mean answer length (words)", "{:.1f}"),
    ("memorization_rate", "memorization rate", "{:.1%}"),
]


def cell(text) -> str:
    """Text safe inside a markdown table cell."""
    return str(text).replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def interval(block: dict, digits: int = 4) -> str:
    return f"{block['mean' if 'mean' in block else 'value']:.{digits}f} [{block['low']:.{digits}f}, {block['high']:.{digits}f}]"


def _signed(block: dict) -> str:
    return f"{block['value']:+.4f} [{block['low']:+.4f}, {block['high']:+.4f}]"


def verdict_lines(report: dict) -> list[str]:
    v, losses = report["verdict"], report["losses"]["adapter"]
    level = int(v["difference"]["level"] * 100)
    lines = [
        f"## Verdict: {v['text']}",
        "",
        f"|test − validation| = **{abs(v['difference']['value']):.4f}** "
        f"({level}% interval of test − validation: {v['difference']['low']:+.4f} to {v['difference']['high']:+.4f}). "
        f"{v['note'][:1].upper() + v['note'][1:].rstrip('.')}.",
        "",
        "```",
        f"Validation Loss: {losses['validation']['mean']:.4f}",
        f"Test Loss: {losses['test']['mean']:.4f}",
        f"Loss Difference: {abs(report['difference']['value']):.4f}",
        f"Validation Perplexity: {losses['validation']['perplexity']:.2f}",
        f"Test Perplexity: {losses['test']['perplexity']:.2f}",
        "```",
        "",
        "Bands (retraining guide): < 0.1 " + VERDICTS["good"] + "; 0.1–0.2 " + VERDICTS["acceptable"]
        + "; > 0.2 " + VERDICTS["overfitting"] + ".",
        "",
    ]
    return lines + warning_lines(report["warnings"])


def warning_lines(warnings: list[dict]) -> list[str]:
    if not warnings:
        return ["**No warning signs** in the training history or the measured losses.", ""]
    lines = [f"### Warning signs ({len(warnings)})", ""]
    for w in warnings:
        lines.append(f"- **{w['kind'].replace('_', ' ')}**: {w['message']}.")
        lines += [f"  - try {advice}" for advice in w["advice"]]
    return lines + [""]


def loss_table(losses: dict) -> list[str]:
    lines = [
        "| model | training sample (eval mode) | validation | test | validation perplexity | test perplexity |",
        "|---|---|---|---|---|---|",
    ]
    for label, splits in losses.items():
        lines.append(
            f"| {label} | {interval(splits['train_sample'])} | {interval(splits['validation'])} | {interval(splits['test'])} "
            f"| {splits['validation']['perplexity']:.2f} | {splits['test']['perplexity']:.2f} |"
        )
    return lines


def loss_lines(report: dict) -> list[str]:
    sizes = report["losses"]["adapter"]
    lines = ["## Losses (mean over answer tokens, 95% bootstrap intervals)", ""] + loss_table(report["losses"]) + [""]
    lines.append(
        f"Examples: training sample {sizes['train_sample']['examples']}, validation {sizes['validation']['examples']}, "
        f"test {sizes['test']['examples']} ({sizes['test']['tokens']} answer tokens)."
    )
    gap = report["generalization_gap"]
    lines += ["", f"- **Real generalization gap** (validation − training sample, both without dropout): {_signed(gap)}."]
    if "improvement_over_base" in report:
        gain = report["improvement_over_base"]
        lines.append(f"- **Gain over the base model** (base − adapter, same examples): validation {_signed(gain['validation'])}, "
                     f"test {_signed(gain['test'])}; positive is better.")
        lines.append(f"- Base model's own test − validation: {_signed(report['base_difference'])}.")
    perplexity = sizes["test"]["perplexity"]
    if perplexity > 10:
        lines.append(f"- Test perplexity {perplexity:.1f} is above 10: the model is uncertain (more training or data).")
    return lines + [""]


def history_lines(report: dict) -> list[str]:
    h = report.get("history")
    if not h:
        return ["## Training history", "", "No training history found in the adapter folder.", ""]
    stopped = {True: "yes", False: "no", None: "unknown"}[h["stopped_early"]]
    lines = ["## Training history", "", f"Best validation loss {h['best_validation_loss']:.4f} at step {h['best_step']}; "
             f"last step {h['last_step']}; stopped early: {stopped} (from {h['source']})." if h["best_validation_loss"] is not None
             else f"No validation losses in {h['source']}.", ""]
    phase = report.get("sequence_unlikelihood_phase")
    if phase:
        stats = phase.get("stats") or {}
        lines += [f"Then **{phase['steps']} steps of sequence-level unlikelihood** (weight {phase['weight']}) from that adapter: "
                  f"validation loss {phase['validation_loss_before']:.4f} → {phase['validation_loss_after']:.4f}; "
                  f"{stats.get('repeating', 0)} of {stats.get('continuations', 0)} greedy answers generated in training repeated "
                  f"a 4-gram. This report is on the phase's adapter; the first one is in `{phase['likelihood_adapter']}`.", ""]
    for name in ("loss_curves.png", "loss_distribution.png"):
        if name in report.get("files", []):
            lines += [f"![{name}]({name})", ""]
    return lines


DEGENERATION_ROWS = [
    ("loop_rate", "answers caught in a repetition loop", "{:.1%}"),
    ("mean_repeated_4gram_share", "repeated word 4-grams (mean share)", "{:.3f}"),
    ("unfinished_rate", "answers that never end (no end of turn)", "{:.1%}"),
    ("top_opener_share", "answers with the most common opener", "{:.1%}"),
]


def readiness_lines(report: dict) -> list[str]:
    ready = report.get("readiness")
    if not ready:
        return []
    lines = [f"## Ready to promote? **{'Yes' if ready['ready'] else 'No'}**: {ready['text']}", ""]
    lines += [f"- {reason}" for reason in ready["reasons"]]
    if ready["ready"]:
        lines.append("- the loss verdict, the gain over the base model and the generated answers show no problem")
        lines += [f"- but {note}: ready means no warning sign, not better answers" for note in ready.get("notes", [])]
    return lines + [""]


def _columns(generation: dict, labels: list[str]) -> tuple[dict, list[str]]:
    """The product-decoding columns, then the greedy ones when measured."""
    columns = {label: generation[label] for label in labels}
    for label in labels:
        if label in (generation.get("greedy") or {}):
            columns[f"{label} (greedy)"] = generation["greedy"][label]
    return columns, list(columns)


def metrics_table(generation: dict, labels: list[str]) -> list[str]:
    generation, labels = _columns(generation, labels)
    lines = ["| metric | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    for key, name, fmt in METRIC_ROWS:
        values = [generation[label].get(key) for label in labels]
        lines.append(f"| {name} | " + " | ".join("–" if v is None else fmt.format(v) for v in values) + " |")
    for key, name, fmt in DEGENERATION_ROWS:
        values = [(generation[label].get("degeneration") or {}).get(key) for label in labels]
        lines.append(f"| {name} | " + " | ".join("–" if v is None else fmt.format(v) for v in values) + " |")
    lines.append("| memorized answers | " + " | ".join(f"{generation[l]['memorized']}/{generation[l]['count']}" for l in labels) + " |")
    lines.append("| answers with a safety finding | " + " | ".join(
        f"{generation[l]['safety']['answers_flagged']}/{generation[l]['count']}" for l in labels) + " |")
    kinds = sorted({k for l in labels for k in generation[l]["safety"]["by_kind"]})
    for kind in kinds:
        lines.append(f"| — {kind.replace('_', ' ')} | " + " | ".join(str(generation[l]["safety"]["by_kind"].get(kind, 0)) for l in labels) + " |")
    ref = generation[labels[0]]["reference_mean_words"]
    return lines + ["", f"Reference answers average {ref:.1f} words."]


def generation_lines(generation: dict, labels: list[str]) -> list[str]:
    if not generation.get("questions"):
        return ["## Generated answers", "", "No answers generated (evaluate.generate_samples is 0).", ""]
    lines = ["## Generated answers", "",
             f"{generation['questions']} held-out test questions, {generation['decoding']} decoding, at most "
             f"{generation['max_new_tokens']} new tokens. Memorization: a run of {generation['memorization_words']}+ words "
             "copied from any training answer.", ""]
    lines += metrics_table(generation, labels) + [""]
    for key, name in (("rouge_l", "ROUGE-L"), ("embedding_similarity", "embedding similarity")):
        diff = (generation.get("versus_base") or {}).get(key)
        if diff:
            lines.append(f"- {name}, {labels[0]} − {labels[-1]} per question: {_signed(diff)} ({diff['questions']} questions, "
                         "95% paired bootstrap; positive favours " + labels[0] + ")")
    lines.append("")
    for label in labels:
        for hit in generation[label]["memorized_examples"]:
            lines.append(f"- {label}, sample {hit['sample'] + 1} copies training answer #{hit['training_answer']}: “{hit['run']}”")
        for ex in generation[label]["safety"]["examples"]:
            lines.append(f"- {label}, sample {ex['sample'] + 1}, {ex['kind'].replace('_', ' ')}: “{cell(ex['text'])}”")
    return lines + [""]


def sample_lines(samples: list[dict], labels: list[str]) -> list[str]:
    if not samples:
        return []
    lines = ["## Sample answers", ""]
    for i, row in enumerate(samples, start=1):
        lines += [f"### {i}. {cell(row['question'])}", ""]
        lines += ["| reference answer (1 of {}) | ".format(row["references"]) + " | ".join(labels) + " |",
                  "|---|" + "---|" * len(labels)]
        lines.append(f"| {cell(row['reference'])} | " + " | ".join(cell(row[l]) for l in labels) + " |")
        scores = [f"{l}: ROUGE-L {row[f'{l}_rouge_l']:.3f}" + (f", similarity {row[f'{l}_similarity']:.3f}"
                  if row.get(f"{l}_similarity") is not None else "") for l in labels]
        lines += ["", "; ".join(scores), ""]
    return lines


def render_report(report: dict) -> str:
    labels = [l for l in ("adapter", "base") if l in report.get("generation", {})]
    lines = [f"# Calma evaluation of `{report['adapter']}`", "",
             f"Base model `{report['base_model']}`, data `{report['data']['dir']}`, device {report['device']}"
             f"{' (' + report['precision'] + ')' if report.get('precision') else ''}, {report['created']}.", ""]
    if report["data"].get("same_data_as_training") is False:
        lines += ["> **Note**: this data folder is not the one the adapter was trained on (fingerprints differ); "
                  "test questions may have been seen in training.", ""]
    lines += readiness_lines(report) + verdict_lines(report) + loss_lines(report) + history_lines(report)
    lines += generation_lines(report["generation"], labels) + sample_lines(report["samples"], labels)
    return "\n".join(lines) + "\n"


def render_comparison(report: dict) -> str:
    """compare.md: the outcome first, then the loss table, the metrics and the answers side by side."""
    labels = [l for l in ("old", "new") if l in report.get("generation", {})] or ["old", "new"]
    losses, diff = report["losses"], report["difference"]
    lines = [
        "# Calma comparison",
        "",
        f"- **old**: `{report['old']}`",
        f"- **new**: `{report['new']}`",
        f"- base model `{report['base_model']}`, test split of `{report['data']['dir']}` "
        f"({report['data']['test_examples']} examples), device {report['device']}, {report['created']}",
        "",
        f"## Outcome: {report['outcome']}",
        "",
        *readiness_lines(report),
        f"Test loss new − old: **{_signed(diff)}** (95% paired bootstrap interval over the same examples; negative favours new).",
        "",
        "| model | test loss | test perplexity |",
        "|---|---|---|",
    ]
    for label in ("old", "new"):
        block = losses[label]["test"]
        lines.append(f"| {label} | {interval(block)} | {block['perplexity']:.2f} |")
    lines.append("")
    lines += generation_lines(report["generation"], labels) if report["generation"].get("questions") else []
    lines += warning_lines(report.get("warnings", [])) if report.get("warnings") else []
    lines += sample_lines(report["samples"], labels)
    return "\n".join(lines) + "\n"
