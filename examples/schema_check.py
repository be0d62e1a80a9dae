"""Does this SDK work against a server? Validate every operation it sends.

    python examples/schema_check.py [--format text|json] [--endpoint URL --api-key KEY]

Runs ``labelbox-schema check`` (``labelbox.schema_tool``) in-process: the server's
schema is introspected and each GraphQL operation of the SDK validated against it;
a rejected operation is listed with the server's message and the facade methods that
send it. Exit status 0 when every operation is accepted, 1 when one is rejected (as
the command's).

Against ``--endpoint``/``--api-key`` (or ``LABELBOX_ENDPOINT``/``LABELBOX_API_KEY``)
that server is checked. Otherwise an embedded emulator is (everything passes), and then
a second one whose schema renamed ``Dataset.description`` to ``summary``, to show what
a server that changed under the SDK looks like (that second check is expected to
reject operations and does not change the exit status).
"""

from __future__ import annotations

import argparse
import re
import sys
from contextlib import ExitStack

from _connect import add_connection_arguments, server

from labelbox.schema_tool.cli import main as labelbox_schema
from labelbox.schema_tool.sdk import bundled_schema_sdl


def renamed_field(sdl: str, type_name: str, old: str, new: str) -> str:
    """``sdl`` with field ``old`` of ``type type_name`` renamed ``new``."""
    block = re.search(rf"^type {type_name} (?:implements [^{{]*)?\{{.*?^\}}", sdl, re.S | re.M)
    if block is None:
        raise SystemExit(f"type {type_name} not found in the schema")
    renamed = re.sub(rf"^(\s+){old}\b", rf"\g<1>{new}", block.group(0), count=1, flags=re.M)
    return sdl[: block.start()] + renamed + sdl[block.end() :]


def check(endpoint: str, api_key: str, output_format: str) -> int:
    """``labelbox-schema check --endpoint ENDPOINT`` with ``api_key``; its exit status."""
    return labelbox_schema(
        ["check", "--endpoint", endpoint, f"--api-key={api_key}", "--format", output_format]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", choices=["text", "json"], default="text")
    add_connection_arguments(parser)
    args = parser.parse_args(argv)

    with ExitStack() as stack:
        endpoint, api_key, embedded = server(args, stack)
        print(f"== labelbox-schema check --endpoint {endpoint}")
        status = check(endpoint, api_key, args.format)
        print(f"exit status {status}")
        if embedded:
            from labelbox_emulator import Emulator

            changed = renamed_field(bundled_schema_sdl(), "Dataset", "description", "summary")
            with Emulator(schema_sdl=changed) as older:
                print(f"\n== a server with Dataset.description renamed summary ({older.endpoint})")
                changed_status = check(older.endpoint, older.api_key, args.format)
                print(f"exit status {changed_status} (1: the SDK would break here)")
    return status


if __name__ == "__main__":
    sys.exit(main())
