"""Typing contract of the typed payloads (``labelbox.schema.annotation_types``): predictions
built as TypedDicts go to ``upload_annotations`` with no cast, data-row items to
``create_data_rows``, typed records come back, ``Client.execute(result_type=)`` returns
the type asked for. Only type-checked, never executed."""
# pyright: strict

from __future__ import annotations

from pathlib import Path
from typing import Any

from typing_extensions import TypedDict, assert_type

from labelbox import BulkImportRequest, Client, DataRow, Task
from labelbox.exceptions import InvalidAttributeError
from labelbox.schema.annotation_types import (
    BoxPrediction,
    ChecklistPrediction,
    DataRowItem,
    EntityPrediction,
    ImportErrorDetail,
    ImportStatus,
    LinePrediction,
    MALPrediction,
    MaskPrediction,
    NestedClassification,
    PointPrediction,
    PolygonPrediction,
    RadioPrediction,
    TaskError,
    TextPrediction,
    TiledImageryItem,
)
from labelbox.schema.bulk_import_request import (
    NDAnnotation,
    NDBase,
    NDRectangle,
    NDTool,
    get_mal_schemas,
)
from labelbox_emulator import Emulator
from labelbox_emulator.webhooks import WebhookDelivery
from labelbox_gen.get_project import GetProject

SCHEMA = "ckappz7d700gn0zbocmqkwd9i"


def tools(client: Client) -> list[MALPrediction]:
    project = client.get_project("<project_id>")
    nested: list[NestedClassification] = [
        {"schemaId": SCHEMA, "answer": {"schemaId": SCHEMA}},
        {"schemaId": SCHEMA, "answers": [{"schemaId": SCHEMA}]},
        {"schemaId": SCHEMA, "answer": "text"},
    ]
    box: BoxPrediction = {
        "uuid": "9fd9a92e-2560-4e77-81d4-b2e955800092",
        "schemaId": SCHEMA,
        "dataRow": {"id": "ck1s02fqxm8fi0757f0e6qtdc"},
        "bbox": {"top": 48, "left": 58, "height": 865.5, "width": 1512},
        "classifications": nested,
    }
    boxes: list[BoxPrediction] = [box]
    assert_type(project.upload_annotations("boxes", boxes), BulkImportRequest)
    assert_type(project.upload_annotations("gen", (b for b in boxes)), BulkImportRequest)
    called = BoxPrediction(
        uuid="u",
        schemaId=SCHEMA,
        dataRow={"id": "r"},
        bbox={"top": 1, "left": 2, "height": 3, "width": 4},
    )
    polygon: PolygonPrediction = {
        "uuid": "u",
        "schemaId": SCHEMA,
        "dataRow": {"id": "r"},
        "polygon": [{"x": 1, "y": 1}, {"x": 2, "y": 1}, {"x": 2, "y": 2}],
    }
    line: LinePrediction = {
        "uuid": "u",
        "schemaId": SCHEMA,
        "dataRow": {"id": "r"},
        "line": [{"x": 1, "y": 1}, {"x": 2, "y": 2}],
    }
    point: PointPrediction = {
        "uuid": "u",
        "schemaId": SCHEMA,
        "dataRow": {"id": "r"},
        "point": {"x": 1, "y": 2},
    }
    entity: EntityPrediction = {
        "uuid": "u",
        "schemaId": SCHEMA,
        "dataRow": {"id": "r"},
        "location": {"start": 0, "end": 4},
    }
    mask: MaskPrediction = {
        "uuid": "u",
        "schemaId": SCHEMA,
        "dataRow": {"id": "r"},
        "mask": {"instanceURI": "https://host/mask.png", "colorRGB": (0, 0, 255)},
    }
    return [called, polygon, line, point, entity, mask]


def classifications() -> list[MALPrediction]:
    radio: RadioPrediction = {
        "uuid": "u",
        "schemaId": SCHEMA,
        "dataRow": {"id": "r"},
        "answer": {"schemaId": SCHEMA},
        "frames": [{"start": 0, "end": 3}],
    }
    checklist: ChecklistPrediction = {
        "uuid": "u",
        "schemaId": SCHEMA,
        "dataRow": {"id": "r"},
        "answers": [{"schemaId": SCHEMA}],
    }
    text: TextPrediction = {"uuid": "u", "schemaId": SCHEMA, "dataRow": {"id": "r"}, "answer": "t"}
    return [radio, checklist, text]


