"""Schema provenance, grading part: the strongest evidence for each element of
schema.graphql (recorded documents, the classic source, outside evidence) and the table of
grades that schema.provenance.toml is rendered from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from graphql import (
    GraphQLNamedType,
    GraphQLSchema,
    is_enum_type,
    is_input_object_type,
    is_object_type,
    is_scalar_type,
    is_specified_scalar_type,
)

from tests.fidelity.provenance_classic import CLASSIC_PREFIX, ClassicFacts
from tests.fidelity.provenance_facts import (
    CLASSIC_SOURCE,
    INFERRED,
    OFFICIAL_LATER,
    OUTSIDE,
    PUBLISHED,
    RECORDED,
    Difference,
    Facts,
    Grade,
    Key,
    Loc,
)

PRISMA_SUFFIXES = (
    "WhereUniqueInput",
    "WhereInput",
    "OrderByInput",
    "CreateInput",
    "UpdateInput",
    "UpsertInput",
    "ConnectInput",
)


def _cite(sources: Iterable[Any]) -> str:
    """The first outside source (by URL) and how many more state the fact."""
    labels = sorted({source.url + f" ({source.era})" for source in sources})
    more = f" (+{len(labels) - 1} more)" if len(labels) > 1 else ""
    return labels[0] + more


def outside_facts(
    schema: GraphQLSchema, sources: list[Any], rulings: list[Any]
) -> tuple[dict[str, Facts], list[Difference]]:
    """Facts of the outside evidence by class, and the facts that do not hold."""
    import tests.fidelity.outside_evidence as oe

    by_class: dict[str, Facts] = {OFFICIAL_LATER: Facts(), PUBLISHED: Facts(), OUTSIDE: Facts()}
    differing: dict[tuple[str, str], tuple[set[str], Any]] = {}
    for source, resolution in oe.resolutions(schema, sources):
        for key in resolution.keys:  # the steps that resolved, even when a later one fails
            by_class[source.cls].add(key, source)
        if not resolution.holds:
            entry = differing.setdefault((resolution.fact, resolution.problem or ""), (set(), None))
            ruling = oe.ruling_for(rulings, source, resolution.fact)
            entry[0].add(source.label)
            if ruling is not None:
                differing[(resolution.fact, resolution.problem or "")] = (entry[0], ruling.why)
    differences = [
        Difference(fact, problem, tuple(sorted(labels)), why)
        for (fact, problem), (labels, why) in sorted(differing.items())
    ]
    return by_class, differences


def _loc(loc: Loc) -> str:
    return f"{CLASSIC_PREFIX}/{loc[0]}:{loc[1]}"


def _first(locs: Iterable[Loc]) -> str:
    return _loc(min(locs))


#: Sources cited per element and evidence class in [outside."..."] (the count says how
#: many state it in all).
CITED = 2


class Provenance:
    """Grades elements of ``schema`` by the recorded documents, the classic source and the
    outside evidence (published docs, outside clients)."""

    def __init__(
        self,
        schema: GraphQLSchema,
        recorded: Facts,
        classic: ClassicFacts,
        outside: dict[str, Facts] | None = None,
        differences: list[Difference] | None = None,
    ) -> None:
        self.schema = schema
        self.recorded = recorded
        self.classic = classic
        #: evidence class (PUBLISHED / OUTSIDE) -> facts; origins are outside_evidence.Source
        self.outside = outside or {}
        #: outside facts that do not hold in the schema, with their rulings
        self.differences = differences or []

    def _outside_grade(self, *keys: Key) -> Grade | None:
        for level in (OFFICIAL_LATER, PUBLISHED, OUTSIDE):
            facts = self.outside.get(level)
            if facts is None:
                continue
            sources = set().union(*(facts.get(key) for key in keys))
            if sources:
                return Grade(level, _cite(sources))
        return None

    # Named types ------------------------------------------------------------------------------
    def type_grade(self, name: str) -> Grade:
        type_ = self.schema.get_type(name)
        if type_ is None or is_specified_scalar_type(type_):  # type: ignore[arg-type]
            return Grade(RECORDED, "GraphQL built-in")
        name_only = is_input_object_type(type_) or is_enum_type(type_) or is_scalar_type(type_)
        key = ("name", name) if name_only else ("type", name)
        ops = self.recorded.get(key) | (set() if name_only else self.recorded.get(("name", name)))
        if ops:
            return Grade(RECORDED, ", ".join(sorted(ops)))
        locs = self.classic.facts.get(key) | self.classic.facts.get(("name", name))
        locs |= self.classic.words.get(name, set())
        if locs:
            return Grade(CLASSIC_SOURCE, _first(locs))
        # Outside evidence grades a type by its NAME only: a path through an object type
        # shows that the type exists, not what it is called.
        outside = self._outside_grade(("name", name))
        if outside is not None:
            return outside
        return Grade(INFERRED, _inferred_reason(name))

    def object_name_grade(self, name: str) -> Grade:
        """What attests the NAME of an object type (on the wire in a fragment's or inline
        fragment's type condition): a document or the classic source naming it (an ORM
        class is named after its type), or an outside source naming it. A field returning
        the type attests that it exists, not its name."""
        ops = self.recorded.get(("name", name))
        if ops:
            return Grade(RECORDED, ", ".join(sorted(ops)))
        locs = self.classic.facts.get(("name", name)) | self.classic.words.get(name, set())
        if locs:
            return Grade(CLASSIC_SOURCE, _first(locs))
        return self._outside_grade(("name", name)) or Grade(
            INFERRED, "no document, classic class or outside source names it"
        )

    # Fields, arguments, enum values -----------------------------------------------------------
    def field_grade(self, parent: str, name: str) -> Grade:
        ops = self.recorded.get(("field", parent, name))
        if ops:
            return Grade(RECORDED, ", ".join(sorted(ops)))
        locs = self.classic.facts.get(("field", parent, name))
        if locs:
            return Grade(CLASSIC_SOURCE, _first(locs))
        return self._outside_grade(("field", parent, name)) or Grade(
            INFERRED, "no document or classic declaration uses it"
        )

    def arg_grade(self, parent: str, field_name: str, arg: str) -> Grade:
        ops = self.recorded.get(("arg", parent, field_name, arg))
        if ops:
            return Grade(RECORDED, ", ".join(sorted(ops)))
        locs = self.classic.facts.get(("arg", parent, field_name, arg))
        if locs:
            return Grade(CLASSIC_SOURCE, _first(locs))
        return self._outside_grade(("arg", parent, field_name, arg)) or Grade(
            INFERRED, "no document uses this argument"
        )

    def value_grade(self, enum: str, value: str) -> Grade:
        ops = self.recorded.get(("value", enum, value))
        if ops:
            return Grade(RECORDED, ", ".join(sorted(ops)))
        locs = self.classic.facts.get(("value", enum, value))
        if locs:
            return Grade(CLASSIC_SOURCE, _first(locs))
        return self._outside_grade(("value", enum, value)) or Grade(
            INFERRED, "no document uses this value"
        )

    def _root(self, which: str) -> str | None:
        root = self.schema.query_type if which == "query" else self.schema.mutation_type
        return root.name if root is not None else None

    # The table ------------------------------------------------------------------------------
    def table(self) -> dict[str, dict[str, dict[str, Any]]]:
        types: dict[str, dict[str, Any]] = {}
        roots = {self._root("query"), self._root("mutation")}
        for name in sorted(self.schema.type_map):
            type_ = self.schema.type_map[name]
            if name.startswith("__") or is_specified_scalar_type(type_):  # type: ignore[arg-type]
                continue
            grade = self.type_grade(name)
            entry: dict[str, Any] = {
                "evidence": grade.level,
                "source": grade.source,
                "kind": _kind(type_),
            }
            if is_input_object_type(type_):
                attested = sorted(
                    f
                    for f in type_.fields  # type: ignore[attr-defined]
                    if self.field_grade(name, f).level != INFERRED
                )
                entry["fields_attested"] = bool(attested)
                if attested:
                    entry["attested_fields"] = attested
            elif is_enum_type(type_):
                values = sorted(
                    v
                    for v in type_.values  # type: ignore[attr-defined]
                    if self.value_grade(name, v).level != INFERRED
                )
                entry["values_attested"] = bool(values)
                if values:
                    entry["attested_values"] = values
            elif is_object_type(type_) and name not in roots:
                entry["name_evidence"] = self.object_name_grade(name).level
                unattested = sorted(
                    f
                    for f in type_.fields  # type: ignore[attr-defined]
                    if self.field_grade(name, f).level == INFERRED
                )
                if unattested:
                    entry["inferred_fields"] = unattested
            types[name] = entry
        table: dict[str, dict[str, dict[str, Any]]] = {"types": types}
        for section, root in (
            ("query", self.schema.query_type),
            ("mutation", self.schema.mutation_type),
        ):
            if root is None:
                continue
            entries: dict[str, dict[str, Any]] = {}
            for fname in sorted(root.fields):
                grade = self.field_grade(root.name, fname)
                entry = {"evidence": grade.level, "source": grade.source}
                if grade.level == INFERRED:
                    entry["source"] = "reconstruction: neither recorded nor in the classic source"
                args = sorted(
                    a
                    for a in root.fields[fname].args
                    if self.arg_grade(root.name, fname, a).level == INFERRED
                )
                if args:
                    entry["inferred_arguments"] = args
                entries[fname] = entry
            table[section] = entries
        table["outside"] = self.outside_table()
        return table

    def outside_table(self) -> dict[str, dict[str, Any]]:
        """Per schema element the outside evidence attests: its sources by class."""
        elements: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for level, facts in self.outside.items():
            for key, sources in facts.seen.items():
                element = _element(key)
                if element is not None:
                    elements[element][level].update(s.citation for s in sources)
        table: dict[str, dict[str, Any]] = {}
        for element, by_level in sorted(elements.items()):
            entry: dict[str, Any] = {}
            for level, labels in sorted(by_level.items()):
                entry[level] = sorted(labels)[:CITED]
                if len(labels) > CITED:
                    entry[f"{level}-sources"] = len(labels)
            table[element] = entry
        return table


def _element(key: Key) -> str | None:
    """How the provenance table names an element: ``T`` (a type name), ``T.f`` (field),
    ``T.f(a:)`` (argument), ``Enum.VALUE``; None for "touched" keys."""
    kind = key[0]
    if kind == "name":
        return key[1]
    if kind == "field":
        return f"{key[1]}.{key[2]}"
    if kind == "arg":
        return f"{key[1]}.{key[2]}({key[3]}:)"
    if kind == "value":
        return f"{key[1]}.{key[2]}"
    return None


def _kind(type_: GraphQLNamedType) -> str:
    if is_input_object_type(type_):
        return "input"
    if is_enum_type(type_):
        return "enum"
    if is_scalar_type(type_):
        return "scalar"
    if is_object_type(type_):
        return "object"
    return type(type_).__name__.removeprefix("GraphQL").removesuffix("Type").lower()


def _inferred_reason(name: str) -> str:
    for suffix in PRISMA_SUFFIXES:
        if name.endswith(suffix) and name != suffix:
            return f"Prisma-1 naming convention (<Type>{suffix})"
    return "reconstruction: named by no recorded document and not in the classic source"
