"""Command line: serve (subprocess, clean SIGTERM exit) and the coverage report."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from labelbox_emulator.cli import COVERAGE_FILE, coverage_markdown

SRC = str(Path(__file__).resolve().parents[2] / "src")


def test_coverage_report_is_current_and_complete() -> None:
    text = coverage_markdown()
    assert COVERAGE_FILE.read_text(encoding="utf-8") == text, (
        "run: python -m labelbox_emulator coverage --write"
    )
    assert "`Mutation.createProject` | yes" in text and "`Query.roles` | yes" in text


def test_serve_prints_endpoint_and_key_and_exits_on_sigterm(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "labelbox_emulator",
            "serve",
            "--port",
            str(port),
            "--api-key",
            "k123",
            "--db",
            str(tmp_path / "db.sqlite"),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        endpoint_line = proc.stdout.readline()
        key_line = proc.stdout.readline()
        assert endpoint_line.strip().endswith(f"http://127.0.0.1:{port}/graphql")
        assert key_line.strip() == "API key: k123"
        r = httpx.post(
            f"http://127.0.0.1:{port}/graphql",
            json={"query": "{user{email}}"},
            headers={"Authorization": "Bearer k123"},
        )
        assert r.json() == {"data": {"user": {"email": "admin@example.com"}}}
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert (tmp_path / "db.sqlite").exists()


def test_serve_latency_and_complexity_options() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    args = ["--port", str(port), "--api-key", "k1", "--latency-ms", "150"]
    args += ["--complexity-limit", "5", "--transitions", "immediate"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "labelbox_emulator", "serve", *args],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        proc.stdout.readline()
        proc.stdout.readline()
        url, auth = f"http://127.0.0.1:{port}/graphql", {"Authorization": "Bearer k1"}
        started = time.monotonic()
        r = httpx.post(url, json={"query": "{user{email}}"}, headers=auth)
        assert r.json() == {"data": {"user": {"email": "admin@example.com"}}}
        assert time.monotonic() - started >= 0.15
        r = httpx.post(url, json={"query": "{projects{id}}"}, headers=auth)
        assert r.json()["errors"][0]["message"] == "Query complexity limit exceeded"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_serve_prints_the_control_token_and_warns_off_loopback() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""),
        "LABELBOX_EMULATOR_CONTROL_TOKEN": "from-env",
    }
    args = ["--host", "0.0.0.0", "--port", str(port), "--transitions", "immediate"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "labelbox_emulator", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.readline()
        assert proc.stdout.readline().strip() == "Control token: from-env"
        warning = proc.stderr.readline()
        assert warning.startswith("WARNING: listening on 0.0.0.0")
        base = f"http://127.0.0.1:{port}/_emulator/advance"
        assert httpx.post(base).status_code == 401
        r = httpx.post(base, headers={"Authorization": "Bearer from-env"})
        assert r.json() == {"finished": 0}
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_generated_keys_can_follow_an_option_on_a_command_line() -> None:
    """``--api-key KEY`` breaks when KEY begins with ``-`` (argparse reads an option):
    a url-safe token did so about once in 64 runs, failing the schema_check example."""
    import argparse

    from labelbox_emulator.state import new_secret

    parser = argparse.ArgumentParser()
    parser.add_argument("--api-key")
    for _ in range(500):
        key = new_secret()
        assert parser.parse_args(["--api-key", key]).api_key == key
