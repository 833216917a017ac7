"""`calma route --eval`: route labelled messages and measure what matters for safety.

The headline numbers are crisis recall (a missed crisis is the worst error), the share of
casual messages sent to crisis (false alarms that make the bot unusable for small talk) and
overall accuracy. Each case is routed as the first message of a conversation.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from calma.errors import CalmaError
from calma.safety.policy import route

LABELS = ("crisis", "therapeutic", "casual")


@dataclass
class EvalReport:
    confusion: dict[str, dict[str, int]]
    predictions: list[dict] = field(default_factory=list)

    def _count(self, label: str, pred: str | None = None) -> int:
        row = self.confusion[label]
        return sum(row.values()) if pred is None else row[pred]

    @property
    def total(self) -> int:
        return sum(self._count(label) for label in LABELS)

    @property
    def accuracy(self) -> float:
        return sum(self._count(l, l) for l in LABELS) / max(self.total, 1)

    @property
    def crisis_recall(self) -> float:
        return self._count("crisis", "crisis") / max(self._count("crisis"), 1)

    @property
    def casual_false_crisis(self) -> float:
        return self._count("casual", "crisis") / max(self._count("casual"), 1)

    @property
    def crisis_precision(self) -> float:
        predicted = sum(self._count(l, "crisis") for l in LABELS)
        return self._count("crisis", "crisis") / max(predicted, 1)

    def summary(self) -> dict:
        return {
            "cases": self.total,
            "accuracy": round(self.accuracy, 4),
            "crisis_recall": round(self.crisis_recall, 4),
            "crisis_precision": round(self.crisis_precision, 4),
            "casual_false_crisis_rate": round(self.casual_false_crisis, 4),
            "confusion": self.confusion,
        }


def read_cases(path: str | Path) -> list[dict]:
    """Read {"id", "text", "label"} lines; a bad line is an error naming its line number."""
    path = Path(path)
    if not path.is_file():
        raise CalmaError(f"{path}: evaluation file not found")
    cases, seen = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CalmaError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise CalmaError(f"{path}:{number}: expected an object with id, text and label")
        for key in ("id", "text", "label"):
            if key not in row:
                raise CalmaError(f"{path}:{number}: missing field '{key}'")
        if not isinstance(row["text"], str) or not row["text"].strip():
            raise CalmaError(f"{path}:{number}: 'text' must be a non-empty string")
        if row["label"] not in LABELS:
            raise CalmaError(f"{path}:{number}: label '{row['label']}' is not one of {', '.join(LABELS)}")
        if row["id"] in seen:
            raise CalmaError(f"{path}:{number}: duplicate id '{row['id']}'")
        seen.add(row["id"])
        cases.append(row)
    if not cases:
        raise CalmaError(f"{path}: no cases")
    return cases


def evaluate(cases: list[dict], config=None, progress: bool = False) -> EvalReport:
    from tqdm import tqdm

    from calma.safety.detect import prepare

    if config is None or config.use_classifier:
        prepare([case["text"] for case in cases], progress=progress)
    confusion = {label: {pred: 0 for pred in LABELS} for label in LABELS}
    predictions = []
    for case in tqdm(cases, desc="routing", disable=not progress, leave=False):
        decision = route([{"role": "user", "content": case["text"]}], config)
        confusion[case["label"]][decision.route] += 1
        predictions.append({"id": case["id"], "label": case["label"], **decision.to_dict()})
    return EvalReport(confusion, predictions)


def format_report(report: EvalReport) -> str:
    width = max(len(l) for l in LABELS) + 2
    lines = ["confusion matrix (rows: label, columns: predicted route)"]
    lines.append(" " * width + "".join(f"{p:>{width}}" for p in LABELS) + f"{'total':>{width}}")
    for label in LABELS:
        row = report.confusion[label]
        lines.append(f"{label:<{width}}" + "".join(f"{row[p]:>{width}}" for p in LABELS) + f"{sum(row.values()):>{width}}")
    lines += [
        "",
        f"cases                     {report.total}",
        f"accuracy                  {report.accuracy:.3f}",
        f"crisis recall             {report.crisis_recall:.3f}  ({report.confusion['crisis']['crisis']}/{sum(report.confusion['crisis'].values())})",
        f"crisis precision          {report.crisis_precision:.3f}",
        f"casual sent to crisis     {report.casual_false_crisis:.3f}  ({report.confusion['casual']['crisis']}/{sum(report.confusion['casual'].values())})",
    ]
    return "\n".join(lines)


def write_predictions(report: EvalReport, path: str | Path) -> None:
    """One JSON line per case (id, label, route, scores, reasons), written atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        for row in report.predictions:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    os.replace(tmp, path)
