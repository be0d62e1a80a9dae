"""The entity layer generator: one table (``codegen/entities.toml``) + the schema + the
``<Entity>Fields`` fragments in ``queries/`` → what every entity repeats.

Run by ``scripts/regenerate`` (never by hand-edited output):

* ``python -m codegen.entities check``: validates schema.graphql and every document in
  queries/ with graphql-core; each problem is printed as ``file:line:column: message``.
* ``python -m codegen.entities queries OUT.graphql``: one relationship operation per schema
  field that leads from an entity to another entity (``ProjectDatasets``, ...).
* ``python -m codegen.entities module OUT.py``: ``labelbox_gen.entities``: per entity a
  typed base class (``ProjectBase``) with a ``Field`` per fragment field, a
  ``ToMany``/``ToOne`` per relationship (with typed fetch/connect functions calling the
  generated client), the typed ``update()``/``delete()``, and the ``TypedDict`` keyword
  parameters of creation and update, all derived from the schema.

The Python names follow ariadne-codegen's (``str_to_snake_case``), so the generated code
calls the generated client and models by their real, type-checked names.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ariadne_codegen.utils import format_code, process_name, str_to_snake_case
from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    OperationDefinitionNode,
    Undefined,
    build_ast_schema,
    get_named_type,
    is_list_type,
    is_non_null_type,
    parse,
    validate,
)
from graphql.language import FieldNode, Source

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema.graphql"
QUERIES = ROOT / "queries"
TABLE = ROOT / "codegen" / "entities.toml"

#: Python types of the schema's scalars, as the generated models declare them.
SCALARS = {
    "ID": "str",
    "String": "str",
    "Int": "int",
    "Float": "float",
    "Boolean": "bool",
    "DateTime": "datetime",
    "Json": "JsonValue",
    "PageSize": "int",
}
#: Where-input arguments of a to-many field, in the order the operations declare them.
LIST_ARGS = ("where", "orderBy", "skip", "first")


class GenerationError(Exception):
    """A problem in schema.graphql, queries/ or the entity table, with its location."""


def attribute(graphql_name: str) -> str:
    """The Python name ariadne-codegen gives a model field (``rowData`` → ``row_data``,
    ``type`` → ``type_``)."""
    return process_name(graphql_name, True, handle_pydantic_resrved_field_names=True)


def pascal(name: str) -> str:
    """``labelingFrontend`` → ``LabelingFrontend``."""
    return name[:1].upper() + name[1:]


def lower_camel(name: str) -> str:
    """``LabelingFrontend`` → ``labelingFrontend``."""
    return name[:1].lower() + name[1:]


# -- loading and checking the inputs --------------------------------------------------
def _location(error: GraphQLError, fallback: str) -> str:
    if error.locations and error.source is not None:
        loc = error.locations[0]
        return f"{error.source.name}:{loc.line}:{loc.column}"
    return fallback


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def load_schema(path: Path = SCHEMA) -> GraphQLSchema:
    """Builds the schema; GenerationError naming ``file:line:column`` of a bad edit."""
    try:
        document = parse(Source(path.read_text(encoding="utf-8"), _relative(path)))
        return build_ast_schema(document)
    except GraphQLError as exc:
        raise GenerationError(f"{_location(exc, _relative(path))}: {exc.message}") from None
    except TypeError as exc:  # build_ast_schema's own checks (unknown types, ...)
        raise GenerationError(f"{_relative(path)}: {exc}") from None


def load_documents(directory: Path = QUERIES) -> dict[Path, DocumentNode]:
    """Parses every ``*.graphql`` of ``directory`` (sorted)."""
    documents = {}
    for path in sorted(directory.glob("*.graphql")):
        try:
            documents[path] = parse(Source(path.read_text(encoding="utf-8"), _relative(path)))
        except GraphQLError as exc:
            raise GenerationError(f"{_location(exc, _relative(path))}: {exc.message}") from None
    return documents


def check(schema: GraphQLSchema, documents: dict[Path, DocumentNode]) -> list[str]:
    """Validation problems of all documents together (fragments are shared across files)."""
    definitions = [d for document in documents.values() for d in document.definitions]
    merged = DocumentNode(definitions=tuple(definitions))
    return [
        f"{_location(error, 'queries/')}: {error.message}"
        for error in validate(schema, merged)
        # A fragment may be used only by the generated operations (checked with them).
        if "is never used" not in error.message
    ]


def load_table(path: Path = TABLE) -> dict[str, dict[str, Any]]:
    """The entity table (``[entities.<Type>]`` sections)."""
    with path.open("rb") as stream:
        entities: dict[str, dict[str, Any]] = tomllib.load(stream)["entities"]
    return entities


# -- the model of what to generate ------------------------------------------------------
@dataclass
class ScalarField:
    """A scalar/enum field selected in the entity's fragment."""

    python_name: str
    graphql_name: str
    annotation: str
    description: str | None


