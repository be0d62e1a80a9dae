"""The one place that talks HTTP: auth header, pooled keep-alive connection, timeouts,
retries and the mapping of every failure to a ``labelbox.exceptions`` type.

Every request's outcome is first captured as a :class:`labelbox._retry.Attempt`
(status, headers, decoded body, or how the exchange failed); the one retry decision
(:func:`labelbox._retry.decide`) is made from it, and only then is an exception built,
outside any ``except`` block: no httpx, json or RecursionError object is reachable from
a raised error (``__cause__``/``__context__``), so neither is the request's
``Authorization`` header.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import socket
import threading
import time
import warnings
import weakref
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from labelbox import _logs, exceptions
from labelbox._retry import (
    SAFE_TO_REPEAT,
    Attempt,
    Decision,
    Problem,
    RetryPolicy,
    check_retries,
    check_seconds,
    decide,
    operation_kind,
    operation_name_of,
)

if TYPE_CHECKING:
    import ssl

    import httpx

logger = logging.getLogger("labelbox")
_HTTPX_LOG = logging.getLogger("httpx")

FilePart = tuple[str, IO[bytes], str]

#: Default read timeout of one attempt, in seconds.
DEFAULT_TIMEOUT = 30.0
#: Longest connect timeout of one attempt, in seconds.
CONNECT_TIMEOUT = 10.0
#: Options a call may pass (``client.execute(..., max_retries=0)``, or as keyword
#: arguments of a generated operation method).
CALL_OPTIONS = frozenset({"timeout", "max_retries", "deadline", "idempotent"})


#: Every live Transport, so that a forked child can replace their locks at once.
_TRANSPORTS: weakref.WeakSet[Transport] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    """Fresh locks in a forked child: a parent thread may have held one while forking.
    (The pool itself is replaced lazily, on the child's first request.)"""
    for transport in list(_TRANSPORTS):
        transport._lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


class _Secret:
    """A string that never shows itself in a repr, str or format."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself (only for the Authorization header and pickling)."""
        return self._value

    def __repr__(self) -> str:
        return "<redacted>"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return "<redacted>"


class Transport:
    """Sends GraphQL operations over one pooled ``httpx.Client``.

    Implements ``labelbox_gen.base_client.GraphQLTransport``. The API key is added to
    each request (a caller's ``http_client`` is never modified), and is never logged
    or shown. A process forked after the pool was used gets a fresh pool on its first
    request (detected by pid), so parent and child never share a socket.
    """

    def __init__(
        self,
        api_key: str,
        endpoint: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_client: httpx.Client | None = None,
        deadline: float | None = None,
        backoff_base: float | None = None,
        backoff_cap: float | None = None,
    ) -> None:
        from labelbox._version import version

        # httpx loads here, not at `import labelbox` (import time).
        _import_httpx()
        import httpx

        seconds = check_seconds("timeout", timeout)
        assert seconds is not None
        if seconds == 0:
            raise ValueError(f"timeout must be > 0 seconds, got {timeout!r}")
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError(f"http_client must be an httpx.Client, got {http_client!r}")
        base = RetryPolicy()
        self.policy = RetryPolicy(
            max_retries=check_retries(max_retries),
            # The overall limit never cuts a single attempt short by default.
            deadline=max(base.deadline or 0.0, seconds) if deadline is None else deadline,
            backoff_base=base.backoff_base if backoff_base is None else backoff_base,
            backoff_cap=base.backoff_cap if backoff_cap is None else backoff_cap,
        )
        self.endpoint = endpoint
        self._url: httpx.URL | str = endpoint
        # Parsed once, not per request (an invalid URL fails at the request, as before).
        with contextlib.suppress(Exception):
            self._url = httpx.URL(endpoint)
        self.timeout = seconds
        self._key = _Secret(api_key)
        self._headers = {
            "Accept": "application/json",
            "X-User-Agent": f"labelbox-typed-python {version()}",
        }
        self._own_http = http_client is None
        self._http = http_client if http_client is not None else _new_http_client(seconds)
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._rng = random.Random()
        #: Retries made by this transport (all calls, all threads).
        self.retries = 0
        #: Attempts (HTTP exchanges) made by this transport.
        self.attempts = 0
        _TRANSPORTS.add(self)
        _logs.install()
        _warn_if_plaintext(endpoint)

    @property
    def max_retries(self) -> int:
        """Default retries of a call."""
        return self.policy.max_retries

    def __repr__(self) -> str:
        return f"Transport(endpoint={_public_url(self.endpoint)!r})"

    def __reduce__(self) -> Any:
        raise TypeError("A Transport cannot be pickled; pickle the labelbox.Client instead")

    @property
    def owns_http_client(self) -> bool:
        """False when the Client was given a caller's ``http_client``."""
        return self._own_http

    def options(self) -> dict[str, Any]:
        """The settings a Client needs to rebuild this transport (pickling)."""
        return {
            "timeout": self.timeout,
            "max_retries": self.policy.max_retries,
            "deadline": self.policy.deadline,
            "backoff_base": self.policy.backoff_base,
            "backoff_cap": self.policy.backoff_cap,
        }

    def api_key(self) -> str:
        """The API key (for pickling the Client only)."""
        return self._key.reveal()

    def close(self) -> None:
        """Closes the pooled connections."""
        if self._pid == os.getpid():
            self._http.close()
        else:  # a forked child: the parent's sockets are not ours to shut
            self._pid = os.getpid()
            if self._own_http:
                self._http = _new_http_client(self.timeout)
            self._http.close()

    def _pool(self) -> httpx.Client:
        """The pooled client, replaced by a fresh one in a forked child."""
        pid = os.getpid()
        if self._pid != pid:
            with self._lock:
                if self._pid != pid:
                    if self._own_http:
                        # The inherited pool's sockets are shared with the parent:
                        # abandon it without closing (closing is the parent's job).
                        self._http = _new_http_client(self.timeout)
                    else:
                        warnings.warn(
                            "This labelbox Client was built with your own http_client and "
                            "is used in a forked process: parent and child share its "
                            "connections. Create the Client (or http_client) after forking.",
                            RuntimeWarning,
                            stacklevel=4,
                        )
                    self._pid = pid
        return self._http

    # -- GraphQLTransport -------------------------------------------------------------
    def send(
        self,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any],
        files: dict[str, FilePart] | None = None,
        files_map: dict[str, list[str]] | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        """Sends one operation; returns ``data`` or raises a ``LabelboxError``
        (``SchemaMismatchError`` when the server finds the SDK's operation invalid).

        ``options``: ``timeout`` (read timeout of each attempt), ``max_retries``,
        ``deadline`` (overall seconds) and ``idempotent`` (True: the mutation may be
        repeated safely), each for this call only."""
        unknown = set(options) - CALL_OPTIONS
        if unknown:
            raise TypeError(f"Unknown request option(s): {', '.join(sorted(unknown))}")
        body = self.post(
            query,
            variables,
            operation_name,
            files,
            files_map,
            options.get("timeout"),
            sdk_operation=True,
            max_retries=options.get("max_retries"),
            deadline=options.get("deadline"),
            idempotent=options.get("idempotent"),
        )
        data = body.get("data")
        if not isinstance(data, dict):
            error = exceptions.LabelboxError(f"Response to {operation_name or 'query'} has no data")
            error.operation = operation_name
            error.status = 200
            raise error
        return data

    # -- raw access (Client.execute) ----------------------------------------------------
    def post(
        self,
        query: str,
        variables: Mapping[str, Any] | None,
        operation_name: str | None = None,
        files: dict[str, FilePart] | None = None,
        files_map: dict[str, list[str]] | None = None,
        timeout: float | None = None,
        *,
        sdk_operation: bool = False,
        max_retries: int | None = None,
        deadline: float | None = None,
        idempotent: bool | None = None,
    ) -> dict[str, Any]:
        """POSTs a GraphQL request (JSON, or multipart with ``files``) and returns the
        decoded body after mapping ``errors`` to exceptions. Retries what is safe (see
        :mod:`labelbox._retry`).

        ``sdk_operation``: the query is one of the SDK's generated operations, so a
        validation failure means the SDK and the server's schema disagree."""
        from pydantic_core import to_jsonable_python

        if self._http.is_closed:
            raise exceptions.LabelboxError("The client is closed; create a new Client")
        read_timeout = self.timeout if timeout is None else check_seconds("timeout", timeout)
        policy = self.policy.with_overrides(
            max_retries=None if max_retries is None else check_retries(max_retries),
            deadline=check_seconds("deadline", deadline, allow_none=True),
        )
        kind = operation_kind(query, operation_name)
        name = operation_name or operation_name_of(query) or f"anonymous {kind}"
        repeatable = kind != "mutation" or bool(idempotent) or name in SAFE_TO_REPEAT
        # Datetimes, enums and models as JSON values (ISO strings, enum values).
        payload: dict[str, Any] = {"query": query, "variables": to_jsonable_python(variables or {})}
        if operation_name:
            payload["operationName"] = operation_name
        started = time.monotonic()
        end = None if policy.deadline is None else started + policy.deadline
        retries = 0
        while True:
            remaining = None if end is None else max(end - time.monotonic(), 0.001)
            attempt = self._exchange(payload, files, files_map, read_timeout, remaining)
            if attempt.succeeded:
                body: dict[str, Any] = attempt.body
                return body
            decision = decide(
                attempt,
                repeatable=repeatable,
                retries_done=retries,
                policy=policy,
                remaining=None if end is None else end - time.monotonic(),
                rng=self._rng,
            )
            if decision.retry and not _rewind(files):
                decision = Decision(False, reason="the upload stream cannot be rewound")
            if not decision.retry:
                break
            retries += 1
            with self._lock:
                self.retries += 1
            logger.info(
                "Retrying %s in %.2f s (retry %d of %d): %s",
                name,
                decision.delay,
                retries,
                policy.max_retries,
                _what(attempt),
            )
            time.sleep(decision.delay)
        error = _error_for(
            attempt,
            decision,
            name,
            retries,
            operation_name if sdk_operation else None,
            self.endpoint,
        )
        error.operation = name
        error.status = attempt.status
        error.codes = attempt.codes
        error.request_id = attempt.request_id
        error.retries = retries
        error.retry_after = decision.retry_after
        raise error

    def _exchange(
        self,
        payload: dict[str, Any],
        files: dict[str, FilePart] | None,
        files_map: dict[str, list[str]] | None,
        read_timeout: float | None,
        remaining: float | None,
    ) -> Attempt:
        """One HTTP exchange, captured as an :class:`Attempt` (never raises for a
        network or body failure)."""
        import httpx

        limit = read_timeout if remaining is None else min(read_timeout or remaining, remaining)
        timeout = httpx.Timeout(limit, connect=None if limit is None else min(limit, 10.0))
        headers = {**self._headers, "Authorization": f"Bearer {self._key.reveal()}"}
        http = self._pool()
        if files:
            form = {"operations": json.dumps(payload), "map": json.dumps(files_map or {})}
            body = _small_multipart(form, files)
            if body is not None:  # small files: one buffer, no per-part streaming
                content, headers["Content-Type"] = body
                request = http.build_request(
                    "POST", self._url, content=content, headers=headers, timeout=timeout
                )
            else:
                request = http.build_request(
                    "POST", self._url, data=form, files=files, headers=headers, timeout=timeout
                )
        else:
            request = http.build_request(
                "POST", self._url, json=payload, headers=headers, timeout=timeout
            )
        with self._lock:
            self.attempts += 1
        started = time.perf_counter()
        # Our own pool without proxies: straight to its transport (see _send).
        direct = getattr(http, "_labelbox_direct", None) if self._own_http else None
        attempt = _send(http, request, direct=direct)
        logger.debug(
            "%s -> %s in %.1f ms",
            payload.get("operationName") or "query",
            f"HTTP {attempt.status}" if attempt.status else attempt.problem,
            (time.perf_counter() - started) * 1000,
        )
        return attempt

    def get(self, url: str, timeout: float | None = None) -> bytes:
        """Downloads a (signed) file URL the server handed out; no API key is sent.
        Retried like a query."""
        import httpx

        shown = _public_url(url)
        if url.startswith("http://"):
            _warn_if_plaintext(url)
        limit = timeout or self.timeout
        policy = self.policy
        end = None if policy.deadline is None else time.monotonic() + policy.deadline
        retries = 0
        while True:
            try:
                request = httpx.Request("GET", url)
            except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
                reason = str(exc)
                attempt = Attempt(problem="invalid_url", detail=reason)
            else:
                with httpx.Client(
                    timeout=limit, follow_redirects=True, verify=_ssl_context()
                ) as http:
                    attempt = _send(http, request, expect_json=False)
            if attempt.problem is None and attempt.status == 200:
                content: bytes = attempt.body
                return content
            decision = decide(
                attempt,
                repeatable=True,
                retries_done=retries,
                policy=policy,
                remaining=None if end is None else end - time.monotonic(),
                rng=self._rng,
            )
            if not decision.retry:
                break
            retries += 1
            logger.info("Retrying download of %s in %.2f s", shown, decision.delay)
            time.sleep(decision.delay)
        from labelbox._download import _error  # the one mapping of failed downloads

        raise _error(attempt, shown, retries)


def _import_httpx() -> None:
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

    stand_in = types.ModuleType("httpx._main", "Stand-in of httpx._main (see labelbox._transport).")

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


def _new_http_client(timeout: float) -> httpx.Client:
    """The SDK's own pooled client: keep-alive, TCP_NODELAY, proxies from the
    environment (``HTTP_PROXY``/``HTTPS_PROXY``/``ALL_PROXY``/``NO_PROXY``)."""
    import httpx

    # TCP_NODELAY: a caller's pool (or a body larger than _FLUSH_AT) writes a POST's
    # head and body separately; with Nagle on, a kept-alive connection waits ~40 ms
    # for a delayed ACK per call.
    options: dict[str, Any] = {
        "limits": httpx.Limits(max_connections=32, max_keepalive_connections=16),
        "socket_options": [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
        "verify": _ssl_context(),
    }
    # httpx ignores environment proxies once a transport is given: mount them here.
    mounts: dict[str, httpx.BaseTransport | None] = {}
    for pattern, proxy in _environment_proxies().items():
        mounts[pattern] = (
            None if proxy is None else _coalescing(httpx.HTTPTransport(proxy=proxy, **options))
        )
    transport = _coalescing(httpx.HTTPTransport(**options))
    client = httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT)),
        transport=transport,
        mounts=mounts,
        trust_env=True,
    )
    if not mounts:
        client._labelbox_direct = transport  # type: ignore[attr-defined]
    return client


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


