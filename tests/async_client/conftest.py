"""Fixtures of the AsyncClient suite: every ``@pytest.mark.anyio`` test runs under
asyncio and under trio, against the session emulator of the bundled pytest plugin
(``labelbox_emulator``, ``labelbox_organization``, ``labelbox_async_client``) over real
HTTP on loopback.

- ``anyio_backend``: ``"asyncio"`` and ``"trio"`` (each async test runs twice).
- ``org``: a fresh organization of the test's own (the plugin's ``labelbox_organization``).
- ``counting``: an AsyncClient of that organization whose requests are counted (an
  httpx event hook on the caller's own ``httpx.AsyncClient``).
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from labelbox import AsyncClient
from labelbox_emulator.pytest_plugin import EmulatedOrganization


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    """Both event loops AsyncClient supports."""
    backend: str = request.param
    return backend


@pytest.fixture
def org(labelbox_organization: EmulatedOrganization) -> EmulatedOrganization:
    """A fresh organization of this test's own."""
    return labelbox_organization


class Counting:
    """An AsyncClient whose HTTP requests are counted (``sent``) and recorded."""

    def __init__(self, org: EmulatedOrganization, **options: object) -> None:
        self.sent = 0
        self.bodies: list[bytes] = []
        http = httpx.AsyncClient(event_hooks={"request": [self._count]}, timeout=30)
        self.client = AsyncClient(org.api_key, org.endpoint, http_client=http, **options)  # type: ignore[arg-type]
        self.http = http

    async def _count(self, request: httpx.Request) -> None:
        self.sent += 1
        self.bodies.append(bytes(request.content) if request.content else b"")

    async def aclose(self) -> None:
        """Closes the client and the caller-owned httpx client."""
        await self.client.close()
        await self.http.aclose()


@pytest.fixture
def counting(org: EmulatedOrganization) -> Counting:
    """An AsyncClient of ``org`` whose requests are counted; no retries (a refused call
    would not hide behind a retry)."""
    return Counting(org, max_retries=0)


def make_files(directory: Path, count: int, suffix: str = ".txt") -> list[Path]:
    """``count`` small local files ``file-000.txt`` ... with distinct contents."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = directory / f"file-{i:03d}{suffix}"
        path.write_text(f"content of file {i}\n")
        paths.append(path)
    return paths
