"""Import time of our packages (and of the classic SDK when its venv is given).

    .venv/bin/python bench/import_time.py [--classic-python .venv-classic/bin/python]

Each figure is the median wall time of N fresh interpreter processes running
``import <module>`` minus the median of a bare interpreter start (``-c pass``).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def median_seconds(python: str, code: str, runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([python, "-c", code], check=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--classic-python", help="python of a venv with labelbox==2.6.0")
    args = parser.parse_args()
    base = median_seconds(sys.executable, "pass", args.runs)
    print(f"bare interpreter start: {base * 1000:.0f} ms (median of {args.runs})")
    rows = [
        ("import labelbox_gen", sys.executable, "import labelbox_gen"),
        ("generated client ready", sys.executable, "import labelbox_gen.client"),
        ("import labelbox (ours)", sys.executable, "import labelbox"),
        ("import labelbox_emulator", sys.executable, "import labelbox_emulator"),
    ]
    if args.classic_python:
        rows.append(("import labelbox (classic 2.6.0)", args.classic_python, "import labelbox"))
    for name, python, code in rows:
        start = median_seconds(python, "pass", args.runs) if python != sys.executable else base
        seconds = median_seconds(python, code, args.runs) - start
        print(f"{name:34s} {seconds * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
