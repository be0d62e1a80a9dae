"""Generates ``labelbox_gen/wire_plan.py``: what ``labelbox_gen.wire`` needs to write the
values of unattested variables inline, per operation, without parsing at run time.

Run by ``scripts/regenerate`` (never edit the output)::

    python -m codegen.wire_plan OPERATIONS_PY OUT_PY

It reads the operations exactly as ariadne-codegen emitted them (the ``*_GQL`` strings of
``labelbox_gen/operations.py``), ``schema.graphql`` and ``schema.provenance.toml``, and
writes, per operation whose variables include a non-built-in type:

* the span of its variable definitions and each definition's text, so that any subset of
  them can be left out;
* every use of such a variable, with the span of the argument (or input-object field) that
  holds it, so that an absent value removes the argument instead of sending ``null``;
* the argument lists those uses sit in, so that a list left empty loses its parentheses;

and, for all operations, the input types those variables can hold (field -> GraphQL type)
and the enum names, so that a value is written as its structure with each leaf a variable
of the field's own type; and ``ATTESTED``: the type names ``schema.provenance.toml``
grades above ``inferred``.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path
from typing import Any

from ariadne_codegen.utils import format_code
from graphql import (
    GraphQLInputObjectType,
    GraphQLSchema,
    ObjectValueNode,
    OperationDefinitionNode,
    VariableNode,
    build_schema,
    is_enum_type,
    is_input_object_type,
    is_specified_scalar_type,
    parse,
)
from graphql.language import FieldNode, Visitor, visit

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema.graphql"
PROVENANCE = ROOT / "schema.provenance.toml"
#: The evidence level that attests nothing (schema.provenance.toml).
INFERRED = "inferred"
#: What ``labelbox-schema pull -o schema.graphql`` writes beside a pulled schema.
PULLED_LOCK_SUFFIX = ".lock.json"


class PlanError(Exception):
    """An operation the wire plan cannot describe (e.g. a default value on a variable)."""


def documents(operations_py: Path) -> dict[str, str]:
    """``{operation name: document text}`` of the ``*_GQL`` constants, as generated."""
    tree = ast.parse(operations_py.read_text())
    out: dict[str, str] = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id.endswith("_GQL")
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            text = node.value.value
            for definition in parse(text, no_location=True).definitions:
                if isinstance(definition, OperationDefinitionNode) and definition.name:
                    out[definition.name.value] = text
    return out


def attested_names(provenance: Path = PROVENANCE, schema: Path = SCHEMA) -> list[str]:
    """Type names evidence attests: those schema.provenance.toml grades above ``inferred``
    (for object types: their ``name_evidence``), and every name of schema.graphql when it
    was pulled from a server (``labelbox-schema pull`` wrote its lock record beside it:
    the server itself attests its names)."""
    names: set[str] = set()
    if provenance.is_file():
        table = tomllib.loads(provenance.read_text())
        names.update(
            name
            for name, entry in table.get("types", {}).items()
            # an object type's name has its own grade (a field returning it shows no name)
            if entry.get("name_evidence", entry["evidence"]) != INFERRED
        )
    if schema.with_name(schema.name + PULLED_LOCK_SUFFIX).is_file():
        names.update(n for n in build_schema(schema.read_text()).type_map if not n.startswith("__"))
    return sorted(names)


def _loc(node: Any) -> tuple[int, int]:
    return node.loc.start, node.loc.end


class _Uses(Visitor):
    """Every variable use in an operation's selection, with what holds it."""

    def __init__(self) -> None:
        super().__init__()
        self.uses: list[tuple[str, int, int, int, int, int]] = []
        self.groups: list[tuple[int, int, int]] = []  # (open paren, close paren, arguments)
        self._group_of: dict[int, int] = {}
        self._span_of: dict[int, tuple[int, int]] = {}

    def _holders(self, holders: Any) -> None:
        # A holder's span runs to the next holder, so that dropping it drops its comma.
        for holder, following in zip(holders, [*holders[1:], None], strict=True):
            end = following.loc.start if following is not None else holder.loc.end
            self._span_of[id(holder)] = (holder.loc.start, end)

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.arguments:
            first, last = node.arguments[0], node.arguments[-1]
            # "(" precedes the first argument, ")" follows the last one.
            open_at = first.loc.start_token.prev.start  # type: ignore[union-attr]
            close_at = last.loc.end_token.next.start  # type: ignore[union-attr]
            index = len(self.groups)
            self.groups.append((open_at, close_at + 1, len(node.arguments)))
            for argument in node.arguments:
                self._group_of[id(argument)] = index
            self._holders(node.arguments)

    def enter_object_value(self, node: ObjectValueNode, *_: Any) -> None:
        self._holders(node.fields)

    def enter_variable(self, node: VariableNode, key: Any, parent: Any, *_: Any) -> None:
        start, end = _loc(node)
        span = self._span_of.get(id(parent)) if key == "value" else None
        if span is None:  # in a list (or a directive): an absent value is null
            self.uses.append((node.name.value, start, end, -1, -1, -1))
            return
        group = self._group_of.get(id(parent), -1)
        self.uses.append((node.name.value, start, end, *span, group))


