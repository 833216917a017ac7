"""`calma route`: route one message, or evaluate routing on a labelled JSONL file."""

from __future__ import annotations

import argparse
import json
import sys

from calma.cli_options import add_config_options, config_from_args, print_config
from calma.errors import CalmaError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "route",
        help="crisis/therapeutic/casual routing of a message, or its evaluation on labelled cases",
        description="Route one message (prints route and scores), or with --eval measure routing on a "
        'JSONL file of {"id", "text", "label"} lines, or conversations {"id", "messages", "label"} labelled for '
        'the last user message (label: crisis | therapeutic | casual; an optional "lang" adds rates per language).',
    )
    p.add_argument("message", nargs="?", help="the message to route")
    p.add_argument("--eval", metavar="FILE", help="labelled JSONL cases to evaluate")
    p.add_argument("--predictions", metavar="OUT", help="with --eval: write one JSON line per case")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--lexicon-only", action="store_true", help="skip the embedding classifier (= --set safety.use_classifier=false)")
    p.add_argument("--min-crisis-recall", type=float, metavar="X", help="with --eval: exit 1 when crisis recall is below X")
    p.add_argument("--max-casual-false-crisis", type=float, metavar="X", help="with --eval: exit 1 when more than X of casual cases go to crisis")
    p.add_argument("--min-accuracy", type=float, metavar="X", help="with --eval: exit 1 when accuracy is below X")
    add_config_options(p, example="safety.crisis_threshold=0.3")
    p.set_defaults(handler=run)


def _config(args):
    config = config_from_args(args, {"safety.use_classifier": False if args.lexicon_only else None})
    if args.print_config:
        print_config(config)
    return config


def run(args: argparse.Namespace) -> int:
    config = _config(args)
    if args.print_config:
        return 0
    if args.eval:
        return _run_eval(args, config.safety)
    if args.predictions or args.min_crisis_recall is not None or args.max_casual_false_crisis is not None or args.min_accuracy is not None:
        raise CalmaError("--predictions and the --min/--max gates need --eval FILE")
    if not args.message or not args.message.strip():
        raise CalmaError('give a message to route (calma route "...") or --eval FILE.jsonl')
    from calma.safety.policy import route

    decision = route([{"role": "user", "content": args.message}], config.safety)
    if args.json:
        print(json.dumps(decision.to_dict(), ensure_ascii=False))
    else:
        print(_format_decision(decision))
    return 0


def _format_decision(decision) -> str:
    a = decision.assessment
    if decision.language != "en":
        note = f"  (language {decision.language}: its lexicon; replies in {decision.locale})"
    else:
        note = "" if a.model_used else "  (lexicon only: embedding model unavailable)"
    lines = [
        f"route        {decision.route}{note}",
        f"crisis       {a.crisis_score:.3f}  " + "  ".join(f"{k}={v:.2f}" for k, v in a.categories.items()),
        f"therapeutic  {a.therapeutic_score:.3f}",
        f"casual       {a.casual_score:.3f}",
        f"reasons      {'; '.join(a.reasons + decision.reasons)}",
    ]
    if decision.reply:
        lines += ["", "fixed reply:", decision.reply]
    return "\n".join(lines)


def _run_eval(args, safety) -> int:
    from calma.safety.evaluation import evaluate, format_report, read_cases, write_predictions

    if args.message:
        raise CalmaError("give either a message or --eval FILE, not both")
    cases = read_cases(args.eval)
    report = evaluate(cases, safety, progress=sys.stderr.isatty())
    if args.predictions:
        write_predictions(report, args.predictions)
    print(json.dumps(report.summary()) if args.json else format_report(report))
    if args.predictions and not args.json:
        print(f"predictions               {args.predictions}")
    return _gates(args, report)


def _gates(args, report) -> int:
    failed = []
    if args.min_crisis_recall is not None and report.crisis_recall < args.min_crisis_recall:
        failed.append(f"crisis recall {report.crisis_recall:.3f} < {args.min_crisis_recall}")
    if args.max_casual_false_crisis is not None and report.casual_false_crisis > args.max_casual_false_crisis:
        failed.append(f"casual sent to crisis {report.casual_false_crisis:.3f} > {args.max_casual_false_crisis}")
    if args.min_accuracy is not None and report.accuracy < args.min_accuracy:
        failed.append(f"accuracy {report.accuracy:.3f} < {args.min_accuracy}")
    for reason in failed:
        print(f"calma route: gate failed: {reason}", file=sys.stderr)
    return 1 if failed else 0
