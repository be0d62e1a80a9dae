"""Ontologies: derived from a project's labeling frontend options, one per project."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..store import Row, new_id, utc_now
from .context import Ctx
from .records import create_entity, update_entity, visible

_LIST_KEYS = ("tools", "classifications", "options")
_NAME_KEYS = ("name", "instructions", "value", "label")


def _name(node: dict[str, Any]) -> object:
    return next((node[k] for k in _NAME_KEYS if k in node), None)


def assign_ids(node: Any, old: Any = None) -> None:
    """Give every tool, classification and option (nested too) schema ids.

    Ids of ``old`` (the previous normalized ontology) are kept for nodes at the same
    position with the same name, so updates keep feature schema ids stable.
    """
    if not isinstance(node, dict):
        return
    for key in _LIST_KEYS:
        items = node.get(key)
        if not isinstance(items, list):
            continue
        old_items = old.get(key) if isinstance(old, dict) else None
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            prev = None
            if isinstance(old_items, list) and i < len(old_items):
                cand = old_items[i]
                if isinstance(cand, dict) and _name(cand) == _name(item):
                    prev = cand
            for id_key in ("featureSchemaId", "schemaNodeId"):
                if not item.get(id_key):
                    item[id_key] = (prev or {}).get(id_key) or new_id()
            assign_ids(item, prev)


def feature_schema_ids(node: Any) -> set[str]:
    """Every featureSchemaId in a normalized ontology."""
    out: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("featureSchemaId"), str):
            out.add(node["featureSchemaId"])
        for value in node.values():
            out |= feature_schema_ids(value)
    elif isinstance(node, list):
        for value in node:
            out |= feature_schema_ids(value)
    return out


def sync_ontology(ctx: Ctx, options: Row) -> None:
    """Create or update the ontology of the options' project from its customizationOptions."""
    store = ctx.state.store
    try:
        parsed = json.loads(str(options.get("customizationOptions") or ""))
    except ValueError:
        return
    if not isinstance(parsed, dict) or not ("tools" in parsed or "classifications" in parsed):
        return
    project = store.get("Project", str(options.get("project_id") or ""))
    if project is None:
        return
    normalized = {
        "tools": parsed.get("tools") or [],
        "classifications": parsed.get("classifications") or [],
    }
    existing = store.get("Ontology", str(project.get("ontology_id") or ""))
    assign_ids(normalized, existing.get("normalized") if existing else None)
    values = {
        "normalized": normalized,
        "objectSchemaCount": len(normalized["tools"]),
        "classificationSchemaCount": len(normalized["classifications"]),
        "updatedAt": utc_now(),
    }
    with store.transaction():
        if existing is not None:
            store.update("Ontology", str(existing["id"]), values)
        else:
            ontology_id = new_id()
            store.insert(
                "Ontology",
                {
                    "id": ontology_id,
                    "org_id": ctx.org_id,
                    "name": f"{project['name']} ontology",
                    "createdAt": values["updatedAt"],
                    "createdBy_id": ctx.user_id,
                    **values,
                },
            )
            store.update("Project", str(project["id"]), {"ontology_id": ontology_id})


#: The ontology of a project that has not been set up yet.
EMPTY_ONTOLOGY: dict[str, list[Any]] = {"tools": [], "classifications": []}


def ensure_ontology(ctx: Ctx, project: Row) -> Row:
    """The ontology of ``project``, created empty (``{"tools": [], "classifications":
    []}``) if it has none: on the real server every project has one from creation."""
    store = ctx.state.store
    existing = store.get("Ontology", str(project.get("ontology_id") or ""))
    if existing is not None:
        return existing
    # also reached by queries, which run side by side: one ontology per project
    with ctx.state.org_lock(ctx.org_id), store.transaction():
        if not project.get("ontology_id"):  # read it again under the lock
            project = store.get("Project", str(project["id"])) or project
        existing = store.get("Ontology", str(project.get("ontology_id") or ""))
        if existing is not None:
            return existing
        now = utc_now()
        ontology = store.insert(
            "Ontology",
            {
                "id": new_id(),
                "org_id": project.get("org_id") or ctx.org_id,
                "name": f"{project['name']} ontology",
                "createdAt": now,
                "updatedAt": now,
                "createdBy_id": project.get("createdBy_id") or ctx.user_id,
                "normalized": {"tools": [], "classifications": []},
                "objectSchemaCount": 0,
                "classificationSchemaCount": 0,
            },
        )
        store.update("Project", str(project["id"]), {"ontology_id": ontology["id"]})
        return ontology


def project_ontology(ctx: Ctx, project: Row) -> Row | None:
    """The project's ontology; one is made if the project has none (projects stored by
    an emulator that did not create one with every project)."""
    ontology = ensure_ontology(ctx, project)
    return ontology if visible(ctx, "Ontology", ontology) else None


def create_frontend_options(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    """Create labeling frontend options and the project's ontology from them."""
    row = create_entity(ctx, "LabelingFrontendOptions", data)
    sync_ontology(ctx, row)
    return row


def update_frontend_options(ctx: Ctx, options_id: str, data: Mapping[str, Any]) -> Row:
    """Update labeling frontend options and the project's ontology."""
    row = update_entity(ctx, "LabelingFrontendOptions", options_id, data)
    sync_ontology(ctx, row)
    return row
