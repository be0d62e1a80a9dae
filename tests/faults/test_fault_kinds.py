"""Every fault the emulator injects, once, against a mutation and a query over real
HTTP: a query always ends in its answer; a mutation is retried only when the fault
proves it was not applied, and otherwise raises WriteOutcomeUnknownError, which is
right about whether it may have been applied."""

from __future__ import annotations

import time

import pytest

from labelbox import Project
from labelbox import exceptions as lbx
from labelbox_emulator import Emulator
from labelbox_emulator.faults import FAULT_KINDS, FaultSpec

from .conftest import checking_client, fast_client

CASES = [(kind, phase) for kind, phases in FAULT_KINDS.items() for phase in phases]
#: Faults that prove the request was not processed: mutations are retried.
NOT_PROCESSED = {"503", "503-html", "429", "429-date"}
#: Faults that leave no answer at all (no status, no request id).
NO_ANSWER = {"reset"}


def _projects(emu: Emulator, name: str) -> int:
    with checking_client(emu) as check:
        return len(list(check.get_projects(where=Project.name == name)))


@pytest.mark.parametrize(("kind", "phase"), CASES)
def test_mutation_under_one_fault(femu: Emulator, kind: str, phase: str) -> None:
    femu.faults.configure(f"{kind}@{phase}=1,limit=1,delay=0.05,retry-after=0")
    with fast_client(femu) as client:
        if kind == "slow" or kind in NOT_PROCESSED:
            project = client.create_project(name="p")
            assert project.name == "p"
            assert client._transport.retries == (0 if kind == "slow" else 1)
            assert _projects(femu, "p") == 1
            return
        with pytest.raises(lbx.WriteOutcomeUnknownError) as info:
            client.create_project(name="p")
        assert client._transport.retries == 0
    error = info.value
    assert error.operation == "CreateProject"
    assert "may have been applied" in str(error)
    [event] = femu.faults.events
    if kind in NO_ANSWER:
        assert error.status is None and error.request_id is None
    else:
        assert error.status is not None
        assert error.request_id == event.request_id
        assert event.request_id in str(error)
    assert event.mutation and event.operation == "CreateProject"
    # The error is right to be unsure: after the write it exists, before it does not.
    assert _projects(femu, "p") == (1 if phase == "after" else 0)


@pytest.mark.parametrize(("kind", "phase"), CASES)
def test_query_under_one_fault_is_retried(femu: Emulator, kind: str, phase: str) -> None:
    with checking_client(femu) as check:
        check.create_project(name="q")
    femu.faults.configure(f"{kind}@{phase}=1,limit=1,delay=0.05,retry-after=0")
    with fast_client(femu) as client:
        assert [p.name for p in client.get_projects()] == ["q"]
        assert client._transport.retries == (0 if kind == "slow" else 1)
    [event] = femu.faults.events
    assert not event.mutation and event.operation == "GetProjects"


def test_slow_answer_beyond_the_timeout(femu: Emulator) -> None:
    """A mutation whose answer comes after the client's timeout is applied anyway:
    exactly why a timed-out write is reported as 'may have been applied'."""
    femu.faults.configure("slow@before=1,limit=2,delay=0.4")
    with fast_client(femu, timeout=0.1) as client:
        started = time.monotonic()
        with pytest.raises(lbx.WriteOutcomeUnknownError) as info:
            client.create_project(name="late")
        assert time.monotonic() - started < 0.4
        assert "timed out" in str(info.value) or "timeout" in str(info.value)
        time.sleep(0.5)
        assert _projects(femu, "late") == 1
        # A query is retried after its timeout; the second attempt is not slowed.
        assert [p.name for p in client.get_projects()] == ["late"]
        assert client._transport.retries == 1


def test_upload_is_retried_after_a_lost_answer(femu: Emulator) -> None:
    """UploadFile is safe to repeat (a new blob, a new URL): retried like a query."""
    femu.faults.configure("502@after=1,limit=1")
    with fast_client(femu) as client:
        url = client.upload_data(b"payload", filename="x.bin")
        assert client._transport.retries == 1
    import httpx

    assert httpx.get(url).content == b"payload"


