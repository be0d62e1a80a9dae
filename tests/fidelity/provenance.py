"""Schema provenance: what each part of schema.graphql rests on.

schema.graphql is a reconstruction. This module grades every named type and every root
field (``Query.x`` / ``Mutation.x``) by the strongest evidence for it:

``recorded``
    A GraphQL document that the official ``labelbox==2.6.0`` client actually sent
    (``tests/fidelity/recorded_documents.json``) uses it. Each document is walked with
    graphql-core's ``TypeInfo`` against schema.graphql: every named type, field, argument,
    inline input field, enum value and variable type it touches.
``classic-source``
    Not sent in the recording, but the classic 2.6.0 source names it: a GraphQL document
    in one of its string literals (parsed with ``%s`` placeholders filled, and walked the
    same way; templates that do not parse are searched word by word), an ORM entity class
    (``type_name()`` is the class name) with its ``Field``/``Relationship`` declarations,
    an enum class put on the wire by ``Field.Enum`` or a ``Field.Type`` member (variable
    type names), and what the generic builder ``orm/query.py`` derives from those
    declarations: relationship expansions ``<entity>(where: {id: $p}) {<relationship>}``,
    ``where``/``skip``/``first``/``orderBy`` on the collections it pages (unless the classic
    turns filtering/sorting off for that relationship), create/update ``data`` fields and
    where comparisons (``{name_gt: $p}``, ``AND``). This level says "the classic would send
    it", which is weaker than "it was sent".
``inferred``
    Nothing attests it (the reconstruction's own choice, mostly Prisma-1 naming such as
    ``ProjectWhereInput``).

For input objects, enums and custom scalars the grade is that of the type NAME, which is on
the wire only where a document declares a variable of that type. The classic client inlined
its where/data/orderBy objects (``createProject(data: {name: $name})``), so their names are
mostly inferred even where their fields are attested: ``fields_attested`` /
``attested_fields`` (input objects) and ``values_attested`` / ``attested_values`` (enums)
record that separately.

Commands (from the repository root)::

    .venv/bin/python -m tests.fidelity.provenance               # counts by evidence level
    .venv/bin/python -m tests.fidelity.provenance --write       # regenerate schema.provenance.toml
    .venv/bin/python -m tests.fidelity.provenance --operations  # SDK operations on inferred parts

The classic source is read (never imported) from the virtualenv of ``LABELBOX_CLASSIC_PYTHON``
or else ``.venv-classic`` (``scripts/classic-venv`` creates it).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLNamedType,
    GraphQLSchema,
    GraphQLType,
    Node,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    build_schema,
    get_named_type,
    is_enum_type,
    is_input_object_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
    is_scalar_type,
    is_specified_scalar_type,
    parse,
    print_ast,
    type_from_ast,
    visit,
)
from graphql.language import ast as gql

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "schema.graphql"
TABLE_PATH = ROOT / "schema.provenance.toml"
RECORDED_PATH = Path(__file__).with_name("recorded_documents.json")
CLASSIC_VERSION = "2.6.0"
CLASSIC_ENV = "LABELBOX_CLASSIC_PYTHON"
CLASSIC_PREFIX = f"labelbox-{CLASSIC_VERSION}"
# Requests whose document the caller wrote (the recorder's own `Client.execute` probe): they
# show what the classic transports, not what it knows about the API.
CALLER_WRITTEN_METHODS = frozenset({"Client.execute"})

RECORDED = "recorded"
CLASSIC_SOURCE = "classic-source"
OFFICIAL_LATER = "official-client"
PUBLISHED = "published-docs"
OUTSIDE = "outside-client"
INFERRED = "inferred"
LEVELS = (RECORDED, CLASSIC_SOURCE, OFFICIAL_LATER, PUBLISHED, OUTSIDE, INFERRED)

# A location in the classic source: (path relative to site-packages, line).
Loc = tuple[str, int]
# Element keys: ("type", T) touched, ("name", T) named on the wire, ("field", T, f) for output
# and input fields, ("arg", T, f, a), ("value", Enum, V).
Key = tuple[str, ...]

PRISMA_SUFFIXES = (
    "WhereUniqueInput",
    "WhereInput",
    "OrderByInput",
    "CreateInput",
    "UpdateInput",
    "UpsertInput",
    "ConnectInput",
)


# ---------------------------------------------------------------------------------------------
# Walking documents


@dataclass
class Facts:
    """Elements of schema.graphql that a set of documents touches, each with its origins."""

    seen: dict[Key, set[Any]] = field(default_factory=lambda: defaultdict(set))

    def add(self, key: Key, origin: Any) -> None:
        self.seen[key].add(origin)

    def get(self, key: Key) -> set[Any]:
        return self.seen.get(key, set())


class _Collector(Visitor):
    def __init__(self, type_info: TypeInfo, add: Callable[[Key, Node], None]) -> None:
        super().__init__()
        self.type_info = type_info
        self.add = add
        self.field_names: list[str] = []  # the enclosing fields, innermost last

    def enter_operation_definition(self, node: gql.OperationDefinitionNode, *_: Any) -> None:
        root = self.type_info.get_type()
        if root is not None:
            self.add(("type", get_named_type(root).name), node)

    def enter_variable_definition(self, node: gql.VariableDefinitionNode, *_: Any) -> None:
        self.add(("name", _ast_named_type(node.type)), node)

    def enter_fragment_definition(self, node: gql.FragmentDefinitionNode, *_: Any) -> None:
        self.add(("name", node.type_condition.name.value), node)

    def enter_inline_fragment(self, node: gql.InlineFragmentNode, *_: Any) -> None:
        if node.type_condition is not None:
            self.add(("name", node.type_condition.name.value), node)

    def enter_field(self, node: gql.FieldNode, *_: Any) -> None:
        self.field_names.append(node.name.value)
        parent = self.type_info.get_parent_type()
        definition = self.type_info.get_field_def()
        if parent is None or definition is None or node.name.value.startswith("__"):
            return
        self.add(("type", parent.name), node)
        self.add(("field", parent.name, node.name.value), node)
        self.add(("type", get_named_type(definition.type).name), node)

    def leave_field(self, *_: Any) -> None:
        self.field_names.pop()

    def enter_argument(self, node: gql.ArgumentNode, *_: Any) -> None:
        if self.type_info.get_directive() is not None:
            return
        parent = self.type_info.get_parent_type()
        if parent is None or self.type_info.get_argument() is None or not self.field_names:
            return
        self.add(("arg", parent.name, self.field_names[-1], node.name.value), node)

    def enter_object_field(self, node: gql.ObjectFieldNode, *_: Any) -> None:
        parent = self.type_info.get_parent_input_type()
        if parent is None:
            return
        named = get_named_type(parent)
        if is_input_object_type(named) and node.name.value in named.fields:  # type: ignore[attr-defined]
            self.add(("field", named.name, node.name.value), node)

    def enter_enum_value(self, node: gql.EnumValueNode, *_: Any) -> None:
        input_type = self.type_info.get_input_type()
        if input_type is None:
            return
        named = get_named_type(input_type)
        if is_enum_type(named) and node.value in named.values:  # type: ignore[attr-defined]
            self.add(("value", named.name, node.value), node)


def _ast_named_type(node: gql.TypeNode) -> str:
    while not isinstance(node, gql.NamedTypeNode):
        node = node.type  # type: ignore[attr-defined]
    return node.name.value


def walk(
    schema: GraphQLSchema,
    document: DocumentNode,
    origin_of: Callable[[Node], Any],
    facts: Facts,
    variables: dict[str, Any] | None = None,
) -> None:
    """Adds to ``facts`` what ``document`` (and its variable values) touches in ``schema``."""
    type_info = TypeInfo(schema)

    def add(key: Key, node: Node) -> None:
        facts.add(key, origin_of(node))

    visit(document, TypeInfoVisitor(type_info, _Collector(type_info, add)))
    if not variables:
        return
    for definition in document.definitions:
        if not isinstance(definition, gql.OperationDefinitionNode):
            continue
        for var in definition.variable_definitions or ():
            var_type = type_from_ast(schema, var.type)  # type: ignore[arg-type]
            name = var.variable.name.value
            if var_type is not None and name in variables:
                for key in _value_keys(var_type, variables[name]):
                    facts.add(key, origin_of(definition))


def _value_keys(type_: GraphQLType, value: Any) -> Iterator[Key]:
    """Input fields and enum values that a JSON variable value uses."""
    if value is None:
        return
    if is_non_null_type(type_):
        yield from _value_keys(type_.of_type, value)  # type: ignore[attr-defined]
    elif is_list_type(type_):
        for item in value if isinstance(value, list) else [value]:
            yield from _value_keys(type_.of_type, item)  # type: ignore[attr-defined]
    elif is_enum_type(type_) and isinstance(value, str):
        if value in type_.values:  # type: ignore[attr-defined]
            yield ("value", type_.name, value)  # type: ignore[attr-defined]
    elif isinstance(type_, GraphQLInputObjectType) and isinstance(value, dict):
        for name, item in value.items():
            if name in type_.fields:
                yield ("field", type_.name, name)
                yield from _value_keys(type_.fields[name].type, item)


# ---------------------------------------------------------------------------------------------
# Sources of evidence


def load_schema() -> GraphQLSchema:
    return build_schema(SCHEMA_PATH.read_text())


def recorded_facts(schema: GraphQLSchema) -> Facts:
    """What the documents the classic client sent touch; origins are operation names."""
    facts = Facts()
    seen: set[tuple[str, str]] = set()
    for record in json.loads(RECORDED_PATH.read_text()):
        if record["method"] in CALLER_WRITTEN_METHODS:
            continue
        document = parse(record["query"])
        variables = record.get("variables") or {}
        dedup = (print_ast(document), json.dumps(variables, sort_keys=True))
        if dedup in seen:
            continue
        seen.add(dedup)
        name = _operation_name(document)
        walk(schema, document, lambda _node, name=name: name, facts, variables)
    return facts


def _operation_name(document: DocumentNode) -> str:
    for definition in document.definitions:
        if isinstance(definition, gql.OperationDefinitionNode):
            return definition.name.value if definition.name else "(anonymous)"
    return "(no operation)"


def find_classic_package() -> Path | None:
    """The unmodified labelbox 2.6.0 package directory, or None when it is not installed."""
    pythons: list[Path] = []
    configured = os.environ.get(CLASSIC_ENV, "").strip()
    if configured:
        pythons.append(Path(configured))
    pythons.append(ROOT / ".venv-classic" / "bin" / "python")
    for python in pythons:
        venv = python.parent.parent  # not resolved: a venv's python is a symlink
        candidates = sorted(venv.glob("lib/python3*/site-packages/labelbox"))
        candidates += sorted(venv.glob("Lib/site-packages/labelbox"))
        for package in candidates:
            if _is_classic(package):
                return package
        if python.is_file():
            located = _ask_python(python)
            if located is not None and _is_classic(located):
                return located
    return None


def _ask_python(python: Path) -> Path | None:
    try:
        result = subprocess.run(
            [str(python), "-I", "-c", "import labelbox, os; print(os.path.dirname(labelbox.__file__))"],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else None


def _is_classic(package: Path) -> bool:
    init = package / "__init__.py"
    if not init.is_file():
        return False
    match = re.search(r"""__version__\s*=\s*["']([^"']+)["']""", init.read_text())
    return match is not None and match.group(1) == CLASSIC_VERSION


_PLACEHOLDERS = (
    (re.compile(r"%%[sdr]"), "0"),  # formatted twice (PaginatedCollection fills skip/first)
    (re.compile(r"%[-#0 +]*\d*(?:\.\d+)?d"), "0"),
    (re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[sr]"), "x"),
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ARG_LIKE = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*)\s*:")
# The classic's generic query builder (orm/query.py, Query.format_clauses) puts these
# arguments on every entity collection it pages through (top-level and to-many relationships).
GENERIC_BUILDER = "labelbox/orm/query.py"
GENERIC_ARGS = frozenset({"where", "skip", "first", "orderBy"})


@dataclass
class ClassicFacts:
    """What the classic 2.6.0 source names; origins are (path, line)."""

    facts: Facts = field(default_factory=Facts)
    # Whole words of non-docstring string literals (type names are looked up here).
    words: dict[str, set[Loc]] = field(default_factory=lambda: defaultdict(set))
    # Arguments the generic builder adds to every entity collection it pages through.
    generic_args: dict[str, set[Loc]] = field(default_factory=lambda: defaultdict(set))


def _camel_case(name: str) -> str:
    """The classic's snake/Title -> camelCase rule (labelbox/utils.py), re-expressed."""
    parts = [p.lower() for p in re.findall(r"[A-Z][a-z0-9]*|[a-z][a-z0-9]*", name)]
    return "".join(p if i == 0 else p[:1].upper() + p[1:] for i, p in enumerate(parts))


