"""What every example shares: where to connect.

``--endpoint`` and ``--api-key`` (each defaulting to ``LABELBOX_ENDPOINT`` /
``LABELBOX_API_KEY``; prefer the variables, command-line arguments are visible to
other local users) select a server. Without both, an embedded emulator is started for
the run: nothing to set up, nothing left behind.
"""

from __future__ import annotations

import argparse
import os
import time
from contextlib import ExitStack

from labelbox import Client


def add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    """Adds ``--endpoint`` and ``--api-key`` to an example's parser."""
    parser.add_argument(
        "--endpoint",
        help="GraphQL endpoint (default: $LABELBOX_ENDPOINT; without an endpoint and a key: "
        "an embedded emulator)",
    )
    parser.add_argument(
        "--api-key", help="API key (default: $LABELBOX_API_KEY; prefer the variable)"
    )


def server(args: argparse.Namespace, stack: ExitStack) -> tuple[str, str, bool]:
    """``(endpoint, api_key, embedded)`` of the given server, or of an emulator started
    now (``embedded`` True) and stopped when ``stack`` closes."""
    endpoint = args.endpoint or os.environ.get("LABELBOX_ENDPOINT")
    api_key = args.api_key or os.environ.get("LABELBOX_API_KEY")
    if endpoint and api_key:
        print(f"Using the server at {endpoint}")
        return endpoint, api_key, False
    if args.endpoint or args.api_key:
        raise SystemExit("Give an endpoint and an API key (or neither, for an emulator).")
    from labelbox_emulator import Emulator

    started = time.perf_counter()
    emulator = stack.enter_context(Emulator())
    took = time.perf_counter() - started
    print(f"Started an embedded emulator at {emulator.endpoint} ({took:.1f} s)")
    return emulator.endpoint, emulator.api_key, True


def connect(args: argparse.Namespace, stack: ExitStack) -> tuple[Client, bool]:
    """``(client, embedded)``: a client of :func:`server`'s choice, closed with ``stack``."""
    endpoint, api_key, embedded = server(args, stack)
    return stack.enter_context(Client(api_key=api_key, endpoint=endpoint)), embedded
