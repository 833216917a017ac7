"""Folders that appear whole or not at all.

A crash (or Ctrl-C) while a report or a converted model is being written must never leave a
half-written folder where a later step would read it. Everything is written into a hidden
sibling folder first, then swapped in with `os.replace`, a single rename on one filesystem.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def swap_into(staging: Path, target: Path) -> None:
    """Put `staging` at `target`; an existing `target` is moved aside first, removed after."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_folder(target: str | Path) -> Iterator[Path]:
    """Yield an empty sibling folder to fill; it becomes `target` only if the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield staging
        swap_into(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
