"""Schema-driven resolvers: lookups, lists, create/update and relation fields."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from graphql import GraphQLNonNull, GraphQLObjectType, GraphQLResolveInfo

from ..errors import AuthorizationError, BadUserInputError, NotFoundError
from ..fastpath import TRANSFORM
from ..files import FILES_PATH
from ..model import Entity, ToMany, fk_column
from ..store import Row, new_id, q, utc_now
from ..where import WhereCompiler, order_sql
from .context import Ctx, ctx_of

#: Types whose reads count as polls of their pending job.
OBSERVED_TYPES = frozenset({"Task", "BulkImportRequest"})

#: Types whose single lookup by id (``project(where: {id})``) still answers after a soft
#: delete, as the real server does for projects (the official client's test_project
#: reads a deleted project back by id); every list hides them. Datasets are not among
#: them (its test_dataset expects ResourceNotFoundError for a deleted dataset).
READABLE_WHEN_DELETED = frozenset({"Project"})

Resolver = Callable[..., Any]


def visible(ctx: Ctx, type_name: str, row: Row | None) -> bool:
    """Whether the caller's organization may see ``row``."""
    if row is None:
        return False
    return ctx.state.model.entities[type_name].is_global or row.get("org_id") == ctx.org_id


def observed(ctx: Ctx, type_name: str, rows: list[Row]) -> list[Row]:
    """Count reads of job-backed rows (which may finish their job) and refresh them."""
    if type_name not in OBSERVED_TYPES:
        return rows
    out = []
    for row in rows:
        if ctx.state.jobs.observe(str(row["id"])):
            row = ctx.state.store.get(type_name, str(row["id"])) or row
        elif type_name == "Task" and row.get("status") == "IN_PROGRESS":
            percent = ctx.state.jobs.progress(str(row["id"]))  # a timed job advances
            if percent is not None:
                row = {**row, "completionPercentage": percent}
        out.append(row)
    return out


def find(ctx: Ctx, type_name: str, object_id: str, include_deleted: bool = False) -> Row | None:
    """The caller-visible object ``object_id`` (None if absent, foreign or deleted)."""
    row = ctx.state.store.get(type_name, object_id)
    if not visible(ctx, type_name, row) or row is None:
        return None
    if row.get("deleted") and not include_deleted:
        return None
    return observed(ctx, type_name, [row])[0]


def require(ctx: Ctx, type_name: str, object_id: str, include_deleted: bool = False) -> Row:
    """Like :func:`find` but raises RESOURCE_NOT_FOUND."""
    row = find(ctx, type_name, object_id, include_deleted)
    if row is None:
        raise NotFoundError(f"Resource not found: no {type_name} with id {object_id!r}.")
    return row


def list_rows(
    ctx: Ctx,
    type_name: str,
    where: Mapping[str, Any] | None = None,
    order_by: str | None = None,
    skip: int | None = None,
    first: int | None = None,
    extra: tuple[str, list[object]] = ("1", []),
    scoped: bool = True,
) -> list[Row]:
    """Caller-visible rows of ``type_name`` filtered, ordered and paginated in SQL."""
    if (skip is not None and skip < 0) or (first is not None and first < 0):
        raise BadUserInputError("skip and first must not be negative.")
    model = ctx.state.model
    alias = q(type_name)
    comp = WhereCompiler(model, ctx.org_id)
    cond, params = comp.compile(type_name, where, alias)
    parts, args = [extra[0], cond], [*extra[1], *params]
    if not _mentions_deleted(where):
        # Like the real server: soft-deleted rows are hidden unless asked about.
        parts.append(f"{alias}.deleted = 0")
    if scoped:
        scope, sp = comp.scope(type_name, alias)
        parts.insert(0, scope)
        args = [*sp, *args]
    rows = ctx.state.store.select(
        type_name,
        " AND ".join(f"({p})" for p in parts),
        args,
        order_sql(model, type_name, order_by, alias),
        first,
        skip or 0,
    )
    return observed(ctx, type_name, rows)


def _mentions_deleted(where: Any) -> bool:
    """Whether a where-input filters on ``deleted`` (at any depth)."""
    if isinstance(where, Mapping):
        return any(
            key.startswith("deleted") or _mentions_deleted(value) for key, value in where.items()
        )
    if isinstance(where, list):
        return any(_mentions_deleted(item) for item in where)
    return False


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


