"""``get_mal_schemas`` and ``parse_classification``: the documented (classic-shaped)
lookup of a project ontology's feature schemas for model-assisted labeling.

Kept free of heavy imports: ``labelbox.schema.bulk_import_request`` re-exports them and
is imported by ``import labelbox``. The validator itself (``annotation_validation``)
uses a richer index, ``OntologyIndex``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from labelbox.schema.ontology import Ontology

__all__ = ["get_mal_schemas", "parse_classification"]


def parse_classification(tool: Mapping[str, Any]) -> dict[str, Any] | None:
    """Parses a classification from an ontology. Only radio, checklist, and text are
    supported for MAL (None for other kinds).

    Args:
        tool: a classification node of an ontology's normalized JSON.

    Returns:
        dict with the classification's ``tool`` kind and ``featureSchemaId`` and, for
        radio and checklist, the feature schema ids of its ``options``.
    """
    kind = tool.get("type")
    if kind in ("radio", "checklist"):
        return {
            "tool": kind,
            "featureSchemaId": tool.get("featureSchemaId"),
            "options": [o.get("featureSchemaId") for o in tool.get("options") or []],
        }
    if kind == "text":
        return {"tool": kind, "featureSchemaId": tool.get("featureSchemaId")}
    return None


def get_mal_schemas(ontology: Ontology) -> dict[str, Any]:
    """Converts a project ontology to a dict for easier lookup during ndjson validation.

    Args:
        ontology: the project's Ontology.

    Returns:
        Dict from feature schema id to its tool (``{"tool", "classifications"}``, the
        nested classifications by id) or classification (see ``parse_classification``):
        useful for looking up a tool from a given feature schema id. Classifications MAL
        does not support (dropdown) are left out.
    """
    value: Any = ontology.normalized
    normalized: Mapping[str, Any] = value if isinstance(value, Mapping) else {}
    schemas: dict[str, Any] = {}
    for tool in normalized.get("tools") or []:
        nested = [parse_classification(c) for c in tool.get("classifications") or []]
        schemas[tool["featureSchemaId"]] = {
            "tool": tool["tool"],
            "classifications": {c["featureSchemaId"]: c for c in nested if c is not None},
        }
    for classification in normalized.get("classifications") or []:
        parsed = parse_classification(classification)
        if parsed is not None:
            schemas[classification["featureSchemaId"]] = parsed
    return schemas