def _ssl_context() -> ssl.SSLContext:
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


def _warn_if_plaintext(url: str) -> None:
    """A UserWarning when ``url`` is plain http to a host that is not loopback."""
    parts = urlsplit(url)
    if parts.scheme != "http" or _is_loopback(parts.hostname or ""):
        return
    warnings.warn(
        f"Sending requests over plain http to {parts.hostname}: the API key and data "
        "travel unencrypted. Use https unless this is a trusted local server.",
        UserWarning,
        stacklevel=4,
    )


def _is_loopback(host: str) -> bool:
    import ipaddress

    host = host.strip("[]").lower()
    # RFC 6761: *.localhost is loopback; *.invalid never resolves (nothing is sent).
    if host in ("localhost", "invalid") or host.endswith((".localhost", ".invalid")):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _send(
    http: httpx.Client,
    request: httpx.Request,
    *,
    expect_json: bool = True,
    direct: httpx.BaseTransport | None = None,
) -> Attempt:
    """Sends ``request`` and reads the whole answer into an :class:`Attempt`."""
    import httpx

    problem: Problem | None = None
    detail = ""
    response: httpx.Response | None = None
    try:
        if direct is None:
            response = http.send(request, stream=True)
        else:
            # The SDK's own pool (no auth flow, hooks, redirects or proxies to apply):
            # its transport directly, without httpx.Client.send's per-request work
            # (~15 % of a request's CPU, most of it storing cookies, which the API
            # does not use; the classic client kept none either).
            response = direct.handle_request(request)
            response.request = request
            if _HTTPX_LOG.isEnabledFor(logging.INFO):  # the line httpx.Client logs
                _HTTPX_LOG.info(
                    'HTTP Request: %s %s "%s %d %s"',
                    request.method,
                    request.url,
                    response.http_version,
                    response.status_code,
                    response.reason_phrase,
                )
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        problem, detail = "not_sent", _describe(exc, "could not connect")
    except (httpx.WriteError, httpx.WriteTimeout) as exc:
        # The request never reached the server whole: it cannot have been processed.
        problem, detail = "not_sent", _describe(exc, "could not send the request")
    except httpx.TimeoutException as exc:
        problem, detail = "timeout", _describe(exc, "no answer within the timeout")
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        problem, detail = "invalid_url", _describe(exc, "invalid URL")
    except httpx.TransportError as exc:
        problem, detail = "no_response", _describe(exc, "connection lost after sending")
    except httpx.HTTPError as exc:  # e.g. a redirect loop of a caller's client
        problem, detail = "no_response", _describe(exc, "HTTP error")
    if response is None:
        return Attempt(problem=problem or "no_response", detail=detail)
    headers = {key.lower(): value for key, value in response.headers.items()}
    content = b""
    try:
        content = response.read()
    except httpx.DecodingError as exc:
        problem, detail = "undecodable", _describe(exc, "the answer could not be decoded")
    except httpx.TimeoutException as exc:
        problem, detail = "timeout", _describe(exc, "the answer did not arrive in time")
    except (httpx.HTTPError, httpx.StreamError) as exc:
        problem, detail = "truncated", _describe(exc, "the answer was cut short")
    finally:
        response.close()
    status = response.status_code
    if problem is not None:
        return Attempt(status=status, headers=headers, problem=problem, detail=detail)
    if not expect_json:
        return Attempt(status=status, headers=headers, body=content)
    return _parse(status, headers, content)


