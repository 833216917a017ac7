"""Preparation throughput: the real 3.5k-row file end to end, and a 100x perturbed scale-up.

1. `prepare_real_3.5k`: `calma.data.prepare` on ../shared/datasets/counseling_conversations.jsonl
   against a naive pipeline measured in the same run: the same reading, cleaning and scrubbing,
   then exact dedupe, *pairwise* Jaccard near-duplicate search (every pair compared) and a
   *row-level* random 80/10/10 split, then the same tokenization. Its question leakage is
   reported too.
2. `prepare_scaled_100x` (not in --quick): ~351k rows made by perturbing every real row 100
   times (adjacent word swaps, dropped words, casing, extra spaces), prepared in a child
   process whose peak RSS is recorded; the same at 1x and 10x shows how time and memory grow.
   The baseline is the pairwise near-duplicate search timed on 1,000 of those rows in this
   run and extrapolated quadratically (running it for real would take days).
"""

from __future__ import annotations

import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "datasets" / "counseling_conversations.jsonl"
TARGET_REAL_S = 30.0
TARGET_SCALED_S = 600.0


# ----------------------------------------------------------------------------- scaled data
def perturb(text: str, rng: random.Random) -> str:
    """1-3 edits a scraper or a re-post would make: swap, drop, casing, spacing."""
    words = text.split(" ")
    for _ in range(rng.randint(1, 3)):
        op, k = rng.random(), rng.randrange(len(words))
        if op < 0.3 and len(words) > 3 and k + 1 < len(words):
            words[k], words[k + 1] = words[k + 1], words[k]
        elif op < 0.55 and len(words) > 3:
            del words[k]
        elif op < 0.8:
            words[k] = words[k].upper() if rng.random() < 0.5 else words[k].lower()
        else:
            words[k] += " "
    return " ".join(words)


def write_scaled(source: Path, target: Path, factor: int, seed: int = 0) -> int:
    """Each real row once as is, then factor-1 perturbed copies (question and answer)."""
    rng = random.Random(seed)
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    count = 0
    with open(target, "w", encoding="utf-8") as fh:
        for copy in range(factor):
            for row in rows:
                if copy and isinstance(row.get("Context"), str) and isinstance(row.get("Response"), str) and row["Response"]:
                    row = {"Context": perturb(row["Context"], rng), "Response": perturb(row["Response"], rng)}
                fh.write(json.dumps(row) + "\n")
                count += 1
    return count


