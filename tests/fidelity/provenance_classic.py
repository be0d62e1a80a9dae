"""Schema provenance, classic-source part: where the unmodified classic labelbox 2.6.0
package is, and what its source names (read, never imported): GraphQL documents in its
string literals, ORM entity classes with their ``Field``/``Relationship`` declarations, enum
classes and ``Field.Type`` names, and what its generic builder (``orm/query.py``) derives.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from graphql import (
    GraphQLError,
    GraphQLSchema,
    Node,
    get_named_type,
    is_input_object_type,
    parse,
)
from graphql.language import ast as gql

from tests.fidelity.provenance_facts import ROOT, Facts, Loc, walk

CLASSIC_VERSION = "2.6.0"
CLASSIC_ENV = "LABELBOX_CLASSIC_PYTHON"
CLASSIC_PREFIX = f"labelbox-{CLASSIC_VERSION}"


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