@dataclass
class Relationship:
    """A schema field leading from one entity to another."""

    python_name: str
    graphql_name: str
    target: str
    many: bool
    args: tuple[tuple[str, str], ...]  # (argument, GraphQL type) of a to-many field
    description: str | None
    operation: str = ""  # the generated query (PascalCase)
    filterable: bool = True  # sends where: (the classic refused filtering on some)
    sortable: bool = True  # sends orderBy:
    connect: str | None = None  # "many" | "one": the update input can connect it


@dataclass
class Param:
    """One keyword parameter of creation or update."""

    python_name: str
    annotation: str
    required: bool
    kind: str  # "scalar" | "one" | "many"
    input_name: str  # the input model's Python field name
    supplied: bool = False  # filled in by the facade: not a user parameter
    graphql_name: str = ""
    graphql_type: str = ""  # the input field's type, e.g. "DateTime"


@dataclass
class Entity:
    """Everything generated for one entity type."""

    name: str
    module: str
    config: dict[str, Any]
    type: GraphQLObjectType
    fields: list[ScalarField] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    create_params: list[Param] = field(default_factory=list)
    update_params: list[Param] = field(default_factory=list)
    root: GraphQLField | None = None
    root_name: str = ""
    root_arg_type: str = ""  # the where-argument's input type ("" for a singleton)

    @property
    def snake(self) -> str:
        return str_to_snake_case(self.name)


