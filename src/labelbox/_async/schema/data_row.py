"""DataRow: a single piece of data (image, video, text) to be labeled."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from typing_extensions import deprecated

from labelbox._async._generated.entities import AsyncDataRowBase
from labelbox._async.schema.asset_metadata import AsyncAssetMetadata
from labelbox.schema.enums import AttachmentType, UnknownValue, check_enum_value

if TYPE_CHECKING:
    from labelbox._async.schema.asset_attachment import AsyncAssetAttachment


class AsyncDataRow(AsyncDataRowBase):
    """Internal Labelbox representation of a single piece of data (e.g. image, video,
    text).

    Created with ``dataset.create_data_row(...)`` or in bulk with
    ``dataset.create_data_rows(...)``; changed with the typed ``update(**kwargs)``.
    """

    #: Accepted values of ``create_metadata``'s meta_type.
    supported_meta_types: frozenset[str] = frozenset(
        member.value for member in AsyncAssetMetadata.MetaType
    )
    #: Accepted values of ``create_attachment``'s attachment_type.
    supported_attachment_types: frozenset[str] = frozenset(
        member.value for member in AttachmentType
    )

    @staticmethod
    async def bulk_delete(data_rows: Iterable[AsyncDataRow]) -> None:
        """Deletes all the given DataRows (in one request).

        Args:
            data_rows: The DataRows to delete.

        Raises:
            labelbox.exceptions.InvalidQueryError: If the objects are not all DataRows.

        Example:
            >>> await AsyncDataRow.bulk_delete(await dataset.data_rows().get_many(100))
        """
        await AsyncDataRow._bulk_delete(data_rows)

    async def create_attachment(
        self, attachment_type: str | AttachmentType, attachment_value: str
    ) -> AsyncAssetAttachment:
        """Attaches an asset attachment to this data row.

        Args:
            attachment_type: VIDEO, IMAGE, TEXT or IMAGE_OVERLAY
                (``AsyncAssetAttachment.AttachmentType``).
            attachment_value: a URL to an external file or a string of text.

        Returns:
            The new AsyncAssetAttachment.

        Raises:
            ValueError: If attachment_type is not one of the supported types.
            TypeError: If attachment_value is not a str.

        Example:
            >>> await datarow.create_attachment("TEXT", "This is a text message")
        """
        from labelbox._async.schema.asset_attachment import AsyncAssetAttachment

        kind = check_enum_value(AttachmentType, attachment_type, "attachment type")
        if isinstance(kind, UnknownValue):
            raise ValueError(f"{kind!r} is not a supported attachment type")
        if not isinstance(attachment_value, str):
            raise TypeError(
                f"attachment_value must be a str, got {type(attachment_value).__name__}"
            )
        model = await self.client._gen.create_data_row_attachment(
            data_row_id=self.uid, type_=kind, value=attachment_value
        )
        return AsyncAssetAttachment._wrap(self.client, model)

    @deprecated("`create_metadata` is deprecated. Use `create_attachment` instead.")
    async def create_metadata(self, meta_type: str, meta_value: str) -> AsyncAssetMetadata:
        """Attaches asset metadata to this data row (2.4's name of :meth:`create_attachment`).

        Deprecated (as in 2.6.0): use :meth:`create_attachment`. Emits a
        ``DeprecationWarning``; type checkers flag each call.

        Args:
            meta_type: Asset metadata type, must be one of: VIDEO, IMAGE, TEXT,
                IMAGE_OVERLAY (``AsyncAssetMetadata.MetaType``).
            meta_value: Asset metadata value: a URL to an external file or a string of
                text.

        Returns:
            AsyncAssetMetadata DB object.

        Raises:
            ValueError: meta_type must be one of the supported types.
            TypeError: If meta_value is not a str.

        Example:
            >>> await datarow.create_metadata("TEXT", "This is a text message")
        """
        if meta_type not in self.supported_meta_types and not isinstance(meta_type, AttachmentType):
            raise ValueError(
                f"meta_type must be one of {sorted(self.supported_meta_types)}. Found {meta_type!r}"
            )
        if not isinstance(meta_value, str):
            raise TypeError(f"meta_value must be a str, got {type(meta_value).__name__}")
        attachment = await self.create_attachment(meta_type, meta_value)
        return AsyncAssetMetadata(
            self.client,
            {
                "id": attachment.uid,
                "metaType": attachment.attachment_type.value,
                "metaValue": attachment.attachment_value,
            },
        )
