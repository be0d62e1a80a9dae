"""Property tests of client-side MAL validation (no server): valid annotations of every
kind for random ontologies validate; each mutation of a catalogue of invalid changes is
caught with the right exception, naming the line, the uuid and the field."""

from __future__ import annotations

import copy
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labelbox.exceptions import MALValidationError, UuidError
from labelbox.schema.annotation_validation import (
    AnnotationValidator,
    DuplicateUuidError,
    InvalidAnnotationError,
    OntologyIndex,
    validate_annotations,
)
from labelbox.schema.ontology import Classification, Option, Tool

from .strategies import TOOL_KEY, annotated_ontologies, annotation_for, assign_ids, cuids

SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


@settings(max_examples=60, deadline=None, database=None)
@given(annotated_ontologies(min_size=1, max_size=40))
def test_valid_annotations_of_random_ontologies_validate(
    case: tuple[dict[str, Any], list[dict[str, Any]]],
) -> None:
    normalized, annotations = case
    index = OntologyIndex.from_normalized(normalized)
    assert validate_annotations(iter(annotations), index) == len(annotations)


# -- the catalogue of invalid changes ------------------------------------------------------
Node = dict[str, Any]
Needs = Callable[[Node, st.DrawFn], Node]


def _new_node(normalized: Node, draw: st.DrawFn, node: Tool | Classification) -> Node:
    built = node.asdict()
    assign_ids(built, draw)
    normalized["tools" if isinstance(node, Tool) else "classifications"].append(built)
    return built


def needs_tool(kind: str) -> Needs:
    def pick(normalized: Node, draw: st.DrawFn) -> Node:
        found = [t for t in normalized["tools"] if t["tool"] == kind]
        if found:
            return draw(st.sampled_from(found))
        return _new_node(normalized, draw, Tool(Tool.Type(kind), f"new {kind}"))

    return pick


def needs_classification(kind: str) -> Needs:
    def pick(normalized: Node, draw: st.DrawFn) -> Node:
        found = [c for c in normalized["classifications"] if c["type"] == kind]
        if found:
            return draw(st.sampled_from(found))
        options = [] if kind == "text" else [Option("one"), Option("two")]
        classification = Classification(Classification.Type(kind), f"new {kind}", options=options)
        return _new_node(normalized, draw, classification)

    return pick


def needs_nested(kind: str) -> Needs:
    """A tool with a nested ``kind`` classification (added when the ontology has none)."""

    def pick(normalized: Node, draw: st.DrawFn) -> Node:
        found = [
            t for t in normalized["tools"] if any(c["type"] == kind for c in t["classifications"])
        ]
        if found:
            return draw(st.sampled_from(found))
        tool = Tool(Tool.Type.POINT, f"point with {kind}")
        options = [] if kind == "text" else [Option("yes"), Option("no")]
        tool.add_classification(
            Classification(Classification.Type(kind), "nested", options=options)
        )
        return _new_node(normalized, draw, tool)

    return pick


any_node: Needs = needs_classification("radio")


@dataclass(frozen=True)
class Mutation:
    """An invalid change: applies to annotations of the node ``needs`` picks; returns the
    changed annotation and the field the error must name."""

    name: str
    needs: Needs
    apply: Callable[[Any, Node, Node, st.DrawFn], tuple[Any, str]]
    error: type[Exception] = MALValidationError