# ------------------------------------------------------------------ writing
def _defaults(ctx: Ctx, ent: Entity) -> dict[str, object]:
    obj = ctx.state.model.schema.type_map[ent.name]
    assert isinstance(obj, GraphQLObjectType)
    out: dict[str, object] = {}
    for name, kind in ent.scalars.items():
        f = obj.fields.get(name)
        if kind == "bool":
            out[name] = False
        elif name == "description":
            out[name] = ""  # the real server answers "" for a description never set
        elif f is not None and isinstance(f.type, GraphQLNonNull) and kind in ("int", "float"):
            out[name] = 0
    return out


PostAction = Callable[[str], None]


def apply_input(
    ctx: Ctx, ent: Entity, data: Mapping[str, Any]
) -> tuple[dict[str, object], list[PostAction]]:
    """Translate create/update input to column values and relation actions."""
    store = ctx.state.store
    cols: dict[str, object] = {}
    post: list[PostAction] = []
    for key, value in data.items():
        if key == "deleted" or key in ent.scalars:
            if isinstance(value, Mapping) and "set" in value:
                value = value["set"]
            if key == "deleted":
                value = bool(value)
            cols[key] = value
        elif key in ent.to_one:
            if value is None:
                continue
            target = ent.to_one[key]
            connect, disconnect = value.get("connect"), value.get("disconnect")
            if connect:
                row = _connected(ctx, target, connect)
                if key != "organization":
                    cols[fk_column(key)] = row["id"]
            elif disconnect and key != "organization":
                cols[fk_column(key)] = None
        elif key in ent.to_many:
            if value is None:
                continue
            rel = ent.to_many[key]
            connects = [require(ctx, rel.target, c["id"])["id"] for c in value.get("connect") or []]
            disconnects = [
                require(ctx, rel.target, c["id"], True)["id"] for c in value.get("disconnect") or []
            ]
            post.append(_relation_action(ctx, rel, connects, disconnects))
        else:
            raise BadUserInputError(f"Unsupported input field {key!r} for {ent.name}.")
    _ = store
    return cols, post


def _connected(ctx: Ctx, target: str, unique: Mapping[str, Any]) -> Row:
    """The row a ``connect: {id: ...}`` (or another unique field, e.g. a label type's
    ``name``) designates; RESOURCE_NOT_FOUND when there is none."""
    if unique.get("id") is not None:
        return require(ctx, target, str(unique["id"]))
    rows = list_rows(ctx, target, dict(unique), first=2) if unique else []
    if len(rows) != 1:
        raise NotFoundError(f"Resource not found: no {target} with {dict(unique)!r}.")
    return rows[0]


def _relation_action(
    ctx: Ctx, rel: ToMany, connects: list[str], disconnects: list[str]
) -> PostAction:
    store = ctx.state.store

    def act(owner_id: str) -> None:
        for target_id in connects:
            if rel.kind == "fk":
                store.update(rel.target, target_id, {rel.column: owner_id})
            else:
                store.link(rel.link_table, {rel.owner_column: owner_id, rel.column: target_id})
        for target_id in disconnects:
            if rel.kind == "fk":
                row = store.get(rel.target, target_id)
                if row is not None and row.get(rel.column) == owner_id:
                    store.update(rel.target, target_id, {rel.column: None})
            else:
                store.unlink(rel.link_table, {rel.owner_column: owner_id, rel.column: target_id})

    return act


def create_entity(
    ctx: Ctx, type_name: str, data: Mapping[str, Any], extra: Mapping[str, object] | None = None
) -> Row:
    """Create an object from create-input ``data`` (plus raw column values ``extra``)."""
    store = ctx.state.store
    ent = store.entity(type_name)
    with store.transaction():
        cols, post = apply_input(ctx, ent, data)
        now = utc_now()
        values: dict[str, object] = _defaults(ctx, ent)
        values.update({"id": new_id(), "org_id": None if ent.is_global else ctx.org_id})
        if "createdBy" in ent.to_one:
            values["createdBy_id"] = ctx.user_id
        for stamp in ("createdAt", "updatedAt"):
            if stamp in ent.scalars:
                values[stamp] = now
        values.update(cols)
        values.update(extra or {})
        row = store.insert(type_name, values)
        for action in post:
            action(str(row["id"]))
        return store.get(type_name, str(row["id"])) or row


