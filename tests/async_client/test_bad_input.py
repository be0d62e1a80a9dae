"""Bad input to the async entry points is refused before anything is sent (as the sync
suite's tests/facade/test_bad_input.py checks for the sync facade): TypeError,
ValueError or InvalidAttributeError, and the request counter of the caller's own
``httpx.AsyncClient`` (an event hook) does not move. Under asyncio and trio."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest

from labelbox import AsyncClient, AsyncDataRow, AsyncDataset, AsyncProject, AsyncWebhook
from labelbox import exceptions as lbx

from .conftest import Counting

pytestmark = pytest.mark.anyio

World = tuple[AsyncClient, AsyncProject, AsyncDataset, AsyncDataRow]
#: name -> (call returning an awaitable or an async iterable, the error raised locally)
CASES: dict[str, tuple[Callable[[World], Any], type[Exception]]] = {
    "get_project(int)": (lambda w: w[0].get_project(123), TypeError),
    "get_project(None)": (lambda w: w[0].get_project(None), TypeError),  # type: ignore[arg-type]
    "get_dataset(bytes)": (lambda w: w[0].get_dataset(b"id"), TypeError),  # type: ignore[arg-type]
    "create_project(unknown kwarg)": (
        lambda w: w[0].create_project(name="x", nmae="y"),  # type: ignore[call-arg]
        lbx.InvalidAttributeError,
    ),
    "create_project(name=int)": (lambda w: w[0].create_project(name=5), TypeError),  # type: ignore[typeddict-item]
    "create_dataset(projects=str)": (
        lambda w: w[0].create_dataset(name="d", projects=5),  # type: ignore[typeddict-item]
        TypeError,
    ),
    "project.update(unknown kwarg)": (
        lambda w: w[1].update(bogus=1),  # type: ignore[call-arg]
        lbx.InvalidAttributeError,
    ),
    "project.update(name=int)": (lambda w: w[1].update(name=3), TypeError),  # type: ignore[arg-type]
    "dataset.update(unknown kwarg)": (
        lambda w: w[2].update(nope="x"),  # type: ignore[call-arg]
        lbx.InvalidAttributeError,
    ),
    "execute(timeout=str)": (lambda w: w[0].execute("query {user {id}}", timeout="60"), TypeError),  # type: ignore[arg-type]
    "execute(timeout<0)": (lambda w: w[0].execute("query {user {id}}", timeout=-1), ValueError),
    "execute(timeout=nan)": (
        lambda w: w[0].execute("query {user {id}}", timeout=math.nan),
        ValueError,
    ),
    "upload_data(int)": (lambda w: w[0].upload_data(5), TypeError),  # type: ignore[arg-type]
    "Webhook.create(bad url)": (
        lambda w: AsyncWebhook.create(w[0], [AsyncWebhook.LABEL_CREATED], "not a url", "s", w[1]),
        ValueError,
    ),
    "Webhook.create(bad topic)": (
        lambda w: AsyncWebhook.create(w[0], ["NO_SUCH_TOPIC"], "https://h.example", "s", None),
        ValueError,
    ),
    "extend_reservations(bad queue)": (
        lambda w: w[1].extend_reservations("Nope"),
        lbx.InvalidQueryError,
    ),
    "export_labels(timeout=str)": (
        lambda w: w[1].export_labels(timeout_seconds="60"),  # type: ignore[arg-type]
        TypeError,
    ),
}

#: name -> (call building a collection, the error raised locally)
WHERE_CASES: dict[str, tuple[Callable[[World], Any], type[Exception]]] = {
    "get_projects(where on a Dataset field)": (
        lambda w: w[0].get_projects(where=AsyncDataset.name == "x"),  # type: ignore[arg-type]
        lbx.InvalidAttributeError,
    ),
    "get_datasets(order_by a Project field)": (
        lambda w: w[0].get_datasets(order_by=AsyncProject.name.asc),  # type: ignore[arg-type]
        lbx.InvalidAttributeError,
    ),
    "project.datasets(where on a DataRow field)": (
        lambda w: w[1].datasets(where=AsyncDataRow.external_id == "x"),  # type: ignore[arg-type]
        lbx.InvalidAttributeError,
    ),
    "dataset.data_rows(where=str)": (
        lambda w: w[2].data_rows(where="external_id == x"),  # type: ignore[arg-type]
        TypeError,
    ),
}


async def _world(counting: Counting) -> World:
    client = counting.client
    project = await client.create_project(name="bad input")
    dataset = await client.create_dataset(name="bad input")
    row = await dataset.create_data_row(row_data="https://example.com/a.jpg")
    return client, project, dataset, row


async def test_refused_before_sending(counting: Counting) -> None:
    """Each bad call raises its documented local error; no request is sent."""
    gaps = []
    try:
        world = await _world(counting)
        for name, (call, error) in {**CASES, **WHERE_CASES}.items():
            before = counting.sent
            try:
                result = call(world)
                if hasattr(result, "__await__"):
                    await result
                else:  # a collection: nothing may be sent before iterating either
                    [item async for item in result]
            except error:
                pass
            except Exception as exc:
                gaps.append(f"{name}: {type(exc).__name__} (wanted {error.__name__}): {exc}")
            else:
                gaps.append(f"{name}: accepted (wanted {error.__name__})")
            if counting.sent != before:
                gaps.append(f"{name}: sent {counting.sent - before} request(s) before refusing")
        await world[1].update(name="still works")  # the client is usable after all that
        assert (await world[0].get_project(world[1].uid)).name == "still works"
    finally:
        await counting.aclose()
    assert not gaps, "\n".join(gaps)


async def test_where_is_checked_when_the_collection_is_built(counting: Counting) -> None:
    """A where/order_by of another entity is refused by the call that builds the
    collection (not at iteration), sending nothing."""
    try:
        world = await _world(counting)
        before = counting.sent
        for name, (call, error) in WHERE_CASES.items():
            with pytest.raises(error):
                call(world)
            assert counting.sent == before, name
    finally:
        await counting.aclose()


@pytest.mark.parametrize("bad", [123, None, b"id", ["id"]])
async def test_get_project_needs_a_str_id(counting: Counting, bad: Any) -> None:
    async with counting.client as client:
        with pytest.raises(TypeError, match="id must be a str"):
            await client.get_project(bad)
    await counting.http.aclose()
    assert counting.sent == 0
