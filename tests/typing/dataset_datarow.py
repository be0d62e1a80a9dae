"""Typing contract of ``labelbox.schema.dataset.Dataset``, ``labelbox.schema.data_row.
DataRow`` and ``labelbox.schema.asset_metadata.AssetMetadata``. Only type-checked."""
# pyright: strict

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import JsonValue
from typing_extensions import assert_type

from labelbox import (
    AssetMetadata,
    Client,
    DataRow,
    Dataset,
    Field,
    Label,
    Organization,
    PaginatedCollection,
    Prediction,
    Project,
    Task,
    User,
)
from labelbox.orm.db_object import BulkDeletable, DbObject, Deletable, Updateable
from labelbox.orm.model import ToMany, ToManyManager, ToOne, ToOneManager
from labelbox.schema.asset_attachment import AssetAttachment
from labelbox.schema.enums import AssetMetadataType, AttachmentType, UnknownValue


def dataset_fields(client: Client) -> None:
    dataset = client.get_dataset("<dataset_id>")
    assert_type(dataset.uid, str)
    assert_type(dataset.name, str)
    assert_type(dataset.description, str | None)
    assert_type(dataset.updated_at, datetime)
    assert_type(dataset.created_at, datetime)
    assert_type(Dataset.uid, Field[Dataset, str])
    assert_type(Dataset.name, Field[Dataset, str])
    assert_type(Dataset.description, Field[Dataset, str | None])
    assert_type(Dataset.updated_at, Field[Dataset, datetime])
    assert_type(Dataset.created_at, Field[Dataset, datetime])
    _bases: tuple[type[DbObject], type[Updateable], type[Deletable]] = (Dataset, Dataset, Dataset)


def dataset_relationships(client: Client) -> None:
    dataset = client.get_dataset("<dataset_id>")
    assert_type(Dataset.projects, ToMany[Project])
    assert_type(Dataset.data_rows, ToMany[DataRow])
    assert_type(Dataset.created_by, ToOne[User])
    assert_type(Dataset.organization, ToOne[Organization])
    assert_type(dataset.projects, ToManyManager[Project])
    assert_type(dataset.created_by, ToOneManager[User])
    assert_type(dataset.projects(), PaginatedCollection[Project])
    assert_type(dataset.data_rows(), PaginatedCollection[DataRow])
    assert_type(dataset.data_rows(where=DataRow.external_id == "x"), PaginatedCollection[DataRow])
    assert_type(dataset.created_by(), User | None)
    assert_type(dataset.organization(), Organization | None)
    project = client.get_project("<project_id>")
    assert_type(dataset.projects.connect(project), None)
    assert_type(dataset.projects.disconnect(project), None)


def dataset_methods(client: Client) -> None:
    dataset = client.get_dataset("<dataset_id>")
    assert_type(dataset.create_data_row(row_data="http://my_site.com/photos/img_01.jpg"), DataRow)
    assert_type(dataset.create_data_row(row_data="img.jpg", external_id="x"), DataRow)
    items: list[dict[Any, Any]] = [{DataRow.row_data: "http://my_site.com/photos/img_01.jpg"}]
    assert_type(dataset.create_data_rows(items), Task)
    assert_type(
        dataset.create_data_rows(
            [{DataRow.row_data: "http://my_site.com/photos/img_01.jpg"}, "path/to/file2.jpg"]
        ),
        Task,
    )
    assert_type(dataset.create_data_rows([{"row_data": "x", "external_id": "y"}]), Task)
    assert_type(dataset.create_data_rows(["a.jpg", Path("b.jpg")], show_progress=True), Task)
    assert_type(dataset.create_data_rows(iter(["a.jpg"])), Task)
    assert_type(dataset.data_row_for_external_id("x"), DataRow)
    assert_type(dataset.data_rows_for_external_id("x"), list[DataRow])
    assert_type(dataset.data_rows_for_external_id("x", limit=2), list[DataRow])
    assert_type(dataset.update(name="n", description="d"), None)
    assert_type(dataset.delete(), None)


def data_row_fields(client: Client) -> None:
    data_row = next(iter(client.get_dataset("<dataset_id>").data_rows()))
    assert_type(data_row, DataRow)
    assert_type(data_row.uid, str)
    assert_type(data_row.external_id, str | None)
    assert_type(data_row.row_data, str)
    assert_type(data_row.updated_at, datetime)
    assert_type(data_row.created_at, datetime)
    assert_type(data_row.media_attributes, JsonValue)
    assert_type(DataRow.external_id, Field[DataRow, str | None])
    assert_type(DataRow.row_data, Field[DataRow, str])
    assert_type(DataRow.updated_at, Field[DataRow, datetime])
    assert_type(DataRow.created_at, Field[DataRow, datetime])
    assert_type(DataRow.media_attributes, Field[DataRow, JsonValue])
    assert_type(DataRow.supported_meta_types, frozenset[str])
    _bases: tuple[type[DbObject], type[Updateable], type[BulkDeletable]] = (
        DataRow,
        DataRow,
        DataRow,
    )


