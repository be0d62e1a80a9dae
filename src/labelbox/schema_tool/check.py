"""Validating every SDK operation against a schema: which ones the server would reject."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graphql import GraphQLSchema, validate

from labelbox.schema_tool.sdk import Operation
from labelbox.schema_tool.usage import UsageMap


@dataclass(frozen=True)
class Rejection:
    """An SDK operation the schema does not accept.

    Attributes:
        operation: the operation's name.
        messages: graphql-core's validation messages.
        methods: sorted facade methods that send the operation.
    """

    operation: str
    messages: tuple[str, ...]
    methods: tuple[str, ...]


@dataclass(frozen=True)
class CheckResult:
    """The outcome of validating the SDK's operations.

    Attributes:
        checked: how many operations were validated.
        rejections: the rejected ones, sorted by operation name.
    """

    checked: int
    rejections: tuple[Rejection, ...]

    @property
    def ok(self) -> bool:
        """True when the schema accepts every operation."""
        return not self.rejections


def check_operations(
    schema: GraphQLSchema, operations: Iterable[Operation], usage: UsageMap
) -> CheckResult:
    """Validates each of ``operations`` against ``schema`` (graphql-core ``validate``).

    Args:
        schema: The server's schema (pulled or introspected).
        operations: The SDK's operations (``sdk_operations()``).
        usage: Which facade methods send which operation (``usage_map()``).

    Returns:
        How many operations were checked and those the schema rejects, each with the
        server's messages and the facade methods that send it.

    Example:
        >>> from labelbox.schema_tool.schema_files import load_schema
        >>> from labelbox.schema_tool.sdk import sdk_operations
        >>> from labelbox.schema_tool.usage import usage_map
        >>> result = check_operations(load_schema("server.graphql"), sdk_operations(),
        ...                           usage_map())
        >>> result.ok
        True
    """
    checked = 0
    rejections: list[Rejection] = []
    for op in sorted(operations, key=lambda o: o.name):
        checked += 1
        errors = validate(schema, op.document)
        if errors:
            rejections.append(
                Rejection(
                    operation=op.name,
                    messages=tuple(" ".join(e.message.split()) for e in errors),
                    methods=tuple(usage.methods([op.name])),
                )
            )
    return CheckResult(checked, tuple(rejections))
