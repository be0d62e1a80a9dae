"""``pyright --verifytypes labelbox``: how much of the public surface an IDE user sees
with a fully known type (scripts/verifytypes installs a copy of the package into a
throwaway environment, since pyright only verifies installed packages)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: The floor the typed-chain issue set; the measured figure is printed by the script.
MINIMUM_SCORE = 95.0


def test_public_surface_is_fully_typed() -> None:
    result = subprocess.run(
        [str(REPO / "scripts" / "verifytypes")],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    match = re.search(r"Type completeness score: ([\d.]+)%", result.stdout)
    assert match, result.stdout[-2000:] + result.stderr
    score = float(match.group(1))
    exported = re.search(r'Symbols exported by "labelbox": (\d+)', result.stdout)
    assert exported and int(exported.group(1)) > 400, "the public surface was not found"
    assert score >= MINIMUM_SCORE, result.stdout[-4000:]
