"""The "API schema" reference page, generated from the schema and the SDK's operations.

Renders ``src/labelbox_gen/schema.graphql`` (the schema the SDK was generated from, a copy
of ``schema.graphql``) and ``src/labelbox_gen/operations.graphql`` (every document the SDK
sends) as one Markdown page: each operation with its document and the facade methods
that send it (``labelbox.schema_tool.usage``), then every type of the schema with its
fields and their descriptions.

Used two ways:

* as an MkDocs hook (``hooks:`` in mkdocs.yml): ``on_files`` adds the page
  ``reference/api-schema.md`` to the build, generated in memory (nothing is written to
  ``docs/``);
* as a script: ``.venv/bin/python docs/gen_schema_page.py [OUT.md]`` prints (or writes)
  the page.

No MkDocs GraphQL plugin is used: the one on PyPI (``mkdocstrings-graphql`` 0.3.0, a
single-maintainer beta) pins ``typing-extensions~=4.13.0`` and ``mkdocs-autorefs~=1.4.0``,
which conflict with this project's environment, and it does not know which operations the
SDK sends.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    OperationDefinitionNode,
    build_schema,
    parse,
    print_ast,
)
from graphql.utilities import print_type

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "src" / "labelbox_gen"
PAGE = "reference/api-schema.md"


def _cell(text: str | None) -> str:
    """Text fit for one Markdown table cell."""
    if not text:
        return ""
    return " ".join(text.split()).replace("|", "\\|")


def _anchor(name: str) -> str:
    return name.lower()


def _type_link(type_: Any, schema: GraphQLSchema) -> str:
    """``[Project!]!`` with the named type linked to its section."""
    text = str(type_)
    named = text.strip("[]!")
    builtin = named in ("String", "Int", "Float", "Boolean", "ID")
    if builtin or schema.get_type(named) is None or named.startswith("__"):
        return f"`{text}`"
    before, _, after = text.partition(named)
    return f"`{before}`[`{named}`](#{_anchor(named)})`{after}`".replace("``", "")


def _field_row(name: str, field: GraphQLField, schema: GraphQLSchema) -> str:
    args = ", ".join(field.args)
    shown = f"`{name}({args})`" if args else f"`{name}`"
    return f"| {shown} | {_type_link(field.type, schema)} | {_cell(field.description)} |"


def _operations(document: DocumentNode) -> list[OperationDefinitionNode]:
    found = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return sorted(
        found, key=lambda op: (op.operation.value != "query", op.name.value if op.name else "")
    )


def _fragments(document: DocumentNode) -> list[FragmentDefinitionNode]:
    found = [d for d in document.definitions if isinstance(d, FragmentDefinitionNode)]
    return sorted(found, key=lambda f: f.name.value)


def _usage() -> dict[str, tuple[str, ...]]:
    """Operation name -> facade methods that send it (empty if the scan is unavailable)."""
    try:
        from labelbox.schema_tool.usage import usage_map

        return dict(usage_map().methods_by_operation)
    except Exception:  # documentation must build even where the scan cannot run
        return {}


def _indented(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else "" for line in text.splitlines())


def _details(title: str, language: str, body: str) -> list[str]:
    """A collapsed block (pymdownx.details) holding a code block."""
    return [f'??? abstract "{title}"', "", f"    ```{language}", _indented(body), "    ```", ""]


def _kind_title(type_: GraphQLNamedType) -> str:
    if isinstance(type_, GraphQLObjectType):
        return "object"
    if isinstance(type_, GraphQLInputObjectType):
        return "input"
    if isinstance(type_, GraphQLEnumType):
        return "enum"
    if isinstance(type_, GraphQLScalarType):
        return "scalar"
    if isinstance(type_, GraphQLInterfaceType):
        return "interface"
    if isinstance(type_, GraphQLUnionType):
        return "union"
    return "type"


def render(schema_sdl: str, operations_text: str) -> str:
    """The page's Markdown."""
    schema = build_schema(schema_sdl)
    document = parse(operations_text)
    operations = _operations(document)
    out = _introduction(len(operations))
    out += _operation_table(operations, _usage())
    out += _documents(operations, document)
    out += _root_fields(schema)
    for title, types in _type_sections(schema):
        out += [f"## {title}", ""]
        for type_ in types:
            out += _type_section(type_, schema)
    return "\n".join(out) + "\n"


