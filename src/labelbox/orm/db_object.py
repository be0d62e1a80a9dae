"""Base classes of every entity: a thin, typed wrapper around a generated fragment model.

``DbObject[M]`` holds the client and the generated ``<Entity>Fields`` model ``M``;
reading a field is an attribute lookup on that model (no per-row reflection).
``Updateable``, ``Deletable`` and ``BulkDeletable`` are the documented mixins; the typed
``update()``/``delete()`` and creation of each entity are generated with its fields in
``labelbox._generated.entities`` (``ProjectBase``), on top of the helpers here that check
and convert values before anything is sent.
"""

from __future__ import annotations

import datetime
import enum
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic

from typing_extensions import TypeVar

from labelbox.exceptions import InvalidAttributeError, InvalidQueryError
from labelbox.orm.model import Field, Relationship

if TYPE_CHECKING:
    import pydantic
    from typing_extensions import Self

    from labelbox.client import Client
    from labelbox_gen.client import LabelboxGenClient

_REGISTRY: dict[str, type[DbObject[Any]]] = {}
#: ``(moves, copies, drops)`` of :meth:`DbObject._copy_plan`.
_CopyPlan = tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], tuple[str, ...]]
#: The generated fragment model an entity wraps (``ProjectFields``).
#: Defaults to any model, so a bare ``DbObject`` annotation means any entity.
M = TypeVar("M", bound="pydantic.BaseModel", default=Any)
#: A generated input model (``ProjectUpdateInput``).
_In = TypeVar("_In", bound="pydantic.BaseModel")
_K = TypeVar("_K")


def entity_class(name: str) -> type[DbObject[Any]]:
    """The facade entity class of a schema type name (imports its module if needed).

    Args:
        name: The entity's type name, e.g. ``"Dataset"``.

    Returns:
        The entity class, e.g. :class:`labelbox.schema.dataset.Dataset`.

    Raises:
        KeyError: If no entity has that name.
    """
    if name not in _REGISTRY:
        import importlib

        from labelbox._generated.entities import ENTITY_MODULES

        importlib.import_module(ENTITY_MODULES[name])  # defining the class registers it
    return _REGISTRY[name]


class _GeneratedClass:
    """A class attribute naming a generated class, imported on first access and then
    replaced by it (see :func:`generated_class`)."""

    def __init__(self, module: str, name: str) -> None:
        self._module, self._name = module, name
        self._owner: type[Any] | None = None
        self._attribute = ""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._owner, self._attribute = owner, name

    def __get__(self, obj: object, owner: type[Any] | None = None) -> Any:
        import importlib

        value = getattr(importlib.import_module(self._module), self._name)
        if self._owner is not None:
            setattr(self._owner, self._attribute, value)
        return value


def generated_class(module: str, name: str) -> Any:
    """A class attribute that is the generated class ``name`` of ``module``, imported
    the first time the attribute is read.

    The generated entity bases declare ``_where_input`` this way, so ``import
    labelbox`` does not build the input models (the largest generated module) until a
    where-clause is compiled.

    Args:
        module: The generated module, e.g. ``"labelbox_gen.input_types"``.
        name: The class, e.g. ``"ProjectWhereInput"``.

    Returns:
        A descriptor (typed ``Any``, so it can stand for the class it resolves to).
    """
    return _GeneratedClass(module, name)


def validate_model(model_type: type[_In], data: Any, what: str) -> _In:
    """Validates ``data`` into a generated model, with an error that names each bad value.

    pydantic is imported here, not at ``import labelbox``.

    Args:
        model_type: The generated pydantic model class.
        data: The values (schema or Python names).
        what: What the values are, for the error message.

    Returns:
        ``model_type.model_validate(data)``.

    Raises:
        TypeError: Instead of a raw pydantic error, naming each bad value.
    """
    import pydantic

    try:
        return model_type.model_validate(data)
    except pydantic.ValidationError as exc:
        raise TypeError(f"Invalid {what}: {_problems(exc)}") from None


def _problems(exc: pydantic.ValidationError) -> str:
    """Each bad value of a validation error: where, what is wrong, what was given."""
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']} (got {err.get('input')!r})"
        for err in exc.errors()
    )


def _declared(cls: type[Any], kind: type[_K]) -> dict[str, _K]:
    """Class attributes of type ``kind`` along the MRO, subclasses overriding bases."""
    return {
        name: value
        for klass in reversed(cls.__mro__)
        for name, value in vars(klass).items()
        if isinstance(value, kind)
    }


