"""User management as in labelbox 2.6.0 (issue 16): ``user_management.py`` runs the 2.6
notebook's flow under the official client (its venv) and under this SDK's facade, and
the official client's own user-management integration tests (2.6.0 tag) under the
classic; each against its own emulator. The classic runs are skipped / failed like
test_classic_client.py when ``LABELBOX_CLASSIC_PYTHON`` is unset.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from steps import parse_output  # noqa: E402
from test_classic_client import _child_env, _classic_python  # noqa: E402

from labelbox_emulator import Emulator  # noqa: E402

SCRIPT = Path(__file__).with_name("user_management.py")
TIMEOUT = 120
NOTEBOOK = (
    "roles_by_name",
    "invite_with_an_organization_role",
    "invite_with_project_roles",
    "inviting_a_member_is_refused",
    "organization_users_with_roles",
    "manage_a_member",
)
CLASSIC_TESTS = ("test_org_invite", "test_project_invite", "test_member_management")


def _run(python: str, env: dict[str, str], mode: str, isolated: bool) -> dict[str, str]:
    flags = ["-I"] if isolated else []
    with Emulator() as emu:
        result = subprocess.run(
            [python, *flags, str(SCRIPT), emu.endpoint, emu.api_key, mode],
            capture_output=True, text=True, timeout=TIMEOUT, env=env,
        )  # fmt: skip
    return parse_output(result.stdout, result.stderr)


def _check(run: dict[str, str], step: str, who: str) -> None:
    line = run.get(step)
    if line is None:
        pytest.fail(f"{who}: step {step} did not run:\n{run['']}", pytrace=False)
    if not line.startswith("ok"):
        pytest.fail(f"{who}: {line}", pytrace=False)


@pytest.fixture(scope="module")
def facade_run() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("LABELBOX_API_KEY", None)
    return _run(sys.executable, env, "notebook", False)


@pytest.fixture(scope="module")
def classic_notebook_run() -> dict[str, str]:
    return _run(_classic_python(), _child_env(), "notebook", True)


@pytest.fixture(scope="module")
def classic_tests_run() -> dict[str, str]:
    return _run(_classic_python(), _child_env(), "classic", True)


@pytest.mark.timeout(TIMEOUT + 60)
@pytest.mark.parametrize("step", NOTEBOOK)
def test_our_facade_runs_the_2_6_user_management_flow(
    facade_run: dict[str, str], step: str
) -> None:
    _check(facade_run, step, "this SDK")


@pytest.mark.compat
@pytest.mark.timeout(TIMEOUT + 60)
@pytest.mark.parametrize("step", NOTEBOOK)
def test_the_classic_client_runs_the_same_flow(
    classic_notebook_run: dict[str, str], step: str
) -> None:
    _check(classic_notebook_run, step, "labelbox 2.6.0")


@pytest.mark.compat
@pytest.mark.timeout(TIMEOUT + 60)
@pytest.mark.parametrize("step", CLASSIC_TESTS)
def test_the_classic_clients_own_user_management_tests_pass(
    classic_tests_run: dict[str, str], step: str
) -> None:
    _check(classic_tests_run, step, "labelbox 2.6.0")
