"""Progress on long operations: waiting on an annotation import, downloading an export
to a file, counting a long iteration; tqdm stays unimported until a bar is shown."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest
import respx

import labelbox.exceptions as lbx
from labelbox import Client, DataRow, Project
from labelbox._download import download_to_file
from labelbox.schema.enums import BulkImportRequestState

from .conftest import download


def test_import_labelbox_does_not_import_tqdm() -> None:
    code = "import sys, labelbox; print('tqdm' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


# -- BulkImportRequest.wait_until_done -------------------------------------------------
def test_wait_until_done_shows_elapsed_time_and_state(
    polling_client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    project = polling_client.create_project(name="slow import")
    dataset = polling_client.create_dataset(name="ds", projects=project)
    row = dataset.create_data_row(row_data="https://x/1.jpg")
    line = {"uuid": str(uuid.uuid4()), "dataRow": {"id": row.uid}, "schemaId": "s", "point": {}}
    request = project.upload_annotations("slow", [line], validate=False)
    assert request.state == BulkImportRequestState.RUNNING
    request.wait_until_done(sleep_time_seconds=0.01, show_progress=True)
    assert request.state == BulkImportRequestState.FINISHED
    err = capsys.readouterr().err
    assert "Import slow" in err and "RUNNING" in err and "FINISHED" in err


def test_wait_until_done_without_progress_prints_nothing(
    polling_client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    project = polling_client.create_project(name="quiet import")
    dataset = polling_client.create_dataset(name="ds", projects=project)
    row = dataset.create_data_row(row_data="https://x/1.jpg")
    line = {"uuid": str(uuid.uuid4()), "dataRow": {"id": row.uid}, "schemaId": "s", "point": {}}
    request = project.upload_annotations("quiet", [line], validate=False)
    request.wait_until_done(sleep_time_seconds=0.01)
    assert request.state == BulkImportRequestState.FINISHED
    assert capsys.readouterr().err == ""


# -- export downloads ------------------------------------------------------------------
def test_export_labels_downloads_to_a_file(
    project: Project, data_rows: list[DataRow], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project.create_label(data_row=data_rows[0], label='{"objects": [1]}', seconds_to_label=3)
    target = tmp_path / "labels.json"
    url = project.export_labels(download=target, show_progress=True)
    assert url is not None
    assert target.read_bytes() == download(url)
    [row] = json.loads(target.read_text())
    assert row["DataRow ID"] == data_rows[0].uid
    assert "Labels of Test project" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["labels.json"]  # no temporary file left


def test_export_labels_not_ready_downloads_nothing(polling_client: Client, tmp_path: Path) -> None:
    project = polling_client.create_project(name="slow export")
    target = tmp_path / "labels.json"
    assert project.export_labels(timeout_seconds=0, download=str(target)) is None
    assert not target.exists()
    assert project.export_labels(timeout_seconds=10, download=str(target)) is not None
    assert json.loads(target.read_text()) == []


def test_export_issues_downloads_to_a_file(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "issues.json"
    url = project.export_issues(download=target)
    assert url is not None
    assert target.read_bytes() == download(url)


@pytest.fixture
def offline_client() -> Client:
    """A client whose retries do not wait (downloads are mocked with respx)."""
    return Client(api_key="k", endpoint="http://127.0.0.1:9/graphql", backoff_base=0)


@respx.mock
def test_download_retries_and_replaces_a_partial_attempt(
    offline_client: Client, tmp_path: Path
) -> None:
    url = "https://files.example.com/export.json?signature=secret"
    respx.get(url).mock(
        side_effect=[httpx.Response(503, text="busy"), httpx.Response(200, content=b"[1, 2]")]
    )
    target = download_to_file(offline_client._transport, url, tmp_path / "out.json")
    assert target.read_bytes() == b"[1, 2]"


@respx.mock
def test_download_decodes_gzip(offline_client: Client, tmp_path: Path) -> None:
    url = "https://files.example.com/export.json"
    body = gzip.compress(b'{"a": 1}')
    respx.get(url).mock(
        return_value=httpx.Response(200, content=body, headers={"Content-Encoding": "gzip"})
    )
    target = download_to_file(offline_client._transport, url, tmp_path / "out.json")
    assert json.loads(target.read_text()) == {"a": 1}


@respx.mock
def test_failed_download_leaves_no_file_and_no_secret(
    offline_client: Client, tmp_path: Path
) -> None:
    url = "https://files.example.com/export.json?signature=secret"
    respx.get(url).mock(return_value=httpx.Response(403, text="expired"))
    target = tmp_path / "out.json"
    target.write_text("previous")
    with pytest.raises(lbx.LabelboxError) as caught:
        download_to_file(offline_client._transport, url, target)
    assert caught.value.status == 403
    assert "secret" not in str(caught.value)
    assert target.read_text() == "previous"  # untouched
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@respx.mock
def test_download_gives_up_after_the_retries(offline_client: Client, tmp_path: Path) -> None:
    url = "https://files.example.com/export.json"
    route = respx.get(url).mock(return_value=httpx.Response(502, text="bad gateway"))
    with pytest.raises(lbx.LabelboxError) as caught:
        download_to_file(offline_client._transport, url, tmp_path / "out.json")
    assert route.call_count == 3  # the first attempt and max_retries=2
    assert caught.value.retries == 2
    assert list(tmp_path.iterdir()) == []


# -- PaginatedCollection.with_progress -------------------------------------------------
def test_with_progress_counts_every_object_across_pages(
    client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    dataset = client.create_dataset(name="many")
    task = dataset.create_data_rows([{"row_data": f"https://x/{i}.jpg"} for i in range(150)])
    task.wait_till_done()
    rows = list(dataset.data_rows().with_progress(desc="Data rows"))
    assert len({row.uid for row in rows}) == 150
    err = capsys.readouterr().err
    assert "Data rows" in err and "150" in err
    projects = client.get_projects().with_progress(desc="Projects", total=0)
    assert list(projects) == []
    assert "Projects" in capsys.readouterr().err
