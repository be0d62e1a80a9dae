"""Typing contract of ``labelbox.AsyncClient``, ``AsyncPaginatedCollection`` and the
async entities, as a user's async code sees them. Only type-checked (mypy --strict,
pyright strict), never executed: awaited calls give the sync facade's types with the
``Async`` classes, collections are async iterables, field reads stay plain values."""
# pyright: strict

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from typing_extensions import assert_type

import labelbox
from labelbox import (
    AsyncClient,
    AsyncDataRow,
    AsyncDataset,
    AsyncLabel,
    AsyncLabelingFrontend,
    AsyncOrganization,
    AsyncPaginatedCollection,
    AsyncProject,
    AsyncReview,
    AsyncRole,
    AsyncTask,
    AsyncUser,
    AsyncWebhook,
)
from labelbox.schema.enums import TaskStatus, UnknownValue


async def construction() -> None:
    assert_type(AsyncClient(), AsyncClient)
    assert_type(AsyncClient("<API_KEY>", timeout=5.0, http_client=httpx.AsyncClient()), AsyncClient)
    assert_type(labelbox.AsyncClient, type[AsyncClient])
    assert_type(labelbox.AsyncProject, type[AsyncProject])
    async with AsyncClient() as client:
        assert_type(client, AsyncClient)
        assert_type(client.endpoint, str)
        assert_type(client.api_key, str)
    assert_type(await AsyncClient().close(), None)

    class MyClient(AsyncClient):
        pass

    async with MyClient() as mine:  # __aenter__ returns Self
        assert_type(mine, MyClient)


async def single_objects(client: AsyncClient) -> None:
    assert_type(await client.get_project("<project_id>"), AsyncProject)
    assert_type(await client.get_dataset(dataset_id="<dataset_id>"), AsyncDataset)
    assert_type(await client.get_user(), AsyncUser)
    assert_type(await client.get_organization(), AsyncOrganization)
    assert_type(await client.get_roles(), dict[str, AsyncRole])
    assert_type(await client.execute("query { user { id } }"), dict[str, Any] | None)
    assert_type(await client.upload_file(Path("a.jpg")), str)
    assert_type(await client.upload_data(b"x", filename="x.bin"), str)
    assert_type(await client.create_project(name="cars"), AsyncProject)
    assert_type(await client.create_dataset(name="d"), AsyncDataset)


async def collections(client: AsyncClient) -> None:
    projects = client.get_projects()
    assert_type(projects, AsyncPaginatedCollection[AsyncProject])
    assert_type(
        client.get_projects(where=AsyncProject.name == "x", order_by=AsyncProject.name.asc),
        AsyncPaginatedCollection[AsyncProject],
    )
    assert_type(client.get_datasets(), AsyncPaginatedCollection[AsyncDataset])
    assert_type(client.get_labeling_frontends(), AsyncPaginatedCollection[AsyncLabelingFrontend])
    async for project in projects:
        assert_type(project, AsyncProject)
    assert_type([p.name async for p in projects], list[str])
    assert_type(await projects.get_one(), AsyncProject | None)
    assert_type(await projects.get_many(5), list[AsyncProject])
    assert_type(await anext(projects), AsyncProject)
    assert_type(projects.with_progress(desc="Projects"), AsyncIterator[AsyncProject])
    async for item in projects.with_progress():
        assert_type(item, AsyncProject)


async def entities(client: AsyncClient, project: AsyncProject, dataset: AsyncDataset) -> None:
    assert_type(project.name, str)
    assert_type(project.uid, str)
    assert_type(project.created_at, datetime)
    assert_type(await project.created_by(), AsyncUser | None)
    assert_type(await project.organization(), AsyncOrganization | None)
    assert_type(project.datasets(), AsyncPaginatedCollection[AsyncDataset])
    assert_type(project.labels(), AsyncPaginatedCollection[AsyncLabel])
    assert_type(project.webhooks(), AsyncPaginatedCollection[AsyncWebhook])
    assert_type(await project.datasets.connect(dataset), None)
    assert_type(await project.update(description="d"), None)
    assert_type(await project.delete(), None)
    assert_type(dataset.data_rows(), AsyncPaginatedCollection[AsyncDataRow])
    assert_type(await dataset.create_data_rows([Path("a.jpg"), {"row_data": "u"}]), AsyncTask)
    assert_type(await dataset.create_data_row(row_data="https://x"), AsyncDataRow)
    assert_type(await dataset.data_row_for_external_id("e"), AsyncDataRow)
    task = await dataset.create_data_rows(["a.jpg"])
    assert_type(await task.wait_till_done(timeout_seconds=5), None)
    assert_type(task.status, TaskStatus | UnknownValue)
    row = await dataset.data_row_for_external_id("e")
    assert_type(row.row_data, str)
    assert_type(await row.dataset(), AsyncDataset | None)
    label = await project.create_label(data_row=row, label="{}")  # pyright: ignore[reportDeprecated]
    assert_type(label, AsyncLabel)
    assert_type(await label.create_review(score=1), AsyncReview)
    assert_type(label.reviews(), AsyncPaginatedCollection[AsyncReview])
    hook = await AsyncWebhook.create(
        client, [AsyncWebhook.LABEL_CREATED], "https://h", "s", project
    )
    assert_type(hook, AsyncWebhook)
    assert_type(hook.url, str)
