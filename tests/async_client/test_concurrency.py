"""AsyncClient under concurrency, over real HTTP to the emulator, under asyncio and trio:
many calls in flight on one client, concurrent file uploads of ``create_data_rows``,
and pages fetched ahead (inside ``async with``) or when reached (outside one)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from labelbox import AsyncClient, AsyncDataRow, AsyncDataset, AsyncProject
from labelbox_emulator.pytest_plugin import EmulatedOrganization

from .conftest import make_files

pytestmark = pytest.mark.anyio


async def test_50_concurrent_get_project_calls(labelbox_async_client: AsyncClient) -> None:
    async with labelbox_async_client as client:
        created = [await client.create_project(name=f"project-{i:02d}") for i in range(10)]
        wanted = [created[i % 10] for i in range(50)]
        got: list[AsyncProject | None] = [None] * 50

        async def fetch(index: int) -> None:
            got[index] = await client.get_project(wanted[index].uid)

        async with anyio.create_task_group() as group:
            for index in range(50):
                group.start_soon(fetch, index)
        assert [(p.uid, p.name) for p in got if p is not None] == [(p.uid, p.name) for p in wanted]


async def test_create_data_rows_uploads_40_files(
    labelbox_async_client: AsyncClient, tmp_path: Path
) -> None:
    files = make_files(tmp_path / "files", 40)
    async with labelbox_async_client as client:
        dataset = await client.create_dataset(name="uploads")
        task = await dataset.create_data_rows(files)
        await task.wait_till_done(timeout_seconds=60)
        assert task.status == "COMPLETE"
        rows = [row async for row in dataset.data_rows(order_by=AsyncDataRow.external_id.asc)]
    assert [row.external_id for row in rows] == [str(path) for path in files]
    urls = [row.row_data for row in rows]
    assert len(set(urls)) == 40 and all(url.startswith("http") for url in urls)
    async with httpx.AsyncClient(timeout=10) as http:  # each URL serves its own file
        for url, path in zip(urls, files, strict=True):
            assert (await http.get(url)).content == path.read_bytes(), (url, path)


async def _rows_dataset(org: EmulatedOrganization, count: int) -> str:
    async with org.async_client() as client:
        dataset = await client.create_dataset(name="many rows")
        items: list[Any] = [
            {"row_data": f"https://example.com/{i}.jpg", "external_id": f"row-{i:04d}"}
            for i in range(count)
        ]
        task = await dataset.create_data_rows(items)
        await task.wait_till_done(timeout_seconds=60)
        return dataset.uid


class _Spy:
    """Counts the background page fetches the client's workers were given."""

    def __init__(self, client: AsyncClient) -> None:
        self.started = 0
        workers = client._workers
        submit = workers.submit

        def counted(*args: Any) -> Any:
            pending = submit(*args)
            self.started += pending is not None
            return pending

        workers.submit = counted  # type: ignore[method-assign]


async def _slow_iteration(dataset: AsyncDataset) -> list[str]:
    """External ids, sleeping 2 ms per page of 100 (a consumer that works)."""
    ids = []
    async for row in dataset.data_rows(order_by=AsyncDataRow.external_id.asc):
        if len(ids) % 100 == 0:
            await anyio.sleep(0.002)
        ids.append(str(row.external_id))
    return ids


async def test_prefetch_inside_async_with_and_on_demand_outside(
    org: EmulatedOrganization,
) -> None:
    uid = await _rows_dataset(org, 350)
    wanted = [f"row-{i:04d}" for i in range(350)]

    client = org.async_client()
    spy = _Spy(client)
    async with client:
        dataset = await client.get_dataset(uid)
        assert await _slow_iteration(dataset) == wanted
    assert spy.started >= 1, "no page was fetched ahead inside async with"

    outside = org.async_client()
    spy = _Spy(outside)
    try:
        dataset = await outside.get_dataset(uid)
        assert await _slow_iteration(dataset) == wanted
        assert spy.started == 0  # on demand: no task group to fetch ahead in
        first = await dataset.data_rows(order_by=AsyncDataRow.external_id.asc).get_many(120)
        assert [row.external_id for row in first] == wanted[:120]
    finally:
        await outside.close()


async def test_prefetch_stopped_early_and_collection_cursor(org: EmulatedOrganization) -> None:
    """Breaking out of a prefetching loop cancels the page fetched ahead; ``anext`` on
    the collection is one running cursor."""
    uid = await _rows_dataset(org, 350)
    async with org.async_client() as client:
        dataset = await client.get_dataset(uid)
        seen = []
        async for row in dataset.data_rows(order_by=AsyncDataRow.external_id.asc):
            if len(seen) % 100 == 0:
                await anyio.sleep(0.002)
            seen.append(row.external_id)
            if len(seen) == 250:
                break
        assert seen == [f"row-{i:04d}" for i in range(250)]
        collection = dataset.data_rows(order_by=AsyncDataRow.external_id.asc)
        assert [(await anext(collection)).external_id for _ in range(3)] == [
            "row-0000",
            "row-0001",
            "row-0002",
        ]
        assert await client.get_user() is not None  # the client still works
