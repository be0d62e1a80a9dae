"""Schema-driven resolvers: lookups, lists, create/update/delete and relation fields.

Each is a thin adapter from GraphQL arguments to :mod:`labelbox_emulator.domain.records`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from graphql import GraphQLResolveInfo

from ..domain import records
from ..fastpath import TRANSFORM
from ..model import Entity, ToMany, fk_column
from ..store import Row
from .context import ctx_of

Resolver = Callable[..., Any]


def single_resolver(type_name: str) -> Resolver:
    """``x(where: {id})`` → the visible object or null (see :func:`records.lookup`)."""

    def resolve(_: object, info: GraphQLResolveInfo, where: Mapping[str, Any]) -> Row | None:
        return records.lookup(ctx_of(info), type_name, str(where["id"]))

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
        return records.list_rows(ctx_of(info), type_name, where, orderBy, skip, first)

    return resolve


def create_resolver(type_name: str) -> Resolver:
    """``createX(data)``."""

    def resolve(_: object, info: GraphQLResolveInfo, data: Mapping[str, Any]) -> Row:
        return records.create_entity(ctx_of(info), type_name, data)

    return resolve


def update_resolver(type_name: str) -> Resolver:
    """``updateX(where, data)``."""

    def resolve(
        _: object, info: GraphQLResolveInfo, where: Mapping[str, Any], data: Mapping[str, Any]
    ) -> Row:
        return records.update_entity(ctx_of(info), type_name, str(where["id"]), data)

    return resolve


def delete_resolver(type_name: str) -> Resolver:
    """``deleteX(where: {id})``: soft-deletes the object and returns it."""

    def resolve(_: object, info: GraphQLResolveInfo, where: Mapping[str, Any]) -> Row:
        return records.soft_delete(ctx_of(info), type_name, str(where["id"]))

    return resolve


#: The factory of each generic root operation.
ROOT_FACTORIES: dict[str, Callable[[str], Resolver]] = {
    "single": single_resolver,
    "list": list_resolver,
    "create": create_resolver,
    "update": update_resolver,
    "delete": delete_resolver,
}


def to_one_resolver(target: str, field: str) -> Resolver:
    """A to-one relation field (the related object even if soft-deleted)."""
    col = fk_column(field)

    def resolve(parent: Mapping[str, Any], info: GraphQLResolveInfo) -> Row | None:
        return records.related_row(ctx_of(info), target, parent.get(col))

    return resolve


def url_field_resolver(field: str) -> Resolver:
    """A string field that may hold one of the emulator's file URLs (``rowData``, an
    attachment's value): such a URL is signed anew when read, so it keeps working for
    as long as the object exists (also after a restart on another port). The fast
    path of lists applies the same :data:`TRANSFORM`."""

    def resolve(parent: Mapping[str, Any], info: GraphQLResolveInfo) -> object:
        return records.refresh_url(parent.get(field), info.context)

    setattr(resolve, TRANSFORM, records.refresh_url)
    return resolve


def to_many_resolver(owner: Entity, rel: ToMany) -> Resolver:
    """A to-many relation field with where/orderBy/skip/first."""

    def resolve(
        parent: Mapping[str, Any],
        info: GraphQLResolveInfo,
        where: Mapping[str, Any] | None = None,
        orderBy: str | None = None,
        skip: int | None = None,
        first: int | None = None,
    ) -> list[Row]:
        ctx = ctx_of(info)
        return records.related_rows(ctx, owner, rel, str(parent["id"]), where, orderBy, skip, first)

    return resolve
