"""DataRow: a single piece of data (image, video, text) to be labeled."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from labelbox.orm.db_object import BulkDeletable, Updateable
from labelbox.orm.model import Field, ToMany, ToOne
from labelbox.schema.asset_metadata import AssetMetadata

if TYPE_CHECKING:
    from pydantic import JsonValue

    from labelbox.schema.dataset import Dataset
    from labelbox.schema.label import Label
    from labelbox.schema.organization import Organization
    from labelbox.schema.prediction import Prediction
    from labelbox.schema.user import User


class DataRow(Updateable, BulkDeletable):
    """Internal Labelbox representation of a single piece of data (e.g. image, video,
    text)."""

    _fragment = "DataRowFields"
    _soft_deletable = False

    #: User-generated file name or identifier.
    external_id: Field[DataRow, str | None] = Field("externalId")
    #: URL of the data (local paths are uploaded on creation).
    row_data: Field[DataRow, str] = Field("rowData")
    updated_at: Field[DataRow, datetime] = Field("updatedAt")
    created_at: Field[DataRow, datetime] = Field("createdAt")
    media_attributes: Field[DataRow, JsonValue] = Field("mediaAttributes")

    dataset: ToOne[Dataset] = ToOne("Dataset")
    created_by: ToOne[User] = ToOne("User")
    organization: ToOne[Organization] = ToOne("Organization")
    labels: ToMany[Label] = ToMany("Label")
    metadata: ToMany[AssetMetadata] = ToMany("AssetMetadata")
    predictions: ToMany[Prediction] = ToMany("Prediction")

    #: Accepted values of ``create_metadata``'s meta_type.
    supported_meta_types = frozenset(member.value for member in AssetMetadata.MetaType)

    @staticmethod
    def bulk_delete(data_rows: Iterable[DataRow]) -> None:
        """Deletes all the given DataRows."""
        DataRow._bulk_delete(data_rows)

    def create_metadata(self, meta_type: str, meta_value: str) -> AssetMetadata:
        """Attaches asset metadata to a DataRow, e.g.
        ``datarow.create_metadata("TEXT", "This is a text message")``.

        Raises:
            ValueError: meta_type must be one of VIDEO, IMAGE, TEXT, IMAGE_OVERLAY.
        """
        from labelbox_gen.enums import AttachmentType

        value = getattr(meta_type, "value", meta_type)
        if value not in self.supported_meta_types:
            raise ValueError(
                f"meta_type must be one of {sorted(self.supported_meta_types)}. Found {meta_type!r}"
            )
        if not isinstance(meta_value, str):
            raise TypeError(f"meta_value must be a str, got {type(meta_value).__name__}")
        attachment = self.client._gen.create_data_row_attachment(
            data_row_id=self.uid, type_=AttachmentType(value), value=meta_value
        )
        return AssetMetadata(
            self.client,
            {
                "id": attachment.id,
                "metaType": attachment.type_.value,
                "metaValue": attachment.value,
            },
        )
