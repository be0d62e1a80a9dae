"""SQLite storage generated from the entity model (one table per entity)."""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..model import Entity, Model, ScalarKind
from .values import CI, encode, install_collation, q

Row = dict[str, Any]

_INDEXED_SCALARS = ("externalId", "name", "createdAt")


def _row_builder(
    type_name: str, columns: Sequence[str], kinds: Mapping[str, ScalarKind]
) -> Callable[[Sequence[Any]], Row]:
    """A function making the row dict of a table's fetched tuple (every column, booleans
    and JSON decoded as :func:`decode` does, plus ``__typename``), generated as one dict
    display per table since pages are built row by row. Column names are bound as
    values, never written into the generated source."""
    items = []
    for i, column in enumerate(columns):
        kind = kinds.get(column)
        if kind == "bool":
            value = f"(None if r[{i}] is None else bool(r[{i}]))"
        elif kind == "json":
            value = f"(r[{i}] if r[{i}] is None or type(r[{i}]) is not str else loads(r[{i}]))"
        else:
            value = f"r[{i}]"
        items.append(f"C[{i}]: {value}")
    source = f"def build(r):\n    return {{{', '.join(items)}, '__typename': T}}\n"
    namespace: dict[str, Any] = {"C": tuple(columns), "T": type_name, "loads": json.loads}
    exec(compile(source, f"<rows of {type_name}>", "exec"), namespace)
    build: Callable[[Sequence[Any]], Row] = namespace["build"]
    return build


#: Temporary databases are directories named ``<prefix><pid>-<random>`` in the temp dir.
_TEMP_PREFIX = "labelbox-emulator-"


def _reap_temp_dirs() -> None:
    """Delete the temporary databases of emulator processes that died without closing
    them (killed): a directory whose process no longer exists."""
    if os.name != "posix":  # os.kill(pid, 0) would terminate the process on Windows
        return
    root = tempfile.gettempdir()
    try:
        names = os.listdir(root)
    except OSError:
        return
    for name in names:
        pid, _, rest = name[len(_TEMP_PREFIX) :].partition("-")
        if not name.startswith(_TEMP_PREFIX) or not pid.isdigit() or not rest:
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)
        except OSError:  # alive (another user's), or cannot tell
            continue


#: Internal tables (not entities): writes to them never change what a page of entities holds.
_INTERNAL_WRITE = re.compile(r"\s*(INSERT(\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+_", re.I)
#: How long a connection waits for another one's write transaction (milliseconds).
BUSY_TIMEOUT_MS = 60_000
#: Paged queries whose page boundaries are remembered (see :meth:`Store.select`).
_CURSOR_QUERIES = 256