def _snake_case(name: str) -> str:
    return "_".join(p.lower() for p in re.findall(r"[A-Z][a-z0-9]*|[a-z][a-z0-9]*", name))


def _literals(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """(text, first line) of each non-docstring string literal; f-string holes become `x`."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant | ast.JoinedStr):
            skip.add(id(node.value))  # a bare string statement: docstring or comment
        if isinstance(node, ast.JoinedStr):
            skip.update(id(value) for value in node.values)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value, node.lineno
        elif isinstance(node, ast.JoinedStr):
            text = "".join(
                v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "x"
                for v in node.values
            )
            yield text, node.lineno


def classic_facts(schema: GraphQLSchema, package: Path) -> ClassicFacts:
    out = ClassicFacts()
    files = sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)
    trees = {
        f"labelbox/{p.relative_to(package).as_posix()}": ast.parse(p.read_text()) for p in files
    }
    for path, tree in trees.items():
        for text, line in _literals(tree):
            _scan_literal(schema, out, path, text, line)
    _scan_orm_declarations(schema, out, trees)
    return out


def _scan_literal(
    schema: GraphQLSchema, out: ClassicFacts, path: str, text: str, line: int
) -> None:
    for match in _WORD.finditer(text):
        out.words[match.group()].add((path, line + text.count("\n", 0, match.start())))
    if path == GENERIC_BUILDER:
        for match in _ARG_LIKE.finditer(text):
            if match.group(1) in GENERIC_ARGS and "{" not in text:
                out.generic_args[match.group(1)].add(
                    (path, line + text.count("\n", 0, match.start()))
                )
    if "{" not in text:
        return
    filled = text
    for pattern, replacement in _PLACEHOLDERS:
        filled = pattern.sub(replacement, filled)
    try:
        document = parse(filled)
    except GraphQLError:
        return
    if not any(isinstance(d, gql.OperationDefinitionNode) for d in document.definitions):
        return

    def origin_of(node: Node) -> Loc:
        offset = node.loc.start if node.loc is not None else 0
        return (path, line + filled.count("\n", 0, offset))

    walk(schema, document, origin_of, out.facts)


def _scan_orm_declarations(
    schema: GraphQLSchema, out: ClassicFacts, trees: dict[str, ast.Module]
) -> None:
    """What the classic ORM declares and its generic builder (orm/query.py) derives from it.

    - entity classes: the type name is the class name (``Entity.type_name()``); each
      ``Field``/``Relationship`` class attribute is a field (inherited ``id``/``deleted`` too);
    - every to-many relationship is paged with ``where``/``skip``/``first``/``orderBy``
      (``Query.format_clauses``), except where a manager turns filtering/sorting off
      (``self.attachments.supports_filtering = False``);
    - a relationship fetched by its own query is expanded from ``<entity>(where: {id: $p})``
      (``relationship()``; without ``where`` when the class sets ``filter_on_id = False``);
    - an enum class given to ``Field.Enum`` and the ``Field.Type`` members are variable type
      names (``$p: DateTime!``).
    """
    classes = [
        (path, node)
        for path, tree in trees.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]
    query_root = schema.query_type.name if schema.query_type is not None else "Query"
    expansion = _relationship_builder(trees.get(GENERIC_BUILDER))
    base_fields: list[tuple[Loc, str]] = []  # declared on Entity itself: every entity has them
    entities: list[tuple[str, ast.ClassDef, list[tuple[_Declaration, int]]]] = []
    enum_uses: set[str] = set()
    for path, cls in classes:
        declared: list[tuple[_Declaration, int]] = []
        for stmt in cls.body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
                declaration = _declaration(stmt)
                if declaration is not None:
                    declared.append((declaration, stmt.lineno))
                    if declaration.enum_class:
                        enum_uses.add(declaration.enum_class)
        if cls.name == "Entity":
            base_fields = [((path, line), d.graphql_name) for d, line in declared]
        elif declared:
            entities.append((path, cls, declared))
        if cls.name == "Field":  # Field.Type members are variable type names (`$p: DateTime!`)
            for inner in cls.body:
                if isinstance(inner, ast.ClassDef) and inner.name == "Type":
                    for name, line in _class_constants(inner):
                        out.facts.add(("name", name), (path, line))
    for path, cls, declared in entities:
        name = cls.name
        out.facts.add(("type", name), (path, cls.lineno))
        out.facts.add(("name", name), (path, cls.lineno))  # type_name() is the class name
        for base_loc, graphql_name in base_fields:
            out.facts.add(("field", name, graphql_name), base_loc)
        switched_off = _switched_off(cls)
        for declaration, line in declared:
            out.facts.add(("field", name, declaration.graphql_name), (path, line))
            if not declaration.to_many:
                continue
            for arg, locs in out.generic_args.items():
                if (declaration.attr, _MANAGER_FLAGS.get(arg)) not in switched_off:
                    for loc in locs:
                        out.facts.add(("arg", name, declaration.graphql_name, arg), loc)
        if expansion is not None and any(d.fetched for d, _ in declared):
            root = _camel_case(name)
            out.facts.add(("field", query_root, root), expansion)
            if not any(flag == "filter_on_id" for _, flag in switched_off):
                out.facts.add(("arg", query_root, root, "where"), expansion)
    _generic_inputs(schema, out, entities, trees)
    for path, cls in classes:
        bases = {b.id for b in cls.bases if isinstance(b, ast.Name)}
        if cls.name in enum_uses and "Enum" in bases:
            out.facts.add(("name", cls.name), (path, cls.lineno))
            for value, line in _class_constants(cls):
                out.facts.add(("value", cls.name, value), (path, line))


def _generic_inputs(
    schema: GraphQLSchema,
    out: ClassicFacts,
    entities: list[tuple[str, ast.ClassDef, list[tuple[_Declaration, int]]]],
    trees: dict[str, ast.Module],
) -> None:
    """Input fields the generic builder inlines from entity declarations: ``create<E>(data:
    {<field>: $p, <relationship>: {connect: {id: $p}}})`` for the entities the classic creates,
    ``update<E>(data: {<field>: $p})`` for ``Updateable`` ones, and the where comparisons
    ``{<field><suffix>: $p}`` / ``{AND: [..]}`` on every collection it filters (the entities
    given to ``_get_all`` and the to-many relationships whose filtering is not turned off)."""
    builder = trees.get(GENERIC_BUILDER)
    if builder is None or schema.mutation_type is None or schema.query_type is None:
        return
    declared = {cls.name: d for _, cls, d in entities}
    plain = {
        name: [x.graphql_name for x, _ in d if not x.relationship] for name, d in declared.items()
    }
    base = [name for name in ("id", "deleted")]  # Entity.uid / Entity.deleted
    mutation, query_root = schema.mutation_type, schema.query_type

    def input_of(parent: Any, field_name: str, arg: str) -> Any:
        definition = parent.fields.get(field_name) if parent is not None else None
        argument = definition.args.get(arg) if definition is not None else None
        named = get_named_type(argument.type) if argument is not None else None
        return named if is_input_object_type(named) else None

    def add(input_type: Any, field_name: str, loc: Loc | None) -> Any:
        if input_type is None or loc is None or field_name not in input_type.fields:
            return None
        out.facts.add(("field", input_type.name, field_name), loc)
        named = get_named_type(input_type.fields[field_name].type)
        return named if is_input_object_type(named) else None

    create = _template_line(builder, "create%s(data:")
    for name in sorted(_created_entities(trees) & set(declared)):
        data = input_of(mutation, "create" + name, "data")
        for field_name in plain[name]:
            add(data, field_name, create)
        for declaration, _ in declared[name]:
            if declaration.relationship:
                connect = add(add(data, declaration.graphql_name, create), "connect", create)
                add(connect, "id", create)
    update = _template_line(builder, "data: {%s}) {%s}")
    for _, cls, _ in entities:
        if "Updateable" in {b.id for b in cls.bases if isinstance(b, ast.Name)}:
            data = input_of(mutation, "update" + cls.name, "data")
            for field_name in plain[cls.name]:
                add(data, field_name, update)
    comparison = _template_line(builder, "{%s%s: $%s}")
    # Only AND: the builder can also emit OR/NOT, but the classic's own 2.6.0 tests pin that
    # the server refuses them (DESIGN.md, "The wire format"), so they stay unattested.
    logic = {"AND": _template_line(builder, "{%s: [%s, %s]}")}
    suffixes = _comparison_suffixes(builder)
    filtered: list[tuple[Any, str]] = [  # (where input type, destination entity)
        (input_of(query_root, _camel_case(name) + "s", "where"), name)
        for name in sorted(_called_with_entity(trees, "_get_all") & set(declared))
    ]
    for _, cls, decls in entities:
        off = _switched_off(cls)
        parent = schema.get_type(cls.name)
        for declaration, _ in decls:
            if declaration.to_many and (declaration.attr, "supports_filtering") not in off:
                where = input_of(parent, declaration.graphql_name, "where")
                filtered.append((where, declaration.destination or ""))
    for where, destination in filtered:
        for field_name in plain.get(destination, []) + base:
            for suffix in suffixes:
                add(where, field_name + suffix, comparison)
        for op, loc in logic.items():
            add(where, op, loc)


def _template_line(tree: ast.Module, needle: str) -> Loc | None:
    for text, line in sorted(_literals(tree), key=lambda item: item[1]):
        if needle in text:
            return (GENERIC_BUILDER, line + text.count("\n", 0, text.index(needle)))
    return None


def _comparison_suffixes(tree: ast.Module) -> list[str]:
    """The values of format_where's comparison -> suffix dict ("", "_not", "_lt", ...)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and node.values:
            values = [v.value for v in node.values if isinstance(v, ast.Constant)]
            if len(values) == len(node.values) and "_not" in values:
                return [str(v) for v in values]
    return []


def _created_entities(trees: dict[str, ast.Module]) -> set[str]:
    """Entities passed to ``client._create(E, ...)`` or ``query.create(E, ...)``."""
    return _called_with_entity(trees, "_create") | _called_with_entity(trees, "create", "query")


def _called_with_entity(
    trees: dict[str, ast.Module], method: str, owner: str | None = None
) -> set[str]:
    names: set[str] = set()
    for tree in trees.values():
        aliases = {  # `PM = Entity.PredictionModel`
            node.targets[0].id: node.value.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Attribute)
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr != method or not node.args:
                continue
            if owner is not None and not (
                isinstance(node.func.value, ast.Name) and node.func.value.id == owner
            ):
                continue
            first = node.args[0]
            if isinstance(first, ast.Name):
                names.add(aliases.get(first.id, first.id))
            elif isinstance(first, ast.Attribute):
                names.add(first.attr)
    return names


# Which RelationshipManager flag gates each generic argument (orm/db_object.py).
_MANAGER_FLAGS = {"where": "supports_filtering", "orderBy": "supports_sorting"}


def _switched_off(cls: ast.ClassDef) -> set[tuple[str | None, str]]:
    """(relationship attribute or None for all, flag) a class sets to False:
    ``self.metadata.supports_filtering = False`` / ``getattr(self, r.name).filter_on_id = False``."""
    off: set[tuple[str | None, str]] = set()
    for node in ast.walk(cls):
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)):
            continue
        if node.value.value is not False:
            continue
        for target in node.targets:
            if isinstance(target, ast.Attribute):
                owner = target.value
                attr = owner.attr if isinstance(owner, ast.Attribute) else None
                off.add((attr, target.attr))
                if attr is None:  # getattr(self, ...): every relationship
                    off.update((d, target.attr) for d in _relationship_attrs(cls))
    return off


