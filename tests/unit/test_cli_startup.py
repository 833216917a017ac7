"""Start-up cost of the command line: building every command's parser loads no torch.

`calma --help`, `calma route` and the other commands that need no model used to pay ~1-3 s for
torch through `calma.serve` (chat -> engine -> quant). The check runs in a fresh interpreter,
since this test process has torch loaded already.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("torch", "transformers", "peft")


@pytest.mark.parametrize("module", ["calma.cli", "calma.serve"])
def test_parser_and_serve_package_load_no_heavy_library(module):
    code = (
        "import sys, importlib\n"
        f"importlib.import_module({module!r})\n"
        "from calma.cli import build_parser\n"
        "build_parser()\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "", f"importing {module} and building the parser loaded {done.stdout.strip()}"
