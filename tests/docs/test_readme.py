"""The README is a front door: short, its links resolve, its example type-checks and
runs, and every command it shows is one CI runs (``.ci/run``)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)
_LINK = re.compile(r"\]\(([^)#]+)(?:#[^)]*)?\)")


def _blocks(language: str) -> list[str]:
    return [body for lang, body in _BLOCK.findall(README) if lang == language]


def _commands() -> list[str]:
    """Each shell command of the README, without its trailing comment."""
    commands = []
    for block in _blocks("bash"):
        for line in block.splitlines():
            command = line.split(" #", 1)[0].strip()
            if command:
                commands.append(command)
    return commands


def test_readme_is_at_most_120_lines() -> None:
    assert len(README.splitlines()) <= 120


def test_every_relative_link_resolves() -> None:
    links = [link for link in _LINK.findall(README) if "://" not in link]
    assert links
    missing = [link for link in links if not (ROOT / link).exists()]
    assert missing == []


def test_every_readme_command_runs_in_ci() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_lines = [line.split(" #", 1)[0].strip() for line in ci.splitlines()]
    commands = _commands()
    assert {"scripts/demo", "scripts/test"} <= set(commands)
    not_run = [
        c for c in commands if not any(line == c or line.startswith(c + " ") for line in ci_lines)
    ]
    assert not_run == []


def _example(tmp_path: Path) -> Path:
    (block,) = _blocks("python")
    path = tmp_path / "readme_example.py"
    path.write_text(block, encoding="utf-8")
    return path


def test_the_example_runs(tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LABELBOX_")}
    result = subprocess.run(
        [sys.executable, str(_example(tmp_path))],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "cars ['cars-2021'] admin@example.com", result.stdout


def test_the_example_type_checks(tmp_path: Path) -> None:
    example = _example(tmp_path)
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(example)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    assert mypy.returncode == 0, mypy.stdout
    pyright = shutil.which("pyright", path=str(Path(sys.executable).parent))
    if pyright is None:
        pytest.skip("pyright is not installed beside this interpreter")
    result = subprocess.run(
        [pyright, "--pythonpath", sys.executable, str(example)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout
