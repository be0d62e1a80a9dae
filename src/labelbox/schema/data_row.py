"""DataRow: a single piece of data (image, video, text) to be labeled."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from typing_extensions import deprecated

from labelbox._generated.entities import DataRowBase
from labelbox.schema.asset_metadata import AssetMetadata
from labelbox.schema.enums import AttachmentType, UnknownValue, check_enum_value

if TYPE_CHECKING:
    from labelbox.schema.asset_attachment import AssetAttachment


class DataRow(DataRowBase):
    """Internal Labelbox representation of a single piece of data (e.g. image, video,
    text).

    Created with ``dataset.create_data_row(...)`` or in bulk with
    ``dataset.create_data_rows(...)``; changed with the typed ``update(**kwargs)``.
    """

    #: Accepted values of ``create_metadata``'s meta_type.
    supported_meta_types: frozenset[str] = frozenset(
        member.value for member in AssetMetadata.MetaType
    )
    #: Accepted values of ``create_attachment``'s attachment_type.
    supported_attachment_types: frozenset[str] = frozenset(
        member.value for member in AttachmentType
    )

    @staticmethod
    def bulk_delete(data_rows: Iterable[DataRow]) -> None:
        """Deletes all the given DataRows (in one request).

        Args:
            data_rows: The DataRows to delete.

        Raises:
            labelbox.exceptions.InvalidQueryError: If the objects are not all DataRows.

        Example:
            >>> DataRow.bulk_delete(dataset.data_rows().get_many(100))
        """
        DataRow._bulk_delete(data_rows)

    def create_attachment(
        self, attachment_type: str | AttachmentType, attachment_value: str
    ) -> AssetAttachment:
        """Attaches an asset attachment to a DataRow.

        Args:
            attachment_type: VIDEO, IMAGE, TEXT or IMAGE_OVERLAY
                (``AssetAttachment.AttachmentType``).
            attachment_value: a URL to an external file or a string of text.

        Returns:
            The new AssetAttachment.

        Raises:
            ValueError: If attachment_type is not one of the supported types.
            TypeError: If attachment_value is not a str.

        Example:
            >>> datarow.create_attachment("TEXT", "This is a text message")
        """
        from labelbox.schema.asset_attachment import AssetAttachment

        kind = check_enum_value(AttachmentType, attachment_type, "attachment type")
        if isinstance(kind, UnknownValue):
            raise ValueError(f"{kind!r} is not a supported attachment type")
        if not isinstance(attachment_value, str):
            raise TypeError(
                f"attachment_value must be a str, got {type(attachment_value).__name__}"
            )
        model = self.client._gen.create_data_row_attachment(
            data_row_id=self.uid, type_=kind, value=attachment_value
        )
        return AssetAttachment._wrap(self.client, model)

    @deprecated("`create_metadata` is deprecated. Use `create_attachment` instead.")
    def create_metadata(self, meta_type: str, meta_value: str) -> AssetMetadata:
        """Attaches asset metadata to a DataRow (2.4's name of :meth:`create_attachment`).

        Deprecated (as in 2.6.0): use :meth:`create_attachment`. Emits a
        ``DeprecationWarning``; type checkers flag each call.

        Args:
            meta_type: Asset metadata type, must be one of: VIDEO, IMAGE, TEXT,
                IMAGE_OVERLAY (``AssetMetadata.MetaType``).
            meta_value: Asset metadata value: a URL to an external file or a string of
                text.

        Returns:
            AssetMetadata DB object.

        Raises:
            ValueError: meta_type must be one of the supported types.
            TypeError: If meta_value is not a str.

        Example:
            >>> datarow.create_metadata("TEXT", "This is a text message")
        """
        if meta_type not in self.supported_meta_types and not isinstance(meta_type, AttachmentType):
            raise ValueError(
                f"meta_type must be one of {sorted(self.supported_meta_types)}. Found {meta_type!r}"
            )
        if not isinstance(meta_value, str):
            raise TypeError(f"meta_value must be a str, got {type(meta_value).__name__}")
        attachment = self.create_attachment(meta_type, meta_value)
        return AssetMetadata(
            self.client,
            {
                "id": attachment.uid,
                "metaType": attachment.attachment_type.value,
                "metaValue": attachment.attachment_value,
            },
        )
