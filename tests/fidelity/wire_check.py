"""What a GraphQL document puts on the wire, judged against the evidence.

* :func:`declared_names`: the type names a document declares: variable types and the type
  conditions of fragments and inline fragments (the only places a type NAME travels);
* :func:`attested_names`: the names evidence attests (schema.provenance.toml: above
  ``inferred``; for object types their ``name_evidence``), built-in scalars included;
* :func:`variable_positions`: where each variable is used (an argument or an input field);
* :func:`evidenced_types`: the type names evidence shows at such positions: outside facts
  with ``: TYPE`` that hold in schema.graphql, and the variable declarations of the
  recorded labelbox==2.6.0 documents;
* :func:`contradictions`: declarations that contradict that evidence (e.g. ``$first: Int!``
  where evidence shows ``PageSize``).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLSchema,
    InlineFragmentNode,
    ObjectFieldNode,
    OperationDefinitionNode,
    TypeInfo,
    TypeInfoVisitor,
    VariableNode,
    Visitor,
    get_named_type,
    parse,
    visit,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
BUILT_IN = frozenset({"ID", "String", "Int", "Float", "Boolean"})
#: A position: ("arg", parent type, field, argument) or ("field", input type, field).
Position = tuple[str, ...]


def _named(node: Any) -> str:
    while not hasattr(node, "name"):
        node = node.type
    return str(node.name.value)


def declared_names(document: DocumentNode) -> set[str]:
    """Variable type names and type conditions of ``document``."""
    names: set[str] = set()
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            names.update(_named(v.type) for v in definition.variable_definitions or ())
        elif isinstance(definition, FragmentDefinitionNode):
            names.add(definition.type_condition.name.value)

    class Inline(Visitor):
        def enter_inline_fragment(self, node: InlineFragmentNode, *_: Any) -> None:
            if node.type_condition is not None:
                names.add(node.type_condition.name.value)

    visit(document, Inline())
    return names


def attested_names(table_path: Path = ROOT / "schema.provenance.toml") -> set[str]:
    """The type names schema.provenance.toml attests, plus the built-in scalars."""
    table = tomllib.loads(table_path.read_text())
    return BUILT_IN | {
        name
        for name, entry in table["types"].items()
        if entry.get("name_evidence", entry["evidence"]) != "inferred"
    }


class _Positions(Visitor):
    def __init__(self, type_info: TypeInfo) -> None:
        super().__init__()
        self.type_info = type_info
        self.fields: list[str] = []
        self.found: list[tuple[str, Position]] = []

    def enter_field(self, node: Any, *_: Any) -> None:
        self.fields.append(node.name.value)

    def leave_field(self, *_: Any) -> None:
        self.fields.pop()

    def enter_variable(self, node: VariableNode, key: Any, parent: Any, *_: Any) -> None:
        if isinstance(parent, ArgumentNode) and self.fields:
            owner = self.type_info.get_parent_type()
            if owner is not None:
                position = ("arg", owner.name, self.fields[-1], parent.name.value)
                self.found.append((node.name.value, position))
        elif isinstance(parent, ObjectFieldNode):
            holder = self.type_info.get_parent_input_type()
            if holder is not None:
                position = ("field", get_named_type(holder).name, parent.name.value)
                self.found.append((node.name.value, position))


def variable_positions(schema: GraphQLSchema, document: DocumentNode) -> list[tuple[str, Position]]:
    """(variable, position) of every variable used as an argument or input-field value."""
    type_info = TypeInfo(schema)
    positions = _Positions(type_info)
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode | FragmentDefinitionNode):
            visit(definition, TypeInfoVisitor(type_info, positions))
    return positions.found


def evidenced_types(schema: GraphQLSchema) -> dict[Position, set[str]]:
    """Type names evidence shows at each position (see the module docstring)."""
    sys.path.insert(0, str(ROOT))
    from tests.fidelity import outside_evidence as oe

    shown: dict[Position, set[str]] = defaultdict(set)
    for _source, resolution in oe.resolutions(schema, oe.load_sources()):
        keys = resolution.keys
        if resolution.holds and len(keys) >= 2 and keys[-1][0] == "name":
            position = keys[-2]
            if position[0] in ("arg", "field"):
                shown[("arg", *position[1:]) if position[0] == "arg" else position].add(keys[-1][1])
    recorded = json.loads((ROOT / "tests/fidelity/recorded_documents.json").read_text())
    for record in recorded:
        document = parse(record["query"])
        declared = {
            v.variable.name.value: _named(v.type)
            for d in document.definitions
            if isinstance(d, OperationDefinitionNode)
            for v in d.variable_definitions or ()
        }
        for name, position in variable_positions(schema, document):
            if name in declared:
                shown[position].add(declared[name])
    return dict(shown)


def contradictions(
    schema: GraphQLSchema, document: DocumentNode, shown: dict[Position, set[str]]
) -> list[str]:
    """Variable declarations of ``document`` whose type evidence contradicts."""
    declared = {
        v.variable.name.value: _named(v.type)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
        for v in d.variable_definitions or ()
    }
    found = []
    for name, position in variable_positions(schema, document):
        expected = shown.get(position)
        if expected and declared.get(name) not in expected:
            where = "/".join(position[1:])
            found.append(f"${name}: {declared.get(name)} at {where}; evidence: {sorted(expected)}")
    return found


def unattested(documents: Iterable[DocumentNode], attested: set[str]) -> dict[str, set[str]]:
    """Operation name -> the declared type names ``attested`` lacks."""
    out: dict[str, set[str]] = {}
    for document in documents:
        missing = declared_names(document) - attested
        if missing:
            operation = next(
                (
                    d.name.value
                    for d in document.definitions
                    if isinstance(d, OperationDefinitionNode) and d.name
                ),
                "(anonymous)",
            )
            out.setdefault(operation, set()).update(missing)
    return out
