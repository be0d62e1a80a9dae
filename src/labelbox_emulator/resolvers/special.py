"""Resolvers of the operations that are more than generic CRUD."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from graphql import GraphQLResolveInfo

from ..errors import ApiError, BadUserInputError, NotFoundError
from ..store import Row, new_id, utc_now
from ..webhooks import Notification, payload_body
from .context import Ctx, UploadValue, ctx_of
from .generic import (
    Resolver,
    create_entity,
    find,
    list_rows,
    require,
    update_entity,
    visible,
)
from .ontology import ensure_ontology, sync_ontology

Args = Mapping[str, Any]


# ------------------------------------------------------------------ queries
def q_user(_: object, info: GraphQLResolveInfo, where: Args | None = None) -> Row | None:
    """The caller's user, or a user of the caller's organization by id."""
    ctx = ctx_of(info)
    user_id = (where or {}).get("id") or ctx.user_id
    return find(ctx, "User", str(user_id))


def q_organization(_: object, info: GraphQLResolveInfo, where: Args | None = None) -> Row | None:
    """The caller's organization (an id of another organization gives null)."""
    ctx = ctx_of(info)
    org_id = (where or {}).get("id") or ctx.org_id
    return find(ctx, "Organization", str(org_id))


def q_roles(
    _: object, info: GraphQLResolveInfo, skip: int | None = None, first: int | None = None
) -> list[Row]:
    """The roles (a page of them with skip/first)."""
    return list_rows(ctx_of(info), "Role", None, None, skip, first)


def q_bulk_import_request(_: object, info: GraphQLResolveInfo, where: Args) -> Row | None:
    """A BulkImportRequest by id, or by projectId and name."""
    ctx = ctx_of(info)
    if where.get("id"):
        return find(ctx, "BulkImportRequest", str(where["id"]))
    if not where.get("projectId") or where.get("name") is None:
        raise BadUserInputError("bulkImportRequest needs an id, or a projectId and a name.")
    rows = list_rows(
        ctx,
        "BulkImportRequest",
        {"project": {"id": where["projectId"]}, "name": where["name"], "deleted": False},
        first=1,
    )
    return rows[0] if rows else None


# ----------------------------------------------------------------- webhooks
def _brief(row: Row | None, *fields: str) -> dict[str, Any] | None:
    if row is None:
        return None
    return {f: row.get(f) for f in ("id", *fields)}


def emit(ctx: Ctx, topic: str, project_id: str | None, obj: Row) -> None:
    """Notify the ACTIVE webhooks of the project and organization subscribed to ``topic``."""
    store = ctx.state.store
    hooks = store.select(
        "Webhook",
        '"Webhook".org_id = ? AND "Webhook".deleted = 0 AND "Webhook".status = ? AND '
        '("Webhook".project_id IS NULL OR "Webhook".project_id = ?)',
        [ctx.org_id, "ACTIVE", project_id],
    )
    hooks = [h for h in hooks if topic in (h.get("topics") or [])]
    if not hooks:
        return
    project = store.get("Project", project_id) if project_id else None
    user = store.get("User", str(obj.get("createdBy_id") or ctx.user_id))
    payload: dict[str, Any] = {
        k: v
        for k, v in obj.items()
        if not k.endswith("_id") and k not in ("org_id", "seq", "__typename")
    }
    payload["createdBy"] = _brief(user, "email")
    payload["project"] = _brief(project, "name")
    payload["organization"] = {"id": ctx.org_id}
    if obj.get("dataRow_id"):
        payload["dataRow"] = _brief(
            store.get("DataRow", str(obj["dataRow_id"])), "externalId", "rowData"
        )
    if obj.get("label_id"):
        payload["label"] = _brief(store.get("Label", str(obj["label_id"])), "label")
    payload["event"] = topic
    body = payload_body(payload)
    for hook in hooks:
        ctx.state.webhooks.send(
            Notification(
                str(hook["url"]),
                str(hook.get("secret") or ""),
                topic,
                body,
                str(hook["id"]),
                ctx.org_id,
            )
        )


