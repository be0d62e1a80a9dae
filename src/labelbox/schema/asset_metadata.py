"""AssetMetadata: extra context about an asset shown while labeling."""

from __future__ import annotations

from typing import TypeAlias

from labelbox.orm.db_object import DbObject
from labelbox.orm.model import Field
from labelbox_gen.enums import AssetMetadataType


class AssetMetadata(DbObject):
    """Asset metadata (AKA Attachments) provides extra context about an asset while
    labeling."""

    _fragment = "AssetMetadataFields"

    #: IMAGE, VIDEO, TEXT, or IMAGE_OVERLAY
    MetaType: TypeAlias = AssetMetadataType  # an alias, so usable as a type too
    VIDEO = AssetMetadataType.VIDEO.value
    IMAGE = AssetMetadataType.IMAGE.value
    TEXT = AssetMetadataType.TEXT.value
    IMAGE_OVERLAY = AssetMetadataType.IMAGE_OVERLAY.value

    #: IMAGE, VIDEO, TEXT, or IMAGE_OVERLAY
    meta_type: Field[AssetMetadata, AssetMetadataType] = Field("metaType")
    #: URL to an external file or a string of text
    meta_value: Field[AssetMetadata, str] = Field("metaValue")