def _relationship_attrs(cls: ast.ClassDef) -> Iterator[str]:
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            declaration = _declaration(stmt)
            if declaration is not None and declaration.relationship:
                yield declaration.attr


def _relationship_builder(tree: ast.Module | None) -> Loc | None:
    """Where orm/query.py's ``relationship()`` names the root field: the ``Query(...)`` call
    whose first argument is ``utils.camel_case(source.type_name())``."""
    for function in ast.walk(tree) if tree is not None else ():
        if isinstance(function, ast.FunctionDef) and function.name == "relationship":
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "Query"
                    and node.args
                    and "camel_case" in ast.unparse(node.args[0])
                ):
                    return (GENERIC_BUILDER, node.lineno)
    return None


def _class_constants(cls: ast.ClassDef) -> Iterator[tuple[str, int]]:
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
            yield stmt.targets[0].id, stmt.lineno


class _Declaration(NamedTuple):
    attr: str  # the Python attribute
    graphql_name: str
    enum_class: str | None = None  # Field.Enum(<class>, ...)
    destination: str | None = None  # a relationship's entity
    relationship: bool = False
    to_many: bool = False
    fetched: bool = False  # a relationship fetched by its own query (not cached)


def _declaration(stmt: ast.Assign) -> _Declaration | None:
    """What a ``x = Field.X(...)`` / ``x = Relationship.X(...)`` class attribute declares."""
    call, target = stmt.value, stmt.targets[0]
    if not isinstance(call, ast.Call) or not isinstance(target, ast.Name):
        return None
    func = call.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return None
    args = [a.value if isinstance(a, ast.Constant) else a for a in call.args]
    kwargs = {k.arg: k.value.value for k in call.keywords if isinstance(k.value, ast.Constant)}
    if func.value.id == "Field":
        enum_class = None
        if func.attr == "Enum":
            enum_class = args[0].id if args and isinstance(args[0], ast.Name) else None
            args = args[1:]
        if not args or not isinstance(args[0], str):
            return None
        graphql = args[1] if len(args) > 1 and isinstance(args[1], str) else None
        graphql_name = graphql or kwargs.get("graphql_name") or _camel_case(args[0])
        return _Declaration(target.id, graphql_name, enum_class)
    if func.value.id == "Relationship" and func.attr in ("ToOne", "ToMany"):
        # Relationship.ToX(destination, filter_deleted, name, graphql_name, cache, ...)
        if not args or not isinstance(args[0], str):
            return None
        to_many = func.attr == "ToMany"
        name = args[2] if len(args) > 2 and isinstance(args[2], str) else kwargs.get("name")
        if name is None:
            name = _snake_case(args[0]) + ("s" if to_many else "")
        graphql = args[3] if len(args) > 3 and isinstance(args[3], str) else None
        cache = args[4] if len(args) > 4 and isinstance(args[4], bool) else kwargs.get("cache")
        graphql_name = graphql or kwargs.get("graphql_name") or _camel_case(name)
        return _Declaration(target.id, graphql_name, None, args[0], True, to_many, not cache)
    return None