# ---------------------------------------------------------------- mutations
def m_upload_file(
    _: object, info: GraphQLResolveInfo, file: Any, contentLength: int, sign: bool | None = None
) -> dict[str, str]:
    """Store an uploaded file and return its signed URL."""
    ctx = ctx_of(info)
    if not isinstance(file, UploadValue):
        raise BadUserInputError("file must be a file part of a multipart request.")
    url = ctx.state.files.put_url(ctx.base_url, file.data, file.filename, file.content_type)
    return {"url": url, "filename": file.filename}


def m_create_project(_: object, info: GraphQLResolveInfo, data: Args) -> Row:
    """Create a project with its (empty) ontology, as the real server does."""
    ctx = ctx_of(info)
    store = ctx.state.store
    with store.transaction():
        project = create_entity(ctx, "Project", data)
        ensure_ontology(ctx, project)
        return store.get("Project", str(project["id"])) or project


def m_project(_: object, info: GraphQLResolveInfo, where: Args) -> Row:
    """Project-scoped mutations of a visible project."""
    return require(ctx_of(info), "Project", str(where["id"]))


def pm_set_overrides(project: Row, info: GraphQLResolveInfo, data: list[Args]) -> dict[str, bool]:
    """Store priority and numberOfLabels per data row of the project."""
    ctx = ctx_of(info)
    store = ctx.state.store
    with store.transaction():
        for item in data:
            row = require(ctx, "DataRow", str(item["dataRow"]["id"]))
            if item["priority"] < 1 or item["numLabels"] < 1:
                raise BadUserInputError(
                    f"priority and numLabels must be at least 1 (data row {row['id']})."
                )
            existing = store.select(
                "LabelingParameterOverride",
                '"LabelingParameterOverride".project_id = ? AND '
                '"LabelingParameterOverride"."dataRow_id" = ?',
                [project["id"], row["id"]],
            )
            values = {"priority": item["priority"], "numberOfLabels": item["numLabels"]}
            if existing:
                store.update("LabelingParameterOverride", str(existing[0]["id"]), values)
            else:
                store.insert(
                    "LabelingParameterOverride",
                    {
                        "id": new_id(),
                        "org_id": ctx.org_id,
                        "project_id": project["id"],
                        "dataRow_id": row["id"],
                        **values,
                    },
                )
    return {"success": True}


def pm_unset_overrides(project: Row, info: GraphQLResolveInfo, data: list[Args]) -> dict[str, bool]:
    """Remove the overrides of the given data rows."""
    store = ctx_of(info).state.store
    for item in data:
        store.execute(
            'DELETE FROM "LabelingParameterOverride" WHERE project_id = ? AND "dataRow_id" = ?',
            [project["id"], item["dataRowId"]],
        )
    return {"success": True}


def pm_show_predictions(project: Row, info: GraphQLResolveInfo, show: bool) -> Row:
    """Turn model-assisted labeling on or off."""
    return update_entity(
        ctx_of(info), "Project", str(project["id"]), {}, {"showingPredictionsToLabelers": show}
    )


def m_delete_data_rows(_: object, info: GraphQLResolveInfo, where: Args) -> list[Row]:
    """Soft-delete data rows by id."""
    ctx = ctx_of(info)
    rows = [require(ctx, "DataRow", str(i)) for i in where["dataRowIds"]]
    return [update_entity(ctx, "DataRow", str(r["id"]), {"deleted": True}) for r in rows]


def m_append_rows(_: object, info: GraphQLResolveInfo, data: Args) -> dict[str, Any]:
    """Start a Task creating data rows from a JSON descriptor URL."""
    ctx = ctx_of(info)
    dataset = require(ctx, "Dataset", str(data["datasetId"]))
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
        {"dataset_id": dataset["id"], "url": data["jsonFileUrl"], "task_id": task["id"]},
        items=_descriptor_size(ctx, str(data["jsonFileUrl"])),
    )
    return {"taskId": task["id"], "accepted": True}


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