def _parse(status: int, headers: dict[str, str], content: bytes) -> Attempt:
    """The answer's JSON body; ``malformed`` when it is not JSON (HTML error pages,
    garbage, JSON nested too deep to decode)."""
    reason = ""
    try:
        return Attempt(status=status, headers=headers, body=_from_json(content))
    except ValueError:
        pass  # json.loads decides (and names the problem)
    try:
        return Attempt(status=status, headers=headers, body=json.loads(content))
    except RecursionError:
        reason = "the answer is JSON nested too deeply to decode"
    except ValueError:  # JSONDecodeError, UnicodeDecodeError
        kind = headers.get("content-type", "").split(";")[0].strip() or "no content type"
        reason = f"the answer is not JSON ({kind}, {len(content)} bytes)"
    return Attempt(status=status, headers=headers, problem="malformed", detail=reason)


def _from_json(content: bytes) -> Any:
    """``json.loads`` by pydantic-core's parser: ~30 % faster on a page of rows. Only
    keys are interned: caching every short string (the default) is slower than
    json.loads on pages of unique ids."""
    from pydantic_core import from_json

    return from_json(content, cache_strings="keys")


#: Files up to this size go out in a multipart body built in one buffer.
SMALL_UPLOAD = 1 << 20


def _small_multipart(form: dict[str, str], files: dict[str, FilePart]) -> tuple[bytes, str] | None:
    """The ``multipart/form-data`` body (and its Content-Type) of ``form`` and
    ``files``, built in one buffer, when every file is a seekable stream of at most
    :data:`SMALL_UPLOAD` bytes (else None: httpx streams the parts). Same format as
    httpx's: a quoted name, ``"`` and ``\\`` escaped, control characters percent-encoded."""
    contents = []
    for _, stream, _ in files.values():
        if not _seekable(stream):
            return None
        start = stream.tell()
        data = stream.read(SMALL_UPLOAD + 1)
        if not isinstance(data, bytes) or len(data) > SMALL_UPLOAD:
            stream.seek(start)
            return None
        contents.append(data)
    boundary = os.urandom(16).hex().encode()
    parts = []
    for name, value in form.items():
        parts += [b"--", boundary, b'\r\nContent-Disposition: form-data; name="']
        parts += [_form_quote(name), b'"\r\n\r\n', value.encode(), b"\r\n"]
    for (name, (filename, _, content_type)), data in zip(files.items(), contents, strict=True):
        parts += [b"--", boundary, b'\r\nContent-Disposition: form-data; name="']
        parts += [_form_quote(name), b'"; filename="', _form_quote(filename), b'"\r\n']
        parts += [b"Content-Type: ", content_type.encode(), b"\r\n\r\n", data, b"\r\n"]
    parts += [b"--", boundary, b"--\r\n"]
    return b"".join(parts), f"multipart/form-data; boundary={boundary.decode()}"


