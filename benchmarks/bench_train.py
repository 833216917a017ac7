"""Training throughput in real (non-padding) tokens per second, against the naive recipe.

Every variant trains the embedded SmolLM2-135M with LoRA (r=16, all projections) through
a transformers Trainer on the same fixed sample of the real counseling data, for a short
time window after one warm-up step. Each measurement runs in a fresh process (the OpenMP wait policy
can only be set before torch loads). Variants are measured interleaved, round after round,
so the load of a shared machine hits them alike; the ratios to the naive baseline of the
same round are what we report. Variants, each adding one change to the previous one:

- naive: every example padded to 512 tokens, fp32, random batches, full logits (the
  model's own loss), torch's default threads — what a first Trainer script does;
- naive_passive: + OMP_WAIT_POLICY=PASSIVE (idle OpenMP threads sleep instead of spinning;
  Calma's commands set it). On a CPU shared with other jobs this alone is worth several x;
- dynamic: + padding per batch to the longest row and batches of similar lengths;
- answer_logits: + the output layer and the loss only at answer positions;
- calma: + LoRA dropout drawn with `bernoulli_` instead of peft's `nn.Dropout`
  (`calma.train.dropout`) — the recipe as `calma train` runs it on this CPU;
- calma_glibc: calma under glibc's allocator with the bounded setting, where `calma train`
  runs under jemalloc (measured only where the system has jemalloc: what it buys);
- calma_balanced: calma under glibc's `balanced` setting (CALMA_MALLOC_TUNE=balanced: small
  blocks stay on the heap, trimmed every 8 steps), the faster glibc choice on some CPUs;
- one_thread: calma with torch limited to one thread;
- bf16_base: calma with the frozen base in bf16 (LoRA stays fp32) — measured only where
  bf16 matmuls are not slower than fp32 (the probe says why it was skipped);
- compile: calma with torch.compile (only with CALMA_BENCH_COMPILE=1: slow to compile).

The ceiling is the machine's best dense matmul rate (fp32 or bf16) divided by the FLOPs a
LoRA step needs per real token (forward 2P + input gradients 2P over the transformer
weights, plus the output layer at answer positions), attention scores ignored.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from transformers import TrainerCallback

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "datasets" / "counseling_conversations.jsonl"
SAMPLE_ROWS = 96
BATCH = 4
MAX_LENGTH = 512


def load_sample(tokenizer, rows: int = SAMPLE_ROWS) -> list[dict]:
    """A fixed, seeded sample of the real file, tokenized with the chat template (max 512)."""
    from calma.config import THERAPEUTIC_SYSTEM_PROMPT
    from calma.data import clean_text, encode_rows

    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if isinstance(r.get("Context"), str) and isinstance(r.get("Response"), str)]
    random.Random(1234).shuffle(records)
    records = records[:rows]
    questions = [clean_text(r["Context"]) for r in records]
    answers = [clean_text(r["Response"]) for r in records]
    enc = encode_rows(tokenizer, THERAPEUTIC_SYSTEM_PROMPT, questions, answers, MAX_LENGTH)
    return [{"input_ids": i, "labels": l, "length": len(i)} for i, l in zip(enc.input_ids, enc.labels)]


def matmul_rate(dtype, seconds: float = 2.0, rows: int = 2048) -> float:
    """Dense GFLOP/s of a (rows x 576) @ (576 x 1536) matmul, the shape of this model's MLP."""
    import torch

    a, b = torch.randn(rows, 576, dtype=dtype), torch.randn(576, 1536, dtype=dtype)
    a @ b
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        a @ b
        count += 1
    return 2 * rows * 576 * 1536 * count / (time.perf_counter() - start) / 1e9


def flops_per_real_token(model, rows: list[dict]) -> float:
    """LoRA training FLOPs per real token: 4 x transformer matmul params + 4 x head x answer share."""
    body = sum(p.numel() for n, p in model.named_parameters() if "layers." in n and p.dim() == 2)
    head = model.config.vocab_size * model.config.hidden_size
    tokens = sum(r["length"] for r in rows)
    answers = sum(sum(1 for x in r["labels"] if x != -100) for r in rows)
    return 4 * body + 4 * head * answers / tokens