class Model:
    """Schema + fragments + table, resolved into :class:`Entity` objects."""

    def __init__(
        self,
        schema: GraphQLSchema,
        documents: dict[Path, DocumentNode],
        table: dict[str, dict[str, Any]],
    ) -> None:
        self.schema = schema
        self.table = table
        self.fragments = {
            d.name.value: d
            for document in documents.values()
            for d in document.definitions
            if isinstance(d, FragmentDefinitionNode)
        }
        self.operations = [
            d
            for document in documents.values()
            for d in document.definitions
            if isinstance(d, OperationDefinitionNode)
        ]
        self.enums: set[str] = set()
        self.entities = {name: self._entity(name, config) for name, config in table.items()}
        for entity in self.entities.values():
            relations = self._relationships(entity)
            # Expandable (fetch queries, declarations) only through a root by id; the
            # others still connect on creation.
            entity.relationships = relations if entity.root is not None else []
            entity.create_params = self._params(entity, "Create", relations)
            entity.update_params = self._params(entity, "Update", relations)

    # -- types ------------------------------------------------------------------------
    def annotation(self, gql_type: Any, *, input_side: bool = False) -> str:
        """The Python annotation of a GraphQL output (or input) type."""
        nullable = not is_non_null_type(gql_type)
        inner = gql_type.of_type if not nullable else gql_type
        if is_list_type(inner):
            text = f"list[{self.annotation(inner.of_type, input_side=input_side)}]"
        else:
            named = get_named_type(inner)
            if isinstance(named, GraphQLEnumType):
                self.enums.add(named.name)
                # Open: a value a newer server adds arrives as an UnknownValue string.
                text = f"{named.name} | UnknownValue"
            elif isinstance(named, GraphQLScalarType):
                if named.name not in SCALARS:
                    raise GenerationError(f"schema.graphql: no Python type for scalar {named.name}")
                text = SCALARS[named.name]
                if text == "JsonValue":
                    return text  # JsonValue includes None
            else:
                raise GenerationError(f"{named.name} is not a scalar or enum")
        return f"{text} | None" if nullable else text

    # -- entities ---------------------------------------------------------------------
    def _entity(self, name: str, config: dict[str, Any]) -> Entity:
        gql_type = self.schema.type_map.get(name)
        if not isinstance(gql_type, GraphQLObjectType):
            raise GenerationError(f"codegen/entities.toml: {name} is not an object type")
        entity = Entity(name=name, module=config["module"], config=config, type=gql_type)
        fragment = self.fragments.get(f"{name}Fields")
        if fragment is None:
            raise GenerationError(f"queries/: no fragment {name}Fields on {name}")
        aliases: dict[str, str] = config.get("aliases", {})
        for selection in fragment.selection_set.selections:
            if not isinstance(selection, FieldNode) or selection.selection_set is not None:
                continue  # nested objects are the facade's business
            gql_name = selection.name.value
            if gql_name == "id":
                continue  # DbObject.uid
            schema_field = gql_type.fields[gql_name]
            annotation = self.annotation(schema_field.type)
            python_names = [attribute(gql_name)]
            python_names += [alias for alias, target in aliases.items() if target == gql_name]
            for python_name in python_names:
                entity.fields.append(
                    ScalarField(python_name, gql_name, annotation, schema_field.description)
                )
        self._find_root(entity)
        return entity

    def _find_root(self, entity: Entity) -> None:
        query = self.schema.query_type
        assert query is not None
        root_name = lower_camel(entity.name)
        root = query.fields.get(root_name)
        if root is None or get_named_type(root.type) is not entity.type:
            return
        entity.root, entity.root_name = root, root_name
        if entity.config.get("singleton"):
            return
        where = root.args.get("where")
        if where is None:
            return
        where_type = get_named_type(where.type)
        if isinstance(where_type, GraphQLInputObjectType) and "id" in where_type.fields:
            entity.root_arg_type = where_type.name
        else:
            entity.root = None

    def _relationships(self, entity: Entity) -> list[Relationship]:
        """Every schema field of ``entity`` leading to another entity (whether or not the
        API lets clients expand it: see ``Entity.relationships``)."""
        rename: dict[str, str] = entity.config.get("rename", {})
        skip = set(entity.config.get("skip", ()))
        update_input = self.schema.type_map.get(f"{entity.name}UpdateInput")
        found = []
        for gql_name, schema_field in entity.type.fields.items():
            target = get_named_type(schema_field.type)
            if target.name not in self.entities or gql_name in skip:
                continue
            many = is_list_type(
                schema_field.type.of_type
                if is_non_null_type(schema_field.type)
                else schema_field.type
            )
            args = tuple(
                (arg, str(schema_field.args[arg].type))
                for arg in LIST_ARGS
                if arg in schema_field.args
            )
            rel = Relationship(
                python_name=rename.get(gql_name, str_to_snake_case(gql_name)),
                graphql_name=gql_name,
                target=target.name,
                many=many,
                args=args if many else (),
                description=schema_field.description,
                operation=f"{entity.name}{pascal(gql_name)}",
                filterable=gql_name not in entity.config.get("unfiltered", ()),
                sortable=gql_name not in entity.config.get("unsorted", ()),
            )
            if (
                entity.config.get("update")
                and isinstance(update_input, GraphQLInputObjectType)
                and gql_name in update_input.fields
            ):
                relation = get_named_type(update_input.fields[gql_name].type)
                if isinstance(relation, GraphQLInputObjectType) and {
                    "connect",
                    "disconnect",
                } <= set(relation.fields):
                    rel.connect = "many" if many else "one"
            found.append(rel)
        return found

    def _params(self, entity: Entity, kind: str, relations: list[Relationship]) -> list[Param]:
        if not entity.config.get(kind.lower()):
            return []
        input_type = self.schema.type_map.get(f"{entity.name}{kind}Input")
        if not isinstance(input_type, GraphQLInputObjectType):
            raise GenerationError(f"schema.graphql: no input {entity.name}{kind}Input")
        supplied = set(entity.config.get("create_supplied", ())) if kind == "Create" else set()
        required_extra = set(entity.config.get("create_required", ()))
        relationships = {r.graphql_name: r for r in relations}
        params = []
        for gql_name, input_field in input_type.fields.items():
            if gql_name == "deleted":
                continue
            python_name = attribute(gql_name)
            required = is_non_null_type(input_field.type) and input_field.default_value is Undefined
            required = required or gql_name in required_extra
            if isinstance(get_named_type(input_field.type), (GraphQLScalarType, GraphQLEnumType)):
                annotation = self.annotation(input_field.type, input_side=True)
                object_field = entity.type.fields.get(gql_name)
                never_null = object_field is not None and is_non_null_type(object_field.type)
                if required or never_null:
                    # An update may leave it out, never set it to null.
                    annotation = annotation.removesuffix(" | None")
                params.append(
                    Param(
                        python_name,
                        annotation,
                        required,
                        "scalar",
                        python_name,
                        gql_name in supplied,
                        gql_name,
                        str(input_field.type),
                    )
                )
            elif gql_name in relationships and kind == "Create":
                rel = relationships[gql_name]
                annotation = f"{rel.target} | Iterable[{rel.target}]" if rel.many else rel.target
                kind_name = "many" if rel.many else "one"
                params.append(
                    Param(
                        rel.python_name,
                        annotation,
                        required,
                        kind_name,
                        python_name,
                        gql_name in supplied,
                    )
                )
        return params