def _plain(value: Any, what: str) -> Any:
    """A value as the server takes it: enums by value; a naive datetime is local time
    (as the classic client took it), sent as UTC; NaN refused (it is not JSON)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, float) and math.isnan(value):
        raise ValueError(f"{what} must be a number, got NaN")
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return value.astimezone(datetime.timezone.utc)
    return value


_ADAPTERS: dict[type[Any], Any] = {}


def check_values(params_type: type[Any], values: Mapping[str, Any], what: str) -> None:
    """Checks values (by attribute name) against generated parameter types.

    Args:
        params_type: The generated ``TypedDict`` of the parameters, e.g.
            ``ProjectUpdateParams``.
        values: Attribute name → value.
        what: What the values are, for the error message.

    Raises:
        ValueError: If a value is NaN.
        TypeError: If a value has the wrong type (the message names it).
    """
    for name, value in values.items():
        _plain(value, f"{what}: {name}")
    _check_types(params_type, dict(values), what)


def _check_types(params_type: type[Any], values: dict[str, Any], what: str) -> None:
    """TypeError naming each value that does not fit the generated parameter types
    (a ``TypedDict``): untyped callers get the check type checkers give typed ones."""
    import pydantic

    adapter = _ADAPTERS.get(params_type)
    if adapter is None:
        adapter = _ADAPTERS[params_type] = pydantic.TypeAdapter(params_type)
    try:
        adapter.validate_python(values, strict=True)
    except pydantic.ValidationError as exc:
        raise TypeError(f"Invalid {what}: {_problems(exc)}") from None


class DbObject(Generic[M]):
    """A server object of one entity type, wrapping its generated fragment model ``M``
    (``Project`` is a ``DbObject[ProjectFields]``).

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

    uid: Field[DbObject[Any], str] = Field("id", "id")
    """Unique ID of the object (the schema's ``id``)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__name__.endswith("Base") and hasattr(cls, "_model_type"):
            _REGISTRY[cls.__name__] = cls
        cls._fields_cache = {}
        cls._relationships_cache = {}
        cls._plan_cache = None

    def __init__(self, client: Client, field_values: M | Mapping[str, Any]):
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
        self.client: Client = client
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
    def _wrap(cls, client: Client, model: M) -> Self:
        obj = cls.__new__(cls)
        obj.client = client
        obj._model = model
        return obj

    @classmethod
    def _wrap_page(cls, client: Client, models: Iterable[M]) -> list[Self]:
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
        return cls.__name__

    @classmethod
    def fields(cls) -> dict[str, Field[Any, Any]]:
        """The entity's fields.

        Returns:
            Python name → :class:`~labelbox.orm.model.Field` (``uid`` included).
        """
        if not cls._fields_cache:
            cls._fields_cache = _declared(cls, Field)
        return cls._fields_cache

    @classmethod
    def relationships(cls) -> dict[str, Relationship[Any]]:
        """The entity's relationships.

        Returns:
            Python name → :class:`~labelbox.orm.model.ToMany` or
            :class:`~labelbox.orm.model.ToOne`.
        """
        if not cls._relationships_cache:
            cls._relationships_cache = _declared(cls, Relationship)
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
        return isinstance(other, DbObject) and type(other) is type(self) and other.uid == self.uid

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
        plain = {name: _plain(value, f"{cls.__name__}.{name}") for name, value in values.items()}
        _check_types(params_type, plain, f"{cls.__name__} values")
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
                data[input_name] = _plain(value, f"{cls.__name__}.{name}")
                continue
            rel = cls.relationships()[name]
            if kind == "many":
                items = (
                    value if isinstance(value, Iterable) and not isinstance(value, str) else [value]
                )
                data[input_name] = {"connect": [{"id": _uid(rel, v)} for v in items]}
            else:
                data[input_name] = {"connect": {"id": _uid(rel, value)}}
        return data

    @classmethod
    def _create_object(
        cls, client: Client, values: Mapping[Any, Any], extra: Mapping[str, Any] | None = None
    ) -> Self:
        """Creates an object of this entity (generated for entities that can be)."""
        raise InvalidQueryError(f"{cls.__name__} objects cannot be created this way")

    def _apply(self, model: M | None) -> None:
        """Takes the model a mutation returned as the new local values."""
        from labelbox.exceptions import ResourceNotFoundError

        if model is None:
            raise ResourceNotFoundError(type(self), {"id": self.uid})
        self._model = model


def _uid(relationship: Relationship[Any], value: Any) -> str:
    """The id of a related object given as an entity of the right type, or an id."""
    if isinstance(value, relationship.target):
        uid: str = value.uid
        return uid
    if isinstance(value, str) and value:
        return value
    raise TypeError(
        f"{relationship.owner_name}.{relationship.name} takes a {relationship.target_name} "
        f"(or its id), got {value!r}"
    )


class Updateable(DbObject[M]):
    """An entity whose fields can be changed with ``update(**kwargs)`` (typed per entity
    in its generated base, e.g. ``project.update(name="new")``)."""


class Deletable(DbObject[M]):
    """An entity deleted softly (``deleted: true``) by ``delete()``: lists hide it."""

    _soft_deletable = True


class BulkDeletable(DbObject[M]):
    """An entity with a bulk-deletion mutation."""

    @classmethod
    def _send_bulk_delete(cls, gen: LabelboxGenClient, ids: list[str]) -> None:
        """Generated per entity."""
        raise NotImplementedError

    def delete(self) -> None:
        """Deletes this object on the server; do not use it afterwards.

        Raises:
            labelbox.exceptions.LabelboxError: If the server refused the deletion.
        """
        type(self)._bulk_delete([self])

    @classmethod
    def _bulk_delete(cls, objects: Iterable[DbObject[Any]]) -> None:
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
            cls._send_bulk_delete(items[0].client._gen, [obj.uid for obj in items])
        except ResourceNotFoundError as exc:
            # A retry of a deletion that was applied finds nothing left to delete.
            if exc.retries == 0:
                raise
