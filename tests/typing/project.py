"""Typing contract of ``labelbox.schema.project`` (Project, LabelingParameterOverride,
LabelerPerformance), as a user script sees it. Only type-checked, never executed."""
# pyright: strict

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from typing_extensions import assert_type

from labelbox import (
    Benchmark,
    BulkImportRequest,
    Client,
    Dataset,
    Field,
    Label,
    LabelingFrontend,
    LabelingFrontendOptions,
    Ontology,
    OntologyBuilder,
    Order,
    Organization,
    PaginatedCollection,
    Prediction,
    PredictionModel,
    Project,
    Review,
    User,
    Webhook,
)
from labelbox.orm.db_object import DbObject, Deletable, Updateable
from labelbox.orm.model import Relationship, ToMany, ToManyManager, ToOne, ToOneManager
from labelbox.schema.data_row import DataRow
from labelbox.schema.project import LabelerPerformance, LabelingParameterOverride, QueuedDataRow


def fields(client: Client) -> None:
    project = client.get_project("<project_id>")
    assert_type(project.uid, str)
    assert_type(project.name, str)
    assert_type(project.description, str | None)
    assert_type(project.updated_at, datetime)
    assert_type(project.created_at, datetime)
    assert_type(project.setup_complete, datetime | None)
    assert_type(project.last_activity_time, datetime | None)
    assert_type(project.auto_audit_number_of_labels, int | None)
    assert_type(project.auto_audit_percentage, float | None)
    assert_type(project.showing_predictions_to_labelers, bool | None)
    assert_type(project.client, Client)
    # Local assignment of a field value (the server is written by update()).
    project.name = "renamed"
    project.description = None
    project.setup_complete = datetime.now()


def class_fields() -> None:
    assert_type(Project.uid, Field[Project, str])
    assert_type(Project.name, Field[Project, str])
    assert_type(Project.description, Field[Project, str | None])
    assert_type(Project.updated_at, Field[Project, datetime])
    assert_type(Project.created_at, Field[Project, datetime])
    assert_type(Project.setup_complete, Field[Project, datetime | None])
    assert_type(Project.last_activity_time, Field[Project, datetime | None])
    assert_type(Project.auto_audit_number_of_labels, Field[Project, int | None])
    assert_type(Project.auto_audit_percentage, Field[Project, float | None])
    assert_type(Project.showing_predictions_to_labelers, Field[Project, bool | None])
    assert_type(Project.name.name, str)
    assert_type(Project.name.graphql_name, str)


def class_relationships() -> None:
    assert_type(Project.datasets, ToMany[Dataset])
    assert_type(Project.created_by, ToOne[User])
    assert_type(Project.organization, ToOne[Organization])
    assert_type(Project.reviews, ToMany[Review])
    assert_type(Project.labeling_frontend, ToOne[LabelingFrontend])
    assert_type(Project.labeling_frontend_options, ToMany[LabelingFrontendOptions])
    assert_type(Project.labeling_parameter_overrides, ToMany[LabelingParameterOverride])
    assert_type(Project.webhooks, ToMany[Webhook])
    assert_type(Project.benchmarks, ToMany[Benchmark])
    assert_type(Project.active_prediction_model, ToOne[PredictionModel])
    assert_type(Project.predictions, ToMany[Prediction])
    assert_type(Project.ontology, ToOne[Ontology])
    assert_type(Project.bulk_import_requests, ToMany[BulkImportRequest])
    assert_type(Project.datasets.target, type[Dataset])
    assert_type(Project.created_by.target, type[User])
    assert_type(Project.datasets.name, str)
    assert_type(Project.datasets.graphql_name, str)