# -- emitting the relationship operations -------------------------------------------------
def _mutation(name: str, variables: list[str], body: list[str]) -> list[str]:
    header = f"mutation {name}" + (f"({', '.join(variables)})" if variables else "")
    return ["", header + " {", *body, "}"]


def generated_operations(model: Model) -> str:
    """The operations every entity repeats, in the shapes the official client sent:

    * one query per relationship, selecting the target's fragment;
    * ``Update<Entity>``: ``update<Entity>(where: {id: $id}, data: {name: $name, ...})``
      with one scalar variable per updatable field (an unset variable leaves its field
      out, so only what the caller passes is changed);
    * ``Delete<Entity>`` (soft): ``data: {deleted: true}``;
    * ``<Entity><Relationship>Connect`` / ``...Disconnect``: ``data: {datasets:
      {connect: [{id: $targetId}]}}``.
    """
    out = [
        "# GENERATED by codegen/entities.py from schema.graphql and codegen/entities.toml:",
        "# the operations every entity repeats. Do not edit; run scripts/regenerate.",
    ]
    for entity in model.entities.values():
        for rel in entity.relationships:
            variables, call = [], ""
            if entity.root_arg_type:
                variables.append("$id: ID!")
                root = f"{entity.root_name}(where: {{id: $id}})"
            else:
                root = entity.root_name
            if rel.many:
                sent = [
                    (arg, gql_type)
                    for arg, gql_type in rel.args
                    if (arg != "where" or rel.filterable) and (arg != "orderBy" or rel.sortable)
                ]
                for arg, gql_type in sent:
                    required = "!" if arg in ("skip", "first") else ""
                    variables.append(f"${arg}: {gql_type.rstrip('!')}{required}")
                call = "(" + ", ".join(f"{arg}: ${arg}" for arg, _ in sent) + ")" if sent else ""
            header = f"query {rel.operation}" + (f"({', '.join(variables)})" if variables else "")
            out += [
                "",
                header + " {",
                f"  {root} {{",
                "    id",
                f"    {rel.graphql_name}{call} {{",
                f"      ...{rel.target}Fields",
                "    }",
                "  }",
                "}",
            ]
        out += _entity_mutations(entity)
    return "\n".join(out) + "\n"


