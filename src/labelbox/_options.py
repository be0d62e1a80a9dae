"""The settings of a :class:`labelbox.Client`, every default stated once."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from labelbox._retry import RetryPolicy, check_retries, check_seconds


@dataclass(frozen=True)
class ClientOptions:
    """Immutable connection settings of a :class:`labelbox.Client`; the class
    attributes are the SDK's defaults (the retry defaults are :class:`RetryPolicy`'s).

    A Client builds one from its arguments (``Client(timeout=..., max_retries=...)``,
    see :meth:`from_arguments`) and hands it to its transport. Change a copy with
    ``dataclasses.replace(options, timeout=10)`` (checked like a new one).

    Attributes:
        endpoint: URL of the Labelbox GraphQL API (an absolute http(s) URL; a
            trailing slash after ``/graphql`` is dropped).
        timeout: read timeout of each attempt of a request, in seconds.
        connect_timeout: the longest connect timeout of an attempt, in seconds (an
            attempt's timeout, when shorter, bounds it too).
        retry: retries, backoff and the overall deadline of a call.
        max_connections: connections the client's pool opens at most (requests
            beyond it wait for a free connection).
        max_keepalive_connections: idle connections the pool keeps open.
        pool_workers: the most file uploads one call runs at a time, and the
            workers that fetch pages ahead (threads of a :class:`labelbox.Client`,
            tasks of a :class:`labelbox.AsyncClient`).
        prefetch_pages: fetch the next page of a paginated collection in the
            background while the current one is used.

    Example:
        >>> options = ClientOptions.from_arguments(timeout=10, max_retries=5)
        >>> options.retry.deadline
        120.0
    """

    endpoint: str = "https://api.labelbox.com/graphql"
    timeout: float = 30.0
    connect_timeout: float = 10.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    max_connections: int = 32
    max_keepalive_connections: int = 32
    pool_workers: int = 8
    prefetch_pages: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "endpoint", check_endpoint(self.endpoint))
        for name in ("timeout", "connect_timeout"):
            value = getattr(self, name)
            seconds = check_seconds(name, value)
            if seconds == 0:
                raise ValueError(f"{name} must be > 0 seconds, got {value!r}")
            object.__setattr__(self, name, seconds)
        if not isinstance(self.retry, RetryPolicy):
            raise TypeError(f"retry must be a RetryPolicy, got {self.retry!r}")
        for name in ("max_connections", "max_keepalive_connections", "pool_workers"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{name} must be an int, got {value!r}")
            if value < 1:
                raise ValueError(f"{name} must be >= 1, got {value!r}")
        if not isinstance(self.prefetch_pages, bool):
            kind = type(self.prefetch_pages).__name__
            raise TypeError(f"prefetch_pages must be a bool, got {kind}")

    @classmethod
    def from_arguments(
        cls,
        endpoint: str = endpoint,
        *,
        timeout: float = timeout,
        max_retries: int = RetryPolicy.max_retries,
        deadline: float | None = None,
        backoff_base: float = RetryPolicy.backoff_base,
        backoff_cap: float = RetryPolicy.backoff_cap,
        prefetch_pages: bool = prefetch_pages,
        max_connections: int = max_connections,
        pool_workers: int = pool_workers,
    ) -> ClientOptions:
        """The options of ``Client(...)``'s arguments of the same names.

        Args:
            endpoint: the attribute of the same name.
            timeout: the attribute of the same name.
            max_retries: retries of a request that failed transiently.
            deadline: overall seconds of a call; None: the :class:`RetryPolicy`
                default, or ``timeout`` if longer (the overall limit never cuts a single
                attempt short by default).
            backoff_base: delay before the first retry, in seconds.
            backoff_cap: the longest delay between retries, in seconds.
            prefetch_pages: the attribute of the same name.
            max_connections: the attribute of the same name; the pool keeps as many
                idle connections open (``max_keepalive_connections``), so that bursts of
                ``max_connections`` concurrent calls reuse their connections.
            pool_workers: the attribute of the same name.

        Raises:
            TypeError, ValueError: If a value has the wrong type or is out of range.
        """
        seconds = check_seconds("timeout", timeout)
        assert seconds is not None
        if seconds == 0:
            raise ValueError(f"timeout must be > 0 seconds, got {timeout!r}")
        retry = RetryPolicy(
            max_retries=check_retries(max_retries),
            deadline=max(RetryPolicy.deadline or 0.0, seconds) if deadline is None else deadline,
            backoff_base=backoff_base,
            backoff_cap=backoff_cap,
        )
        return cls(
            endpoint,
            seconds,
            retry=retry,
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            pool_workers=pool_workers,
            prefetch_pages=prefetch_pages,
        )


def check_endpoint(endpoint: object) -> str:
    """``endpoint`` as the client sends to it: TypeError unless it is a str, ValueError
    unless it is an absolute http(s) URL; a trailing slash after ``/graphql`` is
    dropped (``https://host/graphql/`` → ``https://host/graphql``: servers answer a
    POST to ``/graphql/`` with a redirect, not with GraphQL)."""
    if not isinstance(endpoint, str):
        raise TypeError(f"endpoint must be a str, got {type(endpoint).__name__}")
    try:
        parts = urlsplit(endpoint)
        parts.port  # noqa: B018  (raises ValueError for an invalid port)
    except ValueError as exc:
        raise ValueError(f"Invalid endpoint URL {endpoint!r}: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"endpoint must be an http(s) URL, got {endpoint!r}")
    if parts.path.endswith("/graphql/"):
        return parts._replace(path=parts.path.rstrip("/")).geturl()
    return endpoint
