"""An idempotent mutation (a bulk label delete, ``execute(..., idempotent=True)``) whose
every attempt fails after the server applied it raises WriteOutcomeUnknownError with
``safe_to_repeat`` -- not a bare NetworkError for a write that happened -- and stays the
NetworkError/TimeoutError/InternalServerError the same failure of a query raises."""

from __future__ import annotations

from typing import Any

import pytest

from labelbox import Label, Project
from labelbox import exceptions as lbx
from labelbox._retry import Attempt, Decision, RetryPolicy, decide
from labelbox_emulator import Emulator

from .conftest import checking_client, fast_client

DELETE = "mutation DeleteLabels($ids: [ID!]!) { deleteLabels(labelIds: $ids) { id } }"
SAFE = "the operation is idempotent, so repeating it is safe"


def _labelled_project(emu: Emulator) -> tuple[str, list[str]]:
    """A project with two labels (made without faults): its id and the labels' ids."""
    with checking_client(emu) as check:
        project = check.create_project(name="labelled")
        dataset = check.create_dataset(name="d", projects=project)
        rows = [dataset.create_data_row(row_data=f"https://example.com/{i}.jpg") for i in (1, 2)]
        labels = [project.create_label(data_row=row, label="x") for row in rows]
        return project.uid, [label.uid for label in labels]


def _live_labels(emu: Emulator, project_id: str) -> list[str]:
    with checking_client(emu) as check:
        return [label.uid for label in check.get_project(project_id).labels()]


def test_bulk_delete_applied_but_every_answer_lost(femu: Emulator) -> None:
    project_id, label_ids = _labelled_project(femu)
    femu.faults.configure("reset@after=1,only=DeleteLabels")
    with fast_client(femu, max_retries=2) as client:
        labels = list(client.get_project(project_id).labels())
        with pytest.raises(lbx.WriteOutcomeUnknownError) as info:
            Label.bulk_delete(labels)
        assert client._transport.retries == 2
    error = info.value
    assert error.safe_to_repeat is True
    assert isinstance(error, lbx.NetworkError)  # what it raised before: still caught
    assert type(error) is lbx.WriteOutcomeUnknownNetworkError
    assert error.operation == "DeleteLabels" and error.retries == 2
    assert error.status is None and error.codes == () and error.request_id is None
    message = str(error)
    assert message.startswith("DeleteLabels may have been applied by the server: ")
    assert "connection lost after sending" in message and "after 3 attempts" in message
    assert SAFE in message.lower()
    events = femu.faults.events
    assert [(e.kind, e.phase, e.operation) for e in events] == [
        ("reset", "after", "DeleteLabels")
    ] * 3
    # It was applied: the labels are gone.
    assert sorted(label.uid for label in labels) == sorted(label_ids)
    assert _live_labels(femu, project_id) == []


@pytest.mark.parametrize(
    ("kind", "also"),
    [
        ("reset", lbx.NetworkError),
        ("502", lbx.InternalServerError),
        ("504-html", lbx.InternalServerError),
        ("500-html", lbx.InternalServerError),
        ("malformed", None),
        ("slow", lbx.TimeoutError),
    ],
)
def test_raw_idempotent_mutation_after_every_fault(
    femu: Emulator, kind: str, also: type[lbx.LabelboxError] | None
) -> None:
    project_id, label_ids = _labelled_project(femu)
    femu.faults.configure(f"{kind}@after=1,delay=0.3")  # the delete is all it sends
    timeout = 0.1 if kind == "slow" else 30  # the slow answer comes 0.3 s late
    with (
        fast_client(femu, max_retries=1) as client,
        pytest.raises(lbx.WriteOutcomeUnknownError) as info,
    ):
        client.execute(DELETE, {"ids": label_ids[:1]}, timeout, deadline=10, idempotent=True)
    error = info.value
    assert error.safe_to_repeat and error.retries == 1 and error.operation == "DeleteLabels"
    assert "may have been applied" in str(error) and SAFE in str(error).lower()
    if also is None:
        assert type(error) is lbx.WriteOutcomeUnknownError
    else:
        assert isinstance(error, also)
    if kind not in ("reset", "slow"):
        assert error.status is not None and error.request_id == femu.faults.events[-1].request_id
    assert len(femu.faults.events) == 2
    assert _live_labels(femu, project_id) == label_ids[1:]


def test_earlier_attempt_applied_last_one_refused(femu: Emulator) -> None:
    """The last attempt proves it was not processed (503), but the first one may have
    applied it (and did): still unknown, and said so."""
    project_id, label_ids = _labelled_project(femu)
    femu.faults.configure("reset@after=1")
    with fast_client(femu, max_retries=1) as client:
        transport = client._transport
        retrying = transport._retrying

        def then_refuse(*args: Any) -> None:  # before the retry: the server says 503
            femu.faults.configure("503@before=1")
            retrying(*args)

        transport._retrying = then_refuse  # type: ignore[method-assign]
        with pytest.raises(lbx.WriteOutcomeUnknownServerError) as info:
            client.execute(DELETE, {"ids": label_ids}, idempotent=True)
    error = info.value
    assert error.safe_to_repeat and error.retries == 1 and error.status == 503
    assert isinstance(error, lbx.InternalServerError)
    assert "an earlier attempt failed after sending it; the last one: HTTP 503" in str(error)
    assert [e.kind for e in femu.faults.events] == ["reset", "503"]
    assert _live_labels(femu, project_id) == []


def test_queries_and_unsafe_mutations_unchanged(femu: Emulator) -> None:
    femu.faults.configure("reset@before=1")
    with fast_client(femu, max_retries=1) as client:
        with pytest.raises(lbx.NetworkError) as query:
            client.get_projects(where=Project.name == "x").get_one()
        assert not isinstance(query.value, lbx.WriteOutcomeUnknownError)
    femu.faults.configure("reset@after=1")
    with (
        fast_client(femu, max_retries=1) as client,
        pytest.raises(lbx.WriteOutcomeUnknownError) as unsafe,
    ):
        client.create_project(name="once")
    assert type(unsafe.value) is lbx.WriteOutcomeUnknownError
    assert unsafe.value.safe_to_repeat is False and unsafe.value.retries == 0
    assert "It was not retried" in str(unsafe.value)


def test_decision_of_an_idempotent_write() -> None:
    policy = RetryPolicy(max_retries=1)
    lost = Attempt(problem="no_response", detail="connection lost after sending")
    refused = Attempt(problem="not_sent", detail="could not connect")

    def final(attempt: Attempt, *, write: bool, maybe_applied: bool = False) -> Decision:
        return decide(
            attempt,
            repeatable=True,
            retries_done=1,
            policy=policy,
            remaining=None,
            write=write,
            maybe_applied=maybe_applied,
        )

    assert final(lost, write=True).safe_to_repeat
    assert final(lost, write=True).outcome_unknown
    assert not final(lost, write=False).outcome_unknown  # a query
    assert not final(refused, write=True).outcome_unknown  # nothing was applied
    assert final(refused, write=True, maybe_applied=True).safe_to_repeat  # ... but before
    not_found = Attempt(status=200, body={"errors": [{"extensions": {"code": "NOT_FOUND"}}]})
    assert not final(not_found, write=True, maybe_applied=True).outcome_unknown
    # the first failure is retried, whatever it was
    first = decide(lost, repeatable=True, retries_done=0, policy=policy, remaining=None, write=True)
    assert first.retry and not first.outcome_unknown