def test_spec_parsing() -> None:
    spec = FaultSpec.parse("all=0.3,delay=0.01,retry-after=2,limit=5")
    assert abs(spec.total - 0.3) < 1e-9 and spec.delay == 0.01 and spec.limit == 5
    assert {kind for kind, _, _ in spec.rules} == set(FAULT_KINDS)
    assert all(phase == "before" for kind, phase, _ in spec.rules if kind.startswith("503"))
    spec = FaultSpec.parse("reset@after=0.1, 502=0.2")
    assert sorted(spec.rules) == [
        ("502", "after", 0.1),
        ("502", "before", 0.1),
        ("reset", "after", 0.1),
    ]
    for bad in ("nope=0.1", "502=2", "502=x", "503@after=0.1", "502=0.6,504=0.6", "502"):
        with pytest.raises(ValueError):
            FaultSpec.parse(bad)
    with pytest.raises(ValueError):
        Emulator(faults="nope=1")


def test_faults_are_reproducible_by_seed(femu: Emulator) -> None:
    def run(seed: int) -> list[tuple[str, str]]:
        femu.faults.configure("all=0.5,delay=0.001,retry-after=0", seed=seed)
        femu.faults.reset_stats()
        with fast_client(femu, max_retries=10) as client:
            for _ in range(30):
                client.get_user()
        return [(e.kind, e.phase) for e in femu.faults.events]

    first = run(7)
    assert first and run(7) == first
    assert run(8) != first


def test_control_endpoint_and_bypass(femu: Emulator) -> None:
    import httpx

    base = femu.base_url + "/_emulator/faults"
    stats = httpx.post(base, json={"spec": "502=1", "seed": 3}).json()
    assert stats["seed"] == 3
    headers = {"Authorization": f"Bearer {femu.api_key}"}
    r = httpx.post(femu.endpoint, json={"query": "{user{id}}"}, headers=headers)
    assert r.status_code == 502 and r.headers["x-request-id"].startswith("emu-")
    r = httpx.post(
        femu.endpoint,
        json={"query": "{user{id}}"},
        headers={**headers, "X-Emulator-Faults": "off"},
    )
    assert r.status_code == 200
    stats = httpx.get(base).json()
    assert stats["injected"] == 1 and stats["bypassed"] == 1 and stats["requests"] == 2
    assert httpx.post(base, json={"spec": "nope=1"}).status_code == 400
    httpx.post(base, json={"spec": ""})


def test_cli_serve_with_faults() -> None:
    import subprocess
    import sys

    import httpx

    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "labelbox_emulator",
            "serve",
            "--port",
            "0",
            "--api-key",
            "k-faults",
            "--faults",
            "503=1,limit=1",
            "--fault-seed",
            "5",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        printed: dict[str, str] = {}
        while "Faults" not in printed:  # the banner: one "Name: value" line each
            name, _, value = proc.stdout.readline().partition(": ")
            assert value, f"the banner ended before the Faults line: {printed}"
            printed[name] = value.strip()
        endpoint = printed["Endpoint"] if "Endpoint" in printed else next(iter(printed.values()))
        assert printed["Faults"].startswith("503=1,limit=1 (seed 5)")
        headers = {"Authorization": "Bearer k-faults"}
        first = httpx.post(endpoint, json={"query": "{user{id}}"}, headers=headers)
        second = httpx.post(endpoint, json={"query": "{user{id}}"}, headers=headers)
        assert (first.status_code, second.status_code) == (503, 200)
        control = {"Authorization": f"Bearer {printed.get('Control token', '')}"}
        stats = httpx.get(endpoint.replace("/graphql", "/_emulator/faults"), headers=control).json()
        assert stats["seed"] == 5 and stats["by_kind"] == {"503@before": 1}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    with pytest.raises(SystemExit):
        from labelbox_emulator.cli import main

        main(["serve", "--faults", "nope=1", "--port", "0"])
