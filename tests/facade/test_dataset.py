"""Dataset and DataRow workflows: creating data rows one by one and in bulk (URLs,
dicts, local files), external ids and asset metadata."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from labelbox import AssetMetadata, Client, DataRow, Dataset, Task
from labelbox import exceptions as lbx
from labelbox_emulator import Emulator

from .conftest import download


# -- create_data_row ---------------------------------------------------------------------
def test_create_data_row_from_url(dataset: Dataset) -> None:
    row = dataset.create_data_row(row_data="http://my_site.com/photos/img_01.jpg")
    assert isinstance(row, DataRow)
    assert row.row_data == "http://my_site.com/photos/img_01.jpg"
    assert row.external_id is None
    assert row.dataset() == dataset
    assert [r.uid for r in dataset.data_rows()] == [row.uid]


def test_create_data_row_with_external_id_and_field_keys(client: Client, dataset: Dataset) -> None:
    row = dataset.create_data_row(row_data="https://x/1.jpg", external_id="ext-1")
    assert row.external_id == "ext-1"
    by_field = client._create(
        DataRow, {DataRow.row_data: "https://x/2.jpg", DataRow.dataset: dataset}
    )
    assert isinstance(by_field, DataRow) and by_field.dataset() == dataset


def test_create_data_row_from_local_file(dataset: Dataset, tmp_file: Path) -> None:
    for row_data in (str(tmp_file), tmp_file):
        row = dataset.create_data_row(row_data=row_data)
        assert row.row_data.startswith("http://127.0.0.1:")
        assert download(row.row_data) == tmp_file.read_bytes()


def test_create_data_row_without_row_data(dataset: Dataset) -> None:
    with pytest.raises(lbx.InvalidQueryError):
        dataset.create_data_row(external_id="no data")
    assert list(dataset.data_rows()) == []


def test_create_data_row_unknown_field(dataset: Dataset) -> None:
    with pytest.raises(lbx.InvalidAttributeError) as info:
        dataset.create_data_row(row_data="https://x/1.jpg", colour="red")
    assert "colour" in str(info.value)
    assert list(dataset.data_rows()) == []


def test_create_data_row_in_deleted_dataset(client: Client) -> None:
    dataset = client.create_dataset(name="gone")
    dataset.delete()
    with pytest.raises(lbx.LabelboxError):
        dataset.create_data_row(row_data="https://x/1.jpg")


# -- create_data_rows --------------------------------------------------------------------
def test_create_data_rows_urls_dicts_and_files(dataset: Dataset, tmp_path: Path) -> None:
    files = []
    for i in range(3):
        path = tmp_path / f"file{i}.jpg"
        path.write_bytes(f"image {i}".encode())
        files.append(path)
    task = dataset.create_data_rows(
        [
            {DataRow.row_data: "http://my_site.com/photos/img_01.jpg"},
            {"row_data": "https://x/by-name.jpg", "external_id": "by-name"},
            {DataRow.row_data: "https://x/by-field.jpg", DataRow.external_id: "by-field"},
            str(files[0]),
            files[1],
            str(files[2]),
        ]
    )
    assert isinstance(task, Task)
    task.wait_till_done(timeout_seconds=10)
    assert task.status == "COMPLETE"
    rows = list(dataset.data_rows())
    assert len(rows) == 6
    by_ext = {r.external_id: r for r in rows}
    assert by_ext["by-name"].row_data == "https://x/by-name.jpg"
    assert by_ext["by-field"].row_data == "https://x/by-field.jpg"
    uploaded = {download(r.row_data) for r in rows if r.row_data.startswith("http://127.0.0.1")}
    assert uploaded == {b"image 0", b"image 1", b"image 2"}
    # local files keep their path as external id, like the classic client
    assert str(files[0]) in by_ext


def test_create_data_rows_many(dataset: Dataset) -> None:
    task = dataset.create_data_rows(
        [{"row_data": f"https://x/{i}.jpg", "external_id": f"e{i}"} for i in range(250)]
    )
    task.wait_till_done()
    assert task.status == "COMPLETE" and task.completion_percentage == 100.0
    assert len(list(dataset.data_rows())) == 250


def test_create_data_rows_generator_and_empty(dataset: Dataset) -> None:
    task = dataset.create_data_rows({"row_data": f"https://x/{i}.jpg"} for i in range(3))
    task.wait_till_done()
    assert len(list(dataset.data_rows())) == 3


@pytest.mark.parametrize(
    "items",
    [
        [{"row_data": "https://x/1.jpg", "colour": "red"}],
        [{"row_data": "https://x/1.jpg"}, {"rowdata": "https://x/2.jpg"}],
        [{DataRow.row_data: "https://x/1.jpg", "uid": "custom"}],
        [{DataRow.row_data: "https://x/1.jpg", Dataset.name: "x"}],
    ],
)
def test_create_data_rows_unknown_key(dataset: Dataset, items: list[dict[object, str]]) -> None:
    with pytest.raises(lbx.InvalidAttributeError):
        dataset.create_data_rows(items)
    assert list(dataset.data_rows()) == []


@pytest.mark.parametrize(
    "items",
    [
        [{"external_id": "no row data"}],
        [{"row_data": "https://x/1.jpg"}, {}],
        [42],
        ["/no/such/file.jpg"],
    ],
)
def test_create_data_rows_malformed_item(dataset: Dataset, items: list[object]) -> None:
    with pytest.raises(lbx.InvalidQueryError):
        dataset.create_data_rows(items)  # type: ignore[arg-type]
    assert list(dataset.data_rows()) == []


def test_create_data_rows_task_polls_until_done(polling_client: Client) -> None:
    dataset = polling_client.create_dataset(name="slow")
    task = dataset.create_data_rows([{"row_data": "https://x/1.jpg"}])
    assert task.status == "IN_PROGRESS"
    task.refresh()
    assert task.status == "IN_PROGRESS"
    task.wait_till_done(timeout_seconds=10)
    assert task.status == "COMPLETE"
    assert len(list(dataset.data_rows())) == 1


def test_task_wait_till_done_times_out(polling_emu: Emulator) -> None:
    with Client(api_key=polling_emu.api_key, endpoint=polling_emu.endpoint) as client:
        dataset = client.create_dataset(name="slow")
        task = dataset.create_data_rows([{"row_data": "https://x/1.jpg"}])
        task.wait_till_done(timeout_seconds=0)  # returns without waiting
        assert task.status == "IN_PROGRESS"
        task.wait_till_done(timeout_seconds=10)
        assert task.status == "COMPLETE"


class _Rewrite(httpx.HTTPTransport):
    """Real HTTP to the emulator; the ``data`` of one operation's answer is rewritten
    (faults the emulator cannot produce: a refused import, a vanished task)."""

    def __init__(self, operation: str, rewrite: Callable[[dict[str, Any]], dict[str, Any]]):
        super().__init__()
        self.operation, self.rewrite = operation, rewrite

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        is_json = request.headers.get("content-type", "").startswith("application/json")
        if not is_json or json.loads(request.content).get("operationName") != self.operation:
            return response
        response.read()
        body = response.json()
        body["data"] = self.rewrite(body["data"])
        return httpx.Response(response.status_code, json=body)


@pytest.mark.parametrize(
    ("operation", "rewrite", "error"),
    [
        (
            "AppendRowsToDataset",
            lambda data: {
                "appendRowsToDataset": {**data["appendRowsToDataset"], "accepted": False}
            },
            lbx.InvalidQueryError,
        ),
        # Tasks are read through the user's createdTasks, as on the real API.
        (
            "UserCreatedTasks",
            lambda data: {"user": {**data["user"], "createdTasks": []}},
            lbx.ResourceNotFoundError,
        ),
    ],
)
def test_create_data_rows_server_side_failures(
    emu: Emulator,
    operation: str,
    rewrite: Callable[[dict[str, Any]], dict[str, Any]],
    error: type[Exception],
) -> None:
    http = httpx.Client(transport=_Rewrite(operation, rewrite))
    with Client(api_key=emu.api_key, endpoint=emu.endpoint, http_client=http) as client:
        dataset = client.create_dataset(name="d")
        with pytest.raises(error):
            dataset.create_data_rows([{"row_data": "https://x/1.jpg"}])


# -- external ids ------------------------------------------------------------------------
def test_data_row_for_external_id(dataset: Dataset, data_rows: list[DataRow]) -> None:
    found = dataset.data_row_for_external_id("row-1")
    assert isinstance(found, DataRow) and found == data_rows[1]
    with pytest.raises(lbx.ResourceNotFoundError):
        dataset.data_row_for_external_id("missing")


def test_data_row_for_duplicated_external_id(
    dataset: Dataset, caplog: pytest.LogCaptureFixture
) -> None:
    first = dataset.create_data_row(row_data="https://x/1.jpg", external_id="dup")
    dataset.create_data_row(row_data="https://x/2.jpg", external_id="dup")
    with caplog.at_level(logging.WARNING, logger="labelbox"):
        found = dataset.data_row_for_external_id("dup")
    assert found.external_id == "dup"
    assert found == first
    assert "dup" in caplog.text


def test_data_rows_for_external_id_with_limit(dataset: Dataset) -> None:
    task = dataset.create_data_rows(
        [{"row_data": f"https://x/{i}.jpg", "external_id": "same"} for i in range(15)]
        + [{"row_data": "https://x/other.jpg", "external_id": "other"}]
    )
    task.wait_till_done()
    default = dataset.data_rows_for_external_id("same")
    assert len(default) == 10 and all(r.external_id == "same" for r in default)
    assert len(dataset.data_rows_for_external_id("same", limit=3)) == 3
    assert len(dataset.data_rows_for_external_id("same", limit=100)) == 15
    assert [r.external_id for r in dataset.data_rows_for_external_id("other")] == ["other"]
    with pytest.raises(lbx.ResourceNotFoundError):
        dataset.data_rows_for_external_id("missing")
    with pytest.raises(TypeError):
        dataset.data_rows_for_external_id(7)  # type: ignore[arg-type]


def test_external_id_lookup_is_per_dataset(client: Client, dataset: Dataset) -> None:
    other = client.create_dataset(name="other")
    other.create_data_row(row_data="https://x/1.jpg", external_id="elsewhere")
    with pytest.raises(lbx.ResourceNotFoundError):
        dataset.data_row_for_external_id("elsewhere")


# -- asset metadata ----------------------------------------------------------------------
@pytest.mark.parametrize("meta_type", ["VIDEO", "IMAGE", "TEXT", "IMAGE_OVERLAY"])
def test_create_metadata(data_rows: list[DataRow], meta_type: str) -> None:
    row = data_rows[0]
    metadata = row.create_metadata(meta_type, "https://x/context")
    assert isinstance(metadata, AssetMetadata)
    assert metadata.meta_type == meta_type
    assert metadata.meta_value == "https://x/context"
    [listed] = list(row.metadata())
    assert isinstance(listed, AssetMetadata)
    assert (listed.uid, listed.meta_type, listed.meta_value) == (
        metadata.uid,
        meta_type,
        "https://x/context",
    )


def test_create_metadata_with_enum_and_several(data_rows: list[DataRow]) -> None:
    row = data_rows[0]
    row.create_metadata(AssetMetadata.MetaType.TEXT, "one")  # type: ignore[arg-type]
    row.create_metadata(AssetMetadata.IMAGE, "https://x/two.jpg")
    assert sorted(m.meta_value for m in row.metadata()) == ["https://x/two.jpg", "one"]
    assert list(data_rows[1].metadata()) == []


@pytest.mark.parametrize("meta_type", ["AUDIO", "text", "", None])
def test_create_metadata_unknown_type(data_rows: list[DataRow], meta_type: str | None) -> None:
    with pytest.raises(ValueError):
        data_rows[0].create_metadata(meta_type, "x")  # type: ignore[arg-type]
    assert list(data_rows[0].metadata()) == []
