"""``labelbox-schema pull``: the emulator's introspection is the bundled schema."""

from __future__ import annotations

import hashlib
import json
import socket
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from graphql import build_schema, lexicographic_sort_schema, print_schema

from labelbox_emulator import Emulator

from .conftest import run_inprocess, run_subprocess


def expected_sdl(bundled: str) -> str:
    return print_schema(lexicographic_sort_schema(build_schema(bundled)))


def test_pull_writes_the_bundled_schema_and_a_lock_record(
    emulator: Emulator, bundled_sdl: str, tmp_path: Path
) -> None:
    target = tmp_path / "server.graphql"
    run = run_subprocess(
        "pull", "--endpoint", emulator.endpoint, "--api-key", emulator.api_key, "-o", str(target)
    )
    assert run.code == 0, run.err
    text = target.read_text(encoding="utf-8")
    assert text == expected_sdl(bundled_sdl) + "\n"

    lock = json.loads((tmp_path / "server.graphql.lock.json").read_text(encoding="utf-8"))
    assert lock["endpoint"] == emulator.endpoint
    today = datetime.now(timezone.utc).date()
    assert lock["date"] in {today.isoformat(), (today - timedelta(days=1)).isoformat()}
    assert lock["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest()

    for output in (run.out, run.err, text, json.dumps(lock)):
        assert emulator.api_key not in output

    diff = run_subprocess("diff", "bundled", str(target))
    assert diff.code == 0, diff.err
    assert diff.out.strip() == "0 breaking, 0 dangerous changes"


def test_pull_to_stdout_reads_the_key_from_the_environment(
    emulator: Emulator, bundled_sdl: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LABELBOX_API_KEY", emulator.api_key)
    run = run_inprocess("pull", "--endpoint", emulator.endpoint)
    assert run.code == 0, run.err
    assert run.out == expected_sdl(bundled_sdl) + "\n"
    assert emulator.api_key not in run.err


def test_lock_record_has_no_query_string(
    emulator: Emulator, tmp_path: Path, no_env_key: None
) -> None:
    endpoint = f"{emulator.endpoint}?token=abc#frag"
    target = tmp_path / "s.graphql"
    run = run_inprocess(
        "pull", "--endpoint", endpoint, "--api-key", emulator.api_key, "-o", str(target)
    )
    assert run.code == 0, run.err
    lock = json.loads(Path(str(target) + ".lock.json").read_text(encoding="utf-8"))
    assert lock["endpoint"] == emulator.endpoint


def test_wrong_key_is_one_line_exit_2_without_the_key(emulator: Emulator, no_env_key: None) -> None:
    secret = "not-the-key-" + "x" * 20
    run = run_subprocess("pull", "--endpoint", emulator.endpoint, "--api-key", secret)
    assert run.code == 2
    assert run.out == ""
    assert run.err.count("\n") == 1 and "refused the API key" in run.err
    assert secret not in run.err


def test_unreachable_endpoint_is_one_line_exit_2(no_env_key: None) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed when the block ends: nothing listens there
    run = run_inprocess(
        "pull", "--endpoint", f"http://127.0.0.1:{port}/graphql", "--api-key", "k3y-s3cret"
    )
    assert run.code == 2
    assert run.err.startswith("labelbox-schema pull: error: cannot reach http://127.0.0.1:")
    assert run.err.count("\n") == 1 and "k3y-s3cret" not in run.err


def test_non_graphql_endpoint_is_exit_2(emulator: Emulator, no_env_key: None) -> None:
    run = run_inprocess(
        "pull", "--endpoint", emulator.base_url + "/nowhere", "--api-key", emulator.api_key
    )
    assert run.code == 2
    assert run.err.count("\n") == 1 and emulator.api_key not in run.err
