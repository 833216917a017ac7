"""`calma prepare`: the command-line face of `calma.data.prepare`."""

from __future__ import annotations

import argparse
import sys

from calma.cli_options import add_config_options, config_from_args, print_config


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "prepare",
        help="clean, scrub, dedupe and split counseling Q&A data into tokenized train/validation/test",
        description=(
            "Turn raw counseling Q&A (a hub dataset, a save_to_disk folder, or a .json/.jsonl/.csv/.parquet "
            "file) into leakage-free tokenized splits plus report.json."
        ),
    )
    parser.add_argument("--dataset", metavar="SRC", help="hub id, folder or file; 'demo' = bundled demo data (default: data.dataset)")
    parser.add_argument("--output", metavar="DIR", default="data/prepared", help="where the splits go (default: data/prepared)")
    parser.add_argument("--max-samples", type=int, metavar="N", help="keep at most N rows after filtering")
    parser.add_argument("--seed", type=int, metavar="S", help="seed for sampling and splitting (default 42)")
    parser.add_argument("--question-field", metavar="F", help="question column (detected when omitted)")
    parser.add_argument("--answer-field", metavar="F", help="answer column (detected when omitted)")
    parser.add_argument("--model", metavar="NAME", help="model whose tokenizer and chat template to use")
    parser.add_argument("--no-scrub", action="store_true", help="keep URLs, e-mails, phones and self-promotion")
    add_config_options(parser, example="data.max_length=512")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    parser.set_defaults(handler=run_prepare)


def prepare_config(args: argparse.Namespace):
    flags = {
        "data.dataset": args.dataset,
        "data.max_samples": args.max_samples,
        "data.seed": args.seed,
        "data.question_field": args.question_field,
        "data.answer_field": args.answer_field,
        "model.name": args.model,
        "data.scrub.enabled": False if args.no_scrub else None,
    }
    return config_from_args(args, flags)


def run_prepare(args: argparse.Namespace) -> int:
    from calma.data.output import format_summary
    from calma.data.prepare import prepare

    config = prepare_config(args)
    if args.print_config:
        print_config(config)
        return 0
    print(f"calma prepare: {config.data.dataset} -> {args.output} (model {config.model.name})", flush=True)
    report = prepare(config, config.data.dataset, args.output, progress=not args.quiet, echo=lambda m: print(m, flush=True))
    print(format_summary(report, args.output))
    sys.stdout.flush()
    return 0
