"""The official ``labelbox==2.6.0`` client sees the real server's behaviour (issue 9).

``classic_server_behaviour.py`` runs once in the classic venv against two emulators (one
with the default realistic job timing, one with latency); every behaviour is a test here
that passes when its step printed ``ok``. Skipped / failed like test_classic_client.py
when ``LABELBOX_CLASSIC_PYTHON`` is unset.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from steps import parse_output  # noqa: E402
from test_classic_client import _child_env, _classic_python  # noqa: E402

from labelbox_emulator import Emulator  # noqa: E402

SCRIPT = Path(__file__).with_name("classic_server_behaviour.py")
TIMEOUT = 240
BEHAVIOURS = (
    "string_filters_are_case_insensitive",
    "and_across_fields_works_but_same_field_or_and_not_are_refused",
    "error_messages_use_graphql_js_wording",
    "query_complexity_limit",
    "latency_makes_short_timeouts_fail",
    "jobs_take_time_like_real_jobs",
    "deleted_project_stays_readable_by_id",
    "every_project_has_an_ontology_from_creation",
    "issue_export_url_carries_status_filter",
    "shared_frontends_are_read_only_to_customers",
)

pytestmark = pytest.mark.compat


def _run(python: str, env: dict[str, str], workdir: Path, isolated: bool) -> dict[str, str]:
    """Runs the script with ``python`` against a realistic and a slow emulator."""
    flags = ["-I"] if isolated else []
    with Emulator() as emu, Emulator(transitions="immediate", latency=0.1) as slow:
        try:
            result = subprocess.run(
                [python, *flags, str(SCRIPT), emu.endpoint, emu.api_key,
                 slow.endpoint, slow.api_key, str(workdir)],
                capture_output=True, text=True, timeout=TIMEOUT, env=env,
            )  # fmt: skip
        except subprocess.TimeoutExpired as exc:
            out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
            pytest.fail(f"The behaviour script timed out:\n{out}", pytrace=False)
    return parse_output(result.stdout, result.stderr)


@pytest.fixture(scope="module")
def classic_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Each step's output line (``ok …`` / ``FAIL …``) under labelbox 2.6.0."""
    yield _run(_classic_python(), _child_env(), tmp_path_factory.mktemp("classic"), True)


@pytest.fixture(scope="module")
def facade_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The same script, unchanged, under this SDK's facade."""
    env = {**_child_env(), "PYTHONPATH": str(SRC)}
    yield _run(sys.executable, env, tmp_path_factory.mktemp("facade"), False)


def _check(run: dict[str, str], behaviour: str) -> None:
    line = run.get(behaviour)
    if line is None:
        pytest.fail(f"step {behaviour} did not run:\n{run['']}", pytrace=False)
    if not line.startswith("ok"):
        pytest.fail(line, pytrace=False)


@pytest.mark.timeout(TIMEOUT + 60)
@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_classic_client_sees(classic_run: dict[str, str], behaviour: str) -> None:
    _check(classic_run, behaviour)


@pytest.mark.timeout(TIMEOUT + 60)
@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_our_facade_sees(facade_run: dict[str, str], behaviour: str) -> None:
    _check(facade_run, behaviour)
