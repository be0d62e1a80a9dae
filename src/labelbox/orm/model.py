"""Typed descriptors of entity fields and relationships.

On the class, ``Project.name`` is a :class:`Field` usable in where-expressions and
``order_by``; on an instance, ``project.name`` is the value read from the wrapped
generated model (two ``__get__`` overloads). Fields are shared by the sync entities and
their async twins (``AsyncProject.name`` is the same kind of Field).

:class:`Relationship` holds what a relationship is (target, schema field, generated
fetch function); the descriptors and managers that fetch and (dis)connect
(``ToMany``, ``ToOne``) are in :mod:`labelbox.orm.relationships` (derived from
``labelbox._async.orm.relationships``) and are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, NoReturn, TypeAlias, TypeVar, overload

from labelbox.orm.comparison import Comparison

T = TypeVar("T")
#: A relationship's target entity (``Dataset`` in ``ToMany[Dataset]``).
E = TypeVar("E")
#: Owner entity of a field (``Project`` in ``Field[Project, str]``).
#: (Unbounded: sync ``DbObject`` and async ``AsyncDbObject`` entities share Field.)
Ent = TypeVar("Ent")
_Owner = TypeVar("_Owner")

_CAMEL_BOUNDARY = re.compile(r"(?<!^)(?=[A-Z])")


def snake_case(name: str) -> str:
    """The Python (snake_case) name of a schema (camelCase) name.

    Args:
        name: e.g. ``"labelingFrontendOptions"``.

    Returns:
        e.g. ``"labeling_frontend_options"``.
    """
    return _CAMEL_BOUNDARY.sub("_", name).lower()


def camel_case(name: str) -> str:
    """The schema (camelCase) name of a Python (snake_case) name.

    Args:
        name: e.g. ``"labeling_frontend_options"``.

    Returns:
        e.g. ``"labelingFrontendOptions"``.
    """
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class Order(Enum):
    """Sort direction of ``order_by=(Field, Order.Asc)`` (also ``Field.Order``).

    Example:
        >>> client.get_projects(order_by=(Project.created_at, Order.Desc))
        >>> client.get_projects(order_by=Project.created_at.desc)   # the same
    """

    Asc = "ASC"
    Desc = "DESC"


#: ``(Project.name, Order.Asc)``: sorts a query of entity ``Ent``.
OrderBy: TypeAlias = tuple["Field[Ent, Any]", Order]


class Field(Generic[Ent, T]):
    """A typed scalar field ``T`` of entity ``Ent``, declared (by the generator, in
    ``labelbox._generated.entities``) as
    ``name: Field[DbObject[Any], str] = Field("name", "name")``.

    ``Project.name`` is this ``Field[Project, str]``: its comparisons build
    ``Comparison[Project]`` where-expressions, accepted only by Project queries.
    ``project.name`` is the ``str`` read from the wrapped generated model.

    Example:
        >>> client.get_projects(where=(Project.name == "cars") & (Project.description != "old"),
        ...                     order_by=Project.name.asc)
    """

    Order = Order

    def __init__(self, graphql_name: str, model_attr: str | None = None) -> None:
        """Declares a field (the generator does, in ``labelbox._generated.entities``).

        Args:
            graphql_name: The schema's name of the field, e.g. ``"setupComplete"``.
            model_attr: The generated model's attribute holding the value (default:
                snake_case of the schema's name).
        """
        self.graphql_name: str = graphql_name
        self.model_attr: str = model_attr or snake_case(graphql_name)
        self.name: str = self.model_attr
        self.owner_name: str = "?"

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name
        self.owner_name = owner.__name__.removesuffix("Base")

    # On the class: the field, owned by the class it is read from (so the inherited
    # ``uid`` of ``Dataset.uid`` is a ``Field[Dataset, str]``). On an instance: the value.
    @overload
    def __get__(self, obj: None, owner: type[_Owner]) -> Field[_Owner, T]: ...
    @overload
    def __get__(self, obj: object, owner: type[Any]) -> T: ...
    def __get__(self, obj: object | None, owner: type[Any]) -> Field[Any, T] | T:
        if obj is None:
            return self
        # Not reached for an entity built from a model: DbObject copies the model's
        # values into the instance __dict__, which wins over this (non-data) descriptor.
        value: T = getattr(getattr(obj, "_model"), self.model_attr)  # noqa: B009
        return value

    if TYPE_CHECKING:
        # Declared for type checkers only (``project.name = "x"`` must be a ``str``): at
        # run time a Field has no __set__, so reading ``project.name`` is a plain
        # instance-dict lookup, and assigning sets the local value only
        # (``update(**kwargs)`` writes to the server).
        def __set__(self, obj: object, value: T) -> None: ...

    def __repr__(self) -> str:
        return f"<Field {self.owner_name}.{self.name}>"

    # Comparisons build where-expressions (SQLAlchemy-style operator overloading).
    def __eq__(self, other: T) -> Comparison[Ent]:  # type: ignore[override]
        return Comparison(Comparison.Op.EQ, self, other)

    def __ne__(self, other: T) -> Comparison[Ent]:  # type: ignore[override]
        return Comparison(Comparison.Op.NE, self, other)

    def __lt__(self, other: T) -> Comparison[Ent]:
        return Comparison(Comparison.Op.LT, self, other)

    def __gt__(self, other: T) -> Comparison[Ent]:
        return Comparison(Comparison.Op.GT, self, other)

    def __le__(self, other: T) -> Comparison[Ent]:
        return Comparison(Comparison.Op.LE, self, other)

    def __ge__(self, other: T) -> Comparison[Ent]:
        return Comparison(Comparison.Op.GE, self, other)

    def __hash__(self) -> int:
        return id(self)

    @property
    def asc(self) -> OrderBy[Ent]:
        """``(self, Order.Asc)``: ascending order, e.g. ``order_by=Project.name.asc``."""
        return (self, Order.Asc)

    @property
    def desc(self) -> OrderBy[Ent]:
        """``(self, Order.Desc)``: descending order, e.g. ``order_by=Project.name.desc``."""
        return (self, Order.Desc)


#: One page of a to-many relationship: ``(gen, source id, skip, first, where, order_by)``
#: → the target's fragment models (generated, typed, in ``labelbox._generated.entities``).
ManyFetch: TypeAlias = Callable[..., Any]
#: A to-one relationship: ``(gen, source id)`` → the target's fragment model or None.
OneFetch: TypeAlias = Callable[[Any, str], Any]
#: ``(gen, source id, target id, connect)``: connects (True) or disconnects the two.
Relate: TypeAlias = Callable[[Any, str, str, bool], Any]


def raise_not_found(entity_name: str, uid: str) -> NoReturn:
    """Raises the error of a missing object.

    Args:
        entity_name: The entity's type name, e.g. ``"Project"``.
        uid: The id that was not found.

    Raises:
        labelbox.exceptions.ResourceNotFoundError: Always.
    """
    from labelbox.exceptions import ResourceNotFoundError

    raise ResourceNotFoundError(_entity_class_or_none(entity_name), {"id": uid})


def _entity_class_or_none(name: str) -> type[Any] | None:
    from labelbox.orm.db_object import entity_class

    try:
        return entity_class(name)
    except KeyError:
        return None


class Relationship(Generic[E]):
    """Common part of :class:`ToMany` and :class:`ToOne`: the target entity, the schema
    field and the generated functions that fetch and (dis)connect it."""

    def __init__(
        self, target: str, graphql_name: str, fetch: Callable[..., Any], relate: Relate | None
    ) -> None:
        """Declares a relationship (the generator does, in ``labelbox._generated.entities``).

        Args:
            target: The related entity's type name, e.g. ``"Dataset"``.
            graphql_name: The schema's name of the relationship field.
            fetch: The generated function fetching the related objects.
            relate: The generated function connecting/disconnecting an object, or None
                if the API offers no such update.
        """
        self.target_name: str = target
        self.graphql_name: str = graphql_name
        self.fetch: Callable[..., Any] = fetch
        self.relate: Relate | None = relate
        self.name: str = ""
        self.owner_name: str = ""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name
        self.owner_name = owner.__name__.removesuffix("Base")

    @property
    def target(self) -> type[E]:
        """The entity class this relationship leads to (the sync or the async one: see
        ``labelbox.orm.relationships`` and ``labelbox._async.orm.relationships``)."""
        raise NotImplementedError

    def __set__(self, obj: object, value: NoReturn) -> None:
        """Read-only (``value: NoReturn`` makes any assignment a type error too)."""
        raise AttributeError(
            f"{self.owner_name}.{self.name} is a relationship; use connect()/disconnect()"
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.owner_name}.{self.name} -> {self.target_name}>"


# The relationship descriptors live with their managers (they send requests, so they
# have an async twin); they stay importable from here, as in the classic client.
from labelbox.orm.relationships import (  # noqa: E402
    ToMany,
    ToManyManager,
    ToOne,
    ToOneManager,
)

__all__ = [
    "E",
    "Ent",
    "Field",
    "ManyFetch",
    "OneFetch",
    "Order",
    "OrderBy",
    "Relate",
    "Relationship",
    "ToMany",
    "ToManyManager",
    "ToOne",
    "ToOneManager",
    "camel_case",
    "raise_not_found",
    "snake_case",
]
