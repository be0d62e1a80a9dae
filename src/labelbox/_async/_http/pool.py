"""The SDK's connection pool: one pooled keep-alive ``httpx.AsyncClient`` with
TCP_NODELAY and coalesced writes, its connections in small shards
(:mod:`labelbox._async._http.shards`), proxies from the environment, and the process's
one verifying TLS context.

One source for both pools: the sync module is derived from the async one by
``codegen/unasync.py``, so the two have the same limits, timeouts, TLS, proxies and
coalescing network backend (httpcore's sync and async backends have the same methods,
awaited or not). What both take from the process -- the lazy httpx import, the TLS
context, the proxy settings -- is shared, in :mod:`labelbox._http.environment`
(re-exported here).
"""

from __future__ import annotations

import select
import socket
from typing import TYPE_CHECKING, Any

from labelbox._http.environment import _environment_proxies, import_httpx, ssl_context

if TYPE_CHECKING:
    import httpx

    from labelbox._options import ClientOptions

__all__ = ["direct_transport", "import_httpx", "new_http_client", "ssl_context"]


def new_http_client(options: ClientOptions) -> httpx.AsyncClient:
    """The SDK's own pooled client: keep-alive, TCP_NODELAY, proxies from the
    environment (``HTTP_PROXY``/``HTTPS_PROXY``/``ALL_PROXY``/``NO_PROXY``); pool
    limits and timeouts from ``options``."""
    import httpx

    from labelbox._async._http.shards import sharded

    # TCP_NODELAY: a caller's pool (or a body larger than _FLUSH_AT) writes a POST's
    # head and body separately; with Nagle on, a kept-alive connection waits ~40 ms
    # for a delayed ACK per call.
    settings: dict[str, Any] = {
        "socket_options": [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
        "verify": ssl_context(),
    }

    def pool(proxy: str | None) -> httpx.AsyncBaseTransport:
        """Coalescing transports (through ``proxy``) of ``options``' limits, in shards
        (see :mod:`labelbox._async._http.shards`)."""

        def make(connections: int, keepalive: int) -> httpx.AsyncHTTPTransport:
            limits = httpx.Limits(max_connections=connections, max_keepalive_connections=keepalive)
            return _coalescing(httpx.AsyncHTTPTransport(proxy=proxy, limits=limits, **settings))

        return sharded(make, options.max_connections, options.max_keepalive_connections)

    # httpx ignores environment proxies once a transport is given: mount them here.
    mounts: dict[str, httpx.AsyncBaseTransport | None] = {
        pattern: None if proxy is None else pool(proxy)
        for pattern, proxy in _environment_proxies().items()
    }
    transport = pool(None)
    client = httpx.AsyncClient(
        timeout=httpx.Timeout(
            options.timeout, connect=min(options.timeout, options.connect_timeout)
        ),
        transport=transport,
        mounts=mounts,
        trust_env=True,
    )
    if not mounts:
        client._labelbox_direct = transport  # type: ignore[attr-defined]
    return client


def direct_transport(http: httpx.AsyncClient) -> httpx.AsyncBaseTransport | None:
    """The transport of a pool :func:`new_http_client` built without proxies: requests
    can go to it directly (see :func:`labelbox._async._http.exchange.send`)."""
    direct: httpx.AsyncBaseTransport | None = getattr(http, "_labelbox_direct", None)
    return direct


def _coalescing(transport: httpx.AsyncHTTPTransport) -> httpx.AsyncHTTPTransport:
    """``transport`` whose connections send each request in one write (see
    :class:`_CoalescingStream`). httpx offers no parameter for httpcore's network
    backend, so it is set on the transport's pool; left as is if that ever changes."""
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is not None and hasattr(backend, "connect_tcp"):
        pool._network_backend = _CoalescingBackend(backend)  # type: ignore[union-attr]
    return transport


class _CoalescingBackend:
    """An httpcore network backend whose streams are :class:`_CoalescingStream`."""

    def __init__(self, backend: Any) -> None:
        self._backend = backend

    async def connect_tcp(self, *args: Any, **kwargs: Any) -> _CoalescingStream:
        return _CoalescingStream(await self._backend.connect_tcp(*args, **kwargs))

    async def connect_unix_socket(self, *args: Any, **kwargs: Any) -> _CoalescingStream:
        return _CoalescingStream(await self._backend.connect_unix_socket(*args, **kwargs))

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


class _CoalescingStream:
    """An httpcore network stream that holds writes until the next read.

    httpcore writes a request as several events -- the head, then each body chunk (a
    multipart upload: ~14) -- each its own ``send`` and, over TLS, its own record. Held
    until the response is read, a request leaves in one ``send``: fewer system calls
    and packets, and no Nagle/delayed-ACK stall between head and body. Large bodies
    are still sent in pieces of :data:`_FLUSH_AT` bytes. A failed send raises httpcore's
    ``WriteError`` (the request did not leave whole) from the read that flushed it.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._pending: list[bytes] = []
        self._size = 0
        self._socket: socket.socket | None = None

    async def _flush(self, timeout: float | None) -> None:
        if self._pending:
            data = self._pending[0] if len(self._pending) == 1 else b"".join(self._pending)
            self._pending, self._size = [], 0
            await self._stream.write(data, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if buffer:
            self._pending.append(bytes(buffer))
            self._size += len(buffer)
            if self._size >= _FLUSH_AT:
                await self._flush(timeout)

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        await self._flush(timeout)
        data: bytes = await self._stream.read(max_bytes, timeout)
        return data

    async def aclose(self) -> None:
        self._pending, self._size = [], 0
        await self._stream.aclose()

    async def start_tls(self, *args: Any, **kwargs: Any) -> _CoalescingStream:
        await self._flush(kwargs.get("timeout"))
        return _CoalescingStream(await self._stream.start_tls(*args, **kwargs))

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":  # asked of each idle connection on every pool pass
            if self._socket is None:
                self._socket = self._stream.get_extra_info("socket")
            if self._socket is not None:
                return _is_readable(self._socket)
        return self._stream.get_extra_info(info)


def _is_readable(sock: socket.socket) -> bool:
    """Whether ``sock`` has data (or its end) waiting: httpcore's test of an idle
    connection, on the socket found once, where the async backend looks up every
    attribute of the stream (a ``getpeername`` call among them) for each test."""
    fd = sock.fileno()
    if fd < 0:
        return True
    if not hasattr(select, "poll"):  # pragma: no cover - Windows
        return bool(select.select([fd], [], [], 0)[0])
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


#: Held request bytes are sent once they reach this size.
_FLUSH_AT = 256 * 1024
