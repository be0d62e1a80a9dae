"""A complete, symmetric difference of two schemas, by schema coordinate.

Every schema element gets a coordinate (the GraphQL schema-coordinate notation) and a
description that must match on both sides:

* ``Type`` → its kind (``OBJECT``, ``INPUT_OBJECT``, ``ENUM``...);
* ``Type.field`` (output and input fields) → its type (``[Project!]!``);
* ``Type.field(arg:)`` → the argument's type;
* ``Enum.VALUE`` → ``enum value``;
* ``Type[Interface]`` → ``implements``; ``Union[Member]`` → ``member``;
* ``@directive`` → ``directive``; ``@directive(arg:)`` → the argument's type.

An element is compared only where its parent exists on both sides: a type missing on
one side is one difference, not one per field. Introspection types (``__Schema``...)
are left out; both sides have them.
"""

from __future__ import annotations

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
)
from graphql.type.introspection import TypeKind

from .report import Difference

#: coordinate -> (parent coordinate or None, description).
Coordinates = dict[str, tuple[str | None, str]]


def _kind(named: GraphQLNamedType) -> str:
    kinds: tuple[tuple[type, TypeKind], ...] = (
        (GraphQLObjectType, TypeKind.OBJECT),
        (GraphQLInterfaceType, TypeKind.INTERFACE),
        (GraphQLUnionType, TypeKind.UNION),
        (GraphQLEnumType, TypeKind.ENUM),
        (GraphQLInputObjectType, TypeKind.INPUT_OBJECT),
    )
    return next((kind.name for cls, kind in kinds if isinstance(named, cls)), "SCALAR")


def _type_members(named: GraphQLNamedType, out: Coordinates) -> None:
    """Adds the fields, arguments, values, interfaces and members of one type."""
    name = named.name
    if isinstance(named, (GraphQLObjectType, GraphQLInterfaceType)):
        for iface in named.interfaces:
            out[f"{name}[{iface.name}]"] = (name, "implements")
        for fname, fdef in named.fields.items():
            out[f"{name}.{fname}"] = (name, str(fdef.type))
            for aname, adef in fdef.args.items():
                out[f"{name}.{fname}({aname}:)"] = (f"{name}.{fname}", str(adef.type))
    elif isinstance(named, GraphQLInputObjectType):
        for fname, ifdef in named.fields.items():
            out[f"{name}.{fname}"] = (name, str(ifdef.type))
    elif isinstance(named, GraphQLEnumType):
        for value in named.values:
            out[f"{name}.{value}"] = (name, "enum value")
    elif isinstance(named, GraphQLUnionType):
        for member in named.types:
            out[f"{name}[{member.name}]"] = (name, "member")


def coordinates(schema: GraphQLSchema) -> Coordinates:
    """Every element of ``schema`` by coordinate (see the module docstring)."""
    out: Coordinates = {}
    for name, named in schema.type_map.items():
        if name.startswith("__"):
            continue
        out[name] = (None, _kind(named))
        _type_members(named, out)
    for directive in schema.directives:
        out[f"@{directive.name}"] = (None, "directive")
        for aname, adef in directive.args.items():
            out[f"@{directive.name}({aname}:)"] = (f"@{directive.name}", str(adef.type))
    return out


def _detail(live: str | None, emulator: str | None) -> str:
    if live is None:
        return "missing on live"
    if emulator is None:
        return "only on live (missing on the emulator)"
    return "differs"


def schema_differences(
    live: GraphQLSchema, emulator: GraphQLSchema
) -> tuple[int, list[Difference]]:
    """Compares two schemas element by element, in both directions.

    Returns:
        How many coordinates were compared, and every difference (kind ``schema``).
    """
    ours, theirs = coordinates(emulator), coordinates(live)
    compared = 0
    found: list[Difference] = []
    for coordinate in sorted(ours.keys() | theirs.keys()):
        parent = (theirs.get(coordinate) or ours[coordinate])[0]
        if parent is not None and not (parent in ours and parent in theirs):
            continue  # the parent's own difference covers it
        compared += 1
        live_value = theirs[coordinate][1] if coordinate in theirs else None
        emulator_value = ours[coordinate][1] if coordinate in ours else None
        if live_value != emulator_value:
            detail = _detail(live_value, emulator_value)
            found.append(Difference("schema", coordinate, live_value, emulator_value, detail))
    return compared, found
