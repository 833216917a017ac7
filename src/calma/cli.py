"""The `calma` command.

Each subcommand lives beside the code it drives (``calma/<package>/commands.py``) and
exposes ``register(subparsers)``; heavy imports (torch, transformers) happen inside the
handlers so that ``calma --help`` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from calma import __version__
from calma.errors import CalmaError

# Modules that define subcommands, in the order data flows: data → train → evaluate → serve.
COMMAND_MODULES = [
    "calma.data.commands",
    "calma.train.commands",
    "calma.evaluate.commands",
    "calma.safety.commands",
    "calma.serve.commands",
    "calma.export",
    "calma.tune",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="calma",
        description="Retrain, evaluate and serve a counseling chatbot with anti-overfitting checks and a crisis safety gate.",
    )
    parser.add_argument("--version", action="version", version=f"calma {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="show library logs and full tracebacks")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that part of Calma is not built yet
                continue
            raise
        module.register(sub)
    return parser


def _quiet_libraries() -> None:
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    logging.getLogger("transformers").setLevel(logging.ERROR)
    import warnings

    warnings.filterwarnings("ignore", category=UserWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)


# Commands that train for hours: run under jemalloc where the system has it (calma.train.memory).
LONG_JOBS = ("train", "pipeline")


def _command_of(argv: list[str]) -> str | None:
    """The subcommand of a command line (global options take no value)."""
    return next((a for a in argv if not a.startswith("-")), None)


def main(argv: list[str] | None = None) -> int:
    if argv is None and _command_of(sys.argv[1:]) in LONG_JOBS:
        # the real command line (never a call from Python): start again under jemalloc where
        # the system has it, before anything loads torch (calma.train.memory)
        from calma.train.memory import restart_under_jemalloc

        restart_under_jemalloc()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    if not args.verbose:
        _quiet_libraries()
    try:
        result = args.handler(args)
    except CalmaError as exc:
        if args.verbose:
            raise
        print(f"calma {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"calma {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