def _attach(ctx: Ctx, data_row_id: str, kind: str, value: str) -> str:
    store = ctx.state.store
    row = require(ctx, "DataRow", data_row_id)
    object_id = new_id()
    common = {"id": object_id, "org_id": ctx.org_id, "dataRow_id": row["id"]}
    with store.transaction():
        store.insert("AssetAttachment", {**common, "type": kind, "value": value})
        store.insert("AssetMetadata", {**common, "metaType": kind, "metaValue": value})
    return object_id


def m_create_attachment(_: object, info: GraphQLResolveInfo, data: Args) -> Row | None:
    """Attach an asset attachment (also listed as metadata) to a data row."""
    ctx = ctx_of(info)
    object_id = _attach(ctx, str(data["dataRowId"]), str(data["type"]), str(data["value"]))
    return ctx.state.store.get("AssetAttachment", object_id)


def m_create_metadata(_: object, info: GraphQLResolveInfo, data: Args) -> Row | None:
    """Attach asset metadata (also listed as an attachment) to a data row."""
    ctx = ctx_of(info)
    object_id = _attach(ctx, str(data["dataRowId"]), str(data["metaType"]), str(data["metaValue"]))
    return ctx.state.store.get("AssetMetadata", object_id)


def m_create_label(_: object, info: GraphQLResolveInfo, data: Args) -> Row:
    """Create a label (its type connected by id or by name, ``Any`` or ``Skip``)."""
    ctx = ctx_of(info)
    label = create_entity(ctx, "Label", data)
    if label.get("project_id"):
        ctx.state.store.update("Project", str(label["project_id"]), {"lastActivityTime": utc_now()})
    emit(ctx, "LABEL_CREATED", label.get("project_id"), label)
    return label


def _update_with_event(type_name: str, event: str) -> Callable[..., Row]:
    """``update<Type>`` that notifies webhooks of ``<EVENT>_UPDATED`` / ``_DELETED``."""

    def resolve(_: object, info: GraphQLResolveInfo, where: Args, data: Args) -> Row:
        ctx = ctx_of(info)
        row = update_entity(ctx, type_name, str(where["id"]), data)
        topic = f"{event}_DELETED" if data.get("deleted") else f"{event}_UPDATED"
        emit(ctx, topic, row.get("project_id"), row)
        return row

    resolve.__doc__ = f"Update (or soft-delete) a {type_name} and notify webhooks."
    return resolve


m_update_label = _update_with_event("Label", "LABEL")
m_update_review = _update_with_event("Review", "REVIEW")


def m_delete_labels(_: object, info: GraphQLResolveInfo, labelIds: list[str]) -> list[Row]:
    """Soft-delete labels and notify webhooks."""
    ctx = ctx_of(info)
    rows = [require(ctx, "Label", str(i)) for i in labelIds]
    out = []
    for r in rows:
        label = update_entity(ctx, "Label", str(r["id"]), {"deleted": True})
        emit(ctx, "LABEL_DELETED", label.get("project_id"), label)
        out.append(label)
    return out


def m_create_review(_: object, info: GraphQLResolveInfo, data: Args) -> Row:
    """Create a review of a label and notify webhooks."""
    ctx = ctx_of(info)
    review = create_entity(ctx, "Review", data)
    if not review.get("project_id") and review.get("label_id"):
        label = ctx.state.store.get("Label", str(review["label_id"]))
        if label is not None and label.get("project_id"):
            ctx.state.store.update("Review", str(review["id"]), {"project_id": label["project_id"]})
            review["project_id"] = label["project_id"]
    emit(ctx, "REVIEW_CREATED", review.get("project_id"), review)
    return review


