"""Where-expressions: comparisons of a Field with a value, combined with ``& | ~``."""

from __future__ import annotations

from enum import Enum, auto
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar, Union

if TYPE_CHECKING:
    from labelbox.orm.model import Field

#: The entity an expression filters: ``Project.name == "x"`` is a ``Comparison[Project]``
#: and only fits ``where=`` of a Project query.
Ent = TypeVar("Ent")


class _Combinable(Generic[Ent]):
    """``&``, ``|`` and ``~`` over where-expressions of one entity."""

    def __and__(self, other: Expression[Ent]) -> LogicalExpression[Ent]:
        """``a & b``: both conditions (the Labelbox API accepts AND of conditions on
        different fields)."""
        return LogicalExpression(LogicalExpression.Op.AND, self._expr(), other)

    def __or__(self, other: Expression[Ent]) -> LogicalExpression[Ent]:
        """``a | b``: either condition (built, but refused by the Labelbox API: using it
        in ``where=`` raises InvalidQueryError before any request)."""
        return LogicalExpression(LogicalExpression.Op.OR, self._expr(), other)

    def __invert__(self) -> LogicalExpression[Ent]:
        """``~a``: not the condition (built, but refused by the Labelbox API like ``|``)."""
        return LogicalExpression(LogicalExpression.Op.NOT, self._expr(), None)

    def _expr(self) -> Expression[Ent]:
        assert isinstance(self, (Comparison, LogicalExpression))
        return self


class Comparison(_Combinable[Ent]):
    """``field <op> value``, e.g. ``Project.name == "x"`` (a ``Comparison[Project]``).

    Built by the comparison operators of a :class:`~labelbox.orm.model.Field`
    (``== != < > <= >=``), not directly; accepted by the ``where=`` of queries of the
    field's entity only (a type error elsewhere).

    Example:
        >>> where = (Project.name == "cars") & (Project.created_at > datetime(2021, 1, 1))
        >>> client.get_projects(where=where)
    """

    class Op(Enum):
        """Comparison operators and their Prisma where-input suffixes."""

        EQ = auto()
        NE = auto()
        LT = auto()
        GT = auto()
        LE = auto()
        GE = auto()

    __slots__ = ("field", "op", "value")

    def __init__(self, op: Comparison.Op, field: Field[Ent, Any], value: Any) -> None:
        """Creates a comparison (``Field`` operators do this for you).

        Args:
            op: The comparison operator.
            field: The entity field compared.
            value: The value it is compared with.
        """
        self.op: Comparison.Op = op
        self.field: Field[Ent, Any] = field
        self.value: Any = value

    def __repr__(self) -> str:
        return (
            f"Comparison({self.field.owner_name}.{self.field.name} {self.op.name} {self.value!r})"
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Comparison) and (self.op, self.field, self.value) == (
            other.op,
            other.field,
            other.value,
        )

    def __hash__(self) -> int:
        return hash((self.op, id(self.field), repr(self.value)))


class LogicalExpression(_Combinable[Ent]):
    """``first AND|OR second`` or ``NOT first``, built with ``&``, ``|`` and ``~``.

    The Labelbox API accepts AND of conditions on different fields; OR, NOT and two
    conditions on one field raise InvalidQueryError before any request.
    """

    class Op(Enum):
        """Logical operators."""

        AND = auto()
        OR = auto()
        NOT = auto()

    __slots__ = ("first", "op", "second")

    def __init__(
        self, op: LogicalExpression.Op, first: Expression[Ent], second: Expression[Ent] | None
    ) -> None:
        """Creates a logical expression (``&``, ``|`` and ``~`` do this for you).

        Args:
            op: AND, OR or NOT.
            first: The first (for NOT: the only) operand.
            second: The second operand; None for NOT.
        """
        self.op: LogicalExpression.Op = op
        self.first: Expression[Ent] = first
        self.second: Expression[Ent] | None = second

    def __repr__(self) -> str:
        if self.op is LogicalExpression.Op.NOT:
            return f"NOT ({self.first!r})"
        return f"({self.first!r} {self.op.name} {self.second!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LogicalExpression) and (self.op, self.first, self.second) == (
            other.op,
            other.first,
            other.second,
        )

    def __hash__(self) -> int:
        return hash((self.op, self.first, self.second))


#: Anything usable as ``where=`` of a query of entity ``Ent``.
Expression: TypeAlias = Union[Comparison[Ent], LogicalExpression[Ent]]  # noqa: UP007 (3.10 runtime)
