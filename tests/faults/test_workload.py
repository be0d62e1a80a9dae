"""The mixed workload under 20 % faults (every kind, before and after writes) ends in
exactly the fault-free state: nothing lost, nothing duplicated, and every write that
raised either did not apply or raised WriteOutcomeUnknownError."""

from __future__ import annotations

from pathlib import Path

import pytest

from labelbox_emulator import Emulator

from .workload import faulty_run, make_files, reference_snapshot

SPEC = "all=0.2,delay=0.05,retry-after=0"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return make_files(tmp_path_factory.mktemp("rows"))


def test_workload_under_20_percent_faults(femu: Emulator, files: list[Path]) -> None:
    expected = reference_snapshot(femu, files)
    result = faulty_run(femu, files, seed=1, spec=SPEC, expected=expected)
    print("\n" + result.line())
    print(f"errors seen by the workload: {result.tally.errors_seen}")
    assert result.faults > 0.15 * result.requests
    assert result.faults_after_write > 0 and result.tally.unknown > 0
    assert result.retries > 0
    assert result.lost == 0, result.line()
    assert result.duplicated == 0, result.line()
    assert result.tally.phantom == 0, result.tally.phantom_details


def test_create_data_rows_whose_answer_is_lost(femu: Emulator, files: list[Path]) -> None:
    """The append's answer is lost after the server started the import: the SDK does not
    repeat the append blindly; it waits for the import, finds every row there (by
    external id) and returns a Task: the rows exist exactly once."""
    from .conftest import checking_client, fast_client

    some = files[:50]
    femu.faults.configure("502-html@after=1,limit=1,only=AppendRowsToDataset")
    with fast_client(femu) as client, checking_client(femu) as check:
        dataset = client.create_dataset(name="lost answer")
        task = dataset.create_data_rows(some)
        task.wait_till_done(timeout_seconds=30)
        [event] = femu.faults.events
        assert event.operation == "AppendRowsToDataset" and event.mutation
        rows = [str(r.external_id) for r in check.get_dataset(dataset.uid).data_rows()]
        assert sorted(rows) == sorted(str(p) for p in some)
