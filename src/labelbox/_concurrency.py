# unasync: hand-written pair
"""Sleeping, blocking calls, file reads and bounded concurrency for the sync facade.

One half of a hand-written pair (the other is :mod:`labelbox._async._concurrency`,
same names with ``Async``): ``codegen/unasync.py`` skips both, because no rename turns
a task group into a thread pool or ``anyio.sleep`` into ``time.sleep``. The sync
modules derived from the async source call these names.

Imports nothing heavy (``import labelbox`` stays cheap); the thread pool starts on
first use.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    Pending = Future

_A = TypeVar("_A")
_R = TypeVar("_R")


def __getattr__(name: str) -> Any:
    """``Pending``, the result of work :meth:`Workers.submit` started in the background
    (``.result()``, ``.cancel()``, ``.done()``): ``concurrent.futures.Future``, imported
    on first use."""
    if name == "Pending":
        from concurrent.futures import Future

        return Future
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def sleep(seconds: float) -> None:
    """Waits ``seconds`` (``time.sleep``, looked up at each call so that tests can
    replace it)."""
    time.sleep(seconds)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The contents of the file at ``path``."""
    return Path(path).read_bytes()


def open_for_upload(path: str | os.PathLike[str]) -> tuple[BinaryIO, int]:
    """``path`` opened for reading (binary) and its size.

    Raises:
        FileNotFoundError: If ``path`` is not a file.
    """
    file_path = Path(path)
    if not file_path.is_file():
        raise FileNotFoundError(f"No such file: {str(path)!r}")
    stream = file_path.open("rb")
    try:
        return stream, os.fstat(stream.fileno()).st_size
    except BaseException:
        stream.close()
        raise


def run_blocking(function: Callable[[], _R]) -> _R:
    """``function()``, called here (the async form runs it in a worker thread)."""
    return function()


def run_blocking_to_end(function: Callable[[], object]) -> None:
    """``function()``, called here (the async form runs it in a worker thread, waited
    for even while its task is being cancelled)."""
    function()


class Workers:
    """Bounded concurrency of one client: a thread pool of at most ``size`` threads
    (started on demand) for pages fetched ahead and concurrent uploads. A forked
    process gets a fresh pool; :meth:`close` stops it (a later call starts a new one).

    Args:
        size: the most threads (calls in flight) at a time.
    """

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError(f"size must be at least 1, got {size}")
        self.size = size
        self._executor: ThreadPoolExecutor | None = None
        self._executor_pid = 0
        self._lock = threading.Lock()

    def _pool(self) -> ThreadPoolExecutor:
        """The thread pool, started on first use (a fresh one in a forked process)."""
        pid = os.getpid()
        executor = self._executor
        if executor is None or self._executor_pid != pid:
            if self._executor_pid not in (0, pid):  # forked: the parent's lock may be held
                self._lock = threading.Lock()
            with self._lock:
                if self._executor is None or self._executor_pid != pid:
                    from concurrent.futures import ThreadPoolExecutor

                    self._executor = ThreadPoolExecutor(
                        max_workers=self.size, thread_name_prefix="labelbox"
                    )
                    self._executor_pid = pid
                executor = self._executor
        return executor

    def start(self) -> None:
        """Nothing to do: the pool starts on first use (the async form opens its task
        group here)."""

    def close(self) -> None:
        """Stops the pool: work not started is cancelled, running work is not waited
        for (a later call starts a new pool)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None and self._executor_pid == os.getpid():
            executor.shutdown(wait=False, cancel_futures=True)

    def submit(self, function: Callable[..., _R], *args: Any) -> Pending[_R] | None:
        """Starts ``function(*args)`` on the pool; its :class:`Pending` result (never
        None here; the async form returns None outside ``async with``)."""
        return self._pool().submit(function, *args)

    def map(self, function: Callable[[_A], _R], items: Iterable[_A]) -> Iterator[_R]:
        """``function`` of each item on the pool, results in order.

        Bounded: at most ``2 * size`` calls are submitted ahead of the consumer (items
        are read lazily), so a long input never queues everything at once. The first
        error is raised in order; the calls not started yet are then cancelled (as they
        are when the consumer stops early)."""
        from collections import deque

        pool = self._pool()
        window: deque[Future[_R]] = deque()
        pending = iter(items)
        try:
            for item in pending:
                window.append(pool.submit(function, item))
                if len(window) >= 2 * self.size:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        finally:
            for future in window:
                future.cancel()