def _benchmark_of(ctx: Ctx, label_id: str) -> Row | None:
    rows = ctx.state.store.select(
        "Benchmark",
        '"Benchmark"."referenceLabel_id" = ? AND "Benchmark".deleted = 0',
        [label_id],
    )
    return rows[0] if rows else None


def m_create_benchmark(_: object, info: GraphQLResolveInfo, data: Args) -> Row:
    """Make a label a benchmark reference of its project."""
    ctx = ctx_of(info)
    store = ctx.state.store
    with store.transaction():
        label = require(ctx, "Label", str(data["labelId"]))
        existing = _benchmark_of(ctx, str(label["id"]))
        if existing is not None:
            return existing
        store.update("Label", str(label["id"]), {"isBenchmarkReference": True})
        return create_entity(
            ctx,
            "Benchmark",
            {},
            {"referenceLabel_id": label["id"], "project_id": label.get("project_id")},
        )


def m_delete_benchmark(_: object, info: GraphQLResolveInfo, where: Args) -> Row:
    """Remove the benchmark of a label."""
    ctx = ctx_of(info)
    store = ctx.state.store
    with store.transaction():
        label = require(ctx, "Label", str(where["labelId"]))
        bench = _benchmark_of(ctx, str(label["id"]))
        if bench is None:
            raise NotFoundError(f"Resource not found: label {label['id']!r} is no benchmark.")
        store.delete("Benchmark", str(bench["id"]))
        store.update("Label", str(label["id"]), {"isBenchmarkReference": False})
        return bench


def m_create_lfo(_: object, info: GraphQLResolveInfo, data: Args) -> Row:
    """Create labeling frontend options and the project's ontology from them."""
    ctx = ctx_of(info)
    row = create_entity(ctx, "LabelingFrontendOptions", data)
    sync_ontology(ctx, row)
    return row


def m_update_lfo(_: object, info: GraphQLResolveInfo, where: Args, data: Args) -> Row:
    """Update labeling frontend options and the project's ontology."""
    ctx = ctx_of(info)
    row = update_entity(ctx, "LabelingFrontendOptions", str(where["id"]), data)
    sync_ontology(ctx, row)
    return row


def _export(ctx: Ctx, kind: str, project_id: str) -> dict[str, Any] | None:
    jobs = ctx.state.jobs
    entity = f"{kind}:{project_id}"
    # one export at a time per organization (a mutation holds this lock already); no
    # transaction: the export is read (in immediate mode) without holding writers up
    with ctx.state.org_lock(ctx.org_id):
        latest = jobs.latest(entity)
        if latest is None:
            ((labels,),) = ctx.state.store.execute(
                'SELECT COUNT(*) FROM "Label" WHERE project_id = ? AND deleted = 0', [project_id]
            )
            jobs.submit(
                kind,
                entity,
                ctx.org_id,
                ctx.user_id,
                {"project_id": project_id, "base_url": ctx.base_url},
                items=int(labels),
            )
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


def m_export_labels(_: object, info: GraphQLResolveInfo, data: Args) -> dict[str, Any]:
    """Start or poll a label export of a project."""
    ctx = ctx_of(info)
    project = require(ctx, "Project", str(data["projectId"]))
    result = _export(ctx, "export_labels", str(project["id"]))
    if result is None:
        return {"downloadUrl": None, "createdAt": None, "shouldPoll": True}
    return {"downloadUrl": result["url"], "createdAt": result["createdAt"], "shouldPoll": False}


def m_export_queued(_: object, info: GraphQLResolveInfo, data: Args) -> dict[str, Any]:
    """Start or poll an export of the data rows queued in a project."""
    ctx = ctx_of(info)
    project = require(ctx, "Project", str(data["projectId"]))
    result = _export(ctx, "export_queued", str(project["id"]))
    if result is None:
        return {"downloadUrl": None, "createdAt": None, "status": "IN_PROGRESS"}
    return {"downloadUrl": result["url"], "createdAt": result["createdAt"], "status": "COMPLETE"}


