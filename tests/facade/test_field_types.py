"""The facade's declared types agree with the generated models (the schema).

A facade field is declared ``name: Field[Project, str] = Field("name")``: type checkers
trust that ``T`` (``project.name: str``), while the value is read from the generated fragment
model. So for every entity (every ``DbObject`` subclass) and every ``Field[Owner, T]`` it
declares, ``T`` must be the annotation of ``labelbox_gen.<Entity>Fields`` for that
attribute; a schema change that regenerates a different type then fails here instead of
silently lying to the user's type checker.

Likewise every ``ToMany``/``ToOne`` relationship is fetched by the generated operation
``rel.operation`` (``project_datasets``): it must exist on ``LabelboxGenClient``, take
the arguments the manager passes, filter/sort with the target's where/order inputs, and
return items of the target's fragment model.

Comparison rules (the view of mypy/pyright): ``Optional[X]`` is ``X | None``; string
and ForwardRef annotations are evaluated in their module (including its
``if TYPE_CHECKING:`` imports); ``pydantic.AwareDatetime`` is ``datetime`` (so it is
declared for type checkers); ``JsonValue`` already includes None.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import sys
import types
import typing
from datetime import datetime
from functools import cache
from typing import Annotated, Any, ForwardRef, Union

import pydantic
import pytest

import labelbox_gen
from labelbox._generated.entities import ENTITY_MODULES
from labelbox.orm.db_object import _REGISTRY, DbObject
from labelbox.orm.model import Field, Relationship, ToMany, ToOne, snake_case
from labelbox_gen.client import LabelboxGenClient

#: Fragment attributes that are deliberately not a ``Field`` of the entity.
NOT_FIELDS: dict[str, str] = {
    # The overridden data row comes with the override: a relationship read from the model.
    "LabelingParameterOverrideFields.data_row": "LabelingParameterOverride.data_row",
    # A project member's user and role come with the member (labelbox 2.6.0 cached them).
    "ProjectMemberFields.user": "ProjectMember.user",
    "ProjectMemberFields.role": "ProjectMember.role",
}

for _module in sorted(set(ENTITY_MODULES.values())):  # defining each class registers it
    importlib.import_module(_module)
ENTITIES = sorted(_REGISTRY.values(), key=lambda cls: cls.__name__)


def _fields() -> list[tuple[type[DbObject], str, Field[Any, Any]]]:
    return [(cls, name, field) for cls in ENTITIES for name, field in cls.fields().items()]


def _relationships() -> list[tuple[type[DbObject], str, Relationship[Any]]]:
    return [
        (cls, name, rel)
        for cls in ENTITIES
        for name, rel in cls.relationships().items()
        if rel.owner_name == cls.__name__  # inherited ones are checked on their owner
        and rel.fetch.__module__ == "labelbox._generated.entities"  # generated ones
    ]


#: Relationships the facade declares by hand because the API offers no operation that
#: expands them (their generated counterpart would need a root the server lacks).
HAND_WRITTEN = {
    "LabelingFrontendOptions.project",
    "LabelingFrontendOptions.labeling_frontend",
    "LabelingFrontendOptions.organization",
    "Task.created_by",
    "Task.organization",
    # Read with the override (embedded), and through the root bulkImportRequests query:
    "LabelingParameterOverride.data_row",
    "Project.bulk_import_requests",
    # Read with each member of project.members() (embedded):
    "ProjectMember.user",
    "ProjectMember.role",
}


def test_only_the_known_relationships_are_hand_written() -> None:
    found = {
        f"{cls.__name__}.{name}"
        for cls in ENTITIES
        for name, rel in cls.relationships().items()
        if rel.fetch.__module__ != "labelbox._generated.entities"
    }
    assert found == HAND_WRITTEN


# -- evaluating annotations ------------------------------------------------------------
@cache
def _namespace(module_name: str) -> dict[str, Any]:
    """A module's globals plus what it imports only ``if TYPE_CHECKING:`` (names used in
    string annotations such as ``Field["JsonValue"]``)."""
    module = sys.modules[module_name]
    namespace: dict[str, Any] = {**vars(builtins), **vars(module)}
    source = inspect.getsource(module)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            block = ast.Module(body=node.body, type_ignores=[])
            package = module_name if hasattr(module, "__path__") else module.__package__
            exec(compile(block, module_name, "exec"), {"__package__": package}, namespace)
    return namespace


def _evaluate(annotation: Any, namespace: dict[str, Any]) -> Any:
    if isinstance(annotation, ForwardRef):
        annotation = annotation.__forward_arg__
    if isinstance(annotation, str):
        # As locals: any mapping works there (see _LazyNamespace).
        annotation = eval(annotation, {"__builtins__": builtins}, namespace)
    return annotation


_NONE = type(None)


def canonical(annotation: Any, namespace: dict[str, Any]) -> Any:
    """A comparable form of an annotation, as a type checker sees it."""
    annotation = _evaluate(annotation, namespace)
    if annotation is None:
        return _NONE
    if annotation is pydantic.AwareDatetime:
        return datetime
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return canonical(typing.get_args(annotation)[0], namespace)
    if origin in (Union, types.UnionType):
        members: set[Any] = set()
        for arg in typing.get_args(annotation):
            member = canonical(arg, namespace)
            members |= member[1] if isinstance(member, tuple) and member[0] == "|" else {member}
        if pydantic.JsonValue in members:
            members.discard(_NONE)  # JsonValue includes None
        return next(iter(members)) if len(members) == 1 else ("|", frozenset(members))
    if origin is not None:
        args = tuple(canonical(arg, namespace) for arg in typing.get_args(annotation))
        return (origin, args)
    return annotation


def _declared_type(cls: type[DbObject], field: Field[Any, Any]) -> Any:
    """``T`` of the class-body annotation ``name: Field[Owner, T]``, evaluated where the
    field is declared (Owner must be the declaring class)."""
    owner = next(k for k in cls.__mro__ if any(v is field for v in vars(k).values()))
    annotation = owner.__dict__.get("__annotations__", {}).get(field.name)
    assert isinstance(annotation, str) and annotation.startswith("Field["), (
        f"{owner.__name__}.{field.name}: declare fields as `name: Field[{owner.__name__}, T] = "
        f"Field(...)`, got {annotation!r}"
    )
    namespace = {**_namespace(owner.__module__), owner.__name__: owner}
    declared = eval(annotation, namespace)  # the module's own annotation text
    declared_owner, argument = typing.get_args(declared)
    declared_owner = typing.get_origin(declared_owner) or declared_owner  # DbObject[Any]
    assert declared_owner is owner, f"{owner.__name__}.{field.name} is declared on {declared_owner}"
    return canonical(argument, _namespace(owner.__module__))


def _model_type(model: type[pydantic.BaseModel], attribute: str) -> Any:
    return canonical(model.model_fields[attribute].annotation, _namespace(model.__module__))


def _fragment(cls: type[DbObject[Any]]) -> type[pydantic.BaseModel]:
    model: type[pydantic.BaseModel] = cls._model_type
    return model


# -- fields -----------------------------------------------------------------------------
def test_every_entity_is_covered() -> None:
    assert len(ENTITIES) >= 19
    assert {"Project", "Dataset", "DataRow", "Label", "Task", "Webhook"} <= set(_REGISTRY)


@pytest.mark.parametrize(
    ("cls", "name", "field"), _fields(), ids=lambda v: getattr(v, "__name__", str(v))
)
def test_field_type_matches_generated_model(
    cls: type[DbObject], name: str, field: Field[Any, Any]
) -> None:
    model = _fragment(cls)
    assert field.model_attr in model.model_fields, (
        f"{cls.__name__}.{name} reads {model.__name__}.{field.model_attr}, which does not exist"
    )
    declared, generated = _declared_type(cls, field), _model_type(model, field.model_attr)
    assert declared == generated, (
        f"{cls.__name__}.{name} is declared Field[{declared}] but "
        f"{model.__name__}.{field.model_attr} is {generated}"
    )


@pytest.mark.parametrize("cls", ENTITIES, ids=lambda cls: cls.__name__)
def test_every_fragment_attribute_is_a_field(cls: type[DbObject]) -> None:
    model = _fragment(cls)
    exposed = {field.model_attr for field in cls.fields().values()}
    for attribute in model.model_fields:
        if f"{model.__name__}.{attribute}" in NOT_FIELDS:
            assert attribute not in exposed, f"{attribute} is a Field now: update NOT_FIELDS"
            continue
        assert attribute in exposed, f"{model.__name__}.{attribute} has no Field on {cls.__name__}"


def test_canonical_forms() -> None:
    """The comparison itself: equal forms for equal types, different for different."""
    ns: dict[str, Any] = {"JsonValue": pydantic.JsonValue, "datetime": datetime}
    assert canonical("str | None", ns) == canonical(typing.Optional[str], ns)  # noqa: UP045
    assert canonical(typing.Optional[pydantic.AwareDatetime], ns) == canonical(  # noqa: UP045
        "datetime | None", ns
    )
    assert canonical(typing.Optional[pydantic.JsonValue], ns) == canonical("JsonValue", ns)  # noqa: UP045
    assert canonical("list[int]", ns) == canonical(typing.List[int], ns)  # noqa: UP006
    assert canonical("str | None", ns) != canonical(str, ns)
    assert canonical("int", ns) != canonical("float", ns)
    assert canonical("list[str]", ns) != canonical("list[int]", ns)


# -- relationships ----------------------------------------------------------------------
def _operation(rel: Relationship[Any]) -> Any:
    name = f"{snake_case(rel.owner_name)}_{snake_case(rel.graphql_name)}"
    operation = getattr(LabelboxGenClient, name, None)
    assert operation is not None, f"LabelboxGenClient has no operation {name}"
    return operation


class _LazyNamespace(dict[str, Any]):
    """``typing`` names plus every class of the lazily imported ``labelbox_gen``."""

    def __init__(self) -> None:
        super().__init__(vars(typing))

    def __missing__(self, key: str) -> Any:
        return getattr(labelbox_gen, key)


@pytest.mark.parametrize(
    ("cls", "name", "rel"), _relationships(), ids=lambda v: getattr(v, "__name__", str(v))
)
def test_relationship_operation_matches_target(
    cls: type[DbObject], name: str, rel: Relationship[Any]
) -> None:
    operation = _operation(rel)
    signature = inspect.signature(operation)
    parameters = set(signature.parameters) - {"self", "kwargs"}
    source_args = set() if cls.__name__ == "Organization" else {"id"}
    target = rel.target
    if isinstance(rel, ToMany):
        # Relationships the API does not filter/sort (rel.filterable/sortable) omit them.
        wanted = {"skip", "first"} | ({"where"} if rel.filterable else set())
        wanted |= {"order_by"} if rel.sortable else set()
        assert parameters == source_args | wanted, signature
        if rel.filterable:
            where = repr(signature.parameters["where"].annotation)
            assert f"'{target.__name__}WhereInput'" in where, (rel, where)
        if rel.sortable:
            order_by = repr(signature.parameters["order_by"].annotation)
            assert f"'{target.__name__}OrderByInput'" in order_by, (rel, order_by)
    else:
        assert isinstance(rel, ToOne)
        assert parameters == source_args, signature

    namespace = _LazyNamespace()
    root = _evaluate(signature.return_annotation, namespace)
    args = [a for a in typing.get_args(root) if a is not _NONE]
    root_model = _evaluate(args[0] if args else root, namespace)
    attribute = snake_case(rel.graphql_name)
    assert attribute in root_model.model_fields, (rel, root_model)
    items = root_model.model_fields[attribute].annotation
    module_ns = _namespace(root_model.__module__)
    item_type = canonical(items, module_ns)
    fragment = _fragment(target)
    if isinstance(rel, ToMany):
        assert isinstance(item_type, tuple) and item_type[0] is list, (rel, item_type)
        (element,) = item_type[1]
    else:
        assert isinstance(item_type, tuple) and item_type[0] == "|", (rel, item_type)
        assert _NONE in item_type[1], f"{rel}: a to-one result must be optional"
        (element,) = item_type[1] - {_NONE}
    assert isinstance(element, type) and issubclass(element, fragment), (
        f"{rel}.{attribute} holds {element}, not {fragment.__name__}"
    )
