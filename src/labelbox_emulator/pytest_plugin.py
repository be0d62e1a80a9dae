"""Pytest fixtures: a session-wide running emulator and a per-test reset."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import Emulator


@pytest.fixture(scope="session")
def labelbox_emulator() -> Iterator[Emulator]:
    """A started :class:`Emulator` shared by the test session (one extra organization).

    Jobs finish before their mutation answers (``transitions="immediate"``), so tests
    need not wait; build your own ``Emulator()`` for jobs that take time like real ones.
    """
    with Emulator(organizations=1, transitions="immediate") as emu:
        yield emu


@pytest.fixture
def labelbox_emulator_reset(labelbox_emulator: Emulator) -> Emulator:
    """The session emulator, wiped and re-seeded before the test (keys stay valid)."""
    labelbox_emulator.reset()
    return labelbox_emulator
