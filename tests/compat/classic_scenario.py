"""Compatibility scenario: the official ``labelbox==2.6.0`` client against the emulator.

Run by the *classic* virtualenv's python, never by the project's own venv::

    python classic_scenario.py ENDPOINT API_KEY WORKDIR

It imports only the unmodified ``labelbox`` 2.6.0 package, ``requests`` (a dependency of
the classic client) and the standard library. Every class of the API reference
(Client, AssetMetadata, Benchmark, BulkImportRequest, DataRow, Dataset, Label,
LabelingFrontend, LabelingFrontendOptions, LabelingParameterOverride, Ontology,
Organization, Prediction, PredictionModel, Project, Review, Task, User, Webhook,
exceptions, pagination, enums) is driven through the classic client's own methods, and
each step asserts on what those methods return.

One line is printed per step: ``ok``, ``FAIL`` (with the reason and the end of the
traceback) or ``SKIP`` (a step it needs failed). The exit code is 0 only if every step
passed. WORKDIR receives the local files that are uploaded.

The steps are split by area (each module registers its steps, in this order, when it is
imported): ``classic_scenario_datasets`` (client, projects, datasets, data rows,
pagination), ``classic_scenario_labeling`` (setup, ontology, labels, webhooks, reviews,
benchmarks, overrides, predictions), ``classic_scenario_mal`` (bulk imports) and
``classic_scenario_wrap_up`` (export, performance, queues, metadata, deletions);
``classic_scenario_support`` holds the shared state, checks and the step registry.
"""

from __future__ import annotations

import logging
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `python -I` leaves it out

# Importing the step modules registers their steps (in STEPS), in this order.
import classic_scenario_datasets  # noqa: F401
import classic_scenario_labeling  # noqa: F401
import classic_scenario_mal  # noqa: F401
import classic_scenario_wrap_up  # noqa: F401
from classic_scenario_support import STEPS, Failure, S, Step

import labelbox


# ------------------------------------------------------------------- runner
def run(endpoint: str, api_key: str, workdir: Path) -> int:
    """Run every step in order; returns the process exit code."""
    S.endpoint, S.api_key, S.workdir = endpoint, api_key, workdir
    # The classic client logs deprecation warnings and the errors it raises anyway: keep the
    # output to one line per step.
    logging.getLogger("labelbox").setLevel(logging.CRITICAL)
    workdir.mkdir(parents=True, exist_ok=True)
    status: dict[Step, str] = {}
    started = time.monotonic()
    for index, (fn, needs) in enumerate(STEPS, 1):
        doc = (fn.__doc__ or "").strip().splitlines()[0]
        label = f"{index:02d} {fn.__name__}"
        blocked = [n.__name__ for n in needs if status.get(n) != "ok"]
        if blocked:
            status[fn] = "skip"
            print(f"SKIP {label}: needs {', '.join(blocked)}", flush=True)
            continue
        t0 = time.monotonic()
        try:
            fn()
        except Exception as exc:
            status[fn] = "fail"
            print(f"FAIL {label}: {doc}\n     -> {type(exc).__name__}: {exc}", flush=True)
            if not isinstance(exc, Failure):  # an exception raised by the classic client
                frames = traceback.format_exception(type(exc), exc, exc.__traceback__)
                for line in "".join(frames[-4:]).rstrip().splitlines():
                    print(f"     | {line}", flush=True)
        else:
            status[fn] = "ok"
            print(f"ok   {label}: {doc} ({time.monotonic() - t0:.2f}s)", flush=True)
    counts = {k: sum(1 for v in status.values() if v == k) for k in ("ok", "fail", "skip")}
    print(
        f"classic labelbox {labelbox.__version__}: {counts['ok']} passed, {counts['fail']} failed, "
        f"{counts['skip']} skipped in {time.monotonic() - started:.1f}s",
        flush=True,
    )
    return 0 if counts["ok"] == len(STEPS) else 1


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(f"usage: {argv[0]} ENDPOINT API_KEY WORKDIR", file=sys.stderr)
        return 2
    return run(argv[1], argv[2], Path(argv[3]))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