# ---------------------------------------------------------------------------------------------
# Grading


@dataclass(frozen=True)
class Grade:
    level: str
    source: str


@dataclass(frozen=True)
class Difference:
    """An outside fact that does not hold in schema.graphql, and the ruling on it."""

    fact: str
    problem: str
    sources: tuple[str, ...]  # Source.label of each source stating it
    ruling: str | None


def _cite(sources: Iterable[Any]) -> str:
    """The first outside source (by URL) and how many more state the fact."""
    labels = sorted({source.url + f" ({source.era})" for source in sources})
    more = f" (+{len(labels) - 1} more)" if len(labels) > 1 else ""
    return labels[0] + more


def outside_facts(
    schema: GraphQLSchema, sources: list[Any], rulings: list[Any]
) -> tuple[dict[str, Facts], list[Difference]]:
    """Facts of the outside evidence by class, and the facts that do not hold."""
    import tests.fidelity.outside_evidence as oe

    by_class: dict[str, Facts] = {OFFICIAL_LATER: Facts(), PUBLISHED: Facts(), OUTSIDE: Facts()}
    differing: dict[tuple[str, str], tuple[set[str], Any]] = {}
    for source, resolution in oe.resolutions(schema, sources):
        for key in resolution.keys:  # the steps that resolved, even when a later one fails
            by_class[source.cls].add(key, source)
        if not resolution.holds:
            entry = differing.setdefault((resolution.fact, resolution.problem or ""), (set(), None))
            ruling = oe.ruling_for(rulings, source, resolution.fact)
            entry[0].add(source.label)
            if ruling is not None:
                differing[(resolution.fact, resolution.problem or "")] = (entry[0], ruling.why)
    differences = [
        Difference(fact, problem, tuple(sorted(labels)), why)
        for (fact, problem), (labels, why) in sorted(differing.items())
    ]
    return by_class, differences


