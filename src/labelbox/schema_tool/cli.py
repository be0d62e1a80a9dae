"""The ``labelbox-schema`` command line: ``pull``, ``diff`` and ``check``.

Exit status: 0 when all is well, 1 when ``diff`` finds a breaking change or ``check``
finds a rejected operation, 2 for usage, file, network, HTTP or GraphQL errors (one
line on stderr). The API key is read from ``--api-key`` or ``LABELBOX_API_KEY`` and is
never printed, logged or written.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from graphql import GraphQLSchema

PROG = "labelbox-schema"
#: Environment variable holding the API key when ``--api-key`` is not given.
API_KEY_ENV = "LABELBOX_API_KEY"
#: Environment variable holding the endpoint when ``check`` gets neither option.
ENDPOINT_ENV = "LABELBOX_ENDPOINT"


class _Failure(Exception):
    """A failure reported as one line on stderr with exit status 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Compare the Labelbox SDK's GraphQL operations with a server's schema.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add_endpoint(sub: argparse.ArgumentParser, required: bool) -> None:
        sub.add_argument("--endpoint", required=required, help="GraphQL endpoint URL to introspect")
        sub.add_argument(
            "--api-key",
            help=f"API key (default: ${API_KEY_ENV}; prefer the variable, arguments are "
            "visible to other local users)",
        )
        sub.add_argument(
            "--timeout", type=float, default=60.0, help="seconds to wait (default: 60)"
        )

    pull = commands.add_parser(
        "pull", help="introspect an endpoint and write its schema as sorted SDL"
    )
    add_endpoint(pull, required=True)
    pull.add_argument(
        "-o", "--output", type=Path, help="SDL file to write (also writes FILE.lock.json)"
    )

    diff = commands.add_parser(
        "diff", help="breaking/dangerous changes between two schemas and the SDK code they touch"
    )
    diff.add_argument("old", metavar="OLD", help="SDL file, or 'bundled' (the SDK's schema)")
    diff.add_argument("new", metavar="NEW", help="SDL file, or 'bundled'")
    diff.add_argument("--format", choices=("text", "json"), default="text")

    check = commands.add_parser(
        "check", help="validate every SDK operation against a server or an SDL file"
    )
    add_endpoint(check, required=False)
    check.add_argument("--schema", help="SDL file (or 'bundled') instead of a live endpoint")
    check.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def _api_key(args: argparse.Namespace) -> str | None:
    key: str | None = args.api_key or os.environ.get(API_KEY_ENV)
    return key or None


def _introspect(args: argparse.Namespace, endpoint: str) -> GraphQLSchema:
    from labelbox.schema_tool.introspect import IntrospectionError, fetch_schema

    try:
        return fetch_schema(endpoint, _api_key(args), timeout=args.timeout)
    except IntrospectionError as exc:
        raise _Failure(str(exc)) from None


def _load(source: str) -> GraphQLSchema:
    from labelbox.schema_tool.schema_files import SchemaFileError, load_schema

    try:
        return load_schema(source)
    except SchemaFileError as exc:
        raise _Failure(str(exc)) from None


def _pull(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from labelbox.schema_tool.lock import lock_path, write_pulled
    from labelbox.schema_tool.schema_files import print_sdl

    sdl = print_sdl(_introspect(args, args.endpoint))
    if args.output is None:
        out.write(sdl + "\n")
        return 0
    try:
        record = write_pulled(sdl, args.output, args.endpoint)
    except OSError as exc:
        raise _Failure(f"cannot write {args.output}: {exc.strerror or exc}") from None
    err.write(
        f"wrote {args.output} (sha256 {record.sha256[:12]}...) and {lock_path(args.output)}\n"
    )
    return 0


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from labelbox.schema_tool.diff import diff_schemas
    from labelbox.schema_tool.references import collect_references
    from labelbox.schema_tool.sdk import sdk_operations
    from labelbox.schema_tool.usage import usage_map

    old, new = _load(args.old), _load(args.new)
    references = {op.name: collect_references(old, op.document) for op in sdk_operations()}
    changes = diff_schemas(old, new, references, usage_map())
    breaking = sum(1 for c in changes if c.kind == "breaking")
    if args.format == "json":
        out.write(json.dumps([c.as_json() for c in changes], indent=2) + "\n")
    else:
        for change in changes:
            out.write(f"{change.kind.upper()} {change.type}: {change.description}\n")
            out.write(f"  operations: {', '.join(change.operations) or '(none of the SDK)'}\n")
            if change.operations:
                out.write(f"  methods:    {', '.join(change.methods) or '(none found)'}\n")
        out.write(f"{breaking} breaking, {len(changes) - breaking} dangerous changes\n")
    return 1 if breaking else 0


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from labelbox.schema_tool.check import check_operations
    from labelbox.schema_tool.sdk import sdk_operations
    from labelbox.schema_tool.usage import usage_map

    endpoint = args.endpoint or (None if args.schema else os.environ.get(ENDPOINT_ENV))
    if args.schema and args.endpoint:
        raise _Failure("give either --endpoint or --schema, not both")
    if args.schema:
        schema = _load(args.schema)
    elif endpoint:
        schema = _introspect(args, endpoint)
    else:
        raise _Failure(f"give --endpoint URL (or set {ENDPOINT_ENV}) or --schema FILE")
    result = check_operations(schema, sdk_operations(), usage_map())
    if args.format == "json":
        body = {
            "checked": result.checked,
            "rejected": [
                {"operation": r.operation, "messages": list(r.messages), "methods": list(r.methods)}
                for r in result.rejections
            ],
            "optional_values_refused": [
                {
                    "operation": m.operation,
                    "variables": list(m.variables),
                    "methods": list(m.methods),
                }
                for m in result.missing_options
            ],
        }
        out.write(json.dumps(body, indent=2) + "\n")
    else:
        for rejection in result.rejections:
            out.write(f"REJECTED {rejection.operation}\n")
            for message in rejection.messages:
                out.write(f"  {message}\n")
            out.write(f"  sent by: {', '.join(rejection.methods) or '(no facade method found)'}\n")
        for missing in result.missing_options:
            out.write(
                f"NOTE {missing.operation}: no place for {', '.join(missing.variables)} "
                "(refused only when the caller gives it)\n"
            )
        out.write(f"{result.checked} operations checked, {len(result.rejections)} rejected\n")
    return 0 if result.ok else 1


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Runs ``labelbox-schema``.

    Args:
        argv: The arguments (default: the process arguments).
        out: Where reports go (default: stdout).
        err: Where errors go (default: stderr).

    Returns:
        The exit status: 0 fine, 1 breaking changes or rejected operations, 2 error.

    Example:
        >>> main(["diff", "bundled", "server.graphql", "--format", "json"])
        0
    """
    stdout: TextIO = out if out is not None else sys.stdout
    stderr: TextIO = err if err is not None else sys.stderr
    args = _parser().parse_args(argv)
    command = {"pull": _pull, "diff": _diff, "check": _check}[args.command]
    try:
        return command(args, stdout, stderr)
    except _Failure as exc:
        stderr.write(f"{PROG} {args.command}: error: {exc}\n")
        return 2
