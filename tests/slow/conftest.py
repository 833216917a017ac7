"""Fixtures shared by the tests with the real embedded model."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory):
    """The bundled demo data prepared at max_length 384 (short rows keep real-model tests quick)."""
    from calma.cli import main

    out = tmp_path_factory.mktemp("demo") / "prepared"
    assert main(["prepare", "--dataset", "demo", "--output", str(out), "--quiet", "--set", "data.max_length=384"]) == 0
    return out