class Window(TrainerCallback):
    """Stops training once `seconds` have passed after the warm-up step; counts real tokens."""

    def __init__(self, seconds: float, tokens: list[int]):
        self.seconds, self.tokens, self.start, self.steps, self.elapsed = seconds, tokens, None, 0, 0.0

    def on_step_end(self, args, state, control, **kwargs):
        if self.start is None:  # step 1 is warm-up (allocations, first-call overheads)
            self.start, self.first = time.perf_counter(), state.global_step
            return
        self.steps = state.global_step - self.first
        self.elapsed = time.perf_counter() - self.start
        if self.elapsed >= self.seconds and self.steps >= 2:
            control.should_training_stop = True

    def rate(self) -> float:
        """Real tokens of the measured steps (batch k is the k-th collated one) per second."""
        return sum(self.tokens[self.first : self.first + self.steps]) / self.elapsed


def recipe_model(checkpointing: bool | None = None):
    """The model exactly as `calma train` builds it on this machine (auto precision, fused LoRA,
    allocator setting, memory plan): (peft model, precision, the extra arguments of its Trainer)."""
    from calma.config import load_config
    from calma.train.memory import tune_allocator
    from calma.train.recipe import build_model, memory_plan_for, pick_precision

    config = load_config(overrides={"train.batch_size": BATCH, "data.max_length": MAX_LENGTH,
                                    "train.gradient_checkpointing": checkpointing})
    precision = pick_precision("auto", "cpu")
    model = build_model(config, precision)
    tune_allocator()
    plan = memory_plan_for(config, model, "cpu", precision)
    if plan.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    return model, precision, {"memory_plan": plan, "device": "cpu"}


def bench_arguments(output_dir: str, max_steps: int, random_order: bool = False, compile: bool = False):
    """The guide's optimizer settings on CPU, with nothing saved, evaluated or logged."""
    from transformers import TrainingArguments

    return TrainingArguments(
        output_dir=output_dir, per_device_train_batch_size=BATCH, max_steps=max_steps,
        learning_rate=1e-4, weight_decay=0.01, lr_scheduler_type="cosine", warmup_steps=0.05,
        train_sampling_strategy="random" if random_order else "group_by_length", length_column_name="length",
        save_strategy="no", eval_strategy="no", report_to="none", logging_strategy="no",
        remove_unused_columns=False, use_cpu=True, disable_tqdm=True, seed=0, dataloader_num_workers=0,
        torch_compile=compile,
    )