def _entity_mutations(entity: Entity) -> list[str]:
    name, out = entity.name, []
    root = f"update{name}(where: {{id: $id}}, data: "
    if entity.config.get("update"):
        params = entity.update_params
        variables = ["$id: ID!", *(f"${p.graphql_name}: {p.graphql_type}" for p in params)]
        data = ", ".join(f"{p.graphql_name}: ${p.graphql_name}" for p in params)
        body = [f"  {root}{{{data}}}) {{", f"    ...{name}Fields", "  }"]
        out += _mutation(f"Update{name}", variables, body)
        if entity.config.get("delete") == "soft":
            body = [f"  {root}{{deleted: true}}) {{", "    id", "  }"]
            out += _mutation(f"Delete{name}", ["$id: ID!"], body)
    for rel in entity.relationships:
        if not rel.connect:
            continue
        ref = "[{id: $targetId}]" if rel.many else "{id: $targetId}"
        variables = ["$id: ID!", "$targetId: ID!"]
        change = f"{{{rel.graphql_name}: {{connect: {ref}}}}}"
        body = [f"  {root}{change}) {{", "    id", "  }"]
        out += _mutation(f"{rel.operation}Connect", variables, body)
        if rel.many:
            change = f"{{{rel.graphql_name}: {{disconnect: {ref}}}}}"
        else:
            variables = ["$id: ID!"]
            change = f"{{{rel.graphql_name}: {{disconnect: true}}}}"
        body = [f"  {root}{change}) {{", "    id", "  }"]
        out += _mutation(f"{rel.operation}Disconnect", variables, body)
    return out


# -- emitting labelbox_gen.entities ------------------------------------------------------------
def _doc(text: str | None, indent: str) -> list[str]:
    if not text:
        return []
    text = " ".join(text.split()).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return [f'{indent}"""{text}"""']


def _operation_of(model: Model, root_field: str) -> str | None:
    """The hand-written operation whose only root field is ``root_field`` (e.g. the
    ``updateProject`` mutation), as a generated client method name."""
    for operation in model.operations:
        selections = operation.selection_set.selections
        if (
            len(selections) == 1
            and isinstance(selections[0], FieldNode)
            and selections[0].name.value == root_field
            and selections[0].alias is None
        ):
            assert operation.name is not None
            return str_to_snake_case(operation.name.value)
    return None


