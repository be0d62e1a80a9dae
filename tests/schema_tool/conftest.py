"""Fixtures of the ``labelbox-schema`` tests: one emulator over real HTTP, the bundled
schema, schema variants written to tmp files, and a CLI runner (subprocess or in-process).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from labelbox.schema_tool.cli import main
from labelbox.schema_tool.sdk import bundled_schema_sdl
from labelbox_emulator import Emulator


@dataclass(frozen=True)
class Run:
    """What one CLI run produced."""

    code: int
    out: str
    err: str


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    """One emulator serving the bundled schema for the module."""
    with Emulator() as emu:
        yield emu


@pytest.fixture
def no_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """No API key or endpoint from the environment unless a test sets one."""
    monkeypatch.delenv("LABELBOX_API_KEY", raising=False)
    monkeypatch.delenv("LABELBOX_ENDPOINT", raising=False)


def run_subprocess(*args: str, env: dict[str, str] | None = None) -> Run:
    """``python -m labelbox.schema_tool ARGS`` in a child process."""
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("LABELBOX_")}
    child_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "labelbox.schema_tool", *args],
        capture_output=True,
        text=True,
        env=child_env,
        timeout=120,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def run_inprocess(*args: str) -> Run:
    """``labelbox.schema_tool.cli.main(ARGS)`` with captured output."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return Run(code, out.getvalue(), err.getvalue())


def rename_field(sdl: str, type_name: str, old: str, new: str) -> str:
    """``sdl`` with field ``old`` of object type ``type_name`` renamed ``new``."""
    block = re.search(rf"^type {type_name} (?:implements [^{{]*)?\{{.*?^\}}", sdl, re.S | re.M)
    assert block is not None, type_name
    renamed, count = re.subn(rf"^(\s+){old}\b", rf"\g<1>{new}", block.group(0), flags=re.M)
    assert count == 1, (type_name, old)
    return sdl[: block.start()] + renamed + sdl[block.end() :]


def rename_type(sdl: str, old: str, new: str) -> str:
    """``sdl`` with the type ``old`` renamed ``new`` everywhere (whole words only)."""
    renamed, count = re.subn(rf"\b{old}\b", new, sdl)
    assert count > 1, old
    return renamed


@pytest.fixture
def bundled_sdl() -> str:
    """The schema the SDK was generated from."""
    return bundled_schema_sdl()
