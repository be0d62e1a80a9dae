"""Prediction and PredictionModel (legacy editor)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from labelbox.orm.db_object import DbObject
from labelbox.orm.model import Field, ToMany, ToOne

if TYPE_CHECKING:
    from labelbox.schema.data_row import DataRow
    from labelbox.schema.organization import Organization
    from labelbox.schema.project import Project
    from labelbox.schema.user import User


class PredictionModel(DbObject):
    """A PredictionModel creates a Prediction. Legacy editor only.

    Refer to BulkImportRequest if using the new Editor.
    """

    _fragment = "PredictionModelFields"

    updated_at: Field[PredictionModel, datetime] = Field("updatedAt")
    created_at: Field[PredictionModel, datetime] = Field("createdAt")
    name: Field[PredictionModel, str] = Field("name")
    slug: Field[PredictionModel, str | None] = Field("slug")
    version: Field[PredictionModel, int] = Field("version")

    created_by: ToOne[User] = ToOne("User")
    organization: ToOne[Organization] = ToOne("Organization")
    created_predictions: ToMany[Prediction] = ToMany("Prediction")


class Prediction(DbObject):
    """A prediction created by a PredictionModel. Legacy editor only.

    Refer to BulkImportRequest if using the new Editor.
    """

    _fragment = "PredictionFields"

    updated_at: Field[Prediction, datetime] = Field("updatedAt")
    created_at: Field[Prediction, datetime] = Field("createdAt")
    label: Field[Prediction, str] = Field("label")
    agreement: Field[Prediction, float | None] = Field("agreement")

    organization: ToOne[Organization] = ToOne("Organization")
    prediction_model: ToOne[PredictionModel] = ToOne("PredictionModel")
    data_row: ToOne[DataRow] = ToOne("DataRow")
    project: ToOne[Project] = ToOne("Project")