def _loc(loc: Loc) -> str:
    return f"{CLASSIC_PREFIX}/{loc[0]}:{loc[1]}"


def _first(locs: Iterable[Loc]) -> str:
    return _loc(min(locs))


#: Sources cited per element and evidence class in [outside."..."] (the count says how
#: many state it in all).
CITED = 2


class Provenance:
    """Grades elements of ``schema`` by the recorded documents, the classic source and the
    outside evidence (published docs, outside clients)."""

    def __init__(
        self,
        schema: GraphQLSchema,
        recorded: Facts,
        classic: ClassicFacts,
        outside: dict[str, Facts] | None = None,
        differences: list[Difference] | None = None,
    ) -> None:
        self.schema = schema
        self.recorded = recorded
        self.classic = classic
        #: evidence class (PUBLISHED / OUTSIDE) -> facts; origins are outside_evidence.Source
        self.outside = outside or {}
        #: outside facts that do not hold in the schema, with their rulings
        self.differences = differences or []

    def _outside_grade(self, *keys: Key) -> Grade | None:
        for level in (OFFICIAL_LATER, PUBLISHED, OUTSIDE):
            facts = self.outside.get(level)
            if facts is None:
                continue
            sources = set().union(*(facts.get(key) for key in keys))
            if sources:
                return Grade(level, _cite(sources))
        return None

    # Named types ------------------------------------------------------------------------------
    def type_grade(self, name: str) -> Grade:
        type_ = self.schema.get_type(name)
        if type_ is None or is_specified_scalar_type(type_):  # type: ignore[arg-type]
            return Grade(RECORDED, "GraphQL built-in")
        name_only = is_input_object_type(type_) or is_enum_type(type_) or is_scalar_type(type_)
        key = ("name", name) if name_only else ("type", name)
        ops = self.recorded.get(key) | (set() if name_only else self.recorded.get(("name", name)))
        if ops:
            return Grade(RECORDED, ", ".join(sorted(ops)))
        locs = self.classic.facts.get(key) | self.classic.facts.get(("name", name))
        locs |= self.classic.words.get(name, set())
        if locs:
            return Grade(CLASSIC_SOURCE, _first(locs))
        # Outside evidence grades a type by its NAME only: a path through an object type
        # shows that the type exists, not what it is called.
        outside = self._outside_grade(("name", name))
        if outside is not None:
            return outside
        return Grade(INFERRED, _inferred_reason(name))

    def object_name_grade(self, name: str) -> Grade:
        """What attests the NAME of an object type (on the wire in a fragment's or inline
        fragment's type condition): a document or the classic source naming it (an ORM
        class is named after its type), or an outside source naming it. A field returning
        the type attests that it exists, not its name."""
        ops = self.recorded.get(("name", name))
        if ops:
            return Grade(RECORDED, ", ".join(sorted(ops)))
        locs = self.classic.facts.get(("name", name)) | self.classic.words.get(name, set())
        if locs:
            return Grade(CLASSIC_SOURCE, _first(locs))
        return self._outside_grade(("name", name)) or Grade(
            INFERRED, "no document, classic class or outside source names it"
        )

    # Fields, arguments, enum values -----------------------------------------------------------
    def field_grade(self, parent: str, name: str) -> Grade:
        ops = self.recorded.get(("field", parent, name))
        if ops:
            return Grade(RECORDED, ", ".join(sorted(ops)))
        locs = self.classic.facts.get(("field", parent, name))
        if locs:
            return Grade(CLASSIC_SOURCE, _first(locs))
        return self._outside_grade(("field", parent, name)) or Grade(
            INFERRED, "no document or classic declaration uses it"
        )

    def arg_grade(self, parent: str, field_name: str, arg: str) -> Grade:
        ops = self.recorded.get(("arg", parent, field_name, arg))
        if ops:
            return Grade(RECORDED, ", ".join(sorted(ops)))
        locs = self.classic.facts.get(("arg", parent, field_name, arg))
        if locs:
            return Grade(CLASSIC_SOURCE, _first(locs))
        return self._outside_grade(("arg", parent, field_name, arg)) or Grade(
            INFERRED, "no document uses this argument"
        )

    def value_grade(self, enum: str, value: str) -> Grade:
        ops = self.recorded.get(("value", enum, value))
        if ops:
            return Grade(RECORDED, ", ".join(sorted(ops)))
        locs = self.classic.facts.get(("value", enum, value))
        if locs:
            return Grade(CLASSIC_SOURCE, _first(locs))
        return self._outside_grade(("value", enum, value)) or Grade(
            INFERRED, "no document uses this value"
        )

    def _root(self, which: str) -> str | None:
        root = self.schema.query_type if which == "query" else self.schema.mutation_type
        return root.name if root is not None else None

    # The table ------------------------------------------------------------------------------
    def table(self) -> dict[str, dict[str, dict[str, Any]]]:
        types: dict[str, dict[str, Any]] = {}
        roots = {self._root("query"), self._root("mutation")}
        for name in sorted(self.schema.type_map):
            type_ = self.schema.type_map[name]
            if name.startswith("__") or is_specified_scalar_type(type_):  # type: ignore[arg-type]
                continue
            grade = self.type_grade(name)
            entry: dict[str, Any] = {
                "evidence": grade.level,
                "source": grade.source,
                "kind": _kind(type_),
            }
            if is_input_object_type(type_):
                attested = sorted(
                    f
                    for f in type_.fields  # type: ignore[attr-defined]
                    if self.field_grade(name, f).level != INFERRED
                )
                entry["fields_attested"] = bool(attested)
                if attested:
                    entry["attested_fields"] = attested
            elif is_enum_type(type_):
                values = sorted(
                    v
                    for v in type_.values  # type: ignore[attr-defined]
                    if self.value_grade(name, v).level != INFERRED
                )
                entry["values_attested"] = bool(values)
                if values:
                    entry["attested_values"] = values
            elif is_object_type(type_) and name not in roots:
                entry["name_evidence"] = self.object_name_grade(name).level
                unattested = sorted(
                    f
                    for f in type_.fields  # type: ignore[attr-defined]
                    if self.field_grade(name, f).level == INFERRED
                )
                if unattested:
                    entry["inferred_fields"] = unattested
            types[name] = entry
        table: dict[str, dict[str, dict[str, Any]]] = {"types": types}
        for section, root in (
            ("query", self.schema.query_type),
            ("mutation", self.schema.mutation_type),
        ):
            if root is None:
                continue
            entries: dict[str, dict[str, Any]] = {}
            for fname in sorted(root.fields):
                grade = self.field_grade(root.name, fname)
                entry = {"evidence": grade.level, "source": grade.source}
                if grade.level == INFERRED:
                    entry["source"] = "reconstruction: neither recorded nor in the classic source"
                args = sorted(
                    a
                    for a in root.fields[fname].args
                    if self.arg_grade(root.name, fname, a).level == INFERRED
                )
                if args:
                    entry["inferred_arguments"] = args
                entries[fname] = entry
            table[section] = entries
        table["outside"] = self.outside_table()
        return table

    def outside_table(self) -> dict[str, dict[str, Any]]:
        """Per schema element the outside evidence attests: its sources by class."""
        elements: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for level, facts in self.outside.items():
            for key, sources in facts.seen.items():
                element = _element(key)
                if element is not None:
                    elements[element][level].update(s.citation for s in sources)
        table: dict[str, dict[str, Any]] = {}
        for element, by_level in sorted(elements.items()):
            entry: dict[str, Any] = {}
            for level, labels in sorted(by_level.items()):
                entry[level] = sorted(labels)[:CITED]
                if len(labels) > CITED:
                    entry[f"{level}-sources"] = len(labels)
            table[element] = entry
        return table


