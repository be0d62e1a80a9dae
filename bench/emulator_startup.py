"""Emulator start-up: from a fresh process to the first answered GraphQL request.

    .venv/bin/python bench/emulator_startup.py [--runs 5]

Each run is a new interpreter (imports included). Note: with PYTHONDONTWRITEBYTECODE=1
every run also recompiles the sources, which roughly doubles the figure.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

PROBE = """
import time
t0 = time.perf_counter()
from labelbox_emulator import Emulator
import httpx
emu = Emulator()
emu.start()
r = httpx.post(emu.endpoint, json={"query": "{user{id}}"},
               headers={"Authorization": f"Bearer {emu.api_key}"})
assert r.status_code == 200, r.text
print(time.perf_counter() - t0)
emu.stop()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    samples = [
        float(
            subprocess.run(
                [sys.executable, "-c", PROBE], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(args.runs)
    ]
    print(
        f"start-up to first answered request: median {statistics.median(samples):.3f} s "
        f"(min {min(samples):.3f}, max {max(samples):.3f}, {args.runs} runs)"
    )


if __name__ == "__main__":
    main()
