"""The storage layer: SQLite tables generated from the entity model, the values they
hold, and the typed queries the domain asks of them (the only SQL besides ``where.py``,
and the job and file stores' own tables)."""

from __future__ import annotations

from .database import BUSY_TIMEOUT_MS, Row, Store
from .values import (
    CI,
    decode,
    encode,
    format_datetime,
    install_collation,
    new_id,
    normalize_datetime,
    q,
    utc_now,
)

__all__ = [
    "BUSY_TIMEOUT_MS",
    "CI",
    "Row",
    "Store",
    "decode",
    "encode",
    "format_datetime",
    "install_collation",
    "new_id",
    "normalize_datetime",
    "q",
    "utc_now",
]