def update_entity(
    ctx: Ctx,
    type_name: str,
    object_id: str,
    data: Mapping[str, Any],
    extra: Mapping[str, object] | None = None,
) -> Row:
    """Apply update-input ``data`` to a visible object (RESOURCE_NOT_FOUND otherwise)."""
    store = ctx.state.store
    ent = store.entity(type_name)
    with store.transaction():
        current = require(ctx, type_name, object_id)
        cols, post = apply_input(ctx, ent, data)
        if ent.is_global:
            # Shared by every organization (frontends, roles): no customer may change
            # them. Writing back the current values is accepted and changes nothing
            # (the official client's upsert_instructions does exactly that).
            changed = sorted(k for k, v in cols.items() if current.get(k) != v)
            if changed:
                raise AuthorizationError(
                    f"{type_name} {object_id!r} is shared by every organization and "
                    f"cannot be changed (fields: {', '.join(changed)})."
                )
            for action in post:
                action(object_id)
            return store.get(type_name, object_id) or current
        if "updatedAt" in ent.scalars:
            cols["updatedAt"] = utc_now()
        if type_name == "Project" and cols.get("setupComplete"):
            cols.setdefault("lastActivityTime", utc_now())  # setup counts as activity
        cols.update(extra or {})
        store.update(type_name, object_id, cols)
        for action in post:
            action(object_id)
        row = store.get(type_name, object_id)
        assert row is not None
        return row


# ---------------------------------------------------------------- factories
def single_resolver(type_name: str) -> Resolver:
    """``x(where: {id})`` → the visible object or null (soft-deleted ones are null unless
    the type is in :data:`READABLE_WHEN_DELETED` and the emulator keeps them readable:
    ``EmulatorState.deleted_projects_readable``)."""

    deleted_too = type_name in READABLE_WHEN_DELETED

    def resolve(_: object, info: GraphQLResolveInfo, where: Mapping[str, Any]) -> Row | None:
        ctx = ctx_of(info)
        readable = deleted_too and ctx.state.deleted_projects_readable
        return find(ctx, type_name, str(where["id"]), include_deleted=readable)

    return resolve


def list_resolver(type_name: str) -> Resolver:
    """``xs(where, orderBy, skip, first)`` over the caller's organization."""

    def resolve(
        _: object,
        info: GraphQLResolveInfo,
        where: Mapping[str, Any] | None = None,
        orderBy: str | None = None,
        skip: int | None = None,
        first: int | None = None,
    ) -> list[Row]:
        return list_rows(ctx_of(info), type_name, where, orderBy, skip, first)

    return resolve


def create_resolver(type_name: str) -> Resolver:
    """``createX(data)``."""

    def resolve(_: object, info: GraphQLResolveInfo, data: Mapping[str, Any]) -> Row:
        return create_entity(ctx_of(info), type_name, data)

    return resolve


def update_resolver(type_name: str) -> Resolver:
    """``updateX(where, data)``."""

    def resolve(
        _: object, info: GraphQLResolveInfo, where: Mapping[str, Any], data: Mapping[str, Any]
    ) -> Row:
        return update_entity(ctx_of(info), type_name, str(where["id"]), data)

    return resolve


def to_one_resolver(target: str, field: str) -> Resolver:
    """A to-one relation field (the related object even if soft-deleted)."""
    col = fk_column(field)

    def resolve(parent: Mapping[str, Any], info: GraphQLResolveInfo) -> Row | None:
        ref = parent.get(col)
        if not ref:
            return None
        ctx = ctx_of(info)
        row = ctx.state.store.get(target, str(ref))
        return row if visible(ctx, target, row) else None

    return resolve


def _refresh_url(value: object, ctx: Any) -> object:
    if type(value) is str and FILES_PATH in value:
        return ctx.state.files.refresh(value, ctx.base_url)
    return value


def url_field_resolver(field: str) -> Resolver:
    """A string field that may hold one of the emulator's file URLs (``rowData``, an
    attachment's value): such a URL is signed anew when read, so it keeps working for
    as long as the object exists (also after a restart on another port). The fast
    path of lists applies the same :data:`TRANSFORM`."""

    def resolve(parent: Mapping[str, Any], info: GraphQLResolveInfo) -> object:
        return _refresh_url(parent.get(field), info.context)

    setattr(resolve, TRANSFORM, _refresh_url)
    return resolve


def to_many_resolver(owner: Entity, rel: ToMany) -> Resolver:
    """A to-many relation field with where/orderBy/skip/first."""
    scoped = owner.is_global

    def resolve(
        parent: Mapping[str, Any],
        info: GraphQLResolveInfo,
        where: Mapping[str, Any] | None = None,
        orderBy: str | None = None,
        skip: int | None = None,
        first: int | None = None,
    ) -> list[Row]:
        ctx = ctx_of(info)
        extra = relation_condition(rel, str(parent["id"]))
        return list_rows(ctx, rel.target, where, orderBy, skip, first, extra, scoped)

    return resolve
