"""Exports (labels, queued data rows) and annotation imports, and the jobs doing them."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..errors import ApiError, BadUserInputError
from ..jobs import Job
from ..store import Row, Store, queries, utc_now
from .annotation_checks import OntologyChecker
from .context import Ctx, UploadValue
from .records import create_entity, find, list_rows, require

if TYPE_CHECKING:
    from ..state import EmulatorState

#: ``(status file, error file, failed lines)`` of a checked annotation import.
Checked = tuple[bytes, bytes, int]


# ------------------------------------------------------------------ exports
def export(ctx: Ctx, kind: str, project_id: str) -> dict[str, Any] | None:
    """Start (or poll) the export job ``kind`` of a visible project: its result
    (``url``, ``createdAt``) once finished, None while it runs; ApiError if it failed."""
    project_id = str(require(ctx, "Project", project_id)["id"])
    jobs = ctx.state.jobs
    entity = f"{kind}:{project_id}"
    # one export at a time per organization (a mutation holds this lock already); no
    # transaction: the export is read (in immediate mode) without holding writers up
    with ctx.state.org_lock(ctx.org_id):
        if jobs.latest(entity) is None:
            labels = queries.count_where(
                ctx.state.store, "Label", {"project_id": project_id}, live=True
            )
            job = {"project_id": project_id, "base_url": ctx.base_url}
            jobs.submit(kind, entity, ctx.org_id, ctx.user_id, job, items=labels)
        else:
            jobs.observe(entity)
        latest = jobs.latest(entity)
        assert latest is not None
        job_id, done, payload = latest
        if not done:
            return None
        jobs.consume(job_id)
        result: dict[str, Any] = payload.get("result") or {}
        if "url" not in result:
            raise ApiError(f"The export failed: {result.get('error') or 'no file was written'}.")
        return result


def _label_export(store: Store, project: Row, label: Row) -> dict[str, Any]:
    """One label in the classic export format."""
    row = store.get("DataRow", str(label.get("dataRow_id") or "")) or {}
    dataset = store.get("Dataset", str(row.get("dataset_id") or "")) or {}
    user = store.get("User", str(label.get("createdBy_id") or "")) or {}
    reviews = queries.rows_where(store, "Review", {"label_id": label["id"]}, live=True)
    bench = queries.rows_where(store, "Benchmark", {"referenceLabel_id": label["id"]})
    try:
        parsed: Any = json.loads(str(label["label"]))
    except ValueError:
        parsed = label["label"]
    return {
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
                "createdBy": (store.get("User", str(r.get("createdBy_id"))) or {}).get("email"),
            }
            for r in reviews
        ],
        "View Label URL": f"https://editor.labelbox.com?project={project['id']}"
        f"&label={label['id']}",
        "Has Open Issues": 0,
        "Skipped": False,
    }


def prepare_export_labels(state: EmulatorState, job: Job) -> bytes:
    """The project's labels in the classic export format (JSON)."""
    store = state.store
    project = store.get("Project", str(job.payload["project_id"]))
    assert project is not None
    labels = queries.rows_where(store, "Label", {"project_id": project["id"]}, live=True)
    return json.dumps([_label_export(store, project, label) for label in labels]).encode()


def finish_export_labels(state: EmulatorState, job: Job, data: bytes) -> dict[str, Any]:
    """Store a label export; returns its URL."""
    url = state.files.put_url(str(job.payload["base_url"]), data, "export.json", "application/json")
    return {"url": url, "createdAt": utc_now()}


def prepare_export_queued(state: EmulatorState, job: Job) -> bytes:
    """The project's data rows without labels, as NDJSON."""
    rows = queries.queued_data_rows(state.store, str(job.payload["project_id"]))
    text = "".join(
        json.dumps({"id": r[0], "externalId": r[1], "rowData": r[2]}) + "\n" for r in rows
    )
    return text.encode()


def finish_export_queued(state: EmulatorState, job: Job, data: bytes) -> dict[str, Any]:
    """Store an export of queued data rows; returns its URL."""
    url = state.files.put_url(
        str(job.payload["base_url"]), data, "queued.ndjson", "application/x-ndjson"
    )
    return {"url": url, "createdAt": utc_now()}


# ------------------------------------------------------- annotation imports
def bulk_import_request(
    ctx: Ctx, request_id: object, project_id: object, name: object
) -> Row | None:
    """An annotation import by id, or the live one of a project with ``name``."""
    if request_id:
        return find(ctx, "BulkImportRequest", str(request_id))
    if not project_id or name is None:
        raise BadUserInputError("bulkImportRequest needs an id, or a projectId and a name.")
    rows = list_rows(
        ctx,
        "BulkImportRequest",
        {"project": {"id": project_id}, "name": name, "deleted": False},
        first=1,
    )
    return rows[0] if rows else None


def create_bulk_import(
    ctx: Ctx, project_id: str, name: object, file_url: object, payload: Any
) -> Row:
    """Start an annotation import from a URL or an uploaded file (exactly one)."""
    project = require(ctx, "Project", project_id)
    if (file_url is None) == (payload is None):
        raise BadUserInputError("Give exactly one of fileUrl and filePayload.")
    if payload is not None:
        upload = payload["file"]
        if not isinstance(upload, UploadValue):
            raise BadUserInputError("filePayload.file must be a file part of a multipart request.")
        file_url = ctx.state.files.put_url(
            ctx.base_url, upload.data, upload.filename, upload.content_type
        )
    row = create_entity(
        ctx,
        "BulkImportRequest",
        {},
        {"name": name, "project_id": project["id"], "state": "RUNNING", "inputFileUrl": file_url},
    )
    stored = ctx.state.files.resolve_url(str(file_url))
    ctx.state.jobs.submit(
        "bulk_import",
        str(row["id"]),
        ctx.org_id,
        ctx.user_id,
        {"project_id": project["id"], "url": file_url, "base_url": ctx.base_url},
        items=stored.data.count(b"\n") if stored is not None else 0,
    )
    return ctx.state.store.get("BulkImportRequest", str(row["id"])) or row


def _row_id(line: dict[str, Any]) -> str | None:
    row = line.get("dataRow")
    row_id = row.get("id") if isinstance(row, dict) else None
    return row_id if isinstance(row_id, str) else None


def _ndjson(items: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(i) + "\n" for i in items).encode()


def prepare_bulk_import(state: EmulatorState, job: Job) -> Checked | str:
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
    live = queries.live_data_row_ids(store, job.org_id, {r for r in row_ids if r})
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
    return _ndjson(statuses), _ndjson(errors), len(errors)


def finish_bulk_import(state: EmulatorState, job: Job, checked: Checked | str) -> dict[str, Any]:
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