def _introduction(operations: int) -> list[str]:
    """The page's title and introduction, down to the operations table's header."""
    return [
        "# API schema",
        "",
        "The GraphQL schema this SDK was generated from (`schema.graphql`, packaged as",
        "`labelbox_gen/schema.graphql`) and every operation the SDK sends",
        "(`labelbox_gen/operations.graphql`). The schema is a reconstruction from the",
        "documented client and from what the classic `labelbox==2.6.0` client sends;",
        "`schema.provenance.toml` grades what each type rests on. Compare it with a live",
        "server with `labelbox-schema diff bundled server.graphql` and",
        "`labelbox-schema check` (see [Keeping up with schema changes]"
        "(../guides/schema-changes.md)).",
        "",
        "*Generated at build time by `docs/gen_schema_page.py`; do not edit.*",
        "",
        "## Operations the SDK sends",
        "",
        f"{operations} operations. *Sent by* lists the public methods (of the facade and",
        "of the generated entity bases) that send each one, as found by the static scan",
        "`labelbox-schema` uses (`labelbox.schema_tool.usage`); a call it cannot follow",
        "(e.g. the bulk deletions behind `DataRow.bulk_delete`) shows as *(not found)*.",
        "",
        "| operation | kind | root fields | sent by |",
        "|---|---|---|---|",
    ]


def _operation_table(
    operations: list[OperationDefinitionNode], usage: dict[str, tuple[str, ...]]
) -> list[str]:
    """One table row per operation: kind, root fields and the methods that send it."""
    out: list[str] = []
    for op in operations:
        name = op.name.value if op.name else "(anonymous)"
        roots = ", ".join(
            f"`{sel.name.value}`"  # type: ignore[attr-defined]
            for sel in op.selection_set.selections
            if hasattr(sel, "name")
        )
        methods = ", ".join(f"`{m}`" for m in usage.get(name, ())) or "(not found)"
        out.append(
            f"| [{name}](#op-{_anchor(name)}) | {op.operation.value} | {roots} | {methods} |"
        )
    return out


def _documents(operations: list[OperationDefinitionNode], document: DocumentNode) -> list[str]:
    """Each operation's document, then each fragment, in a collapsed block."""
    out = ["", "### Documents", ""]
    for op in operations:
        name = op.name.value if op.name else "(anonymous)"
        out += [f'<a id="op-{_anchor(name)}"></a>', ""]
        out += _details(f"{name} ({op.operation.value})", "graphql", print_ast(op))
    out += [
        "### Fragments",
        "",
        "One `<Entity>Fields` fragment per entity: the fields the SDK reads.",
        "",
    ]
    for fragment in _fragments(document):
        out += _details(fragment.name.value, "graphql", print_ast(fragment))
    return out


def _root_fields(schema: GraphQLSchema) -> list[str]:
    """A table of the fields of Query and of Mutation."""
    out = ["## Root fields", ""]
    for root in (schema.query_type, schema.mutation_type):
        if root is None:
            continue
        out += [
            f'### {root.name} {{ #{_anchor(root.name)} data-toc-label="{root.name}" }}',
            "",
            "| field | type | description |",
            "|---|---|---|",
        ]
        out += [_field_row(n, f, schema) for n, f in sorted(root.fields.items())]
        out.append("")
    return out


def _type_sections(schema: GraphQLSchema) -> list[tuple[str, Iterable[GraphQLNamedType]]]:
    """The named types other than the roots, by section title."""
    named = [
        t
        for name, t in sorted(schema.type_map.items())
        if not name.startswith("__") and t not in (schema.query_type, schema.mutation_type)
    ]
    return [
        ("Object types", [t for t in named if isinstance(t, GraphQLObjectType)]),
        ("Enums", [t for t in named if isinstance(t, GraphQLEnumType)]),
        (
            "Scalars",
            [
                t
                for t in named
                if isinstance(t, GraphQLScalarType)
                and t.name not in ("String", "Int", "Float", "Boolean", "ID")
            ],
        ),
        ("Input types", [t for t in named if isinstance(t, GraphQLInputObjectType)]),
    ]


def _type_section(type_: GraphQLNamedType, schema: GraphQLSchema) -> list[str]:
    """One named type: its description, then its fields, values or definition."""
    out = [f"### {type_.name} {{ #{_anchor(type_.name)} }}", ""]
    if type_.description:
        out += [" ".join(type_.description.split()), ""]
    if isinstance(type_, GraphQLObjectType):
        out += ["| field | type | description |", "|---|---|---|"]
        out += [_field_row(n, f, schema) for n, f in type_.fields.items()]
        out.append("")
    elif isinstance(type_, GraphQLEnumType):
        out.append("Values: " + ", ".join(f"`{v}`" for v in type_.values) + "\n")
    elif isinstance(type_, GraphQLInputObjectType):
        out += _details(f"{_kind_title(type_)} {type_.name}", "graphql", print_type(type_))
    return out


def render_repository() -> str:
    """The page for this repository's generated package."""
    return render(
        (GENERATED / "schema.graphql").read_text(encoding="utf-8"),
        (GENERATED / "operations.graphql").read_text(encoding="utf-8"),
    )


# -- MkDocs hook ----------------------------------------------------------------------------
def on_files(files: Any, config: Any) -> Any:
    """Adds the generated page to the build (MkDocs hook)."""
    from mkdocs.structure.files import File

    files.append(File.generated(config, PAGE, content=render_repository()))
    return files


if __name__ == "__main__":
    page = render_repository()
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(page, encoding="utf-8")
    else:
        sys.stdout.write(page)
