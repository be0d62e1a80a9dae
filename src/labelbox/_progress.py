"""Optional tqdm progress bars for long work (``show_progress=True``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


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
