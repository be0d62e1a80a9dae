"""OntologyBuilder, Tool, Classification, Option: building, consistency checks, colors,
and round trips through the server's normalized JSON (in memory and via the emulator)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings

from labelbox import Client, LabelingFrontend, Project
from labelbox.exceptions import InconsistentOntologyException
from labelbox.schema.annotation_validation import OntologyIndex
from labelbox.schema.bulk_import_request import get_mal_schemas, parse_classification
from labelbox.schema.enums import UnknownValue
from labelbox.schema.ontology import Classification, Ontology, OntologyBuilder, Option, Tool

from .conftest import every_kind
from .strategies import builders, normalized_ontologies

FAST = settings(max_examples=60, deadline=None, database=None)


@FAST
@given(normalized_ontologies())
def test_from_dict_asdict_round_trip(normalized: dict[str, Any]) -> None:
    before = copy.deepcopy(normalized)
    builder = OntologyBuilder.from_dict(normalized)
    assert builder.asdict() == before
    assert normalized == before  # from_dict does not change its input
    for tool, node in zip(builder.tools, normalized["tools"], strict=True):
        assert tool.feature_schema_id == node["featureSchemaId"]
        assert tool.schema_id == node["schemaNodeId"]
        assert isinstance(tool.tool, Tool.Type)


@FAST
@given(builders())
def test_colors_distinct_when_none_given(builder: OntologyBuilder) -> None:
    given_colors = {t.color for t in builder.tools if t.color is not None}
    uncolored = [t.color is None for t in builder.tools]
    out = builder.asdict()
    colors = [t["color"] for t in out["tools"]]
    assert all(isinstance(c, str) and c.startswith("#") and len(c) == 7 for c in colors)
    generated = [c for c, missing in zip(colors, uncolored, strict=True) if missing]
    assert len(set(generated)) == len(generated)
    assert not set(generated) & set(given_colors)
    assert builder.asdict() == out  # colors are kept on the tools: stable


def test_unmodeled_keys_are_kept() -> None:
    normalized = every_kind().asdict()
    normalized["tools"][0]["kind"] = "object"
    normalized["tools"][0]["classifications"][0]["options"][0]["position"] = 3
    normalized["classifications"][0]["scope"] = "global"
    assert OntologyBuilder.from_dict(copy.deepcopy(normalized)).asdict() == normalized


@pytest.mark.parametrize(
    "kind",
    [Classification.Type.RADIO, Classification.Type.CHECKLIST, Classification.Type.DROPDOWN],
)
def test_options_required_at_every_depth(kind: Classification.Type) -> None:
    empty = Classification(kind, "question")
    with pytest.raises(InconsistentOntologyException, match=r"'question'.*requires options"):
        OntologyBuilder(classifications=[empty]).asdict()
    tool = Tool(Tool.Type.POINT, "dot")
    tool.add_classification(Classification(kind, "question"))
    with pytest.raises(InconsistentOntologyException, match="requires options"):
        OntologyBuilder(tools=[tool]).asdict()
    option = Option("a")
    option.add_option(Classification(kind, "deeper"))
    radio = Classification(Classification.Type.RADIO, "q", options=[option])
    with pytest.raises(InconsistentOntologyException, match="'deeper'"):
        OntologyBuilder(classifications=[radio]).asdict()
    text = Classification(Classification.Type.TEXT, "free")
    assert OntologyBuilder(classifications=[text]).asdict()["classifications"][0]["options"] == []


def test_duplicates_rejected() -> None:
    builder = OntologyBuilder()
    builder.add_tool(Tool(Tool.Type.POINT, "dot"))
    with pytest.raises(InconsistentOntologyException, match="Duplicate tool name 'dot'"):
        builder.add_tool(Tool(Tool.Type.LINE, "dot"))
    builder.add_classification(Classification(Classification.Type.TEXT, "q"))
    with pytest.raises(InconsistentOntologyException, match="'q'"):
        builder.add_classification(Classification(Classification.Type.TEXT, "q"))
    radio = Classification(Classification.Type.RADIO, "r", options=[Option("a")])
    with pytest.raises(InconsistentOntologyException, match="Duplicate option 'a'"):
        radio.add_option(Option("a"))
    tool = Tool(Tool.Type.BBOX, "box")
    tool.add_classification(Classification(Classification.Type.TEXT, "n"))
    with pytest.raises(InconsistentOntologyException, match=r"'n'.*'box'"):
        tool.add_classification(Classification(Classification.Type.TEXT, "n"))
    option = Option("x")
    option.add_option(Classification(Classification.Type.TEXT, "why"))
    with pytest.raises(InconsistentOntologyException, match=r"'why'.*'x'"):
        option.add_option(Classification(Classification.Type.TEXT, "why"))
    # Duplicates given to the constructors are caught by asdict().
    for inconsistent in (
        OntologyBuilder(tools=[Tool(Tool.Type.POINT, "p"), Tool(Tool.Type.LINE, "p")]),
        OntologyBuilder(
            classifications=[
                Classification(Classification.Type.TEXT, "t"),
                Classification(Classification.Type.TEXT, "t"),
            ]
        ),
        OntologyBuilder(
            classifications=[
                Classification(Classification.Type.RADIO, "r", options=[Option("a"), Option("a")])
            ]
        ),
        OntologyBuilder(
            tools=[
                Tool(
                    Tool.Type.POINT,
                    "p",
                    classifications=[
                        Classification(Classification.Type.TEXT, "t"),
                        Classification(Classification.Type.TEXT, "t"),
                    ],
                )
            ]
        ),
    ):
        with pytest.raises(InconsistentOntologyException, match="Duplicate"):
            inconsistent.asdict()


def test_unknown_kinds_round_trip_and_keep_the_known_ones() -> None:
    """A kind a newer server added (``cuboid``, ``slider``) is an UnknownValue: the
    other tools stay readable and the JSON is written back unchanged."""
    normalized = {
        "tools": [
            {"tool": "cuboid", "name": "box3d", "color": "#00ff00", "classifications": []},
            {"tool": "rectangle", "name": "car", "color": "#ff0000", "classifications": []},
        ],
        "classifications": [{"type": "slider", "instructions": "speed", "options": []}],
    }
    builder = OntologyBuilder.from_dict(normalized)
    cuboid, car = builder.tools
    assert isinstance(cuboid.tool, UnknownValue) and cuboid.tool == "cuboid"
    assert car.tool is Tool.Type.BBOX
    assert isinstance(builder.classifications[0].class_type, UnknownValue)
    written = builder.asdict()
    assert [t["tool"] for t in written["tools"]] == ["cuboid", "rectangle"]
    assert written["classifications"][0]["type"] == "slider"


@pytest.mark.parametrize(
    ("bad", "match"),
    [
        ({"tools": [{"tool": 3, "name": "c"}]}, "Invalid tool 3"),
        ({"tools": [{"tool": "point"}]}, "has no 'name'"),
        ({"classifications": [{"type": None, "instructions": "s"}]}, "None"),
        ({"classifications": [{"type": "radio", "instructions": "r", "options": [{}]}]}, "value"),
        ({"tools": "nope"}, "must be a list"),
        ({"tools": [["not", "a", "dict"]]}, "JSON object"),
    ],
)
def test_from_dict_rejects_malformed_json(bad: dict[str, Any], match: str) -> None:
    with pytest.raises(InconsistentOntologyException, match=match):
        OntologyBuilder.from_dict(bad)


def test_every_tool_and_classification_type() -> None:
    assert {t.value for t in Tool.Type} == {
        "polygon",
        "superpixel",
        "point",
        "rectangle",
        "line",
        "named-entity",
    }
    assert {c.value for c in Classification.Type} == {"text", "checklist", "radio", "dropdown"}
    out = every_kind().asdict()
    assert [t["tool"] for t in out["tools"]] == [
        "rectangle",
        "polygon",
        "line",
        "point",
        "named-entity",
        "superpixel",
    ]
    assert out["tools"][1]["color"] == "#00ff00"
    nested = out["classifications"][0]["options"][1]["options"][0]
    assert nested["instructions"] == "how much rain" and nested["type"] == "text"


# -- against the emulator -------------------------------------------------------------------
def test_setup_round_trip_through_the_server(
    client: Client, project: Project, editor: LabelingFrontend
) -> None:
    ontology = project.ontology()
    assert isinstance(ontology, Ontology)
    normalized = ontology.normalized
    assert isinstance(normalized, dict)
    # The server gave every node ids; the builder round-trips its normalized JSON exactly.
    assert OntologyBuilder.from_dict(normalized).asdict() == normalized
    pulled = OntologyBuilder.from_project(project)
    assert pulled.asdict() == normalized
    # ... and it is what was sent, plus ids (and the colors the builder chose).
    sent = every_kind().asdict()
    assert _without_ids(normalized) == _without_ids(sent)

    tools = ontology.tools()
    assert [t.name for t in tools] == [t["name"] for t in normalized["tools"]]
    for tool, node in zip(tools, normalized["tools"], strict=True):
        assert isinstance(tool, Tool) and isinstance(tool.tool, Tool.Type)
        assert (tool.feature_schema_id, tool.schema_id) == (
            node["featureSchemaId"],
            node["schemaNodeId"],
        )
        assert tool.feature_schema_id and tool.schema_id and tool.color
        for nested, child in zip(tool.classifications, node["classifications"], strict=True):
            assert isinstance(nested, Classification)
            assert nested.feature_schema_id == child["featureSchemaId"]
            assert [o.feature_schema_id for o in nested.options] == [
                o["featureSchemaId"] for o in child["options"]
            ]
    classifications = ontology.classifications()
    assert [c.class_type for c in classifications] == [
        Classification.Type.RADIO,
        Classification.Type.CHECKLIST,
        Classification.Type.TEXT,
        Classification.Type.DROPDOWN,
    ]
    rain = classifications[0].options[1].options[0]
    assert isinstance(rain, Classification) and rain.feature_schema_id

    # A pulled ontology, edited and set up again, keeps the ids of unchanged nodes.
    pulled.add_tool(Tool(Tool.Type.POINT, "new point"))
    project.setup(editor, pulled.asdict())
    again = project.ontology()
    assert again is not None
    assert [t.feature_schema_id for t in again.tools()][:-1] == [t.feature_schema_id for t in tools]
    assert again.tools()[-1].feature_schema_id not in {t.feature_schema_id for t in tools}


def test_get_mal_schemas_and_parse_classification(project: Project) -> None:
    ontology = project.ontology()
    assert ontology is not None
    normalized = ontology.normalized
    assert isinstance(normalized, dict)
    schemas = get_mal_schemas(ontology)
    car = normalized["tools"][0]
    damage, moving, plate = car["classifications"]
    assert schemas[car["featureSchemaId"]] == {
        "tool": "rectangle",
        "classifications": {
            damage["featureSchemaId"]: {
                "tool": "checklist",
                "featureSchemaId": damage["featureSchemaId"],
                "options": [o["featureSchemaId"] for o in damage["options"]],
            },
            moving["featureSchemaId"]: parse_classification(moving),
            plate["featureSchemaId"]: {"tool": "text", "featureSchemaId": plate["featureSchemaId"]},
        },
    }
    weather, tags, notes, country = normalized["classifications"]
    assert schemas[weather["featureSchemaId"]] == parse_classification(weather)
    assert schemas[tags["featureSchemaId"]]["tool"] == "checklist"
    assert schemas[notes["featureSchemaId"]] == {
        "tool": "text",
        "featureSchemaId": notes["featureSchemaId"],
    }
    assert parse_classification(country) is None  # dropdown: not supported for MAL
    assert country["featureSchemaId"] not in schemas
    assert len(schemas) == 6 + 3
    index = OntologyIndex.from_ontology(ontology)
    assert index.schemas[country["featureSchemaId"]].kind == "dropdown"
    assert set(index.schemas[car["featureSchemaId"]].classifications) == {
        damage["featureSchemaId"],
        moving["featureSchemaId"],
        plate["featureSchemaId"],
    }


def _without_ids(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: _without_ids(v)
            for k, v in node.items()
            if k not in ("featureSchemaId", "schemaNodeId")
        }
    if isinstance(node, list):
        return [_without_ids(v) for v in node]
    return node
