"""Typed queries the domain asks of the store, so that no SQL lives outside the
storage layer: lookups by column values, counts, aggregates and the API keys."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .database import Row, Store
from .values import q

#: Rows per ``IN (...)`` list (SQLite's default bound on parameters is 999).
_CHUNK = 500


def _equals(type_name: str, equals: Mapping[str, object], live: bool) -> tuple[str, list[object]]:
    """The condition ``column = value`` for each item (``IS NULL`` for None), plus
    ``deleted = 0`` if ``live``."""
    alias = q(type_name)
    parts: list[str] = []
    params: list[object] = []
    for column, value in equals.items():
        if value is None:
            parts.append(f"{alias}.{q(column)} IS NULL")
        else:
            parts.append(f"{alias}.{q(column)} = ?")
            params.append(value)
    if live:
        parts.append(f"{alias}.deleted = 0")
    return " AND ".join(parts) or "1", params


def rows_where(
    store: Store, type_name: str, equals: Mapping[str, object], live: bool = False
) -> list[Row]:
    """Rows of ``type_name`` whose columns equal ``equals`` (not deleted ones if
    ``live``), in storage order, regardless of organization."""
    cond, params = _equals(type_name, equals, live)
    return store.select(type_name, cond, params)


def first_where(
    store: Store, type_name: str, equals: Mapping[str, object], live: bool = False
) -> Row | None:
    """The first of :func:`rows_where` (None if there is none)."""
    rows = rows_where(store, type_name, equals, live)
    return rows[0] if rows else None


def count_where(
    store: Store, type_name: str, equals: Mapping[str, object], live: bool = False
) -> int:
    """How many rows :func:`rows_where` would return."""
    cond, params = _equals(type_name, equals, live)
    return store.count(type_name, cond, params)


def delete_where(store: Store, type_name: str, equals: Mapping[str, object]) -> None:
    """Remove for good the rows whose columns equal ``equals``."""
    cond, params = _equals(type_name, equals, False)
    store.execute(f"DELETE FROM {q(type_name)} WHERE {cond}", params)


def active_webhooks(store: Store, org_id: str, project_id: str | None) -> list[Row]:
    """The ACTIVE webhooks of an organization: its own and those of ``project_id``."""
    return store.select(
        "Webhook",
        '"Webhook".org_id = ? AND "Webhook".deleted = 0 AND "Webhook".status = ? AND '
        '("Webhook".project_id IS NULL OR "Webhook".project_id = ?)',
        [org_id, "ACTIVE", project_id],
    )


#: Conditions on a label ``l`` by the sum of its reviews' scores (``netScore``).
_NET_SCORE = {
    None: "NOT EXISTS (SELECT 1 {reviews})",
    "None": "NOT EXISTS (SELECT 1 {reviews})",
    "Negative": "(SELECT SUM(r.score) {reviews}) < 0",
    "Zero": "EXISTS (SELECT 1 {reviews}) AND (SELECT SUM(r.score) {reviews}) = 0",
    "Positive": "(SELECT SUM(r.score) {reviews}) > 0",
}


def count_labels_by_net_score(store: Store, project_id: str, net_score: str | None) -> int:
    """How many live labels of a project have reviews adding up to ``net_score``
    (``None``/``"None"``: no reviews; ``Negative``, ``Zero``, ``Positive``)."""
    reviews = 'FROM "Review" r WHERE r.label_id = l.id AND r.deleted = 0'
    cond = _NET_SCORE[net_score].format(reviews=reviews)
    ((count,),) = store.execute(
        f'SELECT COUNT(*) FROM "Label" l WHERE l.project_id = ? AND l.deleted = 0 AND {cond}',
        [project_id],
    )
    return int(count)


def labeler_performance(
    store: Store, project_id: str, skip: int, first: int | None
) -> list[tuple[Any, ...]]:
    """Per labeler of a project's live labels, in order of their first label:
    ``(user id, count, average seconds, total seconds, last created, average benchmark
    agreement, average agreement)``."""
    return store.execute(
        'SELECT "createdBy_id", COUNT(*), AVG(COALESCE("secondsToLabel", 0)), '
        'SUM(COALESCE("secondsToLabel", 0)), MAX("createdAt"), AVG("benchmarkAgreement"), '
        'AVG("agreement") FROM "Label" WHERE project_id = ? AND deleted = 0 '
        'GROUP BY "createdBy_id" ORDER BY MIN(seq) LIMIT ? OFFSET ?',
        [project_id, -1 if first is None else first, skip],
    )


def queued_data_rows(store: Store, project_id: str) -> list[tuple[Any, ...]]:
    """``(id, externalId, rowData)`` of the live data rows of a project's datasets that
    have no live label in the project, in storage order."""
    return store.execute(
        'SELECT d.id, d."externalId", d."rowData" FROM "DataRow" d JOIN project_dataset pd '
        'ON pd."Dataset_id" = d.dataset_id WHERE pd."Project_id" = ? AND d.deleted = 0 AND '
        'NOT EXISTS (SELECT 1 FROM "Label" l WHERE l."dataRow_id" = d.id AND l.project_id = ? '
        "AND l.deleted = 0) ORDER BY d.seq",
        [project_id, project_id],
    )


def live_data_row_ids(store: Store, org_id: str, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` are data rows of the organization, not deleted."""
    found: set[str] = set()
    wanted = sorted(set(ids))
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i : i + _CHUNK]
        found.update(
            r[0]
            for r in store.execute(
                'SELECT id FROM "DataRow" WHERE org_id = ? AND deleted = 0 AND id IN '
                f"({', '.join('?' for _ in chunk)})",
                [org_id, *chunk],
            )
        )
    return found


# ------------------------------------------------------------------ API keys
def api_keys(store: Store) -> list[tuple[str, str, str, str, str]]:
    """``(key, user id, organization id, organization name, user email)`` of every API
    key, oldest first."""
    rows = store.execute(
        "SELECT k.key, k.user_id, k.org_id, o.name, u.email FROM _api_keys k "
        'JOIN "Organization" o ON o.id = k.org_id JOIN "User" u ON u.id = k.user_id '
        "ORDER BY k.rowid"
    )
    return [(str(k), str(u), str(o), str(n), str(e)) for k, u, o, n, e in rows]


def add_api_key(store: Store, key: str, user_id: str, org_id: str) -> None:
    """Record an API key of a user of an organization."""
    store.execute(
        "INSERT INTO _api_keys (key, user_id, org_id) VALUES (?,?,?)", [key, user_id, org_id]
    )


def key_owner(store: Store, key: str) -> tuple[str, str] | None:
    """``(user id, organization id)`` of an API key (None if unknown)."""
    rows = store.execute("SELECT user_id, org_id FROM _api_keys WHERE key = ?", [key])
    return (str(rows[0][0]), str(rows[0][1])) if rows else None
