"""Run every benchmarks/bench_*.py and write results/latest.json and results/latest.md.

Each module's `run(quick)` returns dicts with name, unit, value, baseline {name, value}
(measured in the same run), ratio, target, met and details. A module that cannot run here
(no ../shared/datasets, say) returns entries with `skipped` set to the reason.

    python -m benchmarks.run                 # everything
    python -m benchmarks.run --only prepare  # benchmarks/bench_prepare.py only
    python -m benchmarks.run --quick         # smoke-sized runs
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def discover(only: list[str] | None) -> list[str]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if only:
        wanted = {o.removeprefix("bench_") for o in only}
        unknown = wanted - {n.removeprefix("bench_") for n in names}
        if unknown:
            raise SystemExit(f"benchmarks.run: no benchmark module named {', '.join(sorted(unknown))} (have: {', '.join(names)})")
        names = [n for n in names if n.removeprefix("bench_") in wanted]
    return names


def machine() -> dict:
    info = {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["ram_gib"] = round(int(line.split()[1]) / 2**20, 1)
                break
    except OSError:
        pass
    try:
        import torch

        info["torch"] = torch.__version__
        info["torch_threads"] = torch.get_num_threads()
        info["cuda"] = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
    except ImportError:
        info["torch"] = None
    try:
        info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    return info


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return "" if value is None else str(value)


def to_markdown(payload: dict) -> str:
    m = payload["machine"]
    lines = [
        f"# Benchmark results ({payload['created']}{', quick' if payload['quick'] else ''})",
        "",
        f"Machine: {m.get('cpu')}, {m.get('cores')} cores, {m.get('ram_gib')} GiB RAM, torch {m.get('torch')} "
        f"({m.get('torch_threads')} threads), load average {m.get('load_average')}",
        "",
        "| benchmark | value | baseline | ratio | target | met | measured |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in payload["results"]:
        if r.get("skipped"):
            lines.append(f"| {r['name']} | skipped: {r['skipped']} | | | {r.get('target', '')} | | |")
            continue
        base = r.get("baseline") or {}
        lines.append(
            f"| {r['name']} | {_fmt(r['value'])} {r['unit']} | {_fmt(base.get('value'))} {r['unit']} ({base.get('name', '')}) "
            f"| {_fmt(r.get('ratio'))} | {r.get('target', '')} | {'yes' if r.get('met') else 'NO'} "
            f"| {(r.get('measured') or '')[:16]}{' on ' + r['machine_cpu'] if r.get('machine_cpu') else ''} |"
        )
    lines.append("")
    for r in payload["results"]:
        if r.get("details"):
            lines += [f"## {r['name']}", "", "```json", json.dumps(r["details"], indent=2), "```", ""]
    return "\n".join(lines)


def _earlier_results(path: Path, rerun: set[str]) -> list[dict]:
    """The last figures of every benchmark not measured again now (by result name), each
    keeping its own `measured` time and machine."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    earlier = payload.get("results", [])
    for entry in earlier:
        entry.setdefault("measured", payload.get("created"))
        entry.setdefault("machine_cpu", (payload.get("machine") or {}).get("cpu"))
    return [e for e in earlier if e.get("name") not in rerun]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="run only this module (e.g. prepare); repeatable")
    parser.add_argument("--quick", action="store_true", help="smoke-sized runs")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results folder")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent))
    results, failed = [], False
    for name in discover(args.only):
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        try:
            entries = importlib.import_module(f"benchmarks.{name}").run(quick=args.quick)
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            entries = [{"name": name, "skipped": f"failed: {type(exc).__name__}: {exc}", "met": False}]
            failed = True
        for entry in entries:
            entry.setdefault("module", name)
            entry.setdefault("measured", dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
            print(f"   {entry['name']}: {entry.get('skipped') or _fmt(entry.get('value'))} {entry.get('unit', '')}", flush=True)
        results += entries
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    if args.only:  # keep the other modules' last figures
        results = _earlier_results(args.out / "latest.json", {e["name"] for e in results}) + results
    payload = {
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": machine(),
        "results": results,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    (args.out / "latest.md").write_text(to_markdown(payload), encoding="utf-8")
    print(f"wrote {args.out / 'latest.json'} and {args.out / 'latest.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