def _seekable(stream: IO[bytes]) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def _form_quote(value: str) -> bytes:
    """A multipart parameter value as httpx (the HTML5 form encoding) writes it."""
    out = []
    for char in value:
        if char == '"':
            out.append("%22")
        elif char == "\\":
            out.append("\\\\")
        elif ord(char) < 0x20 and char != "\x1b":
            out.append(f"%{ord(char):02X}")
        else:
            out.append(char)
    return "".join(out).encode()


def _describe(exc: BaseException, fallback: str) -> str:
    """A one-line description of a transport error without its request or URL."""
    text = str(exc).strip()
    return f"{fallback}: {type(exc).__name__}" + (f" ({text})" if text else "")


def _what(attempt: Attempt) -> str:
    if attempt.problem is not None:
        status = f"HTTP {attempt.status}, " if attempt.status else ""
        return status + attempt.detail
    codes = f" {', '.join(attempt.codes)}" if attempt.codes else ""
    return f"HTTP {attempt.status}{codes}"


def _rewind(files: dict[str, FilePart] | None) -> bool:
    """Makes file parts readable again for a retry; False when a stream cannot rewind."""
    for _, stream, _ in (files or {}).values():
        if not stream.seekable():
            return False
        stream.seek(0)
    return True


_STATUS_TEXT = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    413: "Payload Too Large",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


