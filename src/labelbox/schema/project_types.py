"""Plain data of project methods, shared by the sync and async facades (no requests)."""

from __future__ import annotations

from typing_extensions import Required, TypedDict

__all__ = ["QueuedDataRow"]


class QueuedDataRow(TypedDict, total=False):
    """One data row of :meth:`Project.export_queued_data_rows`: a line of the server's
    NDJSON export, as a dict (``id`` always; the other keys as the server sends them).

    Attributes:
        id: The data row's ID.
        externalId: The data row's external ID, if any.
        rowData: The data row's URL or text.
    """

    id: Required[str]
    externalId: str | None
    rowData: str
