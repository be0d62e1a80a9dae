"""The official, unmodified ``labelbox==2.6.0`` client works against the emulator.

The classic client pins ``pydantic<2``, so it lives in its own virtualenv (made by
``scripts/classic-venv``); ``LABELBOX_CLASSIC_PYTHON`` is that venv's python. This test
starts an emulator in-process and runs ``classic_scenario.py`` with the classic python:
every class of the API reference is driven and each step asserts on the classic
client's own return values.

Locally the test is skipped when ``LABELBOX_CLASSIC_PYTHON`` is unset; with ``CI=true``
it fails instead, so CI can never silently skip the compatibility check.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from labelbox_emulator import Emulator  # noqa: E402

SCENARIO = Path(__file__).with_name("classic_scenario.py")
ENV_VAR = "LABELBOX_CLASSIC_PYTHON"
TIMEOUT = 300
CLASSIC_VERSION = "2.6.0"

pytestmark = pytest.mark.compat


def _classic_python() -> str:
    """The classic venv's python from the environment (skip locally, fail in CI)."""
    python = os.environ.get(ENV_VAR, "").strip()
    hint = (
        f"{ENV_VAR} is not set: create the classic venv with `scripts/classic-venv` and set "
        f"{ENV_VAR} to the python it prints"
    )
    if not python:
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"{hint} (required when CI=true).", pytrace=False)
        pytest.skip(hint + ".")
    if not Path(python).is_file():
        pytest.fail(f"{ENV_VAR}={python!r} is not a file.", pytrace=False)
    return python


def _child_env() -> dict[str, str]:
    """The environment of the classic interpreter: no leaking of this venv's paths."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.pop("LABELBOX_API_KEY", None)
    env["NO_PROXY"] = env["no_proxy"] = ",".join(
        x for x in ("127.0.0.1", "localhost", os.environ.get("NO_PROXY", "")) if x
    )
    return env


@pytest.mark.timeout(TIMEOUT + 60)  # the subprocess timeout below reports first
def test_classic_client_scenario(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    python = _classic_python()
    env = _child_env()
    # `-I`: isolated mode, so nothing of this venv (PYTHONPATH, cwd, user site) leaks in.
    probe = subprocess.run(
        [python, "-I", "-c", "import labelbox, pydantic; print(labelbox.__version__)"],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert probe.returncode == 0, f"{python} cannot import labelbox:\n{probe.stderr}"
    assert probe.stdout.strip() == CLASSIC_VERSION, (
        f"{python} has labelbox {probe.stdout.strip()!r}, expected {CLASSIC_VERSION}"
    )
    # The emulator's webhook deliveries go to a listener on 127.0.0.1: never via a proxy.
    monkeypatch.setenv("NO_PROXY", env["NO_PROXY"])
    monkeypatch.setenv("no_proxy", env["NO_PROXY"])
    with Emulator(transitions="immediate") as emu:
        try:
            result = subprocess.run(
                [python, "-I", str(SCENARIO), emu.endpoint, emu.api_key, str(tmp_path / "work")],
                capture_output=True, text=True, timeout=TIMEOUT, env=env,
            )  # fmt: skip
        except subprocess.TimeoutExpired as exc:
            out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
            pytest.fail(f"The classic scenario timed out after {TIMEOUT} s:\n{out}", pytrace=False)
    output = result.stdout + (f"\n--- stderr ---\n{result.stderr}" if result.stderr.strip() else "")
    if result.returncode != 0:
        pytest.fail(
            f"The classic labelbox {CLASSIC_VERSION} scenario failed "
            f"(exit code {result.returncode}):\n{output}",
            pytrace=False,
        )


@pytest.mark.timeout(TIMEOUT + 60)
def test_our_facade_runs_the_classic_scenario_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same 30 steps, unmodified classic code, driven through this SDK's facade."""
    from labelbox import __version__

    env = {**_child_env(), "PYTHONPATH": str(SRC), "LABELBOX_SCENARIO_VERSION": __version__}
    monkeypatch.setenv("NO_PROXY", env["NO_PROXY"])
    monkeypatch.setenv("no_proxy", env["NO_PROXY"])
    with Emulator(transitions="immediate") as emu:
        result = subprocess.run(
            [sys.executable, str(SCENARIO), emu.endpoint, emu.api_key, str(tmp_path / "work")],
            capture_output=True, text=True, timeout=TIMEOUT, env=env,
        )  # fmt: skip
    if result.returncode != 0:
        pytest.fail(
            f"The classic scenario failed on this SDK (exit code {result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
