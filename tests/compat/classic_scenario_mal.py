"""Steps of classic_scenario.py: model-assisted labeling (MAL) imports with
``project.upload_annotations`` from objects, a file and URLs, and their validation.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from classic_scenario_datasets import data_rows_from_urls
from classic_scenario_labeling import ontology
from classic_scenario_support import (
    S,
    expect,
    expect_eq,
    raises,
    same,
    step,
)

from labelbox import (
    BulkImportRequest,
)
from labelbox.exceptions import (
    MALValidationError,
)
from labelbox.schema.enums import BulkImportRequestState


def mal_annotations() -> list[dict[str, Any]]:
    """Three annotations on the scenario's rows: a box with a nested radio answer, a radio
    answer and a checklist answer (each with a fresh uuid)."""
    occluded = S.car.classifications[0]
    return [
        {
            "uuid": str(uuid.uuid4()),
            "schemaId": S.car.feature_schema_id,
            "dataRow": {"id": S.rows["url-0"].uid},
            "bbox": {"top": 10, "left": 20, "height": 30, "width": 40},
            "classifications": [
                {
                    "schemaId": occluded.feature_schema_id,
                    "answer": {"schemaId": occluded.options[1].feature_schema_id},
                }
            ],
        },
        {
            "uuid": str(uuid.uuid4()),
            "schemaId": S.weather.feature_schema_id,
            "dataRow": {"id": S.rows["url-1"].uid},
            "answer": {"schemaId": S.weather.options[0].feature_schema_id},
        },
        {
            "uuid": str(uuid.uuid4()),
            "schemaId": S.tags.feature_schema_id,
            "dataRow": {"id": S.rows["url-2"].uid},
            "answers": [{"schemaId": o.feature_schema_id} for o in S.tags.options],
        },
    ]


def check_objects_import(bir: BulkImportRequest, name: str, annotations: list[Any]) -> None:
    """An import of annotation objects: finished, its statuses, errors, inputs and
    relationships; found again by from_name; refresh keeps it FINISHED."""
    expect(isinstance(bir, BulkImportRequest), "upload_annotations returns a BulkImportRequest")
    expect_eq(bir.name, name, "bulk import name")
    expect(isinstance(bir.created_at, datetime), "bulk import created_at is a datetime")
    bir.wait_until_done(sleep_time_seconds=1)
    expect_eq(bir.state, BulkImportRequestState.FINISHED, "state after wait_until_done")
    statuses = bir.statuses
    expect_eq(
        sorted((s["uuid"], s["dataRow"]["id"], s["status"]) for s in statuses),
        sorted((a["uuid"], a["dataRow"]["id"], "SUCCESS") for a in annotations),
        "statuses",
    )
    expect_eq(bir.errors, [], "errors")
    expect_eq(bir.inputs, annotations, "inputs (the uploaded NDJSON)")
    same(bir.project(), S.project, "bulk_import.project()")
    same(bir.created_by(), S.user, "bulk_import.created_by()")
    again = BulkImportRequest.from_name(S.client, project_id=S.project.uid, name=name)
    expect_eq((again.uid, again.state), (bir.uid, BulkImportRequestState.FINISHED), "from_name")
    bir.refresh()
    expect_eq(bir.state, BulkImportRequestState.FINISHED, "state after refresh")


def check_rejected_imports(name: str, annotations: list[Any]) -> None:
    """An unknown schemaId fails client-side validation; an unknown data row (validation
    off) fails on the server, with its error."""
    bad = [{**annotations[0], "uuid": str(uuid.uuid4()), "schemaId": "c" + "1" * 24}]
    raises(MALValidationError, "client-side validation of an unknown schemaId",
           lambda: S.project.upload_annotations(name=name + "-bad", annotations=bad))  # fmt: skip
    norow = [{**annotations[1], "uuid": str(uuid.uuid4()), "dataRow": {"id": "c" + "2" * 24}}]
    failed = S.project.upload_annotations(name=name + "-norow", annotations=norow, validate=False)
    failed.wait_until_done(sleep_time_seconds=1)
    expect_eq([s["status"] for s in failed.statuses], ["FAILURE"], "status of an unknown data row")
    expect_eq([e["uuid"] for e in failed.errors], [norow[0]["uuid"]], "errors of an unknown row")


def check_file_import(name: str, annotations: list[Any]) -> None:
    """An import from a local NDJSON file."""
    path = S.workdir / "annotations.ndjson"
    lines = [{**a, "uuid": str(uuid.uuid4())} for a in annotations[1:]]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    from_file = S.project.upload_annotations(name=name + "-file", annotations=str(path))
    from_file.wait_until_done(sleep_time_seconds=1)
    expect_eq(from_file.state, BulkImportRequestState.FINISHED, "state of the file import")
    expect_eq([s["status"] for s in from_file.statuses], ["SUCCESS", "SUCCESS"], "file statuses")
    expect_eq(from_file.inputs, lines, "inputs of the file import")


def check_url_imports(name: str, annotations: list[Any], bir: BulkImportRequest) -> None:
    """Imports from URLs: an earlier import's input file and an upload_data(sign=True) URL."""
    from_url = S.project.upload_annotations(name=name + "-url", annotations=bir.input_file_url)
    expect_eq(from_url.input_file_url, bir.input_file_url, "input_file_url of a URL import")
    from_url.wait_until_done(sleep_time_seconds=1)
    expect_eq(from_url.state, BulkImportRequestState.FINISHED, "state of the URL import")
    expect_eq([s["status"] for s in from_url.statuses], ["SUCCESS"] * 3, "URL import statuses")

    one_line = [{**annotations[1], "uuid": str(uuid.uuid4())}]
    url = S.client.upload_data(content=json.dumps(one_line[0]).encode(), sign=True)
    signed = S.project.upload_annotations(name=name + "-signed", annotations=url, validate=False)
    expect_eq(signed.inputs, one_line, "inputs of an upload_data(sign=True) URL import")
    signed.wait_until_done(sleep_time_seconds=1)
    expect_eq(
        [(s["uuid"], s["status"]) for s in signed.statuses],
        [(one_line[0]["uuid"], "SUCCESS")],
        "statuses of the signed URL import",
    )


@step(ontology, data_rows_from_urls)
def bulk_import() -> None:
    """enable_model_assisted_labeling; upload_annotations (objects, file), wait_until_done."""
    expect_eq(S.project.enable_model_assisted_labeling(), True, "enable MAL")
    expect_eq(S.project.enable_model_assisted_labeling(False), False, "disable MAL")
    expect_eq(S.project.enable_model_assisted_labeling(True), True, "re-enable MAL")
    annotations = mal_annotations()
    name = f"compat-import-{S.tag}"
    bir = S.project.upload_annotations(name=name, annotations=annotations)
    check_objects_import(bir, name, annotations)
    check_rejected_imports(name, annotations)
    check_file_import(name, annotations)
    check_url_imports(name, annotations, bir)
