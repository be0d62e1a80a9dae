"""Typing contract of ``labelbox.schema.ontology`` (Ontology, OntologyBuilder, Tool,
Classification, Option) and ``labelbox.schema.bulk_import_request`` (BulkImportRequest,
BulkImportRequestState). Only type-checked, never executed."""
# pyright: strict

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import JsonValue
from typing_extensions import assert_type

from labelbox import (
    BulkImportRequest,
    Classification,
    Client,
    Field,
    Ontology,
    OntologyBuilder,
    Option,
    PaginatedCollection,
    Project,
    Tool,
    User,
)
from labelbox.orm.db_object import DbObject
from labelbox.orm.model import ToMany, ToOne
from labelbox.schema.annotation_types import ImportStatus, MALPrediction
from labelbox.schema.bulk_import_request import get_mal_schemas, parse_classification
from labelbox.schema.enums import BulkImportRequestState, UnknownValue


def ontology(client: Client) -> None:
    ontology = client.get_project("<project_id>").ontology()
    assert_type(ontology, Ontology | None)
    if ontology is None:
        return
    assert_type(ontology.uid, str)
    assert_type(ontology.name, str)
    assert_type(ontology.description, str | None)
    assert_type(ontology.updated_at, datetime)
    assert_type(ontology.created_at, datetime)
    assert_type(ontology.normalized, JsonValue)
    assert_type(ontology.object_schema_count, int)
    assert_type(ontology.classification_schema_count, int)
    assert_type(ontology.projects(), PaginatedCollection[Project])
    assert_type(ontology.created_by(), User | None)
    assert_type(get_mal_schemas(ontology), dict[str, Any])
    assert_type(
        parse_classification({"type": "text", "featureSchemaId": "f"}), dict[str, Any] | None
    )
    assert_type(ontology.tools(), list[Tool])
    assert_type(ontology.classifications(), list[Classification])
    assert_type(Ontology.name, Field[Ontology, str])
    assert_type(Ontology.description, Field[Ontology, str | None])
    assert_type(Ontology.updated_at, Field[Ontology, datetime])
    assert_type(Ontology.created_at, Field[Ontology, datetime])
    assert_type(Ontology.normalized, Field[Ontology, JsonValue])
    assert_type(Ontology.object_schema_count, Field[Ontology, int])
    assert_type(Ontology.classification_schema_count, Field[Ontology, int])
    assert_type(Ontology.projects, ToMany[Project])
    assert_type(Ontology.created_by, ToOne[User])
    _base: type[DbObject] = Ontology


def builder(client: Client) -> None:
    builder = OntologyBuilder()
    assert_type(builder, OntologyBuilder)
    assert_type(builder.tools, list[Tool])
    assert_type(builder.classifications, list[Classification])
    tool = Tool(tool=Tool.Type.BBOX, name="box")
    assert_type(tool, Tool)
    assert_type(tool.tool, Tool.Type | UnknownValue)
    assert_type(tool.name, str)
    assert_type(tool.required, bool)
    assert_type(tool.color, str | None)
    assert_type(tool.classifications, list[Classification])
    assert_type(tool.schema_id, str | None)
    assert_type(tool.feature_schema_id, str | None)
    classification = Classification(class_type=Classification.Type.RADIO, instructions="q")
    assert_type(classification.class_type, Classification.Type | UnknownValue)
    assert_type(classification.instructions, str)
    assert_type(classification.name, str)
    assert_type(classification.required, bool)
    assert_type(classification.options, list[Option])
    assert_type(classification.schema_id, str | None)
    assert_type(classification.feature_schema_id, str | None)
    option = Option(value="yes")
    assert_type(option.value, str)
    assert_type(option.label, str)
    assert_type(option.options, list[Classification])
    assert_type(option.schema_id, str | None)
    assert_type(option.feature_schema_id, str | None)
    assert_type(classification.add_option(option), None)
    assert_type(tool.add_classification(classification), None)
    assert_type(builder.add_tool(tool), None)
    assert_type(builder.add_classification(classification), None)
    assert_type(builder.asdict(), dict[str, Any])
    assert_type(tool.asdict(), dict[str, Any])
    assert_type(classification.asdict(), dict[str, Any])
    assert_type(option.asdict(), dict[str, Any])
    assert_type(OntologyBuilder(tools=[tool], classifications=[classification]), OntologyBuilder)
    assert_type(OntologyBuilder.from_project(client.get_project("<project_id>")), OntologyBuilder)
    assert_type(OntologyBuilder.from_dict({"tools": []}), OntologyBuilder)
    assert_type(Tool.from_dict({"tool": "rectangle", "name": "box"}), Tool)
    assert_type(Classification.from_dict({"type": "text", "instructions": "q"}), Classification)
    assert_type(Option.from_dict({"value": "yes"}), Option)
    _tool_types: tuple[Tool.Type, ...] = (
        Tool.Type.POLYGON,
        Tool.Type.SEGMENTATION,
        Tool.Type.POINT,
        Tool.Type.BBOX,
        Tool.Type.LINE,
        Tool.Type.NER,
    )
    _classification_types: tuple[Classification.Type, ...] = (
        Classification.Type.TEXT,
        Classification.Type.CHECKLIST,
        Classification.Type.RADIO,
        Classification.Type.DROPDOWN,
    )
    frontend = next(iter(client.get_labeling_frontends()))
    assert_type(client.get_project("<project_id>").setup(frontend, builder.asdict()), None)


