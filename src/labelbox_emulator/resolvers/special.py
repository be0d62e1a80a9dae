"""Resolvers of the operations that are more than generic CRUD.

Each unpacks its GraphQL arguments, calls the domain (:mod:`labelbox_emulator.domain`)
and shapes the result; the tables at the end bind them by field name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import GraphQLResolveInfo

from ..domain import data_rows, labels, members, ontology, projects, transfers, webhooks
from ..domain.records import require
from ..store import Row
from .context import ctx_of
from .generic import Resolver

Args = Mapping[str, Any]
Info = GraphQLResolveInfo


# ------------------------------------------------------------------ queries
def q_user(_: object, info: Info, where: Args | None = None) -> Row | None:
    """The caller's user, or a user of the caller's organization by id."""
    return members.user(ctx_of(info), (where or {}).get("id"))


def q_organization(_: object, info: Info, where: Args | None = None) -> Row | None:
    """The caller's organization (an id of another organization gives null)."""
    return members.organization(ctx_of(info), (where or {}).get("id"))


def q_roles(_: object, info: Info, skip: int | None = None, first: int | None = None) -> list[Row]:
    """The roles (a page of them with skip/first)."""
    return members.roles(ctx_of(info), skip, first)


def q_invites_limit(_: object, info: Info, where: Args) -> dict[str, int] | None:
    """The invite limit of the caller's organization (null for another)."""
    return members.invite_limit(ctx_of(info), str(where["id"]))


def q_bulk_import_request(_: object, info: Info, where: Args) -> Row | None:
    """A BulkImportRequest by id, or by projectId and name."""
    return transfers.bulk_import_request(
        ctx_of(info), where.get("id"), where.get("projectId"), where.get("name")
    )


# ----------------------------------------------------- projects and datasets
def m_create_project(_: object, info: Info, data: Args) -> Row:
    """Create a project with its (empty) ontology, as the real server does."""
    return projects.create_project(ctx_of(info), data)


def m_project(_: object, info: Info, where: Args) -> Row:
    """Project-scoped mutations of a visible project."""
    return require(ctx_of(info), "Project", str(where["id"]))


def pm_set_overrides(project: Row, info: Info, data: list[Args]) -> dict[str, bool]:
    """Store priority and numberOfLabels per data row of the project."""
    projects.set_overrides(ctx_of(info), project, data)
    return {"success": True}


def pm_unset_overrides(project: Row, info: Info, data: list[Args]) -> dict[str, bool]:
    """Remove the overrides of the given data rows."""
    projects.unset_overrides(ctx_of(info), project, [str(i["dataRowId"]) for i in data])
    return {"success": True}


def pm_show_predictions(project: Row, info: Info, show: bool) -> Row:
    """Turn model-assisted labeling on or off."""
    return projects.show_predictions(ctx_of(info), project, show)


def m_upsert_review_queue(_: object, info: Info, where: Args, data: Args) -> Row | None:
    """Set the share of a project's labels that are reviewed."""
    project_id = str(where["project"]["id"])
    return projects.upsert_review_queue(ctx_of(info), project_id, float(data["quotaFactor"]))


def m_delete_review_queue(_: object, info: Info, where: Args) -> Row | None:
    """Turn a project's review step off: its review queue is removed (null if none)."""
    return projects.delete_review_queue(ctx_of(info), str(where["project"]["id"]))


def m_extend_reservations(_: object, info: Info, projectId: str, queueType: str) -> int:
    """Extend the caller's reservations: the emulator reserves nothing, so 0."""
    return projects.extend_reservations(ctx_of(info), projectId)


def f_review_metrics(project: Row, info: Info) -> dict[str, Any]:
    """The review metrics of a project."""
    return {"project_id": project["id"]}


def f_label_aggregate(metrics: Args, info: Info, netScore: str | None = None) -> dict[str, int]:
    """Count the project's labels whose reviews add up to ``netScore``."""
    count = projects.label_count_by_net_score(ctx_of(info), metrics["project_id"], netScore)
    return {"count": count}


def f_labeler_performance(
    project: Row, info: Info, skip: int | None = None, first: int | None = None
) -> list[dict[str, Any]]:
    """Per-labeler label counts and timing of a project."""
    return projects.labeler_performance(ctx_of(info), str(project["id"]), skip, first)


def f_members(
    project: Row, info: Info, skip: int | None = None, first: int | None = None
) -> list[dict[str, Any]]:
    """The users of the project's organization with their organization role."""
    return members.project_members(ctx_of(info), project, skip, first)


