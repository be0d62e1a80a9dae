"""Client: the top-level collections (get_projects, get_datasets,
get_labeling_frontends) with where/order_by and pagination, and the local checks of
where/order_by arguments that fail before any request is sent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from labelbox import Client, DataRow, Dataset, LabelingFrontend, PaginatedCollection, Project
from labelbox import exceptions as lbx
from labelbox.orm.model import Order


# -- collections -------------------------------------------------------------------------
@pytest.fixture
def named_projects(client: Client) -> dict[str, Project]:
    specs = [("alpha", "one"), ("bravo", "two"), ("charlie", "one"), ("delta", "three")]
    return {name: client.create_project(name=name, description=d) for name, d in specs}


def _names(collection: PaginatedCollection[Any]) -> list[str]:
    return [item.name for item in collection]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (lambda: Project.name == "bravo", {"bravo"}),
        (lambda: Project.name != "bravo", {"alpha", "charlie", "delta"}),
        (lambda: Project.name < "bravo", {"alpha"}),
        (lambda: Project.name > "bravo", {"charlie", "delta"}),
        (lambda: Project.name <= "bravo", {"alpha", "bravo"}),
        (lambda: Project.name >= "charlie", {"charlie", "delta"}),
        (lambda: (Project.name == "alpha") & (Project.description == "one"), {"alpha"}),
        (lambda: (Project.name == "alpha") & (Project.description == "two"), set()),
        (
            lambda: (
                (Project.name > "alpha") & (Project.description == "one") & (Project.uid != "x")
            ),
            {"charlie"},
        ),
    ],
)
def test_get_projects_where(
    client: Client,
    named_projects: dict[str, Project],
    where: Callable[[], Any],
    expected: set[str],
) -> None:
    assert set(_names(client.get_projects(where=where()))) == expected


@pytest.mark.parametrize(
    ("where", "refused"),
    [
        (lambda: (Project.name == "alpha") | (Project.name == "delta"), "OR is not supported"),
        (lambda: ~(Project.description == "one"), "NOT is not supported"),
        (lambda: (Project.name > "alpha") & (Project.name < "delta"), "same field"),
        (
            lambda: (Project.name == "a") & ((Project.description == "b") | (Project.uid == "c")),
            "OR",
        ),
    ],
)
def test_where_shapes_the_api_refuses_fail_before_any_request(
    client: Client, where: Callable[[], Any], refused: str
) -> None:
    """The real server accepts AND of conditions on different fields only (labelbox 2.6.0's
    tests/integration/test_filtering.py); the SDK says so without sending anything."""
    with pytest.raises(lbx.InvalidQueryError, match=refused):
        client.get_projects(where=where())


def test_get_projects_without_where_and_deleted_hidden(
    client: Client, named_projects: dict[str, Project]
) -> None:
    projects = client.get_projects()
    assert isinstance(projects, PaginatedCollection)
    assert sorted(_names(projects)) == ["alpha", "bravo", "charlie", "delta"]
    named_projects["alpha"].delete()
    assert sorted(_names(client.get_projects())) == ["bravo", "charlie", "delta"]
    assert _names(client.get_projects(where=Project.name == "alpha")) == []


def test_get_projects_order_by(client: Client, named_projects: dict[str, Project]) -> None:
    asc = _names(client.get_projects(order_by=(Project.name, Order.Asc)))
    assert asc == ["alpha", "bravo", "charlie", "delta"]
    desc = _names(client.get_projects(order_by=Project.name.desc))
    assert desc == ["delta", "charlie", "bravo", "alpha"]
    filtered = client.get_projects(where=Project.description == "one", order_by=Project.name.desc)
    assert _names(filtered) == ["charlie", "alpha"]
    by_created = list(client.get_projects(order_by=(Project.created_at, Project.name.Order.Asc)))
    assert [p.created_at for p in by_created] == sorted(p.created_at for p in by_created)


def test_get_projects_where_on_datetime(client: Client) -> None:
    first = client.create_project(name="first")
    second = client.create_project(name="second")
    assert second.created_at >= first.created_at
    newer = _names(client.get_projects(where=Project.created_at > first.created_at))
    assert "first" not in newer
    assert set(_names(client.get_projects(where=Project.created_at >= first.created_at))) == {
        "first",
        "second",
    }


def test_where_none_on_data_rows(client: Client) -> None:
    dataset = client.create_dataset(name="d")
    dataset.create_data_row(row_data="https://x/1.jpg")
    dataset.create_data_row(row_data="https://x/2.jpg", external_id="e")
    without = list(dataset.data_rows(where=DataRow.external_id == None))  # noqa: E711
    assert [r.row_data for r in without] == ["https://x/1.jpg"]
    with_id = list(dataset.data_rows(where=DataRow.external_id != None))  # noqa: E711
    assert [r.external_id for r in with_id] == ["e"]


def test_get_datasets_where_and_order(client: Client) -> None:
    for name, description in [("d1", "x"), ("d2", "y"), ("d3", "x")]:
        client.create_dataset(name=name, description=description)
    datasets = client.get_datasets(where=(Dataset.name == "d1") & (Dataset.description == "x"))
    assert _names(datasets) == ["d1"]
    assert _names(
        client.get_datasets(where=Dataset.description == "x", order_by=Dataset.name.desc)
    ) == ["d3", "d1"]
    assert sorted(_names(client.get_datasets())) == ["d1", "d2", "d3"]


def test_get_labeling_frontends(client: Client) -> None:
    frontends = client.get_labeling_frontends()
    assert isinstance(frontends, PaginatedCollection)
    names = _names(frontends)
    assert "Editor" in names
    editor = client.get_labeling_frontends(where=LabelingFrontend.name == "Editor")
    [frontend] = list(editor)
    assert isinstance(frontend, LabelingFrontend) and frontend.name == "Editor"
    assert _names(client.get_labeling_frontends(where=LabelingFrontend.name != "Editor")) == [
        n for n in names if n != "Editor"
    ]
    assert _names(client.get_labeling_frontends(order_by=LabelingFrontend.name.asc)) == sorted(
        names
    )


def test_get_projects_paginates_over_100(client: Client) -> None:
    for i in range(205):
        client.create_project(name=f"p{i:03d}")
    projects = client.get_projects(order_by=Project.name.asc)
    names = _names(projects)
    assert names == [f"p{i:03d}" for i in range(205)]
    assert _names(projects) == names  # re-iterable


# -- where/order_by checked before any request -----------------------------------------
@pytest.fixture
def offline_client() -> Iterator[tuple[Client, list[httpx.Request]]]:
    """A client whose transport records requests and answers 500: a call that raises
    TypeError/ValueError/InvalidAttributeError with no request recorded was checked
    locally."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500, text="should not be called")

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = Client(api_key="k", endpoint="http://emulator.invalid/graphql", http_client=http)
    yield client, sent
    client.close()


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: c.get_projects(where=Dataset.name == "x"), lbx.InvalidAttributeError),
        (lambda c: c.get_datasets(where=Project.name == "x"), lbx.InvalidAttributeError),
        (lambda c: c.get_projects(order_by=(Dataset.name, Order.Asc)), lbx.InvalidAttributeError),
        (lambda c: c.get_projects(where=Project.name == 5), TypeError),
        (lambda c: c.get_projects(where=Project.created_at > "yesterday"), TypeError),
        (lambda c: c.get_projects(where="name = x"), TypeError),
        (lambda c: c.get_projects(order_by=Project.name), TypeError),
        (lambda c: c.get_projects(order_by=(Project.name, "ASC")), TypeError),
        (lambda c: c.create_project(nme="typo"), lbx.InvalidAttributeError),
        (lambda c: c.create_project(name=5), TypeError),
        (lambda c: c.create_dataset(name="x", projects=42), TypeError),
        (lambda c: c.create_dataset(name="x", data_row_count=3), lbx.InvalidAttributeError),
        (lambda c: c.create_dataset(name="x", uid="custom-id"), lbx.InvalidAttributeError),
        (lambda c: c.get_project(None), TypeError),
        (lambda c: c.upload_data(12), TypeError),
    ],
)
def test_local_argument_checks_send_nothing(
    offline_client: tuple[Client, list[httpx.Request]],
    call: Callable[[Client], Any],
    error: type[Exception],
) -> None:
    client, sent = offline_client
    with pytest.raises(error):
        collection = call(client)
        list(collection)
    assert sent == []


def test_upload_missing_local_file(client: Client, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        client.upload_file(tmp_path / "missing.jpg")
