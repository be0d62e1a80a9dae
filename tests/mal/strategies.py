"""Hypothesis strategies: random ontologies (built with OntologyBuilder, given schema ids
the way the server does) and valid MAL annotations of every kind for them."""

from __future__ import annotations

import itertools
import string
import uuid
from typing import Any

from hypothesis import strategies as st

from labelbox.schema.ontology import Classification, OntologyBuilder, Option, Tool

ID_ALPHABET = string.ascii_lowercase + string.digits
TOOL_KEY = {
    "rectangle": "bbox",
    "polygon": "polygon",
    "line": "line",
    "point": "point",
    "named-entity": "location",
    "superpixel": "mask",
}

cuids = st.text(ID_ALPHABET, min_size=24, max_size=24).map(lambda s: "c" + s)
names = st.text(string.ascii_letters + " _-", min_size=1, max_size=12)
numbers = st.one_of(
    st.integers(-10_000, 10_000), st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
)


@st.composite
def options(draw: st.DrawFn, depth: int) -> list[Option]:
    values = draw(st.lists(names, min_size=1, max_size=4, unique=True))
    out = []
    for value in values:
        option = Option(value=value)
        if depth < 1 and draw(st.booleans()) and draw(st.booleans()):
            option.add_option(draw(classifications(depth + 1)))
        out.append(option)
    return out


@st.composite
def classifications(draw: st.DrawFn, depth: int = 0) -> Classification:
    kind = draw(st.sampled_from(list(Classification.Type)))
    classification = Classification(
        class_type=kind, instructions=draw(names), required=draw(st.booleans())
    )
    if kind != Classification.Type.TEXT:
        for option in draw(options(depth)):
            classification.add_option(option)
    return classification


@st.composite
def tools(draw: st.DrawFn) -> Tool:
    tool = Tool(
        tool=draw(st.sampled_from(list(Tool.Type))),
        name=draw(names),
        required=draw(st.booleans()),
        color=draw(st.none() | st.sampled_from(["#ff0000", "#00ff00", "#123abc"])),
    )
    for nested in draw(st.lists(classifications(depth=1), max_size=3)):
        if nested.instructions not in (c.instructions for c in tool.classifications):
            tool.add_classification(nested)
    return tool


@st.composite
def builders(draw: st.DrawFn) -> OntologyBuilder:
    """A random consistent OntologyBuilder (at least one node)."""
    builder = OntologyBuilder()
    for tool in draw(st.lists(tools(), max_size=7, unique_by=lambda t: t.name)):
        builder.add_tool(tool)
    top = draw(
        st.lists(
            classifications(),
            min_size=0 if builder.tools else 1,
            max_size=5,
            unique_by=lambda c: c.instructions,
        )
    )
    for classification in top:
        builder.add_classification(classification)
    return builder


_ids = itertools.count(1)


def new_id() -> str:
    """A unique 25-character id; "n…" never collides with a drawn ``cuids`` ("c…")."""
    return f"n{next(_ids):024x}"


def assign_ids(node: Any, draw: st.DrawFn | None = None) -> None:
    """Gives every node a unique ``featureSchemaId``/``schemaNodeId``, as the server
    does."""
    if isinstance(node, dict):
        if "featureSchemaId" in node:
            node["featureSchemaId"] = new_id()
            node["schemaNodeId"] = new_id()
        for value in node.values():
            assign_ids(value, draw)
    elif isinstance(node, list):
        for value in node:
            assign_ids(value, draw)


@st.composite
def normalized_ontologies(draw: st.DrawFn) -> dict[str, Any]:
    """The normalized JSON of a random ontology with (unique) schema ids."""
    normalized = draw(builders()).asdict()
    assign_ids(normalized, draw)
    return normalized


def supported(normalized: dict[str, Any]) -> list[dict[str, Any]]:
    """Top-level nodes annotations can refer to (tools; radio/checklist/text)."""
    return [*normalized["tools"]] + [
        c for c in normalized["classifications"] if c["type"] in ("radio", "checklist", "text")
    ]


points = st.fixed_dictionaries({"x": numbers, "y": numbers})


def geometry(kind: str) -> st.SearchStrategy[Any]:
    if kind == "rectangle":
        return st.fixed_dictionaries({side: numbers for side in ("top", "left", "height", "width")})
    if kind == "polygon":
        return st.lists(points, min_size=3, max_size=8)
    if kind == "line":
        return st.lists(points, min_size=2, max_size=8)
    if kind == "point":
        return points
    if kind == "named-entity":
        return st.tuples(st.integers(0, 1000), st.integers(0, 1000)).map(
            lambda t: {"start": min(t), "end": max(t)}
        )
    return st.fixed_dictionaries(
        {
            "instanceURI": st.just("https://storage.example.com/mask.png"),
            "colorRGB": st.lists(st.integers(0, 255), min_size=3, max_size=3),
        }
    )


@st.composite
def answer_fields(draw: st.DrawFn, node: dict[str, Any]) -> dict[str, Any]:
    """The answer key(s) of a radio, checklist or text classification node."""
    option_ids = [o["featureSchemaId"] for o in node["options"]]
    if node["type"] == "text":
        return {"answer": draw(st.text(max_size=20))}
    if node["type"] == "radio":
        return {"answer": {"schemaId": draw(st.sampled_from(option_ids))}}
    chosen = draw(st.lists(st.sampled_from(option_ids), min_size=1, unique=True))
    return {"answers": [{"schemaId": s} for s in chosen]}


frames = st.lists(
    st.tuples(st.integers(0, 500), st.integers(0, 500)).map(
        lambda t: {"start": min(t), "end": max(t)}
    ),
    min_size=1,
    max_size=3,
)


@st.composite
def annotation_for(draw: st.DrawFn, node: dict[str, Any], data_rows: list[str]) -> dict[str, Any]:
    """A valid annotation of ``node`` (a tool or a radio/checklist/text classification)."""
    out: dict[str, Any] = {
        "uuid": str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1)))),
        "schemaId": node["featureSchemaId"],
        "dataRow": {"id": draw(st.sampled_from(data_rows))},
    }
    if "tool" in node:
        out[TOOL_KEY[node["tool"]]] = draw(geometry(node["tool"]))
        nested = [c for c in node["classifications"] if c["type"] != "dropdown"]
        if nested and draw(st.booleans()):
            chosen = draw(st.lists(st.sampled_from(nested), min_size=1, max_size=3))
            out["classifications"] = [
                {"schemaId": c["featureSchemaId"], **draw(answer_fields(c))} for c in chosen
            ]
    else:
        out.update(draw(answer_fields(node)))
        if node["type"] != "text" and draw(st.booleans()):
            out["frames"] = draw(frames)
    return out


@st.composite
def annotated_ontologies(
    draw: st.DrawFn, min_size: int = 1, max_size: int = 25
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A random ontology and valid annotations (unique uuids) of its nodes."""
    normalized = draw(normalized_ontologies())
    nodes = supported(normalized)
    if not nodes:  # only dropdowns: add a text classification to annotate
        text = Classification(Classification.Type.TEXT, "notes").asdict()
        text["featureSchemaId"], text["schemaNodeId"] = new_id(), new_id()
        normalized["classifications"].append(text)
        nodes = [text]
    rows = draw(st.lists(cuids, min_size=1, max_size=3))
    annotations = draw(
        st.lists(
            st.sampled_from(nodes).flatmap(lambda n: annotation_for(n, rows)),
            min_size=min_size,
            max_size=max_size,
            unique_by=lambda a: a["uuid"],
        )
    )
    return normalized, annotations
