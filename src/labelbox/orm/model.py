"""Typed descriptors of entity fields and relationships.

On the class, ``Project.name`` is a :class:`Field` usable in where-expressions and
``order_by``; on an instance, ``project.name`` is the value read from the wrapped
generated model (two ``__get__`` overloads). Relationships return managers that fetch
``PaginatedCollection[T]`` (to-many) or ``T | None`` (to-one) through the generated
operation named ``<entity>_<relationship>``.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, NoReturn, TypeAlias, TypeVar, overload

from labelbox.orm.comparison import Comparison

if TYPE_CHECKING:
    from labelbox.orm.comparison import Expression
    from labelbox.orm.db_object import DbObject
    from labelbox.pagination import PaginatedCollection

T = TypeVar("T")
E = TypeVar("E", bound="DbObject")
#: Owner entity of a field (``Project`` in ``Field[Project, str]``).
Ent = TypeVar("Ent", bound="DbObject")
_Owner = TypeVar("_Owner", bound="DbObject")

_CAMEL_BOUNDARY = re.compile(r"(?<!^)(?=[A-Z])")


def snake_case(name: str) -> str:
    """``labelingFrontendOptions`` → ``labeling_frontend_options``."""
    return _CAMEL_BOUNDARY.sub("_", name).lower()


def camel_case(name: str) -> str:
    """``labeling_frontend_options`` → ``labelingFrontendOptions``."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class Order(Enum):
    """Sort direction of ``order_by=(Field, Order.Asc)``."""

    Asc = "ASC"
    Desc = "DESC"


#: ``(Project.name, Order.Asc)``: sorts a query of entity ``Ent``.
OrderBy: TypeAlias = tuple["Field[Ent, Any]", Order]


class Field(Generic[Ent, T]):
    """A typed scalar field ``T`` of entity ``Ent``, declared in the entity's class body as
    ``name: Field[Project, str] = Field("name")``.

    ``Project.name`` is this ``Field[Project, str]``: its comparisons build
    ``Comparison[Project]`` where-expressions, accepted only by Project queries.
    ``project.name`` is the ``str`` read from the wrapped generated model.
    """

    Order = Order

    def __init__(self, graphql_name: str, model_attr: str | None = None) -> None:
        self.graphql_name = graphql_name
        self.model_attr = model_attr or snake_case(graphql_name)
        self.name = self.model_attr
        self.owner_name = "?"

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name
        self.owner_name = owner.__name__

    # On the class: the field, owned by the class it is read from (so the inherited
    # ``uid`` of ``Dataset.uid`` is a ``Field[Dataset, str]``). On an instance: the value.
    @overload
    def __get__(self, obj: None, owner: type[_Owner]) -> Field[_Owner, T]: ...
    @overload
    def __get__(self, obj: DbObject, owner: type[Any]) -> T: ...
    def __get__(self, obj: DbObject | None, owner: type[Any]) -> Field[Any, T] | T:
        if obj is None:
            return self
        value: T = getattr(obj._model, self.model_attr)
        return value

    def __set__(self, obj: DbObject, value: T) -> None:
        """Sets the local value only; ``update(**kwargs)`` writes to the server."""
        setattr(obj._model, self.model_attr, value)

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
        """``(self, Order.Asc)``, e.g. ``order_by=Project.name.asc``."""
        return (self, Order.Asc)

    @property
    def desc(self) -> OrderBy[Ent]:
        """``(self, Order.Desc)``."""
        return (self, Order.Desc)


class Relationship(Generic[E]):
    """Common part of :class:`ToMany` and :class:`ToOne`."""

    def __init__(self, target: str, graphql_name: str | None = None) -> None:
        self.target_name = target
        self.graphql_name = graphql_name or ""
        self.name = ""
        self.owner_name = ""
        self.operation = ""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name
        self.owner_name = owner.__name__
        self.graphql_name = self.graphql_name or camel_case(name)
        self.operation = f"{snake_case(owner.__name__)}_{snake_case(self.graphql_name)}"

    @property
    def target(self) -> type[E]:
        """The entity class this relationship leads to."""
        from labelbox.orm.db_object import entity_class

        cls: type[E] = entity_class(self.target_name)  # type: ignore[assignment]
        return cls

    def __set__(self, obj: DbObject, value: NoReturn) -> None:
        """Read-only (``value: NoReturn`` makes any assignment a type error too)."""
        raise AttributeError(
            f"{self.owner_name}.{self.name} is a relationship; use connect()/disconnect()"
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.owner_name}.{self.name} -> {self.target_name}>"


class ToMany(Relationship[E]):
    """A to-many relationship: ``project.datasets(where=..., order_by=...)``."""

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> ToMany[E]: ...
    @overload
    def __get__(self, obj: DbObject, owner: type[Any]) -> ToManyManager[E]: ...
    def __get__(self, obj: DbObject | None, owner: type[Any]) -> ToMany[E] | ToManyManager[E]:
        if obj is None:
            return self
        return ToManyManager(obj, self)


class ToOne(Relationship[E]):
    """A to-one relationship: ``project.created_by()`` → ``User | None``."""

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> ToOne[E]: ...
    @overload
    def __get__(self, obj: DbObject, owner: type[Any]) -> ToOneManager[E]: ...
    def __get__(self, obj: DbObject | None, owner: type[Any]) -> ToOne[E] | ToOneManager[E]:
        if obj is None:
            return self
        return ToOneManager(obj, self)


class _Manager(Generic[E]):
    __slots__ = ("relationship", "source")

    def __init__(self, source: DbObject, relationship: Relationship[E]) -> None:
        self.source = source
        self.relationship = relationship

    def _source_args(self) -> dict[str, Any]:
        # The organization of the API key is addressed without an id.
        return {} if self.relationship.owner_name == "Organization" else {"id": self.source.uid}

    def _root(self, **kwargs: Any) -> Any:
        from labelbox.exceptions import ResourceNotFoundError

        operation = getattr(self.source.client._gen, self.relationship.operation)
        root = operation(**self._source_args(), **kwargs)
        if root is None:
            raise ResourceNotFoundError(type(self.source), {"id": self.source.uid})
        return getattr(root, snake_case(self.relationship.graphql_name))

    def connect(self, other: E) -> None:
        """Connects the source object to ``other`` on the server."""
        self.source._update_relation(self.relationship, "connect", other)

    def disconnect(self, other: E) -> None:
        """Disconnects the source object from ``other`` on the server."""
        self.source._update_relation(self.relationship, "disconnect", other)


class ToManyManager(_Manager[E]):
    """Callable returned by ``project.datasets``; also connects/disconnects."""

    def __call__(
        self, where: Expression[E] | None = None, order_by: OrderBy[E] | None = None
    ) -> PaginatedCollection[E]:
        """Lazily pages through the related objects (pages of 100)."""
        from labelbox.orm.where import compile_order_by, compile_where
        from labelbox.pagination import PaginatedCollection

        target = self.relationship.target
        where_input = compile_where(target, where)
        order_input = compile_order_by(target, order_by)
        client = self.source.client

        def fetch(skip: int, first: int) -> list[Any]:
            items: list[Any] = self._root(
                skip=skip, first=first, where=where_input, order_by=order_input
            )
            return items

        return PaginatedCollection._paged(fetch, lambda model: target._wrap(client, model))


class ToOneManager(_Manager[E]):
    """Callable returned by ``project.created_by``; also connects/disconnects."""

    def __call__(self) -> E | None:
        """Fetches the related object, or None when there is none."""
        model = self._root()
        return None if model is None else self.relationship.target._wrap(self.source.client, model)