def data_row_relationships(client: Client) -> None:
    data_row = next(iter(client.get_dataset("<dataset_id>").data_rows()))
    assert_type(DataRow.dataset, ToOne[Dataset])
    assert_type(DataRow.created_by, ToOne[User])
    assert_type(DataRow.organization, ToOne[Organization])
    assert_type(DataRow.labels, ToMany[Label])
    assert_type(DataRow.metadata, ToMany[AssetMetadata])
    assert_type(DataRow.predictions, ToMany[Prediction])
    assert_type(data_row.dataset(), Dataset | None)
    assert_type(data_row.created_by(), User | None)
    assert_type(data_row.organization(), Organization | None)
    assert_type(data_row.labels(), PaginatedCollection[Label])
    assert_type(data_row.metadata(), PaginatedCollection[AssetMetadata])
    assert_type(data_row.predictions(), PaginatedCollection[Prediction])
    assert_type(DataRow.attachments, ToMany[AssetAttachment])
    assert_type(data_row.attachments(), PaginatedCollection[AssetAttachment])


def asset_attachments(client: Client) -> None:
    data_row = next(iter(client.get_dataset("<dataset_id>").data_rows()))
    attachment = data_row.create_attachment("TEXT", "a note")
    assert_type(attachment, AssetAttachment)
    assert_type(
        data_row.create_attachment(AttachmentType.IMAGE, "https://x/a.png"), AssetAttachment
    )
    assert_type(attachment.uid, str)
    assert_type(attachment.type_, AttachmentType | UnknownValue)
    assert_type(attachment.attachment_type, AttachmentType | UnknownValue)
    assert_type(attachment.value, str)
    assert_type(attachment.attachment_value, str)
    assert_type(AssetAttachment.uid, Field[AssetAttachment, str])
    assert_type(AssetAttachment.type_, Field[AssetAttachment, AttachmentType | UnknownValue])
    assert_type(
        AssetAttachment.attachment_type, Field[AssetAttachment, AttachmentType | UnknownValue]
    )
    assert_type(AssetAttachment.value, Field[AssetAttachment, str])
    assert_type(AssetAttachment.attachment_value, Field[AssetAttachment, str])
    assert_type(DataRow.supported_attachment_types, frozenset[str])


def data_row_methods(client: Client) -> None:
    dataset = client.get_dataset("<dataset_id>")
    data_row = next(iter(dataset.data_rows()))
    assert_type(data_row.create_metadata("TEXT", "This is a text message"), AssetMetadata)  # pyright: ignore[reportDeprecated]
    assert_type(data_row.create_metadata(AssetMetadata.IMAGE, "https://host/a.png"), AssetMetadata)  # pyright: ignore[reportDeprecated]
    assert_type(data_row.create_metadata(meta_type="VIDEO", meta_value="v"), AssetMetadata)  # pyright: ignore[reportDeprecated]
    assert_type(DataRow.bulk_delete([data_row]), None)
    assert_type(DataRow.bulk_delete(dataset.data_rows()), None)
    assert_type(data_row.delete(), None)
    assert_type(data_row.update(external_id="new"), None)


def asset_metadata(client: Client) -> None:
    data_row = next(iter(client.get_dataset("<dataset_id>").data_rows()))
    for metadata in data_row.metadata():
        assert_type(metadata, AssetMetadata)
        assert_type(metadata.uid, str)
        assert_type(metadata.meta_type, AssetMetadataType | UnknownValue)
        assert_type(metadata.meta_value, str)
    assert_type(AssetMetadata.meta_type, Field[AssetMetadata, AssetMetadataType | UnknownValue])
    assert_type(AssetMetadata.meta_value, Field[AssetMetadata, str])
    assert_type(AssetMetadata.MetaType("TEXT"), AssetMetadataType)
    _member: AssetMetadata.MetaType = AssetMetadata.MetaType.IMAGE_OVERLAY
    # Constants: literal types differ between checkers, so they are checked by assignment.
    _constants: tuple[str, str, str, str] = (
        AssetMetadata.VIDEO,
        AssetMetadata.IMAGE,
        AssetMetadata.TEXT,
        AssetMetadata.IMAGE_OVERLAY,
    )
    _base: type[DbObject] = AssetMetadata


def meta_type_alias(meta_type: AssetMetadata.MetaType) -> None:
    # ``AssetMetadata.MetaType`` is usable as a type: it is the generated enum.
    assert_type(meta_type, AssetMetadataType)
    _value: str = meta_type.value
