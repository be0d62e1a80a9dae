"""Entities: the generic connect/disconnect, update, delete and bulk-delete mutations, and
entity equality."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from labelbox import Client, DataRow, Dataset, Label, LabelingFrontend, Project
from labelbox import exceptions as lbx


# -- connect / disconnect ------------------------------------------------------------------
def test_connect_and_disconnect_many(client: Client) -> None:
    project = client.create_project(name="p")
    ds1 = client.create_dataset(name="ds1")
    ds2 = client.create_dataset(name="ds2")
    assert list(project.datasets()) == []
    project.datasets.connect(ds1)
    project.datasets.connect(ds2)
    assert {d.name for d in project.datasets()} == {"ds1", "ds2"}
    assert list(ds1.projects()) == [project]
    project.datasets.disconnect(ds1)
    assert [d.name for d in project.datasets()] == ["ds2"]
    assert list(ds1.projects()) == []
    # The API connects them from the project's side only (updateDataset has no projects).
    with pytest.raises(lbx.InvalidQueryError, match=r"project\.datasets\.connect"):
        ds1.projects.connect(project)
    assert [d.name for d in project.datasets()] == ["ds2"]


def test_connect_and_disconnect_one(client: Client, editor: LabelingFrontend) -> None:
    project = client.create_project(name="p")
    project.labeling_frontend.connect(editor)
    assert project.labeling_frontend() == editor
    project.labeling_frontend.disconnect(editor)
    assert project.labeling_frontend() is None


def test_connect_wrong_type(client: Client) -> None:
    project = client.create_project(name="p")
    other = client.create_project(name="q")
    with pytest.raises(TypeError):
        project.datasets.connect(other)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        project.datasets.connect("dataset-id")  # type: ignore[arg-type]


def test_connect_not_connectable_relationship(client: Client) -> None:
    dataset = client.create_dataset(name="d")
    row = dataset.create_data_row(row_data="https://x/1.jpg")
    other = client.create_dataset(name="e")
    with pytest.raises(lbx.InvalidQueryError):
        row.dataset.connect(other)


# -- update ------------------------------------------------------------------------------
def test_update_project(client: Client) -> None:
    project = client.create_project(name="before", description="d")
    created = project.updated_at
    when = datetime(2021, 6, 11, 8, 0, tzinfo=timezone.utc)
    project.update(name="after", description="new", setup_complete=when)
    assert project.name == "after" and project.description == "new"
    assert project.setup_complete == when
    assert project.updated_at >= created
    fetched = client.get_project(project.uid)
    assert (fetched.name, fetched.description, fetched.setup_complete) == ("after", "new", when)


def test_update_dataset_data_row_label_review(client: Client, project: Project) -> None:
    dataset = client.create_dataset(name="ds", projects=project)
    dataset.update(name="renamed", description="described")
    assert client.get_dataset(dataset.uid).name == "renamed"
    row = dataset.create_data_row(row_data="https://x/1.jpg")
    row.update(external_id="ext", row_data="https://x/2.jpg")
    assert dataset.data_row_for_external_id("ext").row_data == "https://x/2.jpg"
    label = project.create_label(data_row=row, label="a")
    label.update(label="b", seconds_to_label=4.0)
    [fetched] = list(project.labels())
    assert fetched.label == "b" and fetched.seconds_to_label == 4.0
    review = label.create_review(score=1)
    review.update(score=-1)
    [fetched_review] = list(label.reviews())
    assert fetched_review.score == -1.0


def test_update_errors(client: Client) -> None:
    project = client.create_project(name="p")
    with pytest.raises(lbx.InvalidAttributeError):
        project.update(nme="typo")
    with pytest.raises(lbx.InvalidAttributeError):
        project.update(created_at=datetime.now(timezone.utc))  # read-only field
    with pytest.raises(TypeError):
        project.update(name=["not", "a", "string"])
    with pytest.raises(TypeError):
        project.update(setup_complete="yesterday")
    assert client.get_project(project.uid).name == "p"


def test_update_deleted_object(client: Client) -> None:
    project = client.create_project(name="p")
    stale = client.get_project(project.uid)
    project.delete()
    with pytest.raises(lbx.ResourceNotFoundError):
        stale.update(name="zombie")


# -- delete ------------------------------------------------------------------------------
def test_delete_project_and_dataset(client: Client) -> None:
    project = client.create_project(name="p")
    dataset = client.create_dataset(name="d", projects=project)
    dataset.delete()
    assert list(project.datasets()) == []
    with pytest.raises(lbx.ResourceNotFoundError):
        client.get_dataset(dataset.uid)
    project.delete()
    assert list(client.get_projects()) == []
    assert list(client.get_datasets()) == []


def test_delete_review_and_label(
    client: Client, project: Project, data_rows: list[DataRow]
) -> None:
    label = project.create_label(data_row=data_rows[0], label="x")
    review = label.create_review(score=1)
    review.delete()
    assert list(label.reviews()) == []
    label.delete()
    assert list(project.labels()) == []


def _data_row_exists(client: Client, uid: str) -> bool:
    result = client.execute("query($id: ID!) { dataRow(where: {id: $id}) { id } }", {"id": uid})
    return result is not None and result["dataRow"] is not None


def test_data_row_delete_and_bulk_delete(
    client: Client, dataset: Dataset, data_rows: list[DataRow]
) -> None:
    data_rows[0].delete()
    assert not _data_row_exists(client, data_rows[0].uid)
    assert _data_row_exists(client, data_rows[1].uid)
    DataRow.bulk_delete(data_rows[1:])
    assert not any(_data_row_exists(client, r.uid) for r in data_rows)
    DataRow.bulk_delete([])  # nothing to do


def test_deleted_data_rows_leave_dataset_listing(
    dataset: Dataset, data_rows: list[DataRow]
) -> None:
    data_rows[0].delete()
    assert {r.uid for r in dataset.data_rows()} == {r.uid for r in data_rows[1:]}
    DataRow.bulk_delete(data_rows[1:])
    assert list(dataset.data_rows()) == []
    with pytest.raises(lbx.ResourceNotFoundError):
        dataset.data_row_for_external_id("row-0")


def test_label_bulk_delete(project: Project, data_rows: list[DataRow]) -> None:
    labels = [project.create_label(data_row=row, label=f"l{i}") for i, row in enumerate(data_rows)]
    keep = labels.pop()
    Label.bulk_delete(labels)
    assert list(project.labels()) == [keep]


def test_bulk_delete_mixed_types(project: Project, data_rows: list[DataRow]) -> None:
    label = project.create_label(data_row=data_rows[0], label="x")
    with pytest.raises(lbx.InvalidQueryError):
        DataRow.bulk_delete([data_rows[0], label])  # type: ignore[list-item]
    assert len(list(project.labels())) == 1


def test_entity_equality_and_hash(client: Client) -> None:
    project = client.create_project(name="p")
    again = client.get_project(project.uid)
    assert project == again and hash(project) == hash(again)
    assert project != client.create_project(name="p")
    assert len({project, again}) == 1
