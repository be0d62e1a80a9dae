"""One client's half of bench/async_bench.py, run in a fresh process.

    python bench/async_side.py calls   CLIENT ENDPOINT API_KEY PROJECT_ID CALLS IN_FLIGHT
    python bench/async_side.py uploads CLIENT ENDPOINT API_KEY FILES_DIR IN_FLIGHT
    python bench/async_side.py rows    CLIENT ENDPOINT API_KEY DATASET_ID WORK_US

CLIENT is one of:

* ``async``: ``labelbox.AsyncClient`` under asyncio, IN_FLIGHT calls at a time
  (``max_connections=IN_FLIGHT``; uploads: ``pool_workers=IN_FLIGHT``).
* ``floor``: a raw ``httpx.AsyncClient`` + ``json`` doing the same requests, IN_FLIGHT at
  a time (its pool sized to IN_FLIGHT): what async httpx costs as it comes.
* ``sharded``: the same raw client over the pool ours uses: httpx transports of at most
  4 connections each, every request sent through the least busy
  (``labelbox._async._http.shards``). httpcore's pool costs CPU per request that grows
  with the square of its connections; against this floor the ratio is what the SDK
  itself adds.
* ``sync``: ``labelbox.Client`` doing the same work sequentially (uploads:
  ``pool_workers=1``; rows: ``prefetch_pages=False``).
* ``threads``: ``labelbox.Client`` with IN_FLIGHT threads (calls: a thread pool;
  uploads: ``pool_workers=IN_FLIGHT``; rows: its default page prefetch), what a sync
  user does today to overlap round trips.

Workloads (each after a warm-up that opens IN_FLIGHT connections and builds the models):

* ``calls``: CALLS ``get_project`` calls.
* ``uploads``: ``dataset.create_data_rows([every file in FILES_DIR])`` on a dataset made
  before the clock starts: the file uploads, the descriptor upload and the append
  (floor: the same three steps, raw). The floor reads each file in a worker thread,
  as ours must (no blocking file I/O on the event loop).
* ``rows``: every data row of the dataset, 4 fields of each read, while the consumer
  waits on other work: 10 rows' worth of WORK_US every 10 rows (``await
  asyncio.sleep``; sync: ``time.sleep``), as if writing rows somewhere. The floor
  fetches one page ahead in a task, as ours does inside ``async with``.

Prints one JSON object on its last line: wall and CPU time per call / upload / row.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

from side import APPEND, DATA_ROWS, GET_PROJECT, UPLOAD  # the same operations as bench/side.py

CREATE_DATASET = "mutation($n: String!){createDataset(data:{name:$n}){id}}"


class Clock:
    """Wall and CPU time since it was made."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def per(self, count: int, scale: float, unit: str) -> dict[str, float]:
        """Wall and CPU per item, times ``scale`` (1000: ms, 1e6: us)."""
        return {
            f"wall_{unit}": (time.perf_counter() - self.wall) / max(count, 1) * scale,
            f"cpu_{unit}": (time.process_time() - self.cpu) / max(count, 1) * scale,
            "total_s": time.perf_counter() - self.wall,
            "count": count,
        }


async def in_flight(call: Callable[[], Awaitable[Any]], count: int, width: int) -> None:
    """``call()`` ``count`` times, ``width`` at a time (``width`` worker tasks)."""
    left = iter(range(count))

    async def worker() -> None:
        for _ in left:
            await call()

    await asyncio.gather(*(worker() for _ in range(min(width, count))))


def floor_http(key: str, width: int, client: str) -> Any:
    """The floor's ``httpx.AsyncClient``: ``width`` connections, in one pool (``floor``)
    or in shards (``sharded``)."""
    import httpx

    headers = {"Authorization": "Bearer " + key}
    if client == "sharded":
        from labelbox._async._http.shards import sharded

        def make(connections: int, keepalive: int) -> httpx.AsyncHTTPTransport:
            limits = httpx.Limits(max_connections=connections, max_keepalive_connections=keepalive)
            return httpx.AsyncHTTPTransport(limits=limits)

        transport = sharded(make, width, width)
        return httpx.AsyncClient(headers=headers, transport=transport, timeout=60)
    limits = httpx.Limits(max_connections=width, max_keepalive_connections=width)
    return httpx.AsyncClient(headers=headers, limits=limits, timeout=60)


#: Requests the floor sent again (see :func:`floor_send`).
RESENT = [0]