def _element(key: Key) -> str | None:
    """How the provenance table names an element: ``T`` (a type name), ``T.f`` (field),
    ``T.f(a:)`` (argument), ``Enum.VALUE``; None for "touched" keys."""
    kind = key[0]
    if kind == "name":
        return key[1]
    if kind == "field":
        return f"{key[1]}.{key[2]}"
    if kind == "arg":
        return f"{key[1]}.{key[2]}({key[3]}:)"
    if kind == "value":
        return f"{key[1]}.{key[2]}"
    return None


def _kind(type_: GraphQLNamedType) -> str:
    if is_input_object_type(type_):
        return "input"
    if is_enum_type(type_):
        return "enum"
    if is_scalar_type(type_):
        return "scalar"
    if is_object_type(type_):
        return "object"
    return type(type_).__name__.removeprefix("GraphQL").removesuffix("Type").lower()


def _inferred_reason(name: str) -> str:
    for suffix in PRISMA_SUFFIXES:
        if name.endswith(suffix) and name != suffix:
            return f"Prisma-1 naming convention (<Type>{suffix})"
    return "reconstruction: named by no recorded document and not in the classic source"


# ---------------------------------------------------------------------------------------------
# Rendering

HEADER = f"""\
# Schema provenance: what each named type and root field of schema.graphql rests on.
# GENERATED by tests/fidelity/provenance.py -- do not edit. Regenerate from the repository root:
#   .venv/bin/python -m tests.fidelity.provenance --write
# (reads the unmodified classic labelbox=={CLASSIC_VERSION} source from the venv of
# ${CLASSIC_ENV}, else .venv-classic; create it with scripts/classic-venv).
#
# evidence, strongest first:
#   recorded        a document the official labelbox=={CLASSIC_VERSION} client sent
#                   (tests/fidelity/recorded_documents.json, walked with graphql-core's TypeInfo
#                   against schema.graphql) uses it; source = its operation name(s).
#   classic-source  not recorded, but the classic {CLASSIC_VERSION} source names it: a GraphQL
#                   document in a string literal, an ORM entity class (type name = class name)
#                   with its Field/Relationship declarations, an enum class sent via Field.Enum, a
#                   Field.Type scalar name, or what its generic builder (orm/query.py) derives
#                   from those declarations (relationship expansions, paging arguments,
#                   create/update data fields, where comparisons) -- "would send", not "sent";
#                   source = {CLASSIC_PREFIX}/<path>:<line>.
#   official-client neither, but a later release of the official Python client (2.6.x-6.0,
#                   its GraphQL documents and generic builder) uses it; source = PyPI URL (era).
#   published-docs  none of those, but Labelbox's published API documentation (docs.labelbox.com,
#                   labelbox.com/docs, support.labelbox.com) shows it; source = URL (era).
#   outside-client  only public code that called api.labelbox.com/graphql directly shows it;
#                   source = URL (era). Both come from tests/fidelity/evidence/*.toml (facts in
#                   the path language of tests/fidelity/outside_evidence.py).
#   inferred        nothing attests it (reconstruction, mostly Prisma-1 naming); source = why.
# For input objects, enums and custom scalars the evidence is for the type NAME, which is on
# the wire only where a document declares a variable of that type. The classic inlined its
# where/data/orderBy objects, so their fields can be attested while the name is inferred:
#   fields_attested / attested_fields   input objects: fields used inline (recorded or classic)
#   values_attested / attested_values   enums: values used (recorded or classic)
#   inferred_fields                     object types: fields nothing attests
#   name_evidence                       object types: what attests the NAME (a type condition
#                                       puts it on the wire); a field returning the type
#                                       attests only that it exists
#   inferred_arguments                  root fields: arguments nothing attests
# [outside."<element>"] lists, per element the outside evidence attests (a type name T, a field
# T.f, an argument T.f(a:), an enum value E.V), its sources by class: URL (era), at most 2
# (<class>-sources: how many in all, when more).
# [[difference]] groups by ruling (tests/fidelity/evidence/rulings.toml) the outside facts that
# do not hold in schema.graphql: "fact -- why it does not hold -- first source (+ more)".
"""


