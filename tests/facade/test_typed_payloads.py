"""Typed payloads and records at run time: data-row items, ``Client.execute(result_type=)``,
``Task.error_records``, ``Emulator.webhook_deliveries()`` records, and
``InvalidAttributeError.field`` (the one name, as labelbox 2.6 gave it)."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any, get_type_hints

import pytest
from typing_extensions import TypedDict

from labelbox import Client, DataRow, Dataset, Project, Task, Webhook
from labelbox import exceptions as lbx
from labelbox.schema.annotation_types import DataRowItem, TaskError, TiledImageryItem
from labelbox_emulator import Emulator
from labelbox_emulator.webhooks import WebhookDelivery
from labelbox_gen.get_project import GetProject
from labelbox_gen.operations import GET_PROJECT_GQL

_QUERY = "query($id: ID!) {project(where: {id: $id}) {id name}}"


class _ProjectName(TypedDict):
    id: str
    name: str


class _ProjectResult(TypedDict):
    project: _ProjectName | None


# -- InvalidAttributeError --------------------------------------------------------------------
def test_invalid_attribute_error_field_is_the_one_name() -> None:
    one = lbx.InvalidAttributeError(Project, ["nme"])
    assert one.field == "nme" and one.fields == ("nme",)
    assert str(one) == "Field(s) 'nme' not valid on DB type 'Project'"
    two = lbx.InvalidAttributeError(Project, ["nme", "descr"])
    assert two.field == ["nme", "descr"] and two.fields == ("nme", "descr")
    assert "descr, nme" in str(two)
    field = lbx.InvalidAttributeError(Project, DataRow.row_data)
    assert field.field is DataRow.row_data and field.fields == (DataRow.row_data,)


def test_update_with_a_misspelt_name_names_it(project: Project) -> None:
    with pytest.raises(lbx.InvalidAttributeError) as info:
        project.update(nme="x")  # type: ignore[call-arg]
    assert info.value.field == "nme"


# -- data-row items -----------------------------------------------------------------------------
def test_create_data_rows_typed_items(dataset: Dataset, tmp_file: Path) -> None:
    items: list[DataRowItem] = [
        {"row_data": "https://example.com/a.jpg", "external_id": "a"},
        {"row_data": "https://example.com/b.jpg"},
    ]
    tiled: TiledImageryItem = {
        "tileLayerUrl": "https://tiles.example.com/{z}/{x}/{y}.png",
        "bounds": [[19.4, -99.2], [19.5, -99.1]],
        "minZoom": 12,
        "maxZoom": 20,
        "epsg": "EPSG4326",
    }
    task = dataset.create_data_rows(
        [*items, tiled, {DataRow.row_data: "https://x/c.jpg"}, tmp_file]
    )
    task.wait_till_done()
    assert task.status == "COMPLETE"
    assert len(list(dataset.data_rows())) == 5


def test_create_data_rows_misspelt_key_names_the_field(dataset: Dataset) -> None:
    bad: Any = {"row_data": "https://example.com/a.jpg", "extrenal_id": "a"}
    with pytest.raises(lbx.InvalidAttributeError) as info:
        dataset.create_data_rows([bad])
    assert info.value.field == "extrenal_id"


# -- Client.execute(result_type=) -----------------------------------------------------------
def test_execute_result_type(client: Client, project: Project) -> None:
    untyped = client.execute(_QUERY, {"id": project.uid})
    assert untyped == {"project": {"id": project.uid, "name": project.name}}
    typed = client.execute(_QUERY, {"id": project.uid}, result_type=_ProjectResult)
    assert typed == untyped
    # A generated operation's result model, with its generated document.
    model = client.execute(GET_PROJECT_GQL, {"id": project.uid}, result_type=GetProject)
    assert isinstance(model, GetProject) and model.project is not None
    assert model.project.name == project.name


def test_execute_result_type_mismatch_is_a_labelbox_error(client: Client, project: Project) -> None:
    class Wrong(TypedDict):
        project: list[str]

    with pytest.raises(lbx.LabelboxError, match="does not fit Wrong: project"):
        client.execute(_QUERY, {"id": project.uid}, result_type=Wrong)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="pydantic validates it from 3.12")
def test_execute_result_type_typing_typeddict(client: Client, project: Project) -> None:
    import typing

    class Plain(typing.TypedDict):
        project: dict[str, str] | None

    class Other(typing.TypedDict):
        projects: list[str]

    found = client.execute(_QUERY, {"id": project.uid}, result_type=Plain)
    assert found == {"project": {"id": project.uid, "name": project.name}}
    with pytest.raises(lbx.LabelboxError, match="does not fit Other: missing projects"):
        client.execute(_QUERY, {"id": project.uid}, result_type=Other)


# -- Task.error_records --------------------------------------------------------------------------
def test_task_error_records(dataset: Dataset) -> None:
    task = dataset.create_data_rows([{"row_data": "https://example.com/a.jpg"}])
    task.wait_till_done()
    assert task.errors is None and task.error_records == []
    task.errors = [{"message": "bad row", "line": 3}, "plain"]
    records: list[TaskError] = task.error_records
    assert records == [{"message": "bad row", "line": 3}, {"message": "plain"}]
    task.errors = "https://errors.example.com/task.json"
    assert task.error_records == [{"message": "https://errors.example.com/task.json"}]
    assert isinstance(task, Task)


# -- Emulator.webhook_deliveries ---------------------------------------------------------------
def test_webhook_deliveries_have_the_documented_keys(
    client: Client, emu: Emulator, project: Project, data_rows: list[DataRow]
) -> None:
    Webhook.create(client, [Webhook.Topic.LABEL_CREATED], "http://127.0.0.1:9/", "s", project)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        project.create_label(data_row=data_rows[0], label="x")
    deliveries = emu.webhook_deliveries(wait=True)
    assert deliveries
    keys = set(get_type_hints(WebhookDelivery))
    for delivery in deliveries:
        assert set(delivery) == keys
        assert delivery["topic"] == "LABEL_CREATED" and delivery["attempt"] >= 1
