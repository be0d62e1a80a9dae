"""The one place that talks HTTP to the API: :class:`AsyncTransport` holds the API key, the
pooled connection and the :class:`~labelbox.ClientOptions`, and sends each GraphQL
request through the one request loop (:mod:`labelbox._http.loop`).

Every request's outcome is first captured as a :class:`labelbox._retry.Attempt`
(status, headers, decoded body, or how the exchange failed); the one retry decision
(:func:`labelbox._retry.decide`) is made from it, and only then is an exception built
(:mod:`labelbox._http.errors`), outside any ``except`` block: no httpx, json or
RecursionError object is reachable from a raised error (``__cause__``/``__context__``),
so neither is the request's ``Authorization`` header. The other jobs live in
:mod:`labelbox._http` (pool, auth, multipart, exchange, decoding, errors).
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import threading
import time
import warnings
import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from labelbox import _logs, exceptions
from labelbox._async._concurrency import run_blocking
from labelbox._async._http.drive import drive
from labelbox._async._http.exchange import send as _send
from labelbox._async._http.pool import direct_transport, new_http_client
from labelbox._async._http.upload_body import AsyncUploadBody
from labelbox._http.auth import Secret, authorization, public_url, warn_if_plaintext
from labelbox._http.environment import import_httpx, pending_ca_load, ssl_context
from labelbox._http.errors import describe_attempt, download_error, request_error
from labelbox._http.loop import RequestLoop, Send, download_succeeded
from labelbox._http.multipart import FilePart, build_post, in_memory, rewind
from labelbox._retry import (
    SAFE_TO_REPEAT,
    Attempt,
    Decision,
    check_retries,
    check_seconds,
    operation_kind,
    operation_name_of,
)

if TYPE_CHECKING:
    import httpx

    from labelbox._options import ClientOptions

logger = logging.getLogger("labelbox")

#: Options a call may pass (``client.execute(..., max_retries=0)``, or as keyword
#: arguments of a generated operation method).
CALL_OPTIONS = frozenset({"timeout", "max_retries", "deadline", "idempotent", "experimental"})


#: Every live AsyncTransport, so that a forked child can replace their locks at once.
_TRANSPORTS: weakref.WeakSet[AsyncTransport] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    """Fresh locks in a forked child: a parent thread may have held one while forking.
    (The pool itself is replaced lazily, on the child's first request.)"""
    for transport in list(_TRANSPORTS):
        transport._lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


class AsyncTransport:
    """Sends GraphQL operations over one pooled ``httpx.AsyncClient``.

    Implements ``labelbox_gen.async_base_client.AsyncGraphQLTransport``. The API key is added to
    each request (a caller's ``http_client`` is never modified), and is never logged
    or shown. A process forked after the pool was used gets a fresh pool on its first
    request (detected by pid), so parent and child never share a socket.

    Async only: runs under asyncio and trio (anyio); the event loop never blocks on it
    (an upload's files are read in a worker thread).

    Args:
        api_key: the API key (kept as a :class:`~labelbox._http.auth.Secret`).
        options: endpoint, timeouts, retry policy and pool limits.
        http_client: a caller's ``httpx.AsyncClient`` to send requests with (not modified).
    """

    def __init__(
        self,
        api_key: str,
        options: ClientOptions,
        *,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        from labelbox._version import version

        # httpx loads here, not at `import labelbox` (import time).
        import_httpx()
        import httpx

        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(f"http_client must be an httpx.AsyncClient, got {http_client!r}")
        self.settings = options
        self.policy = options.retry
        self.endpoint = options.endpoint
        self._url: httpx.URL | str = self.endpoint
        # Parsed once, not per request (an invalid URL fails at the request, as before).
        with contextlib.suppress(Exception):
            self._url = httpx.URL(self.endpoint)
        # labelbox 2.6.0's experimental endpoint (user and invite management): the
        # endpoint with /graphql replaced by /_gql.
        self._experimental_url = self.endpoint.replace("/graphql", "/_gql")
        self._key = Secret(api_key)
        self._headers = {
            "Accept": "application/json",
            "X-User-Agent": f"labelbox-typed-python {version()}",
        }
        self._own_http = http_client is None
        self._http = http_client if http_client is not None else new_http_client(options)
        # Our pool's TLS context loads its CA certificates at the first handshake.
        self._tls_pending = self._own_http and self.endpoint.startswith("https:")
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._rng = random.Random()
        #: Retries made by this transport (all calls, all threads).
        self.retries = 0
        #: Attempts (HTTP exchanges) made by this transport.
        self.attempts = 0
        _TRANSPORTS.add(self)
        _logs.install()
        warn_if_plaintext(self.endpoint)

    @property
    def timeout(self) -> float:
        """Read timeout of each attempt, in seconds."""
        return self.settings.timeout

    @property
    def max_retries(self) -> int:
        """Default retries of a call."""
        return self.policy.max_retries

    def __repr__(self) -> str:
        return f"AsyncTransport(endpoint={public_url(self.endpoint)!r})"

    def __reduce__(self) -> Any:
        raise TypeError(
            "This AsyncTransport cannot be pickled; pickle the labelbox.AsyncClient instead"
        )

    @property
    def owns_http_client(self) -> bool:
        """False when the AsyncClient was given a caller's ``http_client``."""
        return self._own_http

    def options(self) -> dict[str, Any]:
        """The settings the AsyncClient needs to rebuild this transport (pickling)."""
        return {
            "timeout": self.timeout,
            "max_retries": self.policy.max_retries,
            "deadline": self.policy.deadline,
            "backoff_base": self.policy.backoff_base,
            "backoff_cap": self.policy.backoff_cap,
        }

    def api_key(self) -> str:
        """The API key (for pickling the AsyncClient only)."""
        return self._key.reveal()

    async def close(self) -> None:
        """Closes the pooled connections."""
        if self._pid == os.getpid():
            await self._http.aclose()
        else:  # a forked child: the parent's sockets are not ours to shut
            self._pid = os.getpid()
            if self._own_http:
                self._http = new_http_client(self.settings)
            await self._http.aclose()

    def _pool(self) -> httpx.AsyncClient:
        """The pooled client, replaced by a fresh one in a forked child."""
        pid = os.getpid()
        if self._pid != pid:
            with self._lock:
                if self._pid != pid:
                    if self._own_http:
                        # The inherited pool's sockets are shared with the parent:
                        # abandon it without closing (closing is the parent's job).
                        self._http = new_http_client(self.settings)
                    else:
                        warnings.warn(
                            "This labelbox AsyncClient was built with your own http_client and "
                            "is used in a forked process: parent and child share its "
                            "connections. Create the AsyncClient (or http_client) after forking.",
                            RuntimeWarning,
                            stacklevel=6,
                        )
                    self._pid = pid
        return self._http

    # -- the generated client's transport protocol ----------------------------------
    async def send(
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
        ``deadline`` (overall seconds), ``idempotent`` (True: the mutation may be
        repeated safely) and ``experimental`` (True: sent to the experimental endpoint,
        ``/_gql`` instead of ``/graphql``), each for this call only."""
        unknown = set(options) - CALL_OPTIONS
        if unknown:
            raise TypeError(f"Unknown request option(s): {', '.join(sorted(unknown))}")
        body = await self.post(
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
            experimental=bool(options.get("experimental")),
        )
        data = body.get("data")
        if not isinstance(data, dict):
            raise exceptions.LabelboxError(
                f"Response to {operation_name or 'query'} has no data",
                context=exceptions.RequestContext(operation=operation_name, status=200),
            )
        return data

    # -- raw access (AsyncClient.execute) ----------------------------------------------------
    async def post(
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
        experimental: bool = False,
    ) -> dict[str, Any]:
        """POSTs a GraphQL request (JSON, or multipart with ``files``) and returns the
        decoded body after mapping ``errors`` to exceptions. Retries what is safe (see
        :mod:`labelbox._retry`).

        ``sdk_operation``: the query is one of the SDK's generated operations, so a
        validation failure means the SDK and the server's schema disagree."""
        from pydantic_core import to_jsonable_python

        if self._http.is_closed:
            raise exceptions.LabelboxError("The client is closed; create a new AsyncClient")
        read_timeout = self.timeout if timeout is None else check_seconds("timeout", timeout)
        policy = self.policy.with_overrides(
            max_retries=None if max_retries is None else check_retries(max_retries),
            deadline=check_seconds("deadline", deadline, allow_none=True),
        )
        kind = operation_kind(query, operation_name)
        name = operation_name or operation_name_of(query) or f"anonymous {kind}"
        # Datetimes, enums and models as JSON values (ISO strings, enum values).
        payload: dict[str, Any] = {"query": query, "variables": to_jsonable_python(variables or {})}
        if operation_name:
            payload["operationName"] = operation_name
        loop = RequestLoop(
            policy,
            repeatable=kind != "mutation" or bool(idempotent) or name in SAFE_TO_REPEAT,
            write=kind == "mutation",
            rng=self._rng,
            rewind=lambda: rewind(files),
            on_retry=lambda attempt, decision, retries: self._retrying(
                name, attempt, decision, retries, policy.max_retries
            ),
        )
        url = self._experimental_url if experimental else self._url
        if self._tls_pending:  # the CAs load once, off the event loop (async)
            load = pending_ca_load()
            if load is not None:
                await run_blocking(load)
            self._tls_pending = False
        outcome = await drive(
            loop, lambda step: self._exchange(payload, files, files_map, read_timeout, step, url)
        )
        if outcome.succeeded:
            body: dict[str, Any] = outcome.attempt.body
            return body
        raise request_error(outcome, name, operation_name if sdk_operation else None, self.endpoint)

    def _retrying(
        self, name: str, attempt: Attempt, decision: Decision, retries: int, limit: int
    ) -> None:
        """Counts and logs a retry of a GraphQL request."""
        with self._lock:
            self.retries += 1
        logger.info(
            "Retrying %s in %.2f s (retry %d of %d): %s",
            name,
            decision.delay,
            retries,
            limit,
            describe_attempt(attempt),
        )

    async def _exchange(
        self,
        payload: dict[str, Any],
        files: dict[str, FilePart] | None,
        files_map: dict[str, list[str]] | None,
        read_timeout: float | None,
        step: Send,
        url: httpx.URL | str,
    ) -> Attempt:
        """One HTTP exchange, captured as an :class:`Attempt` (never raises for a
        network or body failure)."""
        import httpx

        remaining = step.remaining
        limit = read_timeout if remaining is None else min(read_timeout or remaining, remaining)
        connect = None if limit is None else min(limit, self.settings.connect_timeout)
        timeout = httpx.Timeout(limit, connect=connect)
        headers = {**self._headers, **authorization(self._key)}
        http = self._pool()
        if files and not in_memory(files):  # reads files (async: in a worker thread)
            request = await run_blocking(
                lambda: build_post(
                    http, url, payload, files, files_map, headers, timeout, AsyncUploadBody
                )
            )
        else:
            request = build_post(http, url, payload, files, files_map, headers, timeout)
        with self._lock:
            self.attempts += 1
        started = time.perf_counter()
        # Our own pool without proxies: straight to its transport (see exchange.send).
        direct = direct_transport(http) if self._own_http else None
        attempt = await _send(http, request, direct=direct)
        logger.debug(
            "%s -> %s in %.1f ms",
            payload.get("operationName") or "query",
            f"HTTP {attempt.status}" if attempt.status else attempt.problem,
            (time.perf_counter() - started) * 1000,
        )
        return attempt

    async def get(self, url: str, timeout: float | None = None) -> bytes:
        """Downloads a (signed) file URL the server handed out; no API key is sent.
        Retried like a query."""
        shown = public_url(url)
        if url.startswith("http://"):
            warn_if_plaintext(url)
        limit = timeout or self.timeout
        loop = RequestLoop(
            self.policy,
            rng=self._rng,
            succeeded=download_succeeded,
            on_retry=lambda attempt, decision, retries: logger.info(
                "Retrying download of %s in %.2f s", shown, decision.delay
            ),
        )
        outcome = await drive(loop, lambda step: _get_once(url, limit))
        if outcome.succeeded:
            content: bytes = outcome.attempt.body
            return content
        raise download_error(outcome, shown)


async def _get_once(url: str, timeout: float) -> Attempt:
    """One GET of ``url`` (no API key), the whole body read into the Attempt."""
    import httpx

    try:
        request = httpx.Request("GET", url)
    except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
        return Attempt(problem="invalid_url", detail=str(exc))
    async with httpx.AsyncClient(
        timeout=timeout, follow_redirects=True, verify=ssl_context()
    ) as http:
        return await _send(http, request, expect_json=False)
