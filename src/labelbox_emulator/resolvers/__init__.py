"""Binds resolvers to the schema: generic ones by shape, special ones by name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphql import (
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLResolveInfo,
)

from ..errors import NotImplementedFieldError
from ..model import Model
from . import generic, special
from . import job_handlers as jh

if TYPE_CHECKING:
    from ..state import EmulatorState

__all__ = ["bind", "coverage", "install_handlers"]


def _named(t: Any) -> tuple[str, bool]:
    is_list = False
    while isinstance(t, (GraphQLNonNull, GraphQLList)):
        is_list = is_list or isinstance(t, GraphQLList)
        t = t.of_type
    return getattr(t, "name", ""), is_list


_LIST_ARGS = {"where", "orderBy", "skip", "first"}

#: String fields that may hold a URL of a file the emulator stores: signed anew on read.
URL_FIELDS = (
    ("DataRow", "rowData"),
    ("AssetAttachment", "value"),
    ("AssetMetadata", "metaValue"),
    ("BulkImportRequest", "inputFileUrl"),
    ("BulkImportRequest", "statusFileUrl"),
    ("BulkImportRequest", "errorFileUrl"),
)


def _generic_root(model: Model, root: str, name: str, f: GraphQLField) -> generic.Resolver | None:
    type_name, is_list = _named(f.type)
    args = set(f.args)
    if root == "Query" and type_name in model.entities:
        if (
            not is_list
            and args == {"where"}
            and _named(f.args["where"].type)[0] == ("WhereUniqueIdInput")
        ):
            return generic.single_resolver(type_name)
        if is_list and args <= _LIST_ARGS:
            return generic.list_resolver(type_name)
    if root == "Mutation" and type_name in model.entities and not is_list:
        if name == f"create{type_name}" and args == {"data"}:
            return generic.create_resolver(type_name)
        if name == f"update{type_name}" and args == {"where", "data"}:
            return generic.update_resolver(type_name)
    return None


def _not_implemented(type_name: str, field: str) -> generic.Resolver:
    def resolve(_: object, info: GraphQLResolveInfo, **__: Any) -> None:
        raise NotImplementedFieldError(
            f"{type_name}.{field} is not implemented by the Labelbox emulator."
        )

    return resolve


def bind(model: Model) -> dict[str, str]:
    """Set a resolver on every field of ``model.schema``.

    Returns root-field coverage: ``"Query.x" -> "special" | "generic" | "no"``.
    """
    schema = model.schema
    cov: dict[str, str] = {}
    for root, specials in (("Query", special.QUERY), ("Mutation", special.MUTATION)):
        obj = schema.type_map[root]
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
    for type_name, ent in model.entities.items():
        obj = schema.type_map[type_name]
        assert isinstance(obj, GraphQLObjectType)
        for fname, target in ent.to_one.items():
            obj.fields[fname].resolve = generic.to_one_resolver(target, fname)
        for fname, rel in ent.to_many.items():
            obj.fields[fname].resolve = generic.to_many_resolver(ent, rel)
    for type_name, fname in URL_FIELDS:
        found = schema.type_map.get(type_name)
        if isinstance(found, GraphQLObjectType) and fname in found.fields:
            found.fields[fname].resolve = generic.url_field_resolver(fname)
    for type_name, fname in special.NOT_IMPLEMENTED:
        found = schema.type_map.get(type_name)
        if isinstance(found, GraphQLObjectType) and fname in found.fields:
            found.fields[fname].resolve = _not_implemented(type_name, fname)
    for (type_name, fname), resolver in special.FIELDS.items():
        found = schema.type_map.get(type_name)
        if isinstance(found, GraphQLObjectType) and fname in found.fields:
            found.fields[fname].resolve = resolver
    return cov


def coverage(model: Model) -> dict[str, str]:
    """Root-field coverage of ``model`` (binding its resolvers if needed)."""
    return bind(model)


def install_handlers(state: EmulatorState) -> None:
    """Register the finishing work of every job kind on ``state.jobs``."""
    jobs = state.jobs
    jobs.register(
        "append_rows",
        lambda job, items: jh.append_rows(state, job, items),
        lambda job: jh.prepare_append_rows(state, job),
        lambda job, message: jh.fail_task(state, job, message),
    )
    jobs.register(
        "export_labels",
        lambda job, data: jh.export_labels(state, job, data),
        lambda job: jh.prepare_export_labels(state, job),
    )
    jobs.register(
        "export_queued",
        lambda job, data: jh.export_queued(state, job, data),
        lambda job: jh.prepare_export_queued(state, job),
    )
    jobs.register(
        "bulk_import",
        lambda job, checked: jh.bulk_import(state, job, checked),
        lambda job: jh.prepare_bulk_import(state, job),
        lambda job, message: jh.fail_bulk_import(state, job, message),
    )