class ModuleWriter:
    """Writes ``labelbox_gen/entities.py``."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.lines: list[str] = []
        self.inputs: set[str] = set()
        self.fragments: set[str] = set()

    def emit(self, *lines: str) -> None:
        self.lines.extend(lines)

    def input_exists(self, name: str) -> bool:
        """Generated only when some operation uses it (include_all_inputs = false)."""
        return name in self.used_types

    def render(self) -> str:
        model = self.model
        self.used_types = _variable_types(model)
        body_start = len(self.lines)
        for entity in model.entities.values():
            self.entity(entity)
        body = self.lines[body_start:]
        self.lines = self.lines[:body_start]
        facade = sorted({(e.module, e.name) for e in model.entities.values()})
        header = [
            "# GENERATED by codegen/entities.py from schema.graphql, queries/ and",
            "# codegen/entities.toml. Do not edit; run scripts/regenerate.",
            '"""Typed entity bases: the fields, relationships, typed creation/update parameters',
            "and generic mutations of every facade entity, derived from the schema.",
            "",
            "``labelbox.schema.project.Project`` subclasses ``ProjectBase``; a field renamed or",
            "removed on the server disappears here on regeneration, so type checkers flag every",
            'use of it in the facade and in user code."""',
            "",
            "from __future__ import annotations",
            "",
            "from collections.abc import Iterable, Mapping",
            "from datetime import datetime",
            "from typing import TYPE_CHECKING, Any, ClassVar",
            "",
            "from pydantic import JsonValue",
            "from typing_extensions import Required, Self, TypedDict, Unpack",
            "",
            "from labelbox.orm.db_object import (",
            "    BulkDeletable,",
            "    DbObject,",
            "    Deletable,",
            "    Updateable,",
            "    generated_class,",
            ")",
            "from labelbox.orm.model import Field, ToMany, ToOne, raise_not_found",
            "",
            "from .client import LabelboxGenClient",
            "from .open_enum import UnknownValue",
        ]
        if self.model.enums:
            header.append(f"from .enums import {', '.join(sorted(self.model.enums))}")
        header.append(f"from .fragments import {', '.join(sorted(self.fragments))}")
        header += ["", "if TYPE_CHECKING:", "    from labelbox.client import Client"]
        if self.inputs:
            # The input models (the biggest generated module) load on first use: a
            # where-clause compiled, an object created (time to the first request).
            header.append(f"    from .input_types import {', '.join(sorted(self.inputs))}")
        header += [f"    from {module} import {name}" for module, name in facade]
        header += [
            "",
            "#: The facade module of every entity (from codegen/entities.toml).",
            "ENTITY_MODULES: dict[str, str] = {",
            *[
                f'    "{name}": "{module}",'
                for module, name in sorted(
                    (m, n) for n, m in ((e.name, e.module) for e in model.entities.values())
                )
            ],
            "}",
            "",
            "__all__ = [",
            *[f'    "{name}",' for name in sorted(self.exported | {"ENTITY_MODULES"})],
            "]",
        ]
        return "\n".join(header + body) + "\n"

    exported: set[str] = set()

    def entity(self, entity: Entity) -> None:
        model, name = self.model, entity.name
        snake = entity.snake
        self.fragments.add(f"{name}Fields")
        self.exported = self.exported | {f"{name}Base"}
        # relationship functions
        for rel in entity.relationships:
            self.relationship_functions(entity, rel)
        # parameter TypedDicts
        for kind, params in (("Create", entity.create_params), ("Update", entity.update_params)):
            if not entity.config.get(kind.lower()):
                continue
            self.exported = self.exported | {f"{name}{kind}Params"}
            self.emit(
                "",
                "",
                f"class {name}{kind}Params(TypedDict, total=False):",
                f'    """Keyword arguments of {"creating" if kind == "Create" else "updating"} '
                f'a {name} (from the schema\'s {name}{kind}Input)."""',
                "",
            )
            params = [param for param in params if not param.supplied]
            for param in params:
                annotation = f"Required[{param.annotation}]" if param.required else param.annotation
                self.emit(f"    {param.python_name}: {annotation}")
            if not params:
                self.emit("    pass")
        # the base class
        bases = []
        if entity.config.get("update"):
            bases.append(f"Updateable[{name}Fields]")
        if entity.config.get("delete") == "soft":
            bases.append(f"Deletable[{name}Fields]")
        if entity.config.get("delete") == "bulk":
            bases.append(f"BulkDeletable[{name}Fields]")
        if not bases:
            bases.append(f"DbObject[{name}Fields]")
        self.emit(
            "",
            "",
            f"class {name}Base({', '.join(bases)}):",
            f'    """Generated part of :class:`{entity.module}.{name}`: its fields and relationships',
            f'    from the ``{name}Fields`` fragment and the schema\'s {name} type."""',
            "",
            f"    _model_type: ClassVar[type[{name}Fields]] = {name}Fields",
        )
        where = f"{name}WhereInput"
        if self.input_exists(where):
            self.inputs.add(where)
            self.emit(
                f"    _where_input: ClassVar[type[{where}]] = generated_class("
                f'"labelbox_gen.input_types", "{where}")'
            )
        order = f"{name}OrderByInput"
        if self.input_exists(order):
            model.enums.add(order)
            self.emit(f"    _order_by_input: ClassVar[type[{order}]] = {order}")
        if entity.create_params:
            self.emit(
                "    _create_kinds: ClassVar[dict[str, tuple[str, str]]] = {"
                + ", ".join(
                    f'"{p.python_name}": ("{p.input_name}", "{p.kind}")'
                    for p in entity.create_params
                )
                + "}"
            )
        for scalar in entity.fields:
            self.emit(
                "",
                f"    {scalar.python_name}: Field[{name}Base, {scalar.annotation}] = Field("
                f'"{scalar.graphql_name}", "{attribute(scalar.graphql_name)}")',
                *_doc(scalar.description, "    "),
            )
        for rel in entity.relationships:
            kind = "ToMany" if rel.many else "ToOne"
            fetch = f"_{snake}_{str_to_snake_case(rel.graphql_name)}"
            relate = f", {fetch}_relate" if rel.connect else ""
            flags = "".join(
                f", {flag}=False"
                for flag, on in (("filterable", rel.filterable), ("sortable", rel.sortable))
                if not on
            )
            self.emit(
                "",
                f'    {rel.python_name}: {kind}[{rel.target}] = {kind}("{rel.target}", '
                f'"{rel.graphql_name}", {fetch}{relate}{flags})',
                *_doc(rel.description or f"{kind} relationship to {rel.target}.", "    "),
            )
        self.mutations(entity)

    def relationship_functions(self, entity: Entity, rel: Relationship) -> None:
        snake = entity.snake
        method = str_to_snake_case(rel.operation)
        attr = attribute(rel.graphql_name)
        fetch = f"_{snake}_{attr}"
        self.fragments.add(f"{rel.target}Fields")
        id_arg = "id=source_id" if entity.root_arg_type else ""
        if rel.many:
            if tuple(arg for arg, _ in rel.args) != LIST_ARGS:
                raise GenerationError(
                    f"schema.graphql: {entity.name}.{rel.graphql_name} lacks one of the "
                    f"arguments {', '.join(LIST_ARGS)}; add it to `skip` in codegen/entities.toml"
                )
            types = dict(rel.args)
            where_type, order_type = "None", "None"
            if rel.filterable:
                where_type = types["where"].rstrip("!")
                self.inputs.add(where_type)
            if rel.sortable:
                order_type = types["orderBy"].rstrip("!")
                self.model.enums.add(order_type)
            call = [id_arg] if id_arg else []
            call += ["skip=skip", "first=first"]
            call += ["where=where"] if rel.filterable else []
            call += ["order_by=order_by"] if rel.sortable else []
            self.emit(
                "",
                "",
                f"def {fetch}(",
                "    gen: LabelboxGenClient,",
                "    source_id: str,",
                "    skip: int,",
                "    first: int,",
                f"    where: {where_type}{' | None' if rel.filterable else ''},",
                f"    order_by: {order_type}{' | None' if rel.sortable else ''},",
                f") -> list[{rel.target}Fields]:",
                f'    """{entity.name}.{rel.graphql_name}: one page of related {rel.target} models."""',
                f"    root = gen.{method}({', '.join(call)})",
                "    if root is None:",
                f'        raise_not_found("{entity.name}", source_id)',
                f"    return list(root.{attr})",
            )
        else:
            self.emit(
                "",
                "",
                f"def {fetch}(gen: LabelboxGenClient, source_id: str) -> {rel.target}Fields | None:",
                f'    """{entity.name}.{rel.graphql_name}: the related {rel.target} model, if any."""',
                f"    root = gen.{method}({id_arg})",
                "    if root is None:",
                f'        raise_not_found("{entity.name}", source_id)',
                f"    return root.{attr}",
            )
        if rel.connect:
            connect = str_to_snake_case(f"{rel.operation}Connect")
            disconnect = str_to_snake_case(f"{rel.operation}Disconnect")
            target = "id=source_id, target_id=target_id"
            self.emit(
                "",
                "",
                f"def {fetch}_relate(",
                "    gen: LabelboxGenClient, source_id: str, target_id: str, connect: bool",
                ") -> None:",
                f'    """Connects (or disconnects) {entity.name}.{rel.graphql_name} and a {rel.target}."""',
                "    if connect:",
                f"        found = gen.{connect}({target}, idempotent=True) is not None",
                "    else:",
                f"        found = gen.{disconnect}({target if rel.many else 'id=source_id'}, idempotent=True) is not None",
                "    if not found:",
                f'        raise_not_found("{entity.name}", source_id)',
            )

    def mutations(self, entity: Entity) -> None:
        name = entity.name
        if entity.config.get("update"):
            update = str_to_snake_case(f"Update{name}")
            self.emit(
                "",
                f"    def update(self, **kwargs: Unpack[{name}UpdateParams]) -> None:",
                f'        """Updates fields of this {name} on the server and the local values, e.g.',
                f"        ``{entity.snake}.update({entity.update_params[0].python_name}=...)``."
                if entity.update_params
                else "        ``update()``.",
                "",
                "        Args:",
                f"            **kwargs: The fields to change (``{name}UpdateParams``): "
                + (", ".join(f"``{p.python_name}``" for p in entity.update_params) or "none")
                + ".",
                "",
                "        Raises:",
                "            InvalidAttributeError: If a name is not an updatable field.",
                "            TypeError: If a value has the wrong type (nothing is sent).",
                "            ResourceNotFoundError: If the object no longer exists.",
                '        """',
                f"        values = self._update_values(kwargs, {name}UpdateParams)",
                # Idempotent: sending the same values twice changes nothing more.
                f"        self._apply(self.client._gen.{update}(id=self.uid, idempotent=True, **values))",
            )
            if entity.config.get("delete") == "soft":
                delete = str_to_snake_case(f"Delete{name}")
                self.emit(
                    "",
                    "    def delete(self) -> None:",
                    '        """Deletes this object on the server (softly: it is hidden from every list).',
                    "",
                    "        Raises:",
                    "            ResourceNotFoundError: If the object no longer exists.",
                    '        """',
                    f"        if self.client._gen.{delete}(id=self.uid, idempotent=True) is None:",
                    f'            raise_not_found("{name}", self.uid)',
                )
        if entity.config.get("delete") == "bulk":
            root = entity.config["bulk_delete"]
            operation = _operation_of(self.model, root)
            if operation is None:
                raise GenerationError(f"queries/: no {root} mutation")
            self.emit(
                "",
                "    @classmethod",
                "    def _send_bulk_delete(cls, gen: LabelboxGenClient, ids: list[str]) -> None:",
                f'        """Deletes the {name}s with the given ids in one request."""',
                f"        gen.{operation}(ids=ids, idempotent=True)",
            )
        if entity.config.get("create"):
            create = _operation_of(self.model, f"create{name}")
            if create is None:
                raise GenerationError(f"queries/: no create{name} mutation")
            create_input = f"{name}CreateInput"
            self.inputs.add(create_input)
            self.emit(
                "",
                "    @classmethod",
                "    def _create_object(",
                "        cls,",
                "        client: Client,",
                "        values: Mapping[Any, Any],",
                "        extra: Mapping[str, Any] | None = None,",
                "    ) -> Self:",
                f'        """Creates a {name} from attribute values (``{name}CreateParams``); ``extra``',
                f'        holds server-shaped {create_input} values the facade supplies."""',
                f"        from .input_types import {create_input}",
                "",
                f"        data = cls._input({create_input}, cls._create_values(values, extra))",
                f"        return cls._wrap(client, client._gen.{create}(data=data))",
            )


