"""``labelbox-emulator parity``: the arguments, the run, and its exit status.

Exit status: 0 no differences, 1 differences found, 2 a usage or connection error (one
line on stderr). The API key comes from ``--api-key`` or ``LABELBOX_API_KEY`` and is
never printed, logged or written (the written report is checked for it once more).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from .report import Report
    from .scenario import Scenario
    from .side import Side

#: Environment variable holding the API key (as for ``labelbox.Client``).
API_KEY_ENV = "LABELBOX_API_KEY"
#: Seconds to wait for each answer of the live endpoint.
DEFAULT_TIMEOUT = 60.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declares the ``parity`` subcommand's options on ``parser``."""
    parser.add_argument(
        "--endpoint", required=True, metavar="URL", help="the live GraphQL endpoint"
    )
    parser.add_argument(
        "--api-key",
        default=None,
        metavar="KEY",
        help=f"the live endpoint's API key (default: ${API_KEY_ENV}; prefer the variable: "
        "a command line is visible to other users of the machine)",
    )
    parser.add_argument(
        "--write-scratch",
        action="store_true",
        help="also run the write scenario in a scratch project it creates and soft-deletes",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="the report's format: text (default) or json",
    )
    parser.add_argument(
        "-o", "--output", default=None, metavar="FILE", help="write the report here"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"seconds to wait for each answer (default {DEFAULT_TIMEOUT:g})",
    )


@contextlib.contextmanager
def _sdk_warnings_muted() -> Iterator[None]:
    """The SDK's own warnings (e.g. ``create_label`` is deprecated) off stderr."""
    logger = logging.getLogger("labelbox")
    level = logger.level
    logger.setLevel(max(level, logging.ERROR))
    try:
        yield
    finally:
        logger.setLevel(level)


def run(args: argparse.Namespace) -> int:
    """Runs the parity check described by ``args``; returns the exit status."""
    out: TextIO = sys.stdout
    err: TextIO = sys.stderr
    api_key = (args.api_key or os.environ.get(API_KEY_ENV) or "").strip()
    if not api_key:
        err.write(f"labelbox-emulator parity: no API key: pass --api-key or set ${API_KEY_ENV}\n")
        return 2
    from .side import ConnectionProblem

    try:
        with _sdk_warnings_muted():
            report = _compare_with_emulator(
                args.endpoint, api_key, args.write_scratch, args.timeout
            )
    except (ConnectionProblem, ValueError, RuntimeError) as exc:
        message = " ".join(str(exc).split()).replace(api_key, "***")
        err.write(f"labelbox-emulator parity: {message}\n")
        return 2
    text = report.render(args.format).replace(api_key, "***")
    if args.output is None:
        out.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        out.write(report.summary() + "\n")
    return 1 if report.differences else 0


def _compare_with_emulator(
    endpoint: str, api_key: str, write_scratch: bool, timeout: float
) -> Report:
    """Starts the embedded emulator and compares ``endpoint`` with it."""
    from labelbox.exceptions import LabelboxError

    from ..server import Emulator
    from .side import Side

    try:
        live = Side("live", endpoint, api_key, timeout)
    except LabelboxError as exc:
        raise ValueError(str(exc)) from None
    try:
        check_reachable(live)
        with Emulator() as emu:
            emulator = Side("emulator", emu.endpoint, emu.api_key, timeout)
            try:
                return compare(live, emulator, write_scratch)
            finally:
                emulator.close()
    finally:
        live.close()


def check_reachable(live: Side) -> None:
    """Raises ``ConnectionProblem`` unless the live endpoint answers and takes the key."""
    from .side import ConnectionProblem

    answer = live.raw("query ParityHello { user { id } }")
    if answer.status in (401, 403) or "AUTHENTICATION_ERROR" in answer.codes:
        raise ConnectionProblem(
            f"{live.public_endpoint} refused the API key (HTTP {answer.status})"
        )
    if not answer.json:
        raise ConnectionProblem(
            f"{live.public_endpoint} answered HTTP {answer.status} without a JSON body; "
            "is it a GraphQL endpoint?"
        )