def _error_for(
    attempt: Attempt,
    decision: Decision,
    name: str,
    retries: int,
    sdk_operation: str | None,
    endpoint: str,
) -> exceptions.LabelboxError:
    """The documented exception for a failed attempt (after the retry decision)."""
    status = attempt.status
    status_text = f"HTTP {status} {_STATUS_TEXT.get(status, '')}".strip() if status else ""
    if decision.outcome_unknown:
        reason = status_text or attempt.detail
        if status and attempt.problem is not None:
            reason = f"{status_text}, but {attempt.detail}"
        elif attempt.codes:
            reason = f"{reason} with {', '.join(attempt.codes)}: {_first_message(attempt)}"
        elif attempt.problem is None and isinstance(attempt.body, dict):
            message = attempt.body.get("message")
            if isinstance(message, str) and message:
                reason = f"{reason} ({message[:200]})"
        return exceptions.WriteOutcomeUnknownError(
            name, reason, status, attempt.codes, attempt.request_id
        )
    retried = f" ({retries} retries)" if retries else ""
    if attempt.problem == "timeout":
        return exceptions.TimeoutError(f"{name}: no answer within the timeout{retried}")
    if attempt.problem in ("not_sent", "no_response", "invalid_url"):
        return exceptions.NetworkError(ConnectionError(f"{name}: {attempt.detail}{retried}"))
    if attempt.rate_limited:
        message = attempt.body.get("message") if isinstance(attempt.body, dict) else None
        text = str(message) if isinstance(message, str) else "API rate limit exceeded"
        if decision.retry_after is not None:
            text += f" (the server asked to retry after {decision.retry_after:g} s)"
        return exceptions.ApiLimitError(text)
    body = attempt.body
    if isinstance(body, dict) and isinstance(body.get("errors"), list) and body["errors"]:
        return _error_for_errors(body["errors"], sdk_operation, endpoint, status or 200)
    if status is not None and status >= 500:
        detail = f": {attempt.detail}" if attempt.problem else ""
        return exceptions.InternalServerError(f"{name}: {status_text}{detail}")
    if status == 401:
        return exceptions.AuthenticationError(f"Invalid API key ({status_text})")
    if status == 403:
        return exceptions.AuthorizationError(f"{name}: not allowed ({status_text})")
    if status == 404:
        return exceptions.LabelboxError(
            f"{name}: {status_text} from {_public_url(endpoint)}; is the endpoint URL right?"
        )
    if status == 408:
        return exceptions.TimeoutError(f"{name}: {status_text}{retried}")
    if status == 413:
        return exceptions.LabelboxError(f"{name}: {status_text}: the request is too large")
    if attempt.problem is not None:
        return exceptions.LabelboxError(
            f"{name}: failed to parse the response as JSON ({status_text}): {attempt.detail}"
        )
    if not isinstance(body, dict):
        return exceptions.LabelboxError(f"{name}: the response is not a JSON object")
    return exceptions.LabelboxError(f"{name}: {status_text}".rstrip(": "))


