"""`calma train` and `calma pipeline` (the latter is also `python train_with_hf_dataset.py`)."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from calma.cli_options import add_config_options, config_from_args, print_config

# flag → (config key, type, help): the retraining guide's hyperparameter flags
GUIDE_FLAGS = {
    "--epochs": ("train.epochs", float, "training epochs (default: 3)"),
    "--learning-rate": ("train.learning_rate", float, "peak learning rate (default: 1e-4)"),
    "--weight-decay": ("train.weight_decay", float, "AdamW weight decay, L2 regularization (default: 0.01)"),
    "--lora-dropout": ("lora.dropout", float, "LoRA dropout rate (default: 0.15)"),
    "--early-stopping-patience": ("train.early_stopping_patience", int, "stop after N evaluations without improvement (default: 3)"),
}


def _common(parser: argparse.ArgumentParser) -> None:
    add_config_options(parser, example="train.batch_size=4")
    parser.add_argument("--model", help="base model: smollm2-135m-instruct (embedded), a hub id or a folder")
    for flag, (_, kind, text) in GUIDE_FLAGS.items():
        parser.add_argument(flag, type=kind, help=text)
    parser.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], help="default auto: CUDA, then MPS, then CPU")
    parser.add_argument("--resume", action="store_true", help="continue from the latest checkpoint in the output folder")


def passive_openmp() -> None:
    """Let idle OpenMP threads sleep instead of spinning (must happen before torch loads).

    On a CPU shared with other jobs, spinning threads fight for cores at every barrier: we
    measured a 135M forward pass 5x slower with torch's default 2 threads than with this
    setting (and slower than 1 thread). On an idle machine it costs little.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def build_config(args):
    flags = {"model.name": args.model, "train.device": args.device}
    for flag, (key, _, _) in GUIDE_FLAGS.items():
        flags[key] = getattr(args, flag.lstrip("-").replace("-", "_"))
    for name, key in (("dataset", "data.dataset"), ("max_samples", "data.max_samples"), ("max_steps", "train.max_steps")):
        if hasattr(args, name):
            flags[key] = getattr(args, name)
    return config_from_args(args, flags)


def run_train(args) -> int:
    passive_openmp()
    from calma.train.recipe import result_summary, train

    config = build_config(args)
    if args.print_config:
        print_config(config)
        return 0
    result = train(config, Path(args.data), Path(args.output_dir), resume=args.resume, overwrite=args.overwrite)
    if int(os.environ.get("RANK", "0")) == 0:
        print(json.dumps(result_summary(result), indent=2))
        gpu = f", peak GPU memory {result.peak_gpu_gib:.2f} GiB" if result.peak_gpu_gib else ""
        print(f"calma train: peak memory {result.peak_rss_gib:.2f} GiB RSS{gpu}; {result.real_tokens_per_second} real tokens/s", flush=True)
    return 0


def run_pipeline_command(args) -> int:
    passive_openmp()
    from calma.train.pipeline import run_pipeline

    config = build_config(args)
    if args.print_config:
        print_config(config)
        return 0
    run_pipeline(
        config,
        output_dir=Path(args.output_dir),
        data_dir=Path(args.data_dir),
        skip_data_prep=args.skip_data_prep,
        resume=args.resume,
        full_report=args.report,
    )
    return 0


def add_pipeline_arguments(parser: argparse.ArgumentParser) -> None:
    """The retraining guide's flags (same names and defaults) plus --dataset/--model/--config."""
    parser.add_argument("--dataset", help="hub dataset id, save_to_disk folder, .json/.jsonl/.csv/.parquet file, or 'demo'")
    parser.add_argument("--max-samples", type=int, metavar="N", help="limit dataset size (useful for testing)")
    parser.add_argument("--skip-data-prep", action="store_true", help="use the existing prepared data (its fingerprint is checked)")
    parser.add_argument("--output-dir", default="models/calma-hf-trained", metavar="PATH", help="where to save the model (adapter in PATH/final)")
    parser.add_argument("--data-dir", default="data/prepared", metavar="PATH", help="where the prepared data goes (default: data/prepared)")
    parser.add_argument("--report", action="store_true", help="also write the full `calma evaluate` report into PATH/evaluation")
    _common(parser)


def register(subparsers) -> None:
    train = subparsers.add_parser(
        "train",
        help="train a LoRA adapter on prepared data (early stopping, best checkpoint in OUT/final)",
        description="Train a rank-stabilised LoRA adapter on data from `calma prepare`. Runs as is under torchrun / accelerate launch.",
    )
    train.add_argument("--data", required=True, metavar="DIR", help="prepared data folder (from `calma prepare`)")
    train.add_argument("--output-dir", required=True, metavar="OUT", help="checkpoints, logs and OUT/final go here")
    train.add_argument("--overwrite", action="store_true", help="start over even if OUT holds checkpoints of an earlier run")
    train.add_argument("--max-steps", type=int, help="stop after N optimizer steps (overrides epochs)")
    _common(train)
    train.set_defaults(handler=run_train)

    pipeline = subparsers.add_parser(
        "pipeline",
        help="the retraining guide's pipeline: prepare, train, evaluate, print the summary",
        description="Same as `python train_with_hf_dataset.py`: prepare the data, train, report validation/test loss.",
    )
    add_pipeline_arguments(pipeline)
    pipeline.set_defaults(handler=run_pipeline_command)
