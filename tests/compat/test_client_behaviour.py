"""Classic code keeps working (issue 9, items 12-18): ``client_behaviour.py`` runs, as
is, under the official ``labelbox==2.6.0`` client (its venv) and under this SDK's facade,
each against its own emulator; every step must pass under both.

The classic run is skipped / failed like test_classic_client.py when
``LABELBOX_CLASSIC_PYTHON`` is unset; the facade run always happens.
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

SCRIPT = Path(__file__).with_name("client_behaviour.py")
TIMEOUT = 180
BEHAVIOURS = (
    "paginated_collection_is_an_iterator",
    "naive_datetimes_are_local_time",
    "override_data_row_is_a_relationship",
    "label_reviews_do_not_support_filtering",
    "classic_error_messages_are_kept",
    "names_of_2_6_0_exist",
    "statuses_print_as_their_value",
)


def _run(python: str, env: dict[str, str], workdir: Path) -> dict[str, str]:
    with Emulator(transitions="immediate") as emu:
        result = subprocess.run(
            [python, str(SCRIPT), emu.endpoint, emu.api_key, str(workdir)],
            capture_output=True, text=True, timeout=TIMEOUT, env=env,
        )  # fmt: skip
    return parse_output(result.stdout, result.stderr)


@pytest.fixture(scope="module")
def facade_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("LABELBOX_API_KEY", None)
    return _run(sys.executable, env, tmp_path_factory.mktemp("facade"))


@pytest.fixture(scope="module")
def classic_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    python = _classic_python()
    return _run(python, _child_env(), tmp_path_factory.mktemp("classic"))


def _check(run: dict[str, str], behaviour: str, who: str) -> None:
    line = run.get(behaviour)
    if line is None:
        pytest.fail(f"{who}: step {behaviour} did not run:\n{run['']}", pytrace=False)
    if not line.startswith("ok"):
        pytest.fail(f"{who}: {line}", pytrace=False)


@pytest.mark.timeout(TIMEOUT + 60)
@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_our_facade_behaves_like_the_classic(facade_run: dict[str, str], behaviour: str) -> None:
    _check(facade_run, behaviour, "this SDK")


@pytest.mark.compat
@pytest.mark.timeout(TIMEOUT + 60)
@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_the_classic_client_does_it(classic_run: dict[str, str], behaviour: str) -> None:
    _check(classic_run, behaviour, "labelbox 2.6.0")
