"""DataRow: a single piece of data (image, video, text) to be labeled."""

from __future__ import annotations

from collections.abc import Iterable

from labelbox.schema.asset_metadata import AssetMetadata
from labelbox_gen.entities import DataRowBase


class DataRow(DataRowBase):
    """Internal Labelbox representation of a single piece of data (e.g. image, video,
    text)."""

    #: Accepted values of ``create_metadata``'s meta_type.
    supported_meta_types: frozenset[str] = frozenset(
        member.value for member in AssetMetadata.MetaType
    )

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