def _drop(key: str) -> Callable[[Any, Node, Node, st.DrawFn], tuple[Any, str]]:
    def apply(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
        del a[key]
        return a, key

    return apply


def _set(
    path: str, value: Any, field: str | None = None
) -> Callable[[Any, Node, Node, st.DrawFn], tuple[Any, str]]:
    """Sets ``a[k1][k2]...`` (dotted path) to ``value``; the error names ``field``
    (default: ``path``)."""

    def apply(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
        *parents, last = path.split(".")
        target = a
        for key in parents:
            target = target[key]
        target[last] = copy.deepcopy(value)
        return a, field or path

    return apply


def bbox_drop_side(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
    side = draw(st.sampled_from(["top", "left", "height", "width"]))
    del a["bbox"][side]
    return a, f"bbox.{side}"


def bbox_bad_number(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
    side = draw(st.sampled_from(["top", "left", "height", "width"]))
    a["bbox"][side] = draw(st.sampled_from(["12", None, True, math.nan, math.inf, [1]]))
    return a, f"bbox.{side}"


def short_geometry(key: str, keep: int) -> Callable[[Any, Node, Node, st.DrawFn], tuple[Any, str]]:
    def apply(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
        a[key] = a[key][: draw(st.integers(0, keep))]
        return a, key

    return apply


def vertex_missing(key: str) -> Callable[[Any, Node, Node, st.DrawFn], tuple[Any, str]]:
    def apply(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
        i = draw(st.integers(0, len(a[key]) - 1))
        coordinate = draw(st.sampled_from(["x", "y"]))
        del a[key][i][coordinate]
        return a, f"{key}[{i}].{coordinate}"

    return apply


def ner_reversed(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
    start = draw(st.integers(1, 1000))
    a["location"] = {"start": start, "end": draw(st.integers(0, start - 1))}
    return a, "location"


def mask_bad_color(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
    a["mask"]["colorRGB"] = draw(
        st.sampled_from([[0, 0, 256], [-1, 0, 0], [1, 2], [1, 2, 3, 4], [1.5, 2, 3], "red"])
    )
    return a, "mask.colorRGB"


def checklist_duplicate(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
    position = len(a["answers"])
    a["answers"].append(dict(draw(st.sampled_from(a["answers"]))))
    return a, f"answers[{position}].schemaId"


def checklist_unknown(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
    position = len(a["answers"])
    a["answers"].append({"schemaId": draw(cuids)})
    return a, f"answers[{position}].schemaId"


def with_frames(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
    a["frames"] = [{"start": 5, "end": 1}]
    return a, "frames[0]"


def wrong_kind(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
    kind = node.get("tool", node.get("type"))
    others = [
        n
        for n in [*normalized["tools"], *normalized["classifications"]]
        if n.get("tool", n.get("type")) != kind
    ]
    if not others:
        others = [_new_node(normalized, draw, Tool(Tool.Type.POINT, "another"))]
        if kind == "point":
            others = [_new_node(normalized, draw, Tool(Tool.Type.LINE, "yet another"))]
    a["schemaId"] = draw(st.sampled_from(others))["featureSchemaId"]
    return a, "schemaId"


def dropdown_id(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
    dropdown = Classification(Classification.Type.DROPDOWN, "pick one", options=[Option("a")])
    a["schemaId"] = _new_node(normalized, draw, dropdown)["featureSchemaId"]
    return a, "schemaId"


def two_shapes(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
    a[draw(st.sampled_from(["line", "bbox", "answers"]))] = {"x": 1, "y": 2}
    return a, "annotation"


def no_shape(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
    for key in [*TOOL_KEY.values(), "answer", "answers"]:
        a.pop(key, None)
    return a, "annotation"


def not_an_object(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
    return draw(st.sampled_from([[a], "text", 42, None])), "annotation"


def _nested_node(tool: Node, kind: str) -> Node:
    return next(c for c in tool["classifications"] if c["type"] == kind)


def nested(
    kind: str, make: Callable[[Node, Node, st.DrawFn], tuple[dict[str, Any], str]]
) -> Callable[[Any, Node, Node, st.DrawFn], tuple[Any, str]]:
    def apply(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
        child, field = make(_nested_node(node, kind), normalized, draw)
        a["classifications"] = [child]
        return a, f"classifications[0]{field}"

    return apply


def top_level_id(normalized: Node, draw: st.DrawFn) -> str:
    top = normalized["classifications"]
    if not top:
        top = [_new_node(normalized, draw, Classification(Classification.Type.TEXT, "top"))]
    return str(draw(st.sampled_from(top))["featureSchemaId"])


def invalid_uuids() -> st.SearchStrategy[Any]:
    return st.sampled_from(["not-a-uuid", "", "1234", 12345, None, ["u"]])


RECTANGLE, POLYGON, LINE = needs_tool("rectangle"), needs_tool("polygon"), needs_tool("line")
POINT, NER, MASK = needs_tool("point"), needs_tool("named-entity"), needs_tool("superpixel")
RADIO, CHECKLIST = needs_classification("radio"), needs_classification("checklist")
TEXT = needs_classification("text")

CATALOGUE = [
    Mutation("bbox drops a side", RECTANGLE, bbox_drop_side),
    Mutation("bbox side not a finite number", RECTANGLE, bbox_bad_number),
    Mutation("bbox not an object", RECTANGLE, _set("bbox", [1, 2, 3, 4])),
    Mutation("polygon with 2 points or fewer", POLYGON, short_geometry("polygon", 2)),
    Mutation("polygon vertex misses a coordinate", POLYGON, vertex_missing("polygon")),
    Mutation("line with 1 point or none", LINE, short_geometry("line", 1)),
    Mutation("line vertex misses a coordinate", LINE, vertex_missing("line")),
    Mutation("point misses x", POINT, _set("point", {"y": 1}, "point.x")),
    Mutation("point y is a string", POINT, _set("point.y", "3")),
    Mutation("entity start > end", NER, ner_reversed),
    Mutation("entity start negative", NER, _set("location.start", -1)),
    Mutation("entity end not an integer", NER, _set("location.end", 2.5)),
    Mutation("mask color not RGB", MASK, mask_bad_color),
    Mutation(
        "mask without instanceURI", MASK, _set("mask", {"colorRGB": [1, 2, 3]}, "mask.instanceURI")
    ),
    Mutation("radio answer unknown option", RADIO, _set("answer.schemaId", "c" + "0" * 24)),
    Mutation(
        "radio answer without schemaId", RADIO, _set("answer", {"value": "x"}, "answer.schemaId")
    ),
    Mutation("checklist duplicate answers", CHECKLIST, checklist_duplicate),
    Mutation("checklist answer unknown option", CHECKLIST, checklist_unknown),
    Mutation("checklist without answers", CHECKLIST, _set("answers", [])),
    Mutation("checklist answers not a list", CHECKLIST, _set("answers", "a")),
    Mutation("text answer not a string", TEXT, _set("answer", 5)),
    Mutation("text with frames (extra key)", TEXT, _set("frames", [{"start": 1, "end": 2}])),
    Mutation("radio frame start > end", RADIO, with_frames),
    Mutation(
        "checklist frame start negative",
        CHECKLIST,
        _set("frames", [{"start": -1, "end": 1}], "frames[0].start"),
    ),
    Mutation("unknown schemaId", any_node, _set("schemaId", "c" + "f" * 24)),
    Mutation("schemaId not 25 characters", any_node, _set("schemaId", "short")),
    Mutation("schemaId of another kind (rectangle)", RECTANGLE, wrong_kind),
    Mutation("schemaId of another kind (radio)", RADIO, wrong_kind),
    Mutation("schemaId of another kind (text)", TEXT, wrong_kind),
    Mutation("schemaId of a dropdown", RADIO, dropdown_id),
    Mutation("missing dataRow", POINT, _drop("dataRow")),
    Mutation("missing dataRow id", LINE, _set("dataRow", {"externalId": "x"}, "dataRow.id")),
    Mutation("dataRow id not a string", CHECKLIST, _set("dataRow.id", 7)),
    Mutation("dataRow not an object", RADIO, _set("dataRow", "row")),
    Mutation("missing uuid", TEXT, _drop("uuid")),
    Mutation("extra key", RECTANGLE, _set("confidence", 0.5)),
    Mutation("extra key on a classification", CHECKLIST, _set("classifications", [])),
    Mutation("two shapes", POINT, two_shapes),
    Mutation("no shape", MASK, no_shape),
    Mutation("not an object", any_node, not_an_object),
    Mutation(
        "nested schemaId unknown",
        needs_nested("text"),
        nested("text", lambda c, n, d: ({"schemaId": d(cuids), "answer": "x"}, ".schemaId")),
    ),
    Mutation(
        "nested schemaId of a top-level classification",
        needs_nested("text"),
        nested(
            "text", lambda c, n, d: ({"schemaId": top_level_id(n, d), "answer": "x"}, ".schemaId")
        ),
    ),
    Mutation(
        "nested radio answer not an option",
        needs_nested("radio"),
        nested(
            "radio",
            lambda c, n, d: (
                {"schemaId": c["featureSchemaId"], "answer": {"schemaId": d(cuids)}},
                ".answer.schemaId",
            ),
        ),
    ),
    Mutation(
        "nested checklist duplicate answers",
        needs_nested("checklist"),
        nested(
            "checklist",
            lambda c, n, d: (
                {
                    "schemaId": c["featureSchemaId"],
                    "answers": [{"schemaId": c["options"][0]["featureSchemaId"]}] * 2,
                },
                ".answers[1].schemaId",
            ),
        ),
    ),
    Mutation(
        "nested classification with frames",
        needs_nested("radio"),
        nested(
            "radio",
            lambda c, n, d: (
                {
                    "schemaId": c["featureSchemaId"],
                    "answer": {"schemaId": c["options"][0]["featureSchemaId"]},
                    "frames": [{"start": 1, "end": 2}],
                },
                ".frames",
            ),
        ),
    ),
    Mutation(
        "nested tool shape",
        needs_nested("text"),
        nested(
            "text",
            lambda c, n, d: (
                {"schemaId": c["featureSchemaId"], "point": {"x": 1, "y": 1}},
                ".point",
            ),
        ),
    ),
    Mutation("classifications not a list", needs_nested("text"), _set("classifications", {"a": 1})),
]


def bad_uuid(a: Any, node: Node, normalized: Node, draw: st.DrawFn) -> tuple[Any, str]:
    a["uuid"] = draw(invalid_uuids())
    return a, "uuid"


CATALOGUE.append(Mutation("uuid not a UUID", POLYGON, bad_uuid))


@pytest.mark.parametrize("mutation", CATALOGUE, ids=[m.name for m in CATALOGUE])
@SETTINGS
@given(data=st.data())
def test_each_invalid_change_is_named(mutation: Mutation, data: st.DataObject) -> None:
    normalized, annotations = data.draw(annotated_ontologies(min_size=0, max_size=8))
    node = mutation.needs(normalized, data.draw)
    rows = sorted({a["dataRow"]["id"] for a in annotations}) or [data.draw(cuids)]
    target = data.draw(annotation_for(node, rows))
    used = {a["uuid"] for a in annotations}
    target["uuid"] = data.draw(st.uuids().map(str).filter(lambda u: u not in used))
    original = copy.deepcopy(target)
    mutated, field = mutation.apply(target, node, normalized, data.draw)
    line = data.draw(st.integers(0, len(annotations)))
    lines = [*annotations[:line], mutated, *annotations[line:]]
    index = OntologyIndex.from_normalized(normalized)
    # Unchanged, the annotation is valid in the same place.
    validate_annotations([*annotations[:line], original, *annotations[line:]], index)
    with pytest.raises(mutation.error) as caught:
        validate_annotations(lines, index)
    error = caught.value
    assert isinstance(error, InvalidAnnotationError)
    assert (error.line, error.field) == (line, field), str(error)
    message = str(error)
    assert f"line {line} " in message and f"field '{field}'" in message
    uid = mutated.get("uuid") if isinstance(mutated, dict) else None
    if isinstance(uid, str):
        assert error.uuid == uid and repr(uid) in message
    else:
        assert error.uuid is None and "no uuid" in message


@SETTINGS
@given(data=st.data())
def test_duplicate_uuid_names_both_lines(data: st.DataObject) -> None:
    normalized, annotations = data.draw(annotated_ontologies(min_size=1, max_size=10))
    first = data.draw(st.integers(0, len(annotations) - 1))
    copy_ = copy.deepcopy(data.draw(st.sampled_from(annotations)))
    copy_["uuid"] = annotations[first]["uuid"].upper()  # same UUID, other spelling
    line = data.draw(st.integers(first + 1, len(annotations)))
    lines = [*annotations[:line], copy_, *annotations[line:]]
    with pytest.raises(UuidError) as caught:
        validate_annotations(lines, OntologyIndex.from_normalized(normalized))
    error = caught.value
    assert isinstance(error, DuplicateUuidError)
    assert (error.line, error.first_line, error.field) == (line, first, "uuid")
    message = str(error)
    assert f"line {line}," in message and f"line {first} " in message
    assert str(uuid.UUID(annotations[first]["uuid"])) in message
    assert not isinstance(error, MALValidationError)


def test_no_ontology_names_the_problem() -> None:
    validator = AnnotationValidator(OntologyIndex.from_ontology(None))
    line = {
        "uuid": str(uuid.uuid4()),
        "schemaId": "c" * 25,
        "dataRow": {"id": "r"},
        "answer": "x",
    }
    with pytest.raises(MALValidationError, match="has no ontology"):
        validator.check(line, 0)
