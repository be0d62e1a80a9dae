"""Entities: every documented field with its Python type, every relationship, and the
generic update/delete/connect/disconnect/bulk-delete mutations."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

from labelbox import (
    AssetMetadata,
    Benchmark,
    BulkImportRequest,
    Client,
    DataRow,
    Dataset,
    Label,
    LabelingFrontend,
    LabelingFrontendOptions,
    LabelingParameterOverride,
    Ontology,
    OntologyBuilder,
    Organization,
    PaginatedCollection,
    Prediction,
    PredictionModel,
    Project,
    Review,
    Task,
    User,
    Webhook,
)
from labelbox import exceptions as lbx
from labelbox.orm.db_object import DbObject
from labelbox.orm.model import Field, ToMany, ToOne
from labelbox.schema.ontology import Classification, Option, Tool
from labelbox_emulator import Emulator


def builder() -> OntologyBuilder:
    return OntologyBuilder(
        tools=[Tool(tool=Tool.Type.BBOX, name="box")],
        classifications=[
            Classification(
                class_type=Classification.Type.RADIO,
                instructions="quality",
                options=[Option(value="good"), Option(value="bad")],
            )
        ],
    )


# -- one of everything -----------------------------------------------------------------
@dataclass
class World:
    client: Client
    project: Project
    dataset: Dataset
    data_row: DataRow
    metadata: AssetMetadata
    label: Label
    review: Review
    benchmark: Benchmark
    prediction_model: PredictionModel
    prediction: Prediction
    webhook: Webhook
    task: Task
    bulk_import_request: BulkImportRequest
    user: User
    organization: Organization
    frontend: LabelingFrontend
    ontology: Ontology
    frontend_options: LabelingFrontendOptions
    override: LabelingParameterOverride

    def entity(self, cls: type[DbObject]) -> DbObject:
        for value in vars(self).values():
            if type(value) is cls:
                assert isinstance(value, DbObject)
                return value
        raise LookupError(cls)


@pytest.fixture
def world(client: Client, editor: LabelingFrontend) -> World:
    project = client.create_project(name="world", description="everything")
    dataset = client.create_dataset(name="world ds", description="rows", projects=project)
    data_row = dataset.create_data_row(row_data="https://example.com/1.jpg", external_id="r1")
    metadata = data_row.create_metadata("TEXT", "some context")
    project.setup(editor, builder().asdict())
    project.update(auto_audit_number_of_labels=2, auto_audit_percentage=0.5)
    label = project.create_label(data_row=data_row, label='{"objects": []}', seconds_to_label=2.5)
    review = label.create_review(score=1)
    benchmark = label.create_benchmark()
    model = project.create_prediction_model("model", 3)
    prediction = project.create_prediction("prediction", data_row)
    webhook = Webhook.create(client, [Webhook.Topic.LABEL_CREATED], "https://hook", "s", project)
    task = dataset.create_data_rows([{DataRow.row_data: "https://example.com/2.jpg"}])
    task.wait_till_done(timeout_seconds=10)
    annotations = [{"uuid": "u1", "dataRow": {"id": data_row.uid}, "schemaId": "x"}]
    bulk = project.upload_annotations("import", annotations, validate=False)
    project.set_labeling_parameter_overrides([(data_row, 1, 2)])
    project = client.get_project(project.uid)
    ontology = project.ontology()
    assert ontology is not None
    return World(
        client=client,
        project=project,
        dataset=dataset,
        data_row=data_row,
        metadata=metadata,
        label=label,
        review=review,
        benchmark=benchmark,
        prediction_model=model,
        prediction=prediction,
        webhook=webhook,
        task=task,
        bulk_import_request=bulk,
        user=client.get_user(),
        organization=client.get_organization(),
        frontend=editor,
        ontology=ontology,
        frontend_options=next(iter(project.labeling_frontend_options())),
        override=next(iter(project.labeling_parameter_overrides())),
    )


NoneType = type(None)
#: (entity, field, type(s)) exactly as documented; the generated schema decides what
#: may be null, so "T | None" marks fields the emulator leaves unset.
FIELDS: list[tuple[type[DbObject], str, Any]] = [
    (AssetMetadata, "meta_type", str),
    (AssetMetadata, "meta_value", str),
    (Benchmark, "created_at", datetime),
    (Benchmark, "last_activity", (datetime, NoneType)),
    (Benchmark, "average_agreement", (float, NoneType)),
    (Benchmark, "completed_count", (int, NoneType)),
    (BulkImportRequest, "name", str),
    (BulkImportRequest, "state", str),
    (BulkImportRequest, "input_file_url", str),
    (BulkImportRequest, "error_file_url", str),
    (BulkImportRequest, "status_file_url", str),
    (BulkImportRequest, "created_at", datetime),
    (DataRow, "external_id", str),
    (DataRow, "row_data", str),
    (DataRow, "updated_at", datetime),
    (DataRow, "created_at", datetime),
    (Dataset, "name", str),
    (Dataset, "description", str),
    (Dataset, "updated_at", datetime),
    (Dataset, "created_at", datetime),
    (Label, "label", str),
    (Label, "seconds_to_label", float),
    (Label, "agreement", (float, NoneType)),
    (Label, "benchmark_agreement", (float, NoneType)),
    (Label, "is_benchmark_reference", bool),
    (LabelingFrontend, "name", str),
    (LabelingFrontend, "description", str),
    (LabelingFrontend, "iframe_url_path", str),
    (LabelingFrontendOptions, "customization_options", str),
    (LabelingParameterOverride, "priority", int),
    (LabelingParameterOverride, "number_of_labels", int),
    (Ontology, "name", str),
    (Ontology, "description", (str, NoneType)),
    (Ontology, "updated_at", datetime),
    (Ontology, "created_at", datetime),
    (Ontology, "normalized", dict),
    (Ontology, "object_schema_count", int),
    (Ontology, "classification_schema_count", int),
    (Organization, "updated_at", datetime),
    (Organization, "created_at", datetime),
    (Organization, "name", str),
    (Prediction, "updated_at", datetime),
    (Prediction, "created_at", datetime),
    (Prediction, "label", str),
    (Prediction, "agreement", (float, NoneType)),
    (PredictionModel, "updated_at", datetime),
    (PredictionModel, "created_at", datetime),
    (PredictionModel, "name", str),
    (PredictionModel, "slug", (str, NoneType)),
    (PredictionModel, "version", int),
    (Project, "name", str),
    (Project, "description", str),
    (Project, "updated_at", datetime),
    (Project, "created_at", datetime),
    (Project, "setup_complete", datetime),
    (Project, "last_activity_time", datetime),
    (Project, "auto_audit_number_of_labels", int),
    (Project, "auto_audit_percentage", float),
    (Review, "created_at", datetime),
    (Review, "updated_at", datetime),
    (Review, "score", float),
    (Task, "updated_at", datetime),
    (Task, "created_at", datetime),
    (Task, "name", str),
    (Task, "status", str),
    (Task, "completion_percentage", float),
    (User, "updated_at", datetime),
    (User, "created_at", datetime),
    (User, "email", str),
    (User, "name", str),
    (User, "nickname", str),
    (User, "intercom_hash", (str, NoneType)),
    (User, "picture", (str, NoneType)),
    (User, "is_viewer", bool),
    (User, "is_external_viewer", bool),
    (Webhook, "updated_at", datetime),
    (Webhook, "created_at", datetime),
    (Webhook, "url", str),
    (Webhook, "topics", list),
    (Webhook, "status", str),
]


def test_every_documented_field_has_its_type(world: World) -> None:
    for cls, name, expected in FIELDS:
        assert isinstance(cls.__dict__.get(name) or getattr(cls, name), Field), (cls, name)
        obj = world.entity(cls)
        value = getattr(obj, name)
        assert isinstance(value, expected), (cls.__name__, name, value)
        if isinstance(value, datetime):
            assert value.tzinfo is not None, (cls.__name__, name)
    for obj in vars(world).values():
        if isinstance(obj, DbObject):
            assert isinstance(obj.uid, str) and obj.uid
            assert obj.uid in repr(obj)
    assert all(isinstance(t, str) for t in world.webhook.topics)
    assert world.webhook.topics == ["LABEL_CREATED"]
    assert world.webhook.status == "ACTIVE" == Webhook.Status.ACTIVE
    assert world.metadata.meta_type == "TEXT" == AssetMetadata.MetaType.TEXT
    assert world.task.status == "COMPLETE"
    assert world.review.score == 1.0
    assert world.label.seconds_to_label == 2.5
    assert world.project.auto_audit_number_of_labels == 2
    assert world.project.auto_audit_percentage == 0.5
    assert world.prediction_model.version == 3
    assert world.override.priority == 1 and world.override.number_of_labels == 2


#: (entity, relationship, target) exactly as documented.
TO_ONE: list[tuple[type[DbObject], str, type[DbObject]]] = [
    (Benchmark, "created_by", User),
    (Benchmark, "reference_label", Label),
    (BulkImportRequest, "project", Project),
    (BulkImportRequest, "created_by", User),
    (DataRow, "dataset", Dataset),
    (DataRow, "created_by", User),
    (DataRow, "organization", Organization),
    (Dataset, "created_by", User),
    (Dataset, "organization", Organization),
    (Label, "project", Project),
    (Label, "data_row", DataRow),
    (Label, "created_by", User),
    (Ontology, "created_by", User),
    (Prediction, "organization", Organization),
    (Prediction, "prediction_model", PredictionModel),
    (Prediction, "data_row", DataRow),
    (Prediction, "project", Project),
    (PredictionModel, "created_by", User),
    (PredictionModel, "organization", Organization),
    (Project, "created_by", User),
    (Project, "organization", Organization),
    (Project, "labeling_frontend", LabelingFrontend),
    (Project, "active_prediction_model", PredictionModel),
    (Project, "ontology", Ontology),
    (Review, "created_by", User),
    (Review, "organization", Organization),
    (Review, "project", Project),
    (Review, "label", Label),
    (Task, "created_by", User),
    (Task, "organization", Organization),
    (User, "organization", Organization),
    (Webhook, "project", Project),
    (Webhook, "created_by", User),
    (Webhook, "organization", Organization),
]


def test_every_to_one_relationship(world: World) -> None:
    for cls, name, target in TO_ONE:
        assert isinstance(getattr(cls, name), ToOne), (cls, name)
        related = getattr(world.entity(cls), name)()
        assert isinstance(related, target), (cls.__name__, name, related)
        if target in (User, Organization, Project, LabelingFrontend, Label, DataRow, Dataset):
            expected = {
                User: world.user,
                Organization: world.organization,
                Project: world.project,
                LabelingFrontend: world.frontend,
                Label: world.label,
                DataRow: world.data_row,
                Dataset: world.dataset,
            }[target]
            assert related == expected, (cls.__name__, name)
    assert world.project.active_prediction_model() == world.prediction_model
    assert world.project.ontology() == world.ontology


def test_to_one_without_a_target_is_none(client: Client) -> None:
    project = client.create_project(name="bare")
    assert project.labeling_frontend() is None
    assert project.active_prediction_model() is None
    ontology = project.ontology()  # every project has one (empty) from creation
    assert ontology is not None and ontology.normalized == {"tools": [], "classifications": []}
    org_hook = Webhook.create(client, [Webhook.Topic.LABEL_CREATED], "https://h", "s", None)
    assert org_hook.project() is None


#: (entity, relationship, target) exactly as documented.
TO_MANY: list[tuple[type[DbObject], str, type[DbObject]]] = [
    (DataRow, "labels", Label),
    (DataRow, "metadata", AssetMetadata),
    (DataRow, "predictions", Prediction),
    (Dataset, "projects", Project),
    (Dataset, "data_rows", DataRow),
    (Label, "reviews", Review),
    (LabelingFrontend, "projects", Project),
    (Ontology, "projects", Project),
    (Organization, "users", User),
    (Organization, "projects", Project),
    (Organization, "webhooks", Webhook),
    (Project, "datasets", Dataset),
    (Project, "reviews", Review),
    (Project, "labeling_frontend_options", LabelingFrontendOptions),
    (Project, "labeling_parameter_overrides", LabelingParameterOverride),
    (Project, "webhooks", Webhook),
    (Project, "benchmarks", Benchmark),
    (Project, "predictions", Prediction),
    (User, "created_tasks", Task),
    (User, "projects", Project),
]


def test_every_to_many_relationship_in_the_small(world: World) -> None:
    for cls, name, target in TO_MANY:
        assert isinstance(getattr(cls, name), ToMany), (cls, name)
        collection = getattr(world.entity(cls), name)()
        assert isinstance(collection, PaginatedCollection), (cls.__name__, name)
        items = list(collection)
        assert items, (cls.__name__, name)
        assert all(isinstance(item, target) for item in items), (cls.__name__, name)
    assert list(world.data_row.labels()) == [world.label]
    assert [m.uid for m in world.data_row.metadata()] == [world.metadata.uid]
    assert list(world.label.reviews()) == [world.review]
    assert list(world.project.benchmarks()) == [world.benchmark]
    assert list(world.project.predictions()) == [world.prediction]
    assert list(world.project.webhooks()) == [world.webhook]
    assert list(world.organization.users()) == [world.user]
    assert list(world.user.created_tasks()) == [world.task]


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
    store = emu.state.store
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
    # Not creatable through the API: more users and an ontology shared by many projects
    # are seeded straight into the emulator's store.
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
    ontology = p0.ontology()
    assert ontology is not None
    for project in projects:
        store.update("Project", project.uid, {"ontology_id": ontology.uid})
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
