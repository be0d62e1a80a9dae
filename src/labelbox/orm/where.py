"""The one compiler from where-expressions and ``order_by`` tuples to the generated
``<Entity>WhereInput`` / ``<Entity>OrderByInput`` types. Everything is checked before
any request: unknown fields raise InvalidAttributeError, wrong value types TypeError."""

from __future__ import annotations

import enum
import functools
from typing import TYPE_CHECKING, Any

import labelbox_gen
from labelbox.exceptions import InvalidAttributeError, InvalidQueryError
from labelbox.orm.comparison import Comparison, Expression, LogicalExpression
from labelbox.orm.model import Field, Order

if TYPE_CHECKING:
    from labelbox.orm.db_object import DbObject
    from labelbox.orm.model import OrderBy

_SUFFIX = {
    Comparison.Op.EQ: "",
    Comparison.Op.NE: "_not",
    Comparison.Op.LT: "_lt",
    Comparison.Op.GT: "_gt",
    Comparison.Op.LE: "_lte",
    Comparison.Op.GE: "_gte",
}


def generated(name: str) -> Any:
    """A generated input type or enum by schema name (e.g. ``ProjectWhereInput``)."""
    return getattr(labelbox_gen, name)


def _owned_field(entity: type[DbObject], field: Any) -> Field[Any, Any]:
    if not isinstance(field, Field) or entity.fields().get(field.name) is not field:
        raise InvalidAttributeError(entity, field)
    return field


def _value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_value(v) for v in value]
    return value


@functools.cache
def _input_keys(type_name: str) -> frozenset[str]:
    fields = generated(type_name).model_fields.items()
    return frozenset(info.alias or name for name, info in fields)


def _to_dict(entity: type[DbObject], node: Expression[Any]) -> dict[str, Any]:
    if isinstance(node, Comparison):
        field = _owned_field(entity, node.field)
        key = field.graphql_name + _SUFFIX[node.op]
        if key not in _input_keys(f"{entity.__name__}WhereInput"):
            raise InvalidQueryError(
                f"{entity.__name__}.{field.name} does not support {node.op.name} filtering"
            )
        return {key: _value(node.value)}
    if isinstance(node, LogicalExpression):
        if node.op is LogicalExpression.Op.NOT:
            return {"NOT": [_to_dict(entity, node.first)]}
        assert node.second is not None
        return {node.op.name: [_to_dict(entity, node.first), _to_dict(entity, node.second)]}
    raise TypeError(f"where must be a Comparison or LogicalExpression, got {node!r}")


def where_dict(entity: type[DbObject], where: Expression[Any] | None) -> dict[str, Any] | None:
    """The Prisma where-input of ``where`` as a plain dict (soft-deleted rows excluded
    for soft-deletable entities, as the classic client does)."""
    compiled = None if where is None else _to_dict(entity, where)
    if entity._soft_deletable:
        hide_deleted = {"deleted": False}
        compiled = hide_deleted if compiled is None else {"AND": [compiled, hide_deleted]}
    return compiled


def compile_where(entity: type[DbObject], where: Expression[Any] | None) -> Any:
    """Compiles ``where`` into the generated ``<Entity>WhereInput`` (or None)."""
    compiled = where_dict(entity, where)
    if compiled is None:
        return None
    from labelbox.orm.db_object import validate_model

    return validate_model(
        generated(f"{entity.__name__}WhereInput"), compiled, f"where clause for {entity.__name__}"
    )


def compile_order_by(entity: type[DbObject], order_by: OrderBy[Any] | None) -> Any:
    """Compiles ``(Field, Order)`` into the generated ``<Entity>OrderByInput``."""
    if order_by is None:
        return None
    try:
        field, order = order_by
    except (TypeError, ValueError):
        raise TypeError(f"order_by must be a (Field, Order) tuple, got {order_by!r}") from None
    field = _owned_field(entity, field)
    if not isinstance(order, Order):
        raise TypeError(f"order_by direction must be an Order, got {order!r}")
    enum_type = generated(f"{entity.__name__}OrderByInput")
    member = enum_type.__members__.get(f"{field.graphql_name}_{order.value}")
    if member is None:
        raise InvalidQueryError(f"{entity.__name__}.{field.name} cannot be sorted on")
    return member
