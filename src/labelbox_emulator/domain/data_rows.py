"""Data rows: uploads, attachments, deletion and the job importing rows from a JSON
descriptor (a Task that ends COMPLETE or FAILED)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..errors import BadUserInputError
from ..jobs import Job
from ..store import Row, new_id, utc_now
from .context import Ctx, UploadValue
from .records import create_entity, require, update_entity

if TYPE_CHECKING:
    from ..state import EmulatorState

_ROW_KEYS = frozenset({"data", "rowData", "row_data", "externalId", "mediaAttributes"})


def upload_file(ctx: Ctx, file: object) -> dict[str, str]:
    """Store an uploaded file; its signed URL and name."""
    if not isinstance(file, UploadValue):
        raise BadUserInputError("file must be a file part of a multipart request.")
    url = ctx.state.files.put_url(ctx.base_url, file.data, file.filename, file.content_type)
    return {"url": url, "filename": file.filename}


def delete_data_rows(ctx: Ctx, data_row_ids: list[str]) -> list[Row]:
    """Soft-delete data rows by id (all of them visible, or none is deleted)."""
    rows = [require(ctx, "DataRow", str(i)) for i in data_row_ids]
    return [update_entity(ctx, "DataRow", str(r["id"]), {"deleted": True}) for r in rows]


def attach(ctx: Ctx, data_row_id: str, kind: str, value: str) -> str:
    """Attach an asset to a data row, listed both as an attachment and as metadata
    (one id for both); returns the id."""
    store = ctx.state.store
    row = require(ctx, "DataRow", data_row_id)
    object_id = new_id()
    common = {"id": object_id, "org_id": ctx.org_id, "dataRow_id": row["id"]}
    with store.transaction():
        store.insert("AssetAttachment", {**common, "type": kind, "value": value})
        store.insert("AssetMetadata", {**common, "metaType": kind, "metaValue": value})
    return object_id


def append_rows(ctx: Ctx, dataset_id: str, descriptor_url: str) -> Row:
    """Start a Task creating data rows of a dataset from a JSON descriptor URL."""
    dataset = require(ctx, "Dataset", dataset_id)
    task = create_entity(
        ctx,
        "Task",
        {},
        {"name": "appendRowsToDataset", "status": "IN_PROGRESS", "completionPercentage": 0.0},
    )
    ctx.state.jobs.submit(
        "append_rows",
        str(task["id"]),
        ctx.org_id,
        ctx.user_id,
        {"dataset_id": dataset["id"], "url": descriptor_url, "task_id": task["id"]},
        items=_descriptor_size(ctx, descriptor_url),
    )
    return task


def _descriptor_size(ctx: Ctx, url: str) -> int:
    """How many rows a descriptor we store holds (0 if it is elsewhere or invalid)."""
    stored = ctx.state.files.resolve_url(url)
    if stored is None:
        return 0
    try:
        items = json.loads(stored.data)
    except ValueError:
        return 0
    return len(items) if isinstance(items, list) else 0


# ------------------------------------------------------------------ the job
def _descriptor_row(i: int, item: object) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise ValueError(f"Descriptor item {i} is not an object.")
    if "tileLayerUrl" in item:
        return {"rowData": json.dumps(item), "externalId": item.get("externalId")}
    unknown = set(item) - _ROW_KEYS - {"attachments"}
    if unknown:
        raise ValueError(f"Descriptor item {i} has invalid fields: {sorted(unknown)}.")
    data = item.get("data", item.get("rowData", item.get("row_data")))
    if not isinstance(data, str):
        raise ValueError(f"Descriptor item {i} has no row data ('data').")
    return {
        "rowData": data,
        "externalId": item.get("externalId"),
        "mediaAttributes": item.get("mediaAttributes"),
        "attachments": item.get("attachments") or [],
    }


def descriptor_rows(raw: bytes) -> list[dict[str, Any]]:
    """The rows a JSON descriptor lists (ValueError saying what is wrong with it)."""
    items = json.loads(raw)
    if not isinstance(items, list):
        raise ValueError("The descriptor must be a JSON list of objects.")
    return [_descriptor_row(i, item) for i, item in enumerate(items)]


def prepare_append_rows(state: EmulatorState, job: Job) -> list[dict[str, Any]] | str:
    """The descriptor's rows, or the message saying why it cannot be read."""
    try:
        return descriptor_rows(state.files.read(str(job.payload["url"])))
    except Exception as exc:
        return str(exc)


def finish_append_rows(
    state: EmulatorState, job: Job, items: list[dict[str, Any]] | str
) -> dict[str, Any]:
    """Create the data rows of a descriptor; the Task ends COMPLETE or FAILED."""
    store = state.store
    if isinstance(items, str):
        fail_task(state, job, items)
        return {"error": items}
    now = utc_now()
    rows, attachments = [], []
    for item in items:
        row_id = new_id()
        rows.append(
            {
                "id": row_id,
                "org_id": job.org_id,
                "rowData": item["rowData"],
                "externalId": item.get("externalId"),
                "mediaAttributes": item.get("mediaAttributes"),
                "dataset_id": job.payload["dataset_id"],
                "createdBy_id": job.user_id,
                "createdAt": now,
                "updatedAt": now,
            }
        )
        for att in item.get("attachments") or []:
            attachments.append((row_id, str(att.get("type")), str(att.get("value"))))
    store.insert_many("DataRow", rows)
    for row_id, kind, value in attachments:
        common = {"id": new_id(), "org_id": job.org_id, "dataRow_id": row_id}
        store.insert("AssetAttachment", {**common, "type": kind, "value": value})
        store.insert("AssetMetadata", {**common, "metaType": kind, "metaValue": value})
    store.update(
        "Task",
        str(job.payload["task_id"]),
        {"status": "COMPLETE", "completionPercentage": 100.0, "updatedAt": utc_now()},
    )
    return {"created": len(rows)}


def fail_task(state: EmulatorState, job: Job, message: str) -> None:
    """The Task of ``job`` ends FAILED with ``message``."""
    state.store.update(
        "Task",
        str(job.payload["task_id"]),
        {"status": "FAILED", "errors": [{"message": message}], "updatedAt": utc_now()},
    )
