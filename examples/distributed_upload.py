"""Upload data rows from many processes with one pickled ``labelbox.Client``.

    .venv/bin/python examples/distributed_upload.py [--rows 2000] [--partitions 8] [--faults all=0.2]

The Client travels to the workers by pickling (API key, endpoint and options only;
each worker builds its own connection pool). With dask.distributed installed the rows
are mapped over the partitions of a ``dask.bag`` on a ``LocalCluster`` of worker
processes; otherwise over a ``multiprocessing`` pool.

Each partition is pushed exactly once, even when the network fails: if the import's
answer is lost (``WriteOutcomeUnknownError``), the worker waits for running imports,
reads back which external ids exist, and pushes only the missing rows.

Runs against ``LABELBOX_API_KEY`` / ``LABELBOX_ENDPOINT`` when both are set, else
against an embedded emulator (optionally injecting faults).
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence

from labelbox import Client, DataRow, Dataset
from labelbox.exceptions import LabelboxError, WriteOutcomeUnknownError


def existing_external_ids(dataset: Dataset) -> set[str]:
    """External ids of the dataset's rows once no import task is running."""
    user = dataset.client.get_user()
    while any(task.status == "IN_PROGRESS" for task in user.created_tasks()):
        time.sleep(0.2)
    return {str(row.external_id) for row in dataset.data_rows()}


def upload_partition(numbers: Sequence[int], client: Client, dataset_id: str) -> list[int]:
    """Creates the rows ``row-<n>`` of one partition exactly once; returns
    ``[rows created, attempts]``."""
    dataset = client.get_dataset(dataset_id)
    wanted = {f"row-{n}": f"https://picsum.photos/id/{n % 1000}/200" for n in numbers}
    attempts = 0
    todo = dict(wanted)
    while todo:
        attempts += 1
        try:
            task = dataset.create_data_rows(
                [{DataRow.row_data: url, DataRow.external_id: key} for key, url in todo.items()]
            )
            task.wait_till_done(timeout_seconds=300)
        except WriteOutcomeUnknownError:
            pass  # maybe applied: look before pushing again
        except LabelboxError:
            if attempts > 5:
                raise
        present = existing_external_ids(dataset)
        todo = {key: url for key, url in wanted.items() if key not in present}
    return [len(wanted), attempts]


def run(client: Client, rows: int, partitions: int) -> None:
    name = f"distributed upload {time.strftime('%Y-%m-%d %H:%M:%S')}"
    try:
        dataset = client.create_dataset(name=name)
    except WriteOutcomeUnknownError:  # the answer was lost: was it created?
        found = list(client.get_datasets(where=Dataset.name == name))
        dataset = found[0] if found else client.create_dataset(name=name)
    numbers = list(range(rows))
    chunks = [numbers[i::partitions] for i in range(partitions)]
    started = time.monotonic()
    try:
        import dask.bag as db
        from distributed import Client as DaskClient
        from distributed import LocalCluster

        with (
            LocalCluster(n_workers=2, threads_per_worker=2, dashboard_address=None) as cluster,
            DaskClient(cluster),
        ):
            bag = db.from_sequence(numbers, npartitions=partitions)
            results = bag.map_partitions(upload_partition, client, dataset.uid).compute()
            how = "dask LocalCluster, 2 worker processes"
    except ImportError:
        import multiprocessing

        with multiprocessing.get_context("spawn").Pool(2) as pool:
            nested = pool.starmap(upload_partition, [(c, client, dataset.uid) for c in chunks])
        results = [value for pair in nested for value in pair]
        how = "multiprocessing pool, 2 processes"
    created, attempts = sum(results[0::2]), sum(results[1::2])
    count = len(existing_external_ids(dataset))
    print(
        f"{how}: {created} rows in {partitions} partitions ({attempts} create_data_rows "
        f"calls) in {time.monotonic() - started:.1f} s; the dataset holds {count} rows"
    )
    assert count == rows, (count, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--faults", default=None, help="emulator fault spec, e.g. all=0.2")
    args = parser.parse_args()
    if os.environ.get("LABELBOX_API_KEY") and os.environ.get("LABELBOX_ENDPOINT"):
        with Client() as client:
            run(client, args.rows, args.partitions)
        return
    from labelbox_emulator import Emulator

    with (
        Emulator(faults=args.faults, fault_seed=1) as emu,
        Client(api_key=emu.api_key, endpoint=emu.endpoint, max_retries=8) as client,
    ):
        run(client, args.rows, args.partitions)


if __name__ == "__main__":
    main()
