"""Entities: every documented field with its Python type and every relationship. Paging
over more than 100 related rows is in test_entities_paging.py, the generic
update/delete/connect/disconnect/bulk-delete mutations in test_entities_mutations.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from labelbox import (
    AssetMetadata,
    Benchmark,
    BulkImportRequest,
    Client,
    DataRow,
    Dataset,
    Label,
    LabelingFrontend,
    LabelingFrontendOptions,
    LabelingParameterOverride,
    Ontology,
    OntologyBuilder,
    Organization,
    PaginatedCollection,
    Prediction,
    PredictionModel,
    Project,
    Review,
    Task,
    User,
    Webhook,
)
from labelbox.orm.db_object import DbObject
from labelbox.orm.model import Field, ToMany, ToOne
from labelbox.schema.ontology import Classification, Option, Tool


def builder() -> OntologyBuilder:
    return OntologyBuilder(
        tools=[Tool(tool=Tool.Type.BBOX, name="box")],
        classifications=[
            Classification(
                class_type=Classification.Type.RADIO,
                instructions="quality",
                options=[Option(value="good"), Option(value="bad")],
            )
        ],
    )


# -- one of everything -----------------------------------------------------------------
@dataclass
class World:
    client: Client
    project: Project
    dataset: Dataset
    data_row: DataRow
    metadata: AssetMetadata
    label: Label
    review: Review
    benchmark: Benchmark
    prediction_model: PredictionModel
    prediction: Prediction
    webhook: Webhook
    task: Task
    bulk_import_request: BulkImportRequest
    user: User
    organization: Organization
    frontend: LabelingFrontend
    ontology: Ontology
    frontend_options: LabelingFrontendOptions
    override: LabelingParameterOverride

    def entity(self, cls: type[DbObject]) -> DbObject:
        for value in vars(self).values():
            if type(value) is cls:
                assert isinstance(value, DbObject)
                return value
        raise LookupError(cls)


@pytest.fixture
def world(client: Client, editor: LabelingFrontend) -> World:
    project = client.create_project(name="world", description="everything")
    dataset = client.create_dataset(name="world ds", description="rows", projects=project)
    data_row = dataset.create_data_row(row_data="https://example.com/1.jpg", external_id="r1")
    metadata = data_row.create_metadata("TEXT", "some context")
    project.setup(editor, builder().asdict())
    project.update(auto_audit_number_of_labels=2, auto_audit_percentage=0.5)
    label = project.create_label(data_row=data_row, label='{"objects": []}', seconds_to_label=2.5)
    review = label.create_review(score=1)
    benchmark = label.create_benchmark()
    model = project.create_prediction_model("model", 3)
    prediction = project.create_prediction("prediction", data_row)
    webhook = Webhook.create(client, [Webhook.Topic.LABEL_CREATED], "https://hook", "s", project)
    task = dataset.create_data_rows([{DataRow.row_data: "https://example.com/2.jpg"}])
    task.wait_till_done(timeout_seconds=10)
    annotations = [{"uuid": "u1", "dataRow": {"id": data_row.uid}, "schemaId": "x"}]
    bulk = project.upload_annotations("import", annotations, validate=False)
    project.set_labeling_parameter_overrides([(data_row, 1, 2)])
    project = client.get_project(project.uid)
    ontology = project.ontology()
    assert ontology is not None
    return World(
        client=client,
        project=project,
        dataset=dataset,
        data_row=data_row,
        metadata=metadata,
        label=label,
        review=review,
        benchmark=benchmark,
        prediction_model=model,
        prediction=prediction,
        webhook=webhook,
        task=task,
        bulk_import_request=bulk,
        user=client.get_user(),
        organization=client.get_organization(),
        frontend=editor,
        ontology=ontology,
        frontend_options=next(iter(project.labeling_frontend_options())),
        override=next(iter(project.labeling_parameter_overrides())),
    )


NoneType = type(None)
#: (entity, field, type(s)) exactly as documented; the generated schema decides what
#: may be null, so "T | None" marks fields the emulator leaves unset.
FIELDS: list[tuple[type[DbObject], str, Any]] = [
    (AssetMetadata, "meta_type", str),
    (AssetMetadata, "meta_value", str),
    (Benchmark, "created_at", datetime),
    (Benchmark, "last_activity", (datetime, NoneType)),
    (Benchmark, "average_agreement", (float, NoneType)),
    (Benchmark, "completed_count", (int, NoneType)),
    (BulkImportRequest, "name", str),
    (BulkImportRequest, "state", str),
    (BulkImportRequest, "input_file_url", str),
    (BulkImportRequest, "error_file_url", str),
    (BulkImportRequest, "status_file_url", str),
    (BulkImportRequest, "created_at", datetime),
    (DataRow, "external_id", str),
    (DataRow, "row_data", str),
    (DataRow, "updated_at", datetime),
    (DataRow, "created_at", datetime),
    (Dataset, "name", str),
    (Dataset, "description", str),
    (Dataset, "updated_at", datetime),
    (Dataset, "created_at", datetime),
    (Label, "label", str),
    (Label, "seconds_to_label", float),
    (Label, "agreement", (float, NoneType)),
    (Label, "benchmark_agreement", (float, NoneType)),
    (Label, "is_benchmark_reference", bool),
    (LabelingFrontend, "name", str),
    (LabelingFrontend, "description", str),
    (LabelingFrontend, "iframe_url_path", str),
    (LabelingFrontendOptions, "customization_options", str),
    (LabelingParameterOverride, "priority", int),
    (LabelingParameterOverride, "number_of_labels", int),
    (Ontology, "name", str),
    (Ontology, "description", (str, NoneType)),
    (Ontology, "updated_at", datetime),
    (Ontology, "created_at", datetime),
    (Ontology, "normalized", dict),
    (Ontology, "object_schema_count", int),
    (Ontology, "classification_schema_count", int),
    (Organization, "updated_at", datetime),
    (Organization, "created_at", datetime),
    (Organization, "name", str),
    (Prediction, "updated_at", datetime),
    (Prediction, "created_at", datetime),
    (Prediction, "label", str),
    (Prediction, "agreement", (float, NoneType)),
    (PredictionModel, "updated_at", datetime),
    (PredictionModel, "created_at", datetime),
    (PredictionModel, "name", str),
    (PredictionModel, "slug", (str, NoneType)),
    (PredictionModel, "version", int),
    (Project, "name", str),
    (Project, "description", str),
    (Project, "updated_at", datetime),
    (Project, "created_at", datetime),
    (Project, "setup_complete", datetime),
    (Project, "last_activity_time", datetime),
    (Project, "auto_audit_number_of_labels", int),
    (Project, "auto_audit_percentage", float),
    (Review, "created_at", datetime),
    (Review, "updated_at", datetime),
    (Review, "score", float),
    (Task, "updated_at", datetime),
    (Task, "created_at", datetime),
    (Task, "name", str),
    (Task, "status", str),
    (Task, "completion_percentage", float),
    (User, "updated_at", datetime),
    (User, "created_at", datetime),
    (User, "email", str),
    (User, "name", str),
    (User, "nickname", str),
    (User, "intercom_hash", (str, NoneType)),
    (User, "picture", (str, NoneType)),
    (User, "is_viewer", bool),
    (User, "is_external_viewer", bool),
    (Webhook, "updated_at", datetime),
    (Webhook, "created_at", datetime),
    (Webhook, "url", str),
    (Webhook, "topics", list),
    (Webhook, "status", str),
]


def test_every_documented_field_has_its_type(world: World) -> None:
    for cls, name, expected in FIELDS:
        assert isinstance(cls.__dict__.get(name) or getattr(cls, name), Field), (cls, name)
        obj = world.entity(cls)
        value = getattr(obj, name)
        assert isinstance(value, expected), (cls.__name__, name, value)
        if isinstance(value, datetime):
            assert value.tzinfo is not None, (cls.__name__, name)
    for obj in vars(world).values():
        if isinstance(obj, DbObject):
            assert isinstance(obj.uid, str) and obj.uid
            assert obj.uid in repr(obj)
    assert all(isinstance(t, str) for t in world.webhook.topics)
    assert world.webhook.topics == ["LABEL_CREATED"]
    assert world.webhook.status == "ACTIVE" == Webhook.Status.ACTIVE
    assert world.metadata.meta_type == "TEXT" == AssetMetadata.MetaType.TEXT
    assert world.task.status == "COMPLETE"
    assert world.review.score == 1.0
    assert world.label.seconds_to_label == 2.5
    assert world.project.auto_audit_number_of_labels == 2
    assert world.project.auto_audit_percentage == 0.5
    assert world.prediction_model.version == 3
    assert world.override.priority == 1 and world.override.number_of_labels == 2


#: (entity, relationship, target) exactly as documented.
TO_ONE: list[tuple[type[DbObject], str, type[DbObject]]] = [
    (Benchmark, "created_by", User),
    (Benchmark, "reference_label", Label),
    (BulkImportRequest, "project", Project),
    (BulkImportRequest, "created_by", User),
    (DataRow, "dataset", Dataset),
    (DataRow, "created_by", User),
    (DataRow, "organization", Organization),
    (Dataset, "created_by", User),
    (Dataset, "organization", Organization),
    (Label, "project", Project),
    (Label, "data_row", DataRow),
    (Label, "created_by", User),
    (Ontology, "created_by", User),
    (Prediction, "organization", Organization),
    (Prediction, "prediction_model", PredictionModel),
    (Prediction, "data_row", DataRow),
    (Prediction, "project", Project),
    (PredictionModel, "created_by", User),
    (PredictionModel, "organization", Organization),
    (Project, "created_by", User),
    (Project, "organization", Organization),
    (Project, "labeling_frontend", LabelingFrontend),
    (Project, "active_prediction_model", PredictionModel),
    (Project, "ontology", Ontology),
    (Review, "created_by", User),
    (Review, "organization", Organization),
    (Review, "project", Project),
    (Review, "label", Label),
    (Task, "created_by", User),
    (Task, "organization", Organization),
    (User, "organization", Organization),
    (Webhook, "project", Project),
    (Webhook, "created_by", User),
    (Webhook, "organization", Organization),
]


def test_every_to_one_relationship(world: World) -> None:
    for cls, name, target in TO_ONE:
        assert isinstance(getattr(cls, name), ToOne), (cls, name)
        related = getattr(world.entity(cls), name)()
        assert isinstance(related, target), (cls.__name__, name, related)
        if target in (User, Organization, Project, LabelingFrontend, Label, DataRow, Dataset):
            expected = {
                User: world.user,
                Organization: world.organization,
                Project: world.project,
                LabelingFrontend: world.frontend,
                Label: world.label,
                DataRow: world.data_row,
                Dataset: world.dataset,
            }[target]
            assert related == expected, (cls.__name__, name)
    assert world.project.active_prediction_model() == world.prediction_model
    assert world.project.ontology() == world.ontology


def test_to_one_without_a_target_is_none(client: Client) -> None:
    project = client.create_project(name="bare")
    assert project.labeling_frontend() is None
    assert project.active_prediction_model() is None
    ontology = project.ontology()  # every project has one (empty) from creation
    assert ontology is not None and ontology.normalized == {"tools": [], "classifications": []}
    org_hook = Webhook.create(client, [Webhook.Topic.LABEL_CREATED], "https://h", "s", None)
    assert org_hook.project() is None


#: (entity, relationship, target) exactly as documented.
TO_MANY: list[tuple[type[DbObject], str, type[DbObject]]] = [
    (DataRow, "labels", Label),
    (DataRow, "metadata", AssetMetadata),
    (DataRow, "predictions", Prediction),
    (Dataset, "projects", Project),
    (Dataset, "data_rows", DataRow),
    (Label, "reviews", Review),
    (LabelingFrontend, "projects", Project),
    (Ontology, "projects", Project),
    (Organization, "users", User),
    (Organization, "projects", Project),
    (Organization, "webhooks", Webhook),
    (Project, "datasets", Dataset),
    (Project, "reviews", Review),
    (Project, "labeling_frontend_options", LabelingFrontendOptions),
    (Project, "labeling_parameter_overrides", LabelingParameterOverride),
    (Project, "webhooks", Webhook),
    (Project, "benchmarks", Benchmark),
    (Project, "predictions", Prediction),
    (User, "created_tasks", Task),
    (User, "projects", Project),
]


def test_every_to_many_relationship_in_the_small(world: World) -> None:
    for cls, name, target in TO_MANY:
        assert isinstance(getattr(cls, name), ToMany), (cls, name)
        collection = getattr(world.entity(cls), name)()
        assert isinstance(collection, PaginatedCollection), (cls.__name__, name)
        items = list(collection)
        assert items, (cls.__name__, name)
        assert all(isinstance(item, target) for item in items), (cls.__name__, name)
    assert list(world.data_row.labels()) == [world.label]
    assert [m.uid for m in world.data_row.metadata()] == [world.metadata.uid]
    assert list(world.label.reviews()) == [world.review]
    assert list(world.project.benchmarks()) == [world.benchmark]
    assert list(world.project.predictions()) == [world.prediction]
    assert list(world.project.webhooks()) == [world.webhook]
    assert list(world.organization.users()) == [world.user]
    assert list(world.user.created_tasks()) == [world.task]
