"""What long-running jobs do when they finish: create rows, write exports, import."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..jobs import Job
from ..store import Store, new_id, utc_now
from .annotation_checks import OntologyChecker

if TYPE_CHECKING:
    from ..state import EmulatorState

_ROW_KEYS = frozenset({"data", "rowData", "row_data", "externalId", "mediaAttributes"})


def _descriptor_rows(raw: bytes) -> list[dict[str, Any]]:
    items = json.loads(raw)
    if not isinstance(items, list):
        raise ValueError("The descriptor must be a JSON list of objects.")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise ValueError(f"Descriptor item {i} is not an object.")
        if "tileLayerUrl" in item:
            out.append({"rowData": json.dumps(item), "externalId": item.get("externalId")})
            continue
        unknown = set(item) - _ROW_KEYS - {"attachments"}
        if unknown:
            raise ValueError(f"Descriptor item {i} has invalid fields: {sorted(unknown)}.")
        data = item.get("data", item.get("rowData", item.get("row_data")))
        if not isinstance(data, str):
            raise ValueError(f"Descriptor item {i} has no row data ('data').")
        out.append(
            {
                "rowData": data,
                "externalId": item.get("externalId"),
                "mediaAttributes": item.get("mediaAttributes"),
                "attachments": item.get("attachments") or [],
            }
        )
    return out


def prepare_append_rows(state: EmulatorState, job: Job) -> list[dict[str, Any]] | str:
    """The descriptor's rows, or the message saying why it cannot be read."""
    try:
        return _descriptor_rows(state.files.read(str(job.payload["url"])))
    except Exception as exc:
        return str(exc)


def append_rows(
    state: EmulatorState, job: Job, items: list[dict[str, Any]] | str
) -> dict[str, Any]:
    """Create the data rows of a descriptor; the Task ends COMPLETE or FAILED."""
    store = state.store
    task_id = str(job.payload["task_id"])
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
        task_id,
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


def prepare_export_labels(state: EmulatorState, job: Job) -> bytes:
    """The project's labels in the classic export format (JSON)."""
    store = state.store
    project = store.get("Project", str(job.payload["project_id"]))
    assert project is not None
    labels = store.select(
        "Label", '"Label".project_id = ? AND "Label".deleted = 0', [project["id"]]
    )
    out = []
    for label in labels:
        row = store.get("DataRow", str(label.get("dataRow_id") or "")) or {}
        dataset = store.get("Dataset", str(row.get("dataset_id") or "")) or {}
        user = store.get("User", str(label.get("createdBy_id") or "")) or {}
        reviews = store.select(
            "Review", '"Review".label_id = ? AND "Review".deleted = 0', [label["id"]]
        )
        bench = store.select("Benchmark", '"Benchmark"."referenceLabel_id" = ?', [label["id"]])
        try:
            parsed: Any = json.loads(str(label["label"]))
        except ValueError:
            parsed = label["label"]
        out.append(
            {
                "ID": label["id"],
                "DataRow ID": row.get("id"),
                "Labeled Data": row.get("rowData"),
                "Label": parsed,
                "Created By": user.get("email"),
                "Project Name": project["name"],
                "Created At": label["createdAt"],
                "Updated At": label["updatedAt"],
                "Seconds to Label": label.get("secondsToLabel"),
                "External ID": row.get("externalId"),
                "Agreement": label.get("agreement"),
                "Benchmark Agreement": label.get("benchmarkAgreement"),
                "Benchmark ID": bench[0]["id"] if bench else None,
                "Dataset Name": dataset.get("name"),
                "Reviews": [
                    {
                        "score": r["score"],
                        "id": r["id"],
                        "createdAt": r["createdAt"],
                        "createdBy": (store.get("User", str(r.get("createdBy_id"))) or {}).get(
                            "email"
                        ),
                    }
                    for r in reviews
                ],
                "View Label URL": f"https://editor.labelbox.com?project={project['id']}"
                f"&label={label['id']}",
                "Has Open Issues": 0,
                "Skipped": False,
            }
        )
    return json.dumps(out).encode()


def export_labels(state: EmulatorState, job: Job, data: bytes) -> dict[str, Any]:
    """Store a label export; returns its URL."""
    url = state.files.put_url(str(job.payload["base_url"]), data, "export.json", "application/json")
    return {"url": url, "createdAt": utc_now()}


