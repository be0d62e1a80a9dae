"""Server-side checks of imported annotations (model-assisted labeling) against the
project's ontology: the ``schemaId`` is known and its kind matches the annotation's
shape (``bbox`` → rectangle, ``answer`` object → radio, ...), nested classifications
belong to the tool, radio/checklist answers are options of their classification.

Lenient where the shape is missing: a line without any shape key is not flagged.
Geometry (point counts, bbox sides, ...) is left to the client's validation."""

from __future__ import annotations

from typing import Any

_TOOL_KEYS = {
    "bbox": "rectangle",
    "polygon": "polygon",
    "line": "line",
    "point": "point",
    "location": "named-entity",
    "mask": "superpixel",
}

Problem = dict[str, str]


class _Node:
    __slots__ = ("children", "kind", "options")

    def __init__(self, kind: str, options: set[str], children: dict[str, _Node]) -> None:
        self.kind = kind
        self.options = options
        self.children = children


def _index(nodes: Any, kind_key: str) -> dict[str, _Node]:
    out: dict[str, _Node] = {}
    for node in nodes if isinstance(nodes, list) else []:
        if not isinstance(node, dict) or not isinstance(node.get("featureSchemaId"), str):
            continue
        options = {
            str(o.get("featureSchemaId")) for o in node.get("options") or [] if isinstance(o, dict)
        }
        children = _index(node.get("classifications"), "type")
        out[node["featureSchemaId"]] = _Node(str(node.get(kind_key)), options, children)
    return out


class OntologyChecker:
    """Checks annotation lines against one normalized ontology."""

    def __init__(self, normalized: Any) -> None:
        """Index ``normalized`` (``{"tools": [...], "classifications": [...]}``)."""
        normalized = normalized if isinstance(normalized, dict) else {}
        self.top = {
            **_index(normalized.get("tools"), "tool"),
            **_index(normalized.get("classifications"), "type"),
        }

    def check(self, line: dict[str, Any]) -> list[Problem]:
        """The problems of one annotation (empty if it fits the ontology)."""
        return _check(line, self.top, "")


def _kind(line: dict[str, Any]) -> str | None:
    found = [k for k in (*_TOOL_KEYS, "answer", "answers") if k in line]
    if len(found) != 1:
        return None
    key = found[0]
    if key in _TOOL_KEYS:
        return _TOOL_KEYS[key]
    if key == "answers":
        return "checklist"
    answer = line["answer"]
    return "radio" if isinstance(answer, dict) else "text" if isinstance(answer, str) else None


def _check(line: dict[str, Any], nodes: dict[str, _Node], where: str) -> list[Problem]:
    schema_id = line.get("schemaId")
    node = nodes.get(schema_id) if isinstance(schema_id, str) else None
    if node is None:
        scope = "the tool's classifications" if where else "the project's ontology"
        return [
            {
                "name": "InvalidSchemaId",
                "message": f"Unknown schemaId {schema_id!r}{where} in {scope}.",
            }
        ]
    kind = _kind(line)
    if kind is None:  # no (or several) shape keys: nothing to compare (lenient)
        return []
    if kind != node.kind:
        return [
            {
                "name": "SchemaKindMismatch",
                "message": f"schemaId {schema_id!r}{where} is a {node.kind}, "
                f"the annotation a {kind}.",
            }
        ]
    problems: list[Problem] = []
    if kind == "radio":
        answers = [line["answer"]]
    elif kind == "checklist":
        answers = line["answers"] if isinstance(line["answers"], list) else []
    else:
        answers = []
    for answer in answers:
        option = answer.get("schemaId") if isinstance(answer, dict) else None
        if option not in node.options:
            problems.append(
                {"name": "InvalidAnswer", "message": f"{option!r}{where} is not an option."}
            )
    nested = line.get("classifications")
    for i, child in enumerate(nested if isinstance(nested, list) else []):
        if isinstance(child, dict):
            problems += _check(child, node.children, f" (classifications[{i}])")
    return problems
