"""The SDK's pool in shards (labelbox._http.shards and its async source): the limits a
client is given reach the shards, requests spread over them and free their slot when
their body is closed (also when they fail), and the idle-connection test reads the
socket found once. Sync clients with threads and async clients under asyncio and trio,
over real HTTP."""

from __future__ import annotations

import pickle
import socket
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import anyio
import httpx
import pytest

from labelbox import AsyncClient, Client
from labelbox._async._http import shards as async_shards
from labelbox._http import pool as sync_pool
from labelbox._http import shards as sync_shards
from labelbox_emulator import Emulator


def _made(sizes: list[tuple[int, int]]) -> Any:
    def make(connections: int, keepalive: int) -> httpx.MockTransport:
        sizes.append((connections, keepalive))
        return httpx.MockTransport(lambda request: httpx.Response(200))

    return make


@pytest.mark.parametrize("module", [sync_shards, async_shards])
def test_limits_split_into_shards(module: Any) -> None:
    sizes: list[tuple[int, int]] = []
    transport = module.sharded(_made(sizes), 50, 20)
    assert isinstance(transport, module.ShardedTransport)
    assert sum(c for c, _ in sizes) == 50 and sum(k for _, k in sizes) == 20
    assert max(c for c, _ in sizes) <= module.SHARD_SIZE
    assert max(c for c, _ in sizes) - min(c for c, _ in sizes) <= 1
    sizes.clear()
    small = module.sharded(_made(sizes), module.SHARD_SIZE, 2)
    assert sizes == [(module.SHARD_SIZE, 2)]  # one shard: the transport itself
    assert not isinstance(small, module.ShardedTransport)


def test_client_limits_reach_the_pool(femu: Emulator) -> None:
    with Client(
        api_key=femu.api_key, endpoint=femu.endpoint, max_connections=10, pool_workers=3
    ) as client:
        options = client._options
        assert (options.max_connections, options.max_keepalive_connections) == (10, 10)
        assert client._workers.size == 3
        direct = sync_pool.direct_transport(client._transport._pool())
        assert isinstance(direct, sync_shards.ShardedTransport)
        assert len(direct._shards) == 3  # 10 connections: 4 + 3 + 3
        copy = pickle.loads(pickle.dumps(client))
        assert copy._options == options and copy._workers.size == 3
        copy.close()


@pytest.mark.parametrize("bad", [0, -1, True, "8", 2.5])
@pytest.mark.parametrize("name", ["max_connections", "pool_workers"])
def test_bad_limits_are_refused_before_any_request(name: str, bad: object) -> None:
    kind = ValueError if isinstance(bad, int) and not isinstance(bad, bool) else TypeError
    for client_type in (Client, AsyncClient):
        with pytest.raises(kind, match=name):
            # an endpoint nothing listens on: a request would fail differently
            client_type(api_key="key", endpoint="http://127.0.0.1:9/graphql", **{name: bad})


def test_threads_spread_over_the_shards_and_free_them(femu: Emulator) -> None:
    with Client(api_key=femu.api_key, endpoint=femu.endpoint, max_connections=8) as client:
        project = client.create_project(name="shards")
        with ThreadPoolExecutor(16) as pool:
            found = list(pool.map(lambda _: client.get_project(project.uid).uid, range(64)))
        assert found == [project.uid] * 64
        direct = sync_pool.direct_transport(client._transport._pool())
        assert isinstance(direct, sync_shards.ShardedTransport)
        assert direct._busy == [0, 0]


@pytest.mark.anyio
async def test_tasks_spread_over_the_shards_and_free_them(femu: Emulator) -> None:
    from labelbox._async._http.pool import direct_transport

    async with AsyncClient(
        api_key=femu.api_key, endpoint=femu.endpoint, max_connections=12
    ) as client:
        project = await client.create_project(name="async shards")
        direct = direct_transport(client._transport._pool())
        assert isinstance(direct, async_shards.ShardedTransport)
        peak = [0, 0, 0]
        found: list[str] = []

        async def get() -> None:
            peak[:] = [max(p, b) for p, b in zip(peak, direct._busy, strict=True)]
            found.append((await client.get_project(project.uid)).uid)
            peak[:] = [max(p, b) for p, b in zip(peak, direct._busy, strict=True)]

        async with anyio.create_task_group() as group:
            for _ in range(40):
                group.start_soon(get)
        assert found == [project.uid] * 40
        assert direct._busy == [0, 0, 0]
        assert all(p >= 1 for p in peak)  # every shard carried requests


class _Body(httpx.AsyncByteStream):
    """A streamed body (not read before the response is returned, as a real one)."""

    async def __aiter__(self) -> Any:
        yield b"ok"


@pytest.mark.anyio
async def test_a_failed_request_frees_its_slot() -> None:
    calls = 0

    def answer(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls % 3 == 0:
            raise httpx.ConnectError("refused", request=request)
        if calls % 3 == 1:
            return httpx.Response(200, content=b"ok")  # read whole already
        return httpx.Response(200, stream=_Body())

    transport = async_shards.ShardedTransport(
        [httpx.MockTransport(answer), httpx.MockTransport(answer)]
    )
    async with httpx.AsyncClient(transport=transport) as http:
        for _ in range(9):
            try:
                response = await http.get("http://test/")
                assert response.content == b"ok"
            except httpx.ConnectError:
                pass
    assert calls == 9 and transport._busy == [0, 0]


def test_idle_test_reads_the_socket_found_once() -> None:
    left, right = socket.socketpair()
    asked: list[str] = []

    class Stream:
        def get_extra_info(self, info: str) -> Any:
            asked.append(info)
            return left if info == "socket" else None

    stream = sync_pool._CoalescingStream(Stream())
    try:
        assert stream.get_extra_info("is_readable") is False
        assert stream.get_extra_info("is_readable") is False
        right.sendall(b"x")  # data waiting (or the peer's close): not reusable as is
        assert stream.get_extra_info("is_readable") is True
        assert asked == ["socket"]  # looked up once, not per test
        assert stream.get_extra_info("ssl_object") is None
        assert asked == ["socket", "ssl_object"]
    finally:
        left.close()
        right.close()
