"""An operation as the SDK puts it on the wire, for checking it against a schema.

At run time (``labelbox_gen.wire``) the values of variables whose type name no evidence
attests are written into the document as literals, and an absent value removes the
argument that held it. Those values are only known at run time, so a static check sees the
*shape* of what is sent:

* a variable written inline that is optional (nullable) is left out, with the argument (or
  input-object field) holding it: what the SDK sends when the caller does not give it;
* one that is required keeps its place, declared with the type the checked schema expects
  there: whatever name that schema gives its input type, a literal of the right shape fits;
* every other variable (attested type name) is declared as the SDK declares it.

:func:`optional_positions_missing` lists the optional ones whose argument or field the
schema lacks: sent only when the caller gives the value, and then refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLSchema,
    NonNullTypeNode,
    ObjectFieldNode,
    OperationDefinitionNode,
    TypeInfo,
    TypeInfoVisitor,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    parse,
    print_ast,
    visit,
)
from graphql.language import REMOVE


def _operation(document: DocumentNode) -> OperationDefinitionNode:
    return next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))


def _optional(document: DocumentNode, inlined: Iterable[str]) -> tuple[set[str], set[str]]:
    names = set(inlined)
    definitions = _operation(document).variable_definitions or ()
    optional = {
        d.variable.name.value
        for d in definitions
        if d.variable.name.value in names and not isinstance(d.type, NonNullTypeNode)
    }
    return optional, names - optional


class _DropOptional(Visitor):
    """Removes optional inlined variables: their definitions and what holds them."""

    def __init__(self, optional: set[str]) -> None:
        super().__init__()
        self.optional = optional

    def _holds_optional(self, node: ArgumentNode | ObjectFieldNode) -> bool:
        return isinstance(node.value, VariableNode) and node.value.name.value in self.optional

    def enter_argument(self, node: ArgumentNode, *_: Any) -> Any:
        return REMOVE if self._holds_optional(node) else None

    def enter_object_field(self, node: ObjectFieldNode, *_: Any) -> Any:
        return REMOVE if self._holds_optional(node) else None

    def enter_variable_definition(self, node: VariableDefinitionNode, *_: Any) -> Any:
        return REMOVE if node.variable.name.value in self.optional else None


class _ExpectedTypes(Visitor):
    """The type ``schema`` expects where each of ``names`` is used."""

    def __init__(self, type_info: TypeInfo, names: set[str]) -> None:
        super().__init__()
        self.type_info = type_info
        self.names = names
        self.expected: dict[str, Any] = {}

    def enter_variable(self, node: VariableNode, key: Any, parent: Any, *_: Any) -> None:
        if node.name.value in self.names and not isinstance(parent, VariableDefinitionNode):
            found = self.type_info.get_input_type()
            if found is not None:
                self.expected.setdefault(node.name.value, found)


def wire_form(
    document: DocumentNode, inlined: Iterable[str], schema: GraphQLSchema
) -> DocumentNode:
    """``document`` as the SDK sends it when the variables ``inlined`` are written inline.

    Args:
        document: The operation document (as generated).
        inlined: The variables the SDK's wire policy writes inline.
        schema: The schema the result will be validated against.

    Returns:
        A new document: optional inlined variables left out with what holds them,
        required ones re-declared with the type ``schema`` expects where they are used
        (left as they are where ``schema`` has no such position: validation reports it).
    """
    optional, required = _optional(document, inlined)
    trimmed: DocumentNode = visit(document, _DropOptional(optional))
    if not required:
        return trimmed
    type_info = TypeInfo(schema)
    expected = _ExpectedTypes(type_info, required)
    visit(trimmed, TypeInfoVisitor(type_info, expected))
    text = print_ast(trimmed)
    operation = _operation(trimmed)
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name in expected.expected:
            declared = print_ast(definition.type)
            text = text.replace(f"${name}: {declared}", f"${name}: {expected.expected[name]}", 1)
    return parse(text)


def optional_positions_missing(
    document: DocumentNode, inlined: Iterable[str], schema: GraphQLSchema
) -> list[str]:
    """The optional inlined variables whose argument or input field ``schema`` lacks.

    Returns:
        Their names, sorted: each is sent only when the caller gives its value, and
        ``schema`` would then refuse the document.
    """
    optional, _ = _optional(document, inlined)
    type_info = TypeInfo(schema)
    found = _ExpectedTypes(type_info, optional)
    visit(document, TypeInfoVisitor(type_info, found))
    return sorted(optional - set(found.expected))
