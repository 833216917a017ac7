"""The prepared-data folder: written atomically, read back with checks, summarised.

Layout: DIR/train, DIR/validation, DIR/test (`datasets` save_to_disk folders) and
DIR/report.json. A crash or a user's Ctrl-C leaves either the previous folder or the new
one, never half of one: everything is written into a temporary sibling and swapped in with
`os.replace`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from calma.data.split import SPLIT_NAMES
from calma.errors import CalmaError

REPORT = "report.json"
COLUMNS = ("question", "answer", "group", "input_ids", "labels", "length")


def fingerprint_of(input_fp: dict[str, Any], settings: dict[str, Any], tokenizer_fp: str) -> str:
    blob = json.dumps({"input": input_fp, "settings": settings, "tokenizer": tokenizer_fp}, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def check_output_dir(out_dir: Path) -> None:
    """Refuse to replace a folder that is not ours (it might hold the user's work)."""
    if out_dir.exists():
        if not out_dir.is_dir():
            raise CalmaError(f"{out_dir}: exists and is not a folder; choose another --output")
        if any(out_dir.iterdir()) and not (out_dir / REPORT).is_file():
            raise CalmaError(f"{out_dir}: exists and is not a prepared-data folder; choose another --output")


def _split_table(indices: list[int], groups, questions, answers, encoded) -> dict[str, list]:
    ids = [encoded.input_ids[k] for k in indices]
    return {
        "question": [questions[k] for k in indices],
        "answer": [answers[k] for k in indices],
        "group": [int(groups[k]) for k in indices],
        "input_ids": ids,
        "labels": [encoded.labels[k] for k in indices],
        "length": [len(x) for x in ids],
    }


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace `out_dir` by `staging`; the old folder is removed only after the swap."""
    old = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.replace(out_dir, old / out_dir.name)
    os.replace(staging, out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_prepared(out_dir: Path, report: dict[str, Any], splits, groups, questions, answers, encoded) -> None:
    """Save the three splits and report.json (filling report["splits"]) atomically."""
    import datasets

    check_output_dir(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    bars_were_on = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()  # our own bars already cover this step
    try:
        for name in SPLIT_NAMES:
            table = _split_table(splits[name], groups, questions, answers, encoded)
            report["splits"][name] = {
                "rows": len(table["group"]),
                "groups": len(set(table["group"])),
                "tokens": int(sum(table["length"])),
                "answer_tokens": int(sum(sum(1 for t in labels if t != -100) for labels in table["labels"])),
            }
            datasets.Dataset.from_dict(table).save_to_disk(str(staging / name))
        (staging / REPORT).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        _swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if bars_were_on:
            datasets.enable_progress_bars()


def read_report(directory: str | Path) -> dict[str, Any]:
    path = Path(directory)
    if not path.is_dir():
        raise CalmaError(f"{path}: prepared data not found; run `calma prepare --output {path}` first")
    try:
        report = json.loads((path / REPORT).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CalmaError(f"{path}: no {REPORT}, not a complete prepared-data folder; run `calma prepare` again") from None
    except json.JSONDecodeError:
        raise CalmaError(f"{path / REPORT}: not valid JSON; run `calma prepare` again") from None
    if not isinstance(report, dict) or "tokenizer_fingerprint" not in report:
        raise CalmaError(f"{path / REPORT}: not a Calma report; run `calma prepare` again")
    return report


def load_prepared(directory: str | Path, tokenizer=None):
    """The prepared splits as a DatasetDict; refuses a missing, incomplete or foreign folder.

    With `tokenizer`, also refuses a folder tokenized by another tokenizer (ids would be
    meaningless for the model about to train on them).
    """
    import datasets

    from calma.data.tokenize import tokenizer_fingerprint

    path = Path(directory)
    report = read_report(path)
    parts = {}
    for name in SPLIT_NAMES:
        if not (path / name / "dataset_info.json").is_file():
            raise CalmaError(f"{path}: incomplete, the '{name}' split is missing; run `calma prepare` again")
        parts[name] = datasets.load_from_disk(str(path / name))
        missing = [c for c in COLUMNS if c not in parts[name].column_names]
        if missing:
            raise CalmaError(f"{path / name}: missing column '{missing[0]}'; run `calma prepare` again")
    if tokenizer is not None:
        current = tokenizer_fingerprint(tokenizer, report["system_prompt"], report["max_length"])
        if current != report["tokenizer_fingerprint"]:
            raise CalmaError(
                f"{path}: prepared with another tokenizer (model '{report.get('model')}'); "
                "run `calma prepare` again with this model"
            )
    return datasets.DatasetDict(parts)


def format_summary(report: dict[str, Any], out_dir: str | Path) -> str:
    """A short human summary of report.json."""
    removed = report["removed"]
    lines = [
        f"prepared {report['rows_out']} of {report['rows_in']} rows from {report['source']} -> {out_dir}",
        "  removed: " + (", ".join(f"{k} {v}" for k, v in removed.items()) if removed else "nothing"),
        "  scrubbed: " + (", ".join(f"{k} {v}" for k, v in report["scrubbed"].items()) if report["scrubbed"] else "nothing"),
        "  splits: "
        + ", ".join(f"{n} {s['rows']} rows / {s['groups']} questions / {s['tokens']} tokens" for n, s in report["splits"].items()),
        f"  leakage: {report['leakage']['shared_groups']} question groups shared between splits"
        f"; truncated to {report['max_length']} tokens: {report['truncated']} rows",
    ]
    lines += [f"  warning: {w}" for w in report.get("warnings", [])]
    return "\n".join(lines)