def relationships(client: Client) -> None:
    project = client.get_project("<project_id>")
    assert_type(project.datasets, ToManyManager[Dataset])
    assert_type(project.created_by, ToOneManager[User])
    assert_type(project.datasets(), PaginatedCollection[Dataset])
    assert_type(project.created_by(), User | None)
    assert_type(project.organization(), Organization | None)
    assert_type(project.reviews(), PaginatedCollection[Review])
    assert_type(project.labeling_frontend(), LabelingFrontend | None)
    assert_type(project.labeling_frontend_options(), PaginatedCollection[LabelingFrontendOptions])
    assert_type(
        project.labeling_parameter_overrides(), PaginatedCollection[LabelingParameterOverride]
    )
    assert_type(project.webhooks(), PaginatedCollection[Webhook])
    assert_type(project.benchmarks(), PaginatedCollection[Benchmark])
    assert_type(project.active_prediction_model(), PredictionModel | None)
    assert_type(project.predictions(), PaginatedCollection[Prediction])
    assert_type(project.ontology(), Ontology | None)
    assert_type(project.bulk_import_requests(), PaginatedCollection[BulkImportRequest])
    # Filtering and ordering the related objects.
    assert_type(
        project.datasets(where=Dataset.name == "x", order_by=(Dataset.name, Order.Asc)),
        PaginatedCollection[Dataset],
    )
    assert_type(project.datasets(order_by=Dataset.created_at.desc), PaginatedCollection[Dataset])
    # connect / disconnect take the relationship's target type.
    dataset = client.get_dataset("<dataset_id>")
    assert_type(project.datasets.connect(dataset), None)
    assert_type(project.datasets.disconnect(dataset), None)
    frontend = next(iter(client.get_labeling_frontends()))
    assert_type(project.labeling_frontend.connect(frontend), None)
    assert_type(project.labeling_frontend.disconnect(frontend), None)


def labels(client: Client) -> None:
    project = client.get_project("<project_id>")
    dataset = client.get_dataset("<dataset_id>")
    assert_type(project.labels(), PaginatedCollection[Label])
    assert_type(project.labels(datasets=[dataset]), PaginatedCollection[Label])
    assert_type(project.labels(datasets=project.datasets()), PaginatedCollection[Label])
    assert_type(project.labels(order_by=(Label.created_at, Order.Asc)), PaginatedCollection[Label])
    assert_type(
        project.labels(datasets=(dataset,), order_by=Label.created_at.desc),
        PaginatedCollection[Label],
    )
    data_row = next(iter(dataset.data_rows()))
    assert_type(project.create_label(label="{}", data_row=data_row), Label)  # pyright: ignore[reportDeprecated]
    assert_type(project.export_labels(), str | None)
    assert_type(project.export_labels(timeout_seconds=5), str | None)
    queued = project.export_queued_data_rows()
    assert_type(queued, list[QueuedDataRow])
    assert_type(
        project.export_queued_data_rows(timeout_seconds=300, show_progress=True),
        list[QueuedDataRow],
    )
    assert_type(queued[0]["id"], str)
    assert_type(queued[0].get("externalId"), str | None)
    assert_type(project.export_labels(timeout_seconds=0.5), str | None)
    assert_type(project.export_labels(download="labels.json"), str | None)
    assert_type(project.export_labels(120, True, download=Path("labels.json")), str | None)
    assert_type(project.datasets().with_progress(), Iterator[Dataset])
    assert_type(project.labels().with_progress(desc="Labels", total=10), Iterator[Label])


def setup_and_queue(client: Client) -> None:
    project = client.get_project("<project_id>")
    frontend = next(iter(client.get_labeling_frontends(where=LabelingFrontend.name == "Editor")))
    assert_type(project.setup(frontend, OntologyBuilder().asdict()), None)
    assert_type(project.setup(frontend, '{"tools": []}'), None)
    assert_type(project.upsert_instructions("instructions.pdf"), None)
    data_row = next(iter(next(iter(project.datasets())).data_rows()))
    assert_type(project.set_labeling_parameter_overrides([(data_row, 2, 3)]), bool)
    assert_type(project.unset_labeling_parameter_overrides([data_row]), bool)
    assert_type(project.upsert_review_queue(0.5), None)
    assert_type(project.extend_reservations("LabelingQueue"), int)
    assert_type(project.extend_reservations("ReviewQueue"), int)
    assert_type(project.export_issues(), str | None)
    assert_type(project.export_issues("Open"), str | None)
    assert_type(
        project.export_issues("Open", download=Path("issues.json"), show_progress=True), str | None
    )


