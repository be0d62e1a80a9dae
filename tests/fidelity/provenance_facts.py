"""Schema provenance, shared part: evidence levels, the facts a set of GraphQL documents
touches in schema.graphql (walked with graphql-core's ``TypeInfo``), and grades.

Used by tests/fidelity/provenance.py and its helpers (provenance_classic, provenance_grade,
provenance_report).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLInputObjectType,
    GraphQLSchema,
    GraphQLType,
    Node,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    is_enum_type,
    is_input_object_type,
    is_list_type,
    is_non_null_type,
    type_from_ast,
    visit,
)
from graphql.language import ast as gql

ROOT = Path(__file__).resolve().parents[2]

RECORDED = "recorded"
CLASSIC_SOURCE = "classic-source"
OFFICIAL_LATER = "official-client"
PUBLISHED = "published-docs"
OUTSIDE = "outside-client"
INFERRED = "inferred"
LEVELS = (RECORDED, CLASSIC_SOURCE, OFFICIAL_LATER, PUBLISHED, OUTSIDE, INFERRED)

# A location in the classic source: (path relative to site-packages, line).
Loc = tuple[str, int]
# Element keys: ("type", T) touched, ("name", T) named on the wire, ("field", T, f) for output
# and input fields, ("arg", T, f, a), ("value", Enum, V).
Key = tuple[str, ...]


# ---------------------------------------------------------------------------------------------
# Walking documents


@dataclass
class Facts:
    """Elements of schema.graphql that a set of documents touches, each with its origins."""

    seen: dict[Key, set[Any]] = field(default_factory=lambda: defaultdict(set))

    def add(self, key: Key, origin: Any) -> None:
        self.seen[key].add(origin)

    def get(self, key: Key) -> set[Any]:
        return self.seen.get(key, set())


class _Collector(Visitor):
    def __init__(self, type_info: TypeInfo, add: Callable[[Key, Node], None]) -> None:
        super().__init__()
        self.type_info = type_info
        self.add = add
        self.field_names: list[str] = []  # the enclosing fields, innermost last

    def enter_operation_definition(self, node: gql.OperationDefinitionNode, *_: Any) -> None:
        root = self.type_info.get_type()
        if root is not None:
            self.add(("type", get_named_type(root).name), node)

    def enter_variable_definition(self, node: gql.VariableDefinitionNode, *_: Any) -> None:
        self.add(("name", _ast_named_type(node.type)), node)

    def enter_fragment_definition(self, node: gql.FragmentDefinitionNode, *_: Any) -> None:
        self.add(("name", node.type_condition.name.value), node)

    def enter_inline_fragment(self, node: gql.InlineFragmentNode, *_: Any) -> None:
        if node.type_condition is not None:
            self.add(("name", node.type_condition.name.value), node)

    def enter_field(self, node: gql.FieldNode, *_: Any) -> None:
        self.field_names.append(node.name.value)
        parent = self.type_info.get_parent_type()
        definition = self.type_info.get_field_def()
        if parent is None or definition is None or node.name.value.startswith("__"):
            return
        self.add(("type", parent.name), node)
        self.add(("field", parent.name, node.name.value), node)
        self.add(("type", get_named_type(definition.type).name), node)

    def leave_field(self, *_: Any) -> None:
        self.field_names.pop()

    def enter_argument(self, node: gql.ArgumentNode, *_: Any) -> None:
        if self.type_info.get_directive() is not None:
            return
        parent = self.type_info.get_parent_type()
        if parent is None or self.type_info.get_argument() is None or not self.field_names:
            return
        self.add(("arg", parent.name, self.field_names[-1], node.name.value), node)

    def enter_object_field(self, node: gql.ObjectFieldNode, *_: Any) -> None:
        parent = self.type_info.get_parent_input_type()
        if parent is None:
            return
        named = get_named_type(parent)
        if is_input_object_type(named) and node.name.value in named.fields:  # type: ignore[attr-defined]
            self.add(("field", named.name, node.name.value), node)

    def enter_enum_value(self, node: gql.EnumValueNode, *_: Any) -> None:
        input_type = self.type_info.get_input_type()
        if input_type is None:
            return
        named = get_named_type(input_type)
        if is_enum_type(named) and node.value in named.values:  # type: ignore[attr-defined]
            self.add(("value", named.name, node.value), node)


def _ast_named_type(node: gql.TypeNode) -> str:
    while not isinstance(node, gql.NamedTypeNode):
        node = node.type  # type: ignore[attr-defined]
    return node.name.value


def walk(
    schema: GraphQLSchema,
    document: DocumentNode,
    origin_of: Callable[[Node], Any],
    facts: Facts,
    variables: dict[str, Any] | None = None,
) -> None:
    """Adds to ``facts`` what ``document`` (and its variable values) touches in ``schema``."""
    type_info = TypeInfo(schema)

    def add(key: Key, node: Node) -> None:
        facts.add(key, origin_of(node))

    visit(document, TypeInfoVisitor(type_info, _Collector(type_info, add)))
    if not variables:
        return
    for definition in document.definitions:
        if not isinstance(definition, gql.OperationDefinitionNode):
            continue
        for var in definition.variable_definitions or ():
            var_type = type_from_ast(schema, var.type)  # type: ignore[arg-type]
            name = var.variable.name.value
            if var_type is not None and name in variables:
                for key in _value_keys(var_type, variables[name]):
                    facts.add(key, origin_of(definition))


def _value_keys(type_: GraphQLType, value: Any) -> Iterator[Key]:
    """Input fields and enum values that a JSON variable value uses."""
    if value is None:
        return
    if is_non_null_type(type_):
        yield from _value_keys(type_.of_type, value)  # type: ignore[attr-defined]
    elif is_list_type(type_):
        for item in value if isinstance(value, list) else [value]:
            yield from _value_keys(type_.of_type, item)  # type: ignore[attr-defined]
    elif is_enum_type(type_) and isinstance(value, str):
        if value in type_.values:  # type: ignore[attr-defined]
            yield ("value", type_.name, value)  # type: ignore[attr-defined]
    elif isinstance(type_, GraphQLInputObjectType) and isinstance(value, dict):
        for name, item in value.items():
            if name in type_.fields:
                yield ("field", type_.name, name)
                yield from _value_keys(type_.fields[name].type, item)


def operation_name(document: DocumentNode) -> str:
    """The name of the document's (first) operation."""
    for definition in document.definitions:
        if isinstance(definition, gql.OperationDefinitionNode):
            return definition.name.value if definition.name else "(anonymous)"
    return "(no operation)"


@dataclass(frozen=True)
class Grade:
    """An element's evidence level and what it rests on (operations, a location, a URL)."""

    level: str
    source: str


@dataclass(frozen=True)
class Difference:
    """An outside fact that does not hold in schema.graphql, and the ruling on it."""

    fact: str
    problem: str
    sources: tuple[str, ...]  # Source.label of each source stating it
    ruling: str | None
