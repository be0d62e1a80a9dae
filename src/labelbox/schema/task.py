"""Task: a long-running server-side process."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, cast

from labelbox._generated.entities import TaskBase
from labelbox.exceptions import ResourceNotFoundError
from labelbox.orm.model import ToOne
from labelbox.schema.enums import TaskStatus

if TYPE_CHECKING:
    from labelbox.client import Client
    from labelbox.schema.annotation_types import TaskError
    from labelbox.schema.organization import Organization
    from labelbox.schema.user import User
    from labelbox_gen.client import LabelboxGenClient
    from labelbox_gen.fragments import OrganizationFields, TaskFields, UserFields


# The real API offers no task(where: {id}) root to expand a Task's relationships
# (labelbox 2.6.0's task.created_by() is refused there); tasks are read through the API
# key user's createdTasks, so that user created them and its organization owns them.
def _task_creator(gen: LabelboxGenClient, task_id: str) -> UserFields | None:
    return gen.get_current_user()


def _task_organization(gen: LabelboxGenClient, task_id: str) -> OrganizationFields | None:
    return gen.get_current_organization()


logger: logging.Logger = logging.getLogger("labelbox")


class Task(TaskBase):
    """Represents a server-side process that might take a longer time to process.
    Allows the Task state to be updated and checked on the client side.

    ``status`` is a ``TaskStatus`` (IN_PROGRESS, COMPLETE, FAILED) or an
    ``UnknownValue`` for a status a newer server added.

    Example:
        >>> task = dataset.create_data_rows(rows)
        >>> task.wait_till_done(timeout_seconds=300)
        >>> if task.status == TaskStatus.FAILED:
        ...     for error in task.error_records:
        ...         print(error["message"])
    """

    created_by: ToOne[User] = ToOne("User", "createdBy", _task_creator)
    """ToOne relationship to User: who started the task (the API key's user: tasks are read
    through it)."""
    organization: ToOne[Organization] = ToOne("Organization", "organization", _task_organization)
    """ToOne relationship to Organization: the organization of the task (the API key's
    organization)."""

    @property
    def error_records(self) -> list[TaskError]:
        """``errors`` as typed records: one ``TaskError`` (``{"message": str}``, plus
        whatever else the server put in it) per error; [] when there are none.

        ``errors`` itself stays the schema's JSON as the server sent it (a list of
        ``{"message"}`` objects from the 2.6-era API; later servers send a string).
        """
        raw = self.errors
        if raw is None or raw == [] or raw == "":
            return []
        items = raw if isinstance(raw, list) else [raw]
        records: list[TaskError] = []
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("message"), str):
                records.append(cast("TaskError", item))
            else:
                text = item if isinstance(item, str) else json.dumps(item)
                records.append({"message": text})
        return records

    def refresh(self) -> None:
        """Refreshes Task data from the server.

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If the task is not among the API
                key user's tasks.
        """
        self._model = _fetch_task(self.client, self.uid)

    def wait_till_done(self, timeout_seconds: float = 60, show_progress: bool = False) -> None:
        """Waits until the task is completed. Periodically queries the server to update
        the task attributes.

        Args:
            timeout_seconds: Maximum time this method can block, in seconds. Defaults
                to one minute; when it passes the method returns with the task still
                IN_PROGRESS (check ``status``).
            show_progress: show a tqdm progress bar of the completion percentage.

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If the task disappeared.
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


def _fetch_task(client: Client, task_id: str) -> TaskFields:
    """The task's fragment model, read as the real API allows: through the current
    user's ``createdTasks`` (the only way the classic client reads tasks)."""
    from labelbox_gen.input_types import TaskWhereInput

    root = client._gen.user_created_tasks(
        id=client._current_user_id(), skip=0, first=1, where=TaskWhereInput(id=task_id)
    )
    if root is None or not root.created_tasks:
        raise ResourceNotFoundError(Task, {"id": task_id})
    return root.created_tasks[0]
