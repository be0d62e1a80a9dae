"""Outside evidence: facts about the real Labelbox API from its published documentation, from
public clients that called ``api.labelbox.com/graphql`` directly, and from the official
Python client's releases after 2.6.0 (whose 2.6.0 itself is recorded and read elsewhere).

The facts live in ``tests/fidelity/evidence/*.toml``: one ``[[source]]`` per page, page
revision or client file, with its address, its class and its era, and the facts it shows in
a small path language (never its text or code)::

    [[source]]
    id = "docs-reference-bulk-import-requests"
    class = "published-docs"            # or "outside-client", "official-client"
    url = "https://docs.labelbox.com/reference/bulk-import-requests"
    era = "2021"                        # the year (or range) the source reflects
    dated_by = "readme.io reference site; the SDK it links is 3.x"
    facts = [
      "Query.bulkImportRequests(first:): PageSize",
      "Query.bulkImportRequests(where:).projectId",
      "Query.bulkImportRequest.state = FINISHED",
    ]

A fact is ``PATH``, ``PATH: TYPE`` or ``PATH = VALUE`` (or ``type NAME``):

* ``PATH`` starts at ``Query``, ``Mutation`` or a type name the source itself names, then
  follows output fields (``.labels``), arguments (``(where:)``) and the input fields inside an
  argument (``(where:).createdBy.id``). Each step is a fact: the field, argument or input
  field exists there.
* ``: TYPE`` gives the named type the source shows at that position (a variable declaration
  ``$first: PageSize!`` used there, or a reference table). List and non-null marks are allowed
  and ignored: the named type is what a variable declaration puts on the wire.
* ``= VALUE`` is an enum value used or returned at that position.
* ``type NAME``: the source names the type (without a position).

``python -m tests.fidelity.outside_evidence`` resolves every fact against schema.graphql and
lists those that do not hold there (contradictions, or elements the schema lacks);
``--file F`` checks one file. ``evidence/rulings.toml`` holds the rulings on facts the schema
deliberately does not follow (``[[ruling]]``: why) and the corrections made to the schema
because of outside facts (``[[correction]]``: what changed; those facts must hold).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import (
    GraphQLSchema,
    build_schema,
    get_named_type,
    is_enum_type,
    is_input_object_type,
    is_interface_type,
    is_object_type,
)

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[2]
EVIDENCE_DIR = Path(__file__).with_name("evidence")
RULINGS_PATH = EVIDENCE_DIR / "rulings.toml"
CLASSES = ("official-client", "published-docs", "outside-client")
SOURCE_KEYS = {"id", "class", "url", "era", "dated_by", "revision", "facts", "behaviours", "note"}
REQUIRED_KEYS = ("id", "class", "url", "era", "facts")

# Key shapes shared with provenance.py: ("type", T) touched, ("name", T) named,
# ("field", T, f) output or input field, ("arg", T, f, a), ("value", Enum, V).
Key = tuple[str, ...]

_NAME = r"[_A-Za-z][_0-9A-Za-z]*"
_FACT = re.compile(
    rf"^(?P<path>{_NAME}(?:\.{_NAME}|\({_NAME}:\))*)"
    rf"(?:\s*:\s*(?P<type>[\[\]!]*{_NAME}[\[\]!]*)|\s*=\s*(?P<value>{_NAME}))?$"
)
_TYPE_FACT = re.compile(rf"^type\s+(?P<name>{_NAME})$")
_STEP = re.compile(rf"\.(?P<field>{_NAME})|\((?P<arg>{_NAME}):\)")


@dataclass(frozen=True)
class Source:
    """One page, page revision or client file and what it shows."""

    id: str
    cls: str
    url: str
    era: str
    file: str
    facts: tuple[str, ...]
    dated_by: str = ""
    revision: str = ""
    behaviours: tuple[str, ...] = ()

    @property
    def citation(self) -> str:
        """``<url> (<era>)``: how provenance cites the source within its class."""
        revision = f" [{self.revision}]" if self.revision else ""
        return f"{self.url}{revision} ({self.era})"

    @property
    def label(self) -> str:
        """``<class>: <url> (<era>)``: how provenance cites the source."""
        return f"{self.cls}: {self.citation}"


@dataclass(frozen=True)
class Resolution:
    """What one fact says in terms of schema.graphql, or why it does not hold there."""

    fact: str
    keys: tuple[Key, ...]
    problem: str | None = None  # None: the fact holds in the schema

    @property
    def holds(self) -> bool:
        return self.problem is None


class EvidenceFormatError(ValueError):
    """An evidence file breaks the format described in this module's docstring."""


