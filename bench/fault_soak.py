"""Fault soak: the mixed workload of tests/faults/workload.py (3 projects, 2 datasets,
1,000 data rows from files through create_data_rows, single rows, 20 labels, 10
reviews, updates, deletes, pagination, export) under injected faults, once per seed,
compared each time with the fault-free end state.

    .venv/bin/python bench/fault_soak.py [--seeds 10] [--first-seed 1] [--spec all=0.2,...]

Prints one line per seed and the totals: requests, faults injected (and how many hit a
mutation after it was applied), retries, WriteOutcomeUnknownError raised (and how many
of those writes had in fact been applied), lost, duplicated and phantom errors (an
error other than WriteOutcomeUnknownError for a write that was applied). Exits 1 if
anything was lost or duplicated or any phantom error occurred.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from faults.workload import (
    faulty_run,
    make_files,
    reference_snapshot,
)

from labelbox_emulator import Emulator

DEFAULT_SPEC = "all=0.2,delay=0.05,retry-after=0"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=10, help="how many seeds (runs)")
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument(
        "--spec", default=DEFAULT_SPEC, help="fault spec (see labelbox_emulator.faults)"
    )
    args = parser.parse_args()
    logging.getLogger("labelbox").setLevel(logging.ERROR)  # create_label's deprecation
    started = time.monotonic()
    totals = dict.fromkeys(
        (
            "requests",
            "faults",
            "after",
            "retries",
            "unknown",
            "unknown_applied",
            "other",
            "phantom",
            "lost",
            "duplicated",
        ),
        0,
    )
    with tempfile.TemporaryDirectory() as tmp, Emulator(faults="", organizations=1) as emu:
        files = make_files(Path(tmp))
        expected = reference_snapshot(emu, files)
        print(f"spec {args.spec!r}, {args.seeds} seeds", flush=True)
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            result = faulty_run(emu, files, seed, args.spec, expected)
            print(result.line(), flush=True)
            tally = result.tally
            for key, value in (
                ("requests", result.requests),
                ("faults", result.faults),
                ("after", result.faults_after_write),
                ("retries", result.retries),
                ("unknown", tally.unknown),
                ("unknown_applied", tally.unknown_applied),
                ("other", tally.other_errors),
                ("phantom", tally.phantom),
                ("lost", result.lost),
                ("duplicated", result.duplicated),
            ):
                totals[key] += value
            for detail in tally.phantom_details:
                print(f"  phantom: {detail}")
            for detail in tally.other_details:
                print(f"  other write error (not applied): {detail}")
    print(
        f"total over {args.seeds} seeds: {totals['requests']} requests, "
        f"{totals['faults']} faults injected ({totals['after']} after a write), "
        f"{totals['retries']} retries, {totals['unknown']} WriteOutcomeUnknownError "
        f"({totals['unknown_applied']} had applied), {totals['other']} other write errors, "
        f"{totals['phantom']} phantom errors, {totals['lost']} lost, "
        f"{totals['duplicated']} duplicated; {time.monotonic() - started:.0f} s"
    )
    return 1 if totals["lost"] or totals["duplicated"] or totals["phantom"] else 0


if __name__ == "__main__":
    sys.exit(main())
