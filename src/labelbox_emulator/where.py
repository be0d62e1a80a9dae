"""Compiles Prisma-1 where-inputs and orderBy values to SQL."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from graphql import GraphQLInputObjectType, GraphQLInputType, GraphQLList, GraphQLNonNull

from .errors import BadUserInputError
from .model import Entity, Model, ToMany, fk_column
from .store import CI, encode, q

_SUFFIXES = (
    "_not_contains",
    "_not_in",
    "_starts_with",
    "_ends_with",
    "_contains",
    "_not",
    "_in",
    "_lte",
    "_lt",
    "_gte",
    "_gt",
)
_COMPARE = {"_lt": "<", "_lte": "<=", "_gt": ">", "_gte": ">=", "_not": "IS NOT"}


_RELATION_SUFFIXES = ("_some", "_every", "_none")

#: Logical operators the real server refuses in where filters (only AND is taken).
REFUSED_OPERATORS = ("OR", "NOT")


def filtered_field(key: str) -> str:
    """The field a where-input key filters on (``name_starts_with`` → ``name``)."""
    for suffix in (*_SUFFIXES, *_RELATION_SUFFIXES):
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


def _input_object(t: GraphQLInputType) -> GraphQLInputObjectType | None:
    while isinstance(t, (GraphQLNonNull, GraphQLList)):
        t = t.of_type
    return t if isinstance(t, GraphQLInputObjectType) else None


def logic_violation(where: Any, type_: GraphQLInputObjectType) -> str | None:
    """Why the real server refuses the where filter ``where`` of ``type_`` (None if it
    takes it).

    The server takes AND only: conditions on different fields (also through nested
    ``AND`` lists) are fine, two conditions on the same field in one conjunction, and
    any ``OR`` or ``NOT``, are refused. ``deleted`` is exempt, as the official client
    adds ``deleted: false`` to filters of its own. A relation filter (``dataset: {…}``,
    ``labels_some: {…}``) is its own conjunction on the related type.
    """
    seen: set[str] = set()
    return _conjunction(where, type_, seen)


def _conjunction(where: Any, type_: GraphQLInputObjectType, seen: set[str]) -> str | None:
    if not isinstance(where, Mapping):
        return None
    for key, value in where.items():
        if key in REFUSED_OPERATORS:
            if value is None:
                continue
            return (
                f'Logical operator "{key}" is not supported in where filters of type '
                f'"{type_.name}": only AND is.'
            )
        if key == "AND":
            for item in value if isinstance(value, list) else [value]:
                problem = _conjunction(item, type_, seen)
                if problem:
                    return problem
            continue
        field = filtered_field(key)
        if field != "deleted":
            if field in seen:
                return (
                    f'Where filter of type "{type_.name}" has more than one condition on '
                    f'field "{field}": combine conditions on different fields only.'
                )
            seen.add(field)
        input_field = type_.fields.get(key)
        nested = _input_object(input_field.type) if input_field is not None else None
        if nested is not None and "AND" in nested.fields:
            problem = logic_violation(value, nested)
            if problem:
                return problem
    return None


class WhereCompiler:
    """Turns a where dict (after GraphQL coercion) into an SQL condition plus parameters.

    Every subquery on an organization-scoped entity is restricted to ``org_id``.
    """

    def __init__(self, model: Model, org_id: str | None) -> None:
        """Compile for the caller's organization ``org_id`` (None: no scoping)."""
        self.model = model
        self.org_id = org_id
        self._aliases = itertools.count(1)

    def scope(self, type_name: str, alias: str) -> tuple[str, list[object]]:
        """The organization condition of ``alias`` (an instance of ``type_name``)."""
        ent = self.model.entities[type_name]
        if ent.is_global or self.org_id is None:
            return "1", []
        return f"{alias}.org_id = ?", [self.org_id]

    def compile(
        self, type_name: str, where: Mapping[str, Any] | None, alias: str
    ) -> tuple[str, list[object]]:
        """Compile ``where`` on ``alias`` (an SQL alias of table ``type_name``)."""
        if not where:
            return "1", []
        ent = self.model.entities[type_name]
        parts: list[str] = []
        params: list[object] = []
        for key, value in where.items():
            sql, p = self._term(ent, key, value, alias)
            parts.append(sql)
            params += p
        return " AND ".join(f"({s})" for s in parts), params

    def _list(self, value: Any) -> list[Mapping[str, Any]]:
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]

    def _term(self, ent: Entity, key: str, value: Any, alias: str) -> tuple[str, list[object]]:
        if key in ("AND", "OR", "NOT"):
            subs = [self.compile(ent.name, w, alias) for w in self._list(value)]
            if not subs:
                return "1", []
            params = [p for _, ps in subs for p in ps]
            if key == "AND":
                return " AND ".join(f"({s})" for s, _ in subs), params
            if key == "OR":
                return " OR ".join(f"({s})" for s, _ in subs), params
            return " AND ".join(f"NOT ({s})" for s, _ in subs), params
        if key == "id" or key in ent.scalars or key == "deleted":
            return self._scalar(ent, key, "", value, alias)
        if key in ent.to_one:
            return self._to_one(ent, key, value, alias)
        if key.endswith("Id") and key[:-2] in ent.to_one:  # projectId: x = project: {id: x}
            return self._to_one(ent, key[:-2], None if value is None else {"id": value}, alias)
        for suffix in ("_some", "_every", "_none"):
            base = key[: -len(suffix)]
            if key.endswith(suffix) and base in ent.to_many:
                return self._to_many(ent, base, suffix, value, alias)
        for suffix in _SUFFIXES:
            base = key[: -len(suffix)]
            if key.endswith(suffix) and (base == "id" or base in ent.scalars or base == "deleted"):
                return self._scalar(ent, base, suffix, value, alias)
        raise BadUserInputError(f"Unsupported filter field {key!r} on {ent.name}.")

    def _scalar(
        self, ent: Entity, field: str, suffix: str, value: Any, alias: str
    ) -> tuple[str, list[object]]:
        kind = "bool" if field == "deleted" else ent.scalars.get(field, "str")
        col = f"{alias}.{q(field)}"
        # Strings compare like the real server's case-insensitive database collation
        # (ids are opaque and compared exactly).
        folded = kind == "str" and field != "id"
        coll = f" COLLATE {CI}" if folded else ""
        if suffix in ("_in", "_not_in"):
            items = [encode(kind, v) for v in self._list(value)]
            if not items:
                return ("0" if suffix == "_in" else "1"), []
            marks = ", ".join("?" for _ in items)
            op = "IN" if suffix == "_in" else "NOT IN"
            return f"{col}{coll} {op} ({marks})", items
        enc = encode(kind, value)
        if suffix == "":
            return (f"{col} IS NULL", []) if enc is None else (f"{col}{coll} = ?", [enc])
        if suffix == "_not":
            return (f"{col} IS NOT NULL", []) if enc is None else (f"{col}{coll} IS NOT ?", [enc])
        if enc is None:
            return "0", []
        if suffix in _COMPARE:
            return f"{col}{coll} {_COMPARE[suffix]} ?", [enc]
        if suffix == "_contains":
            return (f"ci_contains({col}, ?)", [enc]) if folded else (f"instr({col}, ?) > 0", [enc])
        if suffix == "_not_contains":
            if folded:
                return f"({col} IS NULL OR NOT ci_contains({col}, ?))", [enc]
            return f"({col} IS NULL OR instr({col}, ?) = 0)", [enc]
        if suffix == "_starts_with":
            if folded:
                return f"ci_starts({col}, ?)", [enc]
            return f"substr({col}, 1, length(?)) = ?", [enc, enc]
        if folded:
            return f"ci_ends({col}, ?)", [enc]
        return f"({col} IS NOT NULL AND length({col}) >= length(?) AND " + (
            f"substr({col}, length({col}) - length(?) + 1) = ?)"
        ), [enc, enc, enc]

    def _to_one(self, ent: Entity, field: str, value: Any, alias: str) -> tuple[str, list[object]]:
        col = f"{alias}.{q(fk_column(field))}"
        if value is None:
            return f"{col} IS NULL", []
        target = ent.to_one[field]
        sub = f"t{next(self._aliases)}"
        cond, params = self.compile(target, value, sub)
        scope, sp = self.scope(target, sub)
        return (
            f"{col} IN (SELECT {sub}.id FROM {q(target)} {sub} WHERE {scope} AND ({cond}))",
            [*sp, *params],
        )

    def _to_many(
        self, ent: Entity, field: str, suffix: str, value: Any, alias: str
    ) -> tuple[str, list[object]]:
        rel = ent.to_many[field]
        sub = f"t{next(self._aliases)}"
        cond, params = self.compile(rel.target, value or {}, sub)
        scope, sp = self.scope(rel.target, sub)
        if rel.kind == "fk":
            base = (
                f"SELECT 1 FROM {q(rel.target)} {sub} WHERE {sub}.{q(rel.column)} = {alias}.id "
                f"AND {scope}"
            )
        else:
            link = f"l{next(self._aliases)}"
            base = (
                f"SELECT 1 FROM {q(rel.link_table)} {link} JOIN {q(rel.target)} {sub} "
                f"ON {sub}.id = {link}.{q(rel.column)} WHERE {link}.{q(rel.owner_column)} = "
                f"{alias}.id AND {scope}"
            )
        if suffix == "_some":
            return f"EXISTS ({base} AND ({cond}))", [*sp, *params]
        if suffix == "_none":
            return f"NOT EXISTS ({base} AND ({cond}))", [*sp, *params]
        return f"NOT EXISTS ({base} AND NOT ({cond}))", [*sp, *params]


