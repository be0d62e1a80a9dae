"""Projects and datasets: creation, labeling parameter overrides, the review queue and
the numbers a project reports about its labels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import BadUserInputError
from ..store import Row, new_id, queries
from .context import Ctx
from .ontology import ensure_ontology
from .records import create_entity, require, update_entity

_OVERRIDE = "LabelingParameterOverride"


def create_project(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    """Create a project with its (empty) ontology, as the real server does."""
    store = ctx.state.store
    with store.transaction():
        project = create_entity(ctx, "Project", data)
        ensure_ontology(ctx, project)
        return store.get("Project", str(project["id"])) or project


def set_overrides(ctx: Ctx, project: Row, items: list[Mapping[str, Any]]) -> None:
    """Store priority and numberOfLabels per data row of the project."""
    store = ctx.state.store
    with store.transaction():
        for item in items:
            row = require(ctx, "DataRow", str(item["dataRow"]["id"]))
            if item["priority"] < 1 or item["numLabels"] < 1:
                raise BadUserInputError(
                    f"priority and numLabels must be at least 1 (data row {row['id']})."
                )
            existing = queries.first_where(
                store, _OVERRIDE, {"project_id": project["id"], "dataRow_id": row["id"]}
            )
            values = {"priority": item["priority"], "numberOfLabels": item["numLabels"]}
            if existing is not None:
                store.update(_OVERRIDE, str(existing["id"]), values)
            else:
                store.insert(
                    _OVERRIDE,
                    {
                        "id": new_id(),
                        "org_id": ctx.org_id,
                        "project_id": project["id"],
                        "dataRow_id": row["id"],
                        **values,
                    },
                )


def unset_overrides(ctx: Ctx, project: Row, data_row_ids: list[str]) -> None:
    """Remove the overrides of the given data rows."""
    for data_row_id in data_row_ids:
        queries.delete_where(
            ctx.state.store, _OVERRIDE, {"project_id": project["id"], "dataRow_id": data_row_id}
        )


def show_predictions(ctx: Ctx, project: Row, show: bool) -> Row:
    """Turn model-assisted labeling on or off."""
    return update_entity(
        ctx, "Project", str(project["id"]), {}, {"showingPredictionsToLabelers": show}
    )


def upsert_review_queue(ctx: Ctx, project_id: str, quota: float) -> Row | None:
    """Set the share of a project's labels that are reviewed."""
    store = ctx.state.store
    project = require(ctx, "Project", project_id)
    if not 0.0 <= quota <= 1.0:
        raise BadUserInputError(f"quotaFactor must be between 0 and 1, got {quota}.")
    with store.transaction():
        existing = queries.first_where(store, "ReviewQueue", {"project_id": project["id"]})
        if existing is not None:
            store.update("ReviewQueue", str(existing["id"]), {"quotaFactor": quota})
            return store.get("ReviewQueue", str(existing["id"]))
        return store.insert(
            "ReviewQueue",
            {
                "id": new_id(),
                "org_id": ctx.org_id,
                "project_id": project["id"],
                "quotaFactor": quota,
            },
        )


def delete_review_queue(ctx: Ctx, project_id: str) -> Row | None:
    """Turn a project's review step off: its review queue is removed (None if none)."""
    store = ctx.state.store
    project = require(ctx, "Project", project_id)
    with store.transaction():
        rows = queries.rows_where(store, "ReviewQueue", {"project_id": project["id"]})
        for row in rows:
            store.delete("ReviewQueue", str(row["id"]))
    return rows[0] if rows else None


def extend_reservations(ctx: Ctx, project_id: str) -> int:
    """Extend the caller's reservations: the emulator reserves nothing, so 0."""
    require(ctx, "Project", project_id)
    return 0


def label_count_by_net_score(ctx: Ctx, project_id: str, net_score: str | None) -> int:
    """How many of the project's labels have reviews adding up to ``net_score``."""
    return queries.count_labels_by_net_score(ctx.state.store, project_id, net_score)


def labeler_performance(
    ctx: Ctx, project_id: str, skip: int | None = None, first: int | None = None
) -> list[dict[str, Any]]:
    """Per-labeler label counts and timing of a project."""
    store = ctx.state.store
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
        for user_id, count, avg, total, last, bench, agreement in queries.labeler_performance(
            store, project_id, skip or 0, first
        )
    ]


def issue_export_url(ctx: Ctx, status: object = None) -> str:
    """A URL of the project's (always empty) issue export; a status filter is part of
    the URL (``…?status=Open``), as on the real server."""
    files = ctx.state.files
    file_id = files.put(b"[]", "issues.json", "application/json")
    return files.url(ctx.base_url, file_id, {"status": str(status)} if status else None)


def dataset_row_count(ctx: Ctx, dataset_id: str) -> int:
    """The number of (not deleted) data rows of a dataset."""
    return queries.count_where(ctx.state.store, "DataRow", {"dataset_id": dataset_id}, live=True)
