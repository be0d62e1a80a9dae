"""Project workflows: setup and ontology, labels and export, the labeling queue,
metrics, legacy predictions, reviews and benchmarks."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from labelbox import (
    Benchmark,
    Client,
    DataRow,
    Dataset,
    Label,
    LabelerPerformance,
    LabelingFrontend,
    LabelingFrontendOptions,
    Ontology,
    OntologyBuilder,
    PaginatedCollection,
    Prediction,
    PredictionModel,
    Project,
    Review,
    User,
)
from labelbox import exceptions as lbx
from labelbox.orm.model import Order
from labelbox.schema.ontology import Classification, Option, Tool

from .conftest import download


def ontology_builder() -> OntologyBuilder:
    builder = OntologyBuilder()
    box = Tool(tool=Tool.Type.BBOX, name="car", color="#ff0000")
    box.add_classification(
        Classification(
            class_type=Classification.Type.CHECKLIST,
            instructions="damage",
            options=[Option(value="dent"), Option(value="scratch")],
        )
    )
    builder.add_tool(box)
    builder.add_tool(Tool(tool=Tool.Type.POLYGON, name="road"))
    builder.add_tool(Tool(tool=Tool.Type.NER, name="entity"))
    builder.add_classification(
        Classification(
            class_type=Classification.Type.RADIO,
            instructions="weather",
            options=[Option(value="sunny"), Option(value="rainy")],
        )
    )
    builder.add_classification(
        Classification(class_type=Classification.Type.TEXT, instructions="notes")
    )
    return builder


# -- setup & ontology --------------------------------------------------------------------
def test_setup_with_ontology_builder(project: Project, editor: LabelingFrontend) -> None:
    assert project.setup_complete is None
    empty = project.ontology()  # every project has one from creation, empty until set up
    assert empty is not None and empty.normalized == {"tools": [], "classifications": []}
    builder = ontology_builder()
    project.setup(editor, builder.asdict())
    assert isinstance(project.setup_complete, datetime)
    assert project.labeling_frontend() == editor
    assert [p.uid for p in editor.projects()] == [project.uid]
    [options] = list(project.labeling_frontend_options())
    assert isinstance(options, LabelingFrontendOptions)
    assert json.loads(options.customization_options) == builder.asdict()
    # The real API does not expand an options object's relationships (no
    # labelingFrontendOptions(where: {id}) root): a clear local error says what to use.
    for relationship in (options.project, options.labeling_frontend, options.organization):
        with pytest.raises(lbx.InvalidQueryError, match="does not expand"):
            relationship()

    ontology = project.ontology()
    assert isinstance(ontology, Ontology)
    assert ontology.object_schema_count == 3 and ontology.classification_schema_count == 2
    assert list(ontology.projects()) == [project]
    tools = ontology.tools()
    assert [(t.tool, t.name) for t in tools] == [
        (Tool.Type.BBOX, "car"),
        (Tool.Type.POLYGON, "road"),
        (Tool.Type.NER, "entity"),
    ]
    assert all(isinstance(t, Tool) and t.feature_schema_id and t.schema_id for t in tools)
    assert tools[0].color == "#ff0000"
    [nested] = tools[0].classifications
    assert nested.instructions == "damage" and [o.value for o in nested.options] == [
        "dent",
        "scratch",
    ]
    classifications = ontology.classifications()
    assert [(c.class_type, c.instructions) for c in classifications] == [
        (Classification.Type.RADIO, "weather"),
        (Classification.Type.TEXT, "notes"),
    ]
    assert all(isinstance(c, Classification) and c.feature_schema_id for c in classifications)
    assert [o.value for o in classifications[0].options] == ["sunny", "rainy"]
    # round trip: an OntologyBuilder pulled from the project
    pulled = OntologyBuilder.from_project(project)
    assert [t.name for t in pulled.tools] == ["car", "road", "entity"]
    assert [c.instructions for c in pulled.classifications] == ["weather", "notes"]


def test_setup_with_json_string(project: Project, editor: LabelingFrontend) -> None:
    options = json.dumps({"tools": [{"tool": "point", "name": "dot"}], "classifications": []})
    project.setup(editor, options)
    [stored] = list(project.labeling_frontend_options())
    assert stored.customization_options == options
    ontology = project.ontology()
    assert ontology is not None
    assert [t.name for t in ontology.tools()] == ["dot"] and ontology.classifications() == []


def test_setup_with_legacy_frontend(client: Client, project: Project) -> None:
    legacy = client.get_labeling_frontends(where=LabelingFrontend.name == "Legacy Editor").get_one()
    assert legacy is not None
    project.setup(legacy, {"tools": [], "classifications": []})
    assert project.labeling_frontend() == legacy


def test_setup_bad_arguments(project: Project) -> None:
    with pytest.raises(TypeError):
        project.setup("Editor", {})  # type: ignore[arg-type]
    assert project.labeling_frontend() is None


def test_ontology_builder_inconsistencies() -> None:
    builder = OntologyBuilder()
    builder.add_tool(Tool(tool=Tool.Type.POINT, name="dot"))
    with pytest.raises(lbx.InconsistentOntologyException):
        builder.add_tool(Tool(tool=Tool.Type.POINT, name="dot"))
    radio = Classification(class_type=Classification.Type.RADIO, instructions="q")
    builder.add_classification(radio)
    with pytest.raises(lbx.InconsistentOntologyException):
        builder.asdict()  # a radio needs options
    radio.add_option(Option(value="a"))
    with pytest.raises(lbx.InconsistentOntologyException):
        radio.add_option(Option(value="a"))
    assert builder.asdict()["classifications"][0]["options"][0]["value"] == "a"


# -- labels ------------------------------------------------------------------------------
@pytest.fixture
def two_datasets(client: Client, project: Project) -> tuple[list[DataRow], list[DataRow]]:
    rows = []
    for name in ("A", "B"):
        dataset = client.create_dataset(name=name, projects=project)
        rows.append(
            [dataset.create_data_row(row_data=f"https://x/{name}{i}.jpg") for i in range(2)]
        )
    return rows[0], rows[1]


def test_create_label_and_labels(
    client: Client, project: Project, two_datasets: tuple[list[DataRow], list[DataRow]]
) -> None:
    rows_a, rows_b = two_datasets
    labels = []
    for i, row in enumerate(rows_a + rows_b):
        label = project.create_label(data_row=row, label=f'{{"n": {i}}}', seconds_to_label=i + 1.0)
        assert isinstance(label, Label)
        assert label.label == f'{{"n": {i}}}' and label.seconds_to_label == i + 1.0
        assert label.project() == project and label.data_row() == row
        assert label.created_by() == client.get_user()
        labels.append(label)
    assert isinstance(project.labels(), PaginatedCollection)
    assert {lb.uid for lb in project.labels()} == {lb.uid for lb in labels}
    dataset_a = rows_a[0].dataset()
    dataset_b = rows_b[0].dataset()
    assert dataset_a is not None and dataset_b is not None
    assert {lb.uid for lb in project.labels(datasets=[dataset_a])} == {lb.uid for lb in labels[:2]}
    assert {lb.uid for lb in project.labels(datasets=[dataset_a, dataset_b])} == {
        lb.uid for lb in labels
    }
    assert list(project.labels(datasets=[])) == []
    asc = [
        lb.seconds_to_label for lb in project.labels(order_by=(Label.seconds_to_label, Order.Asc))
    ]
    assert asc == [1.0, 2.0, 3.0, 4.0]
    desc = project.labels(datasets=[dataset_b], order_by=Label.seconds_to_label.desc)
    assert [lb.seconds_to_label for lb in desc] == [4.0, 3.0]
    assert project.last_activity_time is None
    assert isinstance(client.get_project(project.uid).last_activity_time, datetime)


def test_create_label_requires_data_row(project: Project, data_rows: list[DataRow]) -> None:
    with pytest.raises(lbx.InvalidQueryError):
        project.create_label(label="no row")
    with pytest.raises(lbx.InvalidAttributeError):
        project.create_label(data_row=data_rows[0], label="x", stars=5)
    with pytest.raises(TypeError):
        project.create_label(data_row=None, label="x")
    assert list(project.labels()) == []


def test_create_label_warns_deprecation(
    project: Project, data_rows: list[DataRow], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="labelbox"):
        project.create_label(data_row=data_rows[0], label="x")
    assert "deprecated" in caplog.text


def test_export_labels(client: Client, project: Project, data_rows: list[DataRow]) -> None:
    label = project.create_label(
        data_row=data_rows[0], label='{"objects": [1]}', seconds_to_label=3
    )
    label.create_review(score=1)
    url = project.export_labels()
    assert isinstance(url, str) and url.startswith("http://127.0.0.1:")
    exported = json.loads(download(url))
    assert isinstance(exported, list) and len(exported) == 1
    [row] = exported
    assert row["ID"] == label.uid
    assert row["DataRow ID"] == data_rows[0].uid
    assert row["Labeled Data"] == data_rows[0].row_data
    assert row["External ID"] == "row-0"
    assert row["Label"] == {"objects": [1]}
    assert row["Project Name"] == project.name
    assert row["Created By"] == client.get_user().email
    assert [r["score"] for r in row["Reviews"]] == [1]


def test_export_labels_polls_and_times_out(polling_client: Client) -> None:
    project = polling_client.create_project(name="slow export")
    assert project.export_labels(timeout_seconds=0) is None
    url = project.export_labels(timeout_seconds=10)
    assert url is not None
    assert json.loads(download(url)) == []


# -- labeling parameter overrides -------------------------------------------------------
def test_set_and_unset_labeling_parameter_overrides(
    project: Project, data_rows: list[DataRow]
) -> None:
    data_row_1, data_row_2, data_row_3 = data_rows
    assert project.set_labeling_parameter_overrides([(data_row_1, 2, 3), (data_row_2, 1, 4)])
    overrides = {o.data_row().uid: o for o in project.labeling_parameter_overrides()}  # type: ignore[union-attr]
    assert {uid: (o.priority, o.number_of_labels) for uid, o in overrides.items()} == {
        data_row_1.uid: (2, 3),
        data_row_2.uid: (1, 4),
    }
    assert project.set_labeling_parameter_overrides([(data_row_1, 5, 1)])  # upsert
    priorities = {o.priority for o in project.labeling_parameter_overrides()}
    assert priorities == {5, 1}
    assert project.unset_labeling_parameter_overrides([data_row_1, data_row_3])
    [remaining] = list(project.labeling_parameter_overrides())
    assert (remaining.priority, remaining.number_of_labels) == (1, 4)
    assert project.unset_labeling_parameter_overrides([data_row_2]) is True
    assert list(project.labeling_parameter_overrides()) == []


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda rows: [rows[0]], TypeError),
        (lambda rows: [(rows[0], 1)], TypeError),
        (lambda rows: [(rows[0], 1, 1, 1)], TypeError),
        (lambda rows: [[rows[0], 1, 1]], TypeError),
        (lambda rows: [(rows[0].uid, 1, 1)], TypeError),
        (lambda rows: [(rows[0], "1", 1)], TypeError),
        (lambda rows: [(rows[0], 1, 1.5)], TypeError),
        (lambda rows: [(rows[0], True, 1)], TypeError),
        (lambda rows: [(rows[0], 0, 1)], ValueError),
        (lambda rows: [(rows[0], 1, 0)], ValueError),
        (lambda rows: [(rows[0], 1, 1), (rows[1], -1, 1)], ValueError),
    ],
)
def test_set_labeling_parameter_overrides_bad_tuples(
    project: Project, data_rows: list[DataRow], make: Any, error: type[Exception]
) -> None:
    with pytest.raises(error):
        project.set_labeling_parameter_overrides(make(data_rows))
    assert list(project.labeling_parameter_overrides()) == []


def test_unset_labeling_parameter_overrides_bad_items(project: Project) -> None:
    with pytest.raises(TypeError):
        project.unset_labeling_parameter_overrides(["not-a-data-row"])  # type: ignore[list-item]


# -- instructions, review queue, reservations ------------------------------------------
def test_upsert_instructions(
    client: Client, project: Project, editor: LabelingFrontend, tmp_path: Path
) -> None:
    pdf = tmp_path / "instructions.pdf"
    pdf.write_bytes(b"%PDF-1.4 instructions")
    with pytest.raises(ValueError):
        project.upsert_instructions(str(pdf))  # not set up
    project.setup(editor, ontology_builder().asdict())
    for bad in ("instructions.doc", "instructions.pdf.zip", "instructions"):
        path = tmp_path / bad
        path.write_bytes(b"x")
        with pytest.raises(ValueError, match="instructions"):
            project.upsert_instructions(str(path))
    project.upsert_instructions(str(pdf))
    [options] = list(project.labeling_frontend_options())
    customization = json.loads(options.customization_options)
    assert download(customization["projectInstructions"]) == b"%PDF-1.4 instructions"
    assert customization["tools"] == ontology_builder().asdict()["tools"]
    # running it again replaces the instructions
    txt = tmp_path / "v2.txt"
    txt.write_text("version 2")
    project.upsert_instructions(str(txt))
    [options] = list(project.labeling_frontend_options())
    assert (
        download(json.loads(options.customization_options)["projectInstructions"]) == b"version 2"
    )
    assert project.labeling_frontend() == editor


def test_upsert_instructions_other_suffixes(
    project: Project, editor: LabelingFrontend, tmp_path: Path
) -> None:
    project.setup(editor, ontology_builder().asdict())
    for name in ("a.text", "b.html"):
        path = tmp_path / name
        path.write_text(name)
        project.upsert_instructions(str(path))
        [options] = list(project.labeling_frontend_options())
        url = json.loads(options.customization_options)["projectInstructions"]
        assert download(url) == name.encode()


@pytest.mark.parametrize("quota_factor", [0.5, 0.01, 0.99])
def test_upsert_review_queue(project: Project, quota_factor: float) -> None:
    project.upsert_review_queue(quota_factor)
    project.upsert_review_queue(quota_factor)  # upsert


@pytest.mark.parametrize("quota_factor", [0, 1, -0.5, 1.5, 0.0, 1.0])
def test_upsert_review_queue_out_of_range(project: Project, quota_factor: float) -> None:
    with pytest.raises(ValueError):
        project.upsert_review_queue(quota_factor)


def test_upsert_review_queue_bad_type(project: Project) -> None:
    with pytest.raises(TypeError):
        project.upsert_review_queue("0.5")  # type: ignore[arg-type]


@pytest.mark.parametrize("queue_type", ["LabelingQueue", "ReviewQueue"])
def test_extend_reservations(project: Project, queue_type: str) -> None:
    extended = project.extend_reservations(queue_type)
    assert isinstance(extended, int) and extended >= 0


@pytest.mark.parametrize("queue_type", ["labelingqueue", "Queue", "", 5])
def test_extend_reservations_bad_queue_type(project: Project, queue_type: Any) -> None:
    with pytest.raises(lbx.InvalidQueryError):
        project.extend_reservations(queue_type)


# -- metrics -----------------------------------------------------------------------------
def test_labeler_performance(client: Client, project: Project, data_rows: list[DataRow]) -> None:
    assert list(project.labeler_performance()) == []
    for i, row in enumerate(data_rows):
        project.create_label(data_row=row, label="x", seconds_to_label=2.0 * (i + 1))
    performance = project.labeler_performance()
    assert isinstance(performance, PaginatedCollection)
    [mine] = list(performance)
    assert isinstance(mine, LabelerPerformance)
    assert isinstance(mine.user, User) and mine.user == client.get_user()
    assert mine.count == 3
    assert mine.seconds_per_label == pytest.approx(4.0)
    assert mine.total_time_labeling == pytest.approx(12.0)
    assert isinstance(mine.last_activity_time, datetime)
    assert mine.consensus is None or isinstance(mine.consensus, float)
    assert list(performance) == [mine]  # re-iterable


def test_review_metrics(project: Project, data_rows: list[DataRow]) -> None:
    labels = [project.create_label(data_row=row, label="x") for row in data_rows]
    labels.append(project.create_label(data_row=data_rows[0], label="y"))
    labels[0].create_review(score=1)  # positive
    labels[1].create_review(score=-1)  # negative
    labels[2].create_review(score=1)  # zero: +1 -1
    labels[2].create_review(score=-1)
    # labels[3] unreviewed
    assert project.review_metrics(Review.NetScore.Positive) == 1
    assert project.review_metrics(Review.NetScore.Negative) == 1
    assert project.review_metrics(Review.NetScore.Zero) == 1
    assert project.review_metrics(None) == 1
    for score in Review.NetScore:
        assert isinstance(project.review_metrics(score), int)


@pytest.mark.parametrize("net_score", ["Positive", 1, "None", Review])
def test_review_metrics_bad_value(project: Project, net_score: Any) -> None:
    with pytest.raises(lbx.InvalidQueryError):
        project.review_metrics(net_score)


# -- reviews and benchmarks ---------------------------------------------------------------
def test_create_review(client: Client, project: Project, data_rows: list[DataRow]) -> None:
    label = project.create_label(data_row=data_rows[0], label="x")
    review = label.create_review(score=1)
    assert isinstance(review, Review)
    assert review.score == 1.0
    assert review.label() == label and review.project() == project
    assert review.created_by() == client.get_user()
    assert review.organization() == client.get_organization()
    assert list(label.reviews()) == [review]
    assert list(project.reviews()) == [review]
    negative = label.create_review(score=-1.0)
    assert {r.score for r in label.reviews()} == {1.0, -1.0}
    negative.delete()
    assert list(label.reviews()) == [review]
    with pytest.raises(lbx.InvalidQueryError):
        label.create_review()
    with pytest.raises(lbx.InvalidAttributeError):
        label.create_review(score=1, stars=3)


def test_create_and_delete_benchmark(
    client: Client, project: Project, data_rows: list[DataRow]
) -> None:
    label = project.create_label(data_row=data_rows[0], label="x")
    benchmark = label.create_benchmark()
    assert isinstance(benchmark, Benchmark)
    assert benchmark.reference_label() == label
    assert benchmark.created_by() == client.get_user()
    assert list(project.benchmarks()) == [benchmark]
    [fetched] = list(project.labels())
    assert fetched.is_benchmark_reference is True
    benchmark.delete()
    assert list(project.benchmarks()) == []
    [fetched] = list(project.labels())
    assert fetched.is_benchmark_reference is False
    assert list(project.labels()) == [label]  # the label stays


# -- legacy predictions ----------------------------------------------------------------
def test_prediction_model_and_predictions(
    client: Client, project: Project, data_rows: list[DataRow]
) -> None:
    with pytest.raises(lbx.InvalidQueryError):
        project.create_prediction("no model yet", data_rows[0])
    model = project.create_prediction_model("my model", 2)
    assert isinstance(model, PredictionModel)
    assert (model.name, model.version) == ("my model", 2)
    assert model.created_by() == client.get_user()
    assert project.active_prediction_model() == model
    prediction = project.create_prediction("a prediction", data_rows[0])
    assert isinstance(prediction, Prediction)
    assert prediction.label == "a prediction"
    assert prediction.prediction_model() == model
    assert prediction.data_row() == data_rows[0] and prediction.project() == project
    other = project.create_prediction_model("other", 1)
    explicit = project.create_prediction("with explicit model", data_rows[1], model)
    assert explicit.prediction_model() == model
    assert project.active_prediction_model() == other
    assert {p.label for p in project.predictions()} == {"a prediction", "with explicit model"}
    assert [p.label for p in data_rows[0].predictions()] == ["a prediction"]


def test_enable_model_assisted_labeling(client: Client, project: Project) -> None:
    assert project.enable_model_assisted_labeling() is True
    assert project.enable_model_assisted_labeling(True) is True
    assert project.enable_model_assisted_labeling(False) is False
    assert project.enable_model_assisted_labeling(toggle=True) is True
    with pytest.raises(TypeError):
        project.enable_model_assisted_labeling("yes")  # type: ignore[arg-type]
    missing = client.get_project(project.uid)
    missing.delete()
    with pytest.raises(lbx.LabelboxError):
        project.enable_model_assisted_labeling()


def test_project_datasets_relationship(client: Client, project: Project, dataset: Dataset) -> None:
    assert list(project.datasets()) == [dataset]
    assert project.created_by() == client.get_user()
    assert project.organization() == client.get_organization()
