"""Typing contract of Organization, User, Role, LabelingFrontend,
LabelingFrontendOptions, Prediction and PredictionModel, the ``labelbox`` top-level
exports and ``labelbox.schema.enums``. Only type-checked, never executed."""
# pyright: strict

from __future__ import annotations

from datetime import datetime

from typing_extensions import assert_type

import labelbox
import labelbox.schema.asset_metadata
import labelbox.schema.benchmark
import labelbox.schema.bulk_import_request
import labelbox.schema.dataset
import labelbox.schema.label
import labelbox.schema.ontology
import labelbox.schema.review
from labelbox import (
    AssetMetadata,
    Benchmark,
    BulkImportRequest,
    Client,
    DataRow,
    Dataset,
    Field,
    Label,
    LabelingFrontend,
    LabelingFrontendOptions,
    LabelingParameterOverride,
    Ontology,
    Organization,
    PaginatedCollection,
    Prediction,
    PredictionModel,
    Project,
    Review,
    Role,
    Task,
    User,
    Webhook,
)
from labelbox.orm.db_object import DbObject
from labelbox.orm.model import ToMany, ToOne
from labelbox.schema import enums


def organization(client: Client) -> None:
    organization = client.get_organization()
    assert_type(organization.uid, str)
    assert_type(organization.updated_at, datetime)
    assert_type(organization.created_at, datetime)
    assert_type(organization.name, str)
    assert_type(organization.users(), PaginatedCollection[User])
    assert_type(organization.projects(), PaginatedCollection[Project])
    assert_type(organization.webhooks(), PaginatedCollection[Webhook])
    assert_type(Organization.updated_at, Field[Organization, datetime])
    assert_type(Organization.created_at, Field[Organization, datetime])
    assert_type(Organization.name, Field[Organization, str])
    assert_type(Organization.users, ToMany[User])
    assert_type(Organization.projects, ToMany[Project])
    assert_type(Organization.webhooks, ToMany[Webhook])
    _base: type[DbObject] = Organization


def user(client: Client) -> None:
    user = client.get_user()
    assert_type(user.uid, str)
    assert_type(user.updated_at, datetime)
    assert_type(user.created_at, datetime)
    assert_type(user.email, str)
    assert_type(user.name, str | None)
    assert_type(user.nickname, str | None)
    assert_type(user.intercom_hash, str | None)
    assert_type(user.picture, str | None)
    assert_type(user.is_viewer, bool)
    assert_type(user.is_external_viewer, bool)
    assert_type(user.is_external_user, bool)
    assert_type(user.organization(), Organization | None)
    assert_type(user.created_tasks(), PaginatedCollection[Task])
    assert_type(user.projects(), PaginatedCollection[Project])
    assert_type(user.org_role(), Role | None)
    assert_type(User.updated_at, Field[User, datetime])
    assert_type(User.created_at, Field[User, datetime])
    assert_type(User.email, Field[User, str])
    assert_type(User.name, Field[User, str | None])
    assert_type(User.nickname, Field[User, str | None])
    assert_type(User.intercom_hash, Field[User, str | None])
    assert_type(User.picture, Field[User, str | None])
    assert_type(User.is_viewer, Field[User, bool])
    assert_type(User.is_external_viewer, Field[User, bool])
    assert_type(User.is_external_user, Field[User, bool])
    assert_type(User.organization, ToOne[Organization])
    assert_type(User.created_tasks, ToMany[Task])
    assert_type(User.projects, ToMany[Project])
    assert_type(User.org_role, ToOne[Role])
    _base: type[DbObject] = User


def role(client: Client) -> None:
    role = client.get_user().org_role()
    if role is not None:
        assert_type(role.uid, str)
        assert_type(role.name, str)
    assert_type(Role.name, Field[Role, str])


def labeling_frontend(client: Client) -> None:
    frontend = next(iter(client.get_labeling_frontends()))
    assert_type(frontend, LabelingFrontend)
    assert_type(frontend.uid, str)
    assert_type(frontend.name, str)
    assert_type(frontend.description, str | None)
    assert_type(frontend.iframe_url_path, str | None)
    assert_type(frontend.projects(), PaginatedCollection[Project])
    assert_type(LabelingFrontend.name, Field[LabelingFrontend, str])
    assert_type(LabelingFrontend.description, Field[LabelingFrontend, str | None])
    assert_type(LabelingFrontend.iframe_url_path, Field[LabelingFrontend, str | None])
    assert_type(LabelingFrontend.projects, ToMany[Project])
    for options in client.get_project("<project_id>").labeling_frontend_options():
        assert_type(options, LabelingFrontendOptions)
        assert_type(options.uid, str)
        assert_type(options.customization_options, str)
        assert_type(options.project(), Project | None)
        assert_type(options.labeling_frontend(), LabelingFrontend | None)
        assert_type(options.organization(), Organization | None)
    assert_type(LabelingFrontendOptions.customization_options, Field[LabelingFrontendOptions, str])
    assert_type(LabelingFrontendOptions.project, ToOne[Project])
    assert_type(LabelingFrontendOptions.labeling_frontend, ToOne[LabelingFrontend])
    assert_type(LabelingFrontendOptions.organization, ToOne[Organization])
    _bases: tuple[type[DbObject], type[DbObject]] = (LabelingFrontend, LabelingFrontendOptions)


