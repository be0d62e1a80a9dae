"""Fixtures of the facade integration tests: the real ``labelbox`` facade against the
emulator over real HTTP on loopback.

- ``labelbox_emulator`` (session): one started emulator (overrides the repo plugin's
  fixture of the same name; one extra organization, immediate job transitions).
- ``emu`` (function): that emulator, wiped and re-seeded before the test.
- ``client`` (function): a fresh ``labelbox.Client`` for the default organization,
  closed after the test.
- ``polling_emu`` / ``polling_client``: a second emulator whose jobs (tasks, exports,
  imports) finish only on the 3rd read, to exercise the waiting loops.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from labelbox import Client, DataRow, Dataset, LabelingFrontend, Project
from labelbox_emulator import Emulator


@pytest.fixture(scope="session")
def labelbox_emulator() -> Iterator[Emulator]:
    """One emulator for the whole session (one extra organization, jobs finish at once)."""
    with Emulator(organizations=1, transitions="immediate") as emu:
        yield emu


@pytest.fixture
def emu(labelbox_emulator: Emulator) -> Emulator:
    """The session emulator, wiped and re-seeded (API keys stay valid)."""
    labelbox_emulator.reset()
    return labelbox_emulator


@pytest.fixture
def client(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    """A fresh client of the default organization, on a freshly reset emulator."""
    monkeypatch.delenv("LABELBOX_API_KEY", raising=False)
    monkeypatch.delenv("LABELBOX_ENDPOINT", raising=False)
    with Client(api_key=emu.api_key, endpoint=emu.endpoint) as c:
        yield c


@pytest.fixture(scope="session")
def _polling_emulator() -> Iterator[Emulator]:
    with Emulator(transitions="polls:3") as emu:
        yield emu


@pytest.fixture
def polling_emu(_polling_emulator: Emulator) -> Emulator:
    """An emulator whose jobs finish on the 3rd read of their object (reset)."""
    _polling_emulator.reset()
    return _polling_emulator


@pytest.fixture
def polling_client(polling_emu: Emulator) -> Iterator[Client]:
    """A client of ``polling_emu``."""
    with Client(api_key=polling_emu.api_key, endpoint=polling_emu.endpoint) as c:
        yield c


@pytest.fixture
def recording_client(emu: Emulator) -> Iterator[tuple[Client, list[httpx.Request]]]:
    """A client of the (reset) session emulator that records every request it sends."""
    sent: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [sent.append]})
    with Client(api_key=emu.api_key, endpoint=emu.endpoint, http_client=http) as c:
        yield c, sent


# -- data builders ---------------------------------------------------------------------
@pytest.fixture
def project(client: Client) -> Project:
    """A new project."""
    return client.create_project(name="Test project", description="a project")


@pytest.fixture
def dataset(client: Client, project: Project) -> Dataset:
    """A new dataset attached to ``project``."""
    return client.create_dataset(name="Test dataset", description="a dataset", projects=project)


@pytest.fixture
def data_rows(dataset: Dataset) -> list[DataRow]:
    """Three data rows of ``dataset`` (external ids ``row-0`` .. ``row-2``)."""
    return [
        dataset.create_data_row(row_data=f"https://example.com/{i}.jpg", external_id=f"row-{i}")
        for i in range(3)
    ]


@pytest.fixture
def editor(client: Client) -> LabelingFrontend:
    """The seeded "Editor" labeling frontend."""
    frontend = client.get_labeling_frontends(where=LabelingFrontend.name == "Editor").get_one()
    assert frontend is not None
    return frontend


@pytest.fixture
def tmp_file(tmp_path: Path) -> Path:
    """A small local JPEG-named file."""
    path = tmp_path / "image.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return path


def download(url: str) -> bytes:
    """GETs a URL the emulator handed out (no API key), asserting HTTP 200."""
    response = httpx.get(url, timeout=10)
    assert response.status_code == 200, (url, response.status_code, response.text)
    return response.content


def raw_graphql(emu: Emulator, query: str, variables: dict[str, Any] | None = None) -> Any:
    """Runs a raw GraphQL query with the default key (setup the facade cannot do)."""
    response = httpx.post(
        emu.endpoint,
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {emu.api_key}"},
        timeout=10,
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]