# ----------------------------------------------------------------------------- measurements
def child_prepare(source: Path, out: Path) -> dict:
    """Run prepare in a fresh process: wall time, report figures, peak RSS (self and workers)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_prepare", "--child", str(source), str(out)],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"child prepare failed: {done.stderr.strip().splitlines()[-1:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = round(time.perf_counter() - started, 2)
    return result


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _child_main(source: str, out: str) -> None:
    from calma.config import load_config
    from calma.data import prepare
    from calma.models import load_tokenizer

    config = load_config()
    tokenizer = load_tokenizer(config.model.name)
    started, cpu_before = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
    report = prepare(config, source, out, tokenizer=tokenizer, progress=False, echo=lambda m: None)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "seconds": round(seconds, 2),
        "rows_in": report["rows_in"],
        "rows_out": report["rows_out"],
        "removed": report["removed"],
        "splits": {k: v["rows"] for k, v in report["splits"].items()},
        "shared_groups": report["leakage"]["shared_groups"],
        "timings": report["timings"],
        "near_duplicate_search": report["near_duplicate_search"],
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_workers_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "cpu_s_main": round(_cpu(resource.RUSAGE_SELF) - cpu_before, 1),
        "cpu_s_workers": round(_cpu(resource.RUSAGE_CHILDREN), 1),
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }))


def naive_pipeline(source: Path, tokenizer, config, pairwise_limit: int | None) -> dict:
    """Same cleaning, then quadratic near-dup search and a row-level random split."""
    from calma.data.dedupe import exact_key, pairwise_near_duplicates
    from calma.data.fields import detect_fields, extract_pair
    from calma.data.prepare import process_pair
    from calma.data.sources import iter_records, resolve_source
    from calma.data.tokenize import encode_rows

    started = time.perf_counter()
    records = list(iter_records(resolve_source(str(source))))
    fields = detect_fields(list(records[0]))
    rows, seen = [], set()
    for record in records:
        q, a, reason, _, _ = process_pair(*extract_pair(record, fields), config.data)
        if reason is None and exact_key(a) not in seen:
            seen.add(exact_key(a))
            rows.append((q, a))
    searched = rows[:pairwise_limit] if pairwise_limit else rows
    dropped = set(pairwise_near_duplicates([a for _, a in searched], config.data.near_duplicate_threshold))
    rows = [r for k, r in enumerate(rows) if k not in dropped]
    random.Random(config.data.seed).shuffle(rows)
    n_train, n_val = int(0.8 * len(rows)), int(0.1 * len(rows))
    train, test = rows[:n_train], rows[n_train + n_val :]
    encode_rows(tokenizer, config.model.system_prompt, [q for q, _ in rows], [a for _, a in rows], config.data.max_length)
    seconds = time.perf_counter() - started
    train_questions = {exact_key(q) for q, _ in train}
    leaked = sum(exact_key(q) in train_questions for q, _ in test)
    return {
        "seconds": round(seconds, 2),
        "pairwise_rows": len(searched),
        "rows_out": len(rows),
        "test_rows_whose_question_is_in_train_pct": round(100 * leaked / max(1, len(test)), 1),
    }


def pairwise_seconds(source: Path, config, sample: int) -> float:
    """Time the quadratic near-duplicate search on `sample` cleaned answers of `source`."""
    from calma.data.dedupe import pairwise_near_duplicates
    from calma.data.prepare import process_pair

    answers = []
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            _, a, reason, _, _ = process_pair(row.get("Context"), row.get("Response"), config.data)
            if reason is None:
                answers.append(a)
            if len(answers) >= sample:
                break
    started = time.perf_counter()
    pairwise_near_duplicates(answers, config.data.near_duplicate_threshold)
    return time.perf_counter() - started


# ----------------------------------------------------------------------------- benchmarks
def bench_real(quick: bool, workdir: Path) -> dict:
    from calma.config import load_config
    from calma.data import prepare
    from calma.models import load_tokenizer

    config = load_config()
    tokenizer = load_tokenizer(config.model.name)
    load_before = [round(x, 2) for x in os.getloadavg()]
    started, cpu_before = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
    report = prepare(config, str(REAL), str(workdir / "real"), tokenizer=tokenizer, progress=False, echo=lambda m: None)
    ours = time.perf_counter() - started
    ours_cpu = _cpu(resource.RUSAGE_SELF) - cpu_before
    cpu_before = _cpu(resource.RUSAGE_SELF)
    naive = naive_pipeline(REAL, tokenizer, config, pairwise_limit=600 if quick else None)
    naive["cpu_s"] = round(_cpu(resource.RUSAGE_SELF) - cpu_before, 1)
    total = report["rows_out"]
    return {
        "name": "prepare_real_3.5k",
        "unit": "s",
        "value": round(ours, 2),
        "baseline": {"name": "naive: pairwise near-dup search + row-level random split" + (" (600-row pairwise, quick)" if quick else ""),
                     "value": naive["seconds"]},
        "ratio": round(naive["seconds"] / ours, 2),
        "ratio_meaning": "baseline seconds / our seconds (higher is better)",
        "target": f"<= {TARGET_REAL_S:g} s on 2 cores",
        "met": ours <= TARGET_REAL_S,
        "details": {
            "cpu_s": round(ours_cpu, 1),
            "load_average_before": load_before,
            "rows_in": report["rows_in"],
            "rows_out": total,
            "removed": report["removed"],
            "scrubbed": report["scrubbed"],
            "split_pct": {k: round(100 * v["rows"] / total, 1) for k, v in report["splits"].items()},
            "shared_groups": report["leakage"]["shared_groups"],
            "stage_seconds": report["timings"],
            "near_duplicate_search": report["near_duplicate_search"],
            "naive": naive,
        },
    }


def bench_scaled(workdir: Path) -> dict:
    from calma.config import load_config

    config = load_config()
    runs = {}
    for factor in (1, 10, 100):
        source = REAL if factor == 1 else workdir / f"scaled_{factor}x.jsonl"
        generated = write_scaled(REAL, source, factor) if factor > 1 else None
        runs[f"{factor}x"] = child_prepare(source, workdir / f"out_{factor}x")
        runs[f"{factor}x"]["input_mib"] = round(source.stat().st_size / 2**20, 1)
        if generated:
            runs[f"{factor}x"]["generated_rows"] = generated
    big = runs["100x"]
    sample = 1000
    measured = pairwise_seconds(workdir / "scaled_100x.jsonl", config, sample)
    searched = big["near_duplicate_search"]["texts"]
    extrapolated = measured * (searched / sample) ** 2
    dedupe = {k: v["timings"]["dedupe"] for k, v in runs.items()}
    exponent = math.log(dedupe["100x"] / dedupe["10x"]) / math.log(runs["100x"]["near_duplicate_search"]["texts"] / runs["10x"]["near_duplicate_search"]["texts"])
    return {
        "name": "prepare_scaled_100x",
        "unit": "s",
        "value": big["seconds"],
        "baseline": {"name": f"pairwise near-dup search: {measured:.1f} s on {sample} rows measured now, x(n/{sample})^2 for n={searched}",
                     "value": round(extrapolated, 1)},
        "ratio": round(extrapolated / big["seconds"], 1),
        "ratio_meaning": "baseline seconds / our seconds (higher is better)",
        "target": f"<= {TARGET_SCALED_S:g} s, memory grows with rows kept (no pair matrix)",
        "met": big["seconds"] <= TARGET_SCALED_S and big["shared_groups"] == 0,
        "details": {
            "runs": runs,
            "near_dup_seconds_by_scale": dedupe,
            "near_dup_time_exponent_10x_to_100x": round(exponent, 2),
            "peak_rss_mib_by_scale": {k: v["peak_rss_mib"] for k, v in runs.items()},
        },
    }


def run(quick: bool = False) -> list[dict]:
    if not REAL.is_file():
        reason = f"{REAL} absent (real data exists only in the Calma workplace)"
        return [{"name": "prepare_real_3.5k", "skipped": reason, "met": False},
                {"name": "prepare_scaled_100x", "skipped": reason, "met": False}]
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    with tempfile.TemporaryDirectory(prefix="calma-bench-") as tmp:
        workdir = Path(tmp)
        results = [bench_real(quick, workdir)]
        if not quick:
            results.append(bench_scaled(workdir))
    return results


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child_main(sys.argv[2], sys.argv[3])
    else:
        print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
