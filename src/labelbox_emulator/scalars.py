"""The custom scalars' rules: what each accepts as a variable value and as a literal.

``build_schema`` gives custom scalars pass-through coercion (anything goes). The real
server's scalars refuse values; the ones the evidence describes are bound here.

``PageSize`` (the ``first`` argument of every list field): published docs and outside
clients declare ``$first: PageSize!`` (schema.provenance.toml, published-docs and
outside-client evidence); the classic client writes ``first: 100`` inline. Its bounds
are :data:`PAGE_SIZE_MIN` and :data:`PAGE_SIZE_MAX` (see their comments for the evidence).
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLScalarType, GraphQLSchema, IntValueNode, ValueNode
from graphql.language import print_ast

#: The smallest page. 0 is an empty page (graphql-js Int semantics; nothing refuses it).
PAGE_SIZE_MIN = 0
#: The largest page. Inferred: no source states the limit. The official client pages by
#: 100 (its generic builder and recorded 2.6.0 traffic: ``first: 100``), the support
#: guide's export loop pages by 100, and Labelbox's own 2018 docs script moved from 1000 to
#: 100 per page. ``labelbox-emulator parity`` compares it with a live server.
PAGE_SIZE_MAX = 100


def page_size_scalar_rules(
    scalar: GraphQLScalarType, minimum: int = PAGE_SIZE_MIN, maximum: int = PAGE_SIZE_MAX
) -> None:
    """Makes ``scalar`` accept only whole numbers from ``minimum`` to ``maximum``."""

    # ValueError, not GraphQLError: graphql-js then words a refused literal as
    # 'Expected value of type "PageSize!", found 101; <reason>'.
    def check(value: Any) -> int:
        # bool is an int in Python, not in JSON or GraphQL.
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"PageSize must be a whole number, got {_show(value)}.")
        if not minimum <= value <= maximum:
            raise ValueError(f"PageSize must be between {minimum} and {maximum}, got {value}.")
        return value

    def parse_literal(node: ValueNode, _variables: Any = None) -> int:
        if not isinstance(node, IntValueNode):
            raise ValueError(f"PageSize must be a whole number, got {print_ast(node)}.")
        return check(int(node.value))

    scalar.serialize = check  # type: ignore[method-assign]
    scalar.parse_value = check  # type: ignore[method-assign]
    scalar.parse_literal = parse_literal  # type: ignore[method-assign, assignment]


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


def bind_scalars(schema: GraphQLSchema, page_size_max: int = PAGE_SIZE_MAX) -> None:
    """Binds the rules of every custom scalar this module knows that ``schema`` has."""
    page_size = schema.type_map.get("PageSize")
    if isinstance(page_size, GraphQLScalarType):
        page_size_scalar_rules(page_size, maximum=page_size_max)
