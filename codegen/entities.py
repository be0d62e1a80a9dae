"""The entity layer generator: one table (``codegen/entities.toml``) + the schema + the
``<Entity>Fields`` fragments in ``queries/`` → what every entity repeats.

Run by ``scripts/regenerate`` (never by hand-edited output):

* ``python -m codegen.entities check``: validates schema.graphql and every document in
  queries/ with graphql-core; each problem is printed as ``file:line:column: message``.
* ``python -m codegen.entities queries OUT.graphql``: one relationship operation per schema
  field that leads from an entity to another entity (``ProjectDatasets``, ...).
* ``python -m codegen.entities package OUT_DIR``: the package ``labelbox._generated``
  (``OUT_DIR/__init__.py`` and ``OUT_DIR/entities.py``): per entity a typed base class
  (``ProjectBase``) with a ``Field`` per fragment field, a ``ToMany``/``ToOne`` per
  relationship (with typed fetch/connect functions calling the generated client), the
  typed ``update()``/``delete()``, and the ``TypedDict`` keyword parameters of creation
  and update, all derived from the schema.

It lives in the facade package, not in ``labelbox_gen``: the entity bases build on
``labelbox.orm``, and ``labelbox_gen`` never imports ``labelbox``.

The text of the generated code is in Jinja2 templates (``codegen/templates/``); this
module resolves the names they print. The Python names follow ariadne-codegen's
(``str_to_snake_case``), so the generated code calls the generated client and models by
their real, type-checked names.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from ariadne_codegen.utils import format_code, str_to_snake_case
from graphql import (
    DocumentNode,
    GraphQLInputObjectType,
    OperationDefinitionNode,
    get_named_type,
    parse,
    validate,
)
from graphql.language import FieldNode

from .entity_model import (
    LIST_ARGS,
    Entity,
    GenerationError,
    Model,
    Param,
    Relationship,
    attribute,
    build_model,
)

# -- rendering: Jinja2 templates in codegen/templates/ ------------------------------------
TEMPLATES = Path(__file__).resolve().parent / "templates"


def _docstring(text: str) -> str:
    """A schema description as the text of a one-line docstring."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def _signature(variables: list[str]) -> str:
    """The variable definitions of an operation: ``($id: ID!, $name: String)`` or ``""``."""
    return f"({', '.join(variables)})" if variables else ""


