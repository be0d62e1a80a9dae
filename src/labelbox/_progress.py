"""Waiting on long server-side work: polling with backoff, INFO logs, and optional tqdm
progress bars (``show_progress=True``)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

logger = logging.getLogger("labelbox")


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


@contextmanager
def progress_bar(enabled: bool, total: float | None, desc: str) -> Iterator[_Bar]:
    """A tqdm bar when ``enabled`` (tqdm imported only then), else a no-op."""
    if not enabled:
        yield _Bar(None)
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=desc) as bar:
        yield _Bar(bar)


def wait_for(
    done: Callable[[], bool],
    timeout_seconds: float,
    *,
    desc: str,
    show_progress: bool = False,
    percent: Callable[[], float] | None = None,
) -> bool:
    """Polls ``done()`` with exponential backoff (50 ms doubling to 2 s) until it is true
    or ``timeout_seconds`` pass; returns whether it finished. ``percent()`` feeds the
    optional progress bar. The one polling loop of the SDK's long work."""
    deadline = time.monotonic() + timeout_seconds
    delay = 0.05
    with progress_bar(show_progress, total=100 if percent else None, desc=desc) as bar:
        while not done():
            if percent is not None:
                bar.update_to(percent())
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                logger.info("%s: not finished after %.0f s", desc, timeout_seconds)
                return False
            logger.info("%s: waiting %.2f s", desc, min(delay, remaining))
            time.sleep(min(delay, remaining))
            delay = min(delay * 2, 2.0)
        if percent is not None:
            bar.update_to(100)
    return True
