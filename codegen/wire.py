"""What goes on the wire: unattested type names never do.

Every operation declares its variables with the type names of ``schema.graphql``. Most of
those names are a reconstruction (Prisma-1 naming such as ``ProjectWhereInput``): nothing
shows that the real server calls its types so, and a variable declared with a type name
the server does not know is refused. The official client never declared them: it wrote the
structure of filters, data and orderings into the document and passed the values in
variables of built-in scalar types (``where: {name: $param_0}`` with ``$param_0: String!``).

This module does the same at the one generic point every generated operation passes
(``BaseClient.execute``). A variable whose declared type name is not attested is written
into the document as its value's structure: input objects and lists of them as literals,
enum values of unattested enums as bare names, and every other leaf (a string, an id, a
number, a date, a list of ids, a file, an attested enum) as a new variable ``$wire<n>``
declared with the input field's own type (``$wire0: String!``, ``$wire1: [ID!]``), which
is attested. An absent value (unset, or null for an optional variable) removes the argument
that held it. So the document text depends on the value's shape, not its values: a server
that caches parsed documents by their text reuses them across calls with new values.

Which names are attested comes from ``schema.provenance.toml`` (``wire_plan.ATTESTED``,
fixed at generation) or from a schema pulled from the endpoint
(``WirePolicy.from_pulled_schema``). The per-operation plans (``wire_plan.PLANS``) are made at
generation time, so nothing is parsed here; a document's template is compiled once per
policy and set of present variables, and each call only walks the values and joins strings.
Costs: bench/wire_cost.py.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, NamedTuple

from pydantic import BaseModel as PydanticBaseModel

#: Names GraphQL defines itself: always attested.
BUILT_IN = frozenset({"ID", "String", "Int", "Float", "Boolean"})
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*\Z")
_TYPE_DEFINITION = re.compile(r"^(?:scalar|type|input|enum|interface|union)\s+([_A-Za-z]\w*)", re.M)


class OperationPlan(NamedTuple):
    """Where an operation's variables are declared and used (offsets into its text)."""

    #: Length of the document text the plan was made for.
    length: int
    #: (start, end) of the parenthesized variable definitions.
    definitions_span: tuple[int, int]
    #: (name, named type if not built in else "", definition text) per variable, in order.
    variables: tuple[tuple[str, str, str], ...]
    #: (name, start, end, holder start, holder end, argument list or -1) per use of a
    #: variable of a non-built-in type; the holder is the argument or input field.
    uses: tuple[tuple[str, int, int, int, int, int], ...]
    #: (open paren, end after close paren, number of arguments) per argument list.
    groups: tuple[tuple[int, int, int], ...]


class InputFields:
    """Input type -> {field: GraphQL type}, unpacked from the plan's strings on first use."""

    __slots__ = ("_packed", "_unpacked")

    def __init__(self, packed: Mapping[str, str]) -> None:
        self._packed = packed
        self._unpacked: dict[str, dict[str, str]] = {}

    def get(self, name: str) -> dict[str, str] | None:
        """The fields of the input type ``name``, or None if it is not an input type."""
        fields = self._unpacked.get(name)
        if fields is None:
            packed = self._packed.get(name)
            if packed is None:
                return None
            fields = dict(item.split(":", 1) for item in packed.split())
            self._unpacked[name] = fields
        return fields


class WireValueError(ValueError):
    """A variable's value cannot be written as a GraphQL literal of its type."""


