"""Enumerations of the API (generated from schema.graphql, re-exported here)."""

from labelbox_gen.enums import (
    AssetMetadataType,
    AttachmentType,
    BulkImportRequestState,
    QueueType,
    TaskStatus,
    WebhookStatus,
    WebhookTopic,
)

__all__ = [
    "AssetMetadataType",
    "AttachmentType",
    "BulkImportRequestState",
    "QueueType",
    "TaskStatus",
    "WebhookStatus",
    "WebhookTopic",
]
