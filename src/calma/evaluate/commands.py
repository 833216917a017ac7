"""`calma evaluate` and `calma compare`: argument parsing and the printed summary only."""

from __future__ import annotations

import argparse

from calma.cli_options import add_config_options, config_from_args, print_config
from calma.errors import CalmaError


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="DIR", help="prepared data folder from `calma prepare`")
    parser.add_argument("--model", metavar="BASE", help="base model (default: the one the adapter was trained on; must match it)")
    parser.add_argument("--output", metavar="DIR", help="where the report goes")
    parser.add_argument("--samples", type=int, metavar="N", help="held-out questions to answer (evaluate.generate_samples)")
    add_config_options(parser, example="evaluate.max_new_tokens=64")


def register(subparsers) -> None:
    evaluate = subparsers.add_parser(
        "evaluate",
        help="generalization report for an adapter: losses with intervals, verdict, warning signs, answers",
        description="Evaluate an adapter on the validation and test splits against its base model and write "
        "report.json, report.md and plots (default: OUT/evaluation for OUT/final).",
    )
    evaluate.add_argument("--adapter", metavar="PATH", help="adapter folder, e.g. models/calma-hf-trained/final")
    _common(evaluate)
    evaluate.set_defaults(handler=evaluate_command)

    compare = subparsers.add_parser(
        "compare",
        help="compare two adapters (or an adapter and 'base') on the same test questions",
        description="Score OLD and NEW on the same test split and answer the same held-out questions; "
        "write compare.md and compare.json (default: next to NEW, as NEW-compare or OUT/compare).",
    )
    compare.add_argument("old", metavar="OLD", help="adapter folder, or 'base' for the base model")
    compare.add_argument("new", metavar="NEW", help="adapter folder, or 'base'")
    _common(compare)
    compare.set_defaults(handler=compare_command)


def _config(args):
    config = config_from_args(args, {"evaluate.generate_samples": args.samples})
    if args.print_config:
        print_config(config)
    return config


def _require(args, *names: str) -> None:
    for name in names:
        if not getattr(args, name):
            raise CalmaError(f"--{name} is required")


def evaluate_command(args) -> int:
    config = _config(args)
    if args.print_config:
        return 0
    _require(args, "adapter", "data")
    from calma.evaluate.report import run_evaluation

    report = run_evaluation(args.adapter, args.data, model=args.model, output=args.output, config=config)
    print(summary(report))
    return 0


def compare_command(args) -> int:
    config = _config(args)
    if args.print_config:
        return 0
    _require(args, "data")
    from calma.evaluate.compare import run_comparison

    report = run_comparison(args.old, args.new, args.data, model=args.model, output=args.output, config=config)
    losses, diff = report["losses"], report["difference"]
    print(f"Old test loss: {losses['old']['test']['mean']:.4f}  (perplexity {losses['old']['test']['perplexity']:.2f})")
    print(f"New test loss: {losses['new']['test']['mean']:.4f}  (perplexity {losses['new']['test']['perplexity']:.2f})")
    print(f"New - old: {diff['value']:+.4f} [{diff['low']:+.4f}, {diff['high']:+.4f}]: {report['outcome']}")
    for warning in report.get("warnings", []):
        print(f"Warning: {warning['message']}")
    ready = report.get("readiness")
    if ready:
        from calma.evaluate.readiness import headline

        print(f"Ready to promote? {headline(ready)}")
    print(f"Comparison: {report['output']}/compare.md")
    return 0


def summary(report: dict) -> str:
    """The guide's three lines, perplexities, the verdict and the warning signs, for the terminal."""
    adapter, verdict = report["losses"]["adapter"], report["verdict"]
    lines = [
        f"Validation Loss: {adapter['validation']['mean']:.4f}",
        f"Test Loss: {adapter['test']['mean']:.4f}",
        f"Loss Difference: {abs(report['difference']['value']):.4f}",
        f"Perplexity: validation {adapter['validation']['perplexity']:.2f}, test {adapter['test']['perplexity']:.2f}",
        f"Verdict: {verdict['text']} ({verdict['note']})",
        f"Base model test loss: {report['losses']['base']['test']['mean']:.4f}; "
        f"training-sample loss (eval mode): {adapter['train_sample']['mean']:.4f}",
    ]
    for warning in report["warnings"]:
        lines.append(f"Warning: {warning['message']}")
        lines += [f"  try {advice}" for advice in warning["advice"]]
    ready = report.get("readiness")
    if ready:
        from calma.evaluate.readiness import headline

        lines.append(f"Ready to promote? {headline(ready)}")
    lines.append(f"Report: {report['output']}/report.md")
    return "\n".join(lines)