def prepare_export_queued(state: EmulatorState, job: Job) -> bytes:
    """The project's data rows without labels, as NDJSON."""
    project_id = str(job.payload["project_id"])
    rows = state.store.execute(
        'SELECT d.id, d."externalId", d."rowData" FROM "DataRow" d JOIN project_dataset pd '
        'ON pd."Dataset_id" = d.dataset_id WHERE pd."Project_id" = ? AND d.deleted = 0 AND '
        'NOT EXISTS (SELECT 1 FROM "Label" l WHERE l."dataRow_id" = d.id AND l.project_id = ? '
        "AND l.deleted = 0) ORDER BY d.seq",
        [project_id, project_id],
    )
    text = "".join(
        json.dumps({"id": r[0], "externalId": r[1], "rowData": r[2]}) + "\n" for r in rows
    )
    return text.encode()


def export_queued(state: EmulatorState, job: Job, data: bytes) -> dict[str, Any]:
    """Store an export of queued data rows; returns its URL."""
    url = state.files.put_url(
        str(job.payload["base_url"]), data, "queued.ndjson", "application/x-ndjson"
    )
    return {"url": url, "createdAt": utc_now()}


def prepare_bulk_import(state: EmulatorState, job: Job) -> tuple[bytes, bytes, int] | str:
    """Check each NDJSON annotation: ``(status file, error file, failed lines)``, or the
    message saying why the file cannot be read."""
    store = state.store
    try:
        text = state.files.read(str(job.payload["url"])).decode()
        lines = [json.loads(line) for line in text.splitlines() if line.strip()]
        if not all(isinstance(x, dict) for x in lines):
            raise ValueError("every NDJSON line must be an object")
    except Exception as exc:
        return str(exc)
    project = store.get("Project", str(job.payload["project_id"])) or {}
    ontology = store.get("Ontology", str(project.get("ontology_id") or ""))
    checker = OntologyChecker(ontology.get("normalized")) if ontology else None
    row_ids = [_row_id(line) for line in lines]
    live = _live_rows(store, job.org_id, {r for r in row_ids if r})
    statuses, errors = [], []
    for line, row_id in zip(lines, row_ids, strict=True):
        problems = []
        if row_id not in live:
            problems.append({"name": "DataRowNotFound", "message": f"No data row {row_id!r}."})
        if checker is not None:
            problems += checker.check(line)
        status = {
            "uuid": line.get("uuid"),
            "dataRow": {"id": row_id},
            "status": "FAILURE" if problems else "SUCCESS",
            "errors": problems,
        }
        statuses.append(status)
        if problems:
            errors.append(status)

    def ndjson(items: list[dict[str, Any]]) -> bytes:
        return "".join(json.dumps(i) + "\n" for i in items).encode()

    return ndjson(statuses), ndjson(errors), len(errors)


def bulk_import(
    state: EmulatorState, job: Job, checked: tuple[bytes, bytes, int] | str
) -> dict[str, Any]:
    """Write the status and error files of an import; FINISHED or FAILED."""
    if isinstance(checked, str):
        fail_bulk_import(state, job, checked)
        return {"error": checked}
    statuses, errors, failed = checked
    base = str(job.payload["base_url"])
    status_url = state.files.put_url(base, statuses, "status.ndjson", "application/x-ndjson")
    error_url = state.files.put_url(base, errors, "errors.ndjson", "application/x-ndjson")
    state.store.update(
        "BulkImportRequest",
        job.entity_id,
        {"state": "FINISHED", "statusFileUrl": status_url, "errorFileUrl": error_url},
    )
    return {"lines": statuses.count(b"\n"), "failed": failed}


def fail_bulk_import(state: EmulatorState, job: Job, message: str) -> None:
    """The BulkImportRequest of ``job`` ends FAILED."""
    state.store.update("BulkImportRequest", job.entity_id, {"state": "FAILED"})


def _row_id(line: dict[str, Any]) -> str | None:
    row = line.get("dataRow")
    row_id = row.get("id") if isinstance(row, dict) else None
    return row_id if isinstance(row_id, str) else None


def _live_rows(store: Store, org_id: str, ids: set[str]) -> set[str]:
    """Which of ``ids`` are data rows of the organization, not deleted."""
    found: set[str] = set()
    wanted = sorted(ids)
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        found.update(
            r[0]
            for r in store.execute(
                'SELECT id FROM "DataRow" WHERE org_id = ? AND deleted = 0 AND id IN '
                f"({', '.join('?' for _ in chunk)})",
                [org_id, *chunk],
            )
        )
    return found