def measure(variant: str, model_dir: str, rows: list[dict], seconds: float) -> float:
    """Real tokens/s of one variant over a short window."""
    import torch
    from datasets import Dataset
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, Trainer

    from calma.train.collator import AnswerCollator, answer_loss
    from calma.train.recipe import make_trainer_class

    threads = torch.get_num_threads()
    if variant == "one_thread":
        torch.set_num_threads(1)
    naive = variant.startswith("naive")
    smart_loss = not (naive or variant == "dynamic")
    fast_dropout = smart_loss and variant != "answer_logits"
    recipe = variant in CALMA_VARIANTS
    extra = {}
    try:
        if recipe:
            model, _, extra = recipe_model(checkpointing=True if variant == "calma_checkpointing" else None)
            base = model.get_base_model()
        else:
            dtype = torch.bfloat16 if variant == "bf16_base" else torch.float32
            base = AutoModelForCausalLM.from_pretrained(model_dir, dtype=dtype)
            base.config.use_cache = False
            lora = LoraConfig(r=16, lora_alpha=32, lora_dropout=0.15, use_rslora=True, task_type="CAUSAL_LM",
                              target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"])
            model = get_peft_model(base, lora)
        if fast_dropout and not recipe:
            from calma.train.dropout import use_fast_lora_dropout

            use_fast_lora_dropout(model)
        collate = AnswerCollator(pad_token_id=base.config.pad_token_id or 0, pad_to=MAX_LENGTH if naive else None,
                                 answer_logits_only=smart_loss)
        tokens: list[int] = []

        def counting(batch_rows):
            batch = collate(batch_rows)
            tokens.append(int(batch["attention_mask"].sum()))
            return batch

        window = Window(seconds, tokens)
        args = bench_arguments("/tmp/calma-bench-train", max_steps=10_000, random_order=naive, compile=variant == "compile")
        trainer_class = make_trainer_class() if recipe else Trainer
        trainer = trainer_class(model=model, args=args, train_dataset=Dataset.from_list(rows), data_collator=counting,
                                compute_loss_func=answer_loss if smart_loss else None, callbacks=[window], **extra)
        trainer.train()
        return window.rate()
    finally:
        torch.set_num_threads(threads)


ACTIVE_WAIT = {"naive"}  # every other variant runs with OMP_WAIT_POLICY=PASSIVE
CALMA_VARIANTS = {"calma", "calma_glibc", "calma_balanced", "calma_checkpointing", "one_thread"}
ALLOCATOR_KEYS = ("OMP_WAIT_POLICY", "LD_PRELOAD", "CALMA_MALLOC_TUNE", "CALMA_ALLOCATOR_REEXEC")


def recipe_allocator_env(env: dict) -> dict:
    """The environment a recipe variant runs in: the allocator `calma train` would start under."""
    from calma.train.memory import jemalloc_environment

    return jemalloc_environment(env, loaded=False) or env


def measure_in_process(variant: str, rows: int, seconds: float) -> float:
    """Run `measure` in a fresh interpreter with the variant's OpenMP and allocator settings."""
    env = {k: v for k, v in os.environ.items() if k not in ALLOCATOR_KEYS}
    if variant not in ACTIVE_WAIT:
        env["OMP_WAIT_POLICY"] = "PASSIVE"
    if variant == "calma_glibc":
        env["CALMA_MALLOC_TUNE"] = "bounded"
    elif variant == "calma_balanced":
        env["CALMA_MALLOC_TUNE"] = "balanced"
    elif variant in CALMA_VARIANTS:
        env = recipe_allocator_env(env)
    command = [sys.executable, "-m", "benchmarks.bench_train", "--measure", variant, str(rows), str(seconds)]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"bench_train {variant} failed: {done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> list[dict]:
    """Both training benchmarks: throughput against the naive recipe, and peak memory
    (CALMA_BENCH_TRAIN=memory or =throughput runs one of them)."""
    which = os.environ.get("CALMA_BENCH_TRAIN", "")
    return (run_throughput(quick) if which != "memory" else []) + (run_memory(quick) if which != "throughput" else [])


def run_throughput(quick: bool = False) -> list[dict]:
    if not DATA.is_file():
        return [{"name": "train_throughput", "skipped": f"{DATA} absent"}]
    import torch

    from calma.models import load_tokenizer, resolve_model

    model_dir = resolve_model("smollm2-135m-instruct")
    n_rows = 48 if quick else SAMPLE_ROWS
    rows = load_sample(load_tokenizer(model_dir), n_rows)
    fp32, bf16 = matmul_in_process()
    # previous = the recipe before bounded memory (fp32, peft LoRA with the cheaper dropout); bf16_base = the
    # same with a bf16 base, what `calma train` ran before on a CPU with native bf16; calma = `calma train` today.
    variants = ["naive", "naive_passive", "dynamic", "answer_logits", "previous", "calma", "calma_glibc", "calma_balanced", "calma_checkpointing", "one_thread"]
    skipped = {}
    from calma.train.memory import find_jemalloc

    if find_jemalloc() is None:
        variants.remove("calma_glibc")
        skipped["calma_glibc"] = "no jemalloc on this system: calma runs under glibc (bounded) already"
    if bf16 >= 0.8 * fp32:
        variants.insert(5, "bf16_base")
    else:
        skipped["bf16_base"] = f"bf16 matmul {bf16:.1f} GFLOP/s vs fp32 {fp32:.1f}: no native bf16 on this CPU"
    if os.environ.get("CALMA_BENCH_COMPILE"):  # minutes of compiling per new shape on 2 cores
        variants.append("compile")
    else:
        skipped["compile"] = "set CALMA_BENCH_COMPILE=1 to measure (recompiles for every new batch shape)"
    rounds, seconds = (1, 12.0) if quick else (2, 25.0)
    results: dict[str, list[float]] = {v: [] for v in variants}
    peaks: list[float] = []  # the matmul ceiling, measured next to the calma variant each round
    for _ in range(rounds):
        for variant in variants:
            results[variant].append(measure_in_process(variant, n_rows, seconds))
            print(f"bench_train: {variant}: {results[variant][-1]:.1f} real tok/s", file=sys.stderr, flush=True)
            if variant == "calma":
                peaks.append(max(matmul_in_process()))

    def ratio(v: str, to: str = "naive") -> float:
        return statistics.median(a / b for a, b in zip(results[v], results[to]))

    calma = "calma"
    today = "bf16_base" if "bf16_base" in variants and ratio("bf16_base") > ratio("previous") else "previous"
    from transformers import AutoModelForCausalLM

    per_token = flops_per_real_token(AutoModelForCausalLM.from_pretrained(model_dir), rows)
    ceiling = statistics.median(peaks) * 1e9 / per_token
    share = statistics.median(v * per_token / (p * 1e9) for v, p in zip(results["calma"], peaks))
    value, naive = statistics.median(results[calma]), statistics.median(results["naive"])
    return [{
        "name": "train_throughput",
        "unit": "real tokens/s",
        "value": round(value, 1),
        "baseline": {"name": "naive: pad to 512, fp32, plain Trainer, full logits, default threads", "value": round(naive, 1)},
        "ratio": round(ratio(calma), 2),
        "target": ">= 60% of this machine's ceiling (best matmul rate / FLOPs per real token), "
                  "and no slower than the recipe before bounded memory",
        "met": share >= 0.6 and ratio(calma, today) >= 1.0,
        "details": {
            "calma_variant": calma,
            "recipe_before": today,
            "ratio_to_recipe_before": round(ratio(calma, today), 2),
            "checkpointing_cost": round(ratio("calma_checkpointing", "calma"), 2),
            "allocator": "jemalloc" if "calma_glibc" in variants else "glibc (bounded)",
            "jemalloc_gain": round(ratio("calma", "calma_glibc"), 2) if "calma_glibc" in variants else None,
            # glibc `balanced` against what `calma train` runs: above 1, CALMA_MALLOC_TUNE=balanced is faster here
            "balanced_to_calma": round(ratio("calma_balanced", "calma"), 2),
            "tokens_per_s": {v: [round(x, 1) for x in xs] for v, xs in results.items()},
            "ratio_to_naive": {v: round(ratio(v), 2) for v in variants},
            "ratio_to_naive_passive": {v: round(ratio(v, "naive_passive"), 2) for v in variants},
            "step_gain": {v: round(ratio(v, prev), 2) for prev, v in zip(variants, variants[1:6])},
            "skipped": skipped,
            "matmul_gflops": {"fp32": round(fp32, 1), "bf16": round(bf16, 1), "peak_per_round": [round(p, 1) for p in peaks]},
            "flops_per_real_token_g": round(per_token / 1e9, 3),
            "ceiling_tokens_per_s": round(ceiling, 1),
            # the most any recipe could reach over naive on this machine's matmul rate
            "ceiling_ratio_to_naive": round(ceiling / naive, 2),
            "share_of_ceiling": round(share, 3),
            "sample_rows": len(rows),
            "batch_size": BATCH,
            "window_s": seconds,
            "rounds": rounds,
            "threads": torch.get_num_threads(),
        },
    }]


PEAK_WRAPPER = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]).returncode; "
                "print('PEAK_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r)")


