"""The storage model derived from the schema: entities, columns and relations.

Everything is derived from ``schema.graphql`` except what the facts table of
:mod:`labelbox_emulator.entities` declares (how to-many relations are stored, hidden
columns, shared types).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    build_schema,
)

from .entities import EntityFacts, facts_of
from .scalars import PAGE_SIZE_MAX, bind_scalars
from .schema_source import schema_text

ScalarKind = Literal["bool", "int", "float", "str", "datetime", "json", "enum"]

#: Columns every entity table has besides its schema fields.
SYSTEM_COLUMNS = ("seq", "id", "org_id", "deleted")


@dataclass(frozen=True)
class ToMany:
    """A to-many relation: through a foreign key on the target, or a link table."""

    name: str
    target: str
    kind: Literal["fk", "link"]
    column: str  # fk: the target's fk column; link: the target's column in the link table
    link_table: str = ""
    owner_column: str = ""  # link: the owner's column in the link table


@dataclass
class Entity:
    """One stored object type (an object type with ``id: ID!``)."""

    name: str
    scalars: dict[str, ScalarKind] = field(default_factory=dict)
    to_one: dict[str, str] = field(default_factory=dict)  # field -> target type
    to_many: dict[str, ToMany] = field(default_factory=dict)
    fk_columns: dict[str, str] = field(default_factory=dict)  # column -> target type

    @property
    def facts(self) -> EntityFacts:
        """What the emulator knows about this entity beyond its schema."""
        return facts_of(self.name)

    @property
    def is_global(self) -> bool:
        """Whether every organization sees this entity's objects."""
        return self.facts.shared

    def columns(self) -> list[str]:
        """All table columns in a stable order."""
        cols = list(SYSTEM_COLUMNS)
        cols += [c for c in self.scalars if c not in cols]
        cols += [c for c in self.fk_columns if c not in cols]
        return cols


def fk_column(field_name: str) -> str:
    """The column storing the to-one relation ``field_name``."""
    return "org_id" if field_name == "organization" else f"{field_name}_id"


def _unwrap(t: GraphQLOutputType) -> tuple[GraphQLOutputType, bool]:
    is_list = False
    while isinstance(t, (GraphQLNonNull, GraphQLList)):
        if isinstance(t, GraphQLList):
            is_list = True
        t = t.of_type
    return t, is_list


def _scalar_kind(t: GraphQLScalarType | GraphQLEnumType) -> ScalarKind:
    if isinstance(t, GraphQLEnumType):
        return "enum"
    return {
        "Boolean": "bool",
        "Int": "int",
        "Float": "float",
        "DateTime": "datetime",
        "Json": "json",
    }.get(t.name, "str")  # type: ignore[return-value]


@dataclass
class Model:
    """The schema and the entity model derived from it."""

    schema: GraphQLSchema
    entities: dict[str, Entity]
    link_tables: dict[str, tuple[str, str]]  # table -> (column a, column b)

    def entity(self, name: str) -> Entity:
        """The entity named ``name`` (KeyError if it is not stored)."""
        return self.entities[name]


def _is_entity(t: object) -> bool:
    if not isinstance(t, GraphQLObjectType) or t.name in ("Query", "Mutation"):
        return False
    id_field = t.fields.get("id")
    return id_field is not None and str(id_field.type) == "ID!"


def build_model(sdl: str | None = None, page_size_max: int = PAGE_SIZE_MAX) -> Model:
    """Derive the storage model from the SDL (by default the packaged schema).

    ``page_size_max`` is the largest ``first`` the ``PageSize`` scalar accepts (see
    :mod:`labelbox_emulator.scalars`)."""
    # no_location: AST locations are only for error messages about the SDL; halves the cost.
    schema = build_schema(sdl if sdl is not None else schema_text(), no_location=True)
    bind_scalars(schema, page_size_max=page_size_max)
    entities: dict[str, Entity] = {}
    for name, t in schema.type_map.items():
        if _is_entity(t):
            entities[name] = Entity(name)
    for name, ent in entities.items():
        obj = schema.type_map[name]
        assert isinstance(obj, GraphQLObjectType)
        for fname, f in obj.fields.items():
            base, is_list = _unwrap(f.type)
            if isinstance(base, (GraphQLScalarType, GraphQLEnumType)):
                if f.args or base.name == "Upload":
                    continue
                ent.scalars[fname] = "json" if is_list else _scalar_kind(base)
            elif isinstance(base, GraphQLObjectType) and base.name in entities:
                if not is_list and not f.args:
                    ent.to_one[fname] = base.name
                    if fname != "organization":
                        ent.fk_columns[fk_column(fname)] = base.name
        ent.scalars.pop("id", None)
        ent.scalars.update(ent.facts.hidden)
    link_tables: dict[str, tuple[str, str]] = {}
    for name, ent in entities.items():
        obj = schema.type_map[name]
        assert isinstance(obj, GraphQLObjectType)
        for fname, f in obj.fields.items():
            base, is_list = _unwrap(f.type)
            if not (is_list and isinstance(base, GraphQLObjectType) and base.name in entities):
                continue
            spec = ent.facts.to_many.get(fname)
            if spec is None:
                back = [k for k, v in entities[base.name].to_one.items() if v == name]
                if len(back) != 1:
                    continue  # not derivable: resolved by a special resolver or not at all
                spec = f"{base.name}.{back[0]}"
            if spec.startswith("link:"):
                table = spec[5:]
                owner_col, target_col = f"{name}_id", f"{base.name}_id"
                link_tables[table] = tuple(sorted((owner_col, target_col)))  # type: ignore[assignment]
                ent.to_many[fname] = ToMany(fname, base.name, "link", target_col, table, owner_col)
            else:
                target, back_field = spec.split(".", 1)
                col = fk_column(back_field)
                if col != "org_id":
                    entities[target].fk_columns.setdefault(col, name)
                ent.to_many[fname] = ToMany(fname, target, "fk", col)
    return Model(schema, entities, link_tables)


@cache
def default_model() -> Model:
    """The model of the packaged schema, built once per process."""
    return build_model()