def compare(live: Side, emulator: Side, write_scratch: bool) -> Report:
    """Compares ``live`` with ``emulator``: schema, operations, error probes and, with
    ``write_scratch``, the scratch scenario (whose live objects are deleted, even on
    failure)."""
    from .scenario import Scenario, scratch_name, seed
    from .side import ConnectionProblem

    report = _new_report(live, write_scratch)
    _schema_phase(live, emulator, report)
    name = scratch_name()
    emulator_scenario = Scenario(emulator, name)
    seed(emulator_scenario)
    _require_seeded(emulator_scenario)
    live_scenario = Scenario(live, name) if write_scratch else None
    try:
        if live_scenario is not None:
            seed(live_scenario)
        _read_phase(live, emulator, report, live_scenario, emulator_scenario)
    except ConnectionProblem as exc:
        # No report will be written: say what could not be deleted in the error itself.
        left = live_scenario.cleanup() if live_scenario is not None else []
        raise ConnectionProblem(
            "; ".join([str(exc), *(f"not deleted: {f}" for f in left)])
        ) from None
    finally:
        if live_scenario is not None:
            report.cleanup_failures += live_scenario.cleanup()
    return report


def _new_report(live: Side, write_scratch: bool) -> Report:
    import hashlib
    from datetime import datetime, timezone

    from labelbox._version import version

    from ..schema_source import schema_text
    from .report import Report

    return Report(
        endpoint=live.public_endpoint,
        mode="write-scratch" if write_scratch else "read-only",
        sdk_version=version(),
        date=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        emulator_schema_sha256=hashlib.sha256(schema_text().encode("utf-8")).hexdigest(),
    )


def _schema_phase(live: Side, emulator: Side, report: Report) -> None:
    """Introspects both sides and records the schema differences (or one
    ``introspection`` difference when the live endpoint refuses introspection)."""
    from labelbox.schema_tool.introspect import IntrospectionError, fetch_schema

    from .report import Difference
    from .schema_diff import schema_differences

    try:
        emulator_schema = fetch_schema(emulator.endpoint, emulator.api_key)
    except IntrospectionError as exc:
        raise RuntimeError(f"the embedded emulator refused introspection: {exc}") from None
    try:
        live_schema = fetch_schema(live.endpoint, live.api_key, timeout=live.timeout)
    except IntrospectionError as exc:
        refused = Difference(
            "introspection", "introspection", "refused", "allowed", live.clean(str(exc))
        )
        report.add("introspection", 1, [refused])
        return
    report.add("introspection", 1, [])
    report.add("schema", *schema_differences(live_schema, emulator_schema))


def _require_seeded(scenario: Scenario) -> None:
    """The emulator must take the whole seed (else the emulator itself is broken)."""
    refused = {k: v for k, v in scenario.outcomes.items() if v != "ok"}
    if refused:
        raise RuntimeError(f"the embedded emulator refused the seed: {refused}")


def _read_phase(
    live: Side,
    emulator: Side,
    report: Report,
    live_scenario: Scenario | None,
    emulator_scenario: Scenario,
) -> None:
    """Finds objects on each side, runs the operations and the probes, and (with a live
    scenario) the behaviour checks."""
    from .discovery import discover
    from .operations import operation_differences, query_operations
    from .probes import probe_differences
    from .scenario import behaviour_differences, check_behaviours

    emulator.ids.update(emulator_scenario.ids())
    if live_scenario is not None:
        live.ids.update(live_scenario.ids())
    discover(live)
    discover(emulator)
    run, shaped, found, skipped = operation_differences(live, emulator, query_operations())
    report.add("operation", run, [d for d in found if d.kind == "operation"])
    report.add("shape", shaped, [d for d in found if d.kind == "shape"])
    report.skipped += skipped
    report.add("error", *probe_differences(live, emulator))
    if live_scenario is not None:
        check_behaviours(live_scenario)
        check_behaviours(emulator_scenario)
        report.add("behaviour", *behaviour_differences(live_scenario, emulator_scenario))
