"""Our SDK beside the classic labelbox==2.6.0 on the same emulator, in one run.

    .venv/bin/python bench/compare_classic.py --classic-python .venv-classic/bin/python \
        [--rows 20000] [--calls 300]

Measures client CPU (process_time) and wall time per ``get_project`` call and per data
row while paginating a dataset, and the peak of memory allocated while paginating (tracemalloc, separate pass); the two SDKs run
in separate processes against one emulator (started here, in a third thread of this
process — so our side's CPU figures exclude the server only approximately: they are
measured in a subprocess too).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from labelbox import Client
from labelbox_emulator import Emulator

HERE = Path(__file__).resolve().parent
SIDE = HERE / "sdk_side.py"  # the same script in either venv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--classic-python", required=True)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    with (
        Emulator(transitions="immediate") as emu,
        Client(api_key=emu.api_key, endpoint=emu.endpoint) as client,
    ):
        project = client.create_project(name="bench")
        dataset = client.create_dataset(name="bench", projects=project)
        rows = [
            {"row_data": f"https://example.com/{i}.jpg", "external_id": str(i)}
            for i in range(args.rows)
        ]
        dataset.create_data_rows(rows).wait_till_done(timeout_seconds=600)
        argv = [emu.endpoint, emu.api_key, project.uid, dataset.uid, str(args.calls)]
        results = {}
        for name, python, script in (
            ("ours", sys.executable, SIDE),
            ("classic", args.classic_python, SIDE),
        ):
            out = subprocess.run(
                [python, str(script), *argv], check=True, capture_output=True, text=True
            )
            results[name] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{args.rows} data rows, {args.calls} get_project calls, same emulator\n")
    print(f"{'measure':28s} {'ours':>10s} {'classic':>10s} {'classic/ours':>13s}")
    for key in (
        "get_project_cpu_ms",
        "get_project_wall_ms",
        "row_cpu_us",
        "row_wall_us",
        "pagination_peak_mib",
    ):
        ours, classic = results["ours"][key], results["classic"][key]
        ratio = classic / ours if ours else float("inf")
        print(f"{key:28s} {ours:10.3f} {classic:10.3f} {ratio:12.2f}x")


if __name__ == "__main__":
    main()
