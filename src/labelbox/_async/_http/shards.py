"""The SDK's pool split into small pools (shards), each request sent through the least
busy one.

httpcore's connection pool scans every connection (and every waiting request) on each
request and each release, and the async pool retries a request that lost a race for a
connection: its CPU per request grows with the square of the connections in use. At 50
connections in flight over loopback that was ~5 ms of client CPU per request (raw
``httpx.AsyncClient`` too), against ~0.5 ms with one connection; the same requests
through pools of 4 connections cost ~0.6 ms (``bench/async_bench.py``). Upstream
reports and fixes: encode/httpcore#1035 and #1000 (open when this was written).

Only httpx's public transport API is used: each shard is an ordinary
``httpx.AsyncHTTPTransport``, and a response's body stream is wrapped so that the
shard's slot is freed when the body is closed (the exchange always closes it).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Sequence

import httpx

#: Connections per shard: small enough that a pool's scans stay cheap, large enough
#: that a shard seldom waits while another has a free connection.
SHARD_SIZE = 4


def sharded(
    make: Callable[[int, int], httpx.AsyncHTTPTransport],
    connections: int,
    keepalive: int,
) -> httpx.AsyncBaseTransport:
    """One transport of ``connections`` connections (``keepalive`` kept when idle):
    ``make(connections, keepalive)`` itself when that fits in one shard, else shards
    of at most :data:`SHARD_SIZE` connections made by ``make`` with their share of
    both limits."""
    count = -(-connections // SHARD_SIZE)
    if count <= 1:
        return make(connections, keepalive)
    shares = zip(_split(connections, count), _split(keepalive, count), strict=True)
    return ShardedTransport([make(size, kept) for size, kept in shares])


def _split(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` near-equal integers (larger ones first)."""
    return [total // parts + (1 if index < total % parts else 0) for index in range(parts)]


class ShardedTransport(httpx.AsyncBaseTransport):
    """Sends each request through the shard with the fewest requests in flight (a
    request is in flight until its response body is closed).

    Args:
        shards: the transports to spread requests over (closed with this one).
    """

    def __init__(self, shards: Sequence[httpx.AsyncBaseTransport]) -> None:
        self._shards = list(shards)
        self._busy = [0] * len(self._shards)
        self._lock = threading.Lock()  # held for a few operations, never across I/O

    def _take(self) -> int:
        with self._lock:
            busy = self._busy
            index = busy.index(min(busy))
            busy[index] += 1
            return index

    def _release(self, index: int) -> None:
        with self._lock:
            self._busy[index] -= 1

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Sends ``request`` through the least busy shard."""
        index = self._take()
        try:
            response = await self._shards[index].handle_async_request(request)
        except BaseException:
            self._release(index)
            raise
        if response.is_closed:  # read whole already (a mock's answer)
            self._release(index)
            return response
        stream = response.stream
        assert isinstance(stream, httpx.AsyncByteStream)
        response.stream = _Releasing(stream, lambda: self._release(index))
        return response

    async def aclose(self) -> None:
        """Closes every shard."""
        for shard in self._shards:
            await shard.aclose()


class _Releasing(httpx.AsyncByteStream):
    """A response body that calls ``release`` once, when it is closed."""

    def __init__(self, stream: httpx.AsyncByteStream, release: Callable[[], None]) -> None:
        self._stream = stream
        self._release: Callable[[], None] | None = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        release, self._release = self._release, None
        try:
            await self._stream.aclose()
        finally:
            if release is not None:
                release()