def m_upsert_review_queue(
    _: object, info: GraphQLResolveInfo, where: Args, data: Args
) -> Row | None:
    """Set the share of a project's labels that are reviewed."""
    ctx = ctx_of(info)
    store = ctx.state.store
    project = require(ctx, "Project", str(where["project"]["id"]))
    quota = float(data["quotaFactor"])
    if not 0.0 <= quota <= 1.0:
        raise BadUserInputError(f"quotaFactor must be between 0 and 1, got {quota}.")
    with store.transaction():
        rows = store.select("ReviewQueue", '"ReviewQueue".project_id = ?', [project["id"]])
        if rows:
            store.update("ReviewQueue", str(rows[0]["id"]), {"quotaFactor": quota})
            return store.get("ReviewQueue", str(rows[0]["id"]))
        return store.insert(
            "ReviewQueue",
            {
                "id": new_id(),
                "org_id": ctx.org_id,
                "project_id": project["id"],
                "quotaFactor": quota,
            },
        )


def m_delete_review_queue(_: object, info: GraphQLResolveInfo, where: Args) -> Row | None:
    """Turn a project's review step off: its review queue is removed (null if none)."""
    ctx = ctx_of(info)
    store = ctx.state.store
    project = require(ctx, "Project", str(where["project"]["id"]))
    with store.transaction():
        rows = store.select("ReviewQueue", '"ReviewQueue".project_id = ?', [project["id"]])
        for row in rows:
            store.delete("ReviewQueue", str(row["id"]))
    return rows[0] if rows else None


def _soft_delete(type_name: str) -> Resolver:
    """``delete<Type>(where: {id})``: soft-deletes the object and returns it."""

    def resolve(_: object, info: GraphQLResolveInfo, where: Args) -> Row:
        ctx = ctx_of(info)
        return update_entity(
            ctx, type_name, str(require(ctx, type_name, str(where["id"]))["id"]), {"deleted": True}
        )

    resolve.__doc__ = f"Soft-delete a {type_name} by id."
    return resolve


def f_dataset_row_count(dataset: Row, info: GraphQLResolveInfo) -> int:
    """The number of (not deleted) data rows of a dataset."""
    store = ctx_of(info).state.store
    return store.count(
        "DataRow", '"DataRow".dataset_id = ? AND "DataRow".deleted = 0', [dataset["id"]]
    )


def m_extend_reservations(
    _: object, info: GraphQLResolveInfo, projectId: str, queueType: str
) -> int:
    """Extend the caller's reservations: the emulator reserves nothing, so 0."""
    require(ctx_of(info), "Project", projectId)
    return 0


def m_create_prediction(_: object, info: GraphQLResolveInfo, data: Args) -> Row:
    """Create a prediction of a prediction model for a data row of a project."""
    ctx = ctx_of(info)
    model = require(ctx, "PredictionModel", str(data["predictionModelId"]))
    project = require(ctx, "Project", str(data["projectId"]))
    row = require(ctx, "DataRow", str(data["dataRowId"]))
    return create_entity(
        ctx,
        "Prediction",
        {"label": data["label"]},
        {"predictionModel_id": model["id"], "project_id": project["id"], "dataRow_id": row["id"]},
    )


def m_create_bulk_import(_: object, info: GraphQLResolveInfo, data: Args) -> Row:
    """Start an annotation import from a URL or an uploaded file."""
    ctx = ctx_of(info)
    project = require(ctx, "Project", str(data["projectId"]))
    file_url, payload = data.get("fileUrl"), data.get("filePayload")
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
        {
            "name": data["name"],
            "project_id": project["id"],
            "state": "RUNNING",
            "inputFileUrl": file_url,
        },
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


