"""AssetAttachment: extra context about an asset shown while labeling (the 2.6.0 name of
asset metadata)."""

from __future__ import annotations

from typing import TypeAlias

from labelbox._async._generated.entities import AsyncAssetAttachmentBase
from labelbox_gen.enums import AttachmentType


class AsyncAssetAttachment(AsyncAssetAttachmentBase):
    """Asset attachment provides extra context about an asset while labeling.

    ``attachment_type`` is IMAGE, VIDEO, TEXT or IMAGE_OVERLAY; ``attachment_value`` a URL
    to an external file or a string of text. Created with ``AsyncDataRow.create_attachment``,
    listed with ``AsyncDataRow.attachments()``.
    """

    #: VIDEO, IMAGE, TEXT or IMAGE_OVERLAY (an alias, so usable as a type too).
    AttachmentType: TypeAlias = AttachmentType
    VIDEO = AttachmentType.VIDEO.value
    IMAGE = AttachmentType.IMAGE.value
    TEXT = AttachmentType.TEXT.value
    IMAGE_OVERLAY = AttachmentType.IMAGE_OVERLAY.value
