"""Task: a long-running server-side process."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, cast

from labelbox._async._generated.entities import AsyncTaskBase
from labelbox._async.orm.relationships import AsyncToOne
from labelbox.exceptions import ResourceNotFoundError
from labelbox.schema.enums import TaskStatus

if TYPE_CHECKING:
    from labelbox._async.client import AsyncClient
    from labelbox._async.schema.organization import AsyncOrganization
    from labelbox._async.schema.user import AsyncUser
    from labelbox.schema.annotation_types import TaskError
    from labelbox_gen.async_client import AsyncLabelboxGenClient
    from labelbox_gen.fragments import OrganizationFields, TaskFields, UserFields


# The real API offers no task(where: {id}) root to expand an AsyncTask's relationships
# (labelbox 2.6.0's task.created_by() is refused there); tasks are read through the API
# key user's createdTasks, so that user created them and its organization owns them.
async def _task_creator(gen: AsyncLabelboxGenClient, task_id: str) -> UserFields | None:
    return await gen.get_current_user()


async def _task_organization(
    gen: AsyncLabelboxGenClient, task_id: str
) -> OrganizationFields | None:
    return await gen.get_current_organization()


logger: logging.Logger = logging.getLogger("labelbox")


class AsyncTask(AsyncTaskBase):
    """Represents a server-side process that might take a longer time to process.
    Allows the AsyncTask state to be updated and checked on the client side.

    ``status`` is a ``TaskStatus`` (IN_PROGRESS, COMPLETE, FAILED) or an
    ``UnknownValue`` for a status a newer server added.

    Example:
        >>> task = await dataset.create_data_rows(rows)
        >>> await task.wait_till_done(timeout_seconds=300)
        >>> if task.status == TaskStatus.FAILED:
        ...     for error in task.error_records:
        ...         print(error["message"])
    """

    created_by: AsyncToOne[AsyncUser] = AsyncToOne("User", "createdBy", _task_creator)
    """ToOne relationship to AsyncUser: who started the task (the API key's user: tasks are read
    through it)."""
    organization: AsyncToOne[AsyncOrganization] = AsyncToOne(
        "Organization", "organization", _task_organization
    )
    """ToOne relationship to AsyncOrganization: the organization of the task (the API key's
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

    async def refresh(self) -> None:
        """Refreshes the task's data from the server.

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If the task is not among the API
                key user's tasks.
        """
        self._model = await _fetch_task(self.client, self.uid)

    async def wait_till_done(
        self, timeout_seconds: float = 60, show_progress: bool = False
    ) -> None:
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
        from labelbox._async._progress import wait_for

        async def done() -> bool:
            if self.status == TaskStatus.IN_PROGRESS:
                await self.refresh()
            return self.status != TaskStatus.IN_PROGRESS

        if not await wait_for(
            done,
            timeout_seconds,
            desc=f"Task {self.name}",
            show_progress=show_progress,
            percent=lambda: self.completion_percentage or 0,
        ):
            return
        logger.info("Task %s finished with status %s", self.uid, self.status.value)


async def _fetch_task(client: AsyncClient, task_id: str) -> TaskFields:
    """The task's fragment model, read as the real API allows: through the current
    user's ``createdTasks`` (the only way the classic client reads tasks)."""
    from labelbox_gen.input_types import TaskWhereInput

    root = await client._gen.user_created_tasks(
        id=await client._current_user_id(), skip=0, first=1, where=TaskWhereInput(id=task_id)
    )
    if root is None or not root.created_tasks:
        raise ResourceNotFoundError(AsyncTask, {"id": task_id})
    return root.created_tasks[0]