def render(table: dict[str, dict[str, dict[str, Any]]], differences: list[Difference]) -> str:
    lines = [HEADER]
    for section in ("types", "query", "mutation", "outside"):
        for name, entry in table.get(section, {}).items():
            lines.append(f"[{section}.{_toml_key(name)}]")
            for key, value in entry.items():
                lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
            lines.append("")
    by_ruling: dict[str, list[Difference]] = defaultdict(list)
    for difference in differences:
        by_ruling[difference.ruling or UNRULED].append(difference)
    for ruling, group in by_ruling.items():
        lines.append("[[difference]]")
        lines.append(f"ruling = {_toml_value(ruling)}")
        facts = [f"{d.fact} -- {d.problem} -- {_first_of(d.sources)}" for d in group]
        lines.append(f"facts = {_toml_value(facts)}")
        lines.append("")
    return "\n".join(lines)


#: The ruling of a difference that has none (a test fails on it).
UNRULED = "NONE: no ruling yet"


def _first_of(labels: tuple[str, ...]) -> str:
    more = f" (+{len(labels) - 1} more)" if len(labels) > 1 else ""
    return labels[0] + more


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(value)  # pragma: no cover


def build(package: Path | None = None) -> Provenance:
    package = package or find_classic_package()
    if package is None:
        raise SystemExit(
            f"labelbox=={CLASSIC_VERSION} source not found: run scripts/classic-venv or set "
            f"{CLASSIC_ENV} to the python of a venv that has it"
        )
    import tests.fidelity.outside_evidence as oe

    schema = load_schema()
    outside, differences = outside_facts(schema, oe.load_sources(), oe.load_rulings())
    return Provenance(
        schema, recorded_facts(schema), classic_facts(schema, package), outside, differences
    )


