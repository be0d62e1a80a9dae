"""The model of the entity layer: schema.graphql + the ``<Entity>Fields`` fragments of
``queries/`` + the entity table (``codegen/entities.toml``), loaded, checked and resolved
into :class:`Entity` objects (fields, relationships, creation/update parameters).

``codegen/entities.py`` renders what it generates from this model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ariadne_codegen.utils import process_name, str_to_snake_case
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
                target = f"Async{rel.target}"  # the async entity (sync: unasync drops Async)
                annotation = f"{target} | Iterable[{target}]" if rel.many else target
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


def build_model(queries: Path = QUERIES) -> Model:
    """Loads and checks schema, queries and table; GenerationError on any problem."""
    schema = load_schema()
    documents = load_documents(queries)
    problems = check(schema, documents)
    if problems:
        raise GenerationError("\n".join(problems))
    return Model(schema, documents, load_table())
