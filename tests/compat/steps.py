"""The step machinery of the compatibility scripts (``classic_server_behaviour.py``,
``client_behaviour.py``), which run under the classic client's venv as well as ours, and
the parsing of their output by the tests that start them.

A script registers ``@steps.step`` functions taking a context, runs them with
:func:`run_steps` (one line per step: ``ok NAME (0.12s)`` or ``FAIL NAME: reason``, then
the last traceback lines of an unexpected error), and :func:`parse_output` turns that
output back into a line per step name. Only the standard library is used here.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from typing import Any

Step = Callable[[Any], None]


class Failure(AssertionError):
    """A result that is not the expected behaviour."""


def expect(condition: object, message: str) -> None:
    """Fail the step with ``message`` unless ``condition`` holds."""
    if not condition:
        raise Failure(message)


def raises(exc_type: type[BaseException], what: str, fn: Callable[[], object]) -> BaseException:
    """Call ``fn``; it must raise ``exc_type`` (returned), anything else fails the step."""
    try:
        result = fn()
    except exc_type as exc:
        return exc
    except Exception as exc:
        raise Failure(
            f"{what}: expected {exc_type.__name__}, got {type(exc).__name__}: {exc}"
        ) from exc
    raise Failure(f"{what}: expected {exc_type.__name__}, but it returned {result!r}")


def registry() -> tuple[list[Step], Callable[[Step], Step]]:
    """A list of steps and the decorator that appends to it (run in definition order)."""
    steps: list[Step] = []

    def step(fn: Step) -> Step:
        steps.append(fn)
        return fn

    return steps, step


def run_steps(steps: list[Step], ctx: Any, label: str) -> int:
    """Run every step with ``ctx``, printing one line each; returns the exit code."""
    failed = 0
    for fn in steps:
        t0 = time.monotonic()
        try:
            fn(ctx)
        except Exception as exc:
            failed += 1
            print(f"FAIL {fn.__name__}: {type(exc).__name__}: {exc}", flush=True)
            if not isinstance(exc, Failure):
                frames = traceback.format_exception(type(exc), exc, exc.__traceback__)
                for line in "".join(frames[-4:]).rstrip().splitlines():
                    print(f"     | {line}", flush=True)
        else:
            print(f"ok {fn.__name__} ({time.monotonic() - t0:.2f}s)", flush=True)
    print(f"{label}: {len(steps) - failed} of {len(steps)} ok")
    return 1 if failed else 0


def parse_output(stdout: str, stderr: str = "") -> dict[str, str]:
    """Each step's line (with its traceback lines), keyed by step name; ``""`` holds the
    whole output."""
    lines: dict[str, str] = {"": stdout + stderr}
    current = ""
    for line in stdout.splitlines():
        words = line.split()
        if len(words) >= 2 and words[0] in ("ok", "FAIL"):
            current = words[1].rstrip(":")
            lines[current] = line
        elif current and line.startswith("     |"):
            lines[current] += "\n" + line
    return lines