class Store:
    """Thread-safe SQLite storage of every entity, file and job.

    Each thread has its own connection to one database file in WAL mode, so readers
    never wait for writers and requests of different organizations run side by side;
    SQLite serializes the (short) write transactions. ``path=None`` keeps the database
    in a private temporary file that :meth:`close` deletes. :meth:`transaction` makes a
    group of writes atomic. :attr:`lock` is a re-entrant lock kept for callers that
    want to serialize their own work; the store itself does not need it.
    """

    def __init__(self, model: Model, path: str | None = None) -> None:
        """Open (and create if needed) the database for ``model``."""
        self.model = model
        self.path = path
        self.lock = threading.RLock()
        self._temp_dir: str | None = None
        if path is None:
            _reap_temp_dirs()
            self._temp_dir = tempfile.mkdtemp(prefix=f"{_TEMP_PREFIX}{os.getpid()}-")
            self._file = os.path.join(self._temp_dir, "emulator.sqlite3")
            atexit.register(shutil.rmtree, self._temp_dir, True)  # never stopped: at exit
        else:
            self._file = path
        self._local = threading.local()
        self._conns: list[tuple[weakref.ref[threading.Thread], sqlite3.Connection]] = []
        self._conns_lock = threading.Lock()
        self._closed = False
        #: Bumped by every write to an entity or link table: page cursors recorded under
        #: an older generation are not used (see :meth:`select`).
        self.generation = 0
        self._cursors: OrderedDict[tuple[object, ...], tuple[int, dict[int, int]]] = OrderedDict()
        self._cursors_lock = threading.Lock()
        self._columns: dict[str, list[str]] = {}
        self._kinds: dict[str, dict[str, ScalarKind]] = {}
        self._builders: dict[str, Callable[[Sequence[Any]], Row]] = {}
        self._select_sql: dict[str, str] = {}
        for name, ent in model.entities.items():
            self._columns[name] = ent.columns()
            kinds: dict[str, ScalarKind] = dict(ent.scalars)
            kinds["deleted"] = "bool"
            self._kinds[name] = kinds
            self._builders[name] = _row_builder(name, self._columns[name], kinds)
            self._select_sql[name] = ", ".join(q(name) + "." + q(c) for c in self._columns[name])
        first = self.conn
        first.execute("PRAGMA journal_mode=WAL")
        self.create_tables()

    # ------------------------------------------------------------ connections
    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
        return conn

    def _connect(self) -> sqlite3.Connection:
        if self._closed:
            raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
        conn = sqlite3.connect(
            self._file,
            check_same_thread=False,  # closed by close() from another thread
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA temp_store=MEMORY")
        install_collation(conn)
        self._local.conn = conn
        with self._conns_lock:
            live = []
            for ref, other in self._conns:
                thread = ref()
                if thread is None or not thread.is_alive():
                    other.close()  # its thread has ended
                else:
                    live.append((ref, other))
            live.append((weakref.ref(threading.current_thread()), conn))
            self._conns = live
        return conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes of the block on this thread commit together, or not at all (also
        when the process dies in the middle). An inner block is a savepoint of the
        outer transaction: its failure undoes its own writes only."""
        conn = self.conn
        if conn.in_transaction:
            depth = getattr(self._local, "depth", 0) + 1
            self._local.depth = depth
            conn.execute(f"SAVEPOINT sp{depth}")
            try:
                yield conn
            except BaseException:
                conn.execute(f"ROLLBACK TO sp{depth}")
                conn.execute(f"RELEASE sp{depth}")
                self._wrote()
                raise
            finally:
                self._local.depth = depth - 1
            conn.execute(f"RELEASE sp{depth}")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            self._wrote()
            raise
        conn.execute("COMMIT")
        self._wrote()

    def _wrote(self) -> None:
        self.generation += 1

    # ------------------------------------------------------------------ meta
    def meta(self, key: str) -> str | None:
        """A value of the database's own settings table (None if unset)."""
        rows = self.execute("SELECT value FROM _meta WHERE key = ?", [key])
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a setting of the database (kept by :meth:`wipe`)."""
        self.execute("INSERT OR REPLACE INTO _meta (key, value) VALUES (?, ?)", [key, value])

    # ----------------------------------------------------------------- schema
    def create_tables(self) -> None:
        """Create missing tables and indexes (idempotent)."""
        with self.transaction() as cur:
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
            job_columns = {r[1] for r in cur.execute("PRAGMA table_info(_jobs)")}
            for column in ("started REAL", "attempts INTEGER DEFAULT 0"):  # older databases
                if column.split()[0] not in job_columns:
                    cur.execute(f"ALTER TABLE _jobs ADD COLUMN {column}")
            cur.execute("CREATE INDEX IF NOT EXISTS ix_jobs_entity ON _jobs (entity_id)")
            cur.execute("CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT)")

    def wipe(self) -> None:
        """Delete every row of every table but the settings (``_meta``); callers wrap it
        in a :meth:`transaction` with their re-seeding."""
        with self.transaction() as conn:
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' "
                    "AND name NOT LIKE 'sqlite_%' AND name != '_meta'"
                )
            ]
            for t in tables:
                conn.execute(f"DELETE FROM {q(t)}")
            self._wrote()

    def close(self) -> None:
        """Close every connection (and delete the temporary database, if any)."""
        with self._conns_lock:
            self._closed = True
            for _, conn in self._conns:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._conns = []
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    # ------------------------------------------------------------------ rows
    def entity(self, type_name: str) -> Entity:
        """The model entity of ``type_name``."""
        return self.model.entities[type_name]

    def kind(self, type_name: str, column: str) -> ScalarKind:
        """The scalar kind of a column (``str`` for ids and foreign keys)."""
        return self._kinds[type_name].get(column, "str")

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

        with self.transaction() as conn:
            cur = conn.executemany(sql, encoded())
            self._wrote()
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
        """Rows of ``type_name`` matching an SQL condition (alias = table name).

        Paging in the default order (``seq``) with a growing ``offset`` would make SQLite
        step over every skipped row, so a page's last ``seq`` is remembered: the next
        page of the same query starts after it (``seq > ?``) instead of skipping rows,
        as long as nothing was written in between (:attr:`generation`)."""
        offset = max(offset, 0)
        alias = q(type_name)
        key: tuple[object, ...] | None = None
        after: int | None = None
        generation = self.generation
        if not order_sql and limit is not None:
            key = (type_name, where_sql, *params)
            after, offset_left = self._cursor(key, offset, generation)
            if after is not None:
                where_sql = f"({where_sql}) AND {alias}.seq > ?"
                params = [*params, after]
                skip = offset_left
            else:
                skip = offset
        else:
            skip = offset
        sql = (
            f"SELECT {self._select_sql[type_name]} FROM {alias} "
            f"WHERE {where_sql} ORDER BY {order_sql + ', ' if order_sql else ''}"
            f"{alias}.seq LIMIT ? OFFSET ?"
        )
        fetched = self.conn.execute(sql, [*params, -1 if limit is None else limit, skip]).fetchall()
        if key is not None and fetched:
            self._remember(key, generation, offset + len(fetched), fetched[-1][0])
        build = self._builders[type_name]
        return [build(r) for r in fetched]

    def _cursor(
        self, key: tuple[object, ...], offset: int, generation: int
    ) -> tuple[int | None, int]:
        """``(seq, rows left to skip)`` of the nearest remembered page end at or before
        ``offset`` of a query, or ``(None, offset)``."""
        if offset == 0:
            return None, 0
        with self._cursors_lock:
            entry = self._cursors.get(key)
            if entry is None or entry[0] != generation:
                return None, offset
            self._cursors.move_to_end(key)
            ends = entry[1]
            if offset in ends:
                return ends[offset], 0
            below = [o for o in ends if o < offset]
            if not below:
                return None, offset
            best = max(below)
            return ends[best], offset - best

    def _remember(self, key: tuple[object, ...], generation: int, end: int, seq: int) -> None:
        with self._cursors_lock:
            if generation != self.generation:
                return  # something was written meanwhile
            entry = self._cursors.get(key)
            if entry is None or entry[0] != generation:
                entry = (generation, {})
                self._cursors[key] = entry
            self._cursors.move_to_end(key)
            ends = entry[1]
            ends[end] = seq
            if len(ends) > 64:
                del ends[next(iter(ends))]
            while len(self._cursors) > _CURSOR_QUERIES:
                self._cursors.popitem(last=False)

    def count(self, type_name: str, where_sql: str = "1", params: Sequence[object] = ()) -> int:
        """How many rows of ``type_name`` match an SQL condition."""
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
        self.conn.execute(sql, [*args, object_id])
        self._wrote()

    def delete(self, type_name: str, object_id: str) -> None:
        """Remove one object for good."""
        self.conn.execute(f"DELETE FROM {q(type_name)} WHERE id = ?", [object_id])
        self._wrote()

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Run raw SQL and return all result rows."""
        rows = self.conn.execute(sql, list(params)).fetchall()
        if sql.lstrip()[:6].upper() != "SELECT" and not _INTERNAL_WRITE.match(sql):
            self._wrote()
        return rows

    # ------------------------------------------------------------- link tables
    def link(self, table: str, values: Mapping[str, str]) -> None:
        """Insert a link-table row (ignored if present)."""
        cols = list(values)
        self.conn.execute(
            f"INSERT OR IGNORE INTO {q(table)} ({', '.join(q(c) for c in cols)}) "
            f"VALUES ({', '.join('?' for _ in cols)})",
            [values[c] for c in cols],
        )
        self._wrote()

    def unlink(self, table: str, values: Mapping[str, str]) -> None:
        """Delete a link-table row."""
        cols = list(values)
        self.conn.execute(
            f"DELETE FROM {q(table)} WHERE {' AND '.join(q(c) + ' = ?' for c in cols)}",
            [values[c] for c in cols],
        )
        self._wrote()
