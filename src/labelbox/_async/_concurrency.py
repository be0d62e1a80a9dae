# unasync: hand-written pair
"""Sleeping, blocking calls, file reads and bounded concurrency for the async facade.

One half of a hand-written pair (the other is :mod:`labelbox._concurrency`, same names
without ``Async``): ``codegen/unasync.py`` skips both, because no rename turns a task
group into a thread pool or ``anyio.sleep`` into ``time.sleep``. Everything else of the
facade is written once, in async form, and calls these names.

Runs under asyncio and trio (anyio). Nothing here blocks the event loop: waits are
``anyio.sleep``, file reads and other blocking calls go to a worker thread.
"""

from __future__ import annotations

import collections
import io
import itertools
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO, Generic, TypeVar

import anyio
import anyio.abc
import anyio.to_thread

from labelbox._http.multipart import SMALL_UPLOAD

_A = TypeVar("_A")
_R = TypeVar("_R")


async def sleep(seconds: float) -> None:
    """Waits ``seconds`` without blocking the event loop."""
    await anyio.sleep(seconds)


async def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The contents of the file at ``path``, read in a worker thread."""
    return await anyio.Path(path).read_bytes()


async def open_for_upload(path: str | os.PathLike[str]) -> tuple[BinaryIO, int]:
    """``path`` opened for reading (binary) and its size, in a worker thread; a file of
    at most :data:`~labelbox._http.multipart.SMALL_UPLOAD` bytes is read there whole
    (a ``BytesIO``), so that sending it needs no other trip to a thread.

    Raises:
        FileNotFoundError: If ``path`` is not a file.
    """
    return await anyio.to_thread.run_sync(_open_for_upload, path)


def _open_for_upload(path: str | os.PathLike[str]) -> tuple[BinaryIO, int]:
    file_path = Path(path)
    if not file_path.is_file():
        raise FileNotFoundError(f"No such file: {str(path)!r}")
    stream = file_path.open("rb")
    try:
        size = os.fstat(stream.fileno()).st_size
        if size > SMALL_UPLOAD:
            return stream, size
        with stream:
            data = stream.read()
        return io.BytesIO(data), len(data)
    except BaseException:
        stream.close()
        raise


async def run_blocking(function: Callable[[], _R]) -> _R:
    """``function()`` in a worker thread, so that its blocking I/O (a file write, a
    rename) does not stall the event loop."""
    return await anyio.to_thread.run_sync(function)


async def run_blocking_to_end(function: Callable[[], object]) -> None:
    """``function()`` in a worker thread, waited for even while the task is being
    cancelled: clean-up that must happen (removing a partial download)."""
    with anyio.CancelScope(shield=True):
        await anyio.to_thread.run_sync(function)


class AsyncPending(Generic[_R]):
    """The result of work :meth:`AsyncWorkers.submit` started in the background.

    The work's exception is kept and raised by :meth:`result`, never into the code
    that submitted it (a failed prefetch must not cancel the caller).
    """

    def __init__(self) -> None:
        self._done = anyio.Event()
        self._scope = anyio.CancelScope()
        self._value: _R | None = None
        self._error: BaseException | None = None
        self._finished = False

    async def _run(
        self,
        function: Callable[..., Awaitable[_R]],
        args: tuple[Any, ...],
        limiter: anyio.CapacityLimiter | None,
    ) -> None:
        try:
            with self._scope:
                if limiter is not None:
                    await limiter.acquire()
                try:
                    self._value = await function(*args)
                    self._finished = True
                except Exception as exc:  # kept for result(), not raised into the group
                    self._error = exc
                finally:
                    if limiter is not None:
                        limiter.release()
        finally:
            self._done.set()

    def cancel(self) -> bool:
        """Cancels the work (its result is no longer wanted); True unless it had
        already finished."""
        self._scope.cancel()
        return not self._done.is_set()

    def done(self) -> bool:
        """Whether the work has ended (finished, failed or cancelled)."""
        return self._done.is_set()

    async def result(self) -> _R:
        """Waits for the work and returns its result, or raises its exception.

        Raises:
            RuntimeError: If the work was cancelled (:meth:`cancel`, or its workers
                were closed) before it finished.
        """
        await self._done.wait()
        if self._error is not None:
            raise self._error
        if not self._finished:
            raise RuntimeError("The background work was cancelled before it finished")
        return self._value  # type: ignore[return-value]


class AsyncWorkers:
    """Bounded concurrency of one async client: pages fetched ahead and concurrent
    uploads, at most ``size`` calls of a :meth:`map` in flight.

    Background work (:meth:`submit`) runs in a task group that :meth:`start` opens
    and :meth:`close` cancels (``AsyncClient.__aenter__``/``__aexit__``); without it,
    :meth:`submit` returns None and the caller does the work when it needs it.

    Args:
        size: the most calls in flight at a time.
    """

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError(f"size must be at least 1, got {size}")
        self.size = size
        self._group: anyio.abc.TaskGroup | None = None
        self._limiter: anyio.CapacityLimiter | None = None

    async def start(self) -> None:
        """Opens the task group of background work (call :meth:`close` in the same
        task, as ``async with`` does)."""
        if self._group is not None:
            return
        group = anyio.create_task_group()
        await group.__aenter__()
        self._group = group
        self._limiter = anyio.CapacityLimiter(self.size)

    async def close(self) -> None:
        """Cancels the background work still running and closes its task group (a
        later :meth:`start` opens a new one). Call it in the task that called
        :meth:`start`, outside any cancel scope opened since (anyio's rule for task
        groups; ``async with`` does so)."""
        group, self._group, self._limiter = self._group, None, None
        if group is not None:
            group.cancel_scope.cancel()
            await group.__aexit__(None, None, None)

    def submit(self, function: Callable[..., Awaitable[_R]], *args: Any) -> AsyncPending[_R] | None:
        """Starts ``function(*args)`` in the background; None when no task group is
        open (see :meth:`start`): then call it when its result is needed."""
        group = self._group
        if group is None:
            return None
        pending: AsyncPending[_R] = AsyncPending()
        group.start_soon(pending._run, function, args, self._limiter)
        return pending

    async def map(
        self, function: Callable[[_A], Awaitable[_R]], items: Iterable[_A]
    ) -> AsyncIterator[_R]:
        """``function`` of each item, at most ``size`` calls in flight; the results in
        order.

        Items are read lazily. Inside ``async with`` (the task group of :meth:`start`
        is open) the calls run there, at most ``2 * size`` submitted ahead of the
        consumer, each finished call replaced at once (as the sync form's thread pool
        does). Without that group, items run ``2 * size`` at a time, each such chunk in
        its own task group whose results are yielded once it has ended (never from
        inside a task group, which trio forbids). Either way the first error in order
        is raised after the results before it, and the calls after it are cancelled
        (as they are when the consumer stops early).
        """
        if self._group is None:
            async for result in self._map_in_chunks(function, items):
                yield result
            return
        window: collections.deque[AsyncPending[_R]] = collections.deque()
        pending = iter(items)
        try:
            for item in pending:
                window.append(self._submitted(function, item))
                if len(window) >= 2 * self.size:
                    yield await window.popleft().result()
            while window:
                yield await window.popleft().result()
        finally:
            for work in window:
                work.cancel()

    def _submitted(self, function: Callable[[_A], Awaitable[_R]], item: _A) -> AsyncPending[_R]:
        work = self.submit(function, item)
        if work is None:
            raise RuntimeError("The client was closed while its uploads were running")
        return work

    async def _map_in_chunks(
        self, function: Callable[[_A], Awaitable[_R]], items: Iterable[_A]
    ) -> AsyncIterator[_R]:
        """:meth:`map` without an open task group: chunks of ``2 * size`` items."""
        pending = iter(items)
        window = 2 * self.size
        limiter = anyio.CapacityLimiter(self.size)
        while True:
            chunk = list(itertools.islice(pending, window))
            if not chunk:
                return
            results, error_at, error = await _run_chunk(function, chunk, limiter)
            for result in results[:error_at]:
                yield result
            if error is not None:
                raise error
            if len(chunk) < window:
                return


async def _run_chunk(
    function: Callable[[_A], Awaitable[_R]],
    chunk: list[_A],
    limiter: anyio.CapacityLimiter,
) -> tuple[list[_R], int, Exception | None]:
    """Runs ``function`` on each item of ``chunk`` in one task group; returns the
    results, the index of the first failed item (``len(chunk)`` if none) and its
    error. A failure cancels the calls after it; those before it finish."""
    results: list[Any] = [None] * len(chunk)
    scopes = [anyio.CancelScope() for _ in chunk]
    failed: dict[int, Exception] = {}

    async def call(index: int, item: _A) -> None:
        with scopes[index]:
            async with limiter:
                try:
                    results[index] = await function(item)
                except Exception as exc:
                    failed[index] = exc
                    for later in scopes[index + 1 :]:
                        later.cancel()

    async with anyio.create_task_group() as group:
        for index, item in enumerate(chunk):
            group.start_soon(call, index, item)
    if not failed:
        return results, len(chunk), None
    first = min(failed)
    return results, first, failed[first]
