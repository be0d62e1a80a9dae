"""Enumerations of the API (generated from schema.graphql, re-exported here), and the
open-enum rule shared by every enum-typed value.

Enums are open: a value the server sends that this SDK does not know (a member a newer
server added) is an :class:`UnknownValue` string, typed as such (``TaskStatus |
UnknownValue``), that round-trips unchanged. Values a *user* passes are checked: a
known member or its value, or an ``UnknownValue`` received from the server; any other
string raises ValueError before a request is sent.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from labelbox_gen.enums import (
    AssetMetadataType,
    AttachmentType,
    BulkImportRequestState,
    QueueType,
    TaskStatus,
    WebhookStatus,
    WebhookTopic,
)
from labelbox_gen.open_enum import UnknownValue

_E = TypeVar("_E", bound=Enum)


def check_enum_value(enum_type: type[_E], value: object, what: str) -> _E | UnknownValue:
    """Checks a user-given enum value.

    Args:
        enum_type: The enum, e.g. ``WebhookTopic``.
        value: A member, a member's value, or an ``UnknownValue`` received from the
            server.
        what: What the value is, for the error message.

    Returns:
        The member (or the ``UnknownValue`` as it is).

    Raises:
        ValueError: naming the value and the known ones, for any other value.

    Example:
        >>> check_enum_value(WebhookTopic, "LABEL_CREATED", "webhook topic")
        <WebhookTopic.LABEL_CREATED: 'LABEL_CREATED'>
    """
    if isinstance(value, UnknownValue):
        return value
    raw = value.value if isinstance(value, Enum) else value
    for member in enum_type:
        if member.value == raw:
            return member
    allowed = [member.value for member in enum_type]
    raise ValueError(f"Value `{value}` is not a valid {what}. Expected one of {allowed}")


__all__ = [
    "AssetMetadataType",
    "AttachmentType",
    "BulkImportRequestState",
    "QueueType",
    "TaskStatus",
    "UnknownValue",
    "WebhookStatus",
    "WebhookTopic",
    "check_enum_value",
]
