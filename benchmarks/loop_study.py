"""Why does a retrained adapter loop under greedy decoding? Its strength against its loops.

For one adapter, every LoRA delta is scaled by s (0 = the base model, 1 = the adapter as
trained, values between = the same direction, a shorter way from the base) and, at each s,
measured on the same held-out questions and test split:

- the test loss (mean over answer tokens, as `calma evaluate`),
- greedy answers: the share caught in a repetition loop (`calma.evaluate.readiness.is_looping`),
  the share that ends its turn, the share starting with the most common opener, distinct-2;
- the same under greedy with the served repetition penalty (what a `temperature: 0` API request
  gets from `calma serve`), and under the served sampling (temperature, top-p, penalty).

If the loops grow with s while most of the loss gain comes early, the adapter moved too far
along a direction that sharpens generic phrases (learning rate, steps); if they appear at any s,
the direction itself is the cause (the data, the loss). Writes JSON and prints a table.

    python -m benchmarks.loop_study --adapter models/full-run/final --data data/full-run \
        [--scales 0,0.5,0.75,1] [--questions 24] [--output benchmarks/results/loop-study.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path


def lora_b_weights(model) -> list:
    return [p for n, p in model.named_parameters() if "lora_B" in n]


def answer_stats(answers: list[str], finished: list[bool]) -> dict:
    from calma.evaluate.readiness import is_looping, opener
    from calma.evaluate.textmetrics import distinct_n

    openers = Counter(opener(a) for a in answers)
    return {
        "looping": sum(is_looping(a) for a in answers) / len(answers),
        "ended": sum(finished) / len(finished),
        "top_opener_share": openers.most_common(1)[0][1] / len(answers),
        "distinct_2": distinct_n(answers, 2),
        "mean_words": sum(len(a.split()) for a in answers) / len(answers),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adapter", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--scales", default="0,0.5,0.75,1")
    parser.add_argument("--questions", type=int, default=24)
    parser.add_argument("--max-new-tokens", type=int, default=160)
    parser.add_argument("--output", type=Path, default=Path("benchmarks/results/loop-study.json"))
    args = parser.parse_args(argv)
    from calma.train.commands import passive_openmp

    passive_openmp()  # before torch loads (see docs/training.md)
    import torch
    from datasets import load_from_disk

    from calma.config import load_config
    from calma.evaluate.answers import pick_questions
    from calma.evaluate.generate import generate_answers
    from calma.evaluate.loading import load_model, load_tokenizer_for, read_adapter_info
    from calma.evaluate.losses import dataset_loss

    config = load_config()
    info = read_adapter_info(args.adapter)
    tokenizer = load_tokenizer_for(info.base_model)
    model = load_model(info.base_model, {"adapter": info}, "cpu")
    test = load_from_disk(str(args.data / "test"))
    questions = pick_questions(test, args.questions, config.evaluate.seed)
    g = config.generation
    decodings = {
        "greedy": None,
        "greedy + served penalty": {"temperature": 0, "top_p": 1.0, "repetition_penalty": g.repetition_penalty},
        "served sampling": {"temperature": g.temperature, "top_p": g.top_p, "repetition_penalty": g.repetition_penalty,
                            "seed": config.evaluate.seed},
    }
    originals = [p.detach().clone() for p in lora_b_weights(model)]
    rows = []
    for scale in (float(s) for s in args.scales.split(",")):
        started = time.perf_counter()
        with torch.no_grad():
            for p, o in zip(lora_b_weights(model), originals):
                p.copy_(o * scale)
        row = {"scale": scale, "test_loss": dataset_loss(model, test, batch_size=16, progress=False).mean}
        for name, decoding in decodings.items():
            finished: list[bool] = []
            answers = generate_answers(model, tokenizer, questions.questions, config.model.system_prompt,
                                       max_new_tokens=args.max_new_tokens, sampling=decoding, finished=finished,
                                       desc=f"s={scale} {name}")
            row[name] = answer_stats(answers, finished)
        row["seconds"] = round(time.perf_counter() - started, 1)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    result = {"measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "adapter": str(args.adapter),
              "questions": len(questions), "max_new_tokens": args.max_new_tokens, "rows": rows}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(render(result))
    return 0


def render(result: dict) -> str:
    lines = [f"adapter {result['adapter']}, {result['questions']} questions, at most {result['max_new_tokens']} new tokens", "",
             "| scale | test loss | greedy: looping / ended / top opener / distinct-2 | greedy + penalty: looping / ended | sampled: looping / ended |",
             "|---|---|---|---|---|"]
    for r in result["rows"]:
        g, p, s = r["greedy"], r["greedy + served penalty"], r["served sampling"]
        lines.append(f"| {r['scale']:.2f} | {r['test_loss']:.4f} | {g['looping']:.0%} / {g['ended']:.0%} / {g['top_opener_share']:.0%} / "
                     f"{g['distinct_2']:.3f} | {p['looping']:.0%} / {p['ended']:.0%} | {s['looping']:.0%} / {s['ended']:.0%} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