def plan_operation(schema: GraphQLSchema, text: str) -> tuple[Any, ...] | None:
    """The plan of one document, or None when all its variables are built-in scalars."""
    document = parse(text)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    definitions = operation.variable_definitions or ()
    typed = {}
    for definition in definitions:
        if definition.default_value is not None or definition.directives:
            raise PlanError(
                f"{operation.name.value if operation.name else '?'}: ${definition.variable.name.value}"
                " has a default value or directives; the wire plan does not support them"
            )
        named = definition.type
        while not hasattr(named, "name"):
            named = named.type  # type: ignore[attr-defined]
        type_name = named.name.value  # type: ignore[attr-defined]
        schema_type = schema.get_type(type_name)
        if schema_type is None:
            raise PlanError(f"unknown type {type_name} in {text[:60]!r}")
        if not is_specified_scalar_type(schema_type):  # type: ignore[arg-type]
            typed[definition.variable.name.value] = type_name
    if not typed:
        return None
    uses = _Uses()
    for definition in document.definitions:  # fragments may use variables too
        if definition is operation:
            visit(operation.selection_set, uses)
        elif not isinstance(definition, OperationDefinitionNode):
            visit(definition, uses)
    variables = tuple(
        (d.variable.name.value, typed.get(d.variable.name.value, ""), text[slice(*_loc(d))])
        for d in definitions
    )
    open_at = definitions[0].loc.start_token.prev.start  # type: ignore[union-attr]
    close_at = definitions[-1].loc.end_token.next.start  # type: ignore[union-attr]
    return (
        len(text),
        (open_at, close_at + 1),
        variables,
        tuple(u for u in uses.uses if u[0] in typed),
        tuple(uses.groups),
    )


def input_shapes(
    schema: GraphQLSchema, roots: set[str]
) -> tuple[dict[str, dict[str, str]], list[str]]:
    """For every input type reachable from ``roots``: field -> its GraphQL type (``[ID!]``);
    and the enums among the types reachable."""
    inputs: dict[str, dict[str, str]] = {}
    enums: set[str] = set()
    pending = sorted(roots)
    while pending:
        name = pending.pop()
        type_ = schema.get_type(name)
        if is_enum_type(type_):
            enums.add(name)
        elif is_input_object_type(type_) and name not in inputs:
            assert isinstance(type_, GraphQLInputObjectType)
            fields = {f: str(field.type) for f, field in type_.fields.items()}
            inputs[name] = fields
            pending.extend(
                named for t in fields.values() if (named := t.strip("[]!")) not in inputs
            )
    return inputs, sorted(enums)


HEADER = '''\
# GENERATED by codegen/wire_plan.py from the operations, schema.graphql and
# schema.provenance.toml. Do not edit; run scripts/regenerate.
"""Per-operation plans for writing unattested variables inline (see ``labelbox_gen.wire``)."""

from __future__ import annotations

from .wire import OperationPlan
'''


def module(operations_py: Path) -> str:
    """The source of ``labelbox_gen/wire_plan.py``."""
    schema = build_schema(SCHEMA.read_text())
    plans: dict[str, tuple[Any, ...]] = {}
    roots: set[str] = set()
    for name, text in sorted(documents(operations_py).items()):
        plan = plan_operation(schema, text)
        if plan is not None:
            plans[name] = plan
            roots.update(t for _, t, _ in plan[2] if t)
    inputs, enums = input_shapes(schema, roots)
    lines = [HEADER]
    lines.append("#: Type names evidence attests (schema.provenance.toml, above 'inferred').")
    lines.append(f"ATTESTED: frozenset[str] = frozenset({attested_names()!r})")
    lines.append(
        "#: Input object types unattested variables can hold: 'field:Type field:[ID!] ...'."
    )
    # One string per type, split on first use (labelbox_gen.wire.InputFields): a module of
    # strings loads several times faster than one of ~1,300 dict entries.
    packed = {
        name: " ".join(f"{f}:{t}" for f, t in fields.items()) for name, fields in inputs.items()
    }
    lines.append(f"INPUTS: dict[str, str] = {packed!r}")
    lines.append("#: Enum types among them (values of unattested ones are written as bare names).")
    lines.append(f"ENUMS: frozenset[str] = frozenset({enums!r})")
    lines.append("#: Operation name -> its plan.")
    lines.append("PLANS: dict[str, OperationPlan] = {")
    for name, (length, defs, variables, uses, groups) in plans.items():
        lines.append(
            f"    {name!r}: OperationPlan({length}, {defs!r}, {variables!r}, {uses!r}, {groups!r}),"
        )
    lines.append("}")
    return format_code("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen.wire_plan")
    parser.add_argument("operations", type=Path, help="the generated operations.py")
    parser.add_argument("output", type=Path, help="where to write wire_plan.py")
    args = parser.parse_args(argv)
    try:
        args.output.write_text(module(args.operations))
    except PlanError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
