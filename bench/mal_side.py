"""One SDK's half of bench/mal_import.py: the same code runs under our venv's python and
under the classic labelbox==2.6.0 venv's python (the documented API is the same).

    python bench/mal_side.py ENDPOINT API_KEY PROJECT_ID NDJSON_FILE [PASSES]

After a 10-line warm-up import, pass 1 (timed): ``project.upload_annotations(name, Path(file))`` with validation, then
``wait_until_done``; peak RSS growth over the RSS before the call. Pass 2: the same
under tracemalloc (peak of Python allocations; slower, not timed).
Prints one JSON object of measurements.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from labelbox import Client


def rss_mib() -> float:
    """Current resident set size."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (Linux: ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    endpoint, api_key, project_id, path = sys.argv[1:5]
    logging.disable(logging.WARNING)  # the classic SDK warns on every validated upload
    client = Client(api_key=api_key, endpoint=endpoint)
    project = client.get_project(project_id)
    file = Path(path)
    # Warm-up: a 10-line import, so lazy imports and first requests are not measured.
    warm = file.with_name("warm-up.ndjson")
    with file.open() as src:
        warm.write_text("".join(next(src) for _ in range(10)))
    project.upload_annotations(f"warm-up {time.time()}", warm, validate=True).wait_until_done(
        sleep_time_seconds=0.05
    )

    before = rss_mib()
    cpu, wall = time.process_time(), time.perf_counter()
    request = project.upload_annotations(f"bench {time.time()}", file, validate=True)
    upload_wall, upload_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wait = time.perf_counter()
    request.wait_until_done(sleep_time_seconds=0.05)
    wait_wall = time.perf_counter() - wait
    rss_growth = peak_rss_mib() - before
    state = str(getattr(request.state, "value", request.state))

    tracemalloc.start()
    request = project.upload_annotations(f"bench traced {time.time()}", file, validate=True)
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    request.wait_until_done(sleep_time_seconds=0.05)

    print(
        json.dumps(
            {
                "upload_wall_s": upload_wall,
                "upload_cpu_s": upload_cpu,
                "wait_wall_s": wait_wall,
                "rss_growth_mib": rss_growth,
                "tracemalloc_peak_mib": traced_peak,
                "state": state,
            }
        )
    )


if __name__ == "__main__":
    main()
