#!/usr/bin/env python
"""The retraining guide's entry point: prepare the data, train, evaluate, print the summary.

Same flags and defaults as the guide (--max-samples, --epochs 3, --learning-rate 1e-4,
--weight-decay 0.01, --lora-dropout 0.15, --early-stopping-patience 3, --skip-data-prep,
--output-dir models/calma-hf-trained) plus --dataset, --model, --config and --set.
It is exactly `calma pipeline`; see `python train_with_hf_dataset.py --help`.
"""

import os
import sys

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch loads: see calma.train.commands

from calma.cli import main  # noqa: E402
from calma.train.memory import restart_under_jemalloc  # noqa: E402

if __name__ == "__main__":
    restart_under_jemalloc()  # where the system has jemalloc: see calma.train.memory
    sys.exit(main(["pipeline", *sys.argv[1:]]))
