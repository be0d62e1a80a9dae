"""What the real server checks after validating a document and before executing it,
with the request's variables: the query complexity limit and the where-filter logic.

Cost model (see IMPLEMENTATION_COVERAGE.md): every field costs 1; a list field of
objects multiplies the cost of its selection by its page size — its ``first`` argument,
or :data:`DEFAULT_PAGE_SIZE` when it has none or it is absent or null; fragments are
expanded where they are spread, and aliases count separately (each is a field). A
document costing more than the limit is refused with ``GRAPHQL_VALIDATION_FAILED``
``Query complexity limit exceeded``. Introspection (``__schema``/``__type``) has its own
budget: every field inside it costs 1 (its lists are not paged).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from graphql.pyutils import Undefined
from graphql.type import GraphQLField, GraphQLOutputType, is_input_type, is_leaf_type
from graphql.utilities import type_from_ast, value_from_ast

from .errors import QueryValidationError
from .where import logic_violation

#: Page size assumed for a list field without a ``first`` value (the API's page size).
DEFAULT_PAGE_SIZE = 100
#: Default limit of a document's cost (see the module docstring for the cost model).
#: The SDK's own operations and the official client's documents cost at most ~1,700;
#: two nested lists of up to 24 fields fit, three nested lists of 100 never do.
DEFAULT_COMPLEXITY_LIMIT = 250_000
#: Default budget of the introspection part of a document (fields inside
#: ``__schema``/``__type``; the standard introspection query costs about 220).
DEFAULT_INTROSPECTION_LIMIT = 2_000
#: The real server's message (the official client maps it to ValidationFailedError).
COMPLEXITY_MESSAGE = "Query complexity limit exceeded"

_INTROSPECTION_ROOTS = frozenset({"__schema", "__type"})


@dataclass(frozen=True)
class Cost:
    """The cost of a document: ``api`` (the limited part) and ``introspection``."""

    api: int
    introspection: int


def _is_object_list(t: GraphQLOutputType) -> bool:
    is_list = False
    while isinstance(t, (GraphQLNonNull, GraphQLList)):
        is_list = is_list or isinstance(t, GraphQLList)
        t = t.of_type
    return is_list and not is_leaf_type(t)


def _named(t: Any) -> Any:
    while isinstance(t, (GraphQLNonNull, GraphQLList)):
        t = t.of_type
    return t


class DocumentAnalyzer:
    """Walks the selected operation once (fragments once each): computes its
    :class:`Cost` and refuses where filters the real server does not take."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        check_where: bool = True,
    ) -> None:
        """Analyze against ``schema`` with the request's coerced ``variables``."""
        self.schema = schema
        self.fragments = fragments
        self.variables = dict(variables)
        self.check_where = check_where
        self._memo: dict[tuple[str, bool], tuple[int, int]] = {}

    def operation_cost(self, operation: OperationDefinitionNode) -> Cost:
        """The cost of ``operation`` (raises QueryValidationError for a refused filter)."""
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            return Cost(0, 0)
        api, intro = self._selection(operation.selection_set, root, False)
        return Cost(api, intro)

    # ---------------------------------------------------------------- walking
    def _selection(
        self, selection_set: SelectionSetNode | None, parent: Any, introspection: bool
    ) -> tuple[int, int]:
        api = intro = 0
        if selection_set is None:
            return 0, 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                a, i = self._field(node, parent, introspection)
            elif isinstance(node, InlineFragmentNode):
                cond = node.type_condition
                target = self.schema.get_type(cond.name.value) if cond else parent
                a, i = self._selection(node.selection_set, target or parent, introspection)
            elif isinstance(node, FragmentSpreadNode):
                a, i = self._spread(node.name.value, introspection)
            else:  # pragma: no cover - no other selection kinds exist
                continue
            api += a
            intro += i
        return api, intro

    def _spread(self, name: str, introspection: bool) -> tuple[int, int]:
        key = (name, introspection)
        if key not in self._memo:
            fragment = self.fragments.get(name)
            if fragment is None:
                return 0, 0
            self._memo[key] = (0, 0)  # cycles are refused by validation; stay finite anyway
            target = self.schema.get_type(fragment.type_condition.name.value)
            self._memo[key] = self._selection(fragment.selection_set, target, introspection)
        return self._memo[key]

    def _field(self, node: FieldNode, parent: Any, introspection: bool) -> tuple[int, int]:
        name = node.name.value
        if introspection or name in _INTROSPECTION_ROOTS:
            definition = self._definition(parent, name)
            target = _named(definition.type) if definition is not None else None
            _, inner = self._selection(node.selection_set, target, True)
            return 0, 1 + inner
        definition = self._definition(parent, name)
        if definition is None:
            return 1, 0
        if self.check_where and node.arguments:
            self._check_where(node, definition)
        if node.selection_set is None:
            return 1, 0
        api, intro = self._selection(node.selection_set, _named(definition.type), False)
        if _is_object_list(definition.type):
            api *= self._page_size(node, definition)
        return 1 + api, intro

    def _definition(self, parent: Any, name: str) -> GraphQLField | None:
        if name == "__typename":
            from graphql.type.introspection import TypeNameMetaFieldDef

            return TypeNameMetaFieldDef
        if name == "__schema":
            from graphql.type.introspection import SchemaMetaFieldDef

            return SchemaMetaFieldDef
        if name == "__type":
            from graphql.type.introspection import TypeMetaFieldDef

            return TypeMetaFieldDef
        fields = getattr(parent, "fields", None)
        if not isinstance(fields, Mapping):
            return None
        found = fields.get(name)
        return found if isinstance(found, GraphQLField) else None

    def _argument(self, node: FieldNode, definition: GraphQLField, name: str) -> Any:
        arg_def = definition.args.get(name)
        if arg_def is None:
            return Undefined
        for arg in node.arguments:
            if arg.name.value == name:
                return value_from_ast(arg.value, arg_def.type, self.variables)
        return Undefined

    def _page_size(self, node: FieldNode, definition: GraphQLField) -> int:
        first = self._argument(node, definition, "first")
        if isinstance(first, int) and not isinstance(first, bool):
            return max(first, 0)
        return DEFAULT_PAGE_SIZE

    def _check_where(self, node: FieldNode, definition: GraphQLField) -> None:
        arg_def = definition.args.get("where")
        if arg_def is None:
            return
        where_type = _named(arg_def.type)
        if not isinstance(where_type, GraphQLInputObjectType) or "AND" not in where_type.fields:
            return
        value = self._argument(node, definition, "where")
        problem = logic_violation(value, where_type) if isinstance(value, Mapping) else None
        if problem:
            raise QueryValidationError(problem)


def check_document(
    schema: GraphQLSchema,
    fragments: Mapping[str, FragmentDefinitionNode],
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any],
    limit: int | None,
    introspection_limit: int | None = DEFAULT_INTROSPECTION_LIMIT,
) -> Cost:
    """Refuse ``operation`` as the real server would before executing it: a where
    filter it does not take, or a cost above ``limit`` (None: no limit) or an
    introspection part above ``introspection_limit``. ``variables`` are the request's
    (operation defaults fill the missing ones). Returns the cost."""
    values = dict(variables)
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name not in values and definition.default_value is not None:
            var_type = type_from_ast(schema, definition.type)
            if var_type is not None and is_input_type(var_type):
                values[name] = value_from_ast(definition.default_value, var_type)  # type: ignore[arg-type]
    cost = DocumentAnalyzer(schema, fragments, values).operation_cost(operation)
    if (limit is not None and cost.api > limit) or (
        introspection_limit is not None and cost.introspection > introspection_limit
    ):
        raise QueryValidationError(COMPLEXITY_MESSAGE)
    return cost