def load_sources(directory: Path = EVIDENCE_DIR) -> list[Source]:
    """Every ``[[source]]`` of every evidence file (rulings.toml excluded), checked."""
    sources: list[Source] = []
    seen: set[str] = set()
    for path in sorted(directory.glob("*.toml")):
        if path == RULINGS_PATH or path.name == RULINGS_PATH.name:
            continue
        sources.extend(load_file(path))
    for source in sources:
        if source.id in seen:
            raise EvidenceFormatError(f"source id {source.id!r} is used twice")
        seen.add(source.id)
    return sources


def load_file(path: Path) -> list[Source]:
    """The sources of one evidence file; raises EvidenceFormatError naming the problem."""
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise EvidenceFormatError(f"{path.name}: {exc}") from None
    out = []
    for index, raw in enumerate(data.get("source", [])):
        where = f"{path.name} source #{index + 1} ({raw.get('id', '?')})"
        unknown = set(raw) - SOURCE_KEYS
        if unknown:
            raise EvidenceFormatError(f"{where}: unknown keys {sorted(unknown)}")
        missing = [k for k in REQUIRED_KEYS if not raw.get(k)]
        if missing:
            raise EvidenceFormatError(f"{where}: missing {missing}")
        if raw["class"] not in CLASSES:
            raise EvidenceFormatError(f"{where}: class must be one of {CLASSES}")
        for fact in raw["facts"]:
            if parse_fact(fact) is None:
                raise EvidenceFormatError(f"{where}: cannot parse fact {fact!r}")
        out.append(
            Source(
                id=raw["id"],
                cls=raw["class"],
                url=raw["url"],
                era=str(raw["era"]),
                file=path.name,
                facts=tuple(raw["facts"]),
                dated_by=raw.get("dated_by", ""),
                revision=raw.get("revision", ""),
                behaviours=tuple(raw.get("behaviours", ())),
            )
        )
    return out


def parse_fact(fact: str) -> tuple[str, list[tuple[str, str]], str | None, str | None] | None:
    """(root, steps, type, value) of a path fact, ("type", [], NAME, None) of a type fact,
    or None when the fact does not parse. A step is ("field", name) or ("arg", name)."""
    fact = fact.strip()
    named = _TYPE_FACT.match(fact)
    if named:
        return ("type", [], named.group("name"), None)
    match = _FACT.match(fact)
    if match is None:
        return None
    path = match.group("path")
    root = re.match(_NAME, path)
    assert root is not None
    steps = [
        ("field", m.group("field")) if m.group("field") else ("arg", m.group("arg"))
        for m in _STEP.finditer(path, root.end())
    ]
    type_ref = match.group("type")
    named_type = type_ref.strip("[]!") if type_ref else None
    return (root.group(), steps, named_type, match.group("value"))


def resolve(schema: GraphQLSchema, fact: str) -> Resolution:
    """The schema elements ``fact`` attests, or the first step at which it fails."""
    parsed = parse_fact(fact)
    if parsed is None:
        return Resolution(fact, (), "does not parse")
    root, steps, type_name, value = parsed
    keys: list[Key] = []
    if root == "type" and not steps and value is None and type_name is not None:
        if schema.get_type(type_name) is None:
            return Resolution(fact, (), f"the schema has no type {type_name}")
        return Resolution(fact, (("name", type_name),))
    current: Any = schema.get_type(root)
    if current is None:
        return Resolution(fact, (), f"the schema has no type {root}")
    roots = {t.name for t in (schema.query_type, schema.mutation_type) if t is not None}
    if root not in roots:
        keys.append(("name", root))
    keys.append(("type", root))
    last_field: tuple[str, str, Any] | None = None  # (parent, field, GraphQLField)
    for kind, name in steps:
        if kind == "arg":
            if last_field is None:
                return Resolution(fact, tuple(keys), f"({name}:) follows no output field")
            parent, field_name, definition = last_field
            argument = definition.args.get(name)
            if argument is None:
                return Resolution(
                    fact, tuple(keys), f"{parent}.{field_name} has no argument {name}"
                )
            keys.append(("arg", parent, field_name, name))
            current = get_named_type(argument.type)
            last_field = None
            continue
        if is_object_type(current) or is_interface_type(current):
            definition = current.fields.get(name)
            if definition is None:
                return Resolution(fact, tuple(keys), f"{current.name} has no field {name}")
            keys.append(("field", current.name, name))
            last_field = (current.name, name, definition)
            current = get_named_type(definition.type)
            keys.append(("type", current.name))
        elif is_input_object_type(current):
            definition = current.fields.get(name)
            if definition is None:
                return Resolution(fact, tuple(keys), f"{current.name} has no input field {name}")
            keys.append(("field", current.name, name))
            current = get_named_type(definition.type)
            last_field = None
        else:
            return Resolution(fact, tuple(keys), f"{current.name} has no fields (at .{name})")
    if type_name is not None:
        if current.name != type_name:
            return Resolution(
                fact, tuple(keys), f"the schema types this {current.name}, not {type_name}"
            )
        keys.append(("name", type_name))
    if value is not None:
        if not is_enum_type(current):
            return Resolution(fact, tuple(keys), f"{current.name} is not an enum (= {value})")
        if value not in current.values:
            return Resolution(fact, tuple(keys), f"enum {current.name} has no value {value}")
        keys.append(("value", current.name, value))
    return Resolution(fact, tuple(keys))