def _first_message(attempt: Attempt) -> str:
    errors = attempt.body.get("errors") if isinstance(attempt.body, dict) else None
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return str(errors[0].get("message", ""))[:200]
    return ""


def _code(error: Any) -> str | None:
    if isinstance(error, dict):
        ext = error.get("extensions")
        if isinstance(ext, dict) and isinstance(ext.get("code"), str):
            return str(ext["code"])
    return None


def _public_url(url: str) -> str:
    """``url`` without user info, query string or fragment (safe in a message)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, "", ""))


def _validation_messages(errors: list[Any], status: int) -> list[str]:
    """Messages of the errors saying the document does not fit the server's schema:
    GRAPHQL_VALIDATION_FAILED (except the complexity limit), or uncoded errors of an
    HTTP 400 (servers without error codes)."""
    uncoded = status == 400 and all(_code(e) is None for e in errors)
    found: list[str] = []
    for error in errors:
        text = str(error.get("message", "")) if isinstance(error, dict) else str(error)
        validation = uncoded or _code(error) == "GRAPHQL_VALIDATION_FAILED"
        if validation and not text.startswith("Query complexity limit exceeded"):
            found.append(text)
    return found


def _error_for_errors(
    errors: list[Any], sdk_operation: str | None = None, endpoint: str = "", status: int = 200
) -> exceptions.LabelboxError:
    """The exception of the most significant GraphQL error, as the classic client ranks
    them; a validation failure of an SDK operation (``sdk_operation``) is a
    ``SchemaMismatchError``."""
    by_code: dict[str | None, dict[str, Any]] = {}
    for error in errors:
        by_code.setdefault(_code(error), error if isinstance(error, dict) else {})

    def message(code: str | None) -> str:
        return str(by_code[code].get("message", code))

    if "AUTHENTICATION_ERROR" in by_code:
        return exceptions.AuthenticationError("Invalid API key")
    if "AUTHORIZATION_ERROR" in by_code:
        return exceptions.AuthorizationError(message("AUTHORIZATION_ERROR"))
    mismatch = _validation_messages(errors, status) if sdk_operation else []
    if sdk_operation and mismatch:
        return exceptions.SchemaMismatchError(
            sdk_operation, "; ".join(mismatch), _public_url(endpoint)
        )
    if "GRAPHQL_VALIDATION_FAILED" in by_code:
        text = message("GRAPHQL_VALIDATION_FAILED")
        if text == "Query complexity limit exceeded":
            return exceptions.ValidationFailedError(text)
        return exceptions.InvalidQueryError(text)
    if "GRAPHQL_PARSE_FAILED" in by_code:
        return exceptions.InvalidQueryError(message("GRAPHQL_PARSE_FAILED"))
    if "RESOURCE_NOT_FOUND" in by_code:
        return exceptions.ResourceNotFoundError(None, message("RESOURCE_NOT_FOUND"))
    if "BAD_USER_INPUT" in by_code:
        return exceptions.InvalidQueryError(message("BAD_USER_INPUT"))
    if "NOT_IMPLEMENTED" in by_code:
        return exceptions.InvalidQueryError(message("NOT_IMPLEMENTED"))
    if "INTERNAL_SERVER_ERROR" in by_code:
        text = message("INTERNAL_SERVER_ERROR")
        if text.startswith(("Syntax Error", "Invite(s) cannot be sent")):
            return exceptions.InvalidQueryError(text)
        return exceptions.InternalServerError(text)
    return exceptions.LabelboxError(f"Unknown error: {errors!r}")
