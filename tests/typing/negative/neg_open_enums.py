"""Cases that MUST fail type checking: open enums are not falsely exhaustive.

A value a newer server adds arrives as an ``UnknownValue``; a ``match`` over the known
members that ends in ``assert_never`` must be an error until that case is handled."""
# pyright: strict, reportUnnecessaryTypeIgnoreComment=error
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false

from __future__ import annotations

from typing_extensions import assert_never

from labelbox import Client
from labelbox.schema.enums import TaskStatus, UnknownValue, WebhookTopic


def exhaustive_over_known_members_only(client: Client) -> str:
    task = client.get_user().created_tasks().get_one()
    assert task is not None
    status = task.status
    if status is TaskStatus.IN_PROGRESS or status is TaskStatus.COMPLETE:
        return "running or done"
    if status is TaskStatus.FAILED:
        return "failed"
    assert_never(status)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]


def handled(client: Client) -> str:
    """The same with the unknown case handled type-checks (no annotation here)."""
    task = client.get_user().created_tasks().get_one()
    assert task is not None
    status = task.status
    if isinstance(status, UnknownValue):
        return f"newer server status {status}"
    if status is TaskStatus.IN_PROGRESS or status is TaskStatus.COMPLETE:
        return "running or done"
    if status is TaskStatus.FAILED:
        return "failed"
    assert_never(status)


def an_unknown_value_is_not_a_member() -> WebhookTopic:
    return UnknownValue("MODEL_RUN_CREATED")  # type: ignore[return-value]  # pyright-expect[reportReturnType]
