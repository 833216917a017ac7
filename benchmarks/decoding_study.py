"""Which served decoding lets a retrained adapter say better things than the base model?

For one adapter and its base model (the same weights with the adapter off), answers the
held-out questions `calma evaluate` answers, once per decoding setting (temperature, top-p,
repetition penalty; a few seeded samples each, as the report samples), and measures what the
report measures: ROUGE-L and embedding similarity against the best reference, the paired
adapter − base difference per question with its bootstrap interval, loops, endings, openers.

Both roles share `generation.*` today, so each setting is applied to both sides: a setting
that only flatters the adapter would show up as the base model getting better too.

`--adapter` may be given several times (adapters of one base model, e.g. a first stage and
phases started from it): the base model then answers once per setting, not once per adapter,
and each adapter gets its own paired difference to it.

    python -m benchmarks.decoding_study --adapter models/full-run/final [--adapter OTHER ...] --data data/full-run \
        [--settings 0.7/0.9/1.1,0.5/0.9/1.1,0.3/0.9/1.1] [--questions N] [--output benchmarks/results/decoding-study.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def parse_settings(text: str) -> list[dict]:
    settings = []
    for item in text.split(","):
        temperature, top_p, penalty = (float(x) for x in item.split("/"))
        settings.append({"temperature": temperature, "top_p": top_p, "repetition_penalty": penalty})
    return settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adapter", type=Path, required=True, action="append",
                        help="adapter folder; repeat for several adapters of the same base model")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--settings", default="0.7/0.9/1.1,0.5/0.9/1.1,0.3/0.9/1.1",
                        help="comma-separated temperature/top_p/repetition_penalty triples (temperature 0: greedy; with a penalty other than 1, greedy as `calma serve` answers it)")
    parser.add_argument("--questions", type=int, default=None,
                        help="held-out test questions to answer (default: evaluate.generate_samples)")
    parser.add_argument("--output", type=Path, default=Path("benchmarks/results/decoding-study.json"))
    args = parser.parse_args(argv)
    from calma.train.commands import passive_openmp

    passive_openmp()  # before torch loads (see docs/training.md)
    from calma.config import load_config
    from calma.errors import CalmaError
    from calma.evaluate.loading import load_model, load_tokenizer_for, read_adapter_info
    from calma.evaluate.report import generation_section, load_splits, read_prepared_report

    # peft adapter names: "adapter" for the first (the output's "adapter"), "adapter2", ... for the rest
    infos = {("adapter" if i == 0 else f"adapter{i + 1}"): read_adapter_info(path) for i, path in enumerate(args.adapter)}
    bases = {info.base_model for info in infos.values()}
    if len(bases) > 1:
        raise SystemExit(f"decoding_study: the adapters were trained on different base models ({', '.join(sorted(bases))})")
    first = infos["adapter"]
    tokenizer = load_tokenizer_for(first.base_model)
    try:
        model = load_model(first.base_model, infos, "cpu")
    except CalmaError as exc:
        raise SystemExit(f"decoding_study: {exc}") from None
    splits = load_splits(args.data, tokenizer)
    system_prompt = read_prepared_report(args.data).get("system_prompt") or load_config().model.system_prompt
    targets = {**{name: name for name in infos}, "base": None}
    rows = []
    for setting in parse_settings(args.settings):
        overrides = {f"generation.{key}": value for key, value in setting.items()}
        overrides["evaluate.greedy_column"] = False
        if args.questions is not None:
            overrides["evaluate.generate_samples"] = args.questions
        config = load_config(overrides=overrides)
        started = time.perf_counter()
        section, _ = generation_section(model, tokenizer, splits, targets, config, system_prompt, "cpu")
        versus = section.get("versus") or {"adapter": section.get("versus_base")}
        row = {**setting, "seconds": round(time.perf_counter() - started, 1), "versus_base": section.get("versus_base")}
        for label in targets:
            s = section[label]
            key = label if label in ("adapter", "base") else str(infos[label].path)
            row[key] = {"rouge_l": s.get("rouge_l"), "embedding_similarity": s.get("embedding_similarity"),
                        "mean_words": s.get("mean_words"), "degeneration": s.get("degeneration")}
            if label not in ("adapter", "base"):
                row[key]["versus_base"] = versus.get(label)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    result = {"measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "adapter": str(args.adapter[0]),
              "other_adapters": [str(path) for path in args.adapter[1:]],
              "data": str(args.data), "questions": section.get("questions"), "rows": rows}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(render(result))
    return 0


def _interval(d: dict | None) -> str:
    return "n/a" if not d else f"{d['value']:+.4f} [{d['low']:+.4f}, {d['high']:+.4f}]"


def render(result: dict) -> str:
    others = result.get("other_adapters") or []
    lines = [f"adapter {result['adapter']}, {result['questions']} questions", "",
             "| temperature / top-p / penalty | ROUGE-L adapter / base | adapter − base | similarity adapter / base | adapter − base | loops adapter / base | ended adapter / base |",
             "|---|---|---|---|---|---|---|"]
    if others:
        lines[0] = f"adapters {', '.join([result['adapter'], *others])}, {result['questions']} questions"
        lines[2] = "| adapter | " + lines[2][2:]
        lines[3] += "---|"
    for r in result["rows"]:
        for name in [result["adapter"], *others]:
            a = r["adapter"] if name == result["adapter"] else r[name]
            vs = (r.get("versus_base") if name == result["adapter"] else a.get("versus_base")) or {}
            lines.append(("| " + name + " " if others else "") + _row(r, a, r["base"], vs))
    return "\n".join(lines)


def _row(r: dict, a: dict, b: dict, vs: dict) -> str:
    """One table row: adapter `a` against base `b` at row r's setting, with their paired difference vs."""
    da, db = a["degeneration"], b["degeneration"]
    sim = (f"{a['embedding_similarity']:.3f} / {b['embedding_similarity']:.3f}"
           if a["embedding_similarity"] is not None else "n/a")
    if r["temperature"] == 0:
        setting = "greedy" if r["repetition_penalty"] == 1.0 else f"greedy, penalty {r['repetition_penalty']}"
    else:
        setting = f"{r['temperature']} / {r['top_p']} / {r['repetition_penalty']}"
    return (f"| {setting} | {a['rouge_l']:.3f} / {b['rouge_l']:.3f} | "
            f"{_interval(vs.get('rouge_l'))} | {sim} | {_interval(vs.get('embedding_similarity'))} | "
            f"{da['loop_rate']:.0%} / {db['loop_rate']:.0%} | "
            f"{1 - da['unfinished'] / da['answers']:.0%} / {1 - db['unfinished'] / db['answers']:.0%} |")


if __name__ == "__main__":
    sys.exit(main())
