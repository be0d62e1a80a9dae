"""What one operation document references in a schema, found with a TypeInfo walk.

An operation references:

* every named type it mentions or reaches: variable types, fragment type conditions,
  the return type of every selected field, the types of arguments and of input-object
  fields it writes literally (input types nested inside a variable's type are not
  counted: what a variable holds is only known at run time);
* every output field it selects (``Dataset.description``);
* every argument it passes (``Query.dataset(where:)``);
* every input-object field it writes literally and every enum value it writes;
* every directive it uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphql import (
    ArgumentNode,
    DirectiveNode,
    DocumentNode,
    EnumValueNode,
    FieldNode,
    GraphQLNamedType,
    GraphQLSchema,
    NamedTypeNode,
    ObjectFieldNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    visit,
)


@dataclass
class References:
    """The schema elements one operation document references.

    Attributes:
        types: named types (see the module docstring for which).
        fields: ``(type, field)`` of selected output fields and written input fields.
        arguments: ``(type, field, argument)`` of passed field arguments.
        enum_values: ``(enum type, value)`` of enum literals.
        directives: names of used directives (without ``@``).
    """

    types: set[str] = field(default_factory=set)
    fields: set[tuple[str, str]] = field(default_factory=set)
    arguments: set[tuple[str, str, str]] = field(default_factory=set)
    enum_values: set[tuple[str, str]] = field(default_factory=set)
    directives: set[str] = field(default_factory=set)


def _name(t: Any) -> str | None:
    named = get_named_type(t) if t is not None else None
    return named.name if isinstance(named, GraphQLNamedType) else None


class _Collector(Visitor):
    def __init__(self, info: TypeInfo, refs: References) -> None:
        super().__init__()
        self.info = info
        self.refs = refs
        self.field_names: list[str] = []

    def enter_named_type(self, node: NamedTypeNode, *_: Any) -> None:
        self.refs.types.add(node.name.value)

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        # TypeInfo has already entered the field: the parent type is the selection's.
        self.field_names.append(node.name.value)
        parent = _name(self.info.get_parent_type())
        name = node.name.value
        if parent is None or name.startswith("__") or self.info.get_field_def() is None:
            return
        self.refs.fields.add((parent, name))
        self.refs.types.add(parent)
        returned = _name(self.info.get_type())
        if returned is not None:
            self.refs.types.add(returned)

    def leave_field(self, node: FieldNode, *_: Any) -> None:
        self.field_names.pop()

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        arg_type = _name(self.info.get_input_type())
        if arg_type is not None:
            self.refs.types.add(arg_type)
        if self.info.get_directive() is not None or not self.field_names:
            return
        parent = _name(self.info.get_parent_type())
        if parent is not None and self.info.get_argument() is not None:
            self.refs.arguments.add((parent, self.field_names[-1], node.name.value))

    def enter_object_field(self, node: ObjectFieldNode, *_: Any) -> None:
        owner = _name(self.info.get_parent_input_type())
        value_type = _name(self.info.get_input_type())
        if owner is not None and value_type is not None:
            self.refs.fields.add((owner, node.name.value))
            self.refs.types.update((owner, value_type))

    def enter_enum_value(self, node: EnumValueNode, *_: Any) -> None:
        enum = _name(self.info.get_input_type())
        if enum is not None:
            self.refs.enum_values.add((enum, node.value))
            self.refs.types.add(enum)

    def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
        self.refs.directives.add(node.name.value)


def collect_references(schema: GraphQLSchema, document: DocumentNode) -> References:
    """What an operation document references in a schema.

    Args:
        schema: The schema to resolve names against.
        document: The parsed operation document.

    Returns:
        The types, fields, arguments and directives it references (names missing from
        the schema are kept as written, so a type the schema lacks is still reported).
    """
    refs = References()
    info = TypeInfo(schema)
    visit(document, TypeInfoVisitor(info, _Collector(info, refs)))
    return refs