def predictions(client: Client) -> None:
    project = client.get_project("<project_id>")
    model = project.active_prediction_model()
    assert_type(model, PredictionModel | None)
    if model is not None:
        assert_type(model.uid, str)
        assert_type(model.updated_at, datetime)
        assert_type(model.created_at, datetime)
        assert_type(model.name, str)
        assert_type(model.slug, str | None)
        assert_type(model.version, int)
        assert_type(model.created_by(), User | None)
        assert_type(model.organization(), Organization | None)
        assert_type(model.created_predictions(), PaginatedCollection[Prediction])
    assert_type(PredictionModel.updated_at, Field[PredictionModel, datetime])
    assert_type(PredictionModel.created_at, Field[PredictionModel, datetime])
    assert_type(PredictionModel.name, Field[PredictionModel, str])
    assert_type(PredictionModel.slug, Field[PredictionModel, str | None])
    assert_type(PredictionModel.version, Field[PredictionModel, int])
    assert_type(PredictionModel.created_by, ToOne[User])
    assert_type(PredictionModel.organization, ToOne[Organization])
    assert_type(PredictionModel.created_predictions, ToMany[Prediction])
    for prediction in project.predictions():
        assert_type(prediction, Prediction)
        assert_type(prediction.uid, str)
        assert_type(prediction.updated_at, datetime)
        assert_type(prediction.created_at, datetime)
        assert_type(prediction.label, str)
        assert_type(prediction.agreement, float | None)
        assert_type(prediction.organization(), Organization | None)
        assert_type(prediction.prediction_model(), PredictionModel | None)
        assert_type(prediction.data_row(), DataRow | None)
        assert_type(prediction.project(), Project | None)
    assert_type(Prediction.updated_at, Field[Prediction, datetime])
    assert_type(Prediction.created_at, Field[Prediction, datetime])
    assert_type(Prediction.label, Field[Prediction, str])
    assert_type(Prediction.agreement, Field[Prediction, float | None])
    assert_type(Prediction.organization, ToOne[Organization])
    assert_type(Prediction.prediction_model, ToOne[PredictionModel])
    assert_type(Prediction.data_row, ToOne[DataRow])
    assert_type(Prediction.project, ToOne[Project])
    _bases: tuple[type[DbObject], type[DbObject]] = (Prediction, PredictionModel)


def top_level_exports() -> None:
    # ``from labelbox import ...`` names of the design's contract, as classes.
    assert_type(labelbox.Client, type[Client])
    assert_type(labelbox.Project, type[Project])
    assert_type(labelbox.Dataset, type[labelbox.schema.dataset.Dataset])
    assert_type(labelbox.DataRow, type[DataRow])
    assert_type(labelbox.Label, type[labelbox.schema.label.Label])
    assert_type(labelbox.Review, type[labelbox.schema.review.Review])
    assert_type(labelbox.User, type[User])
    assert_type(labelbox.Organization, type[Organization])
    assert_type(labelbox.Task, type[Task])
    assert_type(labelbox.LabelingFrontend, type[LabelingFrontend])
    assert_type(labelbox.AssetMetadata, type[labelbox.schema.asset_metadata.AssetMetadata])
    assert_type(labelbox.Webhook, type[Webhook])
    assert_type(labelbox.Benchmark, type[labelbox.schema.benchmark.Benchmark])
    assert_type(labelbox.Prediction, type[Prediction])
    assert_type(labelbox.PredictionModel, type[PredictionModel])
    assert_type(labelbox.Ontology, type[labelbox.schema.ontology.Ontology])
    assert_type(labelbox.OntologyBuilder, type[labelbox.schema.ontology.OntologyBuilder])
    assert_type(
        labelbox.BulkImportRequest, type[labelbox.schema.bulk_import_request.BulkImportRequest]
    )


def enumerations() -> None:
    assert_type(enums.TaskStatus("COMPLETE"), enums.TaskStatus)
    assert_type(enums.BulkImportRequestState("RUNNING"), enums.BulkImportRequestState)
    assert_type(enums.WebhookStatus("ACTIVE"), enums.WebhookStatus)
    assert_type(enums.WebhookTopic("LABEL_CREATED"), enums.WebhookTopic)
    assert_type(enums.AssetMetadataType("TEXT"), enums.AssetMetadataType)
    assert_type(enums.AttachmentType("TEXT"), enums.AttachmentType)
    assert_type(enums.QueueType("LabelingQueue"), enums.QueueType)


def uids() -> None:
    # ``uid`` (the server ``id``) is declared once on DbObject, inherited by all.
    assert_type(AssetMetadata.uid, Field[AssetMetadata, str])
    assert_type(Benchmark.uid, Field[Benchmark, str])
    assert_type(BulkImportRequest.uid, Field[BulkImportRequest, str])
    assert_type(DataRow.uid, Field[DataRow, str])
    assert_type(Dataset.uid, Field[Dataset, str])
    assert_type(Label.uid, Field[Label, str])
    assert_type(LabelingFrontend.uid, Field[LabelingFrontend, str])
    assert_type(LabelingFrontendOptions.uid, Field[LabelingFrontendOptions, str])
    assert_type(LabelingParameterOverride.uid, Field[LabelingParameterOverride, str])
    assert_type(Ontology.uid, Field[Ontology, str])
    assert_type(Organization.uid, Field[Organization, str])
    assert_type(Prediction.uid, Field[Prediction, str])
    assert_type(PredictionModel.uid, Field[PredictionModel, str])
    assert_type(Project.uid, Field[Project, str])
    assert_type(Review.uid, Field[Review, str])
    assert_type(Role.uid, Field[Role, str])
    assert_type(Task.uid, Field[Task, str])
    assert_type(User.uid, Field[User, str])
    assert_type(Webhook.uid, Field[Webhook, str])