async def floor_send(http: Any, endpoint: str, **request: Any) -> Any:
    """One POST of the floor, sent again once if the server closed a kept-alive
    connection first (a race any client must handle; ours retries by its policy)."""
    import httpx

    try:
        return await http.post(endpoint, **request)
    except (httpx.RemoteProtocolError, httpx.ConnectError):
        RESENT[0] += 1
        return await http.post(endpoint, **request)


async def floor_post(http: Any, endpoint: str, query: str, variables: dict[str, Any]) -> Any:
    response = await floor_send(http, endpoint, json={"query": query, "variables": variables})
    return json.loads(response.content)["data"]


# -- calls ------------------------------------------------------------------------------


async def calls_async(
    client: str, endpoint: str, key: str, project_id: str, calls: int, width: int
) -> dict[str, float]:
    if client in ("floor", "sharded"):
        async with floor_http(key, width, client) as http:

            async def call() -> None:
                data = await floor_post(http, endpoint, GET_PROJECT, {"id": project_id})
                assert data["project"]["id"] == project_id

            await in_flight(call, width, width)  # warm-up: every connection open
            clock = Clock()
            await in_flight(call, calls, width)
            return clock.per(calls, 1000, "ms")
    from labelbox import AsyncClient

    async with AsyncClient(api_key=key, endpoint=endpoint, max_connections=width) as lb:

        async def get() -> None:
            assert (await lb.get_project(project_id)).uid == project_id

        await in_flight(get, width, width)
        clock = Clock()
        await in_flight(get, calls, width)
        return clock.per(calls, 1000, "ms")


def calls_sync(
    client: str, endpoint: str, key: str, project_id: str, calls: int, width: int
) -> dict[str, float]:
    from concurrent.futures import ThreadPoolExecutor

    from labelbox import Client

    threads = width if client == "threads" else 1
    with Client(api_key=key, endpoint=endpoint, max_connections=threads) as lb:

        def get(_: object = None) -> None:
            assert lb.get_project(project_id).uid == project_id

        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(get, range(threads)))  # warm-up
            clock = Clock()
            if threads == 1:
                for _ in range(calls):
                    get()
            else:
                list(pool.map(get, range(calls)))
            return clock.per(calls, 1000, "ms")


# -- uploads ----------------------------------------------------------------------------


def listed(files_dir: str) -> list[str]:
    return sorted(os.path.join(files_dir, name) for name in os.listdir(files_dir))


async def uploads_async(
    client: str, endpoint: str, key: str, files_dir: str, width: int
) -> dict[str, float]:
    paths = listed(files_dir)
    if client in ("floor", "sharded"):
        async with floor_http(key, width, client) as http:

            async def upload(name: str, data: bytes, mime: str) -> str:
                operations = {
                    "query": UPLOAD,
                    "variables": {"file": None, "contentLength": len(data)},
                }
                response = await floor_send(
                    http,
                    endpoint,
                    data={"operations": json.dumps(operations), "map": '{"0": ["variables.file"]}'},
                    files={"0": (name, data, mime)},
                )
                url: str = json.loads(response.content)["data"]["uploadFile"]["url"]
                return url

            async def upload_path(path: str) -> str:
                data = await asyncio.to_thread(_read, path)
                return await upload(os.path.basename(path), data, "application/octet-stream")

            dataset_id = (await floor_post(http, endpoint, CREATE_DATASET, {"n": "floor"}))[
                "createDataset"
            ]["id"]
            await in_flight(
                lambda: floor_post(http, endpoint, GET_PROJECT, {"id": "x"}), width, width
            )
            clock = Clock()
            urls: list[str] = [""] * len(paths)
            order = iter(enumerate(paths))

            async def worker() -> None:
                for index, path in order:
                    urls[index] = await upload_path(path)

            await asyncio.gather(*(worker() for _ in range(width)))
            rows = [{"externalId": p, "data": u} for p, u in zip(paths, urls, strict=True)]
            descriptor = await upload(
                "descriptor.json", json.dumps(rows).encode(), "application/json"
            )
            await floor_post(http, endpoint, APPEND, {"d": dataset_id, "u": descriptor})
            return clock.per(len(paths), 1000, "ms")
    from labelbox import AsyncClient

    async with AsyncClient(
        api_key=key, endpoint=endpoint, max_connections=width, pool_workers=width
    ) as lb:
        dataset = await lb.create_dataset(name="async upload bench")
        await in_flight(lb.get_user, width, width)
        clock = Clock()
        await dataset.create_data_rows(paths)
        return clock.per(len(paths), 1000, "ms")