@dataclass(frozen=True)
class Ruling:
    """Why schema.graphql does not follow some outside facts (``evidence/rulings.toml``).

    ``facts`` are exact facts and ``sources`` source ids, or prefixes of them ending in
    ``*``. A ruling covers a differing fact when both given lists match it (an omitted
    list matches everything).
    """

    why: str
    facts: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def covers(self, source: Source, fact: str) -> bool:
        """Whether this ruling covers ``fact`` as ``source`` states it."""
        if self.sources and not _matches(source.id, self.sources):
            return False
        return not self.facts or _matches(fact, self.facts)


def _matches(text: str, patterns: tuple[str, ...]) -> bool:
    """``text`` equals a pattern, or starts with one that ends in ``*``."""
    return any(text.startswith(p[:-1]) if p.endswith("*") else text == p for p in patterns)


@dataclass(frozen=True)
class Correction:
    """A change made to schema.graphql because outside facts contradicted it: the facts
    (which must now hold) and what changed."""

    change: str
    facts: tuple[str, ...]


def load_rulings(path: Path = RULINGS_PATH) -> list[Ruling]:
    """The ``[[ruling]]`` entries of ``evidence/rulings.toml``."""
    if not path.is_file():
        return []
    data = tomllib.loads(path.read_text())
    return [
        Ruling(entry["why"], tuple(entry.get("facts", ())), tuple(entry.get("sources", ())))
        for entry in data.get("ruling", [])
    ]


def load_corrections(path: Path = RULINGS_PATH) -> list[Correction]:
    """The ``[[correction]]`` entries of ``evidence/rulings.toml``."""
    if not path.is_file():
        return []
    data = tomllib.loads(path.read_text())
    return [
        Correction(entry["change"], tuple(entry["facts"])) for entry in data.get("correction", [])
    ]


def ruling_for(rulings: list[Ruling], source: Source, fact: str) -> Ruling | None:
    """The first ruling that covers ``fact`` of ``source``, if any."""
    return next((r for r in rulings if r.covers(source, fact)), None)


def resolutions(
    schema: GraphQLSchema, sources: list[Source]
) -> Iterator[tuple[Source, Resolution]]:
    """Every fact of every source, resolved."""
    for source in sources:
        for fact in source.facts:
            yield source, resolve(schema, fact)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fidelity.outside_evidence",
        description="Resolve the outside evidence against schema.graphql.",
    )
    parser.add_argument("--file", type=Path, help="check only this evidence file")
    parser.add_argument("--schema", type=Path, default=ROOT / "schema.graphql")
    parser.add_argument("--all", action="store_true", help="also list the facts that hold")
    args = parser.parse_args(argv)
    schema = build_schema(args.schema.read_text())
    try:
        sources = load_file(args.file) if args.file else load_sources()
    except EvidenceFormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rulings = load_rulings()
    held = failed = ruled = 0
    for source, resolution in resolutions(schema, sources):
        if resolution.holds:
            held += 1
            if args.all:
                print(f"ok       {source.id}: {resolution.fact}")
        elif ruling_for(rulings, source, resolution.fact) is not None:
            ruled += 1
            print(f"ruled    {source.id}: {resolution.fact}  -- {resolution.problem}")
        else:
            failed += 1
            print(f"DIFFERS  {source.id}: {resolution.fact}  -- {resolution.problem}")
    print(
        f"{len(sources)} sources, {held + failed + ruled} facts: {held} hold in the schema, "
        f"{ruled} differ with a ruling, {failed} differ without one"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
