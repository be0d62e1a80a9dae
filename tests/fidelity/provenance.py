"""Schema provenance: what each part of schema.graphql rests on.

schema.graphql is a reconstruction. This module grades every named type and every root
field (``Query.x`` / ``Mutation.x``) by the strongest evidence for it:

``recorded``
    A GraphQL document that the official ``labelbox==2.6.0`` client actually sent
    (``tests/fidelity/recorded_documents.json``) uses it. Each document is walked with
    graphql-core's ``TypeInfo`` against schema.graphql: every named type, field, argument,
    inline input field, enum value and variable type it touches.
``classic-source``
    Not sent in the recording, but the classic 2.6.0 source names it: a GraphQL document
    in one of its string literals (parsed with ``%s`` placeholders filled, and walked the
    same way; templates that do not parse are searched word by word), an ORM entity class
    (``type_name()`` is the class name) with its ``Field``/``Relationship`` declarations,
    an enum class put on the wire by ``Field.Enum`` or a ``Field.Type`` member (variable
    type names), and what the generic builder ``orm/query.py`` derives from those
    declarations: relationship expansions ``<entity>(where: {id: $p}) {<relationship>}``,
    ``where``/``skip``/``first``/``orderBy`` on the collections it pages (unless the classic
    turns filtering/sorting off for that relationship), create/update ``data`` fields and
    where comparisons (``{name_gt: $p}``, ``AND``). This level says "the classic would send
    it", which is weaker than "it was sent".
``inferred``
    Nothing attests it (the reconstruction's own choice, mostly Prisma-1 naming such as
    ``ProjectWhereInput``).

For input objects, enums and custom scalars the grade is that of the type NAME, which is on
the wire only where a document declares a variable of that type. The classic client inlined
its where/data/orderBy objects (``createProject(data: {name: $name})``), so their names are
mostly inferred even where their fields are attested: ``fields_attested`` /
``attested_fields`` (input objects) and ``values_attested`` / ``attested_values`` (enums)
record that separately.

Commands (from the repository root)::

    .venv/bin/python -m tests.fidelity.provenance               # counts by evidence level
    .venv/bin/python -m tests.fidelity.provenance --write       # regenerate schema.provenance.toml
    .venv/bin/python -m tests.fidelity.provenance --operations  # SDK operations on inferred parts

The classic source is read (never imported) from the virtualenv of ``LABELBOX_CLASSIC_PYTHON``
or else ``.venv-classic`` (``scripts/classic-venv`` creates it).

This module is the entry point and re-exports the public names of its helpers:
``provenance_facts`` (evidence levels, walking documents), ``provenance_classic`` (what the
classic source names), ``provenance_grade`` (grading, the table) and ``provenance_report``
(the TOML text, the counts, the SDK operations on inferred elements).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from graphql import GraphQLSchema, build_schema, parse, print_ast

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # loaded by path (test_provenance.py): the helpers import as tests.*
    sys.path.append(str(ROOT))

from tests.fidelity.provenance_classic import (  # noqa: E402
    CLASSIC_ENV,
    CLASSIC_PREFIX,
    CLASSIC_VERSION,
    ClassicFacts,
    classic_facts,
    find_classic_package,
)
from tests.fidelity.provenance_facts import (  # noqa: E402
    CLASSIC_SOURCE,
    INFERRED,
    LEVELS,
    OFFICIAL_LATER,
    OUTSIDE,
    PUBLISHED,
    RECORDED,
    Difference,
    Facts,
    Grade,
    Key,
    Loc,
    operation_name,
    walk,
)
from tests.fidelity.provenance_grade import Provenance, outside_facts  # noqa: E402
from tests.fidelity.provenance_report import (  # noqa: E402
    CATEGORIES,
    UNRULED,
    OperationReport,
    operation_documents,
    operation_reports,
    print_counts,
    print_operations,
    render,
)

__all__ = [
    "CALLER_WRITTEN_METHODS",
    "CATEGORIES",
    "CLASSIC_ENV",
    "CLASSIC_PREFIX",
    "CLASSIC_SOURCE",
    "CLASSIC_VERSION",
    "INFERRED",
    "LEVELS",
    "OFFICIAL_LATER",
    "OUTSIDE",
    "PUBLISHED",
    "RECORDED",
    "RECORDED_PATH",
    "SCHEMA_PATH",
    "TABLE_PATH",
    "UNRULED",
    "ClassicFacts",
    "Difference",
    "Facts",
    "Grade",
    "Key",
    "Loc",
    "OperationReport",
    "Provenance",
    "build",
    "classic_facts",
    "find_classic_package",
    "load_schema",
    "main",
    "operation_documents",
    "operation_reports",
    "outside_facts",
    "print_counts",
    "print_operations",
    "recorded_facts",
    "render",
    "walk",
]

SCHEMA_PATH = ROOT / "schema.graphql"
TABLE_PATH = ROOT / "schema.provenance.toml"
RECORDED_PATH = Path(__file__).with_name("recorded_documents.json")
# Requests whose document the caller wrote (the recorder's own `Client.execute` probe): they
# show what the classic transports, not what it knows about the API.
CALLER_WRITTEN_METHODS = frozenset({"Client.execute"})


def load_schema() -> GraphQLSchema:
    return build_schema(SCHEMA_PATH.read_text())


def recorded_facts(schema: GraphQLSchema) -> Facts:
    """What the documents the classic client sent touch; origins are operation names."""
    facts = Facts()
    seen: set[tuple[str, str]] = set()
    for record in json.loads(RECORDED_PATH.read_text()):
        if record["method"] in CALLER_WRITTEN_METHODS:
            continue
        document = parse(record["query"])
        variables = record.get("variables") or {}
        dedup = (print_ast(document), json.dumps(variables, sort_keys=True))
        if dedup in seen:
            continue
        seen.add(dedup)
        name = operation_name(document)
        walk(schema, document, lambda _node, name=name: name, facts, variables)
    return facts


def build(package: Path | None = None) -> Provenance:
    package = package or find_classic_package()
    if package is None:
        raise SystemExit(
            f"labelbox=={CLASSIC_VERSION} source not found: run scripts/classic-venv or set "
            f"{CLASSIC_ENV} to the python of a venv that has it"
        )
    import tests.fidelity.outside_evidence as oe

    schema = load_schema()
    outside, differences = outside_facts(schema, oe.load_sources(), oe.load_rulings())
    return Provenance(
        schema, recorded_facts(schema), classic_facts(schema, package), outside, differences
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fidelity.provenance", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--write", action="store_true", help=f"regenerate {TABLE_PATH.name}")
    parser.add_argument(
        "--operations",
        action="store_true",
        help="report the SDK operations resting on inferred elements",
    )
    parser.add_argument("--classic", type=Path, help="the classic labelbox package directory")
    args = parser.parse_args(argv)
    prov = build(args.classic)
    table = prov.table()
    if args.write:
        TABLE_PATH.write_text(render(table, prov.differences))
        print(f"wrote {TABLE_PATH.relative_to(ROOT)}")
    if args.operations:
        print_operations(operation_reports(prov, operation_documents()))
    else:
        print_counts(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