# ---------------------------------------------------------------------------------------------
# The SDK's operations


@dataclass
class OperationReport:
    name: str
    inferred: list[tuple[str, str]]  # (category, element)
    variable_types: list[str]


CATEGORIES = ("variable type", "type condition", "root field", "field", "argument", "enum value")


def operation_documents() -> dict[str, str]:
    """Every ``*_GQL`` document of ``labelbox_gen.operations``, by operation name."""
    src = ROOT / "src"
    if str(src) not in sys.path:
        sys.path.insert(0, str(src))
    from labelbox_gen import operations

    documents: dict[str, str] = {}
    for attr in sorted(dir(operations)):
        if attr.endswith("_GQL"):
            text = getattr(operations, attr)
            documents[_operation_name(parse(text))] = text
    return documents


def operation_reports(prov: Provenance, documents: dict[str, str]) -> list[OperationReport]:
    roots = {prov._root("query"), prov._root("mutation")}
    reports = []
    for name in sorted(documents):
        facts = Facts()
        walk(prov.schema, parse(documents[name]), lambda _n, name=name: name, facts)
        inferred: set[tuple[str, str]] = set()
        variable_types: set[str] = set()
        for key in facts.seen:
            kind = key[0]
            if kind == "name":
                type_ = prov.schema.get_type(key[1])
                if type_ is None or is_specified_scalar_type(type_):  # type: ignore[arg-type]
                    continue
                is_type_condition = is_object_type(type_) and key[1] not in roots
                category = "type condition" if is_type_condition else "variable type"
                if category == "variable type":
                    variable_types.add(key[1])
                if prov.type_grade(key[1]).level == INFERRED:
                    inferred.add((category, key[1]))
            elif kind == "field":
                grade = prov.field_grade(key[1], key[2])
                category = "root field" if key[1] in roots else "field"
                if grade.level == INFERRED:
                    inferred.add((category, f"{key[1]}.{key[2]}"))
            elif kind == "arg":
                if prov.arg_grade(key[1], key[2], key[3]).level == INFERRED:
                    inferred.add(("argument", f"{key[1]}.{key[2]}({key[3]}:)"))
            elif kind == "value" and prov.value_grade(key[1], key[2]).level == INFERRED:
                inferred.add(("enum value", f"{key[1]}.{key[2]}"))
        ordered = sorted(inferred, key=lambda item: (CATEGORIES.index(item[0]), item[1]))
        reports.append(OperationReport(name, ordered, sorted(variable_types)))
    return reports


def print_operations(reports: list[OperationReport]) -> None:
    clean = [r for r in reports if not r.inferred]
    resting = [r for r in reports if r.inferred]
    for report in resting:
        print(f"{report.name}:")
        for category in CATEGORIES:
            items = [element for cat, element in report.inferred if cat == category]
            if items:
                print(f"  {category}: {', '.join(items)}")
    print()
    print(f"attested only ({len(clean)}): {', '.join(r.name for r in clean)}")
    usage = Counter(item for r in reports for item in r.inferred)
    ranked = sorted(usage.items(), key=lambda kv: (-kv[1], kv[0][1]))
    variable_names = sorted({e for r in reports for c, e in r.inferred if c == "variable type"})
    print()
    print("most-used inferred variable type names (operations declaring them):")
    for (_, element), count in [kv for kv in ranked if kv[0][0] == "variable type"][:10]:
        print(f"  {count:3d}  {element}")
    print("other inferred elements (operations using them):")
    for (category, element), count in [kv for kv in ranked if kv[0][0] != "variable type"]:
        print(f"  {count:3d}  {element}  ({category})")
    print()
    print(f"operations: {len(reports)}")
    print(f"  resting only on attested elements: {len(clean)}")
    print(f"  resting on at least one inferred element: {len(resting)}")
    print(f"distinct inferred variable type names declared: {len(variable_names)}")
    print(f"  {', '.join(variable_names)}")


def print_counts(table: dict[str, dict[str, dict[str, Any]]]) -> None:
    for section, label in (
        ("types", "named types"),
        ("query", "Query fields"),
        ("mutation", "Mutation fields"),
    ):
        entries = table.get(section, {})
        counts = Counter(e["evidence"] for e in entries.values())
        parts = ", ".join(f"{level} {counts.get(level, 0)}" for level in LEVELS)
        print(f"{label}: {len(entries)} ({parts})")
        if section == "types":
            for kind in ("object", "input", "enum", "scalar"):
                sub = Counter(e["evidence"] for e in entries.values() if e["kind"] == kind)
                parts = ", ".join(f"{level} {sub.get(level, 0)}" for level in LEVELS)
                print(f"  {kind}: {sum(sub.values())} ({parts})")
            inputs = [e for e in entries.values() if e["kind"] == "input"]
            attested = sum(1 for e in inputs if e["fields_attested"])
            inferred_named = sum(
                1 for e in inputs if e["fields_attested"] and e["evidence"] == INFERRED
            )
            print(f"  input objects with fields attested by inline use: {attested}"
                  f" (of which the name is inferred: {inferred_named})")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fidelity.provenance", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--write", action="store_true", help=f"regenerate {TABLE_PATH.name}")
    parser.add_argument(
        "--operations",
        action="store_true",
        help="report the SDK operations resting on inferred elements",
    )
    parser.add_argument("--classic", type=Path, help="the classic labelbox package directory")
    args = parser.parse_args(argv)
    prov = build(args.classic)
    table = prov.table()
    if args.write:
        TABLE_PATH.write_text(render(table, prov.differences))
        print(f"wrote {TABLE_PATH.relative_to(ROOT)}")
    if args.operations:
        print_operations(operation_reports(prov, operation_documents()))
    else:
        print_counts(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