def f_issue_export_url(project: Row, info: Info, where: Args | None = None) -> str:
    """A URL of the project's (always empty) issue export, carrying a status filter."""
    return projects.issue_export_url(ctx_of(info), (where or {}).get("status"))


def f_project_ontology(project: Row, info: Info) -> Row | None:
    """The project's ontology (made if the project has none)."""
    return ontology.project_ontology(ctx_of(info), project)


def f_dataset_row_count(dataset: Row, info: Info) -> int:
    """The number of (not deleted) data rows of a dataset."""
    return projects.dataset_row_count(ctx_of(info), str(dataset["id"]))


# ------------------------------------------------------------------ members
def m_set_project_membership(_: object, info: Info, data: Args) -> Row:
    """Give a project-based user a role in a project (NONE removes them)."""
    return members.set_project_membership(
        ctx_of(info), str(data["userId"]), str(data["roleId"]), str(data["projectId"])
    )


def m_add_user_to_project(_: object, info: Info, data: Args) -> Row:
    """Give the organization's user with an email a role in a project."""
    return members.add_user_to_project(
        ctx_of(info), str(data["email"]), str(data["projectId"]), str(data["roleId"])
    )


def m_add_members(_: object, info: Info, data: Args) -> list[dict[str, object]]:
    """Add users to the organization with a role (and project roles)."""
    return members.add_members(
        ctx_of(info), list(data["emails"]), str(data["orgRoleId"]), data.get("projectRoles") or []
    )


def m_set_organization_role(_: object, info: Info, data: Args) -> Row:
    """Set a member's organization role."""
    return members.set_organization_role(ctx_of(info), str(data["userId"]), str(data["roleId"]))


def m_update_user(_: object, info: Info, where: Args, data: Args) -> Row:
    """``data: {deleted: true}`` removes a member from the organization."""
    return members.remove_user(ctx_of(info), str(where["id"]), data)


def m_create_invites(_: object, info: Info, data: list[Args] | None = None) -> list[dict[str, Row]]:
    """Send invites to join the caller's organization."""
    return members.create_invites(ctx_of(info), list(data or []))


def m_cancel_invite(_: object, info: Info, where: Args) -> Row:
    """Withdraw a pending invite."""
    return members.cancel_invite(ctx_of(info), str(where["id"]))


def f_project_invites(invite: Row, info: Info) -> list[dict[str, str]]:
    """The project roles an invite grants."""
    return members.project_invites(invite)


def f_org_invites(org: Row, info: Info, first: int | None = None, **args: Any) -> dict[str, Any]:
    """A page of the organization's pending invites (argument ``from``: a cursor)."""
    return members.invites_page(ctx_of(info), args.get("from"), first)


def f_project_invites_page(
    project: Row, info: Info, first: int | None = None, **args: Any
) -> dict[str, Any]:
    """A page of the pending invites granting a role in the project."""
    return members.invites_page(ctx_of(info), args.get("from"), first, str(project["id"]))


# ---------------------------------------------------------------- data rows
def m_upload_file(
    _: object, info: Info, file: Any, contentLength: int, sign: bool | None = None
) -> dict[str, str]:
    """Store an uploaded file and return its signed URL."""
    return data_rows.upload_file(ctx_of(info), file)


def m_delete_data_rows(_: object, info: Info, where: Args) -> list[Row]:
    """Soft-delete data rows by id."""
    return data_rows.delete_data_rows(ctx_of(info), list(where["dataRowIds"]))


def m_append_rows(_: object, info: Info, data: Args) -> dict[str, Any]:
    """Start a Task creating data rows from a JSON descriptor URL."""
    ctx = ctx_of(info)
    task = data_rows.append_rows(ctx, str(data["datasetId"]), str(data["jsonFileUrl"]))
    return {"taskId": task["id"], "accepted": True}


def m_create_attachment(_: object, info: Info, data: Args) -> Row | None:
    """Attach an asset attachment (also listed as metadata) to a data row."""
    ctx = ctx_of(info)
    object_id = data_rows.attach(ctx, str(data["dataRowId"]), str(data["type"]), str(data["value"]))
    return ctx.state.store.get("AssetAttachment", object_id)


def m_create_metadata(_: object, info: Info, data: Args) -> Row | None:
    """Attach asset metadata (also listed as an attachment) to a data row."""
    ctx = ctx_of(info)
    object_id = data_rows.attach(
        ctx, str(data["dataRowId"]), str(data["metaType"]), str(data["metaValue"])
    )
    return ctx.state.store.get("AssetMetadata", object_id)


