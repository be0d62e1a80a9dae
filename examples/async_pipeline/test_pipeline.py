"""Tests of the example pipeline, as a user writes them for their own async code: the
``labelbox_async_client`` fixture of the bundled pytest plugin (an AsyncClient of an
emulated organization of the test's own) and ``@pytest.mark.anyio`` (here under asyncio
and trio). Run with ``pytest examples/async_pipeline``."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from pipeline import ingest, upload_all

from labelbox import AsyncClient

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    backend: str = request.param
    return backend


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    images = tmp_path / "images"
    images.mkdir()
    for i in range(12):
        (images / f"img-{i:02d}.jpg").write_bytes(b"\xff\xd8\xff" + bytes([i]))
    return images


async def test_ingest_uploads_every_file_once(
    labelbox_async_client: AsyncClient, folder: Path
) -> None:
    async with labelbox_async_client as client:
        report = await ingest(client, folder, "photos", concurrency=4, batch=5)
        assert (report.uploaded, report.skipped) == (12, 0)
        assert 1 <= report.most_in_flight <= 4
        dataset = await client.get_dataset(report.dataset_id)
        names = sorted([str(row.external_id) async for row in dataset.data_rows()])
        assert names == [f"img-{i:02d}.jpg" for i in range(12)]
        (folder / "img-12.jpg").write_bytes(b"\xff\xd8\xff\x0c")
        again = await ingest(client, folder, "photos", concurrency=4)
        assert (again.dataset_id, again.uploaded, again.skipped) == (report.dataset_id, 1, 12)


async def test_upload_all_keeps_the_order(labelbox_async_client: AsyncClient, folder: Path) -> None:
    paths = sorted(folder.iterdir())
    async with labelbox_async_client as client:
        urls, most = await upload_all(client, paths, concurrency=3)
    assert len(set(urls)) == len(paths) and most <= 3
    async with httpx.AsyncClient(timeout=10) as http:
        for url, path in zip(urls, paths, strict=True):
            assert (await http.get(url)).content == path.read_bytes()


async def test_concurrency_must_be_positive(
    labelbox_async_client: AsyncClient, folder: Path
) -> None:
    with pytest.raises(ValueError, match="concurrency"):
        await upload_all(labelbox_async_client, sorted(folder.iterdir()), concurrency=0)