def overrides(client: Client) -> None:
    project = client.get_project("<project_id>")
    for override in project.labeling_parameter_overrides():
        assert_type(override, LabelingParameterOverride)
        assert_type(override.uid, str)
        assert_type(override.priority, int)
        assert_type(override.number_of_labels, int)
        assert_type(override.data_row(), DataRow | None)
    assert_type(LabelingParameterOverride.priority, Field[LabelingParameterOverride, int])
    assert_type(LabelingParameterOverride.number_of_labels, Field[LabelingParameterOverride, int])
    assert_type(LabelingParameterOverride.data_row, ToOne[DataRow])


def metrics(client: Client) -> None:
    project = client.get_project("<project_id>")
    performances = project.labeler_performance()
    assert_type(performances, PaginatedCollection[LabelerPerformance])
    for performance in performances:
        assert_type(performance.user, User)
        assert_type(performance.count, int)
        assert_type(performance.seconds_per_label, float)
        assert_type(performance.total_time_labeling, float)
        assert_type(performance.consensus, float | None)
        assert_type(performance.average_benchmark_agreement, float | None)
        assert_type(performance.last_activity_time, datetime)
    assert_type(project.review_metrics(None), int)
    assert_type(project.review_metrics(Review.NetScore.Positive), int)
    assert_type(project.review_metrics(net_score=Review.NetScore.Negative), int)


def model_assisted_labeling(client: Client) -> None:
    project = client.get_project("<project_id>")
    assert_type(project.enable_model_assisted_labeling(), bool)
    assert_type(project.enable_model_assisted_labeling(toggle=False), bool)
    model = project.create_prediction_model("model", 1)  # pyright: ignore[reportDeprecated]
    assert_type(model, PredictionModel)
    assert_type(project.create_prediction_model(name="model", version=2), PredictionModel)  # pyright: ignore[reportDeprecated]
    data_row = next(iter(next(iter(project.datasets())).data_rows()))
    assert_type(project.create_prediction("{}", data_row), Prediction)  # pyright: ignore[reportDeprecated]
    assert_type(project.create_prediction("{}", data_row, model), Prediction)  # pyright: ignore[reportDeprecated]
    assert_type(
        project.create_prediction(label="{}", data_row=data_row, prediction_model=None),  # pyright: ignore[reportDeprecated]
        Prediction,
    )
    annotations: list[dict[str, Any]] = [{"uuid": "u", "dataRow": {"id": data_row.uid}}]
    assert_type(project.upload_annotations("import", annotations), BulkImportRequest)
    assert_type(project.upload_annotations("import", "https://host/a.ndjson"), BulkImportRequest)
    assert_type(project.upload_annotations("import", Path("a.ndjson")), BulkImportRequest)
    assert_type(
        project.upload_annotations(name="import", annotations=annotations, validate=False),
        BulkImportRequest,
    )


def updates_and_introspection(client: Client) -> None:
    project = client.get_project("<project_id>")
    assert_type(project.update(name="new name", description="d"), None)
    assert_type(project.delete(), None)
    assert_type(Project.type_name(), str)
    assert_type(Project.fields(), dict[str, Field[Any, Any]])
    assert_type(Project.relationships(), dict[str, Relationship[Any]])
    assert_type(Project.field("name"), Field[Any, Any])
    assert_type(Project.attribute("datasets"), Field[Any, Any] | Relationship[Any])
    assert_type(project == project, bool)
    assert_type(hash(project), int)
    assert_type(repr(project), str)
    # The documented bases.
    _as_db_object: type[DbObject] = Project
    _as_updateable: type[Updateable] = Project
    _as_deletable: type[Deletable] = Project
    assert_type(Project(client, {"id": "x", "name": "n"}), Project)
