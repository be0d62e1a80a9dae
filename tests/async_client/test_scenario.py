"""The classic compatibility scenario (tests/compat/classic_scenario_*.py) rendered
async: the same steps through ``labelbox.AsyncClient`` (``async with``, ``async for``,
awaited relationships and writes), under asyncio and trio, against the emulator over
real HTTP. Each test asserts on real values: names, counts, ids round-tripping.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from labelbox import (
    AsyncClient,
    AsyncDataRow,
    AsyncDataset,
    AsyncLabel,
    AsyncLabelingFrontend,
    AsyncLabelingFrontendOptions,
    AsyncOrganization,
    AsyncPaginatedCollection,
    AsyncProject,
    AsyncTask,
    AsyncUser,
    AsyncWebhook,
)
from labelbox.exceptions import (
    AuthenticationError,
    InvalidQueryError,
    NetworkError,
    ResourceNotFoundError,
)
from labelbox_emulator.pytest_plugin import EmulatedOrganization

pytestmark = pytest.mark.anyio
T = TypeVar("T")

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)
ONTOLOGY: dict[str, Any] = {
    "tools": [
        {"tool": "rectangle", "name": "Car", "color": "#ff0000", "required": False},
        {"tool": "polygon", "name": "Road", "color": "#00ff00", "required": False},
    ],
    "classifications": [
        {
            "type": "radio",
            "instructions": "Weather",
            "name": "weather",
            "required": False,
            "options": [{"value": "sunny", "label": "sunny"}, {"value": "rain", "label": "rain"}],
        }
    ],
}


async def uids(collection: AsyncPaginatedCollection[Any]) -> list[str]:
    return [item.uid async for item in collection]


async def listed(collection: AsyncPaginatedCollection[T]) -> list[T]:
    return [item async for item in collection]


async def download(url: str) -> bytes:
    async with httpx.AsyncClient(timeout=10) as http:
        response = await http.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content


async def test_connect_and_errors(
    labelbox_async_client: AsyncClient, org: EmulatedOrganization
) -> None:
    """get_user, get_organization and their relationships; the documented errors."""
    async with labelbox_async_client as client:
        user = await client.get_user()
        organization = await client.get_organization()
        assert isinstance(user, AsyncUser) and isinstance(organization, AsyncOrganization)
        assert (user.uid, organization.uid) == (org.user_id, org.organization_id)
        assert user.email and isinstance(user.created_at, datetime)
        same_org = await user.organization()
        assert same_org is not None and same_org.uid == organization.uid
        assert user.uid in await uids(organization.users())
        data = await client.execute("query Me { user { id email } }")
        assert data == {"user": {"id": user.uid, "email": user.email}}
        with pytest.raises(InvalidQueryError):
            await client.execute("asda")
        with pytest.raises(InvalidQueryError):
            await client.execute("query {bbb {id}}")
        missing = "c" + "0" * 24
        with pytest.raises(ResourceNotFoundError):
            await client.get_project(missing)
        with pytest.raises(ResourceNotFoundError):
            await client.get_dataset(missing)
    async with AsyncClient(api_key="not-a-valid-key", endpoint=org.endpoint) as bad:
        with pytest.raises(AuthenticationError):
            await bad.get_user()
        with pytest.raises(AuthenticationError):
            await bad.create_project(name="x")
    async with AsyncClient(api_key=org.api_key, endpoint="http://127.0.0.1:9/graphql") as gone:
        with pytest.raises(NetworkError):
            await gone.get_user()


async def test_projects(labelbox_async_client: AsyncClient) -> None:
    """create_project, get_project, update, get_projects with where/order_by, get_one,
    get_many, with_progress, relationships, delete."""
    async with labelbox_async_client as client:
        user = await client.get_user()
        project = await client.create_project(name="cars", description="async compat")
        assert isinstance(project, AsyncProject)
        assert (project.name, project.description, project.setup_complete) == (
            "cars",
            "async compat",
            None,
        )
        got = await client.get_project(project.uid)
        assert (got.uid, got.name) == (project.uid, "cars")
        await project.update(description="updated")
        assert project.description == "updated"
        assert (await client.get_project(project.uid)).description == "updated"
        other = await client.create_project(name="trucks")

        async def names(where: Any) -> set[str]:
            return {p.name async for p in client.get_projects(where=where)}

        assert await names(AsyncProject.name == "cars") == {"cars"}
        assert await names(AsyncProject.name != "cars") == {"trucks"}
        assert await names(AsyncProject.name > "cars") == {"trucks"}
        assert await names(AsyncProject.name < "trucks") == {"cars"}
        assert await names(
            (AsyncProject.name == "cars") & (AsyncProject.description == "updated")
        ) == {"cars"}
        ordered = client.get_projects(order_by=AsyncProject.name.desc)
        assert [p.name async for p in ordered] == ["trucks", "cars"]
        first = await client.get_projects(order_by=AsyncProject.name.asc).get_one()
        assert first is not None and first.uid == project.uid
        assert await client.get_projects(where=AsyncProject.name == "none").get_one() is None
        assert [p.uid for p in await ordered.get_many(5)] == [other.uid, project.uid]
        assert [p.name async for p in ordered.with_progress(desc="Projects", total=2)] == [
            "trucks",
            "cars",
        ]
        creator = await project.created_by()
        assert creator is not None and creator.uid == user.uid
        organization = await project.organization()
        assert (
            organization is not None and organization.uid == (await client.get_organization()).uid
        )
        assert project.uid in await uids(user.projects())
        await other.delete()
        assert await uids(client.get_projects()) == [project.uid]


async def test_datasets(labelbox_async_client: AsyncClient) -> None:
    """create_dataset(projects=...), relationships both ways, connect/disconnect."""
    async with labelbox_async_client as client:
        project = await client.create_project(name="p")
        other = await client.create_project(name="q")
        dataset = await client.create_dataset(name="ds", projects=project)
        assert isinstance(dataset, AsyncDataset) and dataset.name == "ds"
        assert await uids(dataset.projects()) == [project.uid]
        assert await uids(project.datasets()) == [dataset.uid]
        async for found in project.datasets():
            assert isinstance(found, AsyncDataset) and found.name == "ds"
        await dataset.update(description="images")
        got = await client.get_dataset(dataset.uid)
        assert (got.name, got.description) == ("ds", "images")
        assert await uids(client.get_datasets(where=AsyncDataset.name == "ds")) == [dataset.uid]
        creator = await dataset.created_by()
        assert creator is not None and creator.uid == (await client.get_user()).uid
        await other.datasets.connect(dataset)
        assert sorted(await uids(dataset.projects())) == sorted([project.uid, other.uid])
        await other.datasets.disconnect(dataset)
        assert await uids(dataset.projects()) == [project.uid]
        assert await uids(other.datasets()) == []
        plain = await client.create_dataset(name="plain")
        assert (await client.get_dataset(plain.uid)).description == ""
        await plain.delete()
        assert await uids(client.get_datasets()) == [dataset.uid]


async def test_data_rows(labelbox_async_client: AsyncClient, tmp_path: Path) -> None:
    """create_data_rows from dicts and local files (Task waited for), create_data_row,
    upload_data, external-id lookups, relationships, bulk_delete."""
    async with labelbox_async_client as client:
        user = await client.get_user()
        dataset = await client.create_dataset(name="rows")
        urls = [f"https://example.com/img/{i}.jpg" for i in range(4)]
        items: list[Any] = [{AsyncDataRow.row_data: urls[0], AsyncDataRow.external_id: "url-0"}]
        items += [{"row_data": url, "external_id": f"url-{i}"} for i, url in enumerate(urls) if i]
        task = await dataset.create_data_rows(items)
        assert isinstance(task, AsyncTask)
        await task.wait_till_done(timeout_seconds=60)
        assert task.status == "COMPLETE"
        await task.refresh()
        assert task.status == "COMPLETE"
        assert task.uid in await uids(user.created_tasks())
        for i, url in enumerate(urls):
            assert (await dataset.data_row_for_external_id(f"url-{i}")).row_data == url
        row = await dataset.data_row_for_external_id("url-0")
        parent = await row.dataset()
        assert parent is not None and parent.uid == dataset.uid
        creator = await row.created_by()
        assert creator is not None and creator.uid == user.uid
        with pytest.raises(ResourceNotFoundError):
            await dataset.data_row_for_external_id("no-such-row")
        png, txt = tmp_path / "pixel.png", tmp_path / "note.txt"
        png.write_bytes(PNG)
        txt.write_text("a text asset\n")
        task = await dataset.create_data_rows([str(png), txt])
        await task.wait_till_done(timeout_seconds=60)
        assert task.status == "COMPLETE"
        for path, content in ((png, PNG), (txt, b"a text asset\n")):
            uploaded = await dataset.data_row_for_external_id(str(path))
            assert uploaded.row_data.startswith("http")
            assert await download(uploaded.row_data) == content
        by_id = await dataset.data_rows_for_external_id(str(png), limit=10)
        assert [r.external_id for r in by_id] == [str(png)]
        single = await dataset.create_data_row(
            row_data="https://example.com/one.jpg", external_id="one"
        )
        assert (single.row_data, single.external_id) == ("https://example.com/one.jpg", "one")
        uri = await client.upload_data(b"uploaded async")
        from_uri = await dataset.create_data_row(row_data=uri, external_id="upload-data")
        assert await download(from_uri.row_data) == b"uploaded async"
        rows = await listed(dataset.data_rows())
        assert len(rows) == 8 and len({r.uid for r in rows}) == 8
        await AsyncDataRow.bulk_delete([single, from_uri])
        assert len(await listed(dataset.data_rows())) == 6


async def test_pagination_where_order_by(labelbox_async_client: AsyncClient) -> None:
    """250 rows: pages past 100, order_by across pages, where ==, !=, >=, AND."""
    async with labelbox_async_client as client:
        paged = await client.create_dataset(name="paged")
        items: list[Any] = [
            {"row_data": f"https://example.com/p/{i}.jpg", "external_id": f"page-{i:03d}"}
            for i in range(250)
        ]
        task = await paged.create_data_rows(items)
        await task.wait_till_done()
        rows = await listed(paged.data_rows())
        assert len(rows) == 250 and len({r.uid for r in rows}) == 250
        expected = sorted((item["external_id"] for item in items), reverse=True)
        desc = [
            r.external_id async for r in paged.data_rows(order_by=AsyncDataRow.external_id.desc)
        ]
        assert desc == expected
        asc = [r.external_id async for r in paged.data_rows(order_by=AsyncDataRow.external_id.asc)]
        assert asc == expected[::-1]
        hit = await paged.data_rows(where=AsyncDataRow.external_id == "page-123").get_one()
        assert hit is not None and hit.row_data == "https://example.com/p/123.jpg"
        window = (AsyncDataRow.external_id >= "page-240") & (
            AsyncDataRow.row_data != "https://example.com/p/245.jpg"
        )
        got = sorted([r.external_id async for r in paged.data_rows(where=window)])
        assert got == [f"page-{i}" for i in range(240, 250) if i != 245]
        not_one = await listed(paged.data_rows(where=AsyncDataRow.external_id != "page-000"))
        assert len(not_one) == 249
        first = await paged.data_rows(order_by=AsyncDataRow.external_id.asc).get_many(150)
        assert [r.external_id for r in first] == expected[::-1][:150]
        counted = [r async for r in paged.data_rows().with_progress(desc="Rows", total=250)]
        assert [r.uid for r in counted] == [r.uid for r in rows]


async def test_setup_labels_reviews_webhooks(labelbox_async_client: AsyncClient) -> None:
    """Editor frontend, project.setup(ontology), labels, reviews, webhooks."""
    async with labelbox_async_client as client:
        project = await client.create_project(name="labeling")
        dataset = await client.create_dataset(name="d", projects=project)
        row = await dataset.create_data_row(row_data="https://example.com/x.jpg", external_id="x")
        editor = await client.get_labeling_frontends(
            where=AsyncLabelingFrontend.name == "Editor"
        ).get_one()
        assert isinstance(editor, AsyncLabelingFrontend) and editor.name == "Editor"
        assert await project.labeling_frontend() is None
        await project.labeling_frontend.connect(editor)
        connected = await project.labeling_frontend()
        assert connected is not None and connected.uid == editor.uid
        await project.labeling_frontend.disconnect(editor)
        assert await project.labeling_frontend() is None
        await project.setup(editor, ONTOLOGY)
        fresh = await client.get_project(project.uid)
        assert isinstance(fresh.setup_complete, datetime)
        options = await listed(project.labeling_frontend_options())
        assert len(options) == 1 and isinstance(options[0], AsyncLabelingFrontendOptions)
        assert options[0].customization_options == json.dumps(ONTOLOGY)
        assert project.uid in await uids(editor.projects())
        label = await project.create_label(
            data_row=row, label='{"objects": []}', seconds_to_label=2.5
        )
        assert isinstance(label, AsyncLabel) and (label.label, label.seconds_to_label) == (
            '{"objects": []}',
            2.5,
        )
        labeled = await label.data_row()
        assert labeled is not None and labeled.uid == row.uid
        assert await uids(project.labels()) == [label.uid] == await uids(row.labels())
        review = await label.create_review(score=1)
        assert [r.uid async for r in label.reviews()] == [review.uid]
        hook = await AsyncWebhook.create(
            client, [AsyncWebhook.LABEL_CREATED], "https://h.example/a", "s", project
        )
        assert isinstance(hook, AsyncWebhook) and hook.url == "https://h.example/a"
        assert hook.status == AsyncWebhook.ACTIVE
        assert await uids(project.webhooks()) == [hook.uid]
        hooked = await hook.project()
        assert hooked is not None and hooked.uid == project.uid
        both = [AsyncWebhook.LABEL_CREATED, AsyncWebhook.REVIEW_CREATED]
        await hook.update(topics=both)
        assert hook.topics == both
        await hook.delete()
        assert hook.status == AsyncWebhook.INACTIVE
        await AsyncLabel.bulk_delete([label])
        assert await uids(project.labels()) == []
