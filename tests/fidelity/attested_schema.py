"""A schema built only from attested facts: schema.graphql minus everything provenance grades
``inferred``.

* object types keep only their attested fields, and fields only their attested arguments;
* input objects keep only their attested fields, enums only their attested values (an
  input object or enum left empty keeps one placeholder, so that the arguments typed with
  it stay valid SDL);
* every type whose NAME is not attested is renamed ``Unattested<Name>`` (for object types:
  ``name_evidence``), so a document that declares or spreads on such a name is refused;
* fields whose type was emptied away go too, until nothing changes.

``labelbox-schema check --schema`` against it must reject none of the SDK's operations
(tests/fidelity/test_wire.py): everything the SDK sends rests on evidence.

    .venv/bin/python -m tests.fidelity.attested_schema -o /tmp/attested.graphql
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
    is_specified_scalar_type,
)

PLACEHOLDER_FIELD = "unattestedPlaceholder"
PLACEHOLDER_VALUE = "UNATTESTED_PLACEHOLDER"
PREFIX = "Unattested"
INFERRED = "inferred"


def _named(prov: Any, name: str, type_: GraphQLNamedType, roots: set[str]) -> bool:
    if is_specified_scalar_type(type_) or name in roots:  # type: ignore[arg-type]
        return True
    if isinstance(type_, GraphQLObjectType):
        return bool(prov.object_name_grade(name).level != INFERRED)
    return bool(prov.type_grade(name).level != INFERRED)


def build_attested(prov: Any) -> str:
    """The SDL of the attested-only schema of a ``tests.fidelity.provenance.Provenance``."""
    schema: GraphQLSchema = prov.schema
    inferred = INFERRED
    roots = {t.name for t in (schema.query_type, schema.mutation_type) if t is not None}
    lines: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    for name, type_ in schema.type_map.items():
        if name.startswith("__") or is_specified_scalar_type(type_):  # type: ignore[arg-type]
            continue
        if isinstance(type_, GraphQLObjectType):
            kinds[name] = "type"
            lines[name] = [
                _field(prov, name, fname, field, inferred)
                for fname, field in type_.fields.items()
                if prov.field_grade(name, fname).level != inferred
            ]
        elif isinstance(type_, GraphQLInputObjectType):
            kinds[name] = "input"
            lines[name] = [
                f"{fname}: {field.type}"
                for fname, field in type_.fields.items()
                if prov.field_grade(name, fname).level != inferred
            ] or [f"{PLACEHOLDER_FIELD}: Boolean"]
        elif isinstance(type_, GraphQLEnumType):
            kinds[name] = "enum"
            lines[name] = [
                value for value in type_.values if prov.value_grade(name, value).level != inferred
            ] or [PLACEHOLDER_VALUE]
        else:
            kinds[name] = "scalar"
            lines[name] = []
    _drop_dangling(lines, kinds)
    renamed = {
        name: name if _named(prov, name, schema.type_map[name], roots) else PREFIX + name
        for name in lines
    }
    return _render(lines, kinds, renamed, schema)


def _field(prov: Any, parent: str, fname: str, field: Any, inferred: str) -> str:
    args = [
        f"{aname}: {arg.type}"
        for aname, arg in field.args.items()
        if prov.arg_grade(parent, fname, aname).level != inferred
    ]
    return f"{fname}{'(' + ', '.join(args) + ')' if args else ''}: {field.type}"


def _type_of(line: str) -> str:
    return line.rsplit(":", 1)[1].strip().strip("[]!")


def _drop_dangling(lines: dict[str, list[str]], kinds: dict[str, str]) -> None:
    """Removes object types left without fields, and every field or argument whose type
    is gone, until nothing changes."""
    builtins = {"ID", "String", "Int", "Float", "Boolean"}
    changed = True
    while changed:
        changed = False
        for name in [n for n, k in kinds.items() if k == "type" and not lines.get(n)]:
            if name in lines:
                del lines[name]
                changed = True
        known = set(lines) | builtins
        for name, kind in kinds.items():
            if name not in lines or kind not in ("type", "input"):
                continue
            kept = []
            for line in lines[name]:
                args_ok = all(_type_of(a) in known for a in _args(line))
                if _type_of(line) in known and args_ok:
                    kept.append(line)
                elif "(" in line and _type_of(line) in known:
                    kept.append(_without_unknown_args(line, known))
            if kept != lines[name]:
                lines[name] = kept or ([f"{PLACEHOLDER_FIELD}: Boolean"] if kind == "input" else [])
                changed = True


def _args(line: str) -> list[str]:
    if "(" not in line:
        return []
    inner = line[line.index("(") + 1 : line.rindex(")")]
    return [a.strip() for a in inner.split(", ") if a.strip()]


def _without_unknown_args(line: str, known: set[str]) -> str:
    head = line[: line.index("(")]
    kept = [a for a in _args(line) if _type_of(a) in known]
    tail = line[line.rindex(")") + 1 :]
    return head + (f"({', '.join(kept)})" if kept else "") + tail


def _render(
    lines: dict[str, list[str]], kinds: dict[str, str], renamed: dict[str, str], schema: Any
) -> str:
    import re

    def rename(text: str) -> str:
        return re.sub(
            r"\b([_A-Za-z][_0-9A-Za-z]*)\b", lambda m: renamed.get(m.group(1), m.group(1)), text
        )

    out = ["schema {"]
    if schema.query_type is not None:
        out.append(f"  query: {schema.query_type.name}")
    if schema.mutation_type is not None:
        out.append(f"  mutation: {schema.mutation_type.name}")
    out.append("}")
    for name in sorted(lines):
        kind = kinds[name]
        if kind == "scalar":
            out.append(f"scalar {renamed[name]}")
            continue
        out.append(f"{kind} {renamed[name]} {{")
        for line in lines[name]:
            text = line if kind == "enum" else _rename_types(line, rename)
            out.append(f"  {text}")
        out.append("}")
    return "\n".join(out) + "\n"


def _rename_types(line: str, rename: Any) -> str:
    """Renames the type references of a field line (not its field or argument names)."""
    head, _, type_ref = line.rpartition(":")
    if "(" in head:
        name = head[: head.index("(")]
        args = ", ".join(
            f"{a.split(':', 1)[0]}: {rename(a.split(':', 1)[1].strip())}" for a in _args(head)
        )
        head = f"{name}({args})"
    return f"{head}: {rename(type_ref.strip())}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fidelity.attested_schema")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.fidelity import provenance

    prov = provenance.build()
    sdl = build_attested(prov)
    build_schema(sdl)  # valid SDL, or this fails loudly
    args.output.write_text(sdl)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