def longest_rows(prepared: Path, out: Path, train_rows: int = 16, val_rows: int = 4) -> Path:
    """A prepared folder holding only the longest rows of `prepared` (its report kept)."""
    from datasets import load_from_disk

    out.mkdir(parents=True, exist_ok=True)
    for name, count in (("train", train_rows), ("validation", val_rows), ("test", val_rows)):
        split = load_from_disk(str(prepared / name))
        order = sorted(range(len(split)), key=lambda i: -split[i]["length"])[:count]
        split.select(order).save_to_disk(str(out / name))
    (out / "report.json").write_text((prepared / "report.json").read_text(encoding="utf-8"), encoding="utf-8")
    return out


def run_memory(quick: bool = False) -> list[dict]:
    """Peak RSS of `calma train` (default config) on the longest real rows, at max_length 512 and 1024.

    Two optimizer steps of batch 8 on the 16 longest training rows: the first step is the
    worst case of the whole dataset. Each run is its own process under a wrapper, so the
    peak is that run's alone. At 1024 it runs once more without the allocator setting
    (CALMA_MALLOC_TUNE=0) to show what that setting buys, and, where `calma train` runs under
    jemalloc, once under glibc's bounded setting (CALMA_MALLOC_TUNE=bounded)."""
    import tempfile

    if not DATA.is_file():
        return [{"name": "train_peak_memory", "skipped": f"{DATA} absent"}]
    from calma.config import load_config
    from calma.data import prepare
    from calma.models import load_tokenizer, resolve_model

    tokenizer = load_tokenizer(resolve_model("smollm2-135m-instruct"))
    runs = {}
    with tempfile.TemporaryDirectory(prefix="calma-bench-mem-") as tmp:
        from calma.train.memory import find_jemalloc

        cases = [(512, "1"), (1024, "1")] + ([(1024, "bounded")] if find_jemalloc() else []) + [(1024, "0")]
        for max_length, tune in cases:
            data = Path(tmp) / f"data-{max_length}"
            if not data.exists():
                config = load_config(overrides={"data.max_length": max_length})
                prepare(config, str(DATA), str(Path(tmp) / f"prep-{max_length}"), tokenizer=tokenizer, progress=False, echo=lambda m: None)
                longest_rows(Path(tmp) / f"prep-{max_length}", data)
            out = Path(tmp) / f"run-{max_length}-{tune}"
            env = {**{k: v for k, v in os.environ.items() if k not in ALLOCATOR_KEYS},
                   "OMP_WAIT_POLICY": "PASSIVE", "CALMA_MALLOC_TUNE": tune}  # "1": calma's default choice
            command = [sys.executable, "-c", PEAK_WRAPPER, sys.executable, "-m", "calma", "train", "--data", str(data),
                       "--output-dir", str(out), "--set", f"data.max_length={max_length}", "--set", "train.max_steps=2",
                       "--set", "train.eval_steps=2", "--set", "train.report_to=[]",
                       "--set", "train.sequence_unlikelihood_phase_steps=1"]  # the default phase's memory, one step
            started = time.perf_counter()
            done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)
            if done.returncode != 0:
                raise RuntimeError(f"bench_train memory {max_length} failed: {done.stderr[-2000:]}")
            peak = int(done.stdout.rsplit("PEAK_KB", 1)[1].split()[0]) / 2**20
            meta = json.loads((out / "final" / "calma.json").read_text(encoding="utf-8"))
            key = f"max_length_{max_length}" + {"1": "", "bounded": "_glibc_bounded", "0": "_no_allocator_setting"}[tune]
            runs[key] = {"peak_rss_gib": round(peak, 2), "reported_peak_rss_gib": meta["peak_rss_gib"],
                         "budget_tokens": meta["memory_plan"]["budget_tokens"],
                         "gradient_checkpointing": meta["memory_plan"]["gradient_checkpointing"],
                         "estimated_peak_gib": round(meta["memory_plan"]["estimated_peak_bytes"] / 2**30, 2),
                         "precision": meta["precision"], "real_tokens_per_s": meta["real_tokens_per_second"],
                         "allocator": meta.get("allocator"),
                         "seconds": round(time.perf_counter() - started, 1)}
            print(f"bench_train: peak memory {key}: {peak:.2f} GiB", file=sys.stderr, flush=True)
    worst = max(r["peak_rss_gib"] for k, r in runs.items() if "no_allocator" not in k and "glibc" not in k)
    return [{
        "name": "train_peak_memory",
        "unit": "GiB peak RSS",
        "value": worst,
        "baseline": {"name": "the recipe before (measured in issue 10: killed at 23.5 GiB in its first step at 1024)", "value": 23.5},
        "ratio": round(23.5 / worst, 2),
        "target": "<= 8 GiB RSS for the default config on the real data at max_length 1024",
        "met": runs["max_length_1024"]["peak_rss_gib"] <= 8.0,
        "details": runs,
    }]


def matmul_in_process() -> tuple[float, float]:
    """fp32 and bf16 matmul GFLOP/s in a fresh process with the same OpenMP policy as calma."""
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
    command = [sys.executable, "-m", "benchmarks.bench_train", "--matmul"]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=True)
    fp32, bf16 = done.stdout.split()[-2:]
    return float(fp32), float(bf16)


def _measure_main(variant: str, rows: str, seconds: str) -> None:
    from calma.models import load_tokenizer, resolve_model

    model_dir = resolve_model("smollm2-135m-instruct")
    sample = load_sample(load_tokenizer(model_dir), int(rows))
    print(measure(variant, model_dir, sample, float(seconds)))


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if sys.argv[1:2] == ["--measure"]:
        _measure_main(*sys.argv[2:5])
    elif sys.argv[1:2] == ["--matmul"]:
        import torch

        # bf16 first at a small size (emulated bf16 is ~100x slower); where it is native, at the full size.
        probe = matmul_rate(torch.bfloat16, seconds=0.5, rows=128)
        fp32 = matmul_rate(torch.float32)
        print(fp32, matmul_rate(torch.bfloat16) if probe > 0.5 * fp32 else probe)
    else:
        print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
