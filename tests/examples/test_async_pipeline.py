"""The example async test suite (``examples/async_pipeline/``) runs and passes, as a
user runs it: ``pytest examples/async_pipeline`` in a subprocess, the bundled plugin's
``labelbox_async_client`` fixture under asyncio and trio."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUITE = ROOT / "examples" / "async_pipeline"


def test_async_pipeline_example_suite_passes(tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LABELBOX_")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(SUITE),
            "--basetemp",
            str(tmp_path / "basetemp"),
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "6 passed" in output, output  # 3 tests x (asyncio, trio)