def uploads(client: Client, rows: list[dict[str, Any]]) -> None:
    project = client.get_project("<project_id>")
    mixed: list[MALPrediction] = [*tools(client), *classifications()]
    assert_type(project.upload_annotations("mixed", mixed), BulkImportRequest)
    assert_type(
        BulkImportRequest.create_from_objects(client, project.uid, "n", mixed), BulkImportRequest
    )
    # Plain dicts, paths and URLs, as before.
    assert_type(project.upload_annotations("plain", rows), BulkImportRequest)
    assert_type(project.upload_annotations("file", Path("a.ndjson")), BulkImportRequest)
    assert_type(project.upload_annotations("url", "https://host/a.ndjson"), BulkImportRequest)


def records(client: Client) -> None:
    request = BulkImportRequest.from_name(client, "<project_id>", "boxes")
    assert_type(request.inputs, list[MALPrediction])
    assert_type(request.statuses, list[ImportStatus])
    assert_type(request.errors, list[ImportStatus])
    for status in request.statuses:
        assert_type(status["uuid"], str)
        assert_type(status["dataRow"]["id"], str)
        _status: str = status["status"]
        for error in status["errors"]:
            assert_type(error, ImportErrorDetail)
            assert_type(error["message"], str)
    task = client.get_user().created_tasks().get_one()
    if task is not None:
        assert_type(task, Task)
        assert_type(task.error_records, list[TaskError])
        assert_type(task.error_records[0]["message"], str)


def data_row_items(client: Client, path: Path) -> None:
    dataset = client.get_dataset("<dataset_id>")
    item: DataRowItem = {"row_data": "https://host/a.jpg", "external_id": "a"}
    items: list[DataRowItem] = [item, {"row_data": "https://host/b.jpg"}]
    assert_type(dataset.create_data_rows(items), Task)
    tiled: TiledImageryItem = {
        "tileLayerUrl": "https://host/{z}/{x}/{y}.png",
        "bounds": [[19.4, -99.2], [19.5, -99.1]],
        "minZoom": 12,
        "maxZoom": 20,
        "epsg": "EPSG4326",
    }
    assert_type(
        dataset.create_data_rows(
            [
                {"row_data": "https://host/c.jpg", "external_id": None, "media_attributes": {}},
                {DataRow.row_data: "https://host/d.jpg", DataRow.external_id: "d"},
                tiled,
                "path/to/e.jpg",
                path,
            ]
        ),
        Task,
    )
    assert_type(
        dataset.create_data_rows(
            [{"row_data": f"https://host/{i}.jpg", "external_id": str(i)} for i in range(3)]
        ),
        Task,
    )


class ProjectName(TypedDict):
    project: dict[str, str] | None


def execute(client: Client) -> None:
    query = "query($id: ID!) {project(where: {id: $id}) {name}}"
    assert_type(client.execute(query, {"id": "<project_id>"}), dict[str, Any] | None)
    assert_type(client.execute(query, {"id": "x"}, result_type=ProjectName), ProjectName | None)
    assert_type(client.execute(query, {"id": "x"}, result_type=GetProject), GetProject | None)
    assert_type(client.execute(query, None, 10, result_type=GetProject), GetProject | None)


def nd_classes(client: Client, line: dict[str, Any]) -> None:
    ontology = client.get_project("<project_id>").ontology()
    built = NDAnnotation(**line)
    assert_type(built, NDBase)
    if ontology is not None:
        assert_type(built.validate_instance(get_mal_schemas(ontology)), None)
    assert_type(NDTool.build(line), NDBase)
    box = NDRectangle(**line)
    assert_type(box.bbox.top, float)


def invalid_attribute(error: InvalidAttributeError) -> None:
    assert_type(error.fields, tuple[Any, ...])
    assert_type(error.field, Any)


def emulator(emu: Emulator) -> None:
    deliveries = emu.webhook_deliveries()
    assert_type(deliveries, list[WebhookDelivery])
    for delivery in deliveries:
        assert_type(delivery["status_code"], int | None)
        assert_type(delivery["attempt"], int)
        assert_type(delivery["error"], str | None)
