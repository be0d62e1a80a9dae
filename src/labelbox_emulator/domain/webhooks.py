"""Webhooks: their creation and update, and the notifications of label and review events."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import BadUserInputError
from ..store import Row, queries
from ..webhooks import Notification, payload_body
from .context import Ctx
from .records import create_entity, require, update_entity


def _brief(row: Row | None, *fields: str) -> dict[str, Any] | None:
    if row is None:
        return None
    return {f: row.get(f) for f in ("id", *fields)}


def _payload(ctx: Ctx, topic: str, project_id: str | None, obj: Row) -> dict[str, Any]:
    """The JSON payload notifying ``topic`` about ``obj``."""
    store = ctx.state.store
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
    return payload


def emit(ctx: Ctx, topic: str, project_id: str | None, obj: Row) -> None:
    """Notify the ACTIVE webhooks of the project and organization subscribed to ``topic``."""
    hooks = queries.active_webhooks(ctx.state.store, ctx.org_id, project_id)
    hooks = [h for h in hooks if topic in (h.get("topics") or [])]
    if not hooks:
        return
    body = payload_body(_payload(ctx, topic, project_id, obj))
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


def _check_url(ctx: Ctx, url: object) -> None:
    """Refuse a webhook URL leading back to the emulator (its own API or controls)."""
    if isinstance(url, str) and ctx.state.is_self(url):
        raise BadUserInputError(f"Invalid webhook URL {url!r}: it leads to this server itself.")


def create_webhook(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    """Create an ACTIVE webhook of a project (or of the whole organization)."""
    _check_url(ctx, data.get("url"))
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


def update_webhook(ctx: Ctx, webhook_id: str, data: Mapping[str, Any]) -> Row:
    """Update a webhook (its URL may not lead back to the emulator)."""
    url = data.get("url")
    _check_url(ctx, url.get("set") if isinstance(url, Mapping) else url)
    return update_entity(ctx, "Webhook", webhook_id, data)
