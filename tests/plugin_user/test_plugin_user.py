"""The bundled pytest plugin, used the way a user's project uses it.

``sample/`` is a user's project (a tiny package ``catalog`` under ``src/`` and its
tests, with its own ``pytest.ini``). It is copied to a temporary directory and its
suite run by pytest in a subprocess: once with the plugin loaded through the installed
``pytest11`` entry point, once with plugin autoloading off and ``-p
labelbox_emulator.pytest_plugin``. Its tests check isolation (the project test 1
creates is not visible in test 2), the fixtures' organization and environment, job
timing (immediate by default, realistic when marked) and the reset fixture.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent / "sample"
EXPECTED = [
    "test_1_creates_project_x",
    "test_2_sees_no_project_x",
    "test_3_each_test_has_its_own_organization",
    "test_4_code_that_reads_the_environment",
    "test_5_jobs_finish_at_once_by_default",
    "test_6_realistic_timing_when_asked",
    "test_7_the_reset_fixture_still_works",
    "test_8_shared_server_is_one",
]


@pytest.mark.parametrize("loading", ["entry point", "-p"])
def test_user_project_suite_passes_in_isolation(tmp_path: Path, loading: str) -> None:
    project = tmp_path / "project"
    shutil.copytree(SAMPLE, project)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABELBOX_", "PYTEST_"))}
    env.pop("PYTHONPATH", None)
    args = [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider"]
    if loading == "-p":
        env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        args += ["-p", "labelbox_emulator.pytest_plugin"]
    result = subprocess.run(
        args, cwd=project, env=env, capture_output=True, text=True, timeout=240, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for name in EXPECTED:
        assert f"tests/test_catalog.py::{name} PASSED" in output, output
    assert f"{len(EXPECTED)} passed" in output, output
