"""One SDK's half of bench/compare_classic.py: run by OUR venv's python it measures our
``labelbox``; run by the classic venv's python, labelbox==2.6.0 (same documented API).

    python bench/sdk_side.py ENDPOINT API_KEY PROJECT_ID DATASET_ID CALLS
Prints one JSON object of measurements.
"""

import json
import sys
import time
import tracemalloc

from labelbox import Client


def main() -> None:
    endpoint, api_key, project_id, dataset_id, calls = sys.argv[1:6]
    client = Client(api_key=api_key, endpoint=endpoint)
    client.get_project(project_id)  # warm-up
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(int(calls)):
        client.get_project(project_id)
    get_cpu, get_wall = time.process_time() - cpu, time.perf_counter() - wall
    cpu, wall = time.process_time(), time.perf_counter()
    rows = 0
    for _ in client.get_dataset(dataset_id).data_rows():
        rows += 1
    page_cpu, page_wall = time.process_time() - cpu, time.perf_counter() - wall
    # Second pass for memory only (tracemalloc slows the loop down).
    tracemalloc.start()
    for _ in client.get_dataset(dataset_id).data_rows():
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        json.dumps(
            {
                "get_project_cpu_ms": get_cpu / int(calls) * 1000,
                "get_project_wall_ms": get_wall / int(calls) * 1000,
                "rows": rows,
                "row_cpu_us": page_cpu / rows * 1e6,
                "row_wall_us": page_wall / rows * 1e6,
                "pagination_peak_mib": peak / 2**20,
            }
        )
    )


if __name__ == "__main__":
    main()