def bulk_import_request(client: Client) -> None:
    project = client.get_project("<project_id>")
    request = project.upload_annotations("import", "https://host/a.ndjson")
    assert_type(request.uid, str)
    assert_type(request.name, str)
    assert_type(request.state, BulkImportRequestState | UnknownValue)
    assert_type(request.input_file_url, str)
    assert_type(request.error_file_url, str | None)
    assert_type(request.status_file_url, str | None)
    assert_type(request.created_at, datetime)
    assert_type(request.project(), Project | None)
    assert_type(request.created_by(), User | None)
    assert_type(request.inputs, list[MALPrediction])
    assert_type(request.errors, list[ImportStatus])
    assert_type(request.statuses, list[ImportStatus])
    assert_type(request.refresh(), None)
    assert_type(request.wait_until_done(), None)
    assert_type(request.wait_until_done(sleep_time_seconds=1), None)
    assert_type(request.wait_until_done(show_progress=True), None)
    assert_type(request.wait_until_done(5, True), None)
    assert_type(BulkImportRequest.name, Field[BulkImportRequest, str])
    assert_type(
        BulkImportRequest.state, Field[BulkImportRequest, BulkImportRequestState | UnknownValue]
    )
    assert_type(BulkImportRequest.input_file_url, Field[BulkImportRequest, str])
    assert_type(BulkImportRequest.error_file_url, Field[BulkImportRequest, str | None])
    assert_type(BulkImportRequest.status_file_url, Field[BulkImportRequest, str | None])
    assert_type(BulkImportRequest.created_at, Field[BulkImportRequest, datetime])
    assert_type(BulkImportRequest.project, ToOne[Project])
    assert_type(BulkImportRequest.created_by, ToOne[User])
    assert_type(BulkImportRequest.from_name(client, project.uid, "import"), BulkImportRequest)
    assert_type(
        BulkImportRequest.create_from_url(client, project.uid, "n", "https://host/a.ndjson"),
        BulkImportRequest,
    )
    assert_type(
        BulkImportRequest.create_from_objects(client, project.uid, "n", [{"uuid": "u"}]),
        BulkImportRequest,
    )
    assert_type(
        BulkImportRequest.create_from_local_file(client, project.uid, "n", Path("a.ndjson")),
        BulkImportRequest,
    )
    # The state is a str enum.
    assert_type(request.state == BulkImportRequestState.FINISHED, bool)
    _states: tuple[BulkImportRequestState, ...] = (
        BulkImportRequestState.RUNNING,
        BulkImportRequestState.FAILED,
        BulkImportRequestState.FINISHED,
    )
    assert_type(BulkImportRequestState("FAILED"), BulkImportRequestState)
    _base: type[DbObject] = BulkImportRequest
