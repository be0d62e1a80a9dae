"""Entities: every documented to-many relationship over more than 100 related rows
(pages of 100, get_one/get_many, where/order_by), and where-expressions refused before
any request."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

from labelbox import (
    Client,
    DataRow,
    Dataset,
    Label,
    LabelingFrontend,
    Ontology,
    Organization,
    PaginatedCollection,
    Project,
    User,
    Webhook,
)
from labelbox import exceptions as lbx
from labelbox.orm.db_object import DbObject
from labelbox_emulator import Emulator

from .test_entities import TO_MANY, builder

# -- >100 rows per to-many relationship ------------------------------------------------
N = 101


@dataclass
class Big:
    emu: Emulator
    client: Client
    sent: list[dict[str, Any]]
    roots: dict[tuple[type[DbObject], str], tuple[DbObject, int]]


@pytest.fixture(scope="module")
def big() -> Iterator[Big]:
    """A separate emulator holding more than 100 related rows behind every documented
    to-many relationship; its client records every JSON request it sends."""
    sent: list[dict[str, Any]] = []

    def record(request: httpx.Request) -> None:
        if request.headers.get("content-type", "").startswith("application/json"):
            sent.append(json.loads(request.content))

    with Emulator(transitions="immediate") as emu:
        http = httpx.Client(event_hooks={"request": [record]})
        with Client(api_key=emu.api_key, endpoint=emu.endpoint, http_client=http) as client:
            yield Big(emu, client, sent, _populate(emu, client))


def _populate(
    emu: Emulator, client: Client
) -> dict[tuple[type[DbObject], str], tuple[DbObject, int]]:
    editor = client.get_labeling_frontends(where=LabelingFrontend.name == "Editor").get_one()
    assert editor is not None
    projects = [client.create_project(name=f"p{i:03d}") for i in range(N)]
    p0 = projects[0]
    shared = client.create_dataset(name="shared", projects=projects)
    for i in range(N):
        client.create_dataset(name=f"d{i:03d}", projects=p0)
    task = shared.create_data_rows(
        [{"row_data": f"https://example.com/{i}.jpg", "external_id": f"e{i}"} for i in range(150)]
    )
    task.wait_till_done(10)
    rows = list(shared.data_rows())
    r0 = rows[0]
    for project in projects:
        project.setup(editor, builder().asdict())
    for _ in range(N - 1):
        p0.setup(editor, builder().asdict())
    labels = [p0.create_label(data_row=r0, label=f"label {i}") for i in range(N)]
    l0 = labels[0]
    for i in range(N):
        l0.create_review(score=1 if i % 2 else -1)
    for label in labels:
        label.create_benchmark()
    for i in range(N):
        r0.create_metadata("TEXT", f"meta {i}")
    model = p0.create_prediction_model("m", 1)
    for i in range(N):
        p0.create_prediction(f"prediction {i}", r0, model)
    for i in range(N):
        Webhook.create(client, [Webhook.Topic.LABEL_CREATED], f"https://h/{i}", "s", p0)
    p0.set_labeling_parameter_overrides([(row, 1 + i % 3, 1) for i, row in enumerate(rows[:N])])
    for i in range(N):
        shared.create_data_rows([{"row_data": f"https://example.com/t{i}.jpg"}])
    user, org, ontology = _seed_store(emu, client, projects)
    return {
        (DataRow, "labels"): (r0, N),
        (DataRow, "metadata"): (r0, N),
        (DataRow, "predictions"): (r0, N),
        (Dataset, "projects"): (shared, N),
        (Dataset, "data_rows"): (shared, 150 + N),
        (Label, "reviews"): (l0, N),
        (LabelingFrontend, "projects"): (editor, N),
        (Ontology, "projects"): (ontology, N),
        (Organization, "users"): (org, N + 1),
        (Organization, "projects"): (org, N),
        (Organization, "webhooks"): (org, N),
        (Project, "datasets"): (p0, N + 1),
        (Project, "reviews"): (p0, N),
        (Project, "labeling_frontend_options"): (p0, N),
        (Project, "labeling_parameter_overrides"): (p0, N),
        (Project, "webhooks"): (p0, N),
        (Project, "benchmarks"): (p0, N),
        (Project, "predictions"): (p0, N),
        (User, "created_tasks"): (user, N + 1),
        (User, "projects"): (user, N),
    }


def _seed_store(
    emu: Emulator, client: Client, projects: list[Project]
) -> tuple[User, Organization, Ontology]:
    """Not creatable through the API: more users and an ontology shared by many projects
    are seeded straight into the emulator's store."""
    store = emu.state.store
    user = client.get_user()
    org = client.get_organization()
    now = datetime.now(timezone.utc).isoformat()
    for i in range(N):
        store.insert(
            "User",
            {
                "id": f"seeded-user-{i:03d}",
                "org_id": org.uid,
                "email": f"user{i}@example.com",
                "isViewer": False,
                "isExternalUser": False,
                "createdAt": now,
                "updatedAt": now,
            },
        )
    ontology = projects[0].ontology()
    assert ontology is not None
    for project in projects:
        store.update("Project", project.uid, {"ontology_id": ontology.uid})
    return user, org, ontology


