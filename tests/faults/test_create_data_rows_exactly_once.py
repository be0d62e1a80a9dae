"""``create_data_rows`` is safe end to end: when the server applied the import but the
answer was lost (WriteOutcomeUnknownError inside), the SDK waits for the import, appends
only the rows the dataset does not have yet, and returns a Task; never a duplicate."""

from __future__ import annotations

from collections import Counter

import pytest

from labelbox import exceptions as lbx
from labelbox_emulator import Emulator

from .conftest import checking_client, fast_client

ROWS = [{"row_data": f"https://example.com/{i}.jpg", "external_id": f"row-{i}"} for i in range(50)]


@pytest.mark.parametrize(
    ("kind", "phase"),
    [("502", "before"), ("502", "after"), ("reset", "before"), ("reset", "after"),
     ("truncate", "after"), ("500-html", "after")],
)  # fmt: skip
def test_lost_answer_to_the_import_neither_duplicates_nor_loses(
    femu: Emulator, kind: str, phase: str
) -> None:
    with fast_client(femu) as client:
        dataset = client.create_dataset(name="d")
        femu.faults.configure(f"{kind}@{phase}=1,limit=1,only=AppendRowsToDataset")
        task = client.get_dataset(dataset.uid).create_data_rows(ROWS)
        task.wait_till_done(timeout_seconds=30)
        assert task.status == "COMPLETE"
    [event] = femu.faults.events
    assert event.operation == "AppendRowsToDataset"
    with checking_client(femu) as check:
        ids = Counter(row.external_id for row in check.get_dataset(dataset.uid).data_rows())
    assert ids == Counter(row["external_id"] for row in ROWS), "each row exactly once"


def test_rows_without_external_ids_cannot_be_reconciled(femu: Emulator) -> None:
    with fast_client(femu) as client:
        dataset = client.create_dataset(name="d")
        femu.faults.configure("502@after=1,limit=1,only=AppendRowsToDataset")
        with pytest.raises(lbx.WriteOutcomeUnknownError, match="external_id"):
            dataset.create_data_rows([{"row_data": "https://example.com/x.jpg"}])