def _check_webhook_url(ctx: Ctx, url: object) -> None:
    """Refuse a webhook URL leading back to the emulator (its own API or controls)."""
    if isinstance(url, str) and ctx.state.is_self(url):
        raise BadUserInputError(f"Invalid webhook URL {url!r}: it leads to this server itself.")


def m_create_webhook(_: object, info: GraphQLResolveInfo, data: Args) -> Row:
    """Create an ACTIVE webhook of a project (or of the whole organization)."""
    ctx = ctx_of(info)
    _check_webhook_url(ctx, data.get("url"))
    project_id = None
    if data.get("project"):
        project_id = require(ctx, "Project", str(data["project"]["id"]))["id"]
    topics = list(data["topics"]["set"])
    return create_entity(
        ctx,
        "Webhook",
        {},
        {
            "url": data["url"],
            "secret": data["secret"],
            "topics": topics,
            "status": "ACTIVE",
            "project_id": project_id,
        },
    )


def m_update_webhook(_: object, info: GraphQLResolveInfo, where: Args, data: Args) -> Row:
    """Update a webhook (its URL may not lead back to the emulator)."""
    ctx = ctx_of(info)
    url = data.get("url")
    _check_webhook_url(ctx, url.get("set") if isinstance(url, Mapping) else url)
    return update_entity(ctx, "Webhook", str(where["id"]), data)


# ---------------------------------------------------------- computed fields
def f_review_metrics(project: Row, info: GraphQLResolveInfo) -> dict[str, Any]:
    """The review metrics of a project."""
    return {"project_id": project["id"]}


def f_label_aggregate(
    metrics: Mapping[str, Any], info: GraphQLResolveInfo, netScore: str | None = None
) -> dict[str, int]:
    """Count the project's labels whose reviews add up to ``netScore``."""
    reviews = 'FROM "Review" r WHERE r.label_id = l.id AND r.deleted = 0'
    cond = {
        None: f"NOT EXISTS (SELECT 1 {reviews})",
        "None": f"NOT EXISTS (SELECT 1 {reviews})",
        "Negative": f"(SELECT SUM(r.score) {reviews}) < 0",
        "Zero": f"EXISTS (SELECT 1 {reviews}) AND (SELECT SUM(r.score) {reviews}) = 0",
        "Positive": f"(SELECT SUM(r.score) {reviews}) > 0",
    }[netScore]
    ((count,),) = ctx_of(info).state.store.execute(
        f'SELECT COUNT(*) FROM "Label" l WHERE l.project_id = ? AND l.deleted = 0 AND {cond}',
        [metrics["project_id"]],
    )
    return {"count": int(count)}


def f_labeler_performance(
    project: Row, info: GraphQLResolveInfo, skip: int | None = None, first: int | None = None
) -> list[dict[str, Any]]:
    """Per-labeler label counts and timing of a project."""
    store = ctx_of(info).state.store
    rows = store.execute(
        'SELECT "createdBy_id", COUNT(*), AVG(COALESCE("secondsToLabel", 0)), '
        'SUM(COALESCE("secondsToLabel", 0)), MAX("createdAt"), AVG("benchmarkAgreement"), '
        'AVG("agreement") FROM "Label" WHERE project_id = ? AND deleted = 0 '
        'GROUP BY "createdBy_id" ORDER BY MIN(seq) LIMIT ? OFFSET ?',
        [project["id"], -1 if first is None else first, skip or 0],
    )
    return [
        {
            "user": store.get("User", str(user_id)),
            "count": int(count),
            "secondsPerLabel": float(avg),
            "totalTimeLabeling": float(total),
            "lastActivityTime": last,
            "averageBenchmarkAgreement": bench,
            "consensus": agreement,
        }
        for user_id, count, avg, total, last, bench, agreement in rows
    ]


