"""The options every command shares: --config, --set and --print-config.

One place decides the merge order, so it is the same everywhere: the YAML file, then each
`--set section.key=value`, then the command's own flags (a flag the user gave wins).
"""

from __future__ import annotations

import argparse
from typing import Any

from calma.config import CalmaConfig, dump_config, load_config, parse_set_options


def add_config_options(parser: argparse.ArgumentParser, example: str = "train.batch_size=4") -> None:
    parser.add_argument("--config", metavar="FILE", help="YAML config file (see configs/)")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="SECTION.KEY=VALUE",
        help=f"override any config key, e.g. {example} (repeatable)",
    )
    parser.add_argument("--print-config", action="store_true", help="print the merged config and exit")


def config_from_args(args: argparse.Namespace, flags: dict[str, Any] | None = None) -> CalmaConfig:
    """Merge YAML, --set and the command's flags (None means "not given") into one config."""
    overrides = parse_set_options(args.set)
    overrides.update({key: value for key, value in (flags or {}).items() if value is not None})
    return load_config(args.config, overrides)


def print_config(config: CalmaConfig) -> None:
    """Print the merged config; API keys are masked because they are never shown or logged."""
    shown = config.model_copy(deep=True)
    shown.serve.api_keys = ["***"] * len(config.serve.api_keys)
    print(dump_config(shown), end="")
