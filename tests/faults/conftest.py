"""Fixtures of the fault suite: an emulator with the fault-injection layer over real
HTTP, clients that retry fast, and a checking client whose requests bypass the faults."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from labelbox import Client
from labelbox_emulator import Emulator


@pytest.fixture(scope="session")
def _fault_emulator() -> Iterator[Emulator]:
    with Emulator(faults="", organizations=1) as emu:
        yield emu


@pytest.fixture
def femu(_fault_emulator: Emulator) -> Iterator[Emulator]:
    """The session's fault-injecting emulator: wiped, faults off, statistics reset."""
    _fault_emulator.faults.configure("")
    _fault_emulator.reset()
    _fault_emulator.faults.reset_stats()
    yield _fault_emulator
    _fault_emulator.faults.configure("")


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    """Every async test of the suite (``@pytest.mark.anyio``) runs under asyncio and
    under trio."""
    backend: str = request.param
    return backend


def fast_client(emu: Emulator, **options: Any) -> Client:
    """A client of ``emu`` whose retries wait milliseconds, not seconds."""
    options.setdefault("backoff_base", 0.002)
    options.setdefault("backoff_cap", 0.02)
    return Client(api_key=emu.api_key, endpoint=emu.endpoint, **options)


def checking_client(emu: Emulator) -> Client:
    """A client whose requests the fault layer lets through untouched."""
    http = httpx.Client(headers={"X-Emulator-Faults": "off"}, timeout=30)
    return Client(api_key=emu.api_key, endpoint=emu.endpoint, http_client=http, max_retries=0)
