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
    """Validates each of ``operations`` against ``schema`` (graphql-core ``validate``)."""
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
