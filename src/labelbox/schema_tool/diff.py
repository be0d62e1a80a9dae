"""Breaking and dangerous changes between two schemas, each with the SDK operations it
touches and the facade methods that send them.

graphql-core's ``find_breaking_changes`` / ``find_dangerous_changes`` name what changed
only in a sentence; :func:`change_target` reads the schema coordinate back out of it
(the sentence formats are fixed within graphql-core 3.2). An operation touches a change
when its references in the OLD schema (:mod:`labelbox.schema_tool.references`) include:

* the changed type, for changes of a whole type (removed, kind changed, union members,
  implemented interfaces) and for changes of an input type's fields or an enum's
  values (variables can carry any of them, so using the type is enough);
* the changed output field, for a removed field or a field whose type changed;
* the passed argument, for an argument removed or retyped; the field, for an argument
  added or whose default changed (it applies to every use of the field);
* the directive, for directive changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from graphql import (
    GraphQLInputObjectType,
    GraphQLSchema,
    find_breaking_changes,
    find_dangerous_changes,
)

from labelbox.schema_tool.references import References
from labelbox.schema_tool.usage import UsageMap

ChangeKind = Literal["breaking", "dangerous"]
#: What an operation must reference to be touched by a change.
Scope = Literal["type", "field", "argument", "directive", "none"]


@dataclass(frozen=True)
class Target:
    """The schema coordinate a change is about (parts that do not apply are None).

    Attributes:
        type: the changed type (or the type owning the changed field).
        field: the changed field, or the field owning the changed argument.
        argument: the changed argument.
        directive: the changed directive (without ``@``).
        scope: what an operation must reference to be touched: ``type``, ``field``,
            ``argument``, ``directive`` or ``none`` (unparsed description).
    """

    type: str | None = None
    field: str | None = None
    argument: str | None = None
    directive: str | None = None
    scope: Scope = "none"


@dataclass(frozen=True)
class SchemaChange:
    """One change between two schemas and what in the SDK it touches.

    Attributes:
        kind: ``breaking`` or ``dangerous``.
        type: graphql-core's change type name (``FIELD_REMOVED``).
        description: graphql-core's sentence (``Dataset.description was removed.``).
        operations: sorted names of the SDK operations it touches.
        methods: sorted facade methods that send those operations.
    """

    kind: ChangeKind
    type: str
    description: str
    operations: tuple[str, ...]
    methods: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        """The JSON object of this change (``--format json``).

        Returns:
            ``kind``, ``type``, ``description``, ``operations`` and ``methods``.
        """
        return {
            "kind": self.kind,
            "type": self.type,
            "description": self.description,
            "operations": list(self.operations),
            "methods": list(self.methods),
        }


_T = r"(?P<type>\w+)"
_F = r"(?P<field>\w+)"
_A = r"(?P<argument>\w+)"
_D = r"(?P<directive>\w+)"

#: (change type name, pattern of its description, scope of an operation's match).
_RULES: tuple[tuple[str, str, Scope], ...] = (
    ("TYPE_REMOVED", rf"^(?:Standard scalar )?{_T} was removed", "type"),
    ("TYPE_CHANGED_KIND", rf"^{_T} changed from ", "type"),
    ("TYPE_REMOVED_FROM_UNION", rf"was removed from union type {_T}\.$", "type"),
    ("TYPE_ADDED_TO_UNION", rf"was added to union type {_T}\.$", "type"),
    ("VALUE_REMOVED_FROM_ENUM", rf"was removed from enum type {_T}\.$", "type"),
    ("VALUE_ADDED_TO_ENUM", rf"was added to enum type {_T}\.$", "type"),
    ("REQUIRED_INPUT_FIELD_ADDED", rf"field {_F} on input type {_T} was added", "type"),
    ("OPTIONAL_INPUT_FIELD_ADDED", rf"field {_F} on input type {_T} was added", "type"),
    ("IMPLEMENTED_INTERFACE_REMOVED", rf"^{_T} no longer implements interface ", "type"),
    ("IMPLEMENTED_INTERFACE_ADDED", rf"added to interfaces implemented by {_T}\.$", "type"),
    ("FIELD_REMOVED", rf"^{_T}\.{_F} was removed\.$", "field"),
    ("FIELD_CHANGED_KIND", rf"^{_T}\.{_F} changed type from ", "field"),
    ("ARG_REMOVED", rf"^{_T}\.{_F} arg {_A} was removed\.$", "argument"),
    ("ARG_CHANGED_KIND", rf"^{_T}\.{_F} arg {_A} has changed type ", "argument"),
    (
        "ARG_DEFAULT_VALUE_CHANGE",
        rf"^{_T}\.{_F} arg {_A} (?:has changed )?defaultValue",
        "field",
    ),
    ("REQUIRED_ARG_ADDED", rf"arg {_A} on {_T}\.{_F} was added\.$", "field"),
    ("OPTIONAL_ARG_ADDED", rf"arg {_A} on {_T}\.{_F} was added\.$", "field"),
    ("DIRECTIVE_REMOVED", rf"^{_D} was removed\.$", "directive"),
    ("DIRECTIVE_ARG_REMOVED", rf"was removed from {_D}\.$", "directive"),
    ("REQUIRED_DIRECTIVE_ARG_ADDED", rf"on directive {_D} was added\.$", "directive"),
    ("DIRECTIVE_REPEATABLE_REMOVED", rf"from {_D}\.$", "directive"),
    ("DIRECTIVE_LOCATION_REMOVED", rf"was removed from {_D}\.$", "directive"),
)
_PATTERNS: dict[str, tuple[re.Pattern[str], Scope]] = {
    name: (re.compile(pattern), scope) for name, pattern, scope in _RULES
}


def change_target(change_type: str, description: str, old: GraphQLSchema) -> Target:
    """The coordinate a change of ``change_type`` described by ``description`` is about.

    A change to a field of an input type is widened to the input type (see the module
    docstring). Unknown change types or sentences give a target that touches nothing.

    Args:
        change_type: graphql-core's change type name, e.g. ``FIELD_REMOVED``.
        description: graphql-core's sentence describing the change.
        old: The schema the change is from.

    Returns:
        The schema coordinate the change is about.
    """
    known = _PATTERNS.get(change_type)
    match = known[0].search(description) if known else None
    if known is None or match is None:
        return Target()
    groups = match.groupdict()
    scope: Scope = known[1]
    type_name = groups.get("type")
    if scope == "field" and isinstance(old.get_type(type_name or ""), GraphQLInputObjectType):
        scope = "type"
    return Target(
        type=type_name,
        field=groups.get("field"),
        argument=groups.get("argument"),
        directive=groups.get("directive"),
        scope=scope,
    )


def touches(target: Target, refs: References) -> bool:
    """Whether an operation touches a changed schema coordinate.

    Args:
        target: The coordinate of a change.
        refs: What the operation references (``collect_references``).

    Returns:
        True if the operation uses the coordinate.
    """
    if target.scope == "type":
        return target.type in refs.types
    if target.scope == "field":
        return (target.type or "", target.field or "") in refs.fields
    if target.scope == "argument":
        key = (target.type or "", target.field or "", target.argument or "")
        return key in refs.arguments
    if target.scope == "directive":
        return target.directive in refs.directives
    return False


def diff_schemas(
    old: GraphQLSchema,
    new: GraphQLSchema,
    references: Mapping[str, References],
    usage: UsageMap,
) -> list[SchemaChange]:
    """Breaking then dangerous changes from ``old`` to ``new``.

    Args:
        old: The schema the SDK was built from (e.g. the bundled one).
        new: The other schema (e.g. a pulled one).
        references: operation name -> its references in ``old``.
        usage: which facade methods send which operation.

    Returns:
        The changes, breaking first, each with the SDK operations and facade methods
        it touches.
    """
    found: list[SchemaChange] = []
    breaking = [(c.type.name, c.description) for c in find_breaking_changes(old, new)]
    dangerous = [(c.type.name, c.description) for c in find_dangerous_changes(old, new)]
    groups: Iterable[tuple[ChangeKind, list[tuple[str, str]]]] = (
        ("breaking", breaking),
        ("dangerous", dangerous),
    )
    for kind, changes in groups:
        for change_type, description in changes:
            target = change_target(change_type, description, old)
            operations = sorted(name for name, refs in references.items() if touches(target, refs))
            found.append(
                SchemaChange(
                    kind=kind,
                    type=change_type,
                    description=description,
                    operations=tuple(operations),
                    methods=tuple(usage.methods(operations)),
                )
            )
    return found
