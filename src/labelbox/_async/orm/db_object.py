"""Base classes of every entity: a thin, typed wrapper around a generated fragment model.

``AsyncDbObject[M]`` holds the client and the generated ``<Entity>Fields`` model ``M``;
reading a field is an attribute lookup on that model (no per-row reflection).
``AsyncUpdateable``, ``AsyncDeletable`` and ``AsyncBulkDeletable`` are the documented
mixins; the typed ``update()``/``delete()`` and creation of each entity are generated
with its fields in ``labelbox._async._generated.entities`` (``AsyncProjectBase``), on
top of the value checks of :mod:`labelbox.orm.values`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic

from typing_extensions import TypeVar

from labelbox.exceptions import InvalidAttributeError, InvalidQueryError
from labelbox.orm.model import Field, Relationship
from labelbox.orm.values import (
    check_types,
    declared,
    plain_value,
    related_uid,
    validate_model,
)

if TYPE_CHECKING:
    import pydantic
    from typing_extensions import Self

    from labelbox._async.client import AsyncClient
    from labelbox_gen.async_client import AsyncLabelboxGenClient

#: Entity classes by type name (``"Project"``), filled as they are defined.
_REGISTRY: dict[str, type[AsyncDbObject[Any]]] = {}
#: ``(moves, copies, drops)`` of :meth:`AsyncDbObject._copy_plan`.
_CopyPlan = tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], tuple[str, ...]]
#: The generated fragment model an entity wraps (``ProjectFields``).
#: Defaults to any model, so a bare ``AsyncDbObject`` annotation means any entity.
M = TypeVar("M", bound="pydantic.BaseModel", default=Any)
#: A generated input model (``ProjectUpdateInput``).
_In = TypeVar("_In", bound="pydantic.BaseModel")


def entity_class(name: str) -> type[AsyncDbObject[Any]]:
    """The facade entity class of a schema type name (imports its module if needed).

    Args:
        name: The entity's type name, e.g. ``"Dataset"``.

    Returns:
        The entity class, e.g. :class:`labelbox._async.schema.dataset.AsyncDataset`.

    Raises:
        KeyError: If no entity has that name.
    """
    if name not in _REGISTRY:
        import importlib

        from labelbox._async._generated.entities import ENTITY_MODULES

        importlib.import_module(ENTITY_MODULES[name])  # defining the class registers it
    return _REGISTRY[name]


class AsyncDbObject(Generic[M]):
    """A server object of one entity type, wrapping its generated fragment model ``M``
    (``AsyncProject`` is an ``AsyncDbObject[ProjectFields]``).

    Objects compare equal when they are of the same type and have the same ``uid``.
    Reading a field (``project.name``) reads a value of the wrapped model, copied into
    the object's ``__dict__`` when the model is set (a plain attribute read per field,
    no descriptor call); nothing is fetched.
    """

    #: The generated fragment model class (``ProjectFields``); set by the generated base.
    _model_type: ClassVar[type[Any]]
    #: The generated ``<Entity>WhereInput`` model and ``<Entity>OrderByInput`` enum.
    _where_input: ClassVar[type[Any]]
    _order_by_input: ClassVar[type[Any]]
    #: Creation parameters: attribute name → (input field, "scalar" | "one" | "many").
    _create_kinds: ClassVar[dict[str, tuple[str, str]]] = {}
    #: Rows are hidden with ``deleted: true`` instead of removed (lists filter them out).
    _soft_deletable: ClassVar[bool] = False
    _fields_cache: ClassVar[dict[str, Field[Any, Any]]]
    _relationships_cache: ClassVar[dict[str, Relationship[Any]]]
    #: How a model's values become the object's attributes (see :meth:`_copy_plan`).
    _plan_cache: ClassVar[_CopyPlan | None]

    uid: Field[AsyncDbObject[Any], str] = Field("id", "id")
    """Unique ID of the object (the schema's ``id``)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__name__.endswith("Base") and hasattr(cls, "_model_type"):
            _REGISTRY[cls.type_name()] = cls
        cls._fields_cache = {}
        cls._relationships_cache = {}
        cls._plan_cache = None

    def __init__(self, client: AsyncClient, field_values: M | Mapping[str, Any]):
        """Wraps a generated model, or validates a dict of server (camelCase) values.

        Objects normally come from the client's queries and creations; build one
        directly only from data the server returned.

        Args:
            client: The client used for the object's further requests.
            field_values: The generated fragment model, or a mapping of the server's
                (camelCase) field names to values.

        Raises:
            TypeError: If ``field_values`` does not fit the entity's fields.
        """
        self.client: AsyncClient = client
        """The client the object's further requests (relationships, updates) go through."""
        if isinstance(field_values, Mapping):
            self._model = validate_model(
                self._model_type, field_values, f"{type(self).__name__} values"
            )
        else:
            self._model = field_values

    @property
    def _model(self) -> M:
        """The generated fragment model holding the object's values as the server sent
        them. Setting it (a query, ``update()``, ``refresh()``) copies its values into
        the object's attributes, replacing local changes."""
        model: M = self.__dict__["_fragment"]
        return model

    @_model.setter
    def _model(self, model: M) -> None:
        values = self.__dict__
        values.update(model.__dict__)
        moves, copies, drops = type(self)._copy_plan()
        for name, attribute in moves:
            values[name] = values.pop(attribute)
        for name, attribute in copies:
            values[name] = values[attribute]
        for key in drops:
            values.pop(key, None)
        values["_fragment"] = model

    @classmethod
    def _copy_plan(cls) -> _CopyPlan:
        """Which model attributes become which object attributes: ``(moves, copies,
        drops)``.

        A model's ``__dict__`` is copied whole (one C-level copy per object); then each
        Field whose Python name differs from the model's attribute gets the value
        (``uid`` ← ``id``: moved when the model's name is not a Field itself; copied for
        aliases), and model attributes that are not a Field of this class (nested
        objects, or a name a subclass redefines) are removed again, so they never
        shadow a class attribute."""
        if cls._plan_cache is None:
            fields: dict[str, Field[Any, Any]] = {}
            for name, found in cls.fields().items():
                # Only names that resolve to this Field on the class (not overridden).
                owner = next(k for k in cls.__mro__ if name in vars(k))
                if vars(owner)[name] is found:
                    fields[name] = found
            model_attributes = getattr(cls._model_type, "model_fields", {})
            drops = {key for key in model_attributes if key not in fields}
            renamed = [(n, f.model_attr) for n, f in fields.items() if n != f.model_attr]
            moves = {(name, attribute) for name, attribute in renamed if attribute in drops}
            moved = {attribute for _, attribute in moves}
            if len(moved) < len(moves):  # one model attribute behind several names
                moves = set()
            copies = tuple(sorted(set(renamed) - moves))
            cls._plan_cache = (tuple(sorted(moves)), copies, tuple(sorted(drops - moved)))
        return cls._plan_cache

    @classmethod
    def _wrap(cls, client: AsyncClient, model: M) -> Self:
        obj = cls.__new__(cls)
        obj.client = client
        obj._model = model
        return obj

    @classmethod
    def _wrap_page(cls, client: AsyncClient, models: Iterable[M]) -> list[Self]:
        """:meth:`_wrap` of each model of a page (the per-row path of pagination: one
        dict copy per object, no per-field work)."""
        moves, copies, drops = cls._copy_plan()
        new = cls.__new__
        objects: list[Self] = []
        append = objects.append
        if len(moves) == 1 and not copies and not drops:  # most entities: uid <- id
            ((name, attribute),) = moves
            for model in models:
                values = model.__dict__.copy()
                values[name] = values.pop(attribute)
                values["client"] = client
                values["_fragment"] = model
                obj = new(cls)
                obj.__dict__ = values
                append(obj)
            return objects
        for model in models:
            values = model.__dict__.copy()
            for name, attribute in moves:
                values[name] = values.pop(attribute)
            for name, attribute in copies:
                values[name] = values[attribute]
            for key in drops:
                del values[key]
            values["client"] = client
            values["_fragment"] = model
            obj = new(cls)
            obj.__dict__ = values
            append(obj)
        return objects

    # -- schema introspection ---------------------------------------------------------
    @classmethod
    def type_name(cls) -> str:
        """The server type name of the entity.

        Returns:
            The type name, e.g. ``"Project"``.
        """
        return cls.__name__.removeprefix("Async")

    @classmethod
    def fields(cls) -> dict[str, Field[Any, Any]]:
        """The entity's fields.

        Returns:
            Python name → :class:`~labelbox.orm.model.Field` (``uid`` included).
        """
        if not cls._fields_cache:
            cls._fields_cache = declared(cls, Field)
        return cls._fields_cache

    @classmethod
    def relationships(cls) -> dict[str, Relationship[Any]]:
        """The entity's relationships.

        Returns:
            Python name → :class:`~labelbox.orm.model.ToMany` or
            :class:`~labelbox.orm.model.ToOne`.
        """
        if not cls._relationships_cache:
            cls._relationships_cache = declared(cls, Relationship)
        return cls._relationships_cache

    @classmethod
    def field(cls, field_name: str) -> Field[Any, Any]:
        """The entity's field of a given name.

        Args:
            field_name: The Python name, e.g. ``"name"``.

        Returns:
            The Field, e.g. ``Project.name``.

        Raises:
            labelbox.exceptions.InvalidAttributeError: If the entity has no such field.
        """
        found = cls.fields().get(field_name)
        if found is None:
            raise InvalidAttributeError(cls, field_name)
        return found

    @classmethod
    def attribute(cls, attribute_name: str) -> Field[Any, Any] | Relationship[Any]:
        """The entity's field or relationship of a given name.

        Args:
            attribute_name: The Python name, e.g. ``"datasets"``.

        Returns:
            The Field or Relationship.

        Raises:
            labelbox.exceptions.InvalidAttributeError: If the entity has no such
                attribute.
        """
        found = cls.fields().get(attribute_name) or cls.relationships().get(attribute_name)
        if found is None:
            raise InvalidAttributeError(cls, attribute_name)
        return found

    # -- identity ---------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, AsyncDbObject) and type(other) is type(self) and other.uid == self.uid
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.uid))

    def __repr__(self) -> str:
        values = {name: getattr(self, name) for name in self.fields() if name != "uid"}
        shown = ", ".join(f"{k}={v!r}" for k, v in values.items())
        return f"<{type(self).__name__} ID: {self.uid} {shown}>"

    # -- helpers of the generated mutations --------------------------------------------
    @classmethod
    def _input(cls, model_type: type[_In], values: Mapping[str, Any]) -> _In:
        """``values`` (Python field names) validated into a generated input model;
        TypeError naming each bad value, before anything is sent."""
        return validate_model(model_type, values, f"{cls.__name__} values")

    def _update_values(self, values: Mapping[str, Any], params_type: type[Any]) -> dict[str, Any]:
        """Checks ``update()`` keyword arguments against the generated parameter types
        (``ProjectUpdateParams``): unknown names raise InvalidAttributeError, wrong
        values TypeError, before anything is sent."""
        cls = type(self)
        allowed = params_type.__annotations__
        unknown = [name for name in values if name not in allowed]
        if unknown:
            raise InvalidAttributeError(cls, unknown)
        plain = {
            name: plain_value(value, f"{cls.__name__}.{name}") for name, value in values.items()
        }
        check_types(params_type, plain, f"{cls.__name__} values")
        return plain

    @classmethod
    def _create_values(
        cls, values: Mapping[Any, Any], extra: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        """Creation values (attribute names, or Field/Relationship objects, to values;
        related objects as entities or ids) in the shape of ``<Entity>CreateInput``."""
        data: dict[str, Any] = dict(extra or {})
        for key, value in values.items():
            name = key.name if isinstance(key, (Field, Relationship)) else key
            if not isinstance(name, str) or name not in cls._create_kinds:
                raise InvalidAttributeError(cls, key)
            if isinstance(key, (Field, Relationship)) and cls.attribute(name) is not key:
                raise InvalidAttributeError(cls, key)  # a same-named attribute of another type
            input_name, kind = cls._create_kinds[name]
            if kind == "scalar":
                data[input_name] = plain_value(value, f"{cls.__name__}.{name}")
                continue
            rel = cls.relationships()[name]
            if kind == "many":
                items = (
                    value if isinstance(value, Iterable) and not isinstance(value, str) else [value]
                )
                data[input_name] = {"connect": [{"id": related_uid(rel, v)} for v in items]}
            else:
                data[input_name] = {"connect": {"id": related_uid(rel, value)}}
        return data

    @classmethod
    async def _create_object(
        cls, client: AsyncClient, values: Mapping[Any, Any], extra: Mapping[str, Any] | None = None
    ) -> Self:
        """Creates an object of this entity (generated for entities that can be)."""
        raise InvalidQueryError(f"{cls.__name__} objects cannot be created this way")

    def _apply(self, model: M | None) -> None:
        """Takes the model a mutation returned as the new local values."""
        from labelbox.exceptions import ResourceNotFoundError

        if model is None:
            raise ResourceNotFoundError(type(self), {"id": self.uid})
        self._model = model


class AsyncUpdateable(AsyncDbObject[M]):
    """An entity whose fields can be changed with ``update(**kwargs)`` (typed per entity
    in its generated base, e.g. ``project.update(name="new")``)."""


class AsyncDeletable(AsyncDbObject[M]):
    """An entity deleted softly (``deleted: true``) by ``delete()``: lists hide it."""

    _soft_deletable = True


class AsyncBulkDeletable(AsyncDbObject[M]):
    """An entity with a bulk-deletion mutation."""

    @classmethod
    async def _send_bulk_delete(cls, gen: AsyncLabelboxGenClient, ids: list[str]) -> None:
        """Generated per entity."""
        raise NotImplementedError

    async def delete(self) -> None:
        """Deletes this object on the server; do not use it afterwards.

        Raises:
            labelbox.exceptions.LabelboxError: If the server refused the deletion.
        """
        await type(self)._bulk_delete([self])

    @classmethod
    async def _bulk_delete(cls, objects: Iterable[AsyncDbObject[Any]]) -> None:
        items = list(objects)
        for obj in items:
            if type(obj) is not cls:
                raise InvalidQueryError(
                    f"Can't bulk-delete objects of different types: {type(obj).__name__}"
                )
        if not items:
            return
        from labelbox.exceptions import ResourceNotFoundError

        try:
            await cls._send_bulk_delete(items[0].client._gen, [obj.uid for obj in items])
        except ResourceNotFoundError as exc:
            # A retry of a deletion that was applied finds nothing left to delete.
            if exc.retries == 0:
                raise
