"""The README is a front door: short, its links resolve, and every command it shows is
one CI runs (``.ci/run``). Its example type-checks and runs with every other example of
the documentation (``test_doc_examples.py``)."""

from __future__ import annotations

import re
from pathlib import Path

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
