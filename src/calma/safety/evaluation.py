"""`calma route --eval`: route labelled messages or conversations and measure what matters for safety.

The headline numbers are crisis recall (a missed crisis is the worst error), the share of
casual cases sent to crisis (false alarms that make the bot unusable for small talk) and
overall accuracy. A case is one message (`text`, routed as the first message of a
conversation) or a whole conversation (`messages`, labelled for its last user message).

The router has five routes and the labels three. The check-in (a fixed reply that asks about
suicidal thoughts, with resources) counts as right for a `therapeutic` label and wrong for the
others: it is a support reply, and it is no crisis reply, so it never counts for crisis recall.
The unsupported-language reply is right for no label. Cases with a `lang` field are also
reported per language.
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
ROUTES = ("crisis", "check_in", "therapeutic", "casual", "unsupported_language")
_COUNTS_AS = {"check_in": "therapeutic"}


@dataclass
class EvalReport:
    confusion: dict[str, dict[str, int]]  # label -> predicted route -> count
    predictions: list[dict] = field(default_factory=list)
    by_language: dict[str, "EvalReport"] = field(default_factory=dict)

    def _count(self, label: str, pred: str | None = None) -> int:
        row = self.confusion[label]
        return sum(row.values()) if pred is None else row[pred]

    def _correct(self, label: str) -> int:
        return sum(n for pred, n in self.confusion[label].items() if _COUNTS_AS.get(pred, pred) == label)

    @property
    def total(self) -> int:
        return sum(self._count(label) for label in LABELS)

    @property
    def accuracy(self) -> float:
        return sum(self._correct(l) for l in LABELS) / max(self.total, 1)

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
        row = {
            "cases": self.total,
            "accuracy": round(self.accuracy, 4),
            "crisis_recall": round(self.crisis_recall, 4),
            "crisis_precision": round(self.crisis_precision, 4),
            "casual_false_crisis_rate": round(self.casual_false_crisis, 4),
            "crisis_to_check_in": self._count("crisis", "check_in"),
            "confusion": self.confusion,
        }
        if self.by_language:
            row["by_language"] = {lang: report.summary() for lang, report in sorted(self.by_language.items())}
        return row


def _check_messages(path: Path, number: int, messages) -> None:
    if not isinstance(messages, list) or not messages:
        raise CalmaError(f"{path}:{number}: 'messages' must be a non-empty list of {{role, content}} objects")
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ("user", "assistant", "system") or not isinstance(message.get("content"), str):
            raise CalmaError(f"{path}:{number}: messages[{i}] must be an object with role user|assistant|system and a string content")
    if messages[-1]["role"] != "user" or not messages[-1]["content"].strip():
        raise CalmaError(f"{path}:{number}: the last message must be a non-empty user message (the one the label is for)")


def _check_row(path: Path, number: int, row) -> None:
    if not isinstance(row, dict):
        raise CalmaError(f"{path}:{number}: expected an object with id, text (or messages) and label")
    for key in ("id", "label"):
        if key not in row:
            raise CalmaError(f"{path}:{number}: missing field '{key}'")
    if "messages" in row:
        _check_messages(path, number, row["messages"])
    elif "text" not in row:
        raise CalmaError(f"{path}:{number}: missing field 'text' (or 'messages' for a conversation)")
    elif not isinstance(row["text"], str) or not row["text"].strip():
        raise CalmaError(f"{path}:{number}: 'text' must be a non-empty string")
    if row["label"] not in LABELS:
        raise CalmaError(f"{path}:{number}: label '{row['label']}' is not one of {', '.join(LABELS)}")
    if "lang" in row and (not isinstance(row["lang"], str) or not row["lang"].strip()):
        raise CalmaError(f"{path}:{number}: 'lang' must be a language code such as 'es'")


def read_cases(path: str | Path) -> list[dict]:
    """Read {"id", "text" | "messages", "label"[, "lang"]} lines; a bad line is an error naming its line number."""
    path = Path(path)
    if not path.is_file():
        raise CalmaError(f"{path}: evaluation file not found")
    cases, seen = [], set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise CalmaError(f"{path}: not UTF-8 text") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CalmaError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        _check_row(path, number, row)
        if row["id"] in seen:
            raise CalmaError(f"{path}:{number}: duplicate id '{row['id']}'")
        seen.add(row["id"])
        cases.append(row)
    if not cases:
        raise CalmaError(f"{path}: no cases")
    return cases


def case_messages(case: dict) -> list[dict]:
    return case["messages"] if "messages" in case else [{"role": "user", "content": case["text"]}]


def _empty() -> dict[str, dict[str, int]]:
    return {label: {pred: 0 for pred in ROUTES} for label in LABELS}


def evaluate(cases: list[dict], config=None, progress: bool = False) -> EvalReport:
    from tqdm import tqdm

    from calma.safety.detect import prepare

    if config is None or config.use_classifier:
        prepare([m["content"] for case in cases for m in case_messages(case) if m["role"] == "user"], progress=progress)
    report = EvalReport(_empty())
    for case in tqdm(cases, desc="routing", disable=not progress, leave=False):
        decision = route(case_messages(case), config)
        report.confusion[case["label"]][decision.route] += 1
        if "lang" in case:
            per = report.by_language.setdefault(case["lang"], EvalReport(_empty()))
            per.confusion[case["label"]][decision.route] += 1
        report.predictions.append({"id": case["id"], "label": case["label"], **({"lang": case["lang"]} if "lang" in case else {}),
                                   **decision.to_dict()})
    return report


def _rates(report: EvalReport) -> list[str]:
    c = report.confusion
    return [
        f"cases                     {report.total}",
        f"accuracy                  {report.accuracy:.3f}",
        f"crisis recall             {report.crisis_recall:.3f}  ({c['crisis']['crisis']}/{sum(c['crisis'].values())})",
        f"crisis precision          {report.crisis_precision:.3f}",
        f"casual sent to crisis     {report.casual_false_crisis:.3f}  ({c['casual']['crisis']}/{sum(c['casual'].values())})",
    ]


def format_report(report: EvalReport) -> str:
    width = max(len(l) for l in LABELS) + 2
    used = [r for r in ROUTES if r in LABELS or any(report.confusion[l][r] for l in LABELS)]
    cols = {p: max(len(p) + 2, width) for p in used}
    lines = ["confusion matrix (rows: label, columns: predicted route; check_in counts as therapeutic)"]
    lines.append(" " * width + "".join(f"{p:>{cols[p]}}" for p in used) + f"{'total':>{width}}")
    for label in LABELS:
        row = report.confusion[label]
        lines.append(f"{label:<{width}}" + "".join(f"{row[p]:>{cols[p]}}" for p in used) + f"{sum(row.values()):>{width}}")
    lines += [""] + _rates(report)
    if report.confusion["crisis"]["check_in"]:
        lines.append(f"crisis sent to check-in   {report.confusion['crisis']['check_in']}  (asked directly, with resources; not counted as recall)")
    if report.by_language:
        lines += ["", "per language               cases  accuracy  crisis recall  casual->crisis"]
        for lang, per in sorted(report.by_language.items()):
            lines.append(f"  {lang:<24}{per.total:>6}  {per.accuracy:>8.3f}  {per.crisis_recall:>13.3f}  {per.casual_false_crisis:>14.3f}")
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