def f_members(
    project: Row, info: GraphQLResolveInfo, skip: int | None = None, first: int | None = None
) -> list[dict[str, Any]]:
    """The users of the project's organization with their organization role."""
    ctx = ctx_of(info)
    users = list_rows(ctx, "User", {"deleted": False}, skip=skip, first=first)
    return [
        {"id": f"{project['id']}:{u['id']}", "user_id": u["id"], "role_id": u.get("orgRole_id")}
        for u in users
    ]


def f_issue_export_url(project: Row, info: GraphQLResolveInfo, where: Args | None = None) -> str:
    """A URL of the project's (always empty) issue export; a status filter is part of
    the URL (``…?status=Open``), as on the real server."""
    ctx = ctx_of(info)
    files = ctx.state.files
    file_id = files.put(b"[]", "issues.json", "application/json")
    status = (where or {}).get("status")
    return files.url(ctx.base_url, file_id, {"status": str(status)} if status else None)


def f_project_ontology(project: Row, info: GraphQLResolveInfo) -> Row | None:
    """The project's ontology; one is made if the project has none (projects stored by
    an emulator that did not create one with every project)."""
    ctx = ctx_of(info)
    ontology = ensure_ontology(ctx, project)
    return ontology if visible(ctx, "Ontology", ontology) else None


QUERY: dict[str, Resolver] = {
    "user": q_user,
    "organization": q_organization,
    "roles": q_roles,
    "bulkImportRequest": q_bulk_import_request,
}

MUTATION: dict[str, Resolver] = {
    "uploadFile": m_upload_file,
    "createProject": m_create_project,
    "project": m_project,
    "deleteDataRows": m_delete_data_rows,
    "appendRowsToDataset": m_append_rows,
    "createDataRowAttachment": m_create_attachment,
    "createAssetMetadata": m_create_metadata,
    "createLabel": m_create_label,
    "updateLabel": m_update_label,
    "deleteLabels": m_delete_labels,
    "createReview": m_create_review,
    "updateReview": m_update_review,
    "createBenchmark": m_create_benchmark,
    "deleteBenchmark": m_delete_benchmark,
    "createLabelingFrontendOptions": m_create_lfo,
    "updateLabelingFrontendOptions": m_update_lfo,
    "exportLabels": m_export_labels,
    "exportQueuedDataRows": m_export_queued,
    "upsertReviewQueue": m_upsert_review_queue,
    "extendReservations": m_extend_reservations,
    "createPrediction": m_create_prediction,
    "createBulkImportRequest": m_create_bulk_import,
    "createWebhook": m_create_webhook,
    "updateWebhook": m_update_webhook,
    "deleteReviewQueue": m_delete_review_queue,
    "deleteBulkImportRequest": _soft_delete("BulkImportRequest"),
    "deleteAssetMetadata": _soft_delete("AssetMetadata"),
}

#: Resolvers of non-root fields: (type, field) -> resolver.
FIELDS: dict[tuple[str, str], Resolver] = {
    ("ProjectMutations", "setLabelingParameterOverrides"): pm_set_overrides,
    ("ProjectMutations", "unsetLabelingParameterOverrides"): pm_unset_overrides,
    ("ProjectMutations", "showPredictionsToLabelers"): pm_show_predictions,
    ("Project", "reviewMetrics"): f_review_metrics,
    ("ReviewMetrics", "labelAggregate"): f_label_aggregate,
    ("Project", "labelerPerformance"): f_labeler_performance,
    ("Project", "members"): f_members,
    ("Project", "issueExportUrl"): f_issue_export_url,
    ("Project", "ontology"): f_project_ontology,
    ("Dataset", "rowCount"): f_dataset_row_count,
}

#: Non-root fields of the schema the emulator does not implement (answered with a
#: NOT_IMPLEMENTED error naming the field, like unimplemented root fields).
NOT_IMPLEMENTED: tuple[tuple[str, str], ...] = (
    ("Project", "connectableOntologies"),
    ("ProjectMutations", "connectOntology"),
    ("ProjectMutations", "cloneOntology"),
    ("OntologyMutations", "update"),
)
