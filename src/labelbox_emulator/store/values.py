"""Values as the database keeps them: ids, timestamps, scalar encoding, the collation."""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from datetime import datetime, timezone

from ..model import ScalarKind

#: The collation of string comparisons and string ordering: case-insensitive like the
#: real server's database collation (Unicode-aware: ``str.casefold``; accents still count).
CI = "LABELBOX_CI"


def _ci_compare(a: str, b: str) -> int:
    fa, fb = a.casefold(), b.casefold()
    return (fa > fb) - (fa < fb)


def _ci_contains(haystack: object, needle: object) -> int | None:
    if haystack is None or needle is None:
        return None
    return int(str(needle).casefold() in str(haystack).casefold())


def _ci_starts(value: object, prefix: object) -> int | None:
    if value is None or prefix is None:
        return None
    return int(str(value).casefold().startswith(str(prefix).casefold()))


def _ci_ends(value: object, suffix: object) -> int | None:
    if value is None or suffix is None:
        return None
    return int(str(value).casefold().endswith(str(suffix).casefold()))


def install_collation(conn: sqlite3.Connection) -> None:
    """Register :data:`CI` and the case-insensitive ``ci_contains``/``ci_starts``/
    ``ci_ends`` functions on a connection."""
    conn.create_collation(CI, _ci_compare)
    conn.create_function("ci_contains", 2, _ci_contains, deterministic=True)
    conn.create_function("ci_starts", 2, _ci_starts, deterministic=True)
    conn.create_function("ci_ends", 2, _ci_ends, deterministic=True)


def utc_now() -> str:
    """The current time as an ISO-8601 UTC string with milliseconds ending in ``Z``."""
    return format_datetime(datetime.now(timezone.utc))


def format_datetime(value: datetime) -> str:
    """Format an aware (or naive = UTC) datetime the way the emulator stores it."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    value = value.astimezone(timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def normalize_datetime(value: object) -> object:
    """Normalize a DateTime input string so that stored values compare correctly."""
    if isinstance(value, datetime):
        return format_datetime(value)
    if not isinstance(value, str):
        return value
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return value
    return format_datetime(parsed)


def new_id() -> str:
    """A new 25-character cuid-like object id."""
    stamp = format(int(time.time() * 1000), "x")[-11:].rjust(11, "0")
    return "c" + stamp + secrets.token_hex(7)[:13]


def encode(kind: ScalarKind, value: object) -> object:
    """Encode a Python value of a schema scalar for SQLite."""
    if value is None:
        return None
    if kind == "bool":
        return 1 if value else 0
    if kind == "json":
        return json.dumps(value)
    if kind == "datetime":
        return normalize_datetime(value)
    return value


def decode(kind: ScalarKind, value: object) -> object:
    """Decode a value read from SQLite to its Python (JSON) form."""
    if value is None:
        return None
    if kind == "bool":
        return bool(value)
    if kind == "json" and isinstance(value, str):
        return json.loads(value)
    return value


def q(name: str) -> str:
    """Quote an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'