# ------------------------------------------------------- labels and reviews
def m_create_label(_: object, info: Info, data: Args) -> Row:
    """Create a label (its type connected by id or by name, ``Any`` or ``Skip``)."""
    return labels.create_label(ctx_of(info), data)


def m_update_label(_: object, info: Info, where: Args, data: Args) -> Row:
    """Update (or soft-delete) a Label and notify webhooks."""
    return labels.update_and_notify(ctx_of(info), "Label", "LABEL", str(where["id"]), data)


def m_update_review(_: object, info: Info, where: Args, data: Args) -> Row:
    """Update (or soft-delete) a Review and notify webhooks."""
    return labels.update_and_notify(ctx_of(info), "Review", "REVIEW", str(where["id"]), data)


def m_delete_labels(_: object, info: Info, labelIds: list[str]) -> list[Row]:
    """Soft-delete labels and notify webhooks."""
    return labels.delete_labels(ctx_of(info), labelIds)


def m_create_review(_: object, info: Info, data: Args) -> Row:
    """Create a review of a label and notify webhooks."""
    return labels.create_review(ctx_of(info), data)


def m_create_benchmark(_: object, info: Info, data: Args) -> Row:
    """Make a label a benchmark reference of its project."""
    return labels.create_benchmark(ctx_of(info), str(data["labelId"]))


def m_delete_benchmark(_: object, info: Info, where: Args) -> Row:
    """Remove the benchmark of a label."""
    return labels.delete_benchmark(ctx_of(info), str(where["labelId"]))


def m_create_prediction(_: object, info: Info, data: Args) -> Row:
    """Create a prediction of a prediction model for a data row of a project."""
    return labels.create_prediction(
        ctx_of(info),
        str(data["predictionModelId"]),
        str(data["projectId"]),
        str(data["dataRowId"]),
        data["label"],
    )


# ----------------------------------------------------------------- ontology
def m_create_lfo(_: object, info: Info, data: Args) -> Row:
    """Create labeling frontend options and the project's ontology from them."""
    return ontology.create_frontend_options(ctx_of(info), data)


def m_update_lfo(_: object, info: Info, where: Args, data: Args) -> Row:
    """Update labeling frontend options and the project's ontology."""
    return ontology.update_frontend_options(ctx_of(info), str(where["id"]), data)


# -------------------------------------------------------- imports, exports
def m_export_labels(_: object, info: Info, data: Args) -> dict[str, Any]:
    """Start or poll a label export of a project."""
    result = transfers.export(ctx_of(info), "export_labels", str(data["projectId"]))
    if result is None:
        return {"downloadUrl": None, "createdAt": None, "shouldPoll": True}
    return {"downloadUrl": result["url"], "createdAt": result["createdAt"], "shouldPoll": False}


def m_export_queued(_: object, info: Info, data: Args) -> dict[str, Any]:
    """Start or poll an export of the data rows queued in a project."""
    result = transfers.export(ctx_of(info), "export_queued", str(data["projectId"]))
    if result is None:
        return {"downloadUrl": None, "createdAt": None, "status": "IN_PROGRESS"}
    return {"downloadUrl": result["url"], "createdAt": result["createdAt"], "status": "COMPLETE"}


def m_create_bulk_import(_: object, info: Info, data: Args) -> Row:
    """Start an annotation import from a URL or an uploaded file."""
    return transfers.create_bulk_import(
        ctx_of(info),
        str(data["projectId"]),
        data["name"],
        data.get("fileUrl"),
        data.get("filePayload"),
    )


# ----------------------------------------------------------------- webhooks
def m_create_webhook(_: object, info: Info, data: Args) -> Row:
    """Create an ACTIVE webhook of a project (or of the whole organization)."""
    return webhooks.create_webhook(ctx_of(info), data)


def m_update_webhook(_: object, info: Info, where: Args, data: Args) -> Row:
    """Update a webhook (its URL may not lead back to the emulator)."""
    return webhooks.update_webhook(ctx_of(info), str(where["id"]), data)


QUERY: dict[str, Resolver] = {
    "user": q_user,
    "organization": q_organization,
    "roles": q_roles,
    "invitesLimit": q_invites_limit,
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
    "setProjectMembership": m_set_project_membership,
    "addUserToProject": m_add_user_to_project,
    "addMembersToOrganization": m_add_members,
    "setOrganizationRole": m_set_organization_role,
    "updateUser": m_update_user,
    "createInvites": m_create_invites,
    "cancelInvite": m_cancel_invite,
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
    ("Project", "invites"): f_project_invites_page,
    ("Organization", "invites"): f_org_invites,
    ("Invite", "projectInvites"): f_project_invites,
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
