"""Cases that MUST fail type checking: misspelt keys and wrong values in the typed
payloads (``labelbox.schema.annotation_types``) and typed records.

Each line carries the mypy error code(s) it must raise (``# type: ignore[...]``) and the
pyright rule(s) (``# pyright-expect[...]``); tests/typing/test_typing.py checks both,
exactly."""
# pyright: strict, reportUnnecessaryTypeIgnoreComment=error
# Errors that only follow from an earlier one on the line (an Unknown result) are off:
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false

from __future__ import annotations

from labelbox import BulkImportRequest, Client
from labelbox.schema.annotation_types import (
    BoundingBox,
    BoxPrediction,
    DataRowItem,
    DataRowRef,
    NestedClassification,
    RadioPrediction,
    TextPrediction,
)

S = "ckappz7d700gn0zbocmqkwd9i"


def predictions(client: Client, bb: BoundingBox, row: DataRowRef) -> None:
    _box: BoxPrediction = {"uuid": "u", "schemaId": S, "dataRow": row, "bbx": bb}  # type: ignore[typeddict-item, typeddict-unknown-key]  # pyright-expect[reportAssignmentType]
    _side: BoundingBox = {"top": 1, "lef": 2, "height": 3, "width": 4}  # type: ignore[typeddict-item, typeddict-unknown-key]  # pyright-expect[reportAssignmentType]
    _called = BoxPrediction(uuid="u", schemaId=S, dataRow=row, bbx=bb)  # type: ignore[typeddict-item, typeddict-unknown-key]  # pyright-expect[reportCallIssue]
    _row: BoxPrediction = {"uuid": "u", "schemaId": S, "dataRow": {"uid": "r"}, "bbox": bb}  # type: ignore[typeddict-item, typeddict-unknown-key]  # pyright-expect[reportAssignmentType]
    _text: TextPrediction = {"uuid": "u", "schemaId": S, "dataRow": row, "answer": 3}  # type: ignore[typeddict-item]  # pyright-expect[reportAssignmentType]
    _radio: RadioPrediction = {"uuid": "u", "schemaId": S, "dataRow": row, "answer": {"id": S}}  # type: ignore[typeddict-item, typeddict-unknown-key]  # pyright-expect[reportAssignmentType]
    _nested: NestedClassification = {"schemaId": S, "anwser": "t"}  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    project = client.get_project("<project_id>")
    boxes: list[BoxPrediction] = []
    project.upload_annotations("n", boxes, validate="yes")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.upload_annotations("n", [1, 2])  # type: ignore[list-item]  # pyright-expect[reportArgumentType]


def data_row_items(client: Client) -> None:
    dataset = client.get_dataset("<dataset_id>")
    dataset.create_data_rows([{"row_data": "https://host/a.jpg", "extrenal_id": "a"}])  # type: ignore[dict-item]  # pyright-expect[reportArgumentType]
    dataset.create_data_rows([{"external_id": "a"}])  # type: ignore[dict-item]  # pyright-expect[reportArgumentType]
    dataset.create_data_rows([{"row_data": 3}])  # type: ignore[dict-item]  # pyright-expect[reportArgumentType]
    _item: DataRowItem = {"row_data": "https://host/a.jpg", "extrenal_id": "a"}  # type: ignore[typeddict-unknown-key]  # pyright-expect[reportAssignmentType]


def records(client: Client) -> None:
    request = BulkImportRequest.from_name(client, "<project_id>", "n")
    _ = request.statuses[0]["stauts"]  # type: ignore[typeddict-item]  # pyright-expect[reportGeneralTypeIssues]
    _missing = request.errors[0]["errors"][0]["mesage"]  # type: ignore[typeddict-item]  # pyright-expect[reportGeneralTypeIssues]
    _typed: str = client.execute("query { x }", result_type=str)  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
