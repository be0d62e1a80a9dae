"""Validating every SDK operation against a schema: which ones the server would reject.

Each operation is checked as the SDK sends it (:mod:`labelbox.schema_tool.wire_form`):
variables whose type name no evidence attests are written inline by the SDK, so their
type names never reach the server; only the positions and shapes do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graphql import GraphQLSchema, validate

from labelbox.schema_tool.sdk import Operation
from labelbox.schema_tool.usage import UsageMap
from labelbox.schema_tool.wire_form import optional_positions_missing, wire_form

if TYPE_CHECKING:
    from labelbox_gen.wire import WirePolicy


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
class MissingOption:
    """Optional inline values of an SDK operation that the schema has no place for: the
    operation is accepted, but refused when the caller gives one of them (e.g. an
    ``order_by=`` where the server takes no ``orderBy``).

    Attributes:
        operation: the operation's name.
        variables: the operation's variables concerned.
        methods: sorted facade methods that send the operation.
    """

    operation: str
    variables: tuple[str, ...]
    methods: tuple[str, ...]


@dataclass(frozen=True)
class CheckResult:
    """The outcome of validating the SDK's operations.

    Attributes:
        checked: how many operations were validated.
        rejections: the rejected ones, sorted by operation name.
        missing_options: accepted operations with optional inline values the schema
            lacks, sorted by operation name.
    """

    checked: int
    rejections: tuple[Rejection, ...]
    missing_options: tuple[MissingOption, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the schema accepts every operation."""
        return not self.rejections


def check_operations(
    schema: GraphQLSchema,
    operations: Iterable[Operation],
    usage: UsageMap,
    wire: WirePolicy | None = None,
) -> CheckResult:
    """Validates each of ``operations``, as the SDK sends it, against ``schema``
    (graphql-core ``validate``).

    Args:
        schema: The server's schema (pulled or introspected).
        operations: The SDK's operations (``sdk_operations()``).
        usage: Which facade methods send which operation (``usage_map()``).
        wire: Which variables the SDK writes inline (default: the SDK's default policy,
            from ``schema.provenance.toml``).

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
    if wire is None:
        from labelbox_gen.wire import WirePolicy

        wire = WirePolicy.default()
    checked = 0
    rejections: list[Rejection] = []
    missing: list[MissingOption] = []
    for op in sorted(operations, key=lambda o: o.name):
        checked += 1
        inlined = wire.inlined(op.name)
        errors = validate(schema, wire_form(op.document, inlined, schema))
        methods = tuple(usage.methods([op.name]))
        if errors:
            messages = tuple(" ".join(e.message.split()) for e in errors)
            rejections.append(Rejection(op.name, messages, methods))
            continue
        absent = optional_positions_missing(op.document, inlined, schema)
        if absent:
            missing.append(MissingOption(op.name, tuple(absent), methods))
    return CheckResult(checked, tuple(rejections), tuple(missing))
