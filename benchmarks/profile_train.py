"""Where a training step's time goes, by operator: the `calma` variant of bench_train, profiled.

    python -m benchmarks.profile_train [--steps 3] [--output FILE.json]

Builds the recipe exactly as `calma train` runs it on this machine (precision auto, fused
LoRA branch, token-budget micro-batches) on bench_train's fixed real sample (batch 4, max 512),
runs one warm-up step, then profiles `--steps` optimizer steps with torch.profiler. Prints and
writes each operator's share of the self CPU time and the shares by kind (matrix products,
attention, dropout random numbers, dtype copies, elementwise, log-softmax, optimizer, other),
with the real tokens/s of the profiled steps (the profiler itself costs a few percent).
Run it on a quiet machine: it is one process on all threads.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

KINDS = (  # first match wins; names are aten operator names
    ("matmul", ("aten::mm", "aten::addmm", "aten::bmm", "aten::matmul", "aten::linear")),
    ("attention", ("scaled_dot_product", "flash_attention", "_efficient_attention")),
    ("dropout_random", ("aten::random_", "aten::bernoulli", "aten::rand", "aten::bitwise_and", "aten::ge", "aten::uniform_")),
    ("log_softmax", ("log_softmax", "nll_loss", "cross_entropy")),
    ("dtype_copy", ("aten::to", "aten::_to_copy", "aten::copy_", "aten::clone", "aten::contiguous")),
    ("optimizer", ("_foreach", "aten::addcdiv", "aten::lerp", "aten::sqrt", "clip_grad", "aten::norm", "linalg_vector_norm")),
    ("elementwise", ("aten::mul", "aten::add", "aten::sub", "aten::div", "aten::silu", "aten::neg", "aten::cat",
                     "aten::pow", "aten::rsqrt", "aten::mean", "aten::where", "aten::sum", "aten::fill_", "aten::zero_",
                     "aten::embedding", "aten::index", "aten::masked", "aten::sigmoid", "aten::cos", "aten::sin")),
)


def kind_of(name: str) -> str:
    for kind, prefixes in KINDS:
        if any(p in name for p in prefixes):
            return kind
    return "other"


def profile(steps: int) -> dict:
    import torch
    from datasets import Dataset
    from torch.profiler import ProfilerActivity, profile as torch_profile
    from transformers import TrainerCallback

    from benchmarks.bench_train import bench_arguments, load_sample, recipe_model
    from calma.models import load_tokenizer, resolve_model
    from calma.train.collator import AnswerCollator, answer_loss
    from calma.train.memory import allocator_name
    from calma.train.recipe import make_trainer_class

    rows = load_sample(load_tokenizer(resolve_model("smollm2-135m-instruct")))
    model, precision, extra = recipe_model()
    collate = AnswerCollator(pad_token_id=model.get_base_model().config.pad_token_id or 0, answer_logits_only=True)
    tokens: list[int] = []

    def counting(batch_rows):
        batch = collate(batch_rows)
        tokens.append(int(batch["attention_mask"].sum()))
        return batch

    prof = torch_profile(activities=[ProfilerActivity.CPU])
    timing = {}

    class Steps(TrainerCallback):
        def on_step_end(self, args, state, control, **kwargs):
            if state.global_step == 1:  # warm-up done: profile from here
                timing["start"], timing["first"] = time.perf_counter(), state.global_step
                prof.start()
            elif state.global_step == 1 + steps:
                prof.stop()
                timing["seconds"] = time.perf_counter() - timing["start"]
                control.should_training_stop = True

    args = bench_arguments("/tmp/calma-profile-train", max_steps=steps + 1)
    trainer = make_trainer_class()(model=model, args=args, train_dataset=Dataset.from_list(rows), data_collator=counting,
                                   compute_loss_func=answer_loss, callbacks=[Steps()], **extra)
    trainer.train()
    events = [e for e in prof.key_averages() if e.self_cpu_time_total > 0]
    total = sum(e.self_cpu_time_total for e in events)
    by_kind: dict[str, float] = {}
    for e in events:
        by_kind[kind_of(e.key)] = by_kind.get(kind_of(e.key), 0.0) + e.self_cpu_time_total
    top = sorted(events, key=lambda e: -e.self_cpu_time_total)[:25]
    real = sum(tokens[timing["first"] : timing["first"] + steps])
    return {
        "precision": precision,
        "allocator": allocator_name(),
        "threads": torch.get_num_threads(),
        "steps": steps,
        "real_tokens": real,
        "real_tokens_per_s": round(real / timing["seconds"], 1),
        "seconds": round(timing["seconds"], 1),
        "share_by_kind": {k: round(v / total, 3) for k, v in sorted(by_kind.items(), key=lambda kv: -kv[1])},
        "top_ops": [{"op": e.key, "share": round(e.self_cpu_time_total / total, 3), "calls": e.count} for e in top],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_train", description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=3, help="optimizer steps to profile after one warm-up step")
    parser.add_argument("--output", type=Path, help="write the result here as JSON")
    args = parser.parse_args(argv)
    if args.steps < 1:
        parser.error("--steps must be at least 1")
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    result = profile(args.steps)
    for kind, share in result["share_by_kind"].items():
        print(f"{kind:15} {share:6.1%}")
    print(f"{result['real_tokens_per_s']} real tok/s over {result['steps']} profiled steps ({result['precision']}, {result['allocator']})")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    from calma.train.memory import restart_under_jemalloc

    restart_under_jemalloc()  # the allocator `calma train` runs under
    sys.exit(main())
