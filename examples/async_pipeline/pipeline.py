"""A tiny async ingestion pipeline: fan out the files of a folder into a dataset with
``labelbox.AsyncClient``, at most ``concurrency`` uploads in flight, then register them
as data rows in batches (one import task per batch).

Usage (against a server; ``LABELBOX_API_KEY``/``LABELBOX_ENDPOINT`` from the environment)::

    python pipeline.py FOLDER DATASET_NAME [--concurrency 8]

Its tests (``test_pipeline.py`` here) run it under asyncio and trio against the
emulator, with the ``labelbox_async_client`` fixture of the bundled pytest plugin.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import anyio

from labelbox import AsyncClient, AsyncDataset


@dataclass(frozen=True)
class Report:
    """What one run did."""

    dataset_id: str
    uploaded: int
    skipped: int
    most_in_flight: int


async def upload_all(
    client: AsyncClient, paths: Sequence[Path], concurrency: int
) -> tuple[list[str], int]:
    """Uploads every file, at most ``concurrency`` at a time; the URLs in the order of
    ``paths`` and the most uploads seen in flight at once."""
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    urls: list[str] = [""] * len(paths)
    limiter = anyio.CapacityLimiter(concurrency)
    in_flight = most = 0

    async def one(index: int) -> None:
        nonlocal in_flight, most
        async with limiter:
            in_flight += 1
            most = max(most, in_flight)
            try:
                urls[index] = await client.upload_file(paths[index])
            finally:
                in_flight -= 1

    async with anyio.create_task_group() as group:
        for index in range(len(paths)):
            group.start_soon(one, index)
    return urls, most


async def ingest(
    client: AsyncClient, folder: Path, dataset_name: str, concurrency: int = 8, batch: int = 50
) -> Report:
    """Every file of ``folder`` (sorted) as a data row of the dataset ``dataset_name``
    (created if missing), external id = file name; files already there are skipped."""
    dataset = await _dataset(client, dataset_name)
    present = {str(row.external_id) async for row in dataset.data_rows()}
    todo = [p for p in sorted(folder.iterdir()) if p.is_file() and p.name not in present]
    urls, most = await upload_all(client, todo, concurrency)
    items = [
        {"row_data": url, "external_id": path.name} for path, url in zip(todo, urls, strict=True)
    ]
    for start in range(0, len(items), batch):
        task = await dataset.create_data_rows(items[start : start + batch])  # type: ignore[arg-type]
        await task.wait_till_done(timeout_seconds=120)
        if task.status != "COMPLETE":
            raise RuntimeError(f"import task {task.uid} ended {task.status}")
    return Report(dataset.uid, len(todo), len(present), most)


async def _dataset(client: AsyncClient, name: str) -> AsyncDataset:
    found = await client.get_datasets(where=AsyncDataset.name == name).get_one()
    return found if found is not None else await client.create_dataset(name=name)


async def _main(folder: Path, name: str, concurrency: int) -> None:
    async with AsyncClient() as client:
        report = await ingest(client, folder, name, concurrency)
    print(f"uploaded {report.uploaded}, skipped {report.skipped} into dataset {report.dataset_id}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("dataset")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    anyio.run(_main, args.folder, args.dataset, args.concurrency)
