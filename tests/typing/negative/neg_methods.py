"""Cases that MUST fail type checking: entity methods, constructors and enums.

Each line carries the mypy error code(s) it must raise (``# type: ignore[...]``) and the
pyright rule(s) (``# pyright-expect[...]``); tests/typing/test_typing.py checks both,
exactly."""
# pyright: strict, reportUnnecessaryTypeIgnoreComment=error
# Errors that only follow from an earlier one on the line (an Unknown result) are off:
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false
# Calls of deprecated methods are checked as such in neg_deprecated.py, not here:
# pyright: reportDeprecated=false

from __future__ import annotations

from labelbox import (
    AssetMetadata,
    BulkImportRequest,
    Classification,
    Client,
    DataRow,
    Label,
    OntologyBuilder,
    Option,
    Review,
    Tool,
    Webhook,
)
from labelbox.schema.enums import BulkImportRequestState, TaskStatus


def dataset_and_data_rows(client: Client) -> None:
    dataset = client.get_dataset("<dataset_id>")
    dataset.create_data_rows(42)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    dataset.create_data_rows([42])  # type: ignore[list-item]  # pyright-expect[reportArgumentType]
    dataset.create_data_rows(["path/to/file.jpg"], show_progress="yes")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    dataset.data_rows().with_progress(total="10")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project = client.get_project("<project_id>")
    project.export_labels(download=3)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.export_labels(60, False, "labels.json")  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    project.export_issues("Open", "issues.json")  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    dataset.create_data_row("http://host/a.jpg")  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    dataset.data_rows_for_external_id(1)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    dataset.data_rows_for_external_id("x", limit="10")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    dataset.data_row_for_external_id("x", 2)  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    _rows: list[Label] = dataset.data_rows_for_external_id("x")  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    data_row = dataset.data_row_for_external_id("x")
    data_row.create_metadata("TEXT", 3)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    data_row.create_metadata(AssetMetadata.MetaType.TEXT)  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    label = next(iter(data_row.labels()))
    DataRow.bulk_delete([label])  # type: ignore[list-item]  # pyright-expect[reportArgumentType]
    Label.bulk_delete([data_row])  # type: ignore[list-item]  # pyright-expect[reportArgumentType]
    Label.bulk_delete(data_row)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    label.create_benchmark(1)  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    label.create_review(1.0)  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    _ = AssetMetadata.MetaType.PDF  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]


def project_methods(client: Client) -> None:
    project = client.get_project("<project_id>")
    dataset = client.get_dataset("<dataset_id>")
    data_row = dataset.data_row_for_external_id("x")
    frontend = next(iter(client.get_labeling_frontends()))
    project.set_labeling_parameter_overrides([(data_row, "1", 1)])  # type: ignore[list-item]  # pyright-expect[reportArgumentType]
    project.set_labeling_parameter_overrides([(data_row, 1)])  # type: ignore[list-item]  # pyright-expect[reportArgumentType]
    project.set_labeling_parameter_overrides([(dataset, 1, 1)])  # type: ignore[list-item]  # pyright-expect[reportArgumentType]
    project.unset_labeling_parameter_overrides([dataset])  # type: ignore[list-item]  # pyright-expect[reportArgumentType]
    project.upsert_review_queue("0.5")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.review_metrics("Positive")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.review_metrics()  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    project.extend_reservations(1)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.setup(frontend, 3)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.setup("Editor", {})  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.setup(frontend, OntologyBuilder())  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.upsert_instructions(3)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.enable_model_assisted_labeling("yes")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.create_prediction_model("model", "1")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.create_prediction(1, data_row)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.create_prediction("{}", dataset)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.upload_annotations("import", 42)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.upload_annotations("import", [["not", "a", "dict"]])  # type: ignore[list-item]  # pyright-expect[reportArgumentType]
    project.export_labels("60")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    _url: str = project.export_labels()  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    _count: str = project.review_metrics(None)  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    _ = Review.NetScore.Neutral  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]


def task_webhook_bulk_import(client: Client) -> None:
    project = client.get_project("<project_id>")
    task = client.get_dataset("<dataset_id>").create_data_rows([])
    task.wait_till_done("10")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    _status: BulkImportRequestState = task.status  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    _ = TaskStatus.DONE  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]
    Webhook.create(client, ["LABEL_CREATED"], 1, "secret", None)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    Webhook.create(client, ["LABEL_CREATED"], "https://host", "secret")  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    Webhook.create(client, [1], "https://host", "secret", project)  # type: ignore[list-item]  # pyright-expect[reportArgumentType]
    Webhook.create(client, ["LABEL_CREATED"], "https://host", "secret", "<project_id>")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    webhook = next(iter(project.webhooks()))
    webhook.update(status=1)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    webhook.update(secret="s")  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    _ = Webhook.Topic.LABEL_EXPLODED  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]
    request = project.upload_annotations("import", "https://host/a.ndjson")
    request.wait_until_done("1")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    request.wait_until_done(show_progress="yes")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    _state: TaskStatus = request.state  # type: ignore[assignment]  # pyright-expect[reportAssignmentType]
    BulkImportRequest.create_from_url(client, 1, "n", "https://host/a.ndjson")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    BulkImportRequest.from_name(client, project, "n")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]


def ontology() -> None:
    Tool(tool="rectangle", name="box")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    Tool(Tool.Type.BBOX)  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    Classification(class_type="radio", instructions="q")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    classification = Classification(Classification.Type.TEXT, "q")
    OntologyBuilder(tools=[classification])  # type: ignore[list-item]  # pyright-expect[reportArgumentType]
    builder = OntologyBuilder()
    builder.add_tool(classification)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    builder.add_classification(Tool(Tool.Type.POINT, "p"))  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    classification.add_option("yes")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    Option(value=1)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    _ = Tool.Type.CIRCLE  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]