def _pages(sent: list[dict[str, Any]]) -> list[tuple[int, int]]:
    return [
        (r["variables"].get("skip"), r["variables"].get("first"))
        for r in sent
        if "first" in r.get("variables", {})
    ]


@pytest.mark.parametrize(
    ("cls", "name", "target"), TO_MANY, ids=[f"{c.__name__}.{n}" for c, n, _ in TO_MANY]
)
def test_to_many_pages_of_100_over_more_than_100_rows(
    big: Big, cls: type[DbObject], name: str, target: type[DbObject]
) -> None:
    root, expected = big.roots[(cls, name)]
    collection = getattr(root, name)()
    assert isinstance(collection, PaginatedCollection)
    big.sent.clear()
    items = list(collection)
    assert len(items) == expected
    assert all(isinstance(item, target) for item in items)
    assert len({item.uid for item in items}) == expected
    pages = _pages(big.sent)
    assert pages[:2] == [(0, 100), (100, 100)], pages
    assert len(pages) == (expected // 100) + 1
    # re-iterates from the first page, same rows in the same order
    big.sent.clear()
    assert [item.uid for item in collection] == [item.uid for item in items]
    assert _pages(big.sent)[0] == (0, 100)


def test_project_labels_over_more_than_100_rows(big: Big) -> None:
    root, _ = big.roots[(Project, "datasets")]
    assert isinstance(root, Project)
    labels = root.labels()
    big.sent.clear()
    assert len(list(labels)) == N
    assert _pages(big.sent) == [(0, 100), (100, 100)]
    assert len(list(labels)) == N


def test_get_one_and_get_many(big: Big) -> None:
    root, _ = big.roots[(Project, "datasets")]
    assert isinstance(root, Project)
    big.sent.clear()
    first = root.datasets().get_one()
    assert isinstance(first, Dataset)
    assert _pages(big.sent) == [(0, 100)]
    many = root.datasets().get_many(101)
    assert len(many) == 101 and many[0] == first
    assert len(root.datasets().get_many(500)) == N + 1
    assert root.datasets(where=Dataset.name == "nope").get_one() is None


def test_to_many_where_and_order_by(big: Big) -> None:
    root, _ = big.roots[(Project, "datasets")]
    assert isinstance(root, Project)
    names = [d.name for d in root.datasets(where=Dataset.name < "d005", order_by=Dataset.name.desc)]
    assert names == ["d004", "d003", "d002", "d001", "d000"]
    [one] = list(root.datasets(where=(Dataset.name == "d042") & (Dataset.description != "x")))
    assert one.name == "d042"


# -- where on another entity's attribute is refused before any request ------------------
@pytest.mark.parametrize(
    "call",
    [
        lambda p: p.datasets(where=Project.name == "x"),
        lambda p: p.datasets(where=(Dataset.name == "x") & (Project.name == "y")),
        lambda p: p.datasets(where=(Label.label == "x") & (Dataset.name == "y")),
        lambda p: p.datasets(order_by=Project.name.asc),
        lambda p: p.labels(order_by=Project.name.asc),
        lambda p: p.reviews(where=Label.label == "x"),
    ],
)
def test_where_on_another_entity_raises_before_any_request(
    big: Big, call: Callable[[Project], Any]
) -> None:
    root, _ = big.roots[(Project, "datasets")]
    assert isinstance(root, Project)
    big.sent.clear()
    with pytest.raises(lbx.InvalidAttributeError):
        list(call(root))
    assert big.sent == []


def test_bad_where_value_type_raises_before_any_request(big: Big) -> None:
    root, _ = big.roots[(Project, "datasets")]
    assert isinstance(root, Project)
    big.sent.clear()
    with pytest.raises(TypeError):
        list(root.datasets(where=Dataset.name == 12))
    with pytest.raises(TypeError):
        list(root.datasets(where="name"))  # type: ignore[arg-type]
    assert big.sent == []
