"""Task: a long-running server-side process."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from labelbox.exceptions import ResourceNotFoundError
from labelbox.orm.db_object import DbObject
from labelbox.orm.model import Field, ToOne
from labelbox.schema.enums import TaskStatus

if TYPE_CHECKING:
    from pydantic import JsonValue

    from labelbox.client import Client
    from labelbox.schema.organization import Organization
    from labelbox.schema.user import User

logger = logging.getLogger("labelbox")


class Task(DbObject):
    """Represents a server-side process that might take a longer time to process.
    Allows the Task state to be updated and checked on the client side."""

    _fragment = "TaskFields"

    updated_at: Field[Task, datetime] = Field("updatedAt")
    created_at: Field[Task, datetime] = Field("createdAt")
    name: Field[Task, str] = Field("name")
    #: IN_PROGRESS, COMPLETE or FAILED (a str enum: compares equal to the strings).
    status: Field[Task, TaskStatus] = Field("status")
    completion_percentage: Field[Task, float | None] = Field("completionPercentage")
    #: Why the task failed, when it did.
    errors: Field[Task, JsonValue] = Field("errors")

    created_by: ToOne[User] = ToOne("User")
    organization: ToOne[Organization] = ToOne("Organization")

    def refresh(self) -> None:
        """Refreshes Task data from the server."""
        self._model = _fetch_task(self.client, self.uid)

    def wait_till_done(self, timeout_seconds: float = 60, show_progress: bool = False) -> None:
        """Waits until the task is completed. Periodically queries the server to update
        the task attributes.

        Args:
            timeout_seconds: Maximum time this method can block, in seconds.
            show_progress: show a tqdm progress bar of the completion percentage.
        """
        from labelbox._progress import wait_for

        def done() -> bool:
            if self.status == TaskStatus.IN_PROGRESS:
                self.refresh()
            return self.status != TaskStatus.IN_PROGRESS

        if not wait_for(
            done,
            timeout_seconds,
            desc=f"Task {self.name}",
            show_progress=show_progress,
            percent=lambda: self.completion_percentage or 0,
        ):
            return
        logger.info("Task %s finished with status %s", self.uid, self.status.value)


def _fetch_task(client: Client, task_id: str) -> Any:
    """The task's fragment model, read as the real API allows: through the current
    user's ``createdTasks`` (the only way the classic client reads tasks)."""
    from labelbox.orm.db_object import build_input

    root = client._gen.user_created_tasks(
        id=client._current_user_id(),
        skip=0,
        first=1,
        where=build_input("TaskWhereInput", {"id": task_id}),
    )
    if root is None or not root.created_tasks:
        raise ResourceNotFoundError(Task, {"id": task_id})
    return root.created_tasks[0]
