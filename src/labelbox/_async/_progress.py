"""Waiting on long server-side work: polling with backoff, INFO logs, and optional tqdm
progress bars (``show_progress=True``)."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from labelbox._async._concurrency import sleep

logger = logging.getLogger("labelbox")
T = TypeVar("T")

#: The clock and the sleep of :func:`wait_for` (replaced by tests that count waits).
_clock: Callable[[], float] = time.monotonic
_sleep: Callable[[float], Awaitable[None]] = sleep


class _Bar:
    """Moves a tqdm bar to absolute positions; does nothing when disabled."""

    def __init__(self, bar: Any | None) -> None:
        self._bar = bar

    def update_to(self, position: float) -> None:
        """Sets the bar's position."""
        if self._bar is not None:
            self._bar.update(max(0.0, position - self._bar.n))

    def update(self, step: float = 1) -> None:
        """Advances the bar."""
        if self._bar is not None:
            self._bar.update(step)

    def reset(self, total: float | None) -> None:
        """Starts the bar again from 0 with a new ``total`` (a retried download)."""
        if self._bar is not None:
            self._bar.reset(total=total)

    def show(self, status: str | None = None) -> None:
        """Redraws the bar (elapsed time moves on), with ``status`` after it if given."""
        if self._bar is not None:
            if status is not None:
                self._bar.set_postfix_str(status, refresh=False)
            self._bar.refresh()


@contextmanager
def progress_bar(
    enabled: bool,
    total: float | None,
    desc: str,
    *,
    unit: str = "it",
    unit_scale: bool = False,
    bar_format: str | None = None,
) -> Iterator[_Bar]:
    """A tqdm bar when ``enabled`` (tqdm imported only then), else a no-op.

    ``unit="B", unit_scale=True`` shows bytes as kB/MB; ``bar_format`` is tqdm's."""
    if not enabled:
        yield _Bar(None)
        return
    from tqdm import tqdm

    with tqdm(
        total=total, desc=desc, unit=unit, unit_scale=unit_scale, bar_format=bar_format
    ) as bar:
        yield _Bar(bar)


#: A wait without a known percentage shows the time spent (and a status, if any).
_ELAPSED_FORMAT = "{desc}: {elapsed} elapsed{postfix}"
#: A wait with a percentage: the bar and the times, no meaningless rate.
_PERCENT_FORMAT = "{l_bar}{bar}| {elapsed}<{remaining}{postfix}"


async def counted(items: AsyncIterable[T], desc: str, total: int | None = None) -> AsyncIterator[T]:
    """Yields ``items`` while a tqdm bar counts them (``total`` if known)."""
    with progress_bar(True, total=total, desc=desc) as bar:
        async for item in items:
            yield item
            bar.update()


async def wait_for(
    done: Callable[[], Awaitable[bool]],
    timeout_seconds: float,
    *,
    desc: str,
    show_progress: bool = False,
    percent: Callable[[], float] | None = None,
    interval: float | None = None,
    status: Callable[[], str] | None = None,
    first_delay: float = 0.05,
    max_delay: float = 2.0,
) -> bool:
    """Polls ``done()`` with exponential backoff (``first_delay`` seconds doubling to
    ``max_delay``; 50 ms to 2 s by default), or every ``interval`` seconds if given,
    until it is true or ``timeout_seconds`` pass (may be ``math.inf``); returns whether
    it finished. ``percent()`` feeds the optional progress bar, ``status()`` is shown
    after it. The one polling loop of the SDK's long work (``_sleep`` and ``_clock``
    are module attributes so tests can count the waits)."""
    if interval is not None:
        first_delay = max_delay = interval
    deadline = _clock() + timeout_seconds
    delay = min(first_delay, max_delay)
    with progress_bar(
        show_progress,
        total=100 if percent else None,
        desc=desc,
        bar_format=_PERCENT_FORMAT if percent else _ELAPSED_FORMAT,
    ) as bar:
        while not await done():
            if percent is not None:
                bar.update_to(percent())
            bar.show(None if status is None else status())
            remaining = deadline - _clock()
            if remaining <= 0:
                logger.info("%s: not finished after %.0f s", desc, timeout_seconds)
                return False
            logger.info("%s: waiting %.2f s", desc, min(delay, remaining))
            await _sleep(min(delay, remaining))
            delay = min(delay * 2, max_delay)
        if percent is not None:
            bar.update_to(100)
        bar.show(None if status is None else status())
    return True