def _variable_types(model: Model) -> set[str]:
    """Named types reachable from the operations' variables (what ariadne-codegen emits
    with include_all_inputs = false), plus those of the relationship queries."""
    names: set[str] = set()
    documents = [parse(generated_operations(model))]
    for document in documents:
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                for variable in definition.variable_definitions:
                    names.add(_type_name(variable.type))
    for operation in model.operations:
        for variable in operation.variable_definitions:
            names.add(_type_name(variable.type))
    reachable: set[str] = set()
    stack = list(names)
    while stack:
        name = stack.pop()
        if name in reachable:
            continue
        reachable.add(name)
        named = model.schema.type_map.get(name)
        if isinstance(named, GraphQLInputObjectType):
            stack += [get_named_type(f.type).name for f in named.fields.values()]
    return reachable


def _type_name(node: Any) -> str:
    while not hasattr(node, "name") or node.name is None:
        node = node.type
    return str(node.name.value)


def build_model(queries: Path = QUERIES) -> Model:
    """Loads and checks schema, queries and table; GenerationError on any problem."""
    schema = load_schema()
    documents = load_documents(queries)
    problems = check(schema, documents)
    if problems:
        raise GenerationError("\n".join(problems))
    return Model(schema, documents, load_table())


def main(argv: list[str] | None = None) -> int:
    """Command line of the generator (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m codegen.entities")
    parser.add_argument("command", choices=("check", "queries", "module"))
    parser.add_argument("output", nargs="?", type=Path)
    args = parser.parse_args(argv)
    try:
        model = build_model()
        if args.command == "queries":
            text = generated_operations(model)
            # The generated queries must be valid too (a table entry may be wrong).
            fragments = tuple(model.fragments.values())
            generated = parse(text).definitions
            merged = DocumentNode(definitions=fragments + tuple(generated))
            problems = [
                e.message
                for e in validate(model.schema, merged)
                if "is never used" not in e.message  # fragments of hand-written operations
            ]
            if problems:
                raise GenerationError("generated relationship queries: " + "; ".join(problems))
        elif args.command == "module":
            # Formatted (imports sorted, ruff format) like ariadne-codegen's own modules.
            text = format_code(ModuleWriter(model).render())
        else:
            return 0
    except GenerationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
