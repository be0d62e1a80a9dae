"""Where-expressions: comparisons of a Field with a value, combined with ``& | ~``."""

from __future__ import annotations

from enum import Enum, auto
from typing import TYPE_CHECKING, Any, TypeAlias, Union

if TYPE_CHECKING:
    from labelbox.orm.model import Field


class _Combinable:
    """``&``, ``|`` and ``~`` over where-expressions."""

    def __and__(self, other: Expression) -> LogicalExpression:
        return LogicalExpression(LogicalExpression.Op.AND, self._expr(), other)

    def __or__(self, other: Expression) -> LogicalExpression:
        return LogicalExpression(LogicalExpression.Op.OR, self._expr(), other)

    def __invert__(self) -> LogicalExpression:
        return LogicalExpression(LogicalExpression.Op.NOT, self._expr(), None)

    def _expr(self) -> Expression:
        assert isinstance(self, (Comparison, LogicalExpression))
        return self


class Comparison(_Combinable):
    """``field <op> value``, e.g. ``Project.name == "x"``."""

    class Op(Enum):
        """Comparison operators and their Prisma where-input suffixes."""

        EQ = auto()
        NE = auto()
        LT = auto()
        GT = auto()
        LE = auto()
        GE = auto()

    __slots__ = ("field", "op", "value")

    def __init__(self, op: Comparison.Op, field: Field[Any], value: Any) -> None:
        self.op = op
        self.field = field
        self.value = value

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


class LogicalExpression(_Combinable):
    """``first AND|OR second`` or ``NOT first``."""

    class Op(Enum):
        """Logical operators."""

        AND = auto()
        OR = auto()
        NOT = auto()

    __slots__ = ("first", "op", "second")

    def __init__(self, op: LogicalExpression.Op, first: Expression, second: Expression | None):
        self.op = op
        self.first = first
        self.second = second

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


#: Anything usable as ``where=``.
Expression: TypeAlias = Union[Comparison, LogicalExpression]  # noqa: UP007 (runtime alias on 3.10)
