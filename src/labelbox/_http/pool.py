"""The SDK's connection pool: httpx imported lazily, one pooled keep-alive
``httpx.Client`` with TCP_NODELAY and coalesced writes, proxies from the environment,
and one verifying TLS context per process whose CA certificates load on first use."""

from __future__ import annotations

import os
import socket
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ssl

    import httpx

    from labelbox._options import ClientOptions


def import_httpx() -> None:
    """``import httpx``, without running its command-line module at that moment.

    ``httpx/__init__.py`` imports ``httpx._main`` (the ``httpx`` console script), which
    imports click and pygments (and rich) when they are installed: ~15 ms of the SDK's
    time to first request for a module it never uses. A stand-in takes its place while
    httpx is imported; ``httpx.main`` then imports the real module when called, and
    ``import httpx._main`` afterwards gets the real module too.
    """
    import sys

    if "httpx" in sys.modules or "httpx._main" in sys.modules:
        return
    import types

    stand_in = types.ModuleType("httpx._main", "Stand-in of httpx._main (see labelbox._http.pool).")

    def main(*args: Any, **kwargs: Any) -> Any:
        """The ``httpx`` command line (imports the real ``httpx._main``)."""
        import importlib

        if sys.modules.get("httpx._main") is stand_in:
            del sys.modules["httpx._main"]
        return importlib.import_module("httpx._main").main(*args, **kwargs)

    stand_in.main = main  # type: ignore[attr-defined]
    sys.modules["httpx._main"] = stand_in
    try:
        import httpx  # noqa: F401
    finally:
        if sys.modules.get("httpx._main") is stand_in:
            del sys.modules["httpx._main"]
        package = sys.modules.get("httpx")
        if getattr(package, "_main", None) is stand_in:
            delattr(package, "_main")  # `httpx._main` then resolves to the real module


def new_http_client(options: ClientOptions) -> httpx.Client:
    """The SDK's own pooled client: keep-alive, TCP_NODELAY, proxies from the
    environment (``HTTP_PROXY``/``HTTPS_PROXY``/``ALL_PROXY``/``NO_PROXY``); pool
    limits and timeouts from ``options``."""
    import httpx

    # TCP_NODELAY: a caller's pool (or a body larger than _FLUSH_AT) writes a POST's
    # head and body separately; with Nagle on, a kept-alive connection waits ~40 ms
    # for a delayed ACK per call.
    settings: dict[str, Any] = {
        "limits": httpx.Limits(
            max_connections=options.max_connections,
            max_keepalive_connections=options.max_keepalive_connections,
        ),
        "socket_options": [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
        "verify": ssl_context(),
    }
    # httpx ignores environment proxies once a transport is given: mount them here.
    mounts: dict[str, httpx.BaseTransport | None] = {}
    for pattern, proxy in _environment_proxies().items():
        mounts[pattern] = (
            None if proxy is None else _coalescing(httpx.HTTPTransport(proxy=proxy, **settings))
        )
    transport = _coalescing(httpx.HTTPTransport(**settings))
    client = httpx.Client(
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


def direct_transport(http: httpx.Client) -> httpx.BaseTransport | None:
    """The transport of a pool :func:`new_http_client` built without proxies: requests
    can go to it directly (see :func:`labelbox._http.exchange.send`)."""
    direct: httpx.BaseTransport | None = getattr(http, "_labelbox_direct", None)
    return direct


def _coalescing(transport: httpx.HTTPTransport) -> httpx.HTTPTransport:
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

    def connect_tcp(self, *args: Any, **kwargs: Any) -> _CoalescingStream:
        return _CoalescingStream(self._backend.connect_tcp(*args, **kwargs))

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> _CoalescingStream:
        return _CoalescingStream(self._backend.connect_unix_socket(*args, **kwargs))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


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

    def _flush(self, timeout: float | None) -> None:
        if self._pending:
            data = self._pending[0] if len(self._pending) == 1 else b"".join(self._pending)
            self._pending, self._size = [], 0
            self._stream.write(data, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if buffer:
            self._pending.append(bytes(buffer))
            self._size += len(buffer)
            if self._size >= _FLUSH_AT:
                self._flush(timeout)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        self._flush(timeout)
        data: bytes = self._stream.read(max_bytes, timeout)
        return data

    def close(self) -> None:
        self._pending, self._size = [], 0
        self._stream.close()

    def start_tls(self, *args: Any, **kwargs: Any) -> _CoalescingStream:
        self._flush(kwargs.get("timeout"))
        return _CoalescingStream(self._stream.start_tls(*args, **kwargs))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


#: Held request bytes are sent once they reach this size.
_FLUSH_AT = 256 * 1024


_SSL_CONTEXTS: dict[tuple[str | None, str | None], ssl.SSLContext] = {}


def ssl_context() -> ssl.SSLContext:
    """httpx's default verifying SSL context (CAs from ``SSL_CERT_FILE``, else
    ``SSL_CERT_DIR``, else certifi), built once per process and CA setting and shared by
    every pool and download. The CAs load at the first TLS handshake, not here: that
    takes ~40 ms, which a plain-http endpoint (the emulator) never needs to pay."""
    key = (os.environ.get("SSL_CERT_FILE") or None, os.environ.get("SSL_CERT_DIR") or None)
    context = _SSL_CONTEXTS.get(key)
    if context is None:
        context = _SSL_CONTEXTS.setdefault(key, _verifying_context(*key))
    return context


def _verifying_context(cafile: str | None, capath: str | None) -> ssl.SSLContext:
    """What ``httpx.create_ssl_context()`` (``ssl.create_default_context``) builds, with
    the CA certificates loaded on first use."""
    import ssl

    class LazyCAContext(ssl.SSLContext):
        """Loads its CA certificates before its first handshake (thread-safe)."""

        _ca_lock = threading.Lock()
        _ca_loaded = False

        def _load_cas(self) -> None:
            with self._ca_lock:
                if not self._ca_loaded:
                    if cafile is None and capath is None:
                        import certifi

                        self.load_verify_locations(cafile=certifi.where())
                    else:
                        self.load_verify_locations(cafile=cafile, capath=capath)
                    self._ca_loaded = True

        def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
            if not self._ca_loaded:
                self._load_cas()
            return super().wrap_socket(*args, **kwargs)

        def wrap_bio(self, *args: Any, **kwargs: Any) -> ssl.SSLObject:
            if not self._ca_loaded:
                self._load_cas()
            return super().wrap_bio(*args, **kwargs)

    context = LazyCAContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies certificate and host name
    keylog = os.environ.get("SSLKEYLOGFILE")
    if keylog:
        context.keylog_filename = keylog
    return context


def _environment_proxies() -> dict[str, str | None]:
    """httpx's reading of the proxy environment variables (mount pattern -> proxy URL,
    or None for hosts in ``NO_PROXY``)."""
    try:
        from httpx._utils import get_environment_proxies
    except ImportError:  # pragma: no cover - a future httpx without the helper
        from urllib.request import getproxies

        found = getproxies()
        return {f"{s}://": found[s] for s in ("http", "https", "all") if found.get(s)}
    return get_environment_proxies()
