"""Labels, reviews, benchmarks and predictions (label and review events notify webhooks)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import NotFoundError
from ..store import Row, queries, utc_now
from .context import Ctx
from .records import create_entity, require, update_entity
from .webhooks import emit


def create_label(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    """Create a label (its type connected by id or by name, ``Any`` or ``Skip``); the
    project's last activity is now."""
    label = create_entity(ctx, "Label", data)
    if label.get("project_id"):
        ctx.state.store.update("Project", str(label["project_id"]), {"lastActivityTime": utc_now()})
    emit(ctx, "LABEL_CREATED", label.get("project_id"), label)
    return label


def update_and_notify(
    ctx: Ctx, type_name: str, event: str, object_id: str, data: Mapping[str, Any]
) -> Row:
    """Update (or soft-delete) a label or review and notify webhooks of
    ``<EVENT>_UPDATED`` (``<EVENT>_DELETED``)."""
    row = update_entity(ctx, type_name, object_id, data)
    topic = f"{event}_DELETED" if data.get("deleted") else f"{event}_UPDATED"
    emit(ctx, topic, row.get("project_id"), row)
    return row


def delete_labels(ctx: Ctx, label_ids: list[str]) -> list[Row]:
    """Soft-delete labels and notify webhooks."""
    rows = [require(ctx, "Label", str(i)) for i in label_ids]
    out = []
    for r in rows:
        label = update_entity(ctx, "Label", str(r["id"]), {"deleted": True})
        emit(ctx, "LABEL_DELETED", label.get("project_id"), label)
        out.append(label)
    return out


def create_review(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    """Create a review of a label (in the label's project) and notify webhooks."""
    review = create_entity(ctx, "Review", data)
    if not review.get("project_id") and review.get("label_id"):
        label = ctx.state.store.get("Label", str(review["label_id"]))
        if label is not None and label.get("project_id"):
            ctx.state.store.update("Review", str(review["id"]), {"project_id": label["project_id"]})
            review["project_id"] = label["project_id"]
    emit(ctx, "REVIEW_CREATED", review.get("project_id"), review)
    return review


def _benchmark_of(ctx: Ctx, label_id: str) -> Row | None:
    return queries.first_where(
        ctx.state.store, "Benchmark", {"referenceLabel_id": label_id}, live=True
    )


def create_benchmark(ctx: Ctx, label_id: str) -> Row:
    """Make a label a benchmark reference of its project (once)."""
    store = ctx.state.store
    with store.transaction():
        label = require(ctx, "Label", label_id)
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


def delete_benchmark(ctx: Ctx, label_id: str) -> Row:
    """Remove the benchmark of a label (RESOURCE_NOT_FOUND if it has none)."""
    store = ctx.state.store
    with store.transaction():
        label = require(ctx, "Label", label_id)
        bench = _benchmark_of(ctx, str(label["id"]))
        if bench is None:
            raise NotFoundError(f"Resource not found: label {label['id']!r} is no benchmark.")
        store.delete("Benchmark", str(bench["id"]))
        store.update("Label", str(label["id"]), {"isBenchmarkReference": False})
        return bench


def create_prediction(
    ctx: Ctx, model_id: str, project_id: str, data_row_id: str, label: object
) -> Row:
    """Create a prediction of a prediction model for a data row of a project."""
    model = require(ctx, "PredictionModel", model_id)
    project = require(ctx, "Project", project_id)
    row = require(ctx, "DataRow", data_row_id)
    return create_entity(
        ctx,
        "Prediction",
        {"label": label},
        {"predictionModel_id": model["id"], "project_id": project["id"], "dataRow_id": row["id"]},
    )