def order_sql(model: Model, type_name: str, order_by: str | None, alias: str | None = None) -> str:
    """SQL ORDER BY terms for a Prisma ``field_ASC|DESC`` value (seq breaks ties) on
    ``alias`` (by default the table's name)."""
    if not order_by:
        return ""
    alias = q(type_name) if alias is None else alias
    field, _, direction = order_by.rpartition("_")
    ent = model.entities[type_name]
    if direction not in ("ASC", "DESC") or not (field == "id" or field in ent.scalars):
        raise BadUserInputError(f"Unsupported orderBy value {order_by!r} on {type_name}.")
    coll = f" COLLATE {CI}" if field != "id" and ent.scalars[field] == "str" else ""
    return f"{alias}.{q(field)}{coll} {direction}"


def relation_condition(rel: ToMany, owner_id: str) -> tuple[str, list[object]]:
    """SQL condition selecting the targets of ``rel`` owned by ``owner_id``."""
    alias = q(rel.target)
    if rel.kind == "fk":
        return f"{alias}.{q(rel.column)} = ?", [owner_id]
    return (
        f"{alias}.id IN (SELECT {q(rel.column)} FROM {q(rel.link_table)} "
        f"WHERE {q(rel.owner_column)} = ?)",
        [owner_id],
    )