@cache
def environment() -> jinja2.Environment:
    """The templates: block tags take no room of their own, undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Python and GraphQL source, not HTML
    )
    env.filters.update(attribute=attribute, docstring=_docstring, signature=_signature)
    return env


def render(template: str, **context: Any) -> str:
    """``codegen/templates/<template>`` rendered with ``context``."""
    return environment().get_template(template).render(**context)


# -- the relationship operations (templates/operations.graphql.jinja) ----------------------
@dataclass
class Query:
    """One relationship query: ``query <rel.operation><variables> { <root> { id
    <field><call> { ...<Target>Fields } } }``."""

    rel: Relationship
    variables: list[str]
    root: str
    call: str


@dataclass
class EntityOperations:
    """The operations generated for one entity."""

    entity: Entity
    queries: list[Query]
    update: bool  # Update<Entity>
    delete: bool  # Delete<Entity> (soft)
    update_variables: list[str]
    update_data: str  # name: $name, ...


def _query(entity: Entity, rel: Relationship) -> Query:
    variables, call, root = [], "", entity.root_name
    if entity.root_arg_type:
        variables.append("$id: ID!")
        root = f"{entity.root_name}(where: {{id: $id}})"
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
    return Query(rel, variables, root, call)


def _entity_operations(entity: Entity) -> EntityOperations:
    params = entity.update_params
    update = bool(entity.config.get("update"))
    return EntityOperations(
        entity=entity,
        queries=[_query(entity, rel) for rel in entity.relationships],
        update=update,
        delete=update and entity.config.get("delete") == "soft",
        update_variables=["$id: ID!", *(f"${p.graphql_name}: {p.graphql_type}" for p in params)],
        update_data=", ".join(f"{p.graphql_name}: ${p.graphql_name}" for p in params),
    )


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
    views = [_entity_operations(entity) for entity in model.entities.values()]
    return render("operations.graphql.jinja", entities=views)


# -- labelbox._generated.entities (templates/entities.py.jinja) ---------------------------
@dataclass
class RelationshipView:
    """What the module declares for one relationship (names resolved)."""

    rel: Relationship
    fetch: str  # the typed fetch function, ``_project_datasets``
    method: str  # the generated client method, ``project_datasets``
    attr: str  # the root model's attribute, ``datasets``
    kind: str  # "ToMany" | "ToOne"
    call: list[str]  # keyword arguments of the client call
    where_type: str = "None"
    order_type: str = "None"
    connect: str = ""  # client methods of ``<fetch>_relate`` ("" = none)
    disconnect: str = ""


@dataclass
class EntityView:
    """What the module declares for one entity (names resolved)."""

    entity: Entity
    relationships: list[RelationshipView]
    bases: list[str]
    param_classes: list[tuple[str, str, list[Param]]] = field(default_factory=list)
    where_input: str = ""  # "" = the entity has none
    order_input: str = ""
    # Generated client methods of the generic mutations ("" = not generated).
    update: str = ""
    update_names: str = ""  # the documented update parameters
    delete: str = ""
    bulk_delete: str = ""
    create: str = ""


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


def _bases(entity: Entity) -> list[str]:
    name, config = entity.name, entity.config
    # Quoted: the fragment models are imported for type checkers only (each is imported
    # at run time with its facade class, see the template's ``_model_type``).
    model = f'"{name}Fields"'
    bases = [f"AsyncUpdateable[{model}]"] if config.get("update") else []
    bases += [f"AsyncDeletable[{model}]"] if config.get("delete") == "soft" else []
    bases += [f"AsyncBulkDeletable[{model}]"] if config.get("delete") == "bulk" else []
    return bases or [f"AsyncDbObject[{model}]"]


class ModuleWriter:
    """Writes ``labelbox/_generated/entities.py``: resolves what every entity declares
    and which generated names the module imports, then renders the template."""

    def __init__(self, model: Model) -> None:
        self.model = model
        #: Input types and enums exist only when some operation uses them
        #: (include_all_inputs = false).
        self.used_types = _variable_types(model)
        self.inputs: set[str] = set()
        self.fragments: set[str] = set()
        self.exported: set[str] = {"ENTITY_MODULES"}

    def render(self) -> str:
        views = [self.entity(entity) for entity in self.model.entities.values()]
        return render(
            "entities.py.jinja",
            entities=views,
            enums=sorted(self.model.enums),
            fragments=sorted(self.fragments),
            inputs=sorted(self.inputs),
            exported=sorted(self.exported),
            facade=sorted((e.module, e.name) for e in self.model.entities.values()),
        )

    def entity(self, entity: Entity) -> EntityView:
        name = entity.name
        self.fragments.add(f"{name}Fields")
        self.exported.add(f"Async{name}Base")
        relationships = [self.relationship(entity, rel) for rel in entity.relationships]
        view = EntityView(entity, relationships, _bases(entity))
        for kind, verb, params in (
            ("Create", "creating", entity.create_params),
            ("Update", "updating", entity.update_params),
        ):
            if entity.config.get(kind.lower()):
                self.exported.add(f"{name}{kind}Params")
                view.param_classes.append((kind, verb, [p for p in params if not p.supplied]))
        if f"{name}WhereInput" in self.used_types:
            view.where_input = f"{name}WhereInput"
            self.inputs.add(view.where_input)
        if f"{name}OrderByInput" in self.used_types:
            view.order_input = f"{name}OrderByInput"
            self.model.enums.add(view.order_input)
        self.mutations(entity, view)
        return view

    def relationship(self, entity: Entity, rel: Relationship) -> RelationshipView:
        self.fragments.add(f"{rel.target}Fields")
        attr = attribute(rel.graphql_name)
        view = RelationshipView(
            rel,
            fetch=f"_{entity.snake}_{attr}",
            method=str_to_snake_case(rel.operation),
            attr=attr,
            kind="ToMany" if rel.many else "ToOne",
            call=["id=source_id"] if entity.root_arg_type else [],
        )
        if rel.many:
            names = tuple(arg for arg, _ in rel.args)
            # where/orderBy may be absent from a relationship declared unfiltered/unsorted
            expected = tuple(
                arg
                for arg in LIST_ARGS
                if (arg != "where" or rel.filterable) and (arg != "orderBy" or rel.sortable)
            )
            if names not in (LIST_ARGS, expected):
                raise GenerationError(
                    f"schema.graphql: {entity.name}.{rel.graphql_name} lacks one of the "
                    f"arguments {', '.join(LIST_ARGS)}; add it to `skip` in codegen/entities.toml"
                )
            types = dict(rel.args)
            view.call += ["skip=skip", "first=first"]
            if rel.filterable:
                view.where_type = types["where"].rstrip("!")
                self.inputs.add(view.where_type)
                view.call.append("where=where")
            if rel.sortable:
                view.order_type = types["orderBy"].rstrip("!")
                self.model.enums.add(view.order_type)
                view.call.append("order_by=order_by")
        if rel.connect:
            view.connect = str_to_snake_case(f"{rel.operation}Connect")
            view.disconnect = str_to_snake_case(f"{rel.operation}Disconnect")
        return view

    def mutations(self, entity: Entity, view: EntityView) -> None:
        name, config = entity.name, entity.config
        if config.get("update"):
            view.update = str_to_snake_case(f"Update{name}")
            names = ", ".join(f"``{p.python_name}``" for p in entity.update_params)
            view.update_names = names or "none"
            if config.get("delete") == "soft":
                view.delete = str_to_snake_case(f"Delete{name}")
        if config.get("delete") == "bulk":
            view.bulk_delete = self.operation(config["bulk_delete"])
        if config.get("create"):
            view.create = self.operation(f"create{name}")
            self.inputs.add(f"{name}CreateInput")

    def operation(self, root_field: str) -> str:
        """The generated client method of the hand-written mutation of ``root_field``."""
        method = _operation_of(self.model, root_field)
        if method is None:
            raise GenerationError(f"queries/: no {root_field} mutation")
        return method


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


def main(argv: list[str] | None = None) -> int:
    """Command line of the generator (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m codegen.entities")
    parser.add_argument("command", choices=("check", "queries", "package"))
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
        elif args.command == "package":
            if args.output is None:
                parser.error("package needs the output directory")
            # Formatted (imports sorted, ruff format) like ariadne-codegen's own modules.
            module = format_code(ModuleWriter(model).render())
            args.output.mkdir(parents=True, exist_ok=True)
            init = render("__init__.py.jinja")
            (args.output / "__init__.py").write_text(init, encoding="utf-8")
            (args.output / "entities.py").write_text(module, encoding="utf-8")
            params = sorted(re.findall(r"^class (\w+Params)\(TypedDict", module, re.MULTILINE))
            (args.output / "params.py").write_text(
                format_code(render("params.py.jinja", names=params)), encoding="utf-8"
            )
            return 0
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
