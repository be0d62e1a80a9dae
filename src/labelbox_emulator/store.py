"""SQLite storage generated from the entity model (one table per entity)."""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from .model import Entity, Model, ScalarKind

Row = dict[str, Any]

_INDEXED_SCALARS = ("externalId", "name", "createdAt")

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


class Store:
    """Thread-safe SQLite storage of every entity, file and job.

    In memory by default; pass ``path`` for a file database (WAL journal). All access
    goes through :attr:`lock` (a re-entrant lock).
    """

    def __init__(self, model: Model, path: str | None = None) -> None:
        """Open (and create if needed) the database for ``model``."""
        self.model = model
        self.path = path
        self.lock = threading.RLock()
        self.conn = sqlite3.connect(
            path or ":memory:", check_same_thread=False, isolation_level=None
        )
        if path:
            self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=OFF")
        install_collation(self.conn)
        self._columns: dict[str, list[str]] = {}
        self._kinds: dict[str, dict[str, ScalarKind]] = {}
        for name, ent in model.entities.items():
            self._columns[name] = ent.columns()
            kinds: dict[str, ScalarKind] = dict(ent.scalars)
            kinds["deleted"] = "bool"
            self._kinds[name] = kinds
        self.create_tables()

    # ----------------------------------------------------------------- schema
    def create_tables(self) -> None:
        """Create missing tables and indexes (idempotent)."""
        with self.lock:
            cur = self.conn
            for name, ent in self.model.entities.items():
                cols = ["seq INTEGER PRIMARY KEY", "id TEXT NOT NULL UNIQUE"]
                cols += [f"{q(c)}" for c in ent.columns()[2:]]
                cur.execute(f"CREATE TABLE IF NOT EXISTS {q(name)} ({', '.join(cols)})")
                existing = {r[1] for r in cur.execute(f"PRAGMA table_info({q(name)})")}
                for c in ent.columns():
                    if c not in existing:  # schema gained a field: add its column
                        cur.execute(f"ALTER TABLE {q(name)} ADD COLUMN {q(c)}")
                index_cols = [*ent.fk_columns, "org_id"]
                index_cols += [c for c in _INDEXED_SCALARS if c in ent.scalars]
                for c in index_cols:
                    if ent.scalars.get(c) == "str":  # filtered case-insensitively
                        cur.execute(
                            f"CREATE INDEX IF NOT EXISTS {q(f'ix_{name}_{c}_ci')} "
                            f"ON {q(name)} ({q(c)} COLLATE {CI}, deleted)"
                        )
                        continue
                    cur.execute(
                        f"CREATE INDEX IF NOT EXISTS {q(f'ix_{name}_{c}')} "
                        f"ON {q(name)} ({q(c)}, deleted)"
                    )
            for table, (a, b) in self.model.link_tables.items():
                cur.execute(
                    f"CREATE TABLE IF NOT EXISTS {q(table)} ({q(a)} TEXT NOT NULL, "
                    f"{q(b)} TEXT NOT NULL, PRIMARY KEY ({q(a)}, {q(b)}))"
                )
                cur.execute(f"CREATE INDEX IF NOT EXISTS {q('ix_' + table)} ON {q(table)} ({q(b)})")
            cur.execute(
                "CREATE TABLE IF NOT EXISTS _api_keys (key TEXT PRIMARY KEY, user_id TEXT, "
                "org_id TEXT)"
            )
            cur.execute(
                "CREATE TABLE IF NOT EXISTS _files (id TEXT PRIMARY KEY, filename TEXT, "
                "content_type TEXT, data BLOB, created REAL)"
            )
            cur.execute(
                "CREATE TABLE IF NOT EXISTS _jobs (id TEXT PRIMARY KEY, kind TEXT, "
                "entity_id TEXT, org_id TEXT, user_id TEXT, payload TEXT, reads INTEGER, "
                "due REAL, done INTEGER, consumed INTEGER, seq INTEGER, started REAL)"
            )
            if "started" not in {r[1] for r in cur.execute("PRAGMA table_info(_jobs)")}:
                cur.execute("ALTER TABLE _jobs ADD COLUMN started REAL")  # older databases
            cur.execute("CREATE INDEX IF NOT EXISTS ix_jobs_entity ON _jobs (entity_id)")

    def wipe(self) -> None:
        """Delete every row of every table."""
        with self.lock:
            tables = [
                r[0]
                for r in self.conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            self.conn.execute("BEGIN")
            for t in tables:
                self.conn.execute(f"DELETE FROM {q(t)}")
            self.conn.execute("COMMIT")

    def close(self) -> None:
        """Close the database connection."""
        with self.lock:
            self.conn.close()

    # ------------------------------------------------------------------ rows
    def entity(self, type_name: str) -> Entity:
        """The model entity of ``type_name``."""
        return self.model.entities[type_name]

    def kind(self, type_name: str, column: str) -> ScalarKind:
        """The scalar kind of a column (``str`` for ids and foreign keys)."""
        return self._kinds[type_name].get(column, "str")

    def _decode_row(self, type_name: str, cols: Sequence[str], values: Sequence[Any]) -> Row:
        kinds = self._kinds[type_name]
        row: Row = {"__typename": type_name}
        for c, v in zip(cols, values, strict=True):
            k = kinds.get(c)
            row[c] = decode(k, v) if k is not None else v
        return row

    def insert(self, type_name: str, values: Mapping[str, object]) -> Row:
        """Insert one object; ``values`` are keyed by column. Returns the stored row."""
        self.insert_many(type_name, [values])
        row = self.get(type_name, str(values["id"])) if "id" in values else None
        if row is None:
            raise RuntimeError("insert without id")
        return row

    def insert_many(self, type_name: str, rows: Iterable[Mapping[str, object]]) -> int:
        """Insert many objects in one transaction; returns how many."""
        cols = self._columns[type_name][1:]
        kinds = self._kinds[type_name]
        sql = (
            f"INSERT INTO {q(type_name)} ({', '.join(q(c) for c in cols)}) "
            f"VALUES ({', '.join('?' for _ in cols)})"
        )

        def encoded() -> Iterable[list[object]]:
            for r in rows:
                vals = dict(r)
                vals.setdefault("deleted", False)
                yield [encode(kinds[c], vals.get(c)) if c in kinds else vals.get(c) for c in cols]

        with self.lock:
            in_tx = self.conn.in_transaction
            if not in_tx:
                self.conn.execute("BEGIN")
            try:
                cur = self.conn.executemany(sql, encoded())
            except BaseException:
                if not in_tx:
                    self.conn.execute("ROLLBACK")
                raise
            if not in_tx:
                self.conn.execute("COMMIT")
            return cur.rowcount

    def get(self, type_name: str, object_id: str) -> Row | None:
        """The row with ``object_id`` regardless of organization and deletion."""
        rows = self.select(type_name, f"{q(type_name)}.id = ?", [object_id])
        return rows[0] if rows else None

    def select(
        self,
        type_name: str,
        where_sql: str = "1",
        params: Sequence[object] = (),
        order_sql: str = "",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Row]:
        """Rows of ``type_name`` matching an SQL condition (alias = table name)."""
        cols = self._columns[type_name]
        sql = (
            f"SELECT {', '.join(q(type_name) + '.' + q(c) for c in cols)} FROM {q(type_name)} "
            f"WHERE {where_sql} ORDER BY {order_sql + ', ' if order_sql else ''}"
            f"{q(type_name)}.seq LIMIT ? OFFSET ?"
        )
        args = [*params, -1 if limit is None else limit, max(offset, 0)]
        with self.lock:
            fetched = self.conn.execute(sql, args).fetchall()
        return [self._decode_row(type_name, cols, r) for r in fetched]

    def count(self, type_name: str, where_sql: str = "1", params: Sequence[object] = ()) -> int:
        """How many rows of ``type_name`` match an SQL condition."""
        with self.lock:
            (n,) = self.conn.execute(
                f"SELECT COUNT(*) FROM {q(type_name)} WHERE {where_sql}", list(params)
            ).fetchone()
        return int(n)

    def update(self, type_name: str, object_id: str, values: Mapping[str, object]) -> None:
        """Set columns of one object."""
        if not values:
            return
        kinds = self._kinds[type_name]
        cols = list(values)
        sql = f"UPDATE {q(type_name)} SET {', '.join(q(c) + ' = ?' for c in cols)} WHERE id = ?"
        args = [encode(kinds[c], values[c]) if c in kinds else values[c] for c in cols]
        with self.lock:
            self.conn.execute(sql, [*args, object_id])

    def delete(self, type_name: str, object_id: str) -> None:
        """Remove one object for good."""
        with self.lock:
            self.conn.execute(f"DELETE FROM {q(type_name)} WHERE id = ?", [object_id])

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Run raw SQL and return all result rows."""
        with self.lock:
            return self.conn.execute(sql, list(params)).fetchall()

    # ------------------------------------------------------------- link tables
    def link(self, table: str, values: Mapping[str, str]) -> None:
        """Insert a link-table row (ignored if present)."""
        cols = list(values)
        with self.lock:
            self.conn.execute(
                f"INSERT OR IGNORE INTO {q(table)} ({', '.join(q(c) for c in cols)}) "
                f"VALUES ({', '.join('?' for _ in cols)})",
                [values[c] for c in cols],
            )

    def unlink(self, table: str, values: Mapping[str, str]) -> None:
        """Delete a link-table row."""
        cols = list(values)
        with self.lock:
            self.conn.execute(
                f"DELETE FROM {q(table)} WHERE {' AND '.join(q(c) + ' = ?' for c in cols)}",
                [values[c] for c in cols],
            )