def _mentions_deleted(where: Any) -> bool:
    """Whether a where-input filters on ``deleted`` (at any depth)."""
    if isinstance(where, Mapping):
        return any(
            key.startswith("deleted") or _mentions_deleted(value) for key, value in where.items()
        )
    if isinstance(where, list):
        return any(_mentions_deleted(item) for item in where)
    return False


def list_condition(
    model: Model,
    org_id: str,
    type_name: str,
    where: Mapping[str, Any] | None,
    related: tuple[ToMany, str] | None = None,
    scoped: bool = True,
) -> tuple[str, list[object]]:
    """The SQL condition of a list of ``type_name``: ``where`` (soft-deleted rows hidden
    unless it filters on ``deleted``), the targets of ``related`` = ``(relation, owner
    id)`` if given, the caller's organization ``org_id`` if ``scoped``."""
    alias = q(type_name)
    comp = WhereCompiler(model, org_id)
    cond, params = comp.compile(type_name, where, alias)
    extra = relation_condition(*related) if related is not None else ("1", [])
    parts, args = [extra[0], cond], [*extra[1], *params]
    if not _mentions_deleted(where):
        # Like the real server: soft-deleted rows are hidden unless asked about.
        parts.append(f"{alias}.deleted = 0")
    if scoped:
        scope, sp = comp.scope(type_name, alias)
        parts.insert(0, scope)
        args = [*sp, *args]
    return " AND ".join(f"({p})" for p in parts), args
