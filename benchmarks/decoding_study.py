"""Which served decoding lets a retrained adapter say better things than the base model?

For one adapter and its base model (the same weights with the adapter off), answers the
held-out questions `calma evaluate` answers, once per decoding setting (temperature, top-p,
repetition penalty; a few seeded samples each, as the report samples), and measures what the
report measures: ROUGE-L and embedding similarity against the best reference, the paired
adapter − base difference per question with its bootstrap interval, loops, endings, openers.

Both roles share `generation.*` today, so each setting is applied to both sides: a setting
that only flatters the adapter would show up as the base model getting better too.

    python -m benchmarks.decoding_study --adapter models/full-run/final --data data/full-run \
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
    parser.add_argument("--adapter", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--settings", default="0.7/0.9/1.1,0.5/0.9/1.1,0.3/0.9/1.1",
                        help="comma-separated temperature/top_p/repetition_penalty triples (temperature 0: plain greedy, as `calma evaluate` reads it)")
    parser.add_argument("--questions", type=int, default=None,
                        help="held-out test questions to answer (default: evaluate.generate_samples)")
    parser.add_argument("--output", type=Path, default=Path("benchmarks/results/decoding-study.json"))
    args = parser.parse_args(argv)
    from calma.train.commands import passive_openmp

    passive_openmp()  # before torch loads (see docs/training.md)
    from calma.config import load_config
    from calma.evaluate.loading import load_model, load_tokenizer_for, read_adapter_info
    from calma.evaluate.report import generation_section, load_splits, read_prepared_report

    info = read_adapter_info(args.adapter)
    tokenizer = load_tokenizer_for(info.base_model)
    model = load_model(info.base_model, {"adapter": info}, "cpu")
    splits = load_splits(args.data, tokenizer)
    system_prompt = read_prepared_report(args.data).get("system_prompt") or load_config().model.system_prompt
    rows = []
    for setting in parse_settings(args.settings):
        overrides = {f"generation.{key}": value for key, value in setting.items()}
        overrides["evaluate.greedy_column"] = False
        if args.questions is not None:
            overrides["evaluate.generate_samples"] = args.questions
        config = load_config(overrides=overrides)
        started = time.perf_counter()
        section, _ = generation_section(model, tokenizer, splits, {"adapter": "adapter", "base": None}, config,
                                        system_prompt, "cpu")
        row = {**setting, "seconds": round(time.perf_counter() - started, 1), "versus_base": section.get("versus_base")}
        for label in ("adapter", "base"):
            s = section[label]
            row[label] = {"rouge_l": s.get("rouge_l"), "embedding_similarity": s.get("embedding_similarity"),
                          "mean_words": s.get("mean_words"), "degeneration": s.get("degeneration")}
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    result = {"measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "adapter": str(args.adapter),
              "data": str(args.data), "questions": section.get("questions"), "rows": rows}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(render(result))
    return 0


def _interval(d: dict | None) -> str:
    return "n/a" if not d else f"{d['value']:+.4f} [{d['low']:+.4f}, {d['high']:+.4f}]"


def render(result: dict) -> str:
    lines = [f"adapter {result['adapter']}, {result['questions']} questions", "",
             "| temperature / top-p / penalty | ROUGE-L adapter / base | adapter − base | similarity adapter / base | adapter − base | loops adapter / base | ended adapter / base |",
             "|---|---|---|---|---|---|---|"]
    for r in result["rows"]:
        a, b, vs = r["adapter"], r["base"], r.get("versus_base") or {}
        da, db = a["degeneration"], b["degeneration"]
        sim = (f"{a['embedding_similarity']:.3f} / {b['embedding_similarity']:.3f}"
               if a["embedding_similarity"] is not None else "n/a")
        setting = "greedy" if r["temperature"] == 0 else f"{r['temperature']} / {r['top_p']} / {r['repetition_penalty']}"
        lines.append(
            f"| {setting} | {a['rouge_l']:.3f} / {b['rouge_l']:.3f} | "
            f"{_interval(vs.get('rouge_l'))} | {sim} | {_interval(vs.get('embedding_similarity'))} | "
            f"{da['loop_rate']:.0%} / {db['loop_rate']:.0%} | "
            f"{1 - da['unfinished'] / da['answers']:.0%} / {1 - db['unfinished'] / db['answers']:.0%} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
