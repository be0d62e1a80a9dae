"""AssetMetadata: extra context about an asset shown while labeling."""

from __future__ import annotations

from typing import TypeAlias

from labelbox._async._generated.entities import AsyncAssetMetadataBase
from labelbox_gen.enums import AssetMetadataType


class AsyncAssetMetadata(AsyncAssetMetadataBase):
    """Asset metadata (AKA Attachments) provides extra context about an asset while
    labeling."""

    #: IMAGE, VIDEO, TEXT, or IMAGE_OVERLAY
    MetaType: TypeAlias = AssetMetadataType  # an alias, so usable as a type too
    VIDEO = AssetMetadataType.VIDEO.value
    IMAGE = AssetMetadataType.IMAGE.value
    TEXT = AssetMetadataType.TEXT.value
    IMAGE_OVERLAY = AssetMetadataType.IMAGE_OVERLAY.value
