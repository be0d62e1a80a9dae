"""The core of the fault workload (tests/faults/workload.py) through AsyncClient: create
projects, datasets and data rows (from local files) under injected faults (dropped
answers, 5xx, timeouts, before and after the write applied) and end with every object
exactly once: 0 lost, 0 duplicated, 0 phantom (a write reported failed although it
applied). Writes follow the workload's careful user: on WriteOutcomeUnknownError look
whether the write applied (through a client the faults bypass) and repeat it only if
not. Under asyncio and trio."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from labelbox import AsyncClient, AsyncDataset, AsyncProject
from labelbox import exceptions as lbx
from labelbox_emulator import Emulator
from labelbox_emulator.faults import BYPASS_HEADER

from .conftest import make_files

pytestmark = pytest.mark.anyio
SPEC = "all=0.2,delay=0.05,retry-after=0"
N_PROJECTS = 8
N_FILES = 60


@pytest.fixture(scope="module")
def _fault_emulator() -> Iterator[Emulator]:
    with Emulator(faults="") as emu:
        yield emu


@pytest.fixture
def femu(_fault_emulator: Emulator) -> Iterator[Emulator]:
    _fault_emulator.faults.configure("")
    _fault_emulator.reset()
    _fault_emulator.faults.reset_stats()
    yield _fault_emulator
    _fault_emulator.faults.configure("")


@dataclass
class Tally:
    writes: int = 0
    unknown: int = 0
    phantom: list[str] = field(default_factory=list)


async def write(
    tally: Tally,
    what: str,
    action: Callable[[], Awaitable[object]],
    applied: Callable[[], Awaitable[bool]],
) -> None:
    """Runs ``action`` until ``applied()``; never repeats a write that applied."""
    tally.writes += 1
    for _ in range(60):
        if await applied():
            return
        try:
            await action()
            assert await applied(), f"{what}: returned, but its effect is missing"
            return
        except lbx.WriteOutcomeUnknownError:
            tally.unknown += 1
        except lbx.LabelboxError as exc:
            if await applied():
                tally.phantom.append(f"{what}: {type(exc).__name__}: {exc}")
                return
    raise AssertionError(f"{what}: never applied after 60 attempts")


async def _names(collection: object) -> list[str]:
    return [item.name async for item in collection]  # type: ignore[attr-defined]


async def _workload(
    client: AsyncClient, check: AsyncClient, files: list[Path], tally: Tally
) -> str:
    for i in range(N_PROJECTS):
        name = f"proj-{i}"
        await write(
            tally,
            f"create {name}",
            lambda name=name: client.create_project(name=name, description="faults"),
            lambda name=name: _exists(check.get_projects(where=AsyncProject.name == name)),
        )
    projects = [p async for p in client.get_projects(order_by=AsyncProject.name.asc)]
    await write(
        tally,
        "create ds",
        lambda: client.create_dataset(name="ds", projects=projects[:2]),
        lambda: _exists(check.get_datasets(where=AsyncDataset.name == "ds")),
    )
    dataset = await client.get_datasets(where=AsyncDataset.name == "ds").get_one()
    assert dataset is not None

    async def row_ids() -> set[str]:
        return {
            str(r.external_id) async for r in (await check.get_dataset(dataset.uid)).data_rows()
        }

    async def push_missing() -> None:
        present = await row_ids()
        task = await dataset.create_data_rows([p for p in files if str(p) not in present])
        await task.wait_till_done(timeout_seconds=60)

    async def all_there() -> bool:
        return await row_ids() >= {str(p) for p in files}

    await write(tally, "create_data_rows", push_missing, all_there)
    return dataset.uid


async def _exists(collection: object) -> bool:
    return bool(await _names(collection))


async def test_creations_under_20_percent_faults(femu: Emulator, tmp_path: Path) -> None:
    files = make_files(tmp_path / "rows", N_FILES)
    femu.faults.configure(SPEC, seed=3)
    femu.faults.reset_stats()
    tally = Tally()
    client = AsyncClient(
        api_key=femu.api_key,
        endpoint=femu.endpoint,
        max_retries=10,
        backoff_base=0.002,
        backoff_cap=0.05,
        timeout=10,
    )
    http = httpx.AsyncClient(headers={BYPASS_HEADER: "off"}, timeout=30)
    check = AsyncClient(
        api_key=femu.api_key, endpoint=femu.endpoint, http_client=http, max_retries=0
    )
    async with client, check:
        dataset_uid = await _workload(client, check, files, tally)
        stats = femu.faults.stats()
        femu.faults.configure("")
        projects = await _names(check.get_projects())
        datasets = await _names(check.get_datasets())
        rows = [
            str(r.external_id) async for r in (await check.get_dataset(dataset_uid)).data_rows()
        ]
        linked = await _names((await check.get_dataset(dataset_uid)).projects())
    await http.aclose()
    assert stats["injected"] > 0.1 * (stats["requests"] - stats["bypassed"]), stats
    assert sorted(projects) == [f"proj-{i}" for i in range(N_PROJECTS)]  # none lost or doubled
    assert datasets == ["ds"]
    assert sorted(rows) == sorted(str(p) for p in files)  # every row exactly once
    assert sorted(linked) == ["proj-0", "proj-1"]
    assert tally.phantom == [], tally.phantom
    assert tally.writes == N_PROJECTS + 2
