"""Argument checks happen locally: a bad call raises TypeError/ValueError (or the
documented labelbox exception) before the client sends any request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from labelbox import (
    Client,
    DataRow,
    Dataset,
    Label,
    PaginatedCollection,
    Project,
    Webhook,
)
from labelbox import exceptions as lbx


@dataclass
class Objects:
    client: Client
    project: Project
    dataset: Dataset
    data_row: DataRow
    label: Label
    webhook: Webhook


@pytest.fixture
def objects(recording_client: tuple[Client, list[httpx.Request]]) -> Objects:
    client, sent = recording_client
    project = client.create_project(name="p")
    dataset = client.create_dataset(name="d", projects=project)
    data_row = dataset.create_data_row(row_data="https://x/1.jpg")
    label = project.create_label(data_row=data_row, label="x")
    webhook = Webhook.create(client, [Webhook.Topic.LABEL_CREATED], "https://h", "s", project)
    sent.clear()
    return Objects(client, project, dataset, data_row, label, webhook)


CASES: list[tuple[str, Callable[[Objects], Any], type[Exception]]] = [
    ("get_project(int)", lambda o: o.client.get_project(5), TypeError),
    ("get_dataset(None)", lambda o: o.client.get_dataset(None), TypeError),
    ("execute(int)", lambda o: o.client.execute(5), TypeError),
    (
        "create_project unknown",
        lambda o: o.client.create_project(nme="x"),
        lbx.InvalidAttributeError,
    ),
    ("create_project bad type", lambda o: o.client.create_project(name=5), TypeError),
    (
        "create_dataset bad relation",
        lambda o: o.client.create_dataset(name="x", projects=3.5),
        TypeError,
    ),
    (
        "get_projects foreign where",
        lambda o: o.client.get_projects(where=Dataset.name == "x"),
        lbx.InvalidAttributeError,
    ),
    ("get_projects bad value", lambda o: o.client.get_projects(where=Project.name == 1), TypeError),
    ("update unknown", lambda o: o.project.update(nme="x"), lbx.InvalidAttributeError),
    ("update bad type", lambda o: o.project.update(name=5), TypeError),
    (
        "datasets foreign where",
        lambda o: o.project.datasets(where=Project.name == "x"),
        lbx.InvalidAttributeError,
    ),
    (
        "datasets foreign order",
        lambda o: o.project.datasets(order_by=Label.label.asc),
        lbx.InvalidAttributeError,
    ),
    (
        "labels foreign order",
        lambda o: o.project.labels(order_by=Project.name.asc),
        lbx.InvalidAttributeError,
    ),
    (
        "labels datasets not Dataset",
        lambda o: o.project.labels(datasets=[o.dataset.uid]),
        TypeError,
    ),
    (
        "prediction data row id",
        lambda o: o.project.create_prediction("x", o.data_row.uid),
        TypeError,
    ),
    (
        "prediction model type",
        lambda o: o.project.create_prediction("x", o.data_row, o.project),
        TypeError,
    ),
    ("connect wrong type", lambda o: o.project.datasets.connect(o.project), TypeError),
    ("setup not a frontend", lambda o: o.project.setup("Editor", {}), TypeError),
    (
        "create_label no data row",
        lambda o: o.project.create_label(label="x"),
        lbx.InvalidQueryError,
    ),
    (
        "overrides priority 0",
        lambda o: o.project.set_labeling_parameter_overrides([(o.data_row, 0, 1)]),
        ValueError,
    ),
    (
        "overrides str priority",
        lambda o: o.project.set_labeling_parameter_overrides([(o.data_row, "1", 1)]),
        TypeError,
    ),
    (
        "overrides short tuple",
        lambda o: o.project.set_labeling_parameter_overrides([(o.data_row, 1)]),
        TypeError,
    ),
    (
        "unset overrides bad item",
        lambda o: o.project.unset_labeling_parameter_overrides(["x"]),
        TypeError,
    ),
    ("review queue 1.5", lambda o: o.project.upsert_review_queue(1.5), ValueError),
    ("review queue 0", lambda o: o.project.upsert_review_queue(0), ValueError),
    ("instructions before setup", lambda o: o.project.upsert_instructions("a.pdf"), ValueError),
    ("extend reservations", lambda o: o.project.extend_reservations("Bad"), lbx.InvalidQueryError),
    ("review metrics", lambda o: o.project.review_metrics("Positive"), lbx.InvalidQueryError),
    ("model assisted toggle", lambda o: o.project.enable_model_assisted_labeling(1), TypeError),
    ("annotations empty", lambda o: o.project.upload_annotations("n", []), ValueError),
    ("annotations number", lambda o: o.project.upload_annotations("n", 42), ValueError),
    (
        "create_data_row no row_data",
        lambda o: o.dataset.create_data_row(external_id="x"),
        lbx.InvalidQueryError,
    ),
    (
        "create_data_row unknown",
        lambda o: o.dataset.create_data_row(row_data="u", colour=1),
        lbx.InvalidAttributeError,
    ),
    (
        "create_data_rows unknown",
        lambda o: o.dataset.create_data_rows([{"row_data": "u", "colour": 1}]),
        lbx.InvalidAttributeError,
    ),
    (
        "create_data_rows no row_data",
        lambda o: o.dataset.create_data_rows([{"external_id": "x"}]),
        lbx.InvalidQueryError,
    ),
    (
        "create_data_rows bad item",
        lambda o: o.dataset.create_data_rows([42]),
        lbx.InvalidQueryError,
    ),
    (
        "create_data_rows missing file",
        lambda o: o.dataset.create_data_rows(["/no/such.jpg"]),
        lbx.InvalidQueryError,
    ),
    ("external id not str", lambda o: o.dataset.data_rows_for_external_id(5), TypeError),
    (
        "create_data_rows None",
        lambda o: o.dataset.create_data_rows([{"row_data": None}]),
        TypeError,
    ),
    ("create_data_rows int", lambda o: o.dataset.create_data_rows([{"row_data": 123}]), TypeError),
    (
        "create_data_rows NaN",
        lambda o: o.dataset.create_data_rows([{"row_data": float("nan")}]),
        ValueError,
    ),
    (
        "create_data_rows NaN external id",
        lambda o: o.dataset.create_data_rows(
            [{"row_data": "https://x/1", "external_id": float("nan")}]
        ),
        ValueError,
    ),
    ("update required name to None", lambda o: o.project.update(name=None), TypeError),
    (
        "update name to NaN",
        lambda o: o.project.update(auto_audit_percentage=float("nan")),
        ValueError,
    ),
    (
        "create_dataset(projects=Dataset)",
        lambda o: o.client.create_dataset(name="d", projects=o.dataset),
        TypeError,
    ),
    (
        "create_data_row row_data None",
        lambda o: o.dataset.create_data_row(row_data=None),
        TypeError,
    ),
    ("metadata type", lambda o: o.data_row.create_metadata("AUDIO", "x"), ValueError),
    ("metadata value", lambda o: o.data_row.create_metadata("TEXT", 5), TypeError),
    ("review without score", lambda o: o.label.create_review(), lbx.InvalidQueryError),
    (
        "bulk delete mixed",
        lambda o: DataRow.bulk_delete([o.data_row, o.label]),
        lbx.InvalidQueryError,
    ),
    ("webhook topic", lambda o: Webhook.create(o.client, ["BAD"], "u", "s", None), ValueError),
    (
        "webhook topics str",
        lambda o: Webhook.create(o.client, "LABEL_CREATED", "u", "s", None),
        TypeError,
    ),
    ("webhook update topic", lambda o: o.webhook.update(topics=["BAD"]), ValueError),
    ("webhook update status", lambda o: o.webhook.update(status="BAD"), ValueError),
    ("upload_data int", lambda o: o.client.upload_data(5), TypeError),
]


@pytest.mark.parametrize(("call", "error"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_checked_before_any_request(
    objects: Objects,
    recording_client: tuple[Client, list[httpx.Request]],
    call: Callable[[Objects], Any],
    error: type[Exception],
) -> None:
    _, sent = recording_client
    with pytest.raises(error):
        result = call(objects)
        if isinstance(result, PaginatedCollection):
            list(result)
    assert [r.content[:80] for r in sent] == []


def test_entities_from_documented_constructor(client: Client) -> None:
    """``Project(client, field_values)``: server values (camelCase) → an entity."""
    project = client.create_project(name="p", description="d")
    values = project._model.model_dump(by_alias=True)
    rebuilt = Project(client, values)
    assert rebuilt == project and rebuilt.name == "p"
    assert rebuilt.datasets() is not None
    with pytest.raises(TypeError):
        Project(client, {"id": "only an id"})


def test_paginated_collection_documented_constructor(client: Client) -> None:
    """``PaginatedCollection(client, query, params, dereferencing, obj_class)``."""
    for i in range(150):
        client.create_project(name=f"p{i:03d}")
    fields = " ".join(
        info.alias or name
        for name, info in type(client.create_project(name="zzz")._model).model_fields.items()
    )
    query = (
        "query($n: String) { projects(where: {name_lt: $n}, skip: %d, first: %d, "
        f"orderBy: name_ASC) {{ {fields} }} }}"
    )
    collection = PaginatedCollection(client, query, {"n": "zzz"}, ["projects"], Project)
    names = [p.name for p in collection]
    assert names == [f"p{i:03d}" for i in range(150)]
    assert [p.name for p in collection] == names
    assert all(isinstance(p, Project) for p in collection)
