"""Binds resolvers to the schema: domain-specific ones by name, generic ones by shape
(where the entity's facts say a generic operation serves it), the rest NOT_IMPLEMENTED."""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLResolveInfo,
)

from ..entities import Op
from ..errors import NotImplementedFieldError
from ..model import Model
from . import generic, special

__all__ = ["bind", "coverage"]


def _named(t: Any) -> tuple[str, bool]:
    is_list = False
    while isinstance(t, (GraphQLNonNull, GraphQLList)):
        is_list = is_list or isinstance(t, GraphQLList)
        t = t.of_type
    return getattr(t, "name", ""), is_list


_LIST_ARGS = {"where", "orderBy", "skip", "first"}


def _by_id(f: GraphQLField) -> bool:
    return set(f.args) == {"where"} and _named(f.args["where"].type)[0] == "WhereUniqueIdInput"


def generic_op(root: str, name: str, f: GraphQLField, type_name: str, is_list: bool) -> Op | None:
    """The generic operation the root field ``name`` has the shape of (None if none)."""
    args = set(f.args)
    if root == "Query":
        if not is_list and _by_id(f):
            return "single"
        return "list" if is_list and args <= _LIST_ARGS else None
    if is_list:
        return None
    if name == f"create{type_name}" and args == {"data"}:
        return "create"
    if name == f"update{type_name}" and args == {"where", "data"}:
        return "update"
    return "delete" if name == f"delete{type_name}" and _by_id(f) else None


def _generic_root(model: Model, root: str, name: str, f: GraphQLField) -> generic.Resolver | None:
    type_name, is_list = _named(f.type)
    entity = model.entities.get(type_name)
    if entity is None:
        return None
    op = generic_op(root, name, f, type_name, is_list)
    if op is None or op not in entity.facts.generic:
        return None
    return generic.ROOT_FACTORIES[op](type_name)


def _not_implemented(type_name: str, field: str) -> generic.Resolver:
    def resolve(_: object, info: GraphQLResolveInfo, **__: Any) -> None:
        raise NotImplementedFieldError(
            f"{type_name}.{field} is not implemented by the Labelbox emulator."
        )

    return resolve


def _bind_roots(model: Model) -> dict[str, str]:
    cov: dict[str, str] = {}
    for root, specials in (("Query", special.QUERY), ("Mutation", special.MUTATION)):
        obj = model.schema.type_map[root]
        assert isinstance(obj, GraphQLObjectType)
        for name, f in obj.fields.items():
            resolver = specials.get(name)
            kind = "special"
            if resolver is None:
                resolver = _generic_root(model, root, name, f)
                kind = "generic"
            if resolver is None:
                resolver, kind = _not_implemented(root, name), "no"
            f.resolve = resolver
            cov[f"{root}.{name}"] = kind
    return cov


def _set(model: Model, type_name: str, field: str, resolver: generic.Resolver) -> None:
    found = model.schema.type_map.get(type_name)
    if isinstance(found, GraphQLObjectType) and field in found.fields:
        found.fields[field].resolve = resolver


def bind(model: Model) -> dict[str, str]:
    """Set a resolver on every field of ``model.schema``.

    Returns root-field coverage: ``"Query.x" -> "special" | "generic" | "no"``.
    """
    cov = _bind_roots(model)
    for type_name, ent in model.entities.items():
        for fname, target in ent.to_one.items():
            _set(model, type_name, fname, generic.to_one_resolver(target, fname))
        for fname, rel in ent.to_many.items():
            _set(model, type_name, fname, generic.to_many_resolver(ent, rel))
        for fname in ent.facts.url_fields:
            _set(model, type_name, fname, generic.url_field_resolver(fname))
    for type_name, fname in special.NOT_IMPLEMENTED:
        _set(model, type_name, fname, _not_implemented(type_name, fname))
    for (type_name, fname), resolver in special.FIELDS.items():
        _set(model, type_name, fname, resolver)
    return cov


def coverage(model: Model) -> dict[str, str]:
    """Root-field coverage of ``model`` (binding its resolvers if needed)."""
    return bind(model)
