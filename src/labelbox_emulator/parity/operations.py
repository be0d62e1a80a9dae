"""The SDK's query operations, run on both sides through the generated client, and the
differences of their outcomes: accepted on one side only, refused differently, or
accepted on both with answers of different shapes.

Each operation is sent as the SDK sends it: ``client._gen.execute`` with the
operation's ``*_GQL`` document, so the SDK's wire form applies (``WirePolicy`` writes
unattested variable types inline). Variables: ``skip: 0``, ``first: 5``, the id of an
object of the right type on that side for each ``ID`` variable, a fixed probe string
for a required ``String``; optional filters and orderings are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast

from graphql import (
    FieldNode,
    GraphQLSchema,
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    OperationType,
    TypeNode,
    build_schema,
    get_named_type,
)

from labelbox.exceptions import LabelboxError, NetworkError
from labelbox.schema_tool.sdk import Operation, bundled_schema_sdl, sdk_operations

from .report import Difference, Json, Skipped
from .shapes import shape_differences
from .side import Side, server_words

#: Values of the paging variables.
PAGING = {"skip": 0, "first": 5}
#: Value of a required String variable (a name nothing is called).
PROBE_STRING = "parity-probe"


@dataclass(frozen=True)
class QueryOperation:
    """One query operation of the SDK and what its variables need.

    Attributes:
        name: the operation name (``GetProject``).
        source: the complete document (operation and fragments).
        ids: ``(variable, type name)`` per ``ID`` variable: it takes the id of an
            object of that type.
        fixed: the values of the other variables sent.
        unfillable: a required variable no value can be found for (the operation is
            skipped), or None.
    """

    name: str
    source: str
    ids: tuple[tuple[str, str], ...] = ()
    fixed: dict[str, Json] = field(default_factory=dict)
    unfillable: str | None = None

    def variables(self, ids: dict[str, str]) -> dict[str, Any] | None:
        """The variables on a side holding ``ids`` (None if an id is missing there)."""
        values: dict[str, Any] = dict(self.fixed)
        for variable, type_name in self.ids:
            if type_name not in ids:
                return None
            values[variable] = ids[type_name]
        return values


@cache
def sdk_schema() -> GraphQLSchema:
    """The schema the SDK was generated from."""
    return build_schema(bundled_schema_sdl(), no_location=True)


def _named(node: TypeNode) -> str:
    while isinstance(node, (NonNullTypeNode, ListTypeNode)):
        node = node.type
    assert isinstance(node, NamedTypeNode)
    return node.name.value


def _id_type(variable: str, root_type: str, schema: GraphQLSchema) -> str | None:
    """The type whose id ``$variable`` takes: the root field's for ``$id``,
    ``Project`` for ``$projectId``..."""
    if variable == "id":
        return root_type
    if variable.endswith("Id"):
        candidate = variable[0].upper() + variable[1:-2]
        return candidate if candidate in schema.type_map else None
    return None


def _plan(op: Operation, definition: OperationDefinitionNode) -> QueryOperation:
    schema = sdk_schema()
    assert schema.query_type is not None
    root = cast(FieldNode, definition.selection_set.selections[0]).name.value
    root_type = get_named_type(schema.query_type.fields[root].type).name
    ids: list[tuple[str, str]] = []
    fixed: dict[str, Json] = {}
    for var in definition.variable_definitions:
        name, type_name = var.variable.name.value, _named(var.type)
        required = isinstance(var.type, NonNullTypeNode) and var.default_value is None
        id_type = _id_type(name, root_type, schema) if type_name == "ID" else None
        if name in PAGING:
            fixed[name] = PAGING[name]
        elif id_type is not None:
            ids.append((name, id_type))
        elif not required:
            continue
        elif type_name == "String":
            fixed[name] = PROBE_STRING
        else:
            return QueryOperation(op.name, op.source, unfillable=f"${name}: {type_name}")
    return QueryOperation(op.name, op.source, tuple(ids), fixed)


def query_operations() -> list[QueryOperation]:
    """Every query operation the SDK sends, sorted by name."""
    found: list[QueryOperation] = []
    for op in sdk_operations():
        for definition in op.document.definitions:
            is_query = (
                isinstance(definition, OperationDefinitionNode)
                and definition.operation == OperationType.QUERY
            )
            if is_query:
                found.append(_plan(op, cast(OperationDefinitionNode, definition)))
    return found


@dataclass(frozen=True)
class Outcome:
    """How a side answered an operation: its data, or the refusal's status, codes and
    (cleaned) message."""

    accepted: bool
    data: Json = None
    status: int | None = None
    codes: tuple[str, ...] = ()
    message: str = ""

    def summary(self) -> Json:
        """The outcome as reported (``{"accepted": true}`` or the refusal)."""
        if self.accepted:
            return {"accepted": True}
        return {
            "accepted": False,
            "status": self.status,
            "codes": list(self.codes),
            "message": self.message,
        }


def run_operation(side: Side, op: QueryOperation, variables: dict[str, Any]) -> Outcome:
    """Sends ``op`` through ``side``'s generated client; a refusal is an outcome, a
    network failure a ``ConnectionProblem``."""
    try:
        data = side.client._gen.execute(
            query=op.source, operation_name=op.name, variables=variables
        )
    except NetworkError as exc:
        raise side.lost(exc) from None
    except LabelboxError as exc:
        return Outcome(False, None, exc.status, exc.codes, side.clean(server_words(exc)))
    return Outcome(True, cast(Json, data))


def compare_outcomes(name: str, live: Outcome, emulator: Outcome) -> list[Difference]:
    """The differences of one operation's outcomes (kinds ``operation`` and ``shape``)."""
    if live.accepted and emulator.accepted:
        return [
            Difference("shape", f"{name}: {d.path}", d.live, d.emulator, d.detail)
            for d in shape_differences(live.data, emulator.data)
        ]
    if live.summary() == emulator.summary():
        return []  # refused alike: the SDK's operation is wrong for both, not a parity gap
    if live.accepted or emulator.accepted:
        detail = "accepted on live only" if live.accepted else "accepted on the emulator only"
    else:
        detail = "refused differently"
    return [Difference("operation", name, live.summary(), emulator.summary(), detail)]


def _skip_reason(op: QueryOperation, live: Side, emulator: Side) -> str | None:
    if op.unfillable is not None:
        return f"no value for the required variable {op.unfillable}"
    missing = []
    for side in (live, emulator):
        absent = sorted({t for _, t in op.ids if t not in side.ids})
        if absent:
            missing.append(f"no {', '.join(absent)} found on {side.name}")
    return "; ".join(missing) or None


def operation_differences(
    live: Side, emulator: Side, ops: list[QueryOperation]
) -> tuple[int, int, list[Difference], list[Skipped]]:
    """Runs every operation on both sides and compares the outcomes.

    Returns:
        How many operations were run on both sides, how many were accepted on both
        (their shapes compared), the differences, and the operations skipped.
    """
    run = shaped = 0
    found: list[Difference] = []
    skipped: list[Skipped] = []
    for op in ops:
        reason = _skip_reason(op, live, emulator)
        live_vars, emulator_vars = op.variables(live.ids), op.variables(emulator.ids)
        if reason is not None or live_vars is None or emulator_vars is None:
            skipped.append(Skipped(op.name, reason or "no variables"))
            continue
        live_outcome = run_operation(live, op, live_vars)
        emulator_outcome = run_operation(emulator, op, emulator_vars)
        run += 1
        shaped += live_outcome.accepted and emulator_outcome.accepted
        found += compare_outcomes(op.name, live_outcome, emulator_outcome)
    return run, shaped, found, skipped