class WirePolicy:
    """Which type names may be declared on the wire; writes the rest inline.

    Args:
        attested: type names evidence attests (built-in scalars always are).
        plans: per-operation plans (``labelbox_gen.wire_plan.PLANS``).
        inputs: per input type a plan's variables can hold, its fields and their GraphQL
            types, packed as ``"name:String id_in:[ID!] ..."``.
        enums: the enum names among those types.
    """

    def __init__(
        self,
        attested: Iterable[str],
        plans: Mapping[str, OperationPlan],
        inputs: Mapping[str, str],
        enums: Iterable[str],
    ) -> None:
        self.attested = frozenset(attested) | BUILT_IN
        self._plans = plans
        self._inputs = InputFields(inputs)
        self._enums = frozenset(enums)
        self._inline: dict[str, tuple[tuple[str, str], ...]] = {}
        self._inline_names: dict[str, frozenset[str]] = {}
        self._optional: dict[str, frozenset[str]] = {}
        self._templates: dict[tuple[str, tuple[bool, ...]], tuple[Any, ...]] = {}
        self._lock = threading.Lock()

    @classmethod
    def default(cls) -> WirePolicy:
        """The policy of ``schema.provenance.toml``: only attested names are declared."""
        from . import wire_plan

        return cls(wire_plan.ATTESTED, wire_plan.PLANS, wire_plan.INPUTS, wire_plan.ENUMS)

    @classmethod
    def from_pulled_schema(cls, sdl: str) -> WirePolicy:
        """A policy for one endpoint: names its schema (``labelbox-schema pull``) defines
        are declared too, and the rest written inline."""
        from . import wire_plan

        pulled = set(_TYPE_DEFINITION.findall(sdl))
        return cls(wire_plan.ATTESTED | pulled, wire_plan.PLANS, wire_plan.INPUTS, wire_plan.ENUMS)

    def __reduce__(self) -> tuple[Any, ...]:
        # Plans and shapes are module data: a pickled policy carries only its names.
        return (_rebuild, (sorted(self.attested),))

    def inlined(self, operation: str) -> tuple[str, ...]:
        """The variables of ``operation`` this policy writes inline."""
        return tuple(name for name, _ in self._inline_of(operation) or ())

    def _inline_of(self, operation: str) -> tuple[tuple[str, str], ...] | None:
        found = self._inline.get(operation)
        if found is None:
            plan = self._plans.get(operation)
            if plan is None:
                return None
            found = tuple(
                (name, type_name)
                for name, type_name, _ in plan.variables
                if type_name and type_name not in self.attested
            )
            self._inline_names[operation] = frozenset(name for name, _ in found)
            self._optional[operation] = frozenset(
                name for name, _, text in plan.variables if not text.endswith("!")
            )
            self._inline[operation] = found
        return found

    def prepare(
        self, operation: str | None, query: str, variables: dict[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        """The document and variables to send for one call of ``operation``.

        Raises:
            WireValueError: a value cannot be written as a literal of its type.
        """
        inline = self._inline_of(operation) if operation is not None else None
        if not inline:
            return query, variables
        assert operation is not None
        plan = self._plans[operation]
        if len(query) != plan.length:  # not the generated document: send it as it is
            return query, variables
        # An optional value given as null is left out like an absent one: for an argument
        # with no default both mean "not given", and the official client never sent null
        # filters or orderings.
        optional = self._optional[operation]
        present = tuple(
            name in variables and (variables[name] is not None or name not in optional)
            for name, _ in inline
        )
        key = (operation, present)
        template = self._templates.get(key)
        if template is None:
            template = _compile(query, plan, inline, present)
            with self._lock:
                self._templates[key] = template
        call = _Call()
        parts: list[Any] = []
        for piece in template:
            if type(piece) is str:
                parts.append(piece)
            elif type(piece) is _Definitions:
                parts.append(piece)  # filled in below: the values add variables
            else:
                name, type_ref = piece
                try:
                    parts.append(self.shape(variables[name], type_ref, call))
                except WireValueError as exc:
                    raise WireValueError(f"{operation}: variable ${name}: {exc}") from None
        names = self._inline_names[operation]
        kept = {k: v for k, v in variables.items() if k not in names}
        kept.update(call.values)
        text = "".join(p.text(call.declarations) if type(p) is _Definitions else p for p in parts)
        return text, kept

    def shape(self, value: Any, type_ref: str, call: _Call) -> str:
        """``value`` of the GraphQL type ``type_ref`` (``ProjectWhereInput``, ``[ID!]``,
        ``String!``) written as the document carries it: the structure of input objects and
        lists of them, unattested enum values as bare names, and each other leaf as a new
        variable of ``call`` (a file must be one: GraphQL multipart spec)."""
        if value is None:
            return "null"
        named = type_ref.strip("[]!")
        fields = self._inputs.get(named)
        if fields is not None:
            if isinstance(value, list | tuple):
                item = _item_type(type_ref)
                return "[" + ", ".join(self.shape(v, item, call) for v in value) + "]"
            return self._object(value, named, fields, call)
        if named in self._enums and named not in self.attested:
            if isinstance(value, list | tuple):
                item = _item_type(type_ref)
                return "[" + ", ".join(self.shape(v, item, call) for v in value) + "]"
            return _enum_literal(value, named)
        if named not in self.attested:  # a custom scalar no evidence names: a literal
            return _scalar_literal(value)
        return call.variable(type_ref, value)

    def _object(self, value: Any, named: str, fields: Mapping[str, str], call: _Call) -> str:
        if isinstance(value, PydanticBaseModel):
            value = value.model_dump(by_alias=True, exclude_unset=True)
        if not isinstance(value, Mapping):
            raise WireValueError(f"{named} needs an object, got {value!r}")
        items = []
        for key, item in value.items():
            field_type = fields.get(key) if isinstance(key, str) else None
            if field_type is None:
                raise WireValueError(f"{named} has no field {key!r}")
            items.append(f"{key}: {self.shape(item, field_type, call)}")
        return "{" + ", ".join(items) + "}"


#: Prefix of the variables that carry the leaves of values written inline.
VARIABLE_PREFIX = "wire"
_KEYWORDS = frozenset({"true", "false", "null"})


class _Call:
    """The variables one call's inline values add: ``$wire0``, ``$wire1``, ..."""

    __slots__ = ("declarations", "values")

    def __init__(self) -> None:
        self.declarations: list[str] = []
        self.values: dict[str, Any] = {}

    def variable(self, type_ref: str, value: Any) -> str:
        if isinstance(value, float) and not math.isfinite(value):
            raise WireValueError(f"{value!r} is no GraphQL value")
        name = f"{VARIABLE_PREFIX}{len(self.declarations)}"
        self.declarations.append(f"${name}: {type_ref}")
        self.values[name] = value.value if isinstance(value, Enum) else value
        return f"${name}"


class _Definitions(NamedTuple):
    """The variable definitions of a compiled template (a call's leaves add to them)."""

    kept: tuple[str, ...]

    def text(self, added: list[str]) -> str:
        definitions = [*self.kept, *added]
        return "(" + ", ".join(definitions) + ")" if definitions else ""


def _item_type(type_ref: str) -> str:
    """The item type of a list type: ``[ProjectWhereInput!]!`` -> ``ProjectWhereInput!``."""
    inner = type_ref.rstrip("!")
    if not (inner.startswith("[") and inner.endswith("]")):
        return type_ref  # a single value given for a list (GraphQL input coercion)
    return inner[1:-1]


def _scalar_literal(value: Any) -> str:
    """A literal of a scalar no evidence names (the built-in and attested ones travel as
    variables): JSON's string, number and boolean forms are GraphQL's."""
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_scalar_literal(item) for item in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):
        raise WireValueError(f"{value!r} is no GraphQL value")
    if value is None or isinstance(value, str | int | float):  # bool is an int
        return json.dumps(value, ensure_ascii=False)
    raise WireValueError(f"{value!r} has no literal form")


def _enum_literal(value: Any, enum: str) -> str:
    value = value.value if isinstance(value, Enum) else value
    if not isinstance(value, str) or not _NAME.match(value) or value in _KEYWORDS:
        raise WireValueError(f"{value!r} is not a value of the enum {enum}")
    return value


def _compile(
    query: str,
    plan: OperationPlan,
    inline: tuple[tuple[str, str], ...],
    present: tuple[bool, ...],
) -> tuple[Any, ...]:
    """The document as text pieces and (variable, type) slots for one set of values."""
    types = {name: text.split(":", 1)[1].strip() for name, _, text in plan.variables}
    types = {name: types[name] for name, _ in inline}
    given = {name for (name, _), here in zip(inline, present, strict=True) if here}
    kept = [text for name, _, text in plan.variables if name not in types]
    edits: list[tuple[int, int, Any]] = [(*plan.definitions_span, _Definitions(tuple(kept)))]
    dropped = [0] * len(plan.groups)
    use_edits: list[tuple[int, int, Any, int]] = []
    for name, start, end, holder_start, holder_end, group in plan.uses:
        if name not in types:
            continue
        if name in given:
            use_edits.append((start, end, (name, types[name]), -1))
        elif holder_start >= 0:
            use_edits.append((holder_start, holder_end, "", group))
            if group >= 0:
                dropped[group] += 1
        else:  # an absent value inside a list is null, as for a variable
            use_edits.append((start, end, "null", -1))
    emptied = [i for i, (_, _, count) in enumerate(plan.groups) if dropped[i] == count]
    for start, end, replacement, group in use_edits:
        if group < 0 or group not in emptied:
            edits.append((start, end, replacement))
    edits += [(plan.groups[i][0], plan.groups[i][1], "") for i in emptied]
    edits.sort(key=lambda edit: edit[0])
    pieces: list[Any] = []
    at = 0
    for start, end, replacement in edits:
        pieces.append(query[at:start])
        if type(replacement) is not str or replacement:
            pieces.append(replacement)
        at = end
    pieces.append(query[at:])
    merged: list[Any] = []
    for piece in pieces:
        if type(piece) is str and merged and type(merged[-1]) is str:
            merged[-1] += piece
        elif piece != "":
            merged.append(piece)
    return tuple(merged)


def _rebuild(attested: list[str]) -> WirePolicy:
    from . import wire_plan

    return WirePolicy(attested, wire_plan.PLANS, wire_plan.INPUTS, wire_plan.ENUMS)
