"""Generic work on any entity: visibility, lookups, lists, relations, create and update.

What differs per entity comes from its facts (:mod:`labelbox_emulator.entities`);
nothing here names a type.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from graphql import GraphQLNonNull, GraphQLObjectType

from ..errors import AuthorizationError, BadUserInputError, NotFoundError
from ..files import FILES_PATH
from ..model import Entity, ToMany, fk_column
from ..store import Row, new_id, utc_now
from ..where import list_condition, order_sql
from .context import Ctx

#: Work on the new or updated object's id once its row is written (relation changes).
PostAction = Callable[[str], None]


def visible(ctx: Ctx, type_name: str, row: Row | None) -> bool:
    """Whether the caller's organization may see ``row``."""
    if row is None:
        return False
    return ctx.state.model.entities[type_name].is_global or row.get("org_id") == ctx.org_id


def observed(ctx: Ctx, type_name: str, rows: list[Row]) -> list[Row]:
    """Count reads of job-backed rows (which may finish their job) and refresh them."""
    entity = ctx.state.model.entities.get(type_name)
    if entity is None or not entity.facts.job_backed:
        return rows
    out = []
    for row in rows:
        if ctx.state.jobs.observe(str(row["id"])):
            row = ctx.state.store.get(type_name, str(row["id"])) or row
        elif "completionPercentage" in entity.scalars and row.get("status") == "IN_PROGRESS":
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


def lookup(ctx: Ctx, type_name: str, object_id: str) -> Row | None:
    """The single lookup by id: :func:`find`, also answering for a soft-deleted object
    of a type whose facts keep it readable (unless the emulator is told otherwise)."""
    entity = ctx.state.model.entities[type_name]
    readable = entity.facts.readable_when_deleted and ctx.state.deleted_projects_readable
    return find(ctx, type_name, object_id, include_deleted=readable)


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
    related: tuple[ToMany, str] | None = None,
    scoped: bool = True,
) -> list[Row]:
    """Caller-visible rows of ``type_name`` filtered, ordered and paginated in SQL
    (only the targets of ``related`` = ``(relation, owner id)`` if given)."""
    if (skip is not None and skip < 0) or (first is not None and first < 0):
        raise BadUserInputError("skip and first must not be negative.")
    model = ctx.state.model
    cond, params = list_condition(model, ctx.org_id, type_name, where, related, scoped)
    order = order_sql(model, type_name, order_by)
    rows = ctx.state.store.select(type_name, cond, params, order, first, skip or 0)
    return observed(ctx, type_name, rows)


def related_row(ctx: Ctx, target: str, ref: object) -> Row | None:
    """The object a to-one relation points at (also if soft-deleted), if visible."""
    if not ref:
        return None
    row = ctx.state.store.get(target, str(ref))
    return row if visible(ctx, target, row) else None


def related_rows(
    ctx: Ctx,
    owner: Entity,
    rel: ToMany,
    owner_id: str,
    where: Mapping[str, Any] | None = None,
    order_by: str | None = None,
    skip: int | None = None,
    first: int | None = None,
) -> list[Row]:
    """A page of the targets of a to-many relation (of the caller's organization only
    when the owner is shared by every organization)."""
    related = (rel, owner_id)
    return list_rows(ctx, rel.target, where, order_by, skip, first, related, owner.is_global)


def refresh_url(value: object, ctx: Any) -> object:
    """``value`` signed anew if it is the URL of a file the emulator stores."""
    if type(value) is str and FILES_PATH in value:
        return ctx.state.files.refresh(value, ctx.base_url)
    return value


# ------------------------------------------------------------------ writing
def _defaults(ctx: Ctx, ent: Entity) -> dict[str, object]:
    """What a new object starts with: false booleans, zero non-null numbers and the
    defaults of the entity's facts."""
    obj = ctx.state.model.schema.type_map[ent.name]
    assert isinstance(obj, GraphQLObjectType)
    out: dict[str, object] = {}
    for name, kind in ent.scalars.items():
        f = obj.fields.get(name)
        if kind == "bool":
            out[name] = False
        elif name in ent.facts.defaults:
            out[name] = ent.facts.defaults[name]
        elif f is not None and isinstance(f.type, GraphQLNonNull) and kind in ("int", "float"):
            out[name] = 0
    return out


def apply_input(
    ctx: Ctx, ent: Entity, data: Mapping[str, Any]
) -> tuple[dict[str, object], list[PostAction]]:
    """Translate create/update input to column values and relation actions."""
    cols: dict[str, object] = {}
    post: list[PostAction] = []
    for key, value in data.items():
        if key == "deleted" or key in ent.scalars:
            if isinstance(value, Mapping) and "set" in value:
                value = value["set"]
            cols[key] = bool(value) if key == "deleted" else value
        elif key in ent.to_one:
            if value is not None:
                cols.update(_to_one_columns(ctx, ent, key, value))
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
    return cols, post


def _to_one_columns(ctx: Ctx, ent: Entity, key: str, value: Mapping[str, Any]) -> dict[str, object]:
    """The foreign key column a to-one ``connect``/``disconnect`` input sets."""
    connect, disconnect = value.get("connect"), value.get("disconnect")
    if connect:
        row = _connected(ctx, ent.to_one[key], connect)
        return {} if key == "organization" else {fk_column(key): row["id"]}
    if disconnect and key != "organization":
        return {fk_column(key): None}
    return {}


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


def _refuse_shared_change(
    ent: Entity, object_id: str, current: Row, cols: dict[str, object]
) -> None:
    """Objects shared by every organization (frontends, roles) are read-only to
    customers; writing back their current values is accepted and changes nothing (the
    official client's upsert_instructions does exactly that)."""
    changed = sorted(k for k, v in cols.items() if current.get(k) != v)
    if changed:
        raise AuthorizationError(
            f"{ent.name} {object_id!r} is shared by every organization and "
            f"cannot be changed (fields: {', '.join(changed)})."
        )


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
            _refuse_shared_change(ent, object_id, current, cols)
            for action in post:
                action(object_id)
            return store.get(type_name, object_id) or current
        if "updatedAt" in ent.scalars:
            cols["updatedAt"] = utc_now()
        for trigger, stamp in ent.facts.stamps.items():
            if cols.get(trigger):
                cols.setdefault(stamp, utc_now())
        cols.update(extra or {})
        store.update(type_name, object_id, cols)
        for action in post:
            action(object_id)
        row = store.get(type_name, object_id)
        assert row is not None
        return row


def soft_delete(ctx: Ctx, type_name: str, object_id: str) -> Row:
    """Mark a visible object deleted (RESOURCE_NOT_FOUND otherwise); returns it."""
    row = require(ctx, type_name, object_id)
    return update_entity(ctx, type_name, str(row["id"]), {"deleted": True})