def uploads_sync(
    client: str, endpoint: str, key: str, files_dir: str, width: int
) -> dict[str, float]:
    from concurrent.futures import ThreadPoolExecutor

    from labelbox import Client

    paths = listed(files_dir)
    threads = width if client == "threads" else 1
    with Client(
        api_key=key, endpoint=endpoint, max_connections=threads, pool_workers=threads
    ) as lb:
        dataset = lb.create_dataset(name="sync upload bench")
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(lambda _: lb.get_user(), range(threads)))
        clock = Clock()
        dataset.create_data_rows(paths)
        return clock.per(len(paths), 1000, "ms")


def _read(path: str) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


# -- rows -------------------------------------------------------------------------------


async def floor_rows(http: Any, endpoint: str, dataset_id: str) -> AsyncIterator[dict[str, Any]]:
    """Every data row, 100 per page, the next page fetched in a task while the caller
    uses this one."""

    async def page(skip: int) -> list[dict[str, Any]]:
        variables = {"id": dataset_id, "skip": skip, "first": 100}
        rows: list[dict[str, Any]] = (await floor_post(http, endpoint, DATA_ROWS, variables))[
            "dataset"
        ]["dataRows"]
        return rows

    skip = 0
    ahead = asyncio.ensure_future(page(skip))
    while True:
        rows = await ahead
        skip += len(rows)
        if len(rows) == 100:
            ahead = asyncio.ensure_future(page(skip))
        for row in rows:
            yield row
        if len(rows) < 100:
            return


async def rows_async(
    client: str, endpoint: str, key: str, dataset_id: str, work_us: float
) -> dict[str, float]:
    wait = 10 * work_us / 1e6
    if client == "floor":
        async with floor_http(key, 2, client) as http:
            async for _ in floor_rows(http, endpoint, dataset_id):  # warm-up
                break
            clock, count = Clock(), 0
            async for row in floor_rows(http, endpoint, dataset_id):
                fields = (row["id"], row["externalId"], row["rowData"], row["createdAt"])
                assert fields[0]
                count += 1
                if count % 10 == 0:
                    await asyncio.sleep(wait)
            return clock.per(count, 1e6, "us")
    from labelbox import AsyncClient

    async with AsyncClient(api_key=key, endpoint=endpoint) as lb:
        dataset = await lb.get_dataset(dataset_id)
        async for _ in dataset.data_rows():  # warm-up
            break
        clock, count = Clock(), 0
        async for data_row in dataset.data_rows():
            fields = (data_row.uid, data_row.external_id, data_row.row_data, data_row.created_at)
            assert fields[0]
            count += 1
            if count % 10 == 0:
                await asyncio.sleep(wait)
        return clock.per(count, 1e6, "us")


def rows_sync(
    client: str, endpoint: str, key: str, dataset_id: str, work_us: float
) -> dict[str, float]:
    from labelbox import Client

    wait = 10 * work_us / 1e6
    with Client(api_key=key, endpoint=endpoint, prefetch_pages=client == "threads") as lb:
        dataset = lb.get_dataset(dataset_id)
        rows: Iterator[Any] = iter(dataset.data_rows())
        next(rows, None)  # warm-up
        clock, count = Clock(), 0
        for data_row in dataset.data_rows():
            fields = (data_row.uid, data_row.external_id, data_row.row_data, data_row.created_at)
            assert fields[0]
            count += 1
            if count % 10 == 0:
                time.sleep(wait)
        return clock.per(count, 1e6, "us")


#: Each mode's async and sync halves, and how its arguments after API_KEY are read.
MODES: dict[str, tuple[Callable[..., Any], Callable[..., Any], tuple[type, ...]]] = {
    "calls": (calls_async, calls_sync, (str, int, int)),
    "uploads": (uploads_async, uploads_sync, (str, int)),
    "rows": (rows_async, rows_sync, (str, float)),
}


def main() -> None:
    mode, client, endpoint, key, *rest = sys.argv[1:]
    if mode not in MODES:
        raise SystemExit(f"unknown mode {mode!r}")
    async_half, sync_half, kinds = MODES[mode]
    args = [client, endpoint, key, *(kind(a) for kind, a in zip(kinds, rest, strict=True))]
    if client in ("async", "floor", "sharded"):
        result = asyncio.run(async_half(*args))
    else:
        result = sync_half(*args)
    print(json.dumps({**result, "resent": RESENT[0]}))


if __name__ == "__main__":
    main()
