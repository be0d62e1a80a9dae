"""Per-test cost of the pytest plugin's isolating fixtures, as a user's suite sees it.

    .venv/bin/python bench/fixture_overhead.py [--tests 200]

Writes a throw-away test module of N tests into a temporary directory and runs it with
pytest in a subprocess, once per fixture: each test asks for the fixture and does one
request (``get_user`` through a Client: the fixture's, or one the test builds). A
recording plugin sums the setup + call + teardown durations pytest reports per test;
the first test (which starts the session server) is reported apart. The difference to
"shared, not isolated" (same server and request, no isolation) is what isolation costs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

RECORDER = """
import json, os
phases = []

def pytest_runtest_logreport(report):
    if report.when in ("setup", "call", "teardown"):
        phases.append((report.nodeid, report.when, report.duration))

def pytest_sessionfinish(session):
    with open(os.environ["FIXTURE_BENCH_OUT"], "w") as out:
        json.dump(phases, out)
"""

_OWN_CLIENT = (
    "    from labelbox import Client\n"
    "    with Client(api_key=e.api_key, endpoint=e.endpoint) as c:\n"
    "        c.get_user()\n"
)
TESTS = {
    "labelbox_client": "def test_{i}(labelbox_client):\n    labelbox_client.get_user()\n",
    "labelbox_organization": "def test_{i}(labelbox_organization):\n"
    "    e = labelbox_organization\n" + _OWN_CLIENT,
    "labelbox_emulator_reset": "def test_{i}(labelbox_emulator_reset):\n"
    "    e = labelbox_emulator_reset\n" + _OWN_CLIENT,
    "shared, not isolated": "def test_{i}(labelbox_emulator):\n"
    "    e = labelbox_emulator\n" + _OWN_CLIENT,
    "no fixture": "def test_{i}():\n    pass\n",
}


def run(fixture: str, n: int) -> tuple[float, float]:
    """(ms per test after the first, ms of the first test's setup) for ``fixture``."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "recorder.py").write_text(RECORDER)
        (root / "test_many.py").write_text("".join(TESTS[fixture].format(i=i) for i in range(n)))
        out = root / "phases.json"
        env = {**os.environ, "FIXTURE_BENCH_OUT": str(out), "PYTHONPATH": tmp}
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "recorder", "-p", "no:cacheprovider"],
            cwd=tmp,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        phases = json.loads(out.read_text())
    per_test: dict[str, float] = {}
    for nodeid, _, duration in phases:
        per_test[nodeid] = per_test.get(nodeid, 0.0) + duration
    durations = list(per_test.values())
    first, rest = durations[0], durations[1:]
    return sum(rest) / len(rest) * 1000, first * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tests", type=int, default=200)
    args = parser.parse_args()
    print(f"{args.tests} tests per run; setup + call + teardown per test (first test apart)")
    for fixture in TESTS:
        per_test, first = run(fixture, args.tests)
        print(f"  {fixture:<26} {per_test:7.2f} ms/test   first test {first:7.1f} ms")


if __name__ == "__main__":
    main()
